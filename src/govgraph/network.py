"""Network views: SPARQL rows (queries/network/*.rq) → networkx graphs, and their export.

docs/network.md is the contract: the views, the filters and the node, edge and graph
attributes that `render` and the exports rely on. The rows come through the Backend
interface, so a view of a remote SPARQL endpoint is built the same way as a local one.
networkx is imported here at the top: cli.py imports this module only inside the commands
that draw, analyse or export a network.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from itertools import combinations
from typing import IO, Any

import networkx as nx

from govgraph import files, queries, resources
from govgraph.errors import GovgraphError, ResolveError
from govgraph.namespaces import PREFIXES, curie
from govgraph.resolve import LEVELS, Resolver
from govgraph.store import Backend, open_backend

__all__ = ["EXPORT_FORMATS", "LEVELS", "VIEWS", "export", "network_queries", "project", "to_text"]

VIEWS = ("councils", "interlocks", "agreements", "programs", "legal", "all")
EXPORT_FORMATS = ("graphml", "gexf", "json")
ACTORS = ("body", "group")
SEPARATOR = queries.SEPARATOR
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')

TITLES = {
    "councils": {"es": "Consejos y sus integrantes", "en": "Councils and their members"},
    "interlocks": {
        "es": "Integrantes que comparten consejos",
        "en": "Members that share councils",
    },
    "agreements": {
        "es": "Convenios y colaboraciones entre actores",
        "en": "Agreements and collaborations between actors",
    },
    "programs": {
        "es": "Programas, sus operadores y sus socios",
        "en": "Programs, their operators and partners",
    },
    "legal": {
        "es": "Fundamento legal de consejos, programas y mandatos",
        "en": "Legal basis of councils, programs and mandates",
    },
    "all": {"es": "Todas las vistas de la red", "en": "All network views"},
}

Row = dict[str, str | None]


@functools.cache
def network_queries() -> dict[str, queries.SavedQuery]:
    """The saved queries of queries/network/, by name."""
    return {q.name: q for q in queries.saved_queries(resources.queries_dir() / "network")}


class _Rows:
    """The rows of the network queries on one backend in one language, each run once."""

    def __init__(self, backend: Backend, lang: str) -> None:
        self.backend = backend
        self.lang = lang
        self._cache: dict[str, list[Row]] = {}
        self._nodes: dict[str, dict[str, Any]] | None = None
        self._resolver: Resolver | None = None

    def __call__(self, name: str) -> list[Row]:
        """The rows of queries/network/NAME.rq as dicts, in the query's order."""
        if name not in self._cache:
            result = queries.run(self.backend, network_queries()[name], {"lang": self.lang})
            self._cache[name] = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return self._cache[name]

    def nodes(self) -> dict[str, dict[str, Any]]:
        """Node attributes by IRI."""
        if self._nodes is None:
            self._nodes = {row["node"] or "": _node_attributes(row) for row in self("nodes")}
        return self._nodes

    def sections(self) -> dict[str, str]:
        """The label of every report section or footnote, by the slug that edges cite."""
        labels: dict[str, str] = {}
        for row in self("sections"):
            # Reports of several jurisdictions may share a slug: the first label (sorted) wins.
            labels.setdefault(row["source"] or "", row["label"] or row["source"] or "")
        return labels

    def resolve(self, text: str, kind: str = "any", among: Container[str] | None = None) -> str:
        """The IRI that text names (acronym, name, CURIE or IRI), looked up among first."""
        if self._resolver is None:
            self._resolver = Resolver(self.backend, lang=self.lang)
        return self._resolver.resolve(text, kind, among=among)

    def label(self, iri: str) -> str:
        """The label of any indexed IRI (a vocabulary term too), else its CURIE."""
        if self._resolver is None:
            self._resolver = Resolver(self.backend, lang=self.lang)
        return self._resolver.label(iri)


def _items(value: str | None) -> list[str]:
    """The items of a GROUP_CONCAT list column (already sorted by queries.run)."""
    return [item for item in (value or "").split(SEPARATOR) if item]


def _node_attributes(row: Row) -> dict[str, Any]:
    """The node attributes of docs/network.md from a row of nodes.rq."""
    iri = row["node"] or ""
    acronyms = _items(row["acronyms"])
    return {
        "label": row["label"] or curie(iri),
        "kind": row["kind"],
        "level": row["level"] or None,
        "sector": row["sector"] or None,
        "curie": curie(iri),
        "acronym": acronyms[0] if acronyms else None,
        "dimensions": _items(row["dimensions"]),
    }


def node_attributes(iri: str, **values: Any) -> dict[str, Any]:
    """Every node attribute of docs/network.md, with its default unless given."""
    attributes: dict[str, Any] = {
        "label": curie(iri),
        "kind": "other",
        "level": None,
        "sector": None,
        "curie": curie(iri),
        "acronym": None,
        "dimensions": [],
    }
    attributes.update(values)
    return attributes


def _unknown_node(iri: str) -> dict[str, Any]:
    """Attributes of an edge end that nodes.rq does not list (an untyped resource)."""
    return node_attributes(iri)


def edge_attributes(relation: str, **values: Any) -> dict[str, Any]:
    """Every edge attribute of docs/network.md, with its default unless given."""
    attributes: dict[str, Any] = {
        "relation": relation,
        "label": "",
        "role": None,
        "vote": None,
        "seats": None,
        "date": None,
        "title": None,
        "councils": [],
        "weight": 1,
        "sources": [],
        "via": None,
    }
    attributes.update(values)
    return attributes


Edge = tuple[str, str, dict[str, Any]]


def _build(
    graph: nx.Graph, rows: _Rows, edges: Iterable[Edge], nodes: Iterable[str] = ()
) -> nx.Graph:
    """Add the nodes (sorted by IRI, with their attributes) and then the edges, in order."""
    edges = list(edges)
    table = rows.nodes()
    ends = {iri for u, v, _ in edges for iri in (u, v)} | set(nodes)
    for iri in sorted(ends):
        graph.add_node(iri, **(table.get(iri) or _unknown_node(iri)))
    for u, v, data in edges:
        graph.add_edge(u, v, **data)
    return graph


def _of_kind(rows: _Rows, *kinds: str) -> list[str]:
    """Every node of these kinds (a view shows them even when they have no edge)."""
    return [iri for iri, data in rows.nodes().items() if data["kind"] in kinds]


def _membership_edges(rows: _Rows) -> list[Edge]:
    """One edge per seat, member → council."""
    return [
        (
            row["member"] or "",
            row["council"] or "",
            edge_attributes(
                "membership",
                label=row["role"] or "",
                role=row["role"],
                vote=row["vote"],
                seats=int(row["seats"]) if row["seats"] else None,
                sources=_items(row["sources"]),
                via=row["membership"],
            ),
        )
        for row in rows("memberships")
    ]


def _councils(rows: _Rows) -> nx.Graph:
    """Every council and its members, one edge per membership."""
    return _build(nx.MultiGraph(), rows, _membership_edges(rows), _of_kind(rows, "council"))


def _interlocks(rows: _Rows) -> nx.Graph:
    """Bodies and groups on councils; an edge between two that share at least one council."""
    table = rows.nodes()
    seats: dict[str, dict[str, list[str]]] = defaultdict(dict)  # member → council → sources
    for row in rows("memberships"):
        member, council = row["member"] or "", row["council"] or ""
        if (table.get(member) or {}).get("kind") in ACTORS:
            seats[member].setdefault(council, []).extend(_items(row["sources"]))
    # Pairs from each council's members, not from every pair of members: O(sum of the councils'
    # sizes squared) instead of O(members squared), 50M pairs to look at for 10k members.
    members: dict[str, list[str]] = defaultdict(list)
    for member in sorted(seats):
        for council in seats[member]:
            members[council].append(member)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for council, on in members.items():
        for a, b in combinations(on, 2):  # on is sorted, so a < b
            pairs[(a, b)].append(council)
    edges = []
    for (a, b), councils in sorted(pairs.items()):
        shared = sorted(councils)
        labels = sorted(table.get(c, {}).get("label") or curie(c) for c in shared)
        sources = sorted({s for c in shared for s in (*seats[a][c], *seats[b][c])})
        weight = len(shared)
        edges.append(
            (
                a,
                b,
                edge_attributes(
                    "shared-council",
                    label=str(weight),
                    councils=labels,
                    weight=weight,
                    sources=sources,
                ),
            )
        )
    return _build(nx.Graph(), rows, edges, nodes=seats)


def _agreements(rows: _Rows) -> nx.Graph:
    """Actors linked by agreements and collaborations, one edge per pair of parties."""
    edges = [
        (
            row["a"] or "",
            row["b"] or "",
            edge_attributes(
                row["relation"] or "",
                title=row["title"],
                date=row["date"],
                sources=_items(row["sources"]),
                via=row["via"],
            ),
        )
        for row in rows("agreements")
    ]
    return _build(nx.MultiGraph(), rows, edges)


def _programs(rows: _Rows) -> nx.Graph:
    """Every program with its operators and partners."""
    edges = [
        (
            row["program"] or "",
            row["actor"] or "",
            edge_attributes(row["relation"] or "", sources=_items(row["sources"])),
        )
        for row in rows("programs")
    ]
    return _build(nx.MultiGraph(), rows, edges, _of_kind(rows, "program"))


def _legal(rows: _Rows) -> nx.Graph:
    """Every law and article; councils, programs and actors (through mandates) linked to them."""
    edges = [
        (
            row["subject"] or "",
            row["object"] or "",
            edge_attributes(
                row["relation"] or "",
                title=row["title"],
                sources=_items(row["sources"]),
                via=row["via"],
            ),
        )
        for row in rows("legal")
    ]
    return _build(nx.MultiGraph(), rows, edges, _of_kind(rows, "law", "article"))


def _all(rows: _Rows) -> nx.Graph:
    """The composition of every other view, in the order of VIEWS."""
    parts = [_BUILDERS[view](rows) for view in VIEWS if view != "all"]
    graph = nx.MultiGraph()
    for iri in sorted({n for part in parts for n in part}):
        graph.add_node(iri, **next(part.nodes[iri] for part in parts if iri in part))
    for part in parts:
        for u, v, data in part.edges(data=True):
            graph.add_edge(u, v, **data)
    return graph


_BUILDERS: dict[str, Callable[[_Rows], nx.Graph]] = {
    "councils": _councils,
    "interlocks": _interlocks,
    "agreements": _agreements,
    "programs": _programs,
    "legal": _legal,
    "all": _all,
}


def _edge_keys(graph: nx.Graph) -> list[tuple[Any, ...]]:
    """Every edge as a tuple that remove_edges_from accepts (with its key in a MultiGraph)."""
    if graph.is_multigraph():
        return list(graph.edges(keys=True))
    return list(graph.edges())


def _filter_dimension(graph: nx.Graph, dimension: str) -> None:
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


def _filter_levels(graph: nx.Graph, levels: Sequence[str]) -> None:
    """Keep the actors of these levels; other nodes stay while they keep an edge."""
    if unknown := [level for level in levels if level not in LEVELS]:
        raise GovgraphError(f"unknown level {unknown[0]!r} (choose from {', '.join(LEVELS)})")
    graph.remove_nodes_from(
        [n for n, d in graph.nodes(data=True) if d["kind"] in ACTORS and d["level"] not in levels]
    )
    graph.remove_nodes_from(
        [n for n, d in graph.nodes(data=True) if d["kind"] not in ACTORS and graph.degree(n) == 0]
    )


def _entity(rows: _Rows, text: str, graph: nx.Graph) -> str:
    """The IRI of the entity text names, looked up among the view's nodes first: a name that
    fits one node picks it, though other entities outside the view fit it too."""
    return rows.resolve(text, "any", among=graph)


def _dimension(rows: _Rows, text: str) -> str:
    """The IRI of the MGI dimension text names (_dimension_slug checks it is one of migof:)."""
    return rows.resolve(text, "dimension")


def _sections(graph: nx.Graph, rows: _Rows) -> dict[str, str]:
    """The label of every source an edge of the graph cites (the slug when it has none)."""
    cited = {s for _, _, sources in graph.edges(data="sources") for s in sources or ()}
    if not cited:
        return {}
    labels = rows.sections()
    return {slug: labels.get(slug) or slug for slug in sorted(cited)}


def _ego(graph: nx.Graph, around: str, depth: int, view: str, rows: _Rows) -> nx.Graph:
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


def project(
    view: str,
    backend: Backend | None = None,
    *,
    lang: str = "es",
    dimension: str | None = None,
    levels: Sequence[str] = (),
    around: str | None = None,
    depth: int = 1,
) -> nx.Graph | nx.MultiGraph:
    """Build a network view of the graph (docs/network.md), filtered in the documented order.

    dimension and around are what a user writes (acronym, name, CURIE or IRI), resolved here
    by govgraph.resolve: around among the nodes left by the other filters first, so that
    levels also tells apart two entities of one name.
    """
    if view not in _BUILDERS:
        raise GovgraphError(f"unknown network view {view!r} (choose from {', '.join(VIEWS)})")
    if lang not in queries.LANGS:
        raise GovgraphError(f"unknown language {lang!r} (choose from {', '.join(queries.LANGS)})")
    if depth < 0:
        raise GovgraphError(f"depth must be 0 or more, not {depth}")
    if isinstance(levels, str):
        levels = (levels,)
    rows = _Rows(backend or open_backend(), lang)
    graph = _BUILDERS[view](rows)
    filters: dict[str, str] = {}
    graph.graph.update(view=view, lang=lang, title=TITLES[view][lang], filters=filters)
    if dimension:
        dimension = _dimension(rows, dimension)
        _filter_dimension(graph, dimension)
        filters["dimension"] = curie(dimension)
    if levels:
        _filter_levels(graph, levels)
        filters["levels"] = ", ".join(levels)
    if around:
        around = _entity(rows, around, graph)
        graph = _ego(graph, around, depth, view, rows)
        filters.update(around=curie(around), depth=str(depth))
    graph.graph["sections"] = _sections(graph, rows)
    return graph


# --- export ---------------------------------------------------------------------------


def _scalar(value: Any) -> Any:
    """A value GraphML and GEXF accept: lists joined with "; ", None as "", dicts as k=v."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return SEPARATOR.join(f"{k}={v}" for k, v in value.items())
    return value


def _uniform(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Scalar attributes with one type per name (text wherever one value is text)."""
    scalars = [{k: _scalar(v) for k, v in record.items()} for record in records]
    text = {k for record in scalars for k, v in record.items() if not isinstance(v, int | float)}
    return [{k: (str(v) if k in text else v) for k, v in record.items()} for record in scalars]


def _edge_order(item: tuple[str, str, dict[str, Any]]) -> tuple[str, ...]:
    """Sort key of an edge: its ends, then its attributes."""
    u, v, data = item
    return (u, v, json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _canonical(graph: nx.Graph, scalars: bool) -> nx.Graph:
    """A copy with sorted nodes and edges (each edge low end first), ready to write."""
    edges = sorted(
        ((min(u, v), max(u, v), dict(data)) for u, v, data in graph.edges(data=True)),
        key=_edge_order,
    )
    nodes = sorted(graph.nodes(data=True))
    node_data = [dict(data) for _, data in nodes]
    edge_data = [data for _, _, data in edges]
    graph_data = dict(graph.graph)
    if scalars:
        node_data, edge_data = _uniform(node_data), _uniform(edge_data)
        graph_data = _uniform([graph_data])[0]
    out = nx.MultiGraph() if graph.is_multigraph() else nx.Graph()
    out.graph.update(graph_data)
    for (iri, _), data in zip(nodes, node_data, strict=True):
        out.add_node(iri, **data)
    for key, ((u, v, _), data) in enumerate(zip(edges, edge_data, strict=True)):
        if out.is_multigraph():
            out.add_edge(u, v, key=key, **data)  # one key per edge: GEXF edge ids are unique
        else:
            out.add_edge(u, v, **data)
    return out


def to_text(graph: nx.Graph, fmt: str) -> str:
    """The graph as GraphML, GEXF or node-link JSON text; the same graph gives the same text."""
    if fmt not in EXPORT_FORMATS:
        raise GovgraphError(
            f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})"
        )
    if fmt == "json":
        data = nx.node_link_data(_canonical(graph, scalars=False), edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # The writers of networkx, not its generate_* functions: those escape every non-ASCII
    # character; these write UTF-8 with an XML declaration.
    out = io.BytesIO()
    write = nx.write_graphml_xml if fmt == "graphml" else nx.write_gexf
    write(_canonical(graph, scalars=True), out, encoding="utf-8")
    text = out.getvalue().decode("utf-8")
    # GEXF stamps the day it was written: leave the date out, so the output is reproducible.
    return _GEXF_DATE.sub("", text, count=1).rstrip("\n") + "\n"


def export(graph: nx.Graph, fmt: str, target: str | os.PathLike[str] | IO[Any]) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON (UTF-8) to a path or a stream.

    A path is written as govgraph.files writes one ('-' is standard output): whole or not at
    all, never over a FIFO or a device.
    """
    if isinstance(target, str | os.PathLike):
        files.check_output(target)
    text = to_text(graph, fmt)
    if isinstance(target, str | os.PathLike):
        files.write_output(target, text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase) or hasattr(target, "encoding"):
        target.write(text)
    else:
        target.write(text.encode("utf-8"))
