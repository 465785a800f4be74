"""README examples from real runs: `make readme` writes them, `make test` checks them.

Each example block in the README is a cog block that calls `run`, so what the README shows is
what the command printed on the bundled graph, never text typed by hand.
"""

from __future__ import annotations

import shlex

import cog  # type: ignore[import-not-found]
from click.testing import CliRunner

from govgraph.cli import govgraph

# Rows on a terminal are a table: the README shows them so.
_TERMINAL = "--format table"


def _output(command: str) -> str:
    """Run one `govgraph ...` command in-process, in a scratch directory; its output."""
    args = shlex.split(command)
    assert args[0] == "govgraph", command
    args = args[1:]
    if "--format" not in args and args and args[0] in _ROWS:
        args += shlex.split(_TERMINAL)
    runner = CliRunner()
    with runner.isolated_filesystem():
        result = runner.invoke(govgraph, args)
    return result.output


# Commands that print rows (their default format on a terminal is a table).
_ROWS = {
    "councils",
    "members",
    "memberships",
    "interlocks",
    "programs",
    "laws",
    "agreements",
    "findings",
    "search",
    "describe",
    "queries",
    "query",
    "analyze",
    "stats",
}


def run(*commands: str, head: int | None = None, grep: tuple[str, ...] = (), tail: int = 0) -> None:
    """Write a fenced block: each command after `$ `, then its output.

    head, grep and tail shorten a long output: the first head lines, the lines holding one of
    the grep strings and the last tail lines are kept, "..." standing for what is left out.
    """
    cog.outl("```")
    for i, command in enumerate(commands):
        if i:
            cog.outl("")
        cog.outl(f"$ {command}")
        lines = _output(command).rstrip("\n").split("\n")
        if head is not None or grep or tail:
            keep = [
                n < (head or 0) or any(g in line for g in grep) or n >= len(lines) - tail
                for n, line in enumerate(lines)
            ]
            shown: list[str] = []
            for line, kept in zip(lines, keep, strict=True):
                if kept:
                    shown.append(line)
                elif not shown or shown[-1] != "...":
                    shown.append("...")
            lines = shown
        for line in lines:
            cog.outl(line)
    cog.outl("```")
