"""The resolver's index: every labelled IRI with its kinds, labels, level and parent.

Read with one SELECT through the backend, so it works on every backend; beside a cached store
it is kept on disk (INDEX_FILE, and the name lines of NAMES_FILE) so that later runs skip the
query. The rules it follows are in govgraph.resolve.
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from collections import defaultdict
from typing import NamedTuple

from govgraph.errors import GovgraphError
from govgraph.files import write_atomically
from govgraph.namespaces import PREFIXES, T, curie
from govgraph.store import Backend

KINDS = ("council", "agent", "law", "program", "dimension", "any")
LEVELS = ("internacional", "federal", "estatal", "municipal")
DIMENSIONS = "https://w3id.org/govgraph/vocab/migof/dimensiones"
LEVEL_SCHEME = PREFIXES["level"] + "niveles"
TERM = "term"  # the kind of a vocabulary term: in no pool that a name is looked up in
# The kind of a law's expression (eli:LegalExpression, its text in one language): in no pool
# either, and left out of search, which finds the law itself.
TEXT = "text"
# Beside a cached store, the index is kept so that later runs skip the index query; the
# number changes whenever Entity or the normalisation changes.
INDEX_FILE = "resolver-index-6.json"
# One line per normalised label or slug: "key<TAB>IRI kinds level<TAB>IRI kinds level...". A
# name that fits one entity exactly (an acronym, a slug, a full name) is found with one
# str.find, without reading the whole index: measured on the bundled graph, 0.2 ms against
# ~4 ms for the index (284 KB of JSON, 600 entities). Keys are normalised (word characters and
# single spaces); a level is "-" when the entity has none.
NAMES_FILE = "resolver-names-6.tsv"
_RDF_TYPE, _PREF, _SCHEME = T.rdf_type, T.skos_prefLabel, T.skos_inScheme
# Every name an entity goes by: its prefLabels, its altLabel (one per language: an acronym or
# a short name) and its hiddenLabels (the other names the report uses).
_LABELS = frozenset((T.skos_prefLabel, T.skos_altLabel, T.skos_hiddenLabel))
# Institutions and councils are classified with org:classification, classes of actors with
# gg:classification (ORG's property has rdfs:domain org:Organization).
_CLASSIFICATIONS = (T.org_classification, T.gg_classification)
_JURISDICTION = T.eli_jurisdiction
_GOVERNMENT = PREFIXES["gg"] + "levelOfGovernment"
_PARENTS = (T.org_subOrganizationOf, T.eli_is_part_of)
# A post (org:Post: "el Gobernador del Estado") is named like an agent: it holds council seats
# (gg:post). Its parent, and its level, are those of the organisation it exists in.
_POST, _POST_IN = PREFIXES["org"] + "Post", PREFIXES["org"] + "postIn"
# An IRI the graph says is the same as an entity (owl:sameAs, either way round: the IRIs the
# shared federal and international entities had in a profile, data/ttl/mx-zac/moved.ttl) and
# that has no label of its own is an alias: it resolves to the entity.
_SAME_AS = T.owl_sameAs
# What makes an entity a vocabulary term (unless it is also of one of the kinds).
_VOCABULARY = frozenset(
    PREFIXES[prefix] + local
    for prefix, local in (
        ("owl", "Class"),
        ("owl", "Ontology"),
        ("owl", "ObjectProperty"),
        ("owl", "DatatypeProperty"),
        ("owl", "AnnotationProperty"),
        ("owl", "FunctionalProperty"),
        ("rdfs", "Class"),
        ("rdfs", "Datatype"),
        ("rdf", "Property"),
        ("skos", "Concept"),
        ("skos", "ConceptScheme"),
        ("skos", "Collection"),
    )
)
# Search order of the kinds; articles (law subdivisions) and everything else come last.
_ORDER = {"agent": 0, "council": 1, "program": 2, "law": 3, "dimension": 4}
LAST = len(_ORDER)

# One row per (entity, property, value), so that types, labels and links add up instead of
# multiplying. ?lang is "" for IRIs. No ORDER BY and no test for a prefLabel here: _index
# keeps only entities with a prefLabel and sorts in Python, which is several times faster
# than asking the store to (on-disk stores especially).
INDEX = """
SELECT DISTINCT ?entity ?property ?value ?lang WHERE {
  VALUES ?property {
    rdf:type skos:prefLabel skos:altLabel skos:hiddenLabel skos:inScheme
    org:classification gg:classification org:subOrganizationOf eli:is_part_of eli:jurisdiction
    gg:levelOfGovernment org:postIn owl:sameAs
  }
  ?entity ?property ?value .
  FILTER(isIRI(?entity))
  BIND(IF(isLiteral(?value), LANG(?value), "") AS ?lang)
}
"""


def normalise(text: str) -> str:
    """Fold text for matching: no accents, casefolded, non-alphanumeric runs as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", bare.casefold()).strip()


def _kinds(types: set[str], schemes: set[str]) -> frozenset[str]:
    """Return the kinds an entity with these rdf:types and schemes belongs to."""
    kinds = {"any"}
    if T.gg_Council in types:
        kinds.add("council")
    elif T.org_Organization in types:
        kinds.add("agent")
    if T.gg_ActorGroup in types or _POST in types:
        kinds.add("agent")
    if types & {T.eli_LegalResource, T.eli_LegalResourceSubdivision}:
        kinds.add("law")
    if T.gg_Program in types:
        kinds.add("program")
    if PREFIXES["skos"] + "Concept" in types and DIMENSIONS in schemes:
        kinds.add("dimension")
    if kinds == {"any"} and types & _VOCABULARY:
        return frozenset({TERM})  # not "any": a name never resolves to a vocabulary term
    if kinds == {"any"} and T.eli_LegalExpression in types:
        return frozenset({TEXT})  # a name stands for the law; the CURIE names its text
    return frozenset(kinds)


def _order(kinds: frozenset[str], types: set[str]) -> int:
    """Return where an entity's kind comes in search results (see _ORDER)."""
    if "law" in kinds and T.eli_LegalResourceSubdivision in types:
        return LAST  # an article comes after the laws, with findings and mandates
    return min((_ORDER[k] for k in kinds if k in _ORDER), default=LAST)


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Entity(NamedTuple):
    """A nameable entity: its IRI, kinds, prefLabels by language and every label."""

    iri: str
    kinds: frozenset[str]
    pref: tuple[tuple[str, str], ...]  # (language, prefLabel), sorted
    labels: tuple[tuple[str, str], ...]  # (normalised, as written), pref, alt, hidden, sorted
    slug: str  # normalised last path segment
    order: int  # where its kind comes in search results: institutions first, articles last
    level: str = ""  # the slug of its level of government (estatal), "" if none
    parent: str = ""  # the IRI it is a unit or a part of, "" if none
    aliases: tuple[str, ...] = ()  # unlabelled IRIs that are owl:sameAs it (its former IRIs)

    @property
    def kind(self) -> str:
        """Return the first specific kind of the entity, or "other"."""
        return next((k for k in KINDS[:-1] if k in self.kinds), "other")

    def label(self, lang: str) -> str:
        """Return the prefLabel in lang, else in es, en or any language, else the CURIE."""
        by_lang = dict(reversed(self.pref))  # the first label of each language wins
        for choice in (lang.lower(), "es", "en"):
            if choice in by_lang:
                return by_lang[choice]
        return self.pref[0][1] if self.pref else curie(self.iri)


NAMES_HEADER = "# govgraph resolver names 6\n"


def names_text(entities: list[Entity]) -> str:
    """The name lines of NAMES_FILE: every normalised label and slug with what it names."""
    names: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for key in {entity.slug, *(n for n, _ in entity.labels)}:
            if key:
                kinds = ",".join(sorted(entity.kinds))
                names[key].append(f"{entity.iri} {kinds} {entity.level or '-'}")
    lines = (f"{key}\t" + "\t".join(hits) for key, hits in sorted(names.items()))
    return NAMES_HEADER + "".join(f"{line}\n" for line in lines)


def _slug(iri: str) -> str:
    """Return the normalised last path (or fragment) segment of an IRI."""
    return normalise(re.split(r"[/#]", iri.rstrip("/"))[-1])


def saved_index(backend: Backend) -> list[Entity]:
    """The index kept beside a cached store, else read from the backend (and kept)."""
    folder = getattr(backend, "folder", None)
    if folder is None:
        return read_index(backend)
    path = folder / INDEX_FILE
    with contextlib.suppress(OSError, ValueError, TypeError):
        return [
            Entity(
                iri,
                frozenset(kinds),
                tuple(map(tuple, pref)),
                tuple(map(tuple, labels)),
                slug,
                int(order),
                str(level),
                str(parent),
                tuple(map(str, aliases)),
            )
            for iri, kinds, pref, labels, slug, order, level, parent, aliases in json.loads(
                path.read_text(encoding="utf-8")
            )
        ]
    entities = read_index(backend)
    rows = [
        [e.iri, sorted(e.kinds), e.pref, e.labels, e.slug, e.order, e.level, e.parent, e.aliases]
        for e in entities
    ]
    with contextlib.suppress(GovgraphError):  # a read-only cache only costs the query
        write_atomically(path, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    return entities


def read_index(backend: Backend) -> list[Entity]:
    """Read every labelled IRI with its types, labels, schemes, level and parent."""
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    pref: dict[str, set[tuple[str, str]]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for iri, prop, value, lang in backend.query(INDEX).rows:
        if iri is None or value is None or prop is None:
            continue
        if prop in _LABELS:
            labels[iri].add(value)
            if prop == _PREF:
                pref[iri].add(((lang or "").lower(), value))
        elif not lang:  # a link is an IRI, never a literal
            links[iri][prop].add(value)

    def own_level(iri: str) -> str:
        """The level IRI an entity is classified in, or its jurisdiction's."""
        for prop in _CLASSIFICATIONS:
            for value in sorted(links[iri][prop]):
                if LEVEL_SCHEME in links[value][_SCHEME]:
                    return value
        for jurisdiction in sorted(links[iri][_JURISDICTION]):
            for value in sorted(links[jurisdiction][_GOVERNMENT]):
                return value
        return ""

    def level(iri: str) -> str:
        """The level slug of an entity, else of the law it is a part of or the body of a post."""
        seen = set()
        while iri and iri not in seen:  # a cycle of eli:is_part_of must not hang
            seen.add(iri)
            if found := own_level(iri):
                return found.rstrip("/").rsplit("/", 1)[-1]
            iri = min(links[iri][_PARENTS[1]] | links[iri][_POST_IN], default="")
        return ""

    aliases: dict[str, set[str]] = defaultdict(set)
    for iri, properties in links.items():
        for other in properties[_SAME_AS]:
            for entity, alias in ((other, iri), (iri, other)):
                if entity in pref and alias not in pref:
                    aliases[entity].add(alias)

    entities = []
    for iri in sorted(pref):
        types, schemes = links[iri][_RDF_TYPE], links[iri][_SCHEME]
        kinds = _kinds(types, schemes)
        parents = links[iri][_PARENTS[0]] | links[iri][_PARENTS[1]] | links[iri][_POST_IN]
        entities.append(
            Entity(
                iri=iri,
                kinds=kinds,
                pref=tuple(sorted(pref[iri])),
                labels=tuple(sorted((normalise(t), t) for t in labels[iri])),
                slug=_slug(iri),
                order=_order(kinds, types),
                level=level(iri),
                parent=min(parents, default=""),
                aliases=tuple(sorted(aliases[iri])),
            )
        )
    return entities
