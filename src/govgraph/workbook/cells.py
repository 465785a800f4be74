"""Cells: what a problem says about one, how values are read from one, and the CSV guard."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.errors import GovgraphError

XSD = "http://www.w3.org/2001/XMLSchema#"
# A key: lowercase words of letters and digits joined by hyphens (or dots), in parts joined
# by slashes (articles: ley-x/art-14/frac-vi), as docs/model.md rule 6 asks of IRIs.
KEY = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:/[a-z0-9]+(?:[-.][a-z0-9]+)*)*$")
JURISDICTION_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3}){2,}$")  # 1.622.138 (Spanish grouping)
_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_DATES = (
    (re.compile(r"^-?\d{4}$"), "gYear"),
    (re.compile(r"^-?\d{4}-(0[1-9]|1[0-2])$"), "gYearMonth"),
    (re.compile(r"^-?\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), "date"),
)
YES = frozenset({"si", "sí", "yes", "true", "verdadero", "1", "x"})
NO = frozenset({"no", "false", "falso", "0"})
# Text a spreadsheet may run as a formula when a CSV file is opened (OWASP "CSV injection").
_ACTIVE = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a workbook: where (sheet, row, column) and what."""

    sheet: str  # the sheet's name, or the CSV file's
    row: int  # 1 is the header row; 0 when the problem is the sheet's or the workbook's
    column: str  # the column letter ("" for a whole row or sheet)
    header: str  # the column's header ("" if none)
    message: str

    def __str__(self) -> str:
        """The problem as one line: 'sheet 'asientos', row 7, column D (cargo / role): ...'."""
        where = [f"sheet '{self.sheet}'"] if self.sheet else []
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        return (", ".join(where) + ": " if where else "") + self.message

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems by sheet, row, column and message."""
        return (self.sheet, self.row, len(self.column), self.column, self.message)


class WorkbookError(GovgraphError):
    """A workbook with problems: every one of them, each naming its sheet, row and column."""

    def __init__(self, problems: list[Problem], what: str = "the workbook") -> None:
        self.problems = sorted(set(problems), key=Problem.sort_key)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {what}: nothing written")


def lines(text: str, *, semicolons: bool = False) -> list[str]:
    """The values of a cell that holds several, one per line (and, if asked, split at ';')."""
    parts = re.split(r"[\n;]" if semicolons else r"\n", text)
    return [part.strip() for part in parts if part.strip()]


def integer(text: str) -> str:
    """The canonical lexical form of an xsd:integer, or ValueError saying what is wrong."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.match(compact):
        compact = compact.replace(".", "")
    if _INTEGER.match(compact):
        return str(int(compact))
    raise ValueError(f"'{text}' is not a whole number")


def decimal(text: str) -> str:
    """An xsd:decimal's lexical form (a decimal comma is accepted), or ValueError."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if "," in compact and "." not in compact:
        compact = compact.replace(",", ".")
    if _DECIMAL.match(compact):
        return compact
    raise ValueError(f"'{text}' is not a number (write 1.5 or 1,5)")


def number(text: str) -> tuple[str, str]:
    """(lexical form, datatype IRI): xsd:integer for a whole number, else xsd:decimal."""
    try:
        return integer(text), XSD + "integer"
    except ValueError:
        return decimal(text), XSD + "decimal"


_IRI = re.compile(r'^https?://[^\s<>"{}|^`\\]+$')


def iri(text: str) -> str:
    """A web address (http or https, nothing an IRI may not hold), or ValueError."""
    value = text.strip()
    if _IRI.match(value):
        return value
    raise ValueError(f"'{text}' is not a web address (http:// or https://)")


def boolean(text: str) -> bool:
    """yes/no in Spanish or English (sí, no, true, false, 1, 0), or ValueError."""
    folded = text.strip().casefold()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(f"'{text}' is not yes or no (sí / no)")


def date(text: str) -> tuple[str, str]:
    """(lexical form, XSD datatype IRI) of a year, a year and month, or a date; else ValueError."""
    value = text.strip()
    for pattern, datatype in _DATES:
        if pattern.match(value):
            return value, XSD + datatype
    raise ValueError(f"'{text}' is not a year (2018), a month (2022-10) or a date (2022-08-17)")


def year(text: str) -> str:
    """An xsd:gYear's lexical form, or ValueError."""
    lexical, datatype = date(text)
    if datatype != XSD + "gYear":
        raise ValueError(f"'{text}' is not a year (2018)")
    return lexical


def guard(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula (reversed by unguard)."""
    if text.startswith(_ACTIVE) or (text[:1] == "'" and text[1:2].startswith(("'", *_ACTIVE))):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """Undo guard(): drop the quote written before text that starts like a formula."""
    if text[:1] == "'" and text[1:2] and text[1:2].startswith(("'", *_ACTIVE)):
        return text[1:]
    return text


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
