"""The filters of a network view (docs/network.md): jurisdictions, dimension, levels, ego."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from govgraph.errors import GovgraphError, ResolveError
from govgraph.namespaces import PREFIXES, curie
from govgraph.network.views import ACTORS, Rows
from govgraph.resolve import LEVELS


def _edge_keys(graph: nx.Graph) -> list[tuple[Any, ...]]:
    """Every edge as a tuple that remove_edges_from accepts (with its key in a MultiGraph)."""
    if graph.is_multigraph():
        return list(graph.edges(keys=True))
    return list(graph.edges())


def filter_dimension(graph: nx.Graph, dimension: str) -> None:
    """Keep the edges with an end about the dimension; drop the nodes left without edges."""
    slug = _dimension_slug(dimension)
    about = {n for n, dims in graph.nodes(data="dimensions") if slug in (dims or [])}
    graph.remove_edges_from(
        [edge for edge in _edge_keys(graph) if edge[0] not in about and edge[1] not in about]
    )
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])


def _dimension_slug(dimension: str) -> str:
    """The slug of an MGI dimension IRI (migof:alianzas → alianzas)."""
    namespace = PREFIXES["migof"]
    slug = dimension[len(namespace) :] if dimension.startswith(namespace) else ""
    if not slug or "/" in slug:
        raise ResolveError(f"{curie(dimension)} is not an MGI dimension (migof:…)")
    return slug


def filter_levels(graph: nx.Graph, levels: Sequence[str]) -> None:
    """Keep the actors of these levels; other nodes stay while they keep an edge."""
    if unknown := [level for level in levels if level not in LEVELS]:
        raise GovgraphError(f"unknown level {unknown[0]!r} (choose from {', '.join(LEVELS)})")
    graph.remove_nodes_from(
        [n for n, d in graph.nodes(data=True) if d["kind"] in ACTORS and d["level"] not in levels]
    )
    graph.remove_nodes_from(
        [n for n, d in graph.nodes(data=True) if d["kind"] not in ACTORS and graph.degree(n) == 0]
    )


def filter_jurisdictions(graph: nx.Graph, jurisdictions: Sequence[str]) -> None:
    """Keep the edges with an end in these jurisdictions (identifiers); drop the nodes of other
    jurisdictions left without edges: the shared federal and international actors linked to
    them stay."""
    inside = {n for n, j in graph.nodes(data="jurisdiction") if j in jurisdictions}
    graph.remove_edges_from(
        [edge for edge in _edge_keys(graph) if edge[0] not in inside and edge[1] not in inside]
    )
    graph.remove_nodes_from([n for n in list(graph) if n not in inside and graph.degree(n) == 0])


def entity_iri(rows: Rows, text: str, graph: nx.Graph) -> str:
    """The IRI of the entity text names, looked up among the view's nodes first: a name that
    fits one node picks it, though other entities outside the view fit it too."""
    return rows.resolve(text, "any", among=graph)


def dimension_iri(rows: Rows, text: str) -> str:
    """The IRI of the MGI dimension text names (_dimension_slug checks it is one of migof:)."""
    return rows.resolve(text, "dimension")


def sections(graph: nx.Graph, rows: Rows) -> dict[str, str]:
    """The label of every source an edge of the graph cites (the slug when it has none)."""
    cited = {s for _, _, sources in graph.edges(data="sources") for s in sources or ()}
    if not cited:
        return {}
    labels = rows.sections()
    return {slug: labels.get(slug) or slug for slug in sorted(cited)}


def ego(graph: nx.Graph, around: str, depth: int, view: str, rows: Rows) -> nx.Graph:
    """The nodes within depth steps of around, with the edges between them."""
    if around not in graph:
        known = rows.nodes().get(around)
        label = known["label"] if known else rows.label(around)
        name = f"{label} ({curie(around)})" if label != curie(around) else curie(around)
        filtered = " once filtered" if graph.graph["filters"] else ""
        raise ResolveError(f"{name} is not in the {view} view{filtered}")
    reach = nx.single_source_shortest_path_length(graph, around, cutoff=depth)
    ego = graph.subgraph(sorted(reach)).copy()
    ego.graph = graph.graph
    return ego
