"""Every command is documented in README.md and has help text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import REPO
from govgraph.cli import govgraph

README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(govgraph.commands))
def test_command_in_readme(name: str) -> None:
    assert f"### `govgraph {name}`" in README
    assert f"$ govgraph {name}" in README


@pytest.mark.parametrize("name", sorted(govgraph.commands))
def test_command_has_help_with_example(name: str) -> None:
    command = govgraph.commands[name]
    assert command.help
    result = CliRunner().invoke(govgraph, [name, "--help"])
    assert result.exit_code == 0
    assert f"govgraph {name}" in result.stdout.split("Example:")[1]


def test_quick_start_is_make_demo_and_make_test() -> None:
    quick_start = README.split("## Quick start")[1].split("```")[1]
    assert quick_start.split() == ["make", "demo", "make", "test"]
