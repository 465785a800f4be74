"""What the commands share: the graph to ask, the rows to print, the saved query to run."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govgraph.cli.errors import DomainError
from govgraph.cli.options import Options
from govgraph.errors import QueryError
from govgraph.namespaces import curie
from govgraph.output import write_rows
from govgraph.resources import default_sources

if TYPE_CHECKING:
    from govgraph.store import Backend, Result


def count(n: int, noun: str) -> str:
    """Return "1 noun" or "n nouns"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def sources(obj: dict[str, Any]) -> list[Path]:
    """Return the Turtle sources chosen by the global --data and --ontology options."""
    return default_sources(obj["data"] or None, obj["ontology"] or None)


def ontology(obj: dict[str, Any]) -> list[Path] | None:
    """Return the ontology files given with --ontology, or None for the bundled ones."""
    return list(obj["ontology"]) or None


def backend(ctx: click.Context, opts: Options) -> Backend:
    """The local graph (Oxigraph), or the remote endpoint when --endpoint is given."""
    from govgraph.store import OxigraphBackend, open_backend

    if opts.endpoint:
        if ctx.obj["data"] or ctx.obj["ontology"]:
            raise DomainError("--data and --ontology load a local graph: not with --endpoint")
        return open_backend(
            "sparql", endpoint=opts.endpoint, timeout=opts.timeout, max_response=opts.max_response
        )
    return OxigraphBackend.load(sources(ctx.obj), cache=ctx.obj["cache"])


def out_format(fmt: str | None) -> str:
    """The chosen format, else table on a terminal and tsv in a pipe."""
    return fmt or ("table" if sys.stdout.isatty() else "tsv")


def rows_out(columns: list[str], rows: Any, fmt: str | None) -> None:
    """Write rows on standard output in the chosen format."""
    write_rows(columns, rows, out_format(fmt), sys.stdout)


def show(value: Any) -> Any:
    """Print IRIs as CURIEs; leave every other value as it is."""
    return (
        curie(value)
        if isinstance(value, str) and value.startswith(("http://", "https://"))
        else value
    )


def term(text: str) -> str:
    """A CURIE for an IRI of a validation result; a blank node, literal or path as written."""
    return text if text.startswith(("[", "(", "^", '"', "_:")) else curie(text)


def emit(result: Result, fmt: str | None, hidden: set[str] | frozenset[str] = frozenset()) -> None:
    """Write a result's rows, without the columns of bound parameters."""
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    rows = [tuple(show(row[i]) for i in keep) for row in result.rows]
    datatypes = [tuple(types[i] for i in keep) for types in result.datatypes]
    write_rows([result.columns[i] for i in keep], rows, out_format(fmt), sys.stdout, datatypes)


def answer(
    ctx: click.Context,
    opts: Options,
    spec: str,
    values: Mapping[str, str],
    level: str | None = None,
    within: Sequence[str] = (),
) -> None:
    """Run a saved query (or a .rq file, or stdin) with values and print its rows; entities
    are resolved from the user's text (of this level of government, when one is given); with
    jurisdictions `within`, once per jurisdiction, their rows one after the other."""
    from govgraph import jurisdictions
    from govgraph.queries import load_query, run
    from govgraph.resolve import Resolver
    from govgraph.store import Result

    query = load_query(spec)
    store = backend(ctx, opts)
    resolver: Resolver | None = None

    def resolve(text: str, kind: str) -> str:
        nonlocal resolver
        resolver = resolver or Resolver(store, lang=opts.lang)
        return resolver.resolve(text, kind, level=level)

    given = dict(values)
    if any(p.name == "lang" for p in query.params):
        given.setdefault("lang", opts.lang)
    hidden = {p.name for p in query.params}
    if not within:
        emit(run(store, query, given, resolve), opts.fmt, hidden)
        return
    param = next((p.name for p in query.params if p.kind == "jurisdiction"), None)
    if param is None:
        raise DomainError(f"{query.name} has no jurisdiction parameter: --jurisdiction")
    results = [
        run(store, query, {**given, param: iri}, resolve)
        for iri in jurisdictions.check(store, within)
    ]
    rows = [row for result in results for row in result.rows]
    types = [row for result in results for row in result.datatypes]
    emit(Result(results[0].columns, rows, types), opts.fmt, hidden)


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """Turn `name=value` pairs into a dict; a pair without `=`, or a name twice, is an error."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"-p {pair!r}: a parameter is given as name=value")
        if name in values:
            raise QueryError(f"parameter {name!r} given twice")
        values[name] = value
    return values
