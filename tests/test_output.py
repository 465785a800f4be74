"""Every output format, exactly."""

from __future__ import annotations

import io

import pytest

from govgraph.output import FORMATS, write_rows

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
