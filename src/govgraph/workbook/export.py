"""A profile's graph as workbook rows, and the proof that they say the same: the rows are built
back into triples (as import does) and compared with the graph, triple by triple."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govgraph.namespaces import PREFIXES, T, curie
from govgraph.workbook.build import EXPRESSION, build
from govgraph.workbook.cells import XSD, Problem, column_letter
from govgraph.workbook.context import ID, Concept, Context
from govgraph.workbook.read import Row, Table, Workbook
from govgraph.workbook.refs import Resolver, Rows
from govgraph.workbook.sheets import BY_ID, SHEETS
from govgraph.workbook.spec import Column, Sheet

if TYPE_CHECKING:
    import rdflib

    from govgraph.workbook.build import Triple

Rows_ = dict[str, list[dict[str, str]]]  # sheet id → rows of {column id: text}
_DATATYPES = {
    "integer": {XSD + "integer"},
    "decimal": {XSD + "decimal"},
    "number": {XSD + "integer", XSD + "decimal"},
    "boolean": {XSD + "boolean"},
    "date": {XSD + "date", XSD + "gYearMonth", XSD + "gYear"},
    "year": {XSD + "gYear"},
}
_DIGITS = re.compile(r"(\d+)")


@dataclass
class Exported:
    """Workbook rows of a profile, and what a round trip through them would change."""

    jurisdiction: str
    rows: Rows_
    missing: list[Triple] = field(default_factory=list)  # in the graph, not in the rows
    extra: list[Triple] = field(default_factory=list)  # from the rows, not in the graph
    problems: list[Problem] = field(default_factory=list)  # what import would say of the rows


def as_workbook(rows: Rows_) -> Workbook:
    """Rows of {column id: text} as a Workbook (as if read from a file with every column)."""
    tables = {}
    for sheet in SHEETS:
        letters = {c.id: column_letter(i) for i, c in enumerate(sheet.columns)}
        table = Table(sheet, sheet.name, letters)
        for number, cells in enumerate(rows.get(sheet.id, []), start=2):
            table.rows.append(Row(number, {k: v for k, v in cells.items() if v}))
        tables[sheet.id] = table
    return Workbook(tables)


def _natural(text: str) -> list[object]:
    """Sort key that puts art-2 before art-14."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text)]


class _Exporter:
    def __init__(self, graph: rdflib.Graph, jurisdiction: str, context: Context) -> None:
        self.graph = graph
        self.jurisdiction = jurisdiction
        self.context = context
        self.base = f"{ID}{jurisdiction}/"

    def sheet_of(self, subject: str, types: set[str]) -> Sheet | None:
        """The sheet a subject belongs on, by its rdf:types (None: no sheet, or derived)."""
        import rdflib

        if T.eli_LegalExpression in types:
            return None  # the law's text: derived from the law's row
        if subject == PREFIXES["juris"] + self.jurisdiction:
            return BY_ID["jurisdiction"]
        for sheet in SHEETS[1:]:
            if sheet.match and sheet.match in types:
                return sheet
        if types:
            return None
        if not subject.startswith(self.base):
            return BY_ID["shared"]  # what the profile says of a shared entity
        same_as = self.graph.value(rdflib.URIRef(subject), rdflib.OWL.sameAs)
        return BY_ID["moved"] if same_as is not None else None

    def key(self, sheet: Sheet, subject: str) -> str:
        """The key cell of a subject: its slug in the profile's namespace, else a CURIE."""
        if sheet.id == "jurisdiction":
            return self.jurisdiction
        if sheet.key_mode == "shared":
            return self.resolver.written(subject, sheet.column("key"))
        prefix = f"{self.base}{sheet.kind}/" if sheet.kind else self.base
        return subject[len(prefix) :] if subject.startswith(prefix) else curie(subject)

    def run(self) -> Exported:
        import rdflib

        found: list[tuple[Sheet, rdflib.URIRef]] = []
        rows = Rows(self.base)
        self.resolver = Resolver(rows, self.context)
        for subject in sorted(set(self.graph.subjects()), key=str):
            if not isinstance(subject, rdflib.URIRef):
                continue
            types = {str(t) for t in self.graph.objects(subject, rdflib.RDF.type)}
            sheet = self.sheet_of(str(subject), types)
            if sheet is not None:
                found.append((sheet, subject))
        for sheet, subject in found:  # the rows others refer to, by key and name
            if not sheet.key_mode:
                names = {c: self._cell(subject, sheet.column(c)) for c in sheet.names}
                rows.add(sheet.id, self.key(sheet, str(subject)), str(subject), names)
        placed = [(sheet, subject, self.key(sheet, str(subject))) for sheet, subject in found]
        out: Rows_ = defaultdict(list)
        if not any(sheet.id == "jurisdiction" for sheet, _, _ in placed):
            concept = self.context.jurisdiction(self.jurisdiction)
            out["jurisdiction"].append(self._concept_row(concept))
        for sheet, subject, key in placed:
            cells = {"key": key}
            for column in sheet.columns[1:]:
                cells[column.id] = self._cell(subject, column)
            for column in sheet.columns:
                if column.default and cells[column.id] == cells.get(column.default):
                    cells[column.id] = ""
            out[sheet.id].append(cells)
        for sheet_id, sheet_rows in out.items():
            ordered = "order" in {c.id for c in BY_ID[sheet_id].columns}
            sheet_rows.sort(
                key=lambda r: (
                    int(r["order"]) if ordered and r.get("order", "").isdigit() else 10**9,
                    _natural(r["key"]),
                )
            )
        return self._verified(dict(out))

    def _concept_row(self, concept: Concept | None) -> dict[str, str]:
        """The jurisdiction row of a concept of govgraph's vocabulary."""
        if concept is None:
            return {"key": self.jurisdiction}
        return {
            "key": self.jurisdiction,
            "name_es": concept.labels.get("es", ""),
            "name_en": concept.labels.get("en", ""),
            "level": concept.level.rsplit("/", 1)[-1] if concept.level else "",
            "definition_es": concept.definitions.get("es", ""),
            "definition_en": concept.definitions.get("en", ""),
            "order": "" if concept.order is None else str(concept.order),
        }

    def _values(self, subject: rdflib.URIRef, column: Column) -> list[rdflib.term.Node]:
        """The objects (subjects, for an inverse column) a column shows for a subject."""
        import rdflib

        node = rdflib.URIRef(f"{subject}/{EXPRESSION}") if column.on else subject
        pred = rdflib.URIRef(column.iri)
        if column.kind == "flag":
            return [pred] if (node, rdflib.RDF.type, pred) in self.graph else []
        if column.inverse:
            return list(self.graph.subjects(pred, node))
        return list(self.graph.objects(node, pred))

    def _cell(self, subject: rdflib.URIRef, column: Column) -> str:
        """A cell's text: the column's values for the subject, one per line."""
        import rdflib

        texts = []
        for value in self._values(subject, column):
            kind = column.kind
            if kind == "flag":
                texts.append("sí")
            elif isinstance(value, rdflib.Literal):
                datatype = str(value.datatype) if value.datatype else ""
                if kind == "text" and value.language == column.lang:
                    if column.lang or datatype in ("", XSD + "string"):
                        texts.append(str(value))
                elif kind in _DATATYPES and datatype in _DATATYPES[kind]:
                    texts.append(str(value))
            elif isinstance(value, rdflib.URIRef):
                concept = self.context.concept(str(value), column.scheme_iri)
                if concept is not None:
                    texts.append(concept.slug)
                elif column.scheme and str(value) == PREFIXES["juris"] + self.jurisdiction:
                    texts.append(self.jurisdiction)  # the profile's own, new jurisdiction
                elif kind == "ref":
                    texts.append(self.resolver.written(str(value), column))
                elif kind == "iri":
                    texts.append(str(value))
        return "\n".join(sorted(texts, key=_natural))

    def _verified(self, rows: Rows_) -> Exported:
        """Build the rows back into triples and compare them with the graph."""
        exported = Exported(self.jurisdiction, rows)
        built = build(as_workbook(rows), self.context, self.jurisdiction)
        exported.problems = built.problems
        mine = set(built.triples())
        theirs = set(self.graph)
        exported.missing = sorted(theirs - mine, key=lambda t: tuple(map(str, t)))
        exported.extra = sorted(mine - theirs, key=lambda t: tuple(map(str, t)))
        return exported


def export_rows(graph: rdflib.Graph, jurisdiction: str, context: Context) -> Exported:
    """The workbook rows of a profile's graph, checked by building them back into triples."""
    return _Exporter(graph, jurisdiction, context).run()


def jurisdictions(graph: rdflib.Graph) -> list[str]:
    """The jurisdictions whose namespace (id/<jurisdiction>/) holds subjects of the graph,
    the shared levels left out."""
    from govgraph.workbook.context import SHARED_LEVELS

    found = set()
    for subject in graph.subjects(unique=True):
        text = str(subject)
        if text.startswith(ID):
            found.add(text[len(ID) :].split("/", 1)[0])
    return sorted(found - set(SHARED_LEVELS))


def profile_graph(graph: rdflib.Graph, jurisdiction: str) -> rdflib.Graph:
    """The statements of a graph about one profile: its namespace's subjects, those that state
    gg:jurisdiction juris:<jurisdiction> (and the law texts of its laws)."""
    import rdflib

    from govgraph.workbook.context import JURISDICTION

    base = f"{ID}{jurisdiction}/"
    juris = rdflib.URIRef(PREFIXES["juris"] + jurisdiction)
    stated = set(graph.subjects(rdflib.URIRef(JURISDICTION), juris))
    out = rdflib.Graph()
    for s, p, o in graph:
        if str(s).startswith(base) or s in stated:
            out.add((s, p, o))
    return out
