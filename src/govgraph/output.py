"""Write query rows as an aligned table, CSV, TSV, JSON or a Markdown table."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ("table", "csv", "tsv", "json", "md")
Row = Sequence[Any]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_REALS = frozenset(_XSD + name for name in ("decimal", "double", "float"))
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _text(value: Any) -> str:
    """Render one cell as text; None (unbound) is empty."""
    return "" if value is None else str(value)


def _is_number(value: Any) -> bool:
    """Tell whether a cell is a number (right-aligned in a table)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table(columns: Sequence[str], rows: Sequence[Row], stream: TextIO) -> None:
    """Write plain-text columns padded to the widest cell, numbers on the right."""
    cells = [list(columns), *([_text(v) for v in row] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(columns))]
    cells.insert(1, ["-" * w for w in widths])
    for line in cells:
        padded = (
            c.rjust(w) if n else c.ljust(w) for c, w, n in zip(line, widths, numeric, strict=True)
        )
        stream.write("  ".join(padded).rstrip() + "\n")


def _delimited(columns: Sequence[str], rows: Sequence[Row], stream: TextIO, sep: str) -> None:
    """Write CSV or TSV with a header row."""
    writer = csv.writer(stream, delimiter=sep, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_text(v) for v in row] for row in rows)


def json_value(value: Any, datatype: str | None) -> Any:
    """Return a JSON number for an XSD integer, decimal, double or float and a JSON boolean for
    an xsd:boolean; every other value (and a lexical form that does not parse) as it is."""
    if not isinstance(value, str) or datatype is None:
        return value
    text = value.strip()
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _REALS:
            number = float(text)
            return number if math.isfinite(number) else value  # JSON has no NaN or INF
    except ValueError:
        return value
    if datatype == _XSD + "boolean":
        return _BOOLEANS.get(text, value)
    return value


def _markdown(columns: Sequence[str], rows: Sequence[Row], stream: TextIO) -> None:
    """Write a GitHub-flavoured Markdown table."""

    def line(cells: Sequence[str]) -> str:
        escaped = (c.replace("|", "\\|").replace("\n", " ") for c in cells)
        return "| " + " | ".join(escaped) + " |\n"

    stream.write(line(columns))
    stream.write(line(["---"] * len(columns)))
    for row in rows:
        stream.write(line([_text(v) for v in row]))


def write_rows(
    columns: Sequence[str],
    rows: Sequence[Row],
    fmt: str,
    stream: TextIO,
    datatypes: Sequence[Sequence[str | None]] = (),
) -> None:
    """Write rows under their column names in one of FORMATS.

    datatypes (row by row, the datatype IRI of each cell or None) only affect JSON, where
    typed numbers and booleans are written as JSON numbers and booleans.
    """
    if fmt == "table":
        _table(columns, rows, stream)
    elif fmt in ("csv", "tsv"):
        _delimited(columns, rows, stream, "," if fmt == "csv" else "\t")
    elif fmt == "json":
        if datatypes:
            rows = [
                [json_value(v, t) for v, t in zip(row, types, strict=True)]
                for row, types in zip(rows, datatypes, strict=True)
            ]
        json.dump(
            [dict(zip(columns, row, strict=True)) for row in rows],
            stream,
            ensure_ascii=False,
            indent=2,
        )
        stream.write("\n")
    elif fmt == "md":
        _markdown(columns, rows, stream)
    else:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
