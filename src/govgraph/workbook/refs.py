"""References between rows, and to shared entities: what a cell names, or why it names nothing.

A reference cell names a row of one of the column's target sheets by its key (``sezami``), by
``kind/key`` (``council/sipinna``, when two sheets share a key) or by one of its names
(acronym, Spanish or English name); a shared federal or international entity by its acronym,
one of its names, its slug, its CURIE or its IRI (govgraph.resolve's index, exact matches
only: a workbook never guesses); a part of a shared law as ``<law>/<part>`` (``CPEUM/art-73``).
Ambiguity is an error listing the candidates; so is no match, with the closest names.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from govgraph.errors import ResolveError
from govgraph.namespaces import PREFIXES, curie, expand
from govgraph.resolve import TERM, Entity, normalise
from govgraph.resolve.index import TEXT
from govgraph.workbook.cells import lines
from govgraph.workbook.context import Context
from govgraph.workbook.sheets import BY_ID
from govgraph.workbook.spec import Column

_CURIE = re.compile(r"^([A-Za-z][\w.-]*):(\S*)$")
_ABSOLUTE = re.compile(r"^https?://\S+$")


@dataclass
class Rows:
    """The rows of a workbook by IRI, key and name, for resolving references to them."""

    base: str  # the profile's namespace: https://w3id.org/govgraph/id/<jurisdiction>/
    sheet_of: dict[str, str] = field(default_factory=dict)  # IRI → sheet id
    keys: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    labels: dict[str, str] = field(default_factory=dict)  # IRI → a name, for messages

    def add(self, sheet_id: str, key: str, iri: str, cells: dict[str, str]) -> None:
        """Index one row: its key, its IRI and the names in the sheet's name columns."""
        self.sheet_of[iri] = sheet_id
        self.keys[sheet_id][key.casefold()] = iri
        sheet = BY_ID[sheet_id]
        for column_id in sheet.names:
            for name in lines(cells.get(column_id, "")):
                if normalised := normalise(name):
                    self.names[sheet_id][normalised].add(iri)
        self.labels[iri] = cells.get("name_es") or key


class Resolver:
    """Resolve the reference cells of one workbook against its rows and the shared entities."""

    def __init__(self, rows: Rows, context: Context) -> None:
        self.rows = rows
        self.context = context

    def resolve(self, text: str, column: Column) -> str:
        """The IRI a reference cell names, or ValueError saying why none (or several)."""
        name = text.strip()
        if iri := self.as_iri(name):
            return self._known(name, iri, column)
        if found := self._kind_path(name, column):
            return found
        keys = {
            self.rows.keys[s][name.casefold()]
            for s in column.targets
            if name.casefold() in self.rows.keys[s]
        }
        if len(keys) == 1:
            return keys.pop()
        if keys:
            raise ValueError(f"'{name}' is a key of several sheets: write {self._paths(keys)}")
        key = normalise(name)
        named = set().union(*(self.rows.names[s].get(key, set()) for s in column.targets))
        if len(named) == 1:
            return named.pop()
        if named:
            raise ValueError(
                f"'{name}' names several rows: write one of their keys ({self._keys(named)})"
            )
        shared = self._shared(key, column)
        if len(shared) == 1:
            return shared[0]
        if shared:
            listed = ", ".join(
                f"{self.context.entities[iri].label('es')} ({curie(iri)})" for iri in shared[:10]
            )
            raise ValueError(f"'{name}' names several shared entities: {listed}")
        if "/" in name and (found := self._part_of_shared(name, column)):
            return found
        raise ValueError(self._unknown(name, column))

    # --- the ways of naming ---------------------------------------------------------------

    @staticmethod
    def as_iri(name: str) -> str | None:
        """The IRI of an <IRI>, an http(s) IRI or a CURIE of the prefix table; else None."""
        if name.startswith("<") and name.endswith(">"):
            return name[1:-1]
        if _ABSOLUTE.match(name):
            return name
        found = _CURIE.match(name)
        if found and found.group(1) in PREFIXES:
            try:
                return expand(name)
            except ResolveError:
                return None
        return None

    def _known(self, name: str, iri: str, column: Column) -> str:
        """An IRI given in full: a row of a target sheet, or a shared entity of the kinds."""
        sheet = self.rows.sheet_of.get(iri)
        if sheet is not None:
            if sheet in column.targets:
                return iri
            raise ValueError(
                f"'{name}' is a row of '{BY_ID[sheet].name}', not of {self._sheets(column)}"
            )
        entity = self.context.entities.get(iri)
        if entity is not None and self._fits(entity, column):
            return iri
        if entity is not None:
            raise ValueError(f"'{name}' is not {self._sheets(column)}")
        raise ValueError(
            f"unknown IRI '{name}': not a row of this workbook, nor an entity govgraph knows"
        )

    def _kind_path(self, name: str, column: Column) -> str | None:
        """kind/key (council/sipinna): the row with that path in the profile's namespace."""
        kind, sep, _ = name.partition("/")
        if not sep or kind not in {BY_ID[s].kind for s in column.targets}:
            return None
        iri = self.rows.base + name
        return iri if self.rows.sheet_of.get(iri) in column.targets else None

    def _fits(self, entity: Entity, column: Column) -> bool:
        """True when a shared entity may stand in this column (by resolver kind or class)."""
        if entity.kinds & {TERM, TEXT}:
            return TEXT in entity.kinds and TEXT in column.shared  # a law's text, if asked
        if entity.kinds & set(column.shared):
            return True
        return any(
            entity.iri in self.context.instances(expand(c)) for c in column.shared if ":" in c
        )

    def _shared(self, key: str, column: Column) -> list[str]:
        """The shared entities of the column's kinds that go by a normalised name."""
        if not column.shared or not key:
            return []
        found = self.context.shared_names.get(key, [])
        return sorted({e.iri for e in found if self._fits(e, column)})

    def _part_of_shared(self, name: str, column: Column) -> str | None:
        """<law>/<part> (CPEUM/art-73): the part of a shared law, if govgraph knows it."""
        head, _, rest = name.partition("/")
        if "law" not in column.shared or not rest:
            return None
        laws = self._shared(normalise(head), column)
        if len(laws) != 1:
            return None
        iri = f"{laws[0]}/{rest.strip().casefold()}"
        entity = self.context.entities.get(iri)
        return iri if entity is not None and self._fits(entity, column) else None

    # --- messages ---------------------------------------------------------------------------

    def _paths(self, iris: set[str]) -> str:
        """The kind/key forms of rows, for a message."""
        return " or ".join(sorted(f"'{iri[len(self.rows.base) :]}'" for iri in iris))

    def _keys(self, iris: set[str]) -> str:
        """The keys (kind/key) of rows, for a message."""
        return ", ".join(sorted(iri[len(self.rows.base) :] for iri in iris))

    @staticmethod
    def _sheets(column: Column) -> str:
        """The sheets a column refers to, for a message."""
        names = [f"'{BY_ID[s].name}'" for s in column.targets]
        if column.shared:
            names.append("a shared entity")
        return " or ".join(names) if names else "anything"

    def _unknown(self, name: str, column: Column) -> str:
        """No match: say where it was looked for, and suggest the closest names."""
        pool: dict[str, str] = {}
        for sheet in column.targets:
            for key in self.rows.keys[sheet]:
                pool[key] = key
            for key in self.rows.names[sheet]:
                pool.setdefault(key, key)
        if column.shared:
            for key, entities in self.context.shared_names.items():
                if any(self._fits(e, column) for e in entities):
                    pool.setdefault(key, key)
        close = difflib.get_close_matches(normalise(name) or name, list(pool), n=3, cutoff=0.75)
        hint = f" (did you mean {' or '.join(repr(pool[c]) for c in close)}?)" if close else ""
        return f"unknown: '{name}' is no key or name in {self._sheets(column)}{hint}"

    def written(self, iri: str, column: Column) -> str:
        """How export writes a reference so that resolve() gives the IRI back."""
        sheet = self.rows.sheet_of.get(iri)
        candidates: list[str] = []
        if sheet is not None:
            path = iri[len(self.rows.base) :] if iri.startswith(self.rows.base) else ""
            if path:
                candidates += [path.split("/", 1)[1], path]
        else:
            entity = self.context.entities.get(iri)
            if entity is not None:
                written = sorted({w for _, w in entity.labels}, key=lambda w: (len(w), w))
                candidates += written
        candidates += [curie(iri), f"<{iri}>"]
        for candidate in candidates:
            if candidate.startswith("<<") or "\n" in candidate or ";" in candidate:
                continue
            try:
                if self.resolve(candidate, column) == iri:
                    return candidate
            except ValueError:
                continue
        return f"<{iri}>"
