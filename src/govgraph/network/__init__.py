"""Network views: SPARQL rows (queries/network/*.rq) → networkx graphs, and their export.

docs/network.md is the contract: the views, the filters and the node, edge and graph
attributes that `render` and the exports rely on. views builds each view, filters narrows
it, export writes it, analyze measures it. networkx is imported by this package at the top:
cli.py imports it only inside the commands that draw, analyse or export a network.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from govgraph.errors import GovgraphError
from govgraph.jurisdictions import check, identifier
from govgraph.namespaces import LANGS, curie
from govgraph.network.export import EXPORT_FORMATS, export, to_text
from govgraph.network.filters import (
    dimension_iri,
    ego,
    entity_iri,
    filter_dimension,
    filter_jurisdictions,
    filter_levels,
    sections,
)
from govgraph.network.views import (
    ACTORS,
    BUILDERS,
    TITLES,
    VIEWS,
    Rows,
    edge_attributes,
    network_queries,
    node_attributes,
)
from govgraph.resolve import LEVELS
from govgraph.store import Backend, open_backend

__all__ = [
    "ACTORS",
    "EXPORT_FORMATS",
    "LEVELS",
    "TITLES",
    "VIEWS",
    "edge_attributes",
    "export",
    "network_queries",
    "node_attributes",
    "project",
    "to_text",
]


def project(
    view: str,
    backend: Backend | None = None,
    *,
    lang: str = "es",
    dimension: str | None = None,
    levels: Sequence[str] = (),
    around: str | None = None,
    depth: int = 1,
    jurisdictions: Sequence[str] = (),
) -> nx.Graph | nx.MultiGraph:
    """Build a network view of the graph (docs/network.md), filtered in the documented order.

    dimension and around are what a user writes (acronym, name, CURIE or IRI), resolved here
    by govgraph.resolve: around among the nodes left by the other filters first, so that
    levels also tells apart two entities of one name. jurisdictions are identifiers, CURIEs or
    IRIs of jurisdictions the graph knows (an unknown one is an error).
    """
    if view not in BUILDERS:
        raise GovgraphError(f"unknown network view {view!r} (choose from {', '.join(VIEWS)})")
    if lang not in LANGS:
        raise GovgraphError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")
    if depth < 0:
        raise GovgraphError(f"depth must be 0 or more, not {depth}")
    if isinstance(levels, str):
        levels = (levels,)
    if isinstance(jurisdictions, str):
        jurisdictions = (jurisdictions,)
    backend = backend or open_backend()
    wanted = [identifier(j) for j in check(backend, jurisdictions)]
    rows = Rows(backend, lang)
    graph = BUILDERS[view](rows)
    filters: dict[str, str] = {}
    graph.graph.update(view=view, lang=lang, title=TITLES[view][lang], filters=filters)
    if wanted:
        filter_jurisdictions(graph, wanted)
        filters["jurisdictions"] = ", ".join(wanted)
    if dimension:
        dimension = dimension_iri(rows, dimension)
        filter_dimension(graph, dimension)
        filters["dimension"] = curie(dimension)
    if levels:
        filter_levels(graph, levels)
        filters["levels"] = ", ".join(levels)
    if around:
        around = entity_iri(rows, around, graph)
        graph = ego(graph, around, depth, view, rows)
        filters.update(around=curie(around), depth=str(depth))
    graph.graph["sections"] = sections(graph, rows)
    return graph
