"""Commands on the graph itself: stats, validate, and the saved queries or any SPARQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from govgraph.cli.common import answer, backend, count, parse_params, rows_out, sources, term
from govgraph.cli.options import Options, output_options, query_options
from govgraph.errors import escape_controls


@click.command("stats")
@query_options
@click.pass_context
def stats_command(ctx: click.Context, opts: Options) -> None:
    """Count instances per class, MGI dimension coverage and triples.

    \b
    Example:
      govgraph stats
      govgraph stats --format md
      govgraph --data my-graph/ stats --format json
    """
    from govgraph.stats import COLUMNS, stats

    rows_out(COLUMNS, stats(backend(ctx, opts), lang=opts.lang), opts.fmt)


@click.command("validate")
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
        where = f"{term(v.focus)} {term(v.path)}" if v.path else term(v.focus)
        return escape_controls(f"{where}: {v.message} [{v.source}]")

    obj = ctx.obj
    ontology = list(obj["ontology"]) or None
    report = validate(sources(obj), ontology=ontology, shapes=shapes, checks=checks)
    for violation in report.violations:
        click.echo(line(violation))
    for warning in report.warnings:
        click.echo(f"warning: {line(warning)}")
    warnings = f", {count(len(report.warnings), 'warning')}" if report.warnings else ""
    if report.conforms:
        checks_run = count(report.checks, "check")
        click.echo(f"conforms: {count(report.triples, 'triple')}, {checks_run}{warnings}")
    else:
        click.echo(f"{count(len(report.violations), 'violation')}{warnings}")
        ctx.exit(1)


@click.command("queries")
@output_options
def queries_command(fmt: str | None) -> None:
    """List the saved queries with their summaries and parameters.

    \b
    Example:
      govgraph queries
      govgraph queries --format md
    """
    from govgraph.queries import saved_queries

    def params(query: Any) -> str:
        return ", ".join(
            f"{p.name} ({p.entity or p.kind}{', default ' + p.default if p.default else ''})"
            for p in query.params
        )

    rows = [(q.name, params(q), q.summary) for q in saved_queries()]
    rows_out(["name", "params", "summary"], rows, fmt)


@click.command("query")
@click.argument("spec", metavar="NAME_OR_FILE")
@click.option(
    "-p",
    "--param",
    "pairs",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter value (repeatable); entities accept acronyms and names.",
)
@query_options
@click.pass_context
def query_command(ctx: click.Context, opts: Options, spec: str, pairs: tuple[str, ...]) -> None:
    """Run a saved query by name, a .rq file, or a query on stdin (-).

    Parameters are bound, never spliced into the text; the columns of bound
    parameters are not printed.

    \b
    Example:
      govgraph query councils
      govgraph query council-members -p council=COVAM --lang en
      govgraph query my-question.rq --format csv
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | govgraph query -
      govgraph query interlocks -p min=3 --endpoint http://127.0.0.1:7878/query
    """
    answer(ctx, opts, spec, parse_params(pairs))
