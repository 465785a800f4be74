"""The workbook's one table: sheet → class, column → predicate, value type, list and references.

Everything the workbook package does (template, export, import, the checks and the README
sheet) reads the table in govgraph.workbook.sheets; a new property of the application profile
is one line there (and its header and help text in govgraph.workbook.texts).

A sheet lists one kind of thing, a row one thing. Its IRI is
``https://w3id.org/govgraph/id/<jurisdiction>/<kind>/<key>`` (docs/model.md), where key is the
row's first column; the jurisdiction sheet names the profile's jurisdiction itself
(``juris:<key>``). Column kinds:

- ``key``: the row's key, a lowercase slug (``sezami``; articles ``ley-x/art-14``), or a CURIE
  or IRI for a thing outside the profile's namespace;
- ``text``: a literal in ``lang`` (None: a plain string); ``integer``, ``decimal``, ``number``
  (xsd:integer or xsd:decimal, as written), ``boolean``, ``date`` (``2018`` xsd:gYear,
  ``2022-10`` xsd:gYearMonth, ``2022-08-17`` xsd:date), ``year`` (xsd:gYear only), ``iri`` (a
  web address);
- ``concept``: a concept of the SKOS scheme ``scheme`` (a drop-down list);
- ``ref``: another row, by key (or ``kind/key``), acronym or name, in the sheets ``targets``,
  or a shared federal or international entity (by acronym, name, CURIE or IRI) of the resolver
  kinds in ``shared`` (``agent``, ``law``...) or of the classes in it (CURIEs: ``qb:DataSet``);
  a ref with a ``scheme`` also takes the concepts of that list; ``inverse`` writes the triple
  from the referenced thing to the row;
- ``flag``: yes/no, adding the rdf:type ``pred`` when yes.

``many`` columns hold several values, one per line (references and lists also take ``;``).
``default`` names the column whose value a blank cell takes (and export leaves such a cell
blank). ``on`` writes the column's triples on a companion node instead of the row's subject
(``expression``: the law's Spanish text, an ``eli:LegalExpression`` at the law's IRI + ``/spa``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from govgraph.namespaces import expand

# Reference targets used by many columns: the sheets of agents and of laws, and the kinds of
# shared entity (govgraph.resolve) they may name.
AGENTS = ("bodies", "groups", "councils")
LAWS = ("laws", "articles")
AGENT_KINDS = ("agent", "council")
LAW_KINDS = ("law",)
KINDS = (
    "key", "text", "integer", "decimal", "number", "boolean", "date", "year", "iri", "concept",
    "ref", "flag",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the predicate it fills, the values it takes, its header."""

    id: str
    pred: str  # a CURIE of the prefix table ("" for the key)
    kind: str
    lang: str | None = None
    many: bool = False
    required: bool = False
    scheme: str = ""  # concept: the ConceptScheme (a CURIE)
    targets: tuple[str, ...] = ()  # ref: the sheets whose rows it names
    shared: tuple[str, ...] = ()  # ref: the resolver kinds of shared entities it may name
    inverse: bool = False
    default: str = ""  # the column whose value a blank cell takes
    on: str = ""  # a companion node of the row ("expression")
    es: str = ""  # header, Spanish (from govgraph.workbook.texts)
    en: str = ""  # header, English
    help_es: str = ""
    help_en: str = ""

    @property
    def header(self) -> str:
        """The header cell: Spanish / English."""
        return f"{self.es} / {self.en}"

    @property
    def iri(self) -> str:
        """The predicate's full IRI ("" for the key)."""
        return expand(self.pred) if self.pred else ""

    @property
    def scheme_iri(self) -> str:
        """The full IRI of the list's concept scheme ("" if none)."""
        return expand(self.scheme) if self.scheme else ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its names, the class and IRI kind of its rows, its columns and its file."""

    id: str
    name: str  # the sheet's (and CSV file's) name, Spanish
    en: str  # its English name (accepted too)
    kind: str  # the IRI segment after the jurisdiction ("" for the jurisdiction sheet)
    types: tuple[str, ...]  # CURIEs written for every row; the first puts a subject here
    file: str  # the Turtle file of the import
    columns: tuple[Column, ...]
    identifier: bool = False  # dcterms:identifier = the IRI's path after /id/ (CPSV-AP)
    companion: str = ""  # "expression": the law's Spanish text (eli:LegalExpression)
    names: tuple[str, ...] = ("name_es", "name_en", "alt_es", "alt_en", "alt", "hidden_es")
    relationship: bool = False  # a relationship node: its source and evidence are required
    extra: tuple[tuple[str, str], ...] = ()  # constant (predicate, object) CURIEs of every row
    # How the key makes the row's subject: "" <namespace>/<kind>/<key>; "path" <namespace>/<key>
    # (a former IRI of the profile); "shared" a shared entity named as a reference is.
    key_mode: str = ""
    help_es: str = ""
    help_en: str = ""
    example: dict[str, str] = field(default_factory=dict)  # the template's worked example

    @property
    def match(self) -> str:
        """The rdf:type (full IRI) that puts a subject on this sheet ("" for none)."""
        return expand(self.types[0]) if self.types else ""

    @property
    def stated(self) -> bool:
        """True when the rows are the profile's own things (typed, with gg:jurisdiction)."""
        return not self.key_mode and self.id != "jurisdiction"

    def column(self, column_id: str) -> Column:
        """The column of this id (KeyError if none)."""
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)


def C(column_id: str, pred: str = "", kind: str = "text", **options: object) -> Column:
    """A column (headers and help are filled in from govgraph.workbook.texts)."""
    if kind not in KINDS:
        raise ValueError(f"unknown column kind {kind!r}")
    return Column(column_id, pred, kind, **options)  # type: ignore[arg-type]


def with_texts(
    sheet: Sheet,
    headers: dict[str, tuple[str, str]],
    helps: dict[str, tuple[str, str]],
) -> Sheet:
    """The sheet with each column's headers and help (a "sheet.column" entry wins)."""
    columns = []
    for column in sheet.columns:
        es, en = headers.get(f"{sheet.id}.{column.id}") or headers[column.id]
        help_es, help_en = helps.get(f"{sheet.id}.{column.id}") or helps.get(column.id, ("", ""))
        columns.append(dataclasses.replace(column, es=es, en=en, help_es=help_es, help_en=help_en))
    return dataclasses.replace(sheet, columns=tuple(columns))


# --- Columns many sheets share ---------------------------------------------------------------

KEY = C("key", kind="key", required=True)
NAME_ES = C("name_es", "skos:prefLabel", lang="es", required=True)
NAME_EN = C("name_en", "skos:prefLabel", lang="en", required=True)
TITLE_DEFAULT = C("title_es", "dcterms:title", lang="es", default="name_es")
ALT = (
    C("alt_es", "skos:altLabel", lang="es"),
    C("alt_en", "skos:altLabel", lang="en"),
    C("alt", "skos:altLabel"),
    C("hidden_es", "skos:hiddenLabel", lang="es", many=True),
    C("hidden", "skos:hiddenLabel", many=True),
)
DESCRIPTION = C("description_es", "dcterms:description", lang="es")
NOTE = C("note_es", "skos:editorialNote", lang="es", many=True)
SUBJECTS = C("subject", "dcterms:subject", "concept", many=True, scheme="migof:dimensiones")
SOURCE = C("source", "dcterms:source", "ref", many=True, targets=("sources",))
EVIDENCE = C("evidence", "gg:evidence", lang="es", many=True)
PROVENANCE = (SOURCE, EVIDENCE)
REQUIRED_PROVENANCE = (
    dataclasses.replace(SOURCE, required=True),
    dataclasses.replace(EVIDENCE, required=True),
)


def agents(column_id: str, pred: str, **options: object) -> Column:
    """A reference to bodies, classes of actors or councils, local or shared."""
    return C(column_id, pred, "ref", targets=AGENTS, shared=AGENT_KINDS, **options)


def laws(column_id: str, pred: str, **options: object) -> Column:
    """A reference to laws or articles, local or shared."""
    return C(column_id, pred, "ref", targets=LAWS, shared=LAW_KINDS, **options)


def programs(column_id: str, pred: str, **options: object) -> Column:
    """A reference to programs, local or shared."""
    return C(column_id, pred, "ref", targets=("programs",), shared=("program",), **options)
