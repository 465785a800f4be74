"""Statistics: the figures each profile states, as RDF Data Cube observations."""

from __future__ import annotations

import click

from govgraph.cli.common import answer
from govgraph.cli.options import Options, jurisdiction_option, query_options


@click.command("figures")
@click.argument("given", nargs=-1, metavar="[JURISDICTION]...")
@jurisdiction_option
@query_options
@click.pass_context
def figures_command(
    ctx: click.Context, opts: Options, given: tuple[str, ...], jurisdictions: tuple[str, ...]
) -> None:
    """Statistics: data set, area, period, breakdown, value, unit, source and quote.

    One row per observation (W3C RDF Data Cube) that a jurisdiction's profile states, in
    the report's order, with the jurisdiction in the first column. JURISDICTION is an
    identifier (mx-zac), a CURIE (juris:mx-zac) or an IRI, like --jurisdiction; give
    several, or none for every jurisdiction.

    \b
    Example:
      govgraph figures mx-zac
      govgraph figures --lang en --format csv
    """
    answer(ctx, opts, "figures", {}, within=(*given, *jurisdictions))
