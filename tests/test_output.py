"""Every output format, exactly."""

from __future__ import annotations

import io

import pytest

from govgraph.output import FORMATS, json_value, write_rows

COLUMNS = ["item", "label", "count"]
ROWS = [("body:sezami", "Secretaría | SEZAMI", 12), ("seat:x", None, 3), ("a,b", 'say "hi"', 100)]

EXPECTED = {
    "table": (
        "item         label                count\n"
        "-----------  -------------------  -----\n"
        "body:sezami  Secretaría | SEZAMI     12\n"
        "seat:x                                3\n"
        'a,b          say "hi"               100\n'
    ),
    "csv": (
        'item,label,count\nbody:sezami,Secretaría | SEZAMI,12\nseat:x,,3\n"a,b","say ""hi""",100\n'
    ),
    "tsv": (
        "item\tlabel\tcount\n"
        "body:sezami\tSecretaría | SEZAMI\t12\n"
        "seat:x\t\t3\n"
        'a,b\t"say ""hi"""\t100\n'
    ),
    "json": (
        "[\n"
        '  {\n    "item": "body:sezami",\n'
        '    "label": "Secretaría | SEZAMI",\n    "count": 12\n  },\n'
        '  {\n    "item": "seat:x",\n    "label": null,\n    "count": 3\n  },\n'
        '  {\n    "item": "a,b",\n    "label": "say \\"hi\\"",\n    "count": 100\n  }\n'
        "]\n"
    ),
    "md": (
        "| item | label | count |\n"
        "| --- | --- | --- |\n"
        "| body:sezami | Secretaría \\| SEZAMI | 12 |\n"
        "| seat:x |  | 3 |\n"
        '| a,b | say "hi" | 100 |\n'
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_format(fmt: str) -> None:
    stream = io.StringIO()
    write_rows(COLUMNS, ROWS, fmt, stream)
    assert stream.getvalue() == EXPECTED[fmt]


def test_every_format_is_tested() -> None:
    assert set(EXPECTED) == set(FORMATS)


def test_table_without_rows() -> None:
    stream = io.StringIO()
    write_rows(["a", "bb"], [], "table", stream)
    assert stream.getvalue() == "a  bb\n-  --\n"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        write_rows(COLUMNS, ROWS, "xml", io.StringIO())


XSD = "http://www.w3.org/2001/XMLSchema#"
# Query rows are text; the datatypes beside them turn typed numbers and booleans into JSON
# numbers and booleans (they used to print as "3"), and change nothing in the other formats.
TYPED_COLUMNS = ["n", "share", "ok", "year", "label", "iri"]
TYPED_ROWS = [("3", "0.25", "true", "2018", "12", "body:sezami"), (None, "1E2", "0", None, "x", "")]
TYPED = [
    (XSD + "integer", XSD + "decimal", XSD + "boolean", XSD + "gYear", None, None),
    (None, XSD + "double", XSD + "boolean", None, None, None),
]


def test_json_numbers_and_booleans_from_datatypes() -> None:
    stream = io.StringIO()
    write_rows(TYPED_COLUMNS, TYPED_ROWS, "json", stream, TYPED)
    assert stream.getvalue() == (
        "[\n"
        '  {\n    "n": 3,\n    "share": 0.25,\n    "ok": true,\n    "year": "2018",\n'
        '    "label": "12",\n    "iri": "body:sezami"\n  },\n'
        '  {\n    "n": null,\n    "share": 100.0,\n    "ok": false,\n    "year": null,\n'
        '    "label": "x",\n    "iri": ""\n  }\n'
        "]\n"
    )


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "md"])
def test_datatypes_change_only_json(fmt: str) -> None:
    typed, plain = io.StringIO(), io.StringIO()
    write_rows(TYPED_COLUMNS, TYPED_ROWS, fmt, typed, TYPED)
    write_rows(TYPED_COLUMNS, TYPED_ROWS, fmt, plain)
    assert typed.getvalue() == plain.getvalue()


@pytest.mark.parametrize(
    ("value", "datatype", "expected"),
    [
        ("42", XSD + "integer", 42),
        ("+7", XSD + "nonNegativeInteger", 7),
        ("-1", XSD + "int", -1),
        ("1.50", XSD + "decimal", 1.5),
        ("INF", XSD + "double", "INF"),  # JSON has no infinity
        ("NaN", XSD + "float", "NaN"),
        ("forty", XSD + "integer", "forty"),  # an ill-typed literal stays text
        ("1", XSD + "boolean", True),
        ("maybe", XSD + "boolean", "maybe"),
        ("2018", XSD + "gYear", "2018"),
        ("42", None, "42"),
        (None, XSD + "integer", None),
    ],
)
def test_json_value(value: str | None, datatype: str | None, expected: object) -> None:
    assert json_value(value, datatype) == expected
    assert type(json_value(value, datatype)) is type(expected)
