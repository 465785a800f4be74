"""README examples from real runs: `make readme` writes them, `make test` checks them.

Each example block in the README is a cog block that calls `run`, so what the README shows is
what the command printed on the bundled graph, never text typed by hand.
"""

from __future__ import annotations

import importlib
import inspect
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


def api(*names: str) -> None:
    """Write a table of public names: each with its signature and the first line of its docstring.

    A name is a dotted path from an importable module (`govgraph.store.open_backend`,
    `govgraph.store.Backend.query`), so the table fails to build when a name goes away.
    """
    cog.outl("| name | what it does |")
    cog.outl("|---|---|")
    for name in names:
        cog.outl(f"| `{_signature(name)}` | {_summary(_find(name))} |")


def _find(name: str) -> object:
    """The object a dotted name stands for: attributes where they exist, else submodules."""
    first, *rest = name.split(".")
    found: object = importlib.import_module(first)
    for n, part in enumerate(rest, 2):
        if hasattr(found, part):
            found = getattr(found, part)
        else:
            found = importlib.import_module(".".join(name.split(".")[:n]))
    return found


def _signature(name: str) -> str:
    """A name as a reader calls it: `name(parameters)` with defaults, no annotations."""
    found = _find(name)
    if inspect.ismodule(found):
        return name
    parameters = []
    for parameter in inspect.signature(found).parameters.values():  # type: ignore[arg-type]
        if parameter.name == "self":
            continue
        text = parameter.name
        if parameter.kind is parameter.VAR_POSITIONAL:
            text = "*" + text
        elif parameter.kind is parameter.VAR_KEYWORD:
            text = "**" + text
        if parameter.default is not parameter.empty:
            text += f"={parameter.default!r}"
        parameters.append(text)
    return f"{name}({', '.join(parameters)})"


def _summary(found: object) -> str:
    """The first line of an object's docstring, with its pipes escaped for a table."""
    doc = inspect.getdoc(found) or ""
    return doc.split("\n", 1)[0].replace("|", "\\|")
