"""Housekeeping commands: synthetic data for benchmarks (bench) and the on-disk stores (cache)."""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli.common import count, rows_out
from govgraph.cli.options import output_options


@click.group("bench")
def bench_group() -> None:
    """Synthetic data for benchmarks.

    \b
    Example:
      govgraph bench generate --jurisdictions 250 -o bench/1m.nt
    """


@bench_group.command("generate")
@click.option(
    "--jurisdictions",
    type=click.IntRange(min=1),
    required=True,
    help="Number of synthetic jurisdictions (about 4,000 triples each).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True, path_type=Path),
    required=True,
    help="File to write (.nt or .ttl; - for standard output); with --format xlsx or csv, "
    "the directory of workbooks.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nt", "xlsx", "csv"]),
    default="nt",
    show_default=True,
    help="nt: one graph; xlsx or csv: shared.nt and one profile workbook (or CSV folder) per "
    "jurisdiction, for `govgraph workbook import`.",
)
@click.option("--force", is_flag=True, help="With xlsx or csv: replace a non-empty directory.")
def bench_generate_command(
    jurisdictions: int, output: Path, seed: int, fmt: str, force: bool
) -> None:
    """Write a synthetic graph in govgraph's application profile, deterministic for a seed.

    Every saved query and network view works on it; load it with --data. With --format xlsx
    or csv, each jurisdiction becomes a profile workbook instead (the shared federal block
    in shared.nt beside them).

    \b
    Example:
      govgraph bench generate --jurisdictions 40 -o /tmp/100k.nt
      govgraph --data /tmp/100k.nt interlocks --min 3
      govgraph bench generate --jurisdictions 50 --format xlsx -o /tmp/profiles
      govgraph --data /tmp/profiles/shared.nt workbook import /tmp/profiles/syn-1.xlsx -o /tmp/syn-1
    """
    from govgraph.files import shown

    if fmt != "nt":
        from govgraph.synth.workbooks import write_workbooks

        made = write_workbooks(jurisdictions, output, seed=seed, fmt=fmt, force=force)
        click.echo(f"wrote {count(made, 'workbook')} ({fmt}) and shared.nt to {output}", err=True)
        return
    from govgraph.synth import generate

    written = generate(jurisdictions, output, seed=seed)
    click.echo(f"wrote {count(written, 'triple')} to {shown(output)}", err=True)


@click.group("cache")
def cache_group() -> None:
    """The on-disk stores govgraph keeps of the files it loads.

    \b
    Example:
      govgraph cache info
      govgraph cache clear
    """


@cache_group.command("info")
@output_options
def cache_info_command(fmt: str | None) -> None:
    """List the cached stores: key, triples, files, size, when built and last used.

    \b
    Example:
      govgraph cache info
    """
    import datetime

    from govgraph.store import cache

    def when(t: float) -> str:
        return datetime.datetime.fromtimestamp(t).isoformat(timespec="seconds")

    rows = [
        (e.key, e.triples, e.files, f"{e.bytes / 1e6:.1f} MB", when(e.created), when(e.used))
        for e in cache.entries()
    ]
    rows_out(["key", "triples", "files", "size", "built", "used"], rows, fmt)
    click.echo(f"cache directory: {cache.cache_dir()}", err=True)


@cache_group.command("clear")
def cache_clear_command() -> None:
    """Remove every cached store (they are rebuilt when needed).

    \b
    Example:
      govgraph cache clear
    """
    from govgraph.store import cache

    click.echo(f"removed {count(cache.clear(), 'cached store')} from {cache.cache_dir()}", err=True)
