"""Shared paths of the Turtle, SHACL and SPARQL fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ONTOLOGY = FIXTURES / "ontology"
DATA = FIXTURES / "data"
INVALID = FIXTURES / "invalid"
SHAPES = FIXTURES / "shapes.ttl"
CHECKS = FIXTURES / "checks"
SYNTAX_ERROR = FIXTURES / "bad" / "syntax-error.ttl"
UNKNOWN_PREFIX = FIXTURES / "bad" / "unknown-prefix.ttl"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sources() -> list[Path]:
    """The fixture ontology and vocabulary plus the valid mini graph."""
    return [ONTOLOGY, DATA]


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """A directory with a good file (parsed first) and a file with a syntax error."""
    (tmp_path / "a-good.ttl").write_text((DATA / "mini-graph.ttl").read_text("utf-8"), "utf-8")
    (tmp_path / "b-bad.ttl").write_text(SYNTAX_ERROR.read_text("utf-8"), "utf-8")
    return tmp_path
