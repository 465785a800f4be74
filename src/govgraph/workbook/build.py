"""Check a workbook's rows and turn them into triples of the application profile.

Two passes: the first gives every row its IRI (and finds bad and duplicate keys), the second
reads every cell through its column of the table (govgraph.workbook.sheets): literals, list
values, references. Every problem is collected, with its sheet, row and column; nothing is
raised, so that the user sees them all at once.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govgraph.namespaces import EU_LANGUAGES, PREFIXES, T, expand
from govgraph.workbook import cells
from govgraph.workbook.cells import JURISDICTION_ID, KEY, Problem
from govgraph.workbook.context import ID, JURISDICTION, JURISDICTIONS, Context
from govgraph.workbook.read import Row, Table, Workbook
from govgraph.workbook.refs import Resolver, Rows
from govgraph.workbook.sheets import SHEETS
from govgraph.workbook.spec import Column

if TYPE_CHECKING:
    import rdflib

    Triple = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node]

EXPRESSION = "spa"  # the law's Spanish text: <law IRI>/spa (docs/model.md)
EXPRESSION_SUFFIX = {"es": ", texto en español", "en": ", Spanish text"}


@dataclass
class Built:
    """A workbook as triples (by Turtle file), where each subject came from, and the problems."""

    jurisdiction: str
    files: dict[str, list[Triple]] = field(default_factory=lambda: defaultdict(list))
    origin: dict[str, tuple[Table, Row]] = field(default_factory=dict)  # subject IRI → row
    problems: list[Problem] = field(default_factory=list)

    def triples(self) -> list[Triple]:
        """Every triple, file after file."""
        return [triple for triples in self.files.values() for triple in triples]


def build(workbook: Workbook, context: Context, jurisdiction: str | None = None) -> Built:
    """Check the workbook and turn its rows into triples (problems in Built.problems)."""
    return _Builder(workbook, context).run(jurisdiction)


class _Builder:
    def __init__(self, workbook: Workbook, context: Context) -> None:
        self.workbook = workbook
        self.context = context
        self.problems: list[Problem] = list(workbook.problems)

    # --- the jurisdiction ---------------------------------------------------------------------

    def _jurisdiction(self, option: str | None) -> str | None:
        """The profile's jurisdiction: --jurisdiction, else the one row of its sheet."""
        table = self.workbook.tables.get("jurisdiction")
        rows = [row for row in table.rows if row.cells.get("key")] if table else []

        def problem(message: str) -> None:
            if table is not None and rows:
                self.problems.append(table.problem(rows[0].number, "key", message))
            else:
                self.problems.append(Problem("jurisdiccion", 0, "", "", message))

        if table is not None:
            for row in rows[1:]:
                self.problems.append(table.problem(row.number, "key", "one jurisdiction only"))
        written = rows[0].cells["key"] if rows else None
        if option is not None and written is not None and option != written:
            problem(
                f"the workbook is for '{written}', not for --jurisdiction {option}: change "
                "the cell or the option"
            )
        chosen = option or written
        if chosen is None:
            problem("no jurisdiction: fill the 'jurisdiccion' sheet or give --jurisdiction")
            return None
        if not JURISDICTION_ID.match(chosen):
            problem(f"'{chosen}' is not a jurisdiction identifier (like mx-gto)")
            return None
        if self.context.jurisdiction(chosen) is None and not rows:
            problem(f"govgraph has no jurisdiction '{chosen}': describe it in this sheet")
        return chosen

    # --- first pass: keys ---------------------------------------------------------------------

    def _subject(self, table: Table, row: Row, base: str) -> str | None:
        """The IRI of a row from its key, or None (a problem) when the key is missing or bad."""
        text = row.cells.get("key", "")
        if not text:
            self.problems.append(table.problem(row.number, "key", "missing key"))
            return None
        sheet = table.sheet
        if sheet.id == "jurisdiction":
            return PREFIXES["juris"] + text if JURISDICTION_ID.match(text) else None
        if sheet.key_mode == "shared":  # a shared entity, named as references name it
            try:
                return Resolver(Rows(base), self.context).resolve(text, sheet.column("key"))
            except ValueError as exc:
                self.problems.append(table.problem(row.number, "key", str(exc)))
                return None
        if KEY.match(text):
            return f"{base}{sheet.kind}/{text}" if sheet.kind else f"{base}{text}"
        iri = Resolver.as_iri(text)
        if iri and iri.startswith(("http://", "https://")):
            return iri
        self.problems.append(
            table.problem(
                row.number,
                "key",
                f"'{text}' is not a key: lowercase letters, digits and hyphens "
                "(parts joined by '/'), or a CURIE or IRI",
            )
        )
        return None

    def _index(self, base: str) -> Rows:
        """Give every row its IRI; a duplicate key or IRI is a problem on the second row."""
        rows = Rows(base)
        seen: dict[str, tuple[Table, Row]] = {}
        self.subjects: list[tuple[Table, Row, str]] = []
        for sheet in SHEETS:
            table = self.workbook.tables.get(sheet.id)
            for row in table.rows if table else []:
                iri = self._subject(table, row, base) if table else None
                if iri is None or table is None:
                    continue
                if iri in seen:
                    other, first = seen[iri]
                    where = f"row {first.number}" + (
                        f" of '{other.name}'" if other is not table else ""
                    )
                    self.problems.append(
                        table.problem(
                            row.number, "key", f"duplicate key '{row.cells['key']}' (also {where})"
                        )
                    )
                    continue
                seen[iri] = (table, row)
                if not sheet.key_mode:  # rows others may refer to
                    rows.add(sheet.id, row.cells["key"], iri, row.cells)
                self.subjects.append((table, row, iri))
        return rows

    # --- second pass: cells ---------------------------------------------------------------------

    def run(self, option: str | None) -> Built:
        jurisdiction = self._jurisdiction(option)
        built = Built(jurisdiction or "")
        if jurisdiction is None:
            built.problems = self.problems
            return built
        from rdflib import URIRef

        base = f"{ID}{jurisdiction}/"
        rows = self._index(base)
        self.resolver = Resolver(rows, self.context)
        self.juris = URIRef(PREFIXES["juris"] + jurisdiction)
        known = self.context.in_vocabulary(jurisdiction)
        for table, row, iri in self.subjects:
            triples = self._row(table, row, iri)
            if table.sheet.id == "jurisdiction" and (known or iri != str(self.juris)):
                continue  # govgraph's vocabulary has it: the row names it, the files do not
            built.files[table.sheet.file].extend(triples)
            built.origin[iri] = (table, row)
            if table.sheet.companion:
                built.origin[f"{iri}/{EXPRESSION}"] = (table, row)
        for file, triples in built.files.items():
            built.files[file] = list(dict.fromkeys(triples))
        built.problems = self.problems
        return built

    def _row(self, table: Table, row: Row, iri: str) -> list[Triple]:
        """The triples of one row (its problems appended to self.problems)."""
        import rdflib

        sheet = table.sheet
        subject = rdflib.URIRef(iri)
        rdf_type = rdflib.URIRef(T.rdf_type)
        out: list[Triple] = [(subject, rdf_type, rdflib.URIRef(expand(t))) for t in sheet.types]
        out += [
            (subject, rdflib.URIRef(expand(p)), rdflib.URIRef(expand(o))) for p, o in sheet.extra
        ]
        if sheet.identifier:
            out.append(
                (subject, rdflib.URIRef(T.dcterms_identifier), rdflib.Literal(iri[len(ID) :]))
            )
        companion = rdflib.URIRef(f"{iri}/{EXPRESSION}") if sheet.companion else None
        if sheet.stated:  # every entity and relationship node of the profile (docs/model.md)
            for node in (subject, companion):
                if node is not None:
                    out.append((node, rdflib.URIRef(JURISDICTION), self.juris))
        for column in sheet.columns[1:]:
            text = row.cells.get(column.id, "") or (
                row.cells.get(column.default, "") if column.default else ""
            )
            if not text:
                if column.required:
                    self.problems.append(
                        table.problem(row.number, column.id, "required: this cell is empty")
                    )
                continue
            node = companion if column.on and companion is not None else subject
            out += self._cell(table, row, column, node, text)
        if companion is not None:
            out += self._expression(subject, companion, row)
        self._row_checks(table, row, out)
        return out

    def _cell(
        self, table: Table, row: Row, column: Column, subject: rdflib.term.Node, text: str
    ) -> list[Triple]:
        """The triples of one cell: one per value (values on lines for 'many' columns)."""
        import rdflib

        values = (
            cells.lines(text, semicolons=column.kind in ("ref", "concept"))
            if column.many
            else [text]
        )
        if not column.many and column.kind in ("ref", "concept") and "\n" in text:
            self.problems.append(table.problem(row.number, column.id, "one value only"))
            return []
        pred = rdflib.URIRef(column.iri)
        out: list[Triple] = []
        for value in values:
            try:
                obj = self._value(column, value)
            except ValueError as exc:
                self.problems.append(table.problem(row.number, column.id, str(exc)))
                continue
            if obj is None:
                continue
            if column.kind == "flag":
                out.append((subject, rdflib.URIRef(T.rdf_type), obj))
            elif column.inverse:
                out.append((obj, pred, subject))
            else:
                out.append((subject, pred, obj))
        return out

    def _value(self, column: Column, text: str) -> rdflib.term.Node | None:
        """The RDF term of one value, or ValueError saying what is wrong with it."""
        import rdflib

        xsd = cells.XSD
        kind = column.kind
        if kind == "text":
            return rdflib.Literal(text, lang=column.lang)
        if kind == "integer":
            return rdflib.Literal(cells.integer(text), datatype=rdflib.URIRef(xsd + "integer"))
        if kind == "decimal":
            return rdflib.Literal(cells.decimal(text), datatype=rdflib.URIRef(xsd + "decimal"))
        if kind == "number":
            lexical, datatype = cells.number(text)
            return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
        if kind == "iri":
            return rdflib.URIRef(cells.iri(text))
        if kind == "boolean":
            lexical = "true" if cells.boolean(text) else "false"
            return rdflib.Literal(lexical, datatype=rdflib.URIRef(xsd + "boolean"))
        if kind == "date":
            lexical, datatype = cells.date(text)
            return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
        if kind == "year":
            return rdflib.Literal(cells.year(text), datatype=rdflib.URIRef(xsd + "gYear"))
        if kind == "flag":
            return rdflib.URIRef(column.iri) if cells.boolean(text) else None
        if kind == "concept":
            return rdflib.URIRef(self._concept(column, text))
        if kind == "ref":
            if column.scheme:  # a concept of the list, else a row or a shared entity
                with contextlib.suppress(ValueError):
                    return rdflib.URIRef(self._concept(column, text))
            return rdflib.URIRef(self.resolver.resolve(text, column))
        raise ValueError(f"column kind {kind!r} cannot be read")  # the table is wrong

    def _concept(self, column: Column, text: str) -> str:
        """The IRI of a value of a controlled list, or ValueError naming the list's values."""
        from govgraph.resolve import normalise

        names = self.context.concept_names(column.scheme_iri)
        for key in (text.strip(), normalise(text)):
            if key in names:
                return names[key]
        own = str(self.juris)  # the profile's own jurisdiction, new to the vocabulary
        if column.scheme_iri == JURISDICTIONS and text.strip() in (own, own.rsplit("/", 1)[-1]):
            return own
        scheme = column.scheme_iri.rstrip("/").rsplit("/", 1)[-1]
        values = ", ".join(c.slug for c in self.context.concepts.get(column.scheme_iri, []))
        raise ValueError(f"'{text}' is not in the list '{scheme}' ({values})")

    def _expression(self, law: rdflib.term.Node, text: rdflib.term.Node, row: Row) -> list[Triple]:
        """The law's Spanish text (eli:LegalExpression): derived from the law's row."""
        import rdflib

        out: list[Triple] = [
            (law, rdflib.URIRef(T.eli_is_realized_by), text),
            (text, rdflib.URIRef(T.rdf_type), rdflib.URIRef(T.eli_LegalExpression)),
            (text, rdflib.URIRef(T.eli_realizes), law),
            (text, rdflib.URIRef(T.eli_language), rdflib.URIRef(EU_LANGUAGES["es"])),
        ]
        for lang, suffix in EXPRESSION_SUFFIX.items():
            if name := row.cells.get(f"name_{lang}", ""):
                label = rdflib.Literal(name + suffix, lang=lang)
                out.append((text, rdflib.URIRef(T.skos_prefLabel), label))
        return out

    def _row_checks(self, table: Table, row: Row, triples: list[Triple]) -> None:
        """Checks across a row's cells: a seat count is for a class of actors only."""
        if table.sheet.id != "seats" or not row.cells.get("seat_count"):
            return
        members = [str(o) for _, p, o in triples if str(p) == T.org_member]
        groups = {iri for iri, sheet in self.resolver.rows.sheet_of.items() if sheet == "groups"}
        for member in members:
            entity = self.context.entities.get(member)
            is_group = member in groups or (
                entity is not None and T.gg_ActorGroup in _types_of(self.context, member)
            )
            if not is_group:
                self.problems.append(
                    table.problem(
                        row.number,
                        "seat_count",
                        "a seat count is for a class of actors (sheet "
                        "'grupos'), not for a single body",
                    )
                )


def _types_of(context: Context, iri: str) -> set[str]:
    """The rdf:types of a shared entity (read through the context's backend)."""
    from govgraph.store import IRI

    result = context.backend.query("SELECT ?e ?t WHERE { ?e a ?t }", {"e": IRI(iri)})
    return {str(t) for _, t in result.rows if t}
