"""Network measures of a view (govgraph.network.project): who is central, who brokers, who clusters.

Every measure is deterministic: the same graph gives the same rows, whatever the order in which
its nodes and edges were added. Paths count steps (hops): an interlock's weight says how close
two members are, not how far apart, so it is used for communities, not for path lengths.

- betweenness: normalised shortest-path betweenness, exact up to EXACT_LIMIT nodes and
  estimated above it from SAMPLE_SOURCES source nodes drawn with a fixed seed.
- cross_level: betweenness restricted to the shortest paths between two nodes of different
  levels of government (the sum over ordered level pairs A ≠ B of
  nx.betweenness_centrality_subset with sources A and targets B), divided by the number of
  such pairs that do not include the node itself: the share of cross-level shortest paths
  that pass through it, the bodies that broker between levels. Nodes without a level take
  part as intermediaries only.
- component: 1 is the largest connected component; ties by the smallest CURIE.
- community: Louvain (fixed seed) on the simple weighted graph (parallel edges summed);
  numbered 1.. by decreasing size, ties by the smallest CURIE.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from govgraph.namespaces import PREFIXES, curie

__all__ = ["COLUMNS", "EXACT_LIMIT", "SAMPLE_SOURCES", "SEED", "analyze", "summary"]

COLUMNS = [
    "curie",
    "label",
    "kind",
    "level",
    "jurisdiction_id",
    "degree",
    "betweenness",
    "cross_level",
    "component",
    "community",
]
EXACT_LIMIT = 2000  # nodes: exact betweenness up to here, sampled above
SAMPLE_SOURCES = 500  # source nodes sampled above EXACT_LIMIT
SEED = 42
DIGITS = 4


def _curie(graph: nx.Graph, node: str) -> str:
    """The node's CURIE attribute, else its IRI shortened."""
    return str(graph.nodes[node].get("curie") or curie(node))


def simple(graph: nx.Graph) -> nx.Graph:
    """A simple graph of the same nodes, sorted, one edge per pair weighted by the edges' sum."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, weight in graph.edges(data="weight", default=1):
        if u != v:
            weights[(min(u, v), max(u, v))] += weight if weight is not None else 1
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes(data=True)))
    out.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return out


def _sample(nodes: Iterable[str]) -> list[str] | None:
    """The source nodes to sample (seeded), or None when every node is a source."""
    ordered = sorted(nodes)
    if len(ordered) <= EXACT_LIMIT:
        return None
    return sorted(random.Random(SEED).sample(ordered, SAMPLE_SOURCES))


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness: exact up to EXACT_LIMIT nodes, sampled (seeded) above."""
    if graph.number_of_nodes() > EXACT_LIMIT:
        return dict(nx.betweenness_centrality(graph, k=SAMPLE_SOURCES, seed=SEED))
    return dict(nx.betweenness_centrality(graph))


def cross_level(graph: nx.Graph) -> dict[str, float]:
    """Share of the shortest paths between nodes of different levels that pass through each node."""
    by_level: dict[str, list[str]] = defaultdict(list)
    for node, level in sorted(graph.nodes(data="level")):
        if level:
            by_level[level].append(node)
    leveled = [n for nodes in by_level.values() for n in nodes]
    sampled = _sample(leveled)
    chosen = set(sampled) if sampled is not None else None
    raw = dict.fromkeys(graph, 0.0)
    for level, sources in sorted(by_level.items()):
        if chosen is not None:
            sources = [s for s in sources if s in chosen]
        # One call per source level with every other level as targets: the same sum as one
        # call per ordered pair of levels, with a third of the searches.
        targets = [n for other, nodes in by_level.items() if other != level for n in nodes]
        if not sources or not targets:
            continue
        part = nx.betweenness_centrality_subset(graph, sources, targets, normalized=False)
        for node, value in part.items():
            raw[node] += value
    # Undirected: the subset measure halves each ordered pair, so raw sums unordered pairs.
    scale = len(leveled) / len(sampled) if sampled else 1.0
    sizes = {level: len(nodes) for level, nodes in by_level.items()}
    pairs = (sum(sizes.values()) ** 2 - sum(s * s for s in sizes.values())) // 2
    levels = dict(graph.nodes(data="level"))
    result = {}
    for node, value in raw.items():
        own = levels.get(node)
        others = len(leveled) - sizes[own] if own else 0
        possible = pairs - others
        result[node] = value * scale / possible if possible > 0 else 0.0
    return result


def _numbered(groups: Iterable[Iterable[str]], graph: nx.Graph) -> dict[str, int]:
    """Number groups of nodes 1.. by decreasing size, then by their smallest CURIE."""
    keyed = [(len(g), min(_curie(graph, n) for n in g), g) for g in map(list, groups) if g]
    keyed.sort(key=lambda item: (-item[0], item[1]))
    return {node: number for number, (_, _, g) in enumerate(keyed, start=1) for node in g}


def components(graph: nx.Graph) -> dict[str, int]:
    """Connected component of each node: 1 the largest."""
    return _numbered(nx.connected_components(graph), graph)


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain community of each node (fixed seed): 1 the largest."""
    found = nx.community.louvain_communities(simple(graph), weight="weight", seed=SEED)
    return _numbered(found, graph)


def analyze(graph: nx.Graph, top: int | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One row per node with its measures, the most between first; top limits the rows."""
    flat = simple(graph)
    between = betweenness(flat)
    cross = cross_level(flat)
    component = components(flat)
    community = communities(flat)
    rows = []
    for node, data in sorted(graph.nodes(data=True)):
        rows.append(
            (
                _curie(graph, node),
                data.get("label"),
                data.get("kind"),
                data.get("level"),
                curie(PREFIXES["juris"] + data["jurisdiction"])
                if data.get("jurisdiction")
                else None,
                graph.degree(node),
                round(between[node], DIGITS),
                round(cross[node], DIGITS),
                component[node],
                community[node],
            )
        )
    rows.sort(key=lambda row: (-row[6], -row[5], row[0]))
    return list(COLUMNS), rows[:top] if top is not None else rows


def summary(graph: nx.Graph) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A few measures of the whole graph, as (measure, value) rows."""
    flat = simple(graph)
    parts = list(nx.connected_components(flat))
    found = set(communities(flat).values())
    rows: list[tuple[Any, ...]] = [
        ("nodes", graph.number_of_nodes()),
        ("edges", graph.number_of_edges()),
        ("components", len(parts)),
        ("largest_component", max((len(p) for p in parts), default=0)),
        ("communities", len(found)),
        ("density", round(nx.density(flat), DIGITS) if len(flat) > 1 else 0.0),
    ]
    return ["measure", "value"], rows
