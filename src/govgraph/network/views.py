"""The network views (docs/network.md): SPARQL rows (queries/network/*.rq) → networkx graphs.

The rows come through the Backend interface, so a view of a remote SPARQL endpoint is built
the same way as a local one. networkx is imported here at the top: cli.py imports this
package only inside the commands that draw, analyse or export a network.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph import queries, resources
from govgraph.errors import GovgraphError
from govgraph.files import write_atomically
from govgraph.namespaces import curie
from govgraph.resolve import Resolver
from govgraph.store import Backend
from govgraph.store.keys import cache_dir

VIEWS = ("councils", "interlocks", "agreements", "programs", "legal", "all", "compare")
ACTORS = ("body", "group")
SEPARATOR = queries.SEPARATOR

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
    "compare": {
        "es": "Jurisdicciones y los actores federales e internacionales que comparten",
        "en": "Jurisdictions and the federal and international actors they share",
    },
}

Row = dict[str, str | None]


@functools.cache
def network_queries() -> dict[str, queries.SavedQuery]:
    """The saved queries of queries/network/, by name."""
    return {q.name: q for q in queries.saved_queries(resources.queries_dir() / "network")}


# Beside a cached store (read-only, one per set of files) the rows of each network query are
# kept, as the resolver's index is, so that a later run skips the SPARQL: at ~5,000 bodies the
# queries of the interlocks view took ~9 s and reading their rows back takes ~0.1 s. The file
# name holds a digest of the query's text: an edited query is run again. Before a large graph's
# entry is built (the first run answers from memory, the next ones ask its memory image,
# govgraph.store.image), the rows go to a side folder named after the files' key (.KEY.rows
# beside the entry), where the runs after them find them: the same key means the same rows.
# `govgraph cache clear` removes side folders with the rest; pruning, those of pruned entries.
ROWS_FILE = "network-{name}-{lang}-{digest}.json"


def rows_places(backend: Backend) -> list[Path]:
    """Where the rows of the network queries are kept for this backend, the one to write
    first: its cache entry (when built) and the side folder of its files' key (also while a
    memory image, or the first run on large files, answers before the entry is built); none
    when the backend is no cached store (in memory, an endpoint)."""
    folder: Path | None = getattr(backend, "folder", None)
    key: str | None = getattr(backend, "key", None)
    if folder is not None:
        return [folder, _side_folder(folder.parent, key or folder.name)]
    return [_side_folder(cache_dir() / "stores", key)] if key else []


def _side_folder(stores: Path, key: str) -> Path:
    """The side folder of the entry of key (.KEY.rows), which pruning removes with it."""
    from govgraph.store.cache import ROWS_SUFFIX  # imported already: the store is cached

    return stores / f".{key}{ROWS_SUFFIX}"


class Rows:
    """The rows of the network queries on one backend in one language, each run once (and
    kept beside a cached store for later runs)."""

    def __init__(self, backend: Backend, lang: str) -> None:
        self.backend = backend
        self.lang = lang
        self._cache: dict[str, list[Row]] = {}
        self._nodes: NodeTable | None = None
        self._members: NodeTable | None = None
        self._resolver: Resolver | None = None
        self._places: list[Path] | None = None

    def __call__(self, name: str) -> list[Row]:
        """The rows of queries/network/NAME.rq as dicts, in the query's order."""
        if name not in self._cache:
            self._cache[name] = self._kept(name)
        return self._cache[name]

    def _kept(self, name: str) -> list[Row]:
        """The rows kept beside a cached store, else run the query (and keep its rows)."""
        query = network_queries()[name]
        if self._places is None:
            self._places = rows_places(self.backend)
        digest = hashlib.sha256(query.text.encode("utf-8")).hexdigest()[:16]
        file = ROWS_FILE.format(name=name, lang=self.lang, digest=digest)
        for place in self._places:
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                kept = json.loads((place / file).read_text(encoding="utf-8"))
                columns = [str(c) for c in kept["columns"]]
                return [dict(zip(columns, row, strict=True)) for row in kept["rows"]]
        result = queries.run(self.backend, query, {"lang": self.lang})
        if self._places:
            text = json.dumps({"columns": result.columns, "rows": result.rows}, ensure_ascii=False)
            # A read-only or unusable cache only costs the query.
            place = self._places[0]
            with contextlib.suppress(GovgraphError, OSError):
                if place.name.startswith("."):  # a side folder (an entry is never made here)
                    place.mkdir(exist_ok=True)
                write_atomically(place / file, text.encode("utf-8"))
        return [dict(zip(result.columns, row, strict=True)) for row in result.rows]

    def nodes(self) -> NodeTable:
        """Node attributes by IRI."""
        if self._nodes is None:
            self._nodes = NodeTable(self("nodes"))
        return self._nodes

    def members(self) -> NodeTable:
        """Node attributes of the ends of the memberships (members.rq: the rows of nodes.rq for
        them), or every node's when those are read already (the all view)."""
        if self._nodes is not None:
            return self._nodes
        if self._members is None:
            self._members = NodeTable(self("members"))
        return self._members

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


class NodeTable(Mapping[str, dict[str, Any]]):
    """The node attributes of nodes.rq by IRI, each built when first asked for: a view of
    5,000 bodies needs a fifth of the 25,000 resources the query lists."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._rows = {row["node"] or "": row for row in rows}
        self._built: dict[str, dict[str, Any]] = {}

    def __getitem__(self, iri: str) -> dict[str, Any]:
        if iri not in self._built:
            self._built[iri] = _node_attributes(self._rows[iri])
        return self._built[iri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def of_kind(self, *kinds: str) -> list[str]:
        """Every IRI of these kinds, in the query's order."""
        return [iri for iri, row in self._rows.items() if row["kind"] in kinds]

    def kind(self, iri: str) -> str | None:
        """The kind of an IRI, None when the query does not list it."""
        row = self._rows.get(iri)
        return row["kind"] if row else None


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
        "jurisdiction": jurisdiction_of(iri),
    }


def jurisdiction_of(iri: str) -> str | None:
    """The identifier of the jurisdiction an entity IRI belongs to (id/<id>/...), else None."""
    from govgraph.jurisdictions import of_entity

    return of_entity(iri)


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
        "jurisdiction": jurisdiction_of(iri),
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
    graph: nx.Graph,
    rows: Rows,
    edges: Iterable[Edge],
    nodes: Iterable[str] = (),
    table: Mapping[str, dict[str, Any]] | None = None,
) -> nx.Graph:
    """Add the nodes (sorted by IRI, with their attributes from table, by default every
    node's) and then the edges, in order."""
    edges = list(edges)
    table = rows.nodes() if table is None else table
    ends = {iri for u, v, _ in edges for iri in (u, v)} | set(nodes)
    graph.add_nodes_from((iri, table.get(iri) or _unknown_node(iri)) for iri in sorted(ends))
    graph.add_edges_from(edges)  # each (u, v, attributes), in order
    return graph


def _of_kind(rows: Rows, *kinds: str) -> list[str]:
    """Every node of these kinds (a view shows them even when they have no edge)."""
    return rows.nodes().of_kind(*kinds)


def _membership_edges(rows: Rows) -> list[Edge]:
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


def _councils(rows: Rows) -> nx.Graph:
    """Every council and its members, one edge per membership."""
    return _build(nx.MultiGraph(), rows, _membership_edges(rows), _of_kind(rows, "council"))


# A council with more member actors than this is a hub of the interlocks view (see
# _interlocks): the clique of its members would be n(n-1)/2 edges, 8.5M for a national council
# that seats the ~4,000 state secretariats of the 10M-triple generated graph, and ties that say
# little (every member is tied to every other); smaller councils (the bundled graph's largest
# has 17 member actors, a generated state's 7) keep their pairwise shared-council edges.
HUB_MEMBERS = 50


def _interlocks(rows: Rows) -> nx.Graph:
    """Bodies and groups on councils; an edge between two that share at least one council.

    A council with more than HUB_MEMBERS member actors is a hub instead: a node of the view
    (kind council) with one `seat` edge to each member actor (its role, its vote when the same
    on every seat, its sources); it counts in no shared-council edge, so two actors that share
    only such councils are two steps apart through them, not neighbours. Shared-council edges
    (weight: the councils shared; councils: their labels) come from the smaller councils.
    """
    table = rows.members()
    seats: dict[str, dict[str, list[Row]]] = defaultdict(dict)  # member → council → rows
    for row in rows("memberships"):
        member, council = row["member"] or "", row["council"] or ""
        if table.kind(member) in ACTORS:
            seats[member].setdefault(council, []).append(row)
    # Pairs from each council's members, not from every pair of members: O(sum of the councils'
    # sizes squared) instead of O(members squared), 50M pairs to look at for 10k members.
    members: dict[str, list[str]] = defaultdict(list)
    for member in sorted(seats):
        for council in seats[member]:
            members[council].append(member)
    hubs = {council for council, on in members.items() if len(on) > HUB_MEMBERS}
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for council, on in members.items():
        if council not in hubs:
            for a, b in combinations(on, 2):  # on is sorted, so a < b
                pairs[(a, b)].append(council)
    label = {c: table.get(c, {}).get("label") or curie(c) for c in members}

    def cited(member: str, council: str) -> list[str]:
        return [s for row in seats[member][council] for s in _items(row["sources"])]

    edges = []
    for (a, b), shared in sorted(pairs.items()):
        labels = sorted(label[c] for c in shared)
        sources = sorted({s for c in shared for s in (*cited(a, c), *cited(b, c))})
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
    for council in sorted(hubs):
        for member in members[council]:
            held = seats[member][council]
            roles = sorted({row["role"] or "" for row in held if row["role"]})
            votes = {row["vote"] for row in held}
            edges.append(
                (
                    member,
                    council,
                    edge_attributes(
                        "seat",
                        role="; ".join(roles) or None,
                        vote=votes.pop() if len(votes) == 1 else None,
                        sources=sorted(set(cited(member, council))),
                        via=held[0]["membership"] if len(held) == 1 else None,
                    ),
                )
            )
    return _build(nx.Graph(), rows, edges, nodes=seats, table=table)


def _agreements(rows: Rows) -> nx.Graph:
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


def _programs(rows: Rows) -> nx.Graph:
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


def _legal(rows: Rows) -> nx.Graph:
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


def _compare(rows: Rows) -> nx.Graph:
    """Each jurisdiction with a profile, linked to the federal and international actors its
    profile links to (weight: how many statements link them); shared actors sit between."""
    from govgraph import compare, jurisdictions

    profiles = compare.profiles(rows.backend, rows.lang)
    edges = [
        (
            row["jurisdiction_id"] or "",
            row["actor_id"] or "",
            edge_attributes("linked", label=str(row["links"]), weight=int(row["links"] or 1)),
        )
        for row in compare.rows_of(rows.backend, "shared", rows.lang)
        if jurisdictions.identifier(row["jurisdiction_id"] or "") in profiles
    ]
    graph = _build(nx.Graph(), rows, edges)
    for ident, (label, _) in profiles.items():
        iri = jurisdictions.NAMESPACE + ident
        graph.add_node(
            iri, **node_attributes(iri, label=label, kind="jurisdiction", jurisdiction=ident)
        )
    return graph


def _all(rows: Rows) -> nx.Graph:
    """The composition of every other view, in the order of VIEWS."""
    parts = [BUILDERS[view](rows) for view in VIEWS if view not in ("all", "compare")]
    graph = nx.MultiGraph()
    for iri in sorted({n for part in parts for n in part}):
        graph.add_node(iri, **next(part.nodes[iri] for part in parts if iri in part))
    for part in parts:
        for u, v, data in part.edges(data=True):
            graph.add_edge(u, v, **data)
    return graph


BUILDERS: dict[str, Callable[[Rows], nx.Graph]] = {
    "councils": _councils,
    "interlocks": _interlocks,
    "agreements": _agreements,
    "programs": _programs,
    "legal": _legal,
    "all": _all,
    "compare": _compare,
}
