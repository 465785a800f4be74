"""The page of an entity: its names, statements both ways, evidence, and its RDF beside it."""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph

from govgraph.namespaces import curie
from govgraph.publish.core import Link, Text, _Core
from govgraph.publish.export import serialize
from govgraph.publish.graph import _key, _prune_context, _sort_key, _term_order
from govgraph.publish.terms import (
    _COLUMN_ORDER,
    _NOT_A_COLUMN,
    ALT,
    DESCRIPTIONS,
    EVIDENCE,
    KINDS,
    PREF,
    RDF_TYPE,
    RDFS_LABEL,
    SOURCE,
    Term,
)


class _EntityPages(_Core):
    """Entity pages."""

    def description(self, doc: str) -> list[pyoxigraph.Triple]:
        """The statements of a document's resources (blank nodes followed) and the labels of
        the IRIs they point at."""
        subjects = [doc, *(m for m in self.docs[doc] if m != doc)]
        seen: set[str] = set()
        triples = self.statements([s for s in subjects if s in self.graph.out], seen)
        return triples + self.labels_of(triples, seen)

    def statements(self, pending: list[str], seen: set[str]) -> list[pyoxigraph.Triple]:
        """The statements about the pending subjects not in seen, and about the blank nodes
        they lead to (seen grows with every subject described)."""
        triples: list[pyoxigraph.Triple] = []
        while pending:
            subject = pending.pop(0)
            if subject in seen:
                continue
            seen.add(subject)
            node: pyoxigraph.NamedNode | pyoxigraph.BlankNode = (
                pyoxigraph.BlankNode(subject[2:])
                if subject.startswith("_:")
                else pyoxigraph.NamedNode(subject)
            )
            for predicate, obj in self.graph.out[subject]:
                triples.append(pyoxigraph.Triple(node, pyoxigraph.NamedNode(predicate), obj))
                if isinstance(obj, pyoxigraph.BlankNode):
                    pending.append(_key(obj))
        return triples

    def labels_of(
        self, triples: list[pyoxigraph.Triple], skip: set[str]
    ) -> list[pyoxigraph.Triple]:
        """The skos:prefLabel statements of the IRIs the triples point at, but those in skip."""
        pointed = {t.object.value for t in triples if isinstance(t.object, pyoxigraph.NamedNode)}
        return [
            pyoxigraph.Triple(pyoxigraph.NamedNode(iri), pyoxigraph.NamedNode(PREF), literal)
            for iri in sorted(pointed - skip)
            for literal in self.graph.literals(iri, PREF)
        ]

    def entity_files(self, doc: str) -> tuple[str, dict[str, Any]]:
        """Write a document's Turtle and JSON-LD; its page's path and head elements."""
        triples = self.description(doc)
        dataset = pyoxigraph.Dataset(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in triples
        )
        turtle, _ = serialize(dataset, "ttl")
        document = _prune_context(json.loads(serialize(dataset, "jsonld")[0]))
        # The document's own resources first, then the labels of what they point at.
        own = {curie(iri).strip("<>") for iri in self.docs[doc]} | {curie(doc).strip("<>")}
        own |= set(self.docs[doc]) | {doc}
        document["@graph"].sort(key=lambda node: node.get("id") not in own)
        path = (
            self.entities[doc].path
            if doc in self.entities
            else self.entities[self.docs[doc][0]].path
        )
        stem = path[: -len(".html")]
        self.write(f"{stem}.ttl", turtle)
        self.write(f"{stem}.jsonld", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return path, {"name": posixpath.basename(stem), "jsonld": document}

    def header(self, page: str, iri: str) -> dict[str, Any]:
        """Other-language name, acronyms, IRI and types of a resource."""
        types = sorted(self.graph.types(iri), key=lambda t: (_sort_key(self.label(t)[0]), t))
        return {
            "other": self.other_label(iri) or "",
            "acronyms": " · ".join(self.acronyms(iri)),
            "iri": iri,
            "types": [self.link(page, t) for t in types],
        }

    def descriptions(self, iri: str) -> list[tuple[str, Text]]:
        """The description-like texts of a resource, in the page language first, each with
        the name of its property ('' for a plain description)."""
        blocks = []
        for predicate in DESCRIPTIONS:
            literals = sorted(
                self.graph.literals(iri, predicate),
                key=lambda lit: ((lit.language or "") != self.lang, lit.language or "", lit.value),
            )
            for literal in literals:
                note = (
                    "" if predicate in DESCRIPTIONS[:2] else self.label(predicate)[0].capitalize()
                )
                blocks.append((note, self.text(literal)))
        return blocks

    def evidence(self, page: str, iri: str) -> dict[str, Any] | None:
        """The report section(s) and verbatim quote(s) of a relationship node."""
        sources = sorted(self.graph.iris(iri, SOURCE), key=self.order)
        quotes = self.graph.literals(iri, EVIDENCE)
        if not sources and not quotes:
            return None
        return {
            "heading": self.ui["evidence"] if quotes else self.ui["source"],
            "sources": [self.link(page, s) for s in sources],
            "quotes": [self.text(q) for q in quotes],
        }

    def properties(self, page: str, iri: str) -> list[dict[str, Any]]:
        """The rows of a resource's other statements, one per property."""
        skip = {RDF_TYPE, PREF, ALT, RDFS_LABEL, SOURCE, EVIDENCE, *DESCRIPTIONS}
        rows: dict[str, list[Term]] = defaultdict(list)
        for predicate, obj in self.graph.out.get(iri, ()):
            if predicate not in skip:
                rows[predicate].append(obj)
        ordered = sorted(rows, key=lambda p: (_sort_key(self.label(p)[0]), p))
        body = []
        for predicate in ordered:
            values = sorted(
                rows[predicate],
                key=lambda o: (
                    self.order(o.value) if isinstance(o, pyoxigraph.NamedNode) else (),
                    _term_order(o),
                ),
            )
            body.append(
                {
                    "predicate": self.link(page, predicate),
                    "curie": curie(predicate).strip("<>"),
                    "values": [self.value(page, v) for v in values],
                }
            )
        return body

    def relationship_table(
        self, page: str, nodes: list[str], link: str, target: str
    ) -> dict[str, Any]:
        """Relationship nodes (with evidence) as a table: their other ends, source and quote."""
        columns: set[str] = set()
        for node in nodes:
            for predicate, obj in self.graph.out.get(node, ()):
                if predicate in _NOT_A_COLUMN:
                    continue
                if (
                    predicate == link
                    and isinstance(obj, pyoxigraph.NamedNode)
                    and obj.value == target
                ):
                    continue
                columns.add(predicate)
        ordered = sorted(
            columns,
            key=lambda p: (
                _COLUMN_ORDER.index(p) if p in _COLUMN_ORDER else len(_COLUMN_ORDER),
                _sort_key(self.label(p)[0]),
                p,
            ),
        )
        rows = []
        for node in nodes:
            cells = []
            for predicate in ordered:
                values = [
                    o
                    for o in self.graph.values(node, predicate)
                    if not (
                        predicate == link
                        and isinstance(o, pyoxigraph.NamedNode)
                        and o.value == target
                    )
                ]
                values.sort(key=_term_order)
                cells.append([self.value(page, v) for v in values])
            sources = sorted(self.graph.iris(node, SOURCE), key=self.order)
            rows.append(
                {
                    "node": self.link(page, node),
                    "cells": cells,
                    "sources": [self.link(page, s) for s in sources],
                    "quotes": [self.text(q) for q in self.graph.literals(node, EVIDENCE)],
                }
            )
        return {"columns": [self.label(p)[0].capitalize() for p in ordered], "rows": rows}

    def incoming(self, page: str, iri: str) -> list[dict[str, Any]]:
        """Everything that points at a resource, by property and kind of the pointing resource."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for predicate, subject in self.graph.inc.get(iri, ()):
            if subject.startswith("_:"):
                continue
            groups[(predicate, self.kind(subject))].append(subject)
        kind_rank = {slug: i for i, (slug, *_) in enumerate(KINDS)}
        found = []
        for predicate, kind in sorted(
            groups, key=lambda g: (kind_rank.get(g[1], 99), _sort_key(self.label(g[0])[0]), g[0])
        ):
            subjects = sorted(set(groups[(predicate, kind)]), key=self.order)
            with_evidence = [s for s in subjects if self.graph.literals(s, EVIDENCE)]
            plain = [s for s in subjects if s not in with_evidence]
            found.append(
                {
                    "kind": self.kind_title(kind),
                    "predicate": self.label(predicate)[0],
                    "curie": curie(predicate).strip("<>"),
                    "count": len(subjects),
                    "table": (
                        self.relationship_table(page, with_evidence, predicate, iri)
                        if with_evidence
                        else None
                    ),
                    "plain": self.link_list(page, plain),
                }
            )
        return found

    def link_list(self, page: str, iris: Iterable[str]) -> list[tuple[Link, str]]:
        """Links to resources, each with its name in the other language ('' if the same)."""
        return [(self.link(page, iri), self.other_label(iri) or "") for iri in iris]

    def entity_page(self, iri: str, path: str, head: dict[str, Any]) -> None:
        """Write the page of a resource that has a page of its own."""
        entity = self.entities[iri]
        name, language = self.label(iri)
        self.page(
            path,
            "entity.html",
            title=name,
            heading=Link(name, "", self.lang_of(language)),
            crumbs=self.crumbs_for(entity.kind),
            head=head,
            header=self.header(path, iri),
            descriptions=self.descriptions(iri),
            evidence=self.evidence(path, iri),
            dimension=self.dimension_link(path, iri),
            properties=self.properties(path, iri),
            incoming=self.incoming(path, iri),
        )

    def dimension_link(self, page: str, iri: str) -> Link | None:
        """On a dimension's concept page, a link to the dimension's index page."""
        if iri not in self.dimension_list:
            return None
        target = f"dimension/{posixpath.basename(iri)}.html"
        text = f"{self.ui['dimension']}: {self.label(iri)[0]} — {self.ui['findings']}"
        return Link(text, self.href(page, target))
