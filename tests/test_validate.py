"""Validation: SHACL (same code path as ontology/shapes.ttl) plus the SPARQL checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CHECKS, DATA, FIXTURES, INVALID, ONTOLOGY, SHAPES, SYNTAX_ERROR
from govgraph.errors import LoadError, QueryError, ValidationError
from govgraph.queries import parse
from govgraph.validate import Violation, validate

BODY = "https://w3id.org/govgraph/id/mx-zac/"


def run(data: Path, checks: Path = CHECKS, shapes: Path = SHAPES):  # type: ignore[no-untyped-def]
    return validate([ONTOLOGY, data], ontology=[ONTOLOGY], shapes=shapes, checks=checks)


def test_valid_graph_conforms() -> None:
    report = run(DATA)
    assert report.conforms
    assert report.violations == []
    assert report.warnings == []
    assert (report.triples, report.checks) == (67, 2)


def test_defects_are_reported_once_each() -> None:
    report = run(INVALID)
    assert not report.conforms
    assert report.violations == [
        Violation(
            f"{BODY}membership/ccpm-inm",
            "http://www.w3.org/ns/org#role",
            "a seat needs a role",
            "sh:MinCountConstraintComponent",
        ),
        Violation(
            f"{BODY}council/covam",
            None,
            "council has no members",
            "checks/council-without-members-violation.rq",
        ),
        Violation(
            f"{BODY}finding/3-1-ccpm",
            None,
            "A finding with no source.",  # no ?message column: the #+ summary
            "checks/finding-without-source-violation.rq",
        ),
    ]


def test_warnings_do_not_fail() -> None:
    report = run(INVALID)
    assert [(w.focus, w.message) for w in report.warnings] == [
        (f"{BODY}council/covam", "needs an English label")
    ]


def test_check_that_does_not_parse_names_the_file() -> None:
    with pytest.raises(ValidationError, match=r"broken-violation\.rq: invalid SPARQL"):
        run(DATA, checks=FIXTURES / "broken-checks" / "syntax")


def test_check_with_malformed_header_names_file_and_line() -> None:
    with pytest.raises(ValidationError, match=r"bad-header-violation\.rq:2: malformed header"):
        run(DATA, checks=FIXTURES / "broken-checks" / "header")


def test_missing_checks_directory(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="checks directory not found"):
        run(DATA, checks=tmp_path / "none")


def test_missing_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"file not found: .*none\.ttl"):
        run(DATA, shapes=tmp_path / "none.ttl")


def test_load_error_stops_validation() -> None:
    with pytest.raises(LoadError, match=r"syntax-error\.ttl:5: "):
        run(SYNTAX_ERROR)


def test_header_keys_and_continuations() -> None:
    text = (CHECKS / "finding-without-source-violation.rq").read_text("utf-8")
    query = parse(text, "x.rq")
    assert query.summary == "A finding with no source."
    assert query.description == (
        "Every finding points at the report section it comes from; "
        "a finding with no dcterms:source cannot be traced."
    )


def test_header_ends_where_the_query_starts() -> None:
    assert parse("#+ summary: s\nSELECT * {}\n#+ oops\n", "x.rq").summary == "s"


def test_malformed_header_line() -> None:
    with pytest.raises(QueryError, match=r"^x\.rq:2: malformed header line '#\+nokey'$"):
        parse("#+ summary: s\n#+nokey\nSELECT * {}", "x.rq")
