"""Write workbook rows as an .xlsx workbook (openpyxl) or as a folder of UTF-8 CSV files.

The workbook: a README sheet (LEEME) that explains every sheet, column and list; one sheet per
kind with a bold, frozen header (help in each header's comment), sensible widths and drop-down
lists (data validations over the hidden 'listas' sheet, filled from the SKOS schemes); the
hidden 'listas' sheet. Text is always written as text: a value starting with '=' is a string,
never a formula. The CSV folder: one file per sheet, the same headers, every cell that a
spreadsheet would run as a formula prefixed with a quote (reversed when read back).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from govgraph.errors import GovgraphError
from govgraph.workbook.cells import column_letter, guard
from govgraph.workbook.context import Context
from govgraph.workbook.read import LISTS, README
from govgraph.workbook.sheets import BY_ID, SHEETS
from govgraph.workbook.spec import Column, Sheet
from govgraph.workbook.texts import README as README_TEXT

Rows = Mapping[str, Sequence[Mapping[str, str]]]  # sheet id → rows of {column id: text}
_KIND_ES = {
    "text": "texto",
    "integer": "número entero",
    "decimal": "número",
    "number": "número",
    "boolean": "sí / no",
    "flag": "sí / no",
    "date": "año, mes o fecha",
    "year": "año",
    "iri": "dirección web",
    "key": "clave",
}
_MAX_ROW = 1_048_576  # the last row of a sheet: validations cover the whole column
_NUMERIC = ("integer", "decimal", "number")
_MAX_TEXT = 32_767  # the most characters an Excel cell holds


def schemes() -> list[str]:
    """The full IRIs of the lists the sheets use, in the order of first use."""
    found: dict[str, None] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.scheme:
                found[column.scheme_iri] = None
    return list(found)


def _list_name(scheme: str) -> str:
    """A list's name: the last segment of its scheme's IRI (niveles, roles, paises)."""
    return scheme.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def describe_kind(column: Column) -> str:
    """What a column takes, in a few Spanish words (the README sheet)."""
    if column.kind == "concept":
        return f"lista: {_list_name(column.scheme_iri)}"
    if column.kind == "ref":
        targets = [BY_ID[s].name for s in column.targets]
        if column.shared:
            targets.append("compartidos")
        if column.scheme:
            targets.append(f"lista {_list_name(column.scheme_iri)}")
        return "referencia: " + ", ".join(targets)
    text = _KIND_ES[column.kind]
    if column.kind == "text" and column.lang:
        text += f" ({column.lang})"
    return text


def _cell_value(column: Column, text: str) -> Any:
    """The value to store: a number where the column holds numbers and text says the same."""
    if column.kind in _NUMERIC and text:
        try:
            number: int | float = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return text
            if repr(number) != text:
                return text  # 0.10 stays text: a float would give 0.1 back
        return number
    return text


def _put(worksheet: Any, row: int, col: int, value: Any) -> Any:
    """Set one cell; text is stored as text (never a formula), refused control bytes named."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    if isinstance(value, str) and len(value) > _MAX_TEXT:
        raise GovgraphError(
            f"sheet '{worksheet.title}', row {row}, column {column_letter(col - 1)}: "
            f"{len(value)} characters, more than a spreadsheet cell holds ({_MAX_TEXT})"
        )
    try:
        cell = worksheet.cell(row=row, column=col, value=value)
    except IllegalCharacterError:
        raise GovgraphError(
            f"sheet '{worksheet.title}', row {row}, column {column_letter(col - 1)}: a control "
            "character that a workbook cannot hold"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
    return cell


def _list_ranges(context: Context) -> dict[str, str]:
    """Each list's range in the 'listas' sheet (one column per list), for the validations."""
    ranges = {}
    for index, scheme in enumerate(schemes()):
        letter, last = column_letter(index), len(context.concepts.get(scheme, [])) + 1
        ranges[scheme] = f"{LISTS}!${letter}$2:${letter}${max(2, last)}"
    return ranges


def _lists_sheet(book: Any, context: Context) -> None:
    """Write the hidden 'listas' sheet: one column of slugs per list."""
    sheet = book.create_sheet(LISTS)
    for index, scheme in enumerate(schemes()):
        _put(sheet, 1, index + 1, _list_name(scheme))
        for row, concept in enumerate(context.concepts.get(scheme, []), start=2):
            _put(sheet, row, index + 1, concept.slug)
    sheet.sheet_state = "hidden"


def _validations(worksheet: Any, sheet: Sheet, ranges: dict[str, str]) -> None:
    """Drop-down lists: a list column's values; a reference's keys (other names allowed)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(sheet.columns):
        letter = column_letter(index)
        if column.kind == "concept" and column.scheme_iri in ranges:
            source, strict = ranges[column.scheme_iri], not column.many
        elif column.kind in ("flag", "boolean"):
            source, strict = '"sí,no"', True
        elif column.kind == "ref" and len(column.targets) == 1:
            target = BY_ID[column.targets[0]].name
            source, strict = f"{target}!$A$2:$A${_MAX_ROW}", False
        else:
            continue
        validation = DataValidation(
            type="list",
            formula1=source,  # OOXML stores a formula without its "="
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle=column.header[:32],  # Excel's limit: a longer title is a repair
            error="Valor fuera de la lista / value not in the list",
        )
        validation.add(f"{letter}2:{letter}{_MAX_ROW}")
        worksheet.add_data_validation(validation)


def _data_sheet(book: Any, sheet: Sheet, rows: Sequence[Mapping[str, str]]) -> Any:
    """One sheet of rows, with its header, widths and frozen header and key."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    worksheet = book.create_sheet(sheet.name)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [len(column.header) for column in sheet.columns]
    for index, column in enumerate(sheet.columns):
        cell = _put(worksheet, 1, index + 1, column.header)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        help_text = "\n".join(t for t in (column.help_es, column.help_en) if t)
        if column.required:
            help_text = "Obligatoria / required.\n" + help_text
        cell.comment = Comment(help_text, "govgraph", width=320, height=140)
    for number, cells in enumerate(rows, start=2):
        for index, column in enumerate(sheet.columns):
            text = cells.get(column.id, "")
            if not text:
                continue
            cell = _put(worksheet, number, index + 1, _cell_value(column, text))
            if "\n" in text or len(text) > 60:
                cell.alignment = wrap
            longest = max(len(line) for line in text.split("\n"))
            widths[index] = max(widths[index], min(longest, 60))
    for index, width in enumerate(widths):
        worksheet.column_dimensions[column_letter(index)].width = max(10, min(width + 2, 62))
    worksheet.freeze_panes = "B2"
    return worksheet


def _readme_sheet(book: Any, context: Context) -> None:
    """The LEEME sheet: what the workbook is, its sheets, its columns and its lists."""
    from openpyxl.styles import Alignment, Font

    sheet = book.active
    sheet.title = README
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    row = 1
    for index, (es, en) in enumerate(README_TEXT):
        for col, text in enumerate((es, en), start=1):
            cell = _put(sheet, row, col, text)
            cell.alignment = wrap
            if index == 0:
                cell.font = Font(bold=True, size=14)
        row += 1
    tables: list[tuple[tuple[str, ...], list[tuple[str, ...]]]] = [
        (
            ("hoja / sheet", "qué contiene", "what it holds"),
            [(s.name, s.help_es, s.help_en) for s in SHEETS],
        ),
        (
            ("hoja / sheet", "columna / column", "obligatoria / required", "valores / values",
             "ayuda", "help"),
            [
                (s.name, c.header, "sí" if c.required else "", describe_kind(c), c.help_es,
                 c.help_en)
                for s in SHEETS
                for c in s.columns
            ],
        ),
        (
            ("lista / list", "valor / value", "nombre (es)", "name (en)", "definición"),
            [
                (_list_name(scheme), c.slug, c.labels.get("es", ""), c.labels.get("en", ""),
                 c.definitions.get("es", ""))
                for scheme in schemes()
                for c in context.concepts.get(scheme, [])
            ],
        ),
    ]  # fmt: skip
    for header, lines in tables:
        row += 1
        for col, text in enumerate(header, start=1):
            _put(sheet, row, col, text).font = bold
        for line in lines:
            row += 1
            for col, text in enumerate(line, start=1):
                _put(sheet, row, col, text).alignment = wrap
    for letter, width in zip("ABCDEF", (28, 40, 40, 30, 50, 50), strict=True):
        sheet.column_dimensions[letter].width = width


def xlsx_bytes(rows: Rows, context: Context) -> bytes:
    """The rows as an .xlsx workbook (README, one sheet per kind, the hidden lists)."""
    import openpyxl

    book = openpyxl.Workbook()
    _readme_sheet(book, context)
    ranges = _list_ranges(context)
    for sheet in SHEETS:
        worksheet = _data_sheet(book, sheet, rows.get(sheet.id, []))
        _validations(worksheet, sheet, ranges)
    _lists_sheet(book, context)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def csv_files(rows: Rows) -> dict[str, bytes]:
    """The rows as CSV files (file name → UTF-8 bytes), one per sheet, formulas guarded."""
    files = {}
    for sheet in SHEETS:
        stream = io.StringIO(newline="")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([column.header for column in sheet.columns])
        for cells in rows.get(sheet.id, []):
            writer.writerow([_csv_text(c, cells.get(c.id, "")) for c in sheet.columns])
        files[f"{sheet.name}.csv"] = stream.getvalue().encode("utf-8")
    return files


def _csv_text(column: Column, text: str) -> str:
    """A CSV cell: numbers as they are, any other text guarded against formula injection."""
    return text if column.kind in _NUMERIC else guard(text)


def write_csv_folder(folder: str | os.PathLike[str], rows: Rows, *, force: bool = False) -> Path:
    """Write the CSV files into a new directory swapped into place whole (govgraph.files)."""
    from govgraph.files import output_directory

    with output_directory(folder, GovgraphError, force=force) as building:
        for name, data in csv_files(rows).items():
            (building / name).write_bytes(data)
    return Path(folder)
