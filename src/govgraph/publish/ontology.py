"""The page of a document of hash IRIs (the ontology): its terms, axioms and schemes."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pyoxigraph

from govgraph.namespaces import curie
from govgraph.publish.core import Link
from govgraph.publish.graph import _key, _sort_key
from govgraph.publish.pages import _EntityPages
from govgraph.publish.terms import (
    _NS,
    BROADER,
    CONCEPT_SCHEME,
    IN_SCHEME,
    OWL_ONTOLOGY,
    PREF,
    RDF_TYPE,
)


class _OntologyPages(_EntityPages):
    """The page of a document of hash IRIs: the ontology, its terms, axioms and schemes."""

    def ontology_page(self, doc: str, path: str, head: dict[str, Any]) -> None:
        """Write the page of a document whose resources are anchors on it."""
        members = [m for m in self.docs[doc] if self.entities[m].fragment]
        name, language = self.label(doc)
        described = doc in self.graph.out
        owl = _NS["owl"]
        groups: list[tuple[str, list[str]]] = [
            (self.ui["classes"], []),
            (self.ui["props"], []),
            (self.ui["other_terms"], []),
        ]
        for member in members:
            types = set(self.graph.types(member))
            if types & {owl + "Class", _NS["rdfs"] + "Class"}:
                groups[0][1].append(member)
            elif any(t.endswith("Property") for t in types):
                groups[1][1].append(member)
            else:
                groups[2][1].append(member)
        groups = [
            (title, sorted(terms, key=lambda t: (_sort_key(self.label(t)[0]), t)))
            for title, terms in groups
            if terms
        ]
        self.page(
            path,
            "ontology.html",
            title=name,
            heading=Link(name, "", self.lang_of(language)),
            crumbs=self.crumbs_for("ontology"),
            head=head,
            header=self.header(path, doc) if described else None,
            descriptions=self.descriptions(doc),
            properties=self.properties(path, doc) if described else [],
            groups=[
                (title, [self.term_section(path, term) for term in terms])
                for title, terms in groups
            ],
            axioms=self.axioms(path) if self.is_ontology(doc) else [],
            schemes=self.schemes(path) if self.is_ontology(doc) else [],
        )

    def is_ontology(self, doc: str) -> bool:
        """Whether a document is an owl:Ontology (its page and RDF carry the axioms)."""
        return OWL_ONTOLOGY in self.graph.types(doc)

    def axiom_subjects(self) -> list[str]:
        """The IRIs outside the base that the graph states something about: the reused
        vocabularies' terms whose axioms the ontology repeats (org:Role rdfs:subClassOf ...)."""
        return sorted(s for s in self.graph.out if not s.startswith((self.base, "_:")))

    def description(self, doc: str) -> list[pyoxigraph.Triple]:
        """A document's statements; an ontology's also hold the axioms about reused terms (with
        their blank nodes) and the labels of what those point at."""
        triples = super().description(doc)
        if not self.is_hash_doc(doc) or not self.is_ontology(doc):
            return triples
        described = {_key(t.subject) for t in triples}
        labelled = {_key(t.subject) for t in triples if t.predicate.value == PREF}
        added = self.statements([s for s in self.axiom_subjects() if s not in described], described)
        added += self.labels_of(added, described | labelled)
        return triples + added

    def term_section(self, page: str, term: str) -> dict[str, Any]:
        """A term of the document: its anchor, names, statements, instances and uses."""
        entity = self.entities[term]
        name, language = self.label(term)
        instances = self.graph.subjects(RDF_TYPE, term)
        count: Link | None = None
        if instances:
            kind = self.kind(instances[0])
            text = f"{self.ui['instances']}: {len(instances)}"
            href = self.href(page, f"type/{kind}.html") if kind in self.kinds else ""
            count = Link(text, href)
        uses = Counter(p for s in self.graph.out for p, _ in self.graph.out[s] if p == term)
        return {
            "id": entity.fragment,
            "link": self.link(page, term),
            "name": Link(name, "", self.lang_of(language)),
            "curie": curie(term).strip("<>"),
            "header": self.header(page, term),
            "descriptions": self.descriptions(term),
            "properties": self.properties(page, term),
            "instances": count,
            "uses": uses[term],
        }

    def axioms(self, page: str) -> list[dict[str, Any]]:
        """Statements about the reused vocabularies' terms (subjects outside the base)."""
        rows = []
        for subject in self.axiom_subjects():
            for predicate, obj in self.graph.out[subject]:
                rows.append(
                    {
                        "subject": self.link(page, subject),
                        "curie": curie(subject).strip("<>"),
                        "predicate": self.link(page, predicate),
                        "value": self.value(page, obj),
                    }
                )
        return rows

    def schemes(self, page: str) -> list[dict[str, Any]]:
        """The concept schemes documented on the site, each with its tree of concepts."""
        schemes = sorted(
            (s for s in self.graph.subjects(RDF_TYPE, CONCEPT_SCHEME) if s in self.entities),
            key=lambda s: (_sort_key(self.label(s)[0]), s),
        )
        found = []
        for scheme in schemes:
            concepts = set(self.graph.subjects(IN_SCHEME, scheme))
            definition = self.graph.text(scheme, _NS["skos"] + "definition", self.lang)
            found.append(
                {
                    "link": self.link(page, scheme),
                    "curie": curie(scheme).strip("<>"),
                    "definition": self.text(definition) if definition is not None else None,
                    "tree": self.concept_tree(page, concepts),
                }
            )
        return found

    def concept_tree(self, page: str, concepts: set[str]) -> list[tuple[Link, list[Any]]]:
        """Concepts as nested (link, children): top concepts (or those without a broader one)
        first."""
        children: dict[str, list[str]] = defaultdict(list)
        roots = []
        for concept in concepts:
            parents = [b for b in self.graph.iris(concept, BROADER) if b in concepts]
            if parents:
                for parent in parents:
                    children[parent].append(concept)
            else:
                roots.append(concept)

        def tree(items: list[str], seen: frozenset[str]) -> list[tuple[Link, list[Any]]]:
            out = []
            for concept in sorted(items, key=self.order):
                nested = [c for c in children.get(concept, []) if c not in seen]
                inner = tree(nested, seen | {concept}) if nested else []
                out.append((self.link(page, concept), inner))
            return out

        return tree(roots, frozenset())
