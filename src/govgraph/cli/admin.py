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
      govgraph bench generate --jurisdictions 400 -o bench/1m.nt
    """


@bench_group.command("generate")
@click.option(
    "--jurisdictions",
    type=click.IntRange(min=1),
    required=True,
    help="Number of synthetic jurisdictions (about 2,500 triples each).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="File to write (.nt or .ttl; - for standard output).",
)
@click.option("--seed", type=int, default=0, show_default=True)
def bench_generate_command(jurisdictions: int, output: Path, seed: int) -> None:
    """Write a synthetic graph in govgraph's application profile, deterministic for a seed.

    Every saved query and network view works on it; load it with --data.

    \b
    Example:
      govgraph bench generate --jurisdictions 40 -o /tmp/100k.nt
      govgraph --data /tmp/100k.nt interlocks --min 3
    """
    from govgraph.files import shown
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
