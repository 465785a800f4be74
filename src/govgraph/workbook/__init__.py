"""The workbook path: a profile as a spreadsheet (.xlsx or a folder of CSV files) and back.

``template_bytes(context)``: an empty workbook, with lists, help and one worked example row per
sheet. ``export_workbook(graph, jurisdiction, context)``: a profile's graph as workbook rows,
checked by building them back (what a round trip would lose is in ``missing``).
``import_workbook(source, outdir, context=...)``: the rows as Turtle files in the application
profile, validated, written whole or not at all.

The table that maps sheets to classes and columns to predicates is govgraph.workbook.sheets;
``open_context(paths)`` reads the lists (SKOS schemes) and the shared federal and international
entities a workbook refers to from the ontology and data at paths (default: the bundled ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.workbook.cells import Problem, WorkbookError
from govgraph.workbook.context import SHARED_LEVELS, Context
from govgraph.workbook.export import Exported, as_workbook, export_rows
from govgraph.workbook.importer import Imported, import_workbook, shared_sources
from govgraph.workbook.read import read_workbook
from govgraph.workbook.sheets import BY_ID, SHEETS
from govgraph.workbook.write import csv_files, write_csv_folder, xlsx_bytes

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "BY_ID",
    "SHARED_LEVELS",
    "SHEETS",
    "Context",
    "Exported",
    "Imported",
    "Problem",
    "WorkbookError",
    "as_workbook",
    "csv_files",
    "export_rows",
    "export_workbook",
    "import_workbook",
    "open_context",
    "read_workbook",
    "shared_sources",
    "template_bytes",
    "template_rows",
    "write_csv_folder",
    "xlsx_bytes",
]


def open_context(
    paths: Sequence[Path | str] | None = None,
    *,
    ontology: Sequence[Path | str] | None = None,
    cache: bool | None = None,
) -> Context:
    """The lists and shared entities of the ontology and data at paths (default: bundled);
    ontology: which of them are the ontology (default: the bundled ontology sources)."""
    from govgraph.load import load_store, split_sources
    from govgraph.resources import default_sources
    from govgraph.store import OxigraphBackend
    from govgraph.workbook.context import JURISDICTIONS

    sources = list(paths or default_sources(ontology=ontology))
    vocabulary_files, _ = split_sources(sources, ontology=ontology)
    vocabulary = (
        Context(OxigraphBackend(load_store(vocabulary_files))) if vocabulary_files else None
    )
    defined = (
        frozenset(c.iri for c in vocabulary.concepts.get(JURISDICTIONS, []))
        if vocabulary
        else frozenset()
    )
    return Context(OxigraphBackend.load(sources, cache=cache), vocabulary=defined)


def template_rows() -> dict[str, list[dict[str, str]]]:
    """The worked example: one row per sheet."""
    return {sheet.id: [dict(sheet.example)] for sheet in SHEETS if sheet.example}


def template_bytes(context: Context, *, examples: bool = True) -> bytes:
    """An .xlsx template: every sheet, list and help text, and the worked example rows."""
    return xlsx_bytes(template_rows() if examples else {}, context)


def export_workbook(graph: rdflib.Graph, jurisdiction: str, context: Context) -> Exported:
    """A profile's graph as workbook rows (see export_rows)."""
    return export_rows(graph, jurisdiction, context)
