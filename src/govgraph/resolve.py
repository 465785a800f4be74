"""Turn what a user types (acronym, name, part of a name, CURIE, IRI) into one entity's IRI.

The index holds every IRI that has a skos:prefLabel, whatever its namespace (a graph given
with ``--data`` may name its entities anywhere), with its stated rdf:types (docs/model.md
rule 5: public types are stated, so no reasoner is needed), its skos:prefLabel and
skos:altLabel values in every language and its skos:inScheme. It is read with one SELECT
through the backend, so it works on every backend.

Kinds: ``council`` (gg:Council); ``agent`` (org:Organization that is not a gg:Council, or
gg:ActorGroup); ``law`` (eli:LegalResource or eli:LegalResourceSubdivision); ``program``
(gg:Program); ``dimension`` (skos:Concept in migof:dimensiones); ``any`` (everything indexed).

``resolve(text, kind)`` applies these rules in order, to the entities of that kind only:

1. An IRI (``http…``, or ``<…>`` around a scheme and a colon) or a CURIE with a prefix of
   the table must be in the index and of the kind, else ResolveError.
2. Text and labels are normalised: NFKD, combining marks dropped, casefolded, every run of
   non-alphanumerics made one space, stripped. Entities with a label (pref or alt, any
   language) or a slug (the IRI's last path segment: ``covam``, ``2x1-migrantes``) equal to
   the normalised text match exactly.
3. Only when nothing matches exactly: entities with a label containing the normalised text
   (no word boundary needed) match.
4. The first step with matches decides: one entity is the answer; several are a ResolveError
   listing up to ten of them as "label (CURIE)", sorted. There is no tie-breaking, so an
   answer never depends on which other entities happen to be in the graph at the same step.
5. No match is a ResolveError suggesting up to three close labels (difflib).

``search(text)`` is looser: an entity matches when every word of the normalised text occurs
in one of its labels (words of one character are left out, unless the text is that one
word). Results are ranked by their best label: exact (or the slug), beginning with the
text, every word a whole word of the label, every word the start of one, anything else;
then by kind (institutions and classes of actors, councils, programs, laws, dimensions,
then the rest: articles, findings, mandates, seats...); then by label and IRI.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path
from typing import NamedTuple

from govgraph.errors import GovgraphError, ResolveError
from govgraph.files import write_atomically
from govgraph.namespaces import PREFIXES, curie, expand
from govgraph.store import Backend

KINDS = ("council", "agent", "law", "program", "dimension", "any")
DIMENSIONS = "https://w3id.org/govgraph/vocab/migof/dimensiones"
# Beside a cached store, the index is kept so that later runs skip the index query; the
# number changes whenever Entity or the normalisation changes.
INDEX_FILE = "resolver-index-2.json"
# One line per normalised label or slug: "key<TAB>IRI kinds<TAB>IRI kinds...". A name that fits
# one entity exactly (an acronym, a slug, a full name) is found with one str.find, without
# reading the whole index: measured on the bundled graph, 0.2 ms against ~4 ms for the index
# (284 KB of JSON, 600 entities). Keys are normalised (word characters and single spaces).
NAMES_FILE = "resolver-names-2.tsv"
_NOUNS = {kind: (kind, kind + "s") for kind in KINDS} | {"any": ("entity", "entities")}
_SHOWN = 10  # candidates listed in an ambiguity message
_CURIE = re.compile(r"^([A-Za-z][\w.-]*):\S*$")
_ABSOLUTE = re.compile(r"^[A-Za-z][\w+.-]*:\S+$")  # <…> holds an IRI only with a scheme

_RDF_TYPE = PREFIXES["rdf"] + "type"
_PREF = PREFIXES["skos"] + "prefLabel"
_SCHEME = PREFIXES["skos"] + "inScheme"
_ARTICLE = PREFIXES["eli"] + "LegalResourceSubdivision"
# Search order of the kinds; articles (law subdivisions) and everything else come last.
_ORDER = {"agent": 0, "council": 1, "program": 2, "law": 3, "dimension": 4}
_LAST = len(_ORDER)

# One row per (entity, property, value), so that types and labels add up instead of
# multiplying. ?lang is "" for IRIs. No ORDER BY and no test for a prefLabel here: _index
# keeps only entities with a prefLabel and sorts in Python, which is several times faster
# than asking the store to (on-disk stores especially).
INDEX = """
SELECT DISTINCT ?entity ?property ?value ?lang WHERE {
  VALUES ?property { rdf:type skos:prefLabel skos:altLabel skos:inScheme }
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
    gg, org, eli = PREFIXES["gg"], PREFIXES["org"], PREFIXES["eli"]
    kinds = {"any"}
    if gg + "Council" in types:
        kinds.add("council")
    elif org + "Organization" in types:
        kinds.add("agent")
    if gg + "ActorGroup" in types:
        kinds.add("agent")
    if types & {eli + "LegalResource", eli + "LegalResourceSubdivision"}:
        kinds.add("law")
    if gg + "Program" in types:
        kinds.add("program")
    if PREFIXES["skos"] + "Concept" in types and DIMENSIONS in schemes:
        kinds.add("dimension")
    return frozenset(kinds)


def _order(kinds: frozenset[str], types: set[str]) -> int:
    """Return where an entity's kind comes in search results (see _ORDER)."""
    if "law" in kinds and _ARTICLE in types:
        return _LAST  # an article comes after the laws, with findings and mandates
    return min((_ORDER[k] for k in kinds if k in _ORDER), default=_LAST)


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Entity(NamedTuple):
    """A nameable entity: its IRI, kinds, prefLabels by language and every label."""

    iri: str
    kinds: frozenset[str]
    pref: tuple[tuple[str, str], ...]  # (language, prefLabel), sorted
    labels: tuple[tuple[str, str], ...]  # (normalised, as written), pref and alt, sorted
    slug: str  # normalised last path segment
    order: int  # where its kind comes in search results: institutions first, articles last

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


class Match(NamedTuple):
    """A search hit: the entity, its kind, its label in the chosen language, the label matched."""

    iri: str
    kind: str
    label: str
    matched: str


NAMES_HEADER = "# govgraph resolver names 2\n"


def _names_text(entities: list[Entity]) -> str:
    """The name lines of NAMES_FILE: every normalised label and slug with what it names."""
    names: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for key in {entity.slug, *(n for n, _ in entity.labels)}:
            if key:
                names[key].append(f"{entity.iri} {','.join(sorted(entity.kinds))}")
    lines = (f"{key}\t" + "\t".join(hits) for key, hits in sorted(names.items()))
    return NAMES_HEADER + "".join(f"{line}\n" for line in lines)


def _slug(iri: str) -> str:
    """Return the normalised last path (or fragment) segment of an IRI."""
    return normalise(re.split(r"[/#]", iri.rstrip("/"))[-1])


def _check_kind(kind: str) -> None:
    """Reject a kind that is not one of KINDS."""
    if kind not in KINDS:
        raise ResolveError(f"unknown entity kind {kind!r} (choose from {', '.join(KINDS)})")


class Resolver:
    """An index of the graph's nameable entities, read once from a backend."""

    def __init__(self, backend: Backend, lang: str = "es") -> None:
        self.lang = lang
        self.backend = backend
        self.folder: Path | None = getattr(backend, "folder", None)  # a cached store's entry

    @functools.cached_property
    def entities(self) -> list[Entity]:
        """Every nameable entity (read on first use)."""
        return self._saved_index(self.backend)

    @functools.cached_property
    def _by_iri(self) -> dict[str, Entity]:
        return {e.iri: e for e in self.entities}

    @functools.cached_property
    def _names(self) -> str:
        """The name lines (see NAMES_FILE): read beside a cached store, else made (and kept)."""
        if self.folder is not None and "entities" not in self.__dict__:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = (self.folder / NAMES_FILE).read_text(encoding="utf-8")
                if text.startswith(NAMES_HEADER) and text.endswith("\n"):
                    return text
        text = _names_text(self.entities)
        if self.folder is not None:
            with contextlib.suppress(GovgraphError):  # a read-only cache only costs the index
                write_atomically(self.folder / NAMES_FILE, text.encode("utf-8"))
        return text

    def _exact(self, key: str) -> list[tuple[str, list[str]]]:
        """The (IRI, kinds) of the entities whose normalised label or slug is key."""
        start = self._names.find(f"\n{key}\t")
        if start < 0:
            return []
        _, *hits = self._names[start + 1 : self._names.index("\n", start + 1)].split("\t")
        return [(iri, kinds.split(",")) for iri, _, kinds in (h.partition(" ") for h in hits)]

    @classmethod
    def _saved_index(cls, backend: Backend) -> list[Entity]:
        """The index kept beside a cached store, else read from the backend (and kept)."""
        folder = getattr(backend, "folder", None)
        if folder is None:
            return cls._index(backend)
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
                )
                for iri, kinds, pref, labels, slug, order in json.loads(
                    path.read_text(encoding="utf-8")
                )
            ]
        entities = cls._index(backend)
        rows = [[e.iri, sorted(e.kinds), e.pref, e.labels, e.slug, e.order] for e in entities]
        with contextlib.suppress(GovgraphError):  # a read-only cache only costs the query
            write_atomically(path, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        return entities

    @staticmethod
    def _index(backend: Backend) -> list[Entity]:
        """Read every labelled IRI with its types, labels and schemes."""
        types: dict[str, set[str]] = defaultdict(set)
        schemes: dict[str, set[str]] = defaultdict(set)
        pref: dict[str, set[tuple[str, str]]] = defaultdict(set)
        labels: dict[str, set[str]] = defaultdict(set)
        for iri, prop, value, lang in backend.query(INDEX).rows:
            if iri is None or value is None:
                continue
            if prop == _RDF_TYPE:
                types[iri].add(value)
            elif prop == _SCHEME:
                schemes[iri].add(value)
            else:
                labels[iri].add(value)
                if prop == _PREF:
                    pref[iri].add(((lang or "").lower(), value))
        entities = []
        for iri in sorted(pref):
            kinds = _kinds(types[iri], schemes[iri])
            entities.append(
                Entity(
                    iri=iri,
                    kinds=kinds,
                    pref=tuple(sorted(pref[iri])),
                    labels=tuple(sorted((normalise(t), t) for t in labels[iri])),
                    slug=_slug(iri),
                    order=_order(kinds, types[iri]),
                )
            )
        return entities

    def label(self, iri: str) -> str:
        """Return an entity's label in the resolver's language (the CURIE if not indexed)."""
        entity = self._by_iri.get(iri)
        return entity.label(self.lang) if entity else curie(iri)

    def resolve(self, text: str, kind: str = "any") -> str:
        """Return the IRI of the one entity of this kind that text names (else ResolveError)."""
        _check_kind(kind)
        name = text.strip()
        if iri := self._as_iri(name):
            return self._known(iri, kind)
        key = normalise(name)
        if not key:
            raise ResolveError(f"no name to look up in “{name}”")
        exactly = {iri for iri, kinds in self._exact(key) if kind in kinds}
        if len(exactly) == 1:
            return exactly.pop()
        pool = [e for e in self.entities if kind in e.kinds]
        exact = [e for e in pool if key == e.slug or any(key == n for n, _ in e.labels)]
        found = exact or [e for e in pool if any(key in n for n, _ in e.labels)]
        if len(found) == 1:
            return found[0].iri
        if found:
            raise ResolveError(self._ambiguous(name, kind, found))
        raise ResolveError(self._unknown(name, kind, key, pool))

    def search(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 50
    ) -> list[Match]:
        """Find entities whose labels contain every word of text, best matches first."""
        for kind in kinds or ():
            _check_kind(kind)
        wanted = None if not kinds or "any" in kinds else set(kinds)
        key = normalise(text)
        # A one-character word is in nearly every label: it counts only on its own.
        words = [w for w in key.split() if len(w) > 1] or ([key] if len(key) == 1 else [])
        if not words:
            return []
        ranked: list[tuple[int, int, str, str, Match]] = []
        for entity in self.entities:
            if wanted is not None and not wanted & entity.kinds:
                continue
            hits = [
                (_rank(key, words, norm), norm, written)
                for norm, written in entity.labels
                if all(w in norm for w in words)
            ]
            if not hits:
                continue
            rank, _, matched = min(hits)
            if key == entity.slug:
                rank = 0
            label = entity.label(self.lang)
            match = Match(entity.iri, entity.kind, label, matched)
            ranked.append((rank, entity.order, normalise(label), entity.iri, match))
        ranked.sort(key=lambda item: item[:4])
        return [match for *_, match in ranked[:limit]]

    @staticmethod
    def _as_iri(name: str) -> str | None:
        """Return the IRI written as http…, <…> or a CURIE of the table; None for a name."""
        if name.startswith(("http://", "https://")):
            return name
        if name.startswith("<") and name.endswith(">") and _ABSOLUTE.match(name[1:-1]):
            return name[1:-1]
        match = _CURIE.match(name)
        if match and match.group(1) in PREFIXES:
            return expand(name)
        return None

    def _known(self, iri: str, kind: str) -> str:
        """Check that an IRI is indexed and of the kind."""
        entity = self._by_iri.get(iri)
        if entity is None:
            raise ResolveError(f"no {_NOUNS[kind][0]} has the IRI {curie(iri)}")
        if kind not in entity.kinds:
            raise ResolveError(f"{curie(iri)} ({entity.label(self.lang)}) is not a {kind}")
        return iri

    def _ambiguous(self, name: str, kind: str, found: list[Entity]) -> str:
        """Word the error for text that names several entities."""
        listed = sorted(
            (normalise(e.label(self.lang)), f"{e.label(self.lang)} ({curie(e.iri)})") for e in found
        )
        shown = ", ".join(text for _, text in listed[:_SHOWN])
        more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
        return f"“{name}” matches {len(found)} {_NOUNS[kind][1]}: {shown}{more}"

    def _unknown(self, name: str, kind: str, key: str, pool: list[Entity]) -> str:
        """Word the error for text that names nothing, with close labels if any."""
        written: dict[str, str] = {}
        for entity in pool:
            for norm, text in entity.labels:
                written.setdefault(norm, text)  # labels are sorted: the first spelling wins
        import difflib  # only for "did you mean"

        close = difflib.get_close_matches(key, sorted(written), n=3)
        hint = f"; did you mean: {', '.join(written[c] for c in close)}?" if close else ""
        return f"no {_NOUNS[kind][0]} matches “{name}”{hint}"


def _rank(key: str, words: list[str], label: str) -> int:
    """Rank a label that contains every word: 0 exact, 1 begins with the text (whole words),
    2 every word a whole word, 3 every word the start of a word, 4 anywhere."""
    if label == key:
        return 0
    if label.startswith(key + " "):
        return 1
    own = label.split()
    if all(w in own for w in words):
        return 2
    if all(any(o.startswith(w) for o in own) for w in words):
        return 3
    return 4
