"""Read a workbook (.xlsx, with openpyxl in read-only mode) or a folder of CSV files into rows.

Both give the same thing: for each sheet of the table that is present, its rows as
{column id: text}, with the row numbers and column letters that problems name. A header that
is no column of the sheet, a missing required column, a formula, a sheet that is not in the
table: each is a Problem (or, for a foreign sheet, a warning), all collected, none raised.
"""

from __future__ import annotations

import csv
import datetime
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import GovgraphError, GovgraphWarning
from govgraph.resolve.index import normalise
from govgraph.workbook.cells import Problem, column_letter, unguard
from govgraph.workbook.sheets import SHEETS
from govgraph.workbook.spec import Sheet

# Sheets govgraph writes beside the data ones, skipped when reading.
README = "LEEME"
LISTS = "listas"
_OURS = frozenset({normalise(README), normalise(LISTS), "readme", "lists"})


@dataclass
class Row:
    """One row of a sheet: its number (the header is row 1) and its cells by column id."""

    number: int
    cells: dict[str, str]


@dataclass
class Table:
    """One sheet as read: the sheet of the table, its name as written, its columns and rows."""

    sheet: Sheet
    name: str  # as the workbook names it (the CSV file's name for a folder)
    letters: dict[str, str]  # column id → letter
    rows: list[Row] = field(default_factory=list)

    def problem(self, row: int, column_id: str, message: str) -> Problem:
        """A problem in one cell of this table (column_id "" for the whole row)."""
        header = self.sheet.column(column_id).header if column_id else ""
        return Problem(self.name, row, self.letters.get(column_id, ""), header, message)


@dataclass
class Workbook:
    """The sheets that were read, and the problems in their headers and cells."""

    tables: dict[str, Table]  # sheet id → table
    problems: list[Problem] = field(default_factory=list)


def _sheet_named(name: str) -> Sheet | None:
    """The sheet of the table a sheet (or CSV file) name stands for, Spanish or English."""
    key = normalise(name)
    for sheet in SHEETS:
        if key in (normalise(sheet.name), normalise(sheet.en), normalise(sheet.id)):
            return sheet
    return None


def _column_named(sheet: Sheet, header: str) -> str | None:
    """The id of the column a header names: 'es / en', either half, or the column id."""
    key = normalise(header)
    for column in sheet.columns:
        names = (column.header, column.es, column.en, column.id)
        if key in {normalise(n) for n in names}:
            return column.id
    return None


def _text(value: Any) -> str:
    """A cell's value as text: numbers without a spurious .0, dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _table(sheet: Sheet, name: str, header: list[str], problems: list[Problem]) -> Table:
    """A table for a header row, with a problem for each column it cannot place."""
    letters: dict[str, str] = {}
    ignored: set[int] = set()
    for index, text in enumerate(header):
        letter = column_letter(index)
        if not text:
            ignored.add(index)
            continue
        column_id = _column_named(sheet, text)
        if column_id is None:
            problems.append(Problem(name, 1, letter, "", f"unknown column '{text}'"))
        elif column_id in letters:
            problems.append(
                Problem(
                    name,
                    1,
                    letter,
                    "",
                    f"column '{text}' appears twice (also column {letters[column_id]})",
                )
            )
        else:
            letters[column_id] = letter
    for column in sheet.columns:
        if column.required and column.id not in letters:
            problems.append(Problem(name, 1, "", "", f"missing column '{column.header}'"))
    return Table(sheet, name, letters)


def _add_rows(table: Table, header: list[str], rows: Any, problems: list[Problem]) -> None:
    """Add the rows ((number, [(value, is_formula) per cell])) that are not blank."""
    by_letter = {letter: column_id for column_id, letter in table.letters.items()}
    for number, cells in rows:
        texts: dict[str, str] = {}
        for index, (value, formula) in enumerate(cells):
            text = _text(value)
            if not text:
                continue
            letter = column_letter(index)
            if formula:
                problems.append(
                    Problem(table.name, number, letter, "", "a formula: type the value itself")
                )
            elif index >= len(header) or not header[index]:
                problems.append(
                    Problem(table.name, number, letter, "", "a value in a column without a header")
                )
            elif letter in by_letter:
                texts[by_letter[letter]] = text
            else:
                texts[""] = text  # under an unknown header (a problem already): not blank
        if texts:
            texts.pop("", None)
            table.rows.append(Row(number, texts))


def read_xlsx(path: Path) -> Workbook:
    """Read an .xlsx workbook (read-only: the file is streamed, never modified)."""
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise GovgraphError(f"cannot read {path}: not an .xlsx workbook ({exc})") from None
    except OSError as exc:
        raise GovgraphError(f"cannot read {path}: {exc.strerror or exc}") from None
    workbook = Workbook({})
    try:
        for worksheet in book.worksheets:
            sheet = _known(worksheet.title, workbook)
            if sheet is None:
                continue
            rows = worksheet.iter_rows()
            first = next(rows, ())
            header = [_text(cell.value) for cell in first]
            table = _table(sheet, worksheet.title, header, workbook.problems)
            cells = (
                (number, [(cell.value, getattr(cell, "data_type", "") == "f") for cell in row])
                for number, row in enumerate(rows, start=2)
            )
            _add_rows(table, header, cells, workbook.problems)
            workbook.tables[sheet.id] = table
    finally:
        book.close()
    return workbook


def _known(name: str, workbook: Workbook) -> Sheet | None:
    """The sheet a name stands for; a warning for a foreign sheet, a problem for a second one."""
    if normalise(name) in _OURS:
        return None
    sheet = _sheet_named(name)
    if sheet is None:
        warnings.warn(
            f"sheet '{name}' is not part of a profile: ignored", GovgraphWarning, stacklevel=3
        )
        return None
    if sheet.id in workbook.tables:
        other = workbook.tables[sheet.id].name
        workbook.problems.append(
            Problem(name, 0, "", "", f"a second '{sheet.name}' sheet (the first is '{other}')")
        )
        return None
    return sheet


def read_csv_folder(folder: Path) -> Workbook:
    """Read a folder of UTF-8 CSV files, one per sheet (NAME.csv), as a workbook."""
    workbook = Workbook({})
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    except OSError as exc:
        raise GovgraphError(f"cannot read {folder}: {exc.strerror or exc}") from None
    if not files:
        raise GovgraphError(f"no .csv files in {folder}")
    for path in files:
        sheet = _known(path.stem, workbook)
        if sheet is None:
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                records = list(csv.reader(stream))
        except UnicodeDecodeError:
            raise GovgraphError(f"cannot read {path}: it is not UTF-8 text") from None
        except (OSError, csv.Error) as exc:
            raise GovgraphError(f"cannot read {path}: {exc}") from None
        header = [_text(text) for text in records[0]] if records else []
        table = _table(sheet, path.name, header, workbook.problems)
        cells = (
            (number, [(unguard(text), False) for text in record])
            for number, record in enumerate(records[1:], start=2)
        )
        _add_rows(table, header, cells, workbook.problems)
        workbook.tables[sheet.id] = table
    return workbook


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Read an .xlsx workbook or a folder of CSV files (the same sheets and headers)."""
    source = Path(path)
    if source.is_dir():
        return read_csv_folder(source)
    if not source.exists():
        raise GovgraphError(f"cannot read {source}: no such file or directory")
    if source.suffix.lower() == ".csv":
        raise GovgraphError(
            f"{source} is one CSV file: give the folder of CSV files (one per sheet)"
        )
    return read_xlsx(source)
