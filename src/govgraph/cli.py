"""The govgraph command line: parse arguments, call the library, print rows and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from govgraph.errors import GovgraphError
from govgraph.namespaces import curie
from govgraph.output import FORMATS, write_rows
from govgraph.resources import default_sources

F = TypeVar("F", bound=Callable[..., Any])


class DomainError(click.ClickException):
    """A domain error shown as one sentence on stderr; exit code 2 (could not load or run)."""

    exit_code = 2


class GovgraphGroup(click.Group):
    """A click group that turns every GovgraphError into a DomainError (no traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, translating domain errors."""
        try:
            return super().invoke(ctx)
        except GovgraphError as exc:
            raise DomainError(str(exc)) from None


def output_options(command: F) -> F:
    """Add the shared --format option to a command that prints rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(command)


def _count(n: int, noun: str) -> str:
    """Return "1 noun" or "n nouns"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _sources(obj: dict[str, tuple[Path, ...]]) -> list[Path]:
    """Return the Turtle sources chosen by the global --data and --ontology options."""
    return default_sources(obj["data"] or None, obj["ontology"] or None)


@click.group(cls=GovgraphGroup)
@click.version_option(package_name="govgraph", prog_name="govgraph")
@click.option(
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Turtle file or directory to load instead of the bundled data (repeatable).",
)
@click.option(
    "--ontology",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Turtle file or directory to load instead of the bundled ontology and vocabularies "
    "(repeatable).",
)
@click.pass_context
def govgraph(ctx: click.Context, data: tuple[Path, ...], ontology: tuple[Path, ...]) -> None:
    """govgraph: a knowledge graph of migration-governance actors and laws (Zacatecas, Mexico)."""
    ctx.obj = {"data": data, "ontology": ontology}


@govgraph.command("stats")
@output_options
@click.pass_obj
def stats_command(obj: dict[str, tuple[Path, ...]], fmt: str) -> None:
    """Count instances per class, MGI dimension coverage and triples.

    \b
    Example:
      govgraph stats
      govgraph stats --format md
      govgraph --data my-graph/ stats --format json
    """
    from govgraph.stats import COLUMNS, stats
    from govgraph.store import open_backend

    write_rows(COLUMNS, stats(open_backend("oxigraph", _sources(obj))), fmt, sys.stdout)


@govgraph.command("validate")
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="SHACL shapes file (default: the bundled ontology/shapes.ttl).",
)
@click.option(
    "--checks",
    type=click.Path(path_type=Path),
    help="Directory of *-violation.rq checks (default: the bundled queries/checks).",
)
@click.pass_context
def validate_command(ctx: click.Context, shapes: Path | None, checks: Path | None) -> None:
    """Check the graph against the SHACL shapes and the SPARQL checks.

    Prints one line per violation (focus, message, source) and the count;
    warnings are listed but do not fail.

    \b
    Example:
      govgraph validate
      govgraph --data data/ttl/mx-zac/councils.ttl validate

    \b
    Exit codes:
      0  the graph conforms
      1  violations found
      2  the graph, shapes or checks could not be loaded
    """
    from govgraph.validate import Violation, validate

    def line(v: Violation) -> str:
        where = f"{curie(v.focus)} {curie(v.path)}" if v.path else curie(v.focus)
        return f"{where}: {v.message} [{v.source}]"

    obj = ctx.obj
    ontology = list(obj["ontology"]) or None
    report = validate(_sources(obj), ontology=ontology, shapes=shapes, checks=checks)
    for violation in report.violations:
        click.echo(line(violation))
    for warning in report.warnings:
        click.echo(f"warning: {line(warning)}")
    warnings = f", {_count(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.conforms:
        checks_run = _count(report.checks, "check")
        click.echo(f"conforms: {_count(report.triples, 'triple')}, {checks_run}{warnings}")
    else:
        click.echo(f"{_count(len(report.violations), 'violation')}{warnings}")
        ctx.exit(1)


def main() -> None:
    """Run the govgraph command line."""
    govgraph(prog_name="govgraph")
