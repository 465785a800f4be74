"""Network measures of a view (govgraph.network.project): who is central, who brokers, who clusters.

Every measure is deterministic: the same graph gives the same rows, whatever the order in which
its nodes and edges were added. Paths count steps (hops): an interlock's weight says how close
two members are, not how far apart, so it is used for communities, not for path lengths.

The view (a networkx graph) is turned once into a simple igraph graph (vertex i is the i-th
node IRI in sorted order, parallel edges summed into one weight, self-loops dropped) and every
measure runs in igraph's C core, so the measures finish at millions of triples.

- betweenness: normalised shortest-path betweenness, exact up to EXACT_LIMIT nodes and
  estimated above it from SAMPLE_SOURCES source nodes drawn with a fixed seed (the same
  sources and the same estimate as nx.betweenness_centrality(k=SAMPLE_SOURCES, seed=SEED)).
- cross_level: betweenness restricted to the shortest paths between two nodes of different
  levels of government (over the pairs {a, b} of different levels, the share of the shortest
  a-b paths through the node), divided by the number of such pairs that do not include the
  node itself: the share of cross-level shortest paths that pass through it, the bodies that
  broker between levels. Nodes without a level take part as intermediaries only. Each pair
  is searched from its end in the smaller level, so the searches start from every level but
  the largest; when those are more than EXACT_LIMIT nodes, SAMPLE_SOURCES of them are drawn
  (seeded) level by level, the small levels whole, and each level's sum is scaled up.
- component: 1 is the largest connected component; ties by the smallest CURIE.
- community: Louvain (igraph's multilevel algorithm) on the simple weighted graph, the most
  modular of COMMUNITY_RUNS runs with fixed seeds; numbered 1.. by decreasing size, ties by
  the smallest CURIE.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import igraph as ig
import networkx as nx

from govgraph.namespaces import PREFIXES, curie

__all__ = [
    "COLUMNS",
    "COMMUNITY_RUNS",
    "EXACT_LIMIT",
    "SAMPLE_SOURCES",
    "SEED",
    "Flat",
    "analyze",
    "betweenness",
    "communities",
    "components",
    "cross_level",
    "flatten",
    "simple",
    "summary",
]

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
COMMUNITY_RUNS = 5  # seeded Louvain runs (SEED, SEED + 1, ...): the most modular is kept
DIGITS = 4
CHUNK = 1_000_000  # edges handed to igraph at a time: the Python pairs stay ~100 MB


@dataclass(frozen=True)
class Flat:
    """A view as a simple undirected igraph graph: vertex i is nodes[i], of level levels[i]."""

    nodes: list[str]
    levels: list[str | None]
    curies: list[str]
    graph: ig.Graph


def _curie(graph: nx.Graph, node: str) -> str:
    """The node's CURIE attribute, else its IRI shortened."""
    return str(graph.nodes[node].get("curie") or curie(node))


def flatten(graph: nx.Graph) -> Flat:
    """The simple igraph graph of a view: sorted nodes, one edge per pair weighted by the sum."""
    nodes = sorted(graph)
    index = {node: i for i, node in enumerate(nodes)}
    flat = ig.Graph(n=len(nodes))
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    for u, v, weight in graph.edges(data="weight", default=1):
        if u != v:
            edges.append((index[u], index[v]))
            weights.append(weight if weight is not None else 1)
            if len(edges) == CHUNK:
                flat.add_edges(edges, attributes={"weight": weights})
                edges, weights = [], []
    flat.add_edges(edges, attributes={"weight": weights})
    del index, edges, weights
    # Summed per pair in C; igraph orders the edges it keeps by their ends, so the result does
    # not depend on the order in which the view's edges were added.
    flat.simplify(multiple=True, loops=True, combine_edges={"weight": "sum"})
    attrs = graph.nodes
    levels = [attrs[node].get("level") or None for node in nodes]
    curies = [_curie(graph, node) for node in nodes]
    return Flat(nodes, levels, curies, flat)


def simple(graph: nx.Graph) -> nx.Graph:
    """A simple networkx graph of the same nodes, sorted, one edge per pair weighted by the sum."""
    flat = flatten(graph)
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes(data=True)))
    names = flat.nodes
    out.add_weighted_edges_from(
        (names[e.source], names[e.target], e["weight"]) for e in flat.graph.es
    )
    return out


def _sample(size: int) -> list[int] | None:
    """The sources to sample among vertices 0..size-1 (seeded), or None when all are sources."""
    if size <= max(EXACT_LIMIT, SAMPLE_SOURCES):
        return None
    return sorted(random.Random(SEED).sample(range(size), SAMPLE_SOURCES))


def _betweenness(flat: Flat) -> list[float]:
    """Normalised betweenness per vertex: exact up to EXACT_LIMIT nodes, sampled above."""
    n = len(flat.nodes)
    if n < 3:
        return [0.0] * n
    sampled = _sample(n)
    if sampled is None:
        # igraph counts each unordered pair once; there are (n-1)(n-2)/2 pairs without v.
        scale = 2 / ((n - 1) * (n - 2))
        return [value * scale for value in flat.graph.betweenness(directed=False)]
    # With sources, igraph halves the sum over (source, any target): double it back to ordered
    # pairs, and divide by the sampled pairs that could pass through v (a source is not its own
    # intermediary), as networkx does.
    k = len(sampled)
    raw = flat.graph.betweenness(directed=False, sources=sampled)
    chosen = set(sampled)
    source_scale = 2 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    other_scale = 2 / (k * (n - 2))
    return [value * (source_scale if v in chosen else other_scale) for v, value in enumerate(raw)]


def _cross_level(flat: Flat) -> list[float]:
    """Share of the shortest paths between nodes of different levels through each vertex."""
    by_level: dict[str, list[int]] = defaultdict(list)
    for v, level in enumerate(flat.levels):
        if level:
            by_level[level].append(v)
    # Each pair of two levels is counted once, from its end in the smaller level: every level
    # but the largest is a source level, with the members of the larger levels as targets.
    order = sorted(by_level, key=lambda level: (len(by_level[level]), level))
    searched = order[:-1]
    needed = sum(len(by_level[level]) for level in searched)
    left = None if needed <= max(EXACT_LIMIT, SAMPLE_SOURCES) else SAMPLE_SOURCES
    rng = random.Random(SEED)
    raw = [0.0] * len(flat.nodes)
    for at, level in enumerate(searched):
        members = by_level[level]
        sources = members
        if left is not None:
            # A sample per level (stratified: no level is over- or under-represented by
            # chance), scaled back up per level. The sources left are shared equally among the
            # levels left, smallest first: a small level (the federal hubs) is searched whole,
            # the large ones share the rest.
            take = max(1, min(len(members), left // (len(searched) - at)))
            left -= take
            sources = sorted(rng.sample(members, take))
        targets = [v for larger in order[at + 1 :] for v in by_level[larger]]
        part = flat.graph.betweenness(directed=False, sources=sources, targets=targets)
        # Undirected: igraph halves each (source, target) pair; doubled, raw sums the pairs.
        scale = 2 * len(members) / len(sources)
        for v, value in enumerate(part):
            raw[v] += value * scale
    leveled = sum(len(vertices) for vertices in by_level.values())
    sizes = {level: len(vertices) for level, vertices in by_level.items()}
    pairs = (leveled**2 - sum(s * s for s in sizes.values())) // 2
    result = []
    for v, value in enumerate(raw):
        own = flat.levels[v]
        others = leveled - sizes[own] if own else 0
        possible = pairs - others
        result.append(value / possible if possible > 0 else 0.0)
    return result


def _numbered(groups: Iterable[Sequence[int]], curies: Sequence[str]) -> list[int]:
    """Number groups of vertices 1.. by decreasing size, then by their smallest CURIE."""
    keyed = [(len(g), min(curies[v] for v in g), g) for g in groups if g]
    keyed.sort(key=lambda item: (-item[0], item[1]))
    numbers = [0] * len(curies)
    for number, (_, _, group) in enumerate(keyed, start=1):
        for v in group:
            numbers[v] = number
    return numbers


def _groups(membership: Sequence[int]) -> list[list[int]]:
    """The vertices of each group of a membership vector."""
    groups: dict[int, list[int]] = defaultdict(list)
    for v, group in enumerate(membership):
        groups[group].append(v)
    return list(groups.values())


def _components(flat: Flat) -> list[int]:
    """Connected component of each vertex: 1 the largest."""
    found = flat.graph.connected_components()
    return _numbered(_groups(found.membership), flat.curies)


def _communities(flat: Flat) -> list[int]:
    """Louvain community of each vertex (fixed seed): 1 the largest."""
    if not flat.nodes:
        return []
    # Louvain is greedy: on hub-heavy views one run in two stops in a far worse optimum (the
    # interlocks at 1M triples: modularity 0.30 or 0.48 by seed), so keep the best of a few
    # seeded runs, the first on ties. igraph draws from Python's random module unless told
    # otherwise: a seeded generator of its own for each run, then the module again.
    best: ig.VertexClustering | None = None
    try:
        for run in range(COMMUNITY_RUNS):
            ig.set_random_number_generator(random.Random(SEED + run))
            found = flat.graph.community_multilevel(weights="weight")
            if best is None or found.modularity > best.modularity:
                best = found
    finally:
        ig.set_random_number_generator(random)
    assert best is not None
    return _numbered(_groups(best.membership), flat.curies)


def _by_node(flat: Flat, values: Sequence[Any]) -> dict[str, Any]:
    """A per-vertex list as a dict keyed by node IRI."""
    return dict(zip(flat.nodes, values, strict=True))


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness: exact up to EXACT_LIMIT nodes, sampled (seeded) above."""
    flat = flatten(graph)
    return _by_node(flat, _betweenness(flat))


def cross_level(graph: nx.Graph) -> dict[str, float]:
    """Share of the shortest paths between nodes of different levels that pass through each node."""
    flat = flatten(graph)
    return _by_node(flat, _cross_level(flat))


def components(graph: nx.Graph) -> dict[str, int]:
    """Connected component of each node: 1 the largest."""
    flat = flatten(graph)
    return _by_node(flat, _components(flat))


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain community of each node (fixed seed): 1 the largest."""
    flat = flatten(graph)
    return _by_node(flat, _communities(flat))


def analyze(graph: nx.Graph, top: int | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One row per node with its measures, the most between first; top limits the rows."""
    flat = flatten(graph)
    between = _betweenness(flat)
    cross = _cross_level(flat)
    component = _components(flat)
    community = _communities(flat)
    rows = []
    for v, node in enumerate(flat.nodes):
        data = graph.nodes[node]
        jurisdiction = data.get("jurisdiction")
        rows.append(
            (
                flat.curies[v],
                data.get("label"),
                data.get("kind"),
                data.get("level"),
                curie(PREFIXES["juris"] + jurisdiction) if jurisdiction else None,
                graph.degree(node),
                round(between[v], DIGITS),
                round(cross[v], DIGITS),
                component[v],
                community[v],
            )
        )
    rows.sort(key=lambda row: (-row[6], -row[5], row[0]))
    return list(COLUMNS), rows[:top] if top is not None else rows


def summary(graph: nx.Graph) -> tuple[list[str], list[tuple[Any, ...]]]:
    """A few measures of the whole graph, as (measure, value) rows."""
    flat = flatten(graph)
    n, m = len(flat.nodes), flat.graph.ecount()
    sizes = flat.graph.connected_components().sizes() if n else []
    rows: list[tuple[Any, ...]] = [
        ("nodes", graph.number_of_nodes()),
        ("edges", graph.number_of_edges()),
        ("components", len(sizes)),
        ("largest_component", max(sizes, default=0)),
        ("communities", len(set(_communities(flat)))),
        ("density", round(2 * m / (n * (n - 1)), DIGITS) if n > 1 else 0.0),
    ]
    return ["measure", "value"], rows
