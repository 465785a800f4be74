"""The workbook commands: a profile as a spreadsheet (template, export) and back (import)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govgraph.cli.common import count, ontology, sources
from govgraph.cli.errors import DomainError
from govgraph.errors import escape_controls

if TYPE_CHECKING:
    from govgraph.workbook import Context

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    help="xlsx: one workbook; csv: a folder of CSV files, one per sheet (default: xlsx for a "
    "name ending in .xlsx, else csv).",
)
FORCE = click.option(
    "--force", is_flag=True, help="Replace a directory that is not empty (its files are lost)."
)


@click.group("workbook")
def workbook_group() -> None:
    """A jurisdiction's profile as a spreadsheet: template, export, import.

    \b
    Example:
      govgraph workbook template -o perfil.xlsx
      govgraph workbook import perfil.xlsx -o data/ttl/mx-gto
      govgraph workbook export mx-zac -o zacatecas.xlsx
    """


def _context(ctx: click.Context) -> Context:
    """The lists and shared entities of the graph the global options choose."""
    from govgraph.workbook import open_context

    return open_context(sources(ctx.obj), ontology=ontology(ctx.obj), cache=ctx.obj["cache"])


def _format(output: str, fmt: str | None) -> str:
    """The chosen format, else xlsx for a .xlsx name and csv for anything else."""
    return fmt or ("xlsx" if output.lower().endswith(".xlsx") else "csv")


def _write(output: str, fmt: str, rows: Any, context: Context, force: bool) -> None:
    """Write rows as an .xlsx file (replaced atomically) or a CSV folder (swapped in whole)."""
    from govgraph.errors import GovgraphError
    from govgraph.files import write_output
    from govgraph.workbook import write_csv_folder, xlsx_bytes

    if fmt == "xlsx":
        write_output(output, xlsx_bytes(rows, context), GovgraphError)
    else:
        write_csv_folder(output, rows, force=force)


@workbook_group.command("template")
@click.option("-o", "--output", required=True, help="The .xlsx file (or CSV folder) to write.")
@FORMAT
@FORCE
@click.option("--empty", is_flag=True, help="Leave out the worked example rows.")
@click.pass_context
def template_command(
    ctx: click.Context, output: str, fmt: str | None, force: bool, empty: bool
) -> None:
    """Write an empty profile workbook: every sheet, drop-down lists, help, worked examples.

    The example rows make a small valid profile (the State of "Ejemplo"): replace them.

    \b
    Example:
      govgraph workbook template -o perfil.xlsx
      govgraph workbook template --format csv -o perfil/
    """
    from govgraph.workbook import template_rows

    chosen = _format(output, fmt)
    _write(output, chosen, {} if empty else template_rows(), _context(ctx), force)
    click.echo(f"wrote the workbook template ({chosen}) to {output}", err=True)


def _profile(ctx: click.Context, jurisdiction: str | None) -> tuple[Any, str]:
    """The graph of one profile and its jurisdiction: a bundled folder, or the --data files."""
    from govgraph.load import load_graph
    from govgraph.resources import data_dir
    from govgraph.workbook import SHARED_LEVELS
    from govgraph.workbook.export import jurisdictions, profile_graph

    data = list(ctx.obj["data"])
    if not data:
        root = data_dir()
        bundled = sorted(
            p.name for p in root.iterdir() if p.is_dir() and p.name not in SHARED_LEVELS
        )
        chosen = jurisdiction or (bundled[0] if len(bundled) == 1 else None)
        if chosen is None:
            raise DomainError(f"name the jurisdiction to export ({', '.join(bundled)})")
        if not (root / chosen).is_dir():
            raise DomainError(f"no bundled profile '{chosen}' (choose from {', '.join(bundled)})")
        return load_graph([root / chosen]), chosen
    if jurisdiction:  # a profile's own folder among the data: exactly what it states
        folders = [p for p in data if p.is_dir() and p.name == jurisdiction]
        folders += [p / jurisdiction for p in data if (p / jurisdiction).is_dir()]
        if folders:
            return load_graph(folders), jurisdiction
    graph = load_graph(data)
    found = jurisdictions(graph)
    chosen = jurisdiction or (found[0] if len(found) == 1 else None)
    if chosen is None:
        raise DomainError(
            "name the jurisdiction to export"
            + (f" ({', '.join(found)})" if found else ": the data has no profile")
        )
    return profile_graph(graph, chosen), chosen


@workbook_group.command("export")
@click.argument("jurisdiction", required=False)
@click.option("-o", "--output", required=True, help="The .xlsx file (or CSV folder) to write.")
@FORMAT
@FORCE
@click.pass_context
def export_command(
    ctx: click.Context, jurisdiction: str | None, output: str, fmt: str | None, force: bool
) -> None:
    """Write a jurisdiction's profile as a workbook (every triple of it in a cell).

    Without --data, the bundled profile of that jurisdiction (data/ttl/JURISDICTION); with
    --data, its folder among them (a directory named JURISDICTION), else the statements of
    those files about it. The rows are built back into triples and compared with the graph:
    anything a round trip would lose (or add) is a warning.

    \b
    Example:
      govgraph workbook export mx-zac -o zacatecas.xlsx
      govgraph workbook export mx-zac --format csv -o zacatecas/
    """
    from govgraph.workbook import export_workbook

    context = _context(ctx)
    graph, chosen = _profile(ctx, jurisdiction)
    exported = export_workbook(graph, chosen, context)
    _write(output, _format(output, fmt), exported.rows, context, force)
    rows = sum(len(r) for r in exported.rows.values())
    click.echo(f"wrote {count(rows, 'row')} of {chosen} to {output}", err=True)
    for what, triples in (("not in the workbook", exported.missing),
                          ("added by the workbook", exported.extra)):  # fmt: skip
        if triples:
            shown = "; ".join(" ".join(t.n3() for t in triple) for triple in triples[:3])
            click.echo(
                escape_controls(f"warning: {count(len(triples), 'triple')} {what}: {shown}"),
                err=True,
            )
    for problem in exported.problems:
        click.echo(escape_controls(f"warning: {problem}"), err=True)


@workbook_group.command("import")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The directory of Turtle files to write (new or empty, or --force).",
)
@click.option("--jurisdiction", help="The jurisdiction's identifier (default: the workbook's).")
@FORCE
@click.option(
    "--no-validate",
    is_flag=True,
    help="Skip the SHACL shapes and SPARQL checks (the cells are still checked).",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    source: Path,
    output: Path,
    jurisdiction: str | None,
    force: bool,
    no_validate: bool,
) -> None:
    """Turn a workbook (.xlsx or a folder of CSV files) into the profile's Turtle files.

    Every cell is checked first (keys, lists, references, numbers, dates, sources); then the
    files are validated as `govgraph validate` does, with the ontology and the shared federal
    and international data. Any problem: all of them are listed (sheet, row, column), exit 1,
    and nothing is written. OUTPUT is replaced whole, never half-written.

    \b
    Example:
      govgraph workbook import perfil.xlsx -o data/ttl/mx-gto
      govgraph validate

    \b
    Exit codes:
      0  written
      1  problems in the workbook (listed)
      2  could not run (unreadable file, output refused)
    """
    from govgraph.workbook import WorkbookError, import_workbook

    context = _context(ctx)
    data = list(ctx.obj["data"]) or None
    try:
        imported = import_workbook(
            source,
            output,
            context=context,
            data=data,
            ontology=ontology(ctx.obj),
            jurisdiction=jurisdiction,
            force=force,
            check=not no_validate,
        )
    except WorkbookError as exc:
        for problem in exc.problems:
            click.echo(escape_controls(str(problem)))
        click.echo(escape_controls(str(exc)))
        ctx.exit(1)
    for warning in imported.warnings:
        click.echo(escape_controls(f"warning: {warning}"), err=True)
    checked = "" if no_validate else f"; conforms ({count(imported.checks, 'check')})"
    click.echo(
        f"wrote {count(imported.triples, 'triple')} of {imported.jurisdiction} in "
        f"{count(len(imported.files), 'file')} to {output}{checked}",
        err=True,
    )
