"""The command line, in-process: exit codes, exact output, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CHECKS, DATA, INVALID, ONTOLOGY, SHAPES, SYNTAX_ERROR, UNKNOWN_PREFIX
from govgraph.cli import govgraph

FIXTURE_GRAPH = ["--ontology", str(ONTOLOGY), "--data", str(DATA)]
FIXTURE_CHECKS = ["--shapes", str(SHAPES), "--checks", str(CHECKS)]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(govgraph, list(args))


def assert_one_line_error(result: Result, *parts: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    for part in parts:
        assert part in result.stderr


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == "govgraph, version 0.1.0\n"


def test_stats_csv() -> None:
    result = invoke(*FIXTURE_GRAPH, "stats", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "section,item,count"
    assert lines[1] == "class,org:Organization,2"
    assert "dimension: Enfoque de gobierno integral,bien desarrollado,1" in lines
    assert lines[-1] == "graph,triples,67"


def test_stats_table_is_default() -> None:
    result = invoke(*FIXTURE_GRAPH, "stats")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["section", "item", "count"]


def test_stats_bad_format() -> None:
    result = invoke(*FIXTURE_GRAPH, "stats", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr


def test_validate_conforms() -> None:
    result = invoke(*FIXTURE_GRAPH, "validate", *FIXTURE_CHECKS)
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms: 67 triples, 2 checks\n"


def test_validate_violations() -> None:
    result = invoke(
        "--ontology", str(ONTOLOGY), "--data", str(INVALID), "validate", *FIXTURE_CHECKS
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "seat:ccpm-inm org:role: a seat needs a role"
        " [sh:MinCountConstraintComponent]\n"
        "council:covam: council has no members [checks/council-without-members-violation.rq]\n"
        "finding:3-1-ccpm: A finding with no source. [checks/finding-without-source-violation.rq]\n"
        "warning: council:covam skos:prefLabel: needs an English label"
        " [sh:QualifiedMinCountConstraintComponent]\n"
        "3 violations, 1 warning\n"
    )


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_syntax_error(command: str) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(SYNTAX_ERROR), command)
    assert_one_line_error(result, f"{SYNTAX_ERROR}:5: ")


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_unknown_prefix(command: str) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(UNKNOWN_PREFIX), command)
    assert_one_line_error(result, f"{UNKNOWN_PREFIX}:4: unknown prefix 'foo:'")


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_empty_directory(command: str, tmp_path: Path) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(tmp_path), command)
    assert_one_line_error(result, f"no RDF files (.ttl, .nt, .nq, .jsonld) in {tmp_path}")


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_missing_paths(command: str, tmp_path: Path) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(tmp_path / "gone"), command)
    assert_one_line_error(result, f"data directory not found: {tmp_path / 'gone'}")
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(tmp_path / "gone.ttl"), command)
    assert_one_line_error(result, f"file not found: {tmp_path / 'gone.ttl'}")


@pytest.mark.parametrize("command", ["stats", "validate"])
def test_good_and_bad_file_fail_whole(command: str, mixed_dir: Path) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(mixed_dir), command)
    assert_one_line_error(result, "b-bad.ttl:5: ")


def test_broken_check_is_a_load_error() -> None:
    checks = Path(CHECKS).parent / "broken-checks" / "syntax"
    result = invoke(*FIXTURE_GRAPH, "validate", "--shapes", str(SHAPES), "--checks", str(checks))
    assert_one_line_error(result, "broken-violation.rq", "invalid SPARQL")


def test_startup_does_not_import_heavy_libraries() -> None:
    heavy = ["rdflib", "pyshacl", "networkx", "pyvis", "SPARQLWrapper"]
    code = f"import sys, govgraph.cli; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
