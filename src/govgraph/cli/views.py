"""Network views: draw (viz), measure (analyze) and export (export-network) them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from govgraph.cli.common import backend, count, rows_out
from govgraph.cli.errors import DomainError
from govgraph.cli.options import Filters, Options, network_filters, query_options

VIEW_NAMES = ("councils", "interlocks", "agreements", "programs", "legal", "all", "compare")


def _project(
    ctx: click.Context, opts: Options, view: str, filters: Filters, empty_ok: bool = False
) -> Any:
    """Project a network view of the graph (or of the endpoint); the library resolves the
    names. An empty view is an error (exit 1), or with empty_ok a note on stderr."""
    import shlex

    from govgraph.network import project

    graph = project(
        view,
        backend(ctx, opts),
        lang=opts.lang,
        dimension=filters.dimension,
        levels=filters.levels,
        around=filters.around,
        depth=filters.depth,
        jurisdictions=filters.jurisdictions,
    )
    if graph.number_of_nodes() == 0:
        given = [f"--dimension {shlex.quote(filters.dimension)}"] if filters.dimension else []
        given += [f"--level {level}" for level in filters.levels]
        given += [f"--jurisdiction {shlex.quote(j)}" for j in filters.jurisdictions]
        where = f"view is empty with {' '.join(given)}" if given else "view of this graph is empty"
        empty = f"the {view} {where}"
        if not empty_ok:
            raise click.ClickException(f"{empty}: nothing written")
        click.echo(f"{empty}: nothing to analyse", err=True)
    return graph


@click.command("viz")
@click.argument("view", type=click.Choice(VIEW_NAMES), default="councils")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="HTML file to write (default: VIEW.html; - for standard output).",
)
@click.option(
    "--size",
    "size_by",
    type=click.Choice(["degree", "betweenness"]),
    default="degree",
    show_default=True,
    help="What node size shows.",
)
@click.option(
    "--png",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save a still picture of the stabilised view (headless Chromium).",
)
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also save the stabilised view as SVG (same positions, shapes and labels).",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the web browser.")
@network_filters
@query_options
@click.pass_context
def viz_command(
    ctx: click.Context,
    opts: Options,
    filters: Filters,
    view: str,
    output: Path | None,
    size_by: str,
    png: Path | None,
    svg: Path | None,
    open_page: bool,
) -> None:
    """Draw a network view as one self-contained HTML page (works offline, can be mailed).

    VIEW is councils (default), interlocks, agreements, programs, legal or all.
    The page has a legend, tooltips with role, vote, dates and sources, a search
    box and the filters applied; it loads nothing from the network.

    \b
    Example:
      govgraph viz councils -o councils.html
      govgraph viz interlocks --dimension alianzas --open
      govgraph viz all --around SEZAMI --depth 2 --png sezami.png --lang en
    """
    from govgraph.files import STDOUT, check_output, shown
    from govgraph.render import paused_gc, render, screenshot, write_text

    path = output or Path(f"{view}.html")
    if open_page and str(path) == STDOUT:
        raise DomainError("--open needs a file to open, not standard output (-o -)")
    for target in (path, png, svg):
        if target is not None:
            check_output(target)  # before the work: a missing directory, a directory, ...
    with paused_gc():  # ~10^6 acyclic objects at 5,000 bodies: the collector only costs time
        graph = _project(ctx, opts, view, filters)
        page = render(graph, lang=opts.lang, size_by=size_by)
    write_text(page, path)
    click.echo(
        f"wrote {shown(path)} ({count(graph.number_of_nodes(), 'node')}, "
        f"{count(graph.number_of_edges(), 'edge')})",
        err=True,
    )
    if png or svg:
        screenshot(page, png, svg_path=svg)  # the page itself: -o may be a FIFO or stdout
        for picture in (png, svg):
            if picture:
                click.echo(f"wrote {shown(picture)}", err=True)
    if open_page:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@click.command("analyze")
@click.argument("view", type=click.Choice(VIEW_NAMES), default="interlocks")
@click.option("--top", type=click.IntRange(min=1), help="Only the N most central nodes.")
@click.option(
    "--summary",
    "show_summary",
    is_flag=True,
    help="Print the network's measures (nodes, edges, components...) instead.",
)
@network_filters
@query_options
@click.pass_context
def analyze_command(
    ctx: click.Context,
    opts: Options,
    filters: Filters,
    view: str,
    top: int | None,
    show_summary: bool,
) -> None:
    """Centrality, brokers between levels of government, components and communities.

    One row per node, the most central first: degree, betweenness, cross_level
    (betweenness on shortest paths between actors of different levels of
    government: the brokers), connected component and Louvain community.

    \b
    Example:
      govgraph analyze interlocks --top 5
      govgraph analyze councils --summary
      govgraph analyze all --level municipal --format csv
    """
    from govgraph.network.analyze import analyze, summary

    graph = _project(ctx, opts, view, filters, empty_ok=True)  # no rows, and a note
    columns, rows = summary(graph) if show_summary else analyze(graph, top)
    rows_out(columns, rows, opts.fmt)


@click.command("export-network")
@click.argument("view", type=click.Choice(VIEW_NAMES))
@click.option(
    "-f",
    "--to",
    "network_format",
    type=click.Choice(["graphml", "gexf", "json"]),
    required=True,
    help="graphml or gexf (Gephi, Cytoscape), json (node-link, for notebooks).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write (default and -: standard output).",
)
@network_filters
@query_options
@click.pass_context
def export_network_command(
    ctx: click.Context,
    opts: Options,
    filters: Filters,
    view: str,
    network_format: str,
    output: Path | None,
) -> None:
    """Write a network view for Gephi, Cytoscape or a notebook.

    \b
    Example:
      govgraph export-network councils -f graphml -o councils.graphml
      govgraph export-network interlocks -f json --dimension alianzas
    """
    from govgraph.files import STDOUT, check_output
    from govgraph.network import export

    target = output or Path(STDOUT)
    check_output(target)  # before the work: a missing directory, a directory, ...
    export(_project(ctx, opts, view, filters), network_format, target)
    if str(target) != STDOUT:
        click.echo(f"wrote {target}", err=True)
