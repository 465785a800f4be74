"""What a profile's workbook refers to outside itself: the controlled lists (the SKOS schemes of
ontology/vocab) and the shared federal and international entities (govgraph.resolve's index),
read once through a backend of the ontology and the data a profile may point at."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from govgraph.namespaces import PREFIXES, T
from govgraph.resolve import Entity, Resolver, normalise
from govgraph.store import Backend

ID = "https://w3id.org/govgraph/id/"
# The levels whose entities every profile shares (docs/model.md): federal Mexico and the
# international level, under id/mx/ and id/int/.
SHARED_LEVELS = ("mx", "int")
JURISDICTION = PREFIXES["gg"] + "jurisdiction"
JURISDICTIONS = PREFIXES["juris"] + "jurisdicciones"
_LEVEL = PREFIXES["gg"] + "levelOfGovernment"
_DEFINITION = PREFIXES["skos"] + "definition"

LISTS = """
SELECT ?concept ?scheme ?property ?value ?lang WHERE {
  ?concept skos:inScheme ?scheme .
  VALUES ?property { skos:prefLabel skos:definition gg:order gg:levelOfGovernment }
  ?concept ?property ?value .
  BIND(IF(isLiteral(?value), LANG(?value), "") AS ?lang)
}
"""
INSTANCES = "SELECT ?s ?class WHERE { ?s a ?class }"


@dataclass
class Concept:
    """A concept of a controlled list: its IRI, slug, labels, definitions and order."""

    iri: str
    scheme: str
    labels: dict[str, str] = field(default_factory=dict)  # language → prefLabel
    definitions: dict[str, str] = field(default_factory=dict)
    order: int | None = None
    level: str = ""  # a jurisdiction's level of government (IRI)

    @property
    def slug(self) -> str:
        """The last segment of the IRI: what the workbook's list shows."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def sort_key(self) -> tuple[int, str]:
        """Order of the list: gg:order, then slug."""
        return (self.order if self.order is not None else 1_000_000, self.slug)


class Context:
    """The lists and shared entities a workbook may name, read through a backend."""

    def __init__(
        self,
        backend: Backend,
        shared: Sequence[str] = SHARED_LEVELS,
        vocabulary: frozenset[str] | None = None,
    ) -> None:
        self.backend = backend
        # The jurisdictions the ontology's vocabulary defines (None: any the graph has): a
        # profile writes its own jurisdiction's concept unless the vocabulary has it.
        self.vocabulary = vocabulary
        self.shared_prefixes = tuple(f"{ID}{level}/" for level in shared)
        self._instances: dict[str, frozenset[str]] = {}

    @functools.cached_property
    def concepts(self) -> dict[str, list[Concept]]:
        """The concepts of each scheme (scheme IRI → concepts in list order)."""
        found: dict[tuple[str, str], Concept] = {}
        for concept, scheme, prop, value, lang in self.backend.query(LISTS).rows:
            if not (concept and scheme and prop and value is not None):
                continue
            item = found.setdefault((scheme, concept), Concept(concept, scheme))
            if prop == T.skos_prefLabel:
                item.labels.setdefault(lang or "", value)
            elif prop == _DEFINITION:
                item.definitions.setdefault(lang or "", value)
            elif prop == T.gg_order and value.lstrip("-").isdigit():
                item.order = int(value)
            elif prop == _LEVEL:
                item.level = value
        schemes: dict[str, list[Concept]] = defaultdict(list)
        for (scheme, _), item in found.items():
            schemes[scheme].append(item)
        return {scheme: sorted(items, key=Concept.sort_key) for scheme, items in schemes.items()}

    def concept_names(self, scheme: str) -> dict[str, str]:
        """Normalised slug, label, CURIE and IRI of each concept of a scheme → its IRI."""
        return self._concept_names.get(scheme, {})

    @functools.cached_property
    def _concept_names(self) -> dict[str, dict[str, str]]:
        from govgraph.namespaces import curie

        table: dict[str, dict[str, str]] = {}
        for scheme, items in self.concepts.items():
            names: dict[str, str] = {}
            for item in items:  # labels first: a slug or an IRI wins over a label
                for label in item.labels.values():
                    names.setdefault(normalise(label), item.iri)
            for item in items:
                names[normalise(item.slug)] = item.iri
                names[item.iri] = item.iri
                names[curie(item.iri)] = item.iri
            table[scheme] = names
        return table

    def concept(self, iri: str, scheme: str) -> Concept | None:
        """The concept of this IRI in a scheme (None if it is not in it)."""
        return self._by_concept.get((scheme, iri))

    @functools.cached_property
    def _by_concept(self) -> dict[tuple[str, str], Concept]:
        return {(s, item.iri): item for s, items in self.concepts.items() for item in items}

    @functools.cached_property
    def entities(self) -> dict[str, Entity]:
        """Every entity of the resolver's index by IRI (vocabulary terms included)."""
        return {entity.iri: entity for entity in Resolver(self.backend).entities}

    def is_shared(self, iri: str) -> bool:
        """True for an IRI of a shared level (id/mx/..., id/int/...)."""
        return iri.startswith(self.shared_prefixes)

    @functools.cached_property
    def shared_names(self) -> dict[str, list[Entity]]:
        """Normalised label or slug → the shared entities that go by it."""
        names: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.entities.values():
            if not self.is_shared(entity.iri):
                continue
            for key in {entity.slug, *(n for n, _ in entity.labels)}:
                if key:
                    names[key].append(entity)
        return dict(names)

    def instances(self, cls: str) -> frozenset[str]:
        """The IRIs stated to be of a class (rdf:type)."""
        if cls not in self._instances:
            from govgraph.store import IRI

            rows = self.backend.query(INSTANCES, {"class": IRI(cls)}).rows
            self._instances[cls] = frozenset(str(s) for s, _ in rows if s)
        return self._instances[cls]

    def in_vocabulary(self, identifier: str) -> bool:
        """True when the ontology's vocabulary defines juris:<identifier>."""
        if self.vocabulary is None:
            return self.jurisdiction(identifier) is not None
        return PREFIXES["juris"] + identifier in self.vocabulary

    def jurisdiction(self, identifier: str) -> Concept | None:
        """The concept juris:<identifier> of the jurisdictions scheme, if the graph has it."""
        iri = PREFIXES["juris"] + identifier
        return next((c for c in self.concepts.get(JURISDICTIONS, []) if c.iri == iri), None)
