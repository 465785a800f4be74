"""The command line as a package: each family of commands is imported only when one runs."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from govgraph.cli import COMMANDS, govgraph
from govgraph.namespaces import LANGS

FAMILIES = {module for module, _ in COMMANDS.values()}


def _loaded_after(*args: str) -> set[str]:
    """The govgraph.cli family modules loaded by a fresh interpreter running one command."""
    code = (
        "import contextlib, io, sys\n"
        "from govgraph.cli import govgraph\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        f"    govgraph.main({list(args)!r}, prog_name='govgraph', standalone_mode=False)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('govgraph.cli.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return {name.removeprefix("govgraph.cli.") for name in result.stdout.split()} & FAMILIES


def test_every_family_is_a_module_and_every_command_is_found() -> None:
    assert {
        "graph",
        "analyst",
        "views",
        "publishing",
        "admin",
        "statistics",
        "workbook",
    } == FAMILIES
    ctx = govgraph.make_context("govgraph", ["queries"])
    for name in COMMANDS:
        command = govgraph.get_command(ctx, name)
        assert command is not None
        assert command.name == name


@pytest.mark.parametrize(
    ("args", "family"),
    [
        (["members", "COVAM", "--format", "csv"], "analyst"),
        (["queries", "--format", "csv"], "graph"),
        (["cache", "info", "--format", "csv"], "admin"),
    ],
)
def test_a_command_imports_only_its_family(args: list[str], family: str) -> None:
    assert _loaded_after(*args) == {family}


def test_importing_the_group_imports_no_family_and_no_heavy_library() -> None:
    code = (
        "import sys, govgraph.cli\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('govgraph')"
        " or m in ('pyoxigraph', 'rdflib', 'networkx', 'jinja2'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert set(out) == {"govgraph", "govgraph.cli", "govgraph.cli.errors", "govgraph.errors"}


def test_help_lists_every_command_with_its_short_help() -> None:
    result = CliRunner().invoke(govgraph, ["--help"])
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:")[1]
    names = [line.split()[0] for line in listed.strip().splitlines()]
    assert names == sorted(COMMANDS)
    assert "Members of a council with role, voting right, seats and" in listed
    assert "Synthetic data for benchmarks." in listed


def test_the_languages_come_from_one_table() -> None:
    assert LANGS == ("es", "en")
    for args in (["councils"], ["publish", "site"]):
        result = CliRunner().invoke(govgraph, [*args, "--lang", "fr"])
        assert result.exit_code == 2
        assert "'fr' is not one of 'es', 'en'." in result.stderr


def test_python_m_govgraph_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govgraph.cli", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: govgraph [OPTIONS] COMMAND [ARGS]...")
