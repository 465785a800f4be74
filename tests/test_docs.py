"""Every command is documented in README.md and has help text."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from conftest import REPO
from govgraph.cli import govgraph

README = (REPO / "README.md").read_text("utf-8")

# The group imports each command's module when asked for it: ask it as click does.
_CTX = click.Context(govgraph)
COMMANDS = govgraph.list_commands(_CTX)


def test_every_command_is_listed() -> None:
    assert len(COMMANDS) >= 20
    assert {"members", "viz", "publish", "bench", "cache"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    assert f"### `govgraph {name}`" in README
    assert f"$ govgraph {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    command = govgraph.get_command(_CTX, name)
    assert command is not None
    assert command.help
    result = CliRunner().invoke(govgraph, [name, "--help"])
    assert result.exit_code == 0
    assert f"govgraph {name}" in result.stdout.split("Example:")[1]


def test_quick_start_is_make_demo_and_make_test() -> None:
    quick_start = README.split("## Quick start")[1].split("```")[1]
    assert quick_start.split() == ["make", "demo", "make", "test"]
