"""Turn what a user types (acronym, name, part of a name, CURIE, IRI) into one entity's IRI.

The index holds every IRI that has a skos:prefLabel, whatever its namespace (a graph given
with ``--data`` may name its entities anywhere), with its stated rdf:types (docs/model.md
rule 5: public types are stated, so no reasoner is needed), its skos:prefLabel,
skos:altLabel and skos:hiddenLabel values in every language (an acronym is an altLabel, the
other names the report uses are hiddenLabels: CPOV allows one altLabel per language), its
skos:inScheme, its level of government and its parent. It is read with one SELECT through
the backend, so it works on every backend.

Kinds: ``council`` (gg:Council); ``agent`` (org:Organization that is not a gg:Council,
gg:ActorGroup, or org:Post: a post such as the Governor holds council seats); ``law``
(eli:LegalResource or eli:LegalResourceSubdivision); ``program`` (gg:Program); ``dimension``
(skos:Concept in migof:dimensiones); ``any`` (every entity that is not a vocabulary term). A
vocabulary term is an OWL or RDFS class or property, an ontology, a SKOS concept scheme or a
SKOS concept of none of the kinds above (roles, levels, sectors, jurisdictions, MiGOF
principles, ``gg:Council`` itself): a name never resolves to one, its CURIE or IRI does
(``describe gg:Council``). A law's expression (eli:LegalExpression, its text in one language,
which carries the eli:title) is named by its CURIE or IRI only too, and ``search`` leaves it
out: a name stands for the law, not for its text.

The level of an entity is the level of government it is classified in (org:classification, or
gg:classification for a class of actors; a concept of level:niveles), else its
jurisdiction's (eli:jurisdiction → gg:levelOfGovernment), else its law's (an article:
eli:is_part_of) or its organisation's (a post: org:postIn); its parent is what it is
org:subOrganizationOf, eli:is_part_of or org:postIn. A level
is written as its slug (``estatal``).

``resolve(text, kind, level=None, among=None)`` applies these rules in order, to the entities
of that kind (and of that level, when one is given) only:

1. An IRI (``http…``, or ``<…>`` around a scheme and a colon) or a CURIE with a prefix of
   the table must be in the index (or in ``among``) and of the kind (any indexed IRI is of
   kind ``any``, a vocabulary term too) and of the level, else ResolveError. An IRI that is
   ``owl:sameAs`` an entity and has no label (a former IRI: ``body:inm``, now
   ``mx-body:inm``) stands for that entity: the answer is the entity's own IRI.
2. Text and labels are normalised: NFKD, combining marks dropped, casefolded, every run of
   non-alphanumerics made one space, stripped. Entities with a label (pref, alt or hidden, any
   language) or a slug (the IRI's last path segment: ``covam``, ``2x1-migrantes``) equal to
   the normalised text match exactly.
3. Only when nothing matches exactly: entities with a label containing the normalised text
   (no word boundary needed) match.
4. The first step with matches decides: one entity is the answer; several are a ResolveError
   listing up to ten of them as "label (CURIE)", sorted. Candidates that share a label also
   show what tells them apart: "label (level, part of parent, CURIE)", the level and the
   parent when they differ between them. There is no tie-breaking at these steps.
5. Only when nothing contains the text: entities with a label holding every word of it (as
   ``search`` matches) are ranked as ``search`` ranks them. The first is the answer when it is
   unambiguous: its match (exact, beginning, whole words, word starts, anywhere) is better
   than the second's, or equally good but the second is a part or a record (an article, a
   finding, a mandate, a seat...) and the first is not, whose labels quote other entities'
   names. Otherwise a ResolveError lists the candidates, best first.
6. No match is a ResolveError suggesting up to three close labels (difflib).

``among`` (a network view's nodes) is where a name is looked for first: only when none of
them matches is it looked for among every entity (so that the caller can say that the
entity is not in the view).

``search(text)`` is looser: an entity matches when every word of the normalised text occurs
in one of its labels (words of one character are left out, unless the text is that one
word). Results are ranked by their best label: exact (or the slug), beginning with the
text, every word a whole word of the label, every word the start of one, anything else;
then by kind (institutions and classes of actors, councils, programs, laws, dimensions,
then the rest: articles, findings, mandates, seats, vocabulary terms...); then by label and
IRI.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections import defaultdict
from collections.abc import Collection, Container
from pathlib import Path
from typing import NamedTuple

from govgraph.errors import GovgraphError, ResolveError
from govgraph.files import write_atomically
from govgraph.namespaces import PREFIXES, curie, expand
from govgraph.resolve import index
from govgraph.resolve.index import (
    INDEX_FILE,
    KINDS,
    LAST,
    LEVELS,
    NAMES_FILE,
    NAMES_HEADER,
    TERM,
    TEXT,
    Entity,
    names_text,
    normalise,
)
from govgraph.store import Backend

__all__ = [
    "INDEX_FILE",
    "KINDS",
    "LEVELS",
    "NAMES_FILE",
    "TERM",
    "Entity",
    "Match",
    "Resolver",
    "normalise",
]

_NOUNS = {kind: (kind, kind + "s") for kind in KINDS} | {"any": ("entity", "entities")}
_A = {
    "council": "a council",
    "agent": "an agent",
    "law": "a law",
    "program": "a program",
    "dimension": "an MGI dimension",
    "any": "an entity",
}
_SHOWN = 10  # candidates listed in an ambiguity message
_CURIE = re.compile(r"^([A-Za-z][\w.-]*):\S*$")
_ABSOLUTE = re.compile(r"^[A-Za-z][\w+.-]*:\S+$")  # <…> holds an IRI only with a scheme


class Match(NamedTuple):
    """A search hit: the entity, its kind, its label in the chosen language, the label matched."""

    iri: str
    kind: str
    label: str
    matched: str


def _check_kind(kind: str) -> None:
    """Reject a kind that is not one of KINDS."""
    if kind not in KINDS:
        raise ResolveError(f"unknown entity kind {kind!r} (choose from {', '.join(KINDS)})")


def _check_level(level: str | None) -> None:
    """Reject a level that is not one of LEVELS."""
    if level is not None and level not in LEVELS:
        raise ResolveError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")


def _words(key: str) -> list[str]:
    """The words of a normalised text that search matches (one character only on its own)."""
    return [w for w in key.split() if len(w) > 1] or ([key] if len(key) == 1 else [])


def _of_level(level: str | None) -> str:
    """The words " of level X" for a message, or nothing."""
    return f" of level {level}" if level else ""


class Resolver:
    """An index of the graph's nameable entities, read once from a backend."""

    def __init__(self, backend: Backend, lang: str = "es") -> None:
        self.lang = lang
        self.backend = backend
        self.folder: Path | None = getattr(backend, "folder", None)  # a cached store's entry

    @functools.cached_property
    def entities(self) -> list[Entity]:
        """Every nameable entity and vocabulary term (read on first use)."""
        return index.saved_index(self.backend)

    @functools.cached_property
    def _by_iri(self) -> dict[str, Entity]:
        """Entities by IRI, and by each of their aliases (former IRIs, owl:sameAs)."""
        found = {alias: e for e in self.entities for alias in e.aliases}
        return found | {e.iri: e for e in self.entities}

    @functools.cached_property
    def _names(self) -> str:
        """The name lines (see NAMES_FILE): read beside a cached store, else made (and kept)."""
        if self.folder is not None and "entities" not in self.__dict__:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                text = (self.folder / NAMES_FILE).read_text(encoding="utf-8")
                if text.startswith(NAMES_HEADER) and text.endswith("\n"):
                    return text
        text = names_text(self.entities)
        if self.folder is not None:
            with contextlib.suppress(GovgraphError):  # a read-only cache only costs the index
                write_atomically(self.folder / NAMES_FILE, text.encode("utf-8"))
        return text

    def _exact(self, key: str) -> list[tuple[str, list[str]]]:
        """The (IRI, kinds) of the entities whose normalised label or slug is key."""
        return [(iri, kinds) for iri, kinds, _ in self._named(key)]

    def _named(self, key: str) -> list[tuple[str, list[str], str]]:
        """The (IRI, kinds, level) of the entities whose normalised label or slug is key."""
        start = self._names.find(f"\n{key}\t")
        if start < 0:
            return []
        _, *hits = self._names[start + 1 : self._names.index("\n", start + 1)].split("\t")
        found = []
        for hit in hits:
            iri, kinds, level = hit.split(" ")
            found.append((iri, kinds.split(","), "" if level == "-" else level))
        return found

    def label(self, iri: str) -> str:
        """Return an entity's label in the resolver's language (the CURIE if not indexed)."""
        entity = self._by_iri.get(iri)
        return entity.label(self.lang) if entity else curie(iri)

    def resolve(
        self,
        text: str,
        kind: str = "any",
        *,
        level: str | None = None,
        among: Container[str] | None = None,
    ) -> str:
        """Return the IRI of the one entity of this kind (and level) that text names.

        among: IRIs (a network view's nodes) to look a name up in first; every entity is
        looked at only when none of them matches. Else ResolveError.
        """
        _check_kind(kind)
        _check_level(level)
        name = text.strip()
        if iri := self._as_iri(name):
            return self._known(iri, kind, level, among)
        key = normalise(name)
        if not key:
            raise ResolveError(f"no name to look up in “{name}”")
        if among is not None and (found := self._by_name(name, key, kind, level, among)):
            return found
        if found := self._by_name(name, key, kind, level, None):
            return found
        raise ResolveError(self._unknown(name, kind, level, key))

    def _by_name(
        self, name: str, key: str, kind: str, level: str | None, among: Container[str] | None
    ) -> str | None:
        """The IRI that a name picks (rules 2 to 5), None if nothing matches."""

        def fits(iri: str, kinds: Collection[str], of_level: str) -> bool:
            return (
                kind in kinds
                and (level is None or of_level == level)
                and (among is None or iri in among)
            )

        exactly = {iri for iri, kinds, of_level in self._named(key) if fits(iri, kinds, of_level)}
        if len(exactly) == 1:
            return exactly.pop()
        pool = [e for e in self.entities if fits(e.iri, e.kinds, e.level)]
        exact = [e for e in pool if key == e.slug or any(key == n for n, _ in e.labels)]
        found = exact or [e for e in pool if any(key in n for n, _ in e.labels)]
        if len(found) == 1:
            return found[0].iri
        if found:
            raise ResolveError(self._ambiguous(name, kind, level, sorted(found, key=self._sort)))
        ranked = self._ranked(key, pool)
        if len(ranked) == 1 or (ranked and _decisive(ranked[0]) < _decisive(ranked[1])):
            return ranked[0][4].iri
        if ranked:
            listed = [entity for *_, entity, _ in ranked]
            raise ResolveError(self._ambiguous(name, kind, level, listed))
        return None

    def _sort(self, entity: Entity) -> tuple[str, str]:
        """Sort key of an entity in an ambiguity message: its label, then its IRI."""
        return normalise(entity.label(self.lang)), entity.iri

    def _ranked(
        self, key: str, entities: Collection[Entity]
    ) -> list[tuple[int, int, str, str, Entity, str]]:
        """The entities with a label holding every word of key, best first (see search)."""
        words = _words(key)
        if not words:
            return []
        ranked = []
        for entity in entities:
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
            label = normalise(entity.label(self.lang))
            ranked.append((rank, entity.order, label, entity.iri, entity, matched))
        ranked.sort(key=lambda item: item[:4])
        return ranked

    def search(
        self, text: str, kinds: Collection[str] | None = None, limit: int | None = 50
    ) -> list[Match]:
        """Find entities whose labels contain every word of text, best matches first (at
        most limit; None: all)."""
        for kind in kinds or ():
            _check_kind(kind)
        wanted = None if not kinds or "any" in kinds else set(kinds)
        pool = [
            e for e in self.entities if (wanted is None or wanted & e.kinds) and TEXT not in e.kinds
        ]
        return [
            Match(entity.iri, entity.kind, entity.label(self.lang), matched)
            for *_, entity, matched in self._ranked(normalise(text), pool)[:limit]
        ]

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

    def _known(self, iri: str, kind: str, level: str | None, among: Container[str] | None) -> str:
        """Check that an IRI is indexed (or one of among), of the kind and of the level."""
        if among is not None and kind == "any" and level is None and iri in among:
            return iri  # a node of the view: no index to read
        entity = self._by_iri.get(iri)
        if entity is None:
            raise ResolveError(f"no {_NOUNS[kind][0]} has the IRI {curie(iri)}")
        name = f"{curie(iri)} ({entity.label(self.lang)})"
        if kind != "any" and kind not in entity.kinds:
            raise ResolveError(f"{name} is not {_A[kind]}")
        if level is not None and entity.level != level:
            has = f"of level {entity.level}" if entity.level else "of no level"
            raise ResolveError(f"{name} is {has}, not {level}")
        return entity.iri  # an alias (a former IRI) gives the entity's own

    def _shown(self, entity: Entity, alike: list[Entity]) -> str:
        """An entity as "label (CURIE)", with its level and parent where they tell it apart
        from the entities of alike (those with the same label): the level where levels
        differ, the parent where it differs between those of the same level."""
        parts = []
        if len({e.level for e in alike}) > 1:
            parts.append(entity.level or "no level")
        parents = {e.parent for e in alike if e.level == entity.level}
        if len(parents) > 1 and entity.parent:
            parts.append(f"part of {self.label(entity.parent)}")
        parts.append(curie(entity.iri))
        return f"{entity.label(self.lang)} ({', '.join(parts)})"

    def _ambiguous(self, name: str, kind: str, level: str | None, found: list[Entity]) -> str:
        """Word the error for text that names several entities (listed in the given order)."""
        alike: dict[str, list[Entity]] = defaultdict(list)
        for entity in found:
            alike[normalise(entity.label(self.lang))].append(entity)
        shown = ", ".join(
            self._shown(e, alike[normalise(e.label(self.lang))]) for e in found[:_SHOWN]
        )
        more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
        what = f"{_NOUNS[kind][1]}{_of_level(level)}"
        return f"“{name}” matches {len(found)} {what}: {shown}{more}"

    def _unknown(self, name: str, kind: str, level: str | None, key: str) -> str:
        """Word the error for text that names nothing, with close labels if any."""
        written: dict[str, str] = {}
        for entity in self.entities:
            if kind in entity.kinds and (level is None or entity.level == level):
                for norm, text in entity.labels:
                    written.setdefault(norm, text)  # labels are sorted: the first spelling wins
        import difflib  # only for "did you mean"

        close = difflib.get_close_matches(key, sorted(written), n=3)
        hint = f"; did you mean: {', '.join(written[c] for c in close)}?" if close else ""
        terms = sorted(curie(iri) for iri, kinds in self._exact(key) if TERM in kinds)
        if kind == "any" and terms:
            hint += f" ({', '.join(terms)}: a vocabulary term, named by its CURIE only)"
        return f"no {_NOUNS[kind][0]}{_of_level(level)} matches “{name}”{hint}"


def _decisive(ranked: tuple[int, int, str, str, Entity, str]) -> tuple[int, bool]:
    """What must be strictly better for the first of _ranked to be the answer: its match,
    then whether it is a part or a record (whose labels quote other entities' names)."""
    rank, order, *_ = ranked
    return rank, order == LAST


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
