"""The govgraph command line: parse arguments, call the library, print rows and exit codes.

Heavy libraries (rdflib, pyshacl, networkx, pyvis) are imported inside the commands that
need them, never here: answering a query must stay fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import click

from govgraph.errors import GovgraphError, GovgraphWarning, QueryError, escape_controls
from govgraph.namespaces import curie
from govgraph.output import FORMATS, write_rows
from govgraph.resources import default_sources
from govgraph.store import DEFAULT_MAX_RESPONSE, Backend, Result, parse_size

F = TypeVar("F", bound=Callable[..., Any])


class DomainError(click.ClickException):
    """A domain error shown as one sentence on stderr; exit code 2 (could not load or run)."""

    exit_code = 2


class GovgraphGroup(click.Group):
    """A click group that turns every GovgraphError into a DomainError (no traceback).

    Every error message it lets out, click's usage errors included, has its control characters
    escaped (they may come from a file, a file name or an argument); each GovgraphWarning the
    library issues is printed once on stderr as `warning: ...`.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options; a usage error has its control characters escaped."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            exc.message = escape_controls(exc.message)  # type: ignore[misc]  # Final to click
            raise

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, translating domain errors and printing library warnings."""
        import warnings  # already loaded by govgraph.store: costs nothing here

        shown: set[str] = set()
        default_show = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
            if not issubclass(category, GovgraphWarning):
                default_show(message, category, *args, **kw)
            elif (text := escape_controls(str(message))) not in shown:
                shown.add(text)  # a file is checked by each load: say it once
                click.echo(f"warning: {text}", err=True)

        with warnings.catch_warnings():
            warnings.simplefilter("always", GovgraphWarning)
            warnings.showwarning = show
            try:
                return super().invoke(ctx)
            except GovgraphError as exc:
                raise DomainError(escape_controls(str(exc))) from None
            except click.ClickException as exc:  # usage errors quote the value given
                exc.message = escape_controls(exc.message)  # type: ignore[misc]  # Final to click
                raise


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Options(NamedTuple):
    """What every query command shares: where to ask, in which language, in which format."""

    endpoint: str | None
    timeout: float
    lang: str
    fmt: str | None
    max_response: int = DEFAULT_MAX_RESPONSE


def output_options(command: F) -> F:
    """Add the shared --format option to a command that prints rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format (default: table on a terminal, tsv otherwise).",
    )(command)


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Read a size option (256M, 1G, bytes) or fail with a usage error."""
    try:
        return parse_size(value)
    except GovgraphError as exc:
        raise click.BadParameter(str(exc)) from None


def query_options(command: F) -> F:
    """Add --endpoint, --timeout, --max-response, --lang and --format, passed on as one
    `opts` argument."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        endpoint: str | None,
        timeout: float,
        max_response: int,
        lang: str,
        fmt: str | None,
        **kwargs: Any,
    ) -> Any:
        return command(*args, opts=Options(endpoint, timeout, lang, fmt, max_response), **kwargs)

    options = [
        click.option(
            "--endpoint",
            metavar="URL",
            help="Run on this SPARQL endpoint instead of the local graph.",
        ),
        click.option(
            "--timeout",
            type=float,
            default=30.0,
            show_default=True,
            help="Seconds for the whole exchange with a remote SPARQL endpoint.",
        ),
        click.option(
            "--max-response",
            metavar="SIZE",
            default="256M",
            show_default=True,
            envvar="GOVGRAPH_MAX_RESPONSE",
            callback=_size,
            help="Largest answer to read from a remote SPARQL endpoint (e.g. 64M, 1G; "
            "env GOVGRAPH_MAX_RESPONSE).",
        ),
        click.option(
            "--lang",
            type=click.Choice(["es", "en"]),
            default="es",
            show_default=True,
            help="Language of the labels.",
        ),
        output_options,
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def _count(n: int, noun: str) -> str:
    """Return "1 noun" or "n nouns"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _sources(obj: dict[str, Any]) -> list[Path]:
    """Return the Turtle sources chosen by the global --data and --ontology options."""
    return default_sources(obj["data"] or None, obj["ontology"] or None)


def _backend(ctx: click.Context, opts: Options) -> Backend:
    """The local graph (Oxigraph), or the remote endpoint when --endpoint is given."""
    from govgraph.store import OxigraphBackend, open_backend

    if opts.endpoint:
        if ctx.obj["data"] or ctx.obj["ontology"]:
            raise DomainError("--data and --ontology load a local graph: not with --endpoint")
        return open_backend(
            "sparql", endpoint=opts.endpoint, timeout=opts.timeout, max_response=opts.max_response
        )
    return OxigraphBackend.load(_sources(ctx.obj), cache=ctx.obj["cache"])


def _format(fmt: str | None) -> str:
    """The chosen format, else table on a terminal and tsv in a pipe."""
    return fmt or ("table" if sys.stdout.isatty() else "tsv")


def _show(value: Any) -> Any:
    """Print IRIs as CURIEs; leave every other value as it is."""
    return (
        curie(value)
        if isinstance(value, str) and value.startswith(("http://", "https://"))
        else value
    )


def _term(text: str) -> str:
    """A CURIE for an IRI of a validation result; a blank node, literal or path as written."""
    return text if text.startswith(("[", "(", "^", '"', "_:")) else curie(text)


def _emit(result: Result, fmt: str | None, hidden: set[str] | frozenset[str] = frozenset()) -> None:
    """Write a result's rows, without the columns of bound parameters."""
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    rows = [tuple(_show(row[i]) for i in keep) for row in result.rows]
    datatypes = [tuple(types[i] for i in keep) for types in result.datatypes]
    write_rows([result.columns[i] for i in keep], rows, _format(fmt), sys.stdout, datatypes)


def _answer(
    ctx: click.Context,
    opts: Options,
    spec: str,
    values: Mapping[str, str],
    level: str | None = None,
) -> None:
    """Run a saved query (or a .rq file, or stdin) with values and print its rows; entities
    are resolved from the user's text (of this level of government, when one is given)."""
    from govgraph.queries import load_query, run
    from govgraph.resolve import Resolver

    query = load_query(spec)
    backend = _backend(ctx, opts)
    resolver: Resolver | None = None

    def resolve(text: str, kind: str) -> str:
        nonlocal resolver
        resolver = resolver or Resolver(backend, lang=opts.lang)
        return resolver.resolve(text, kind, level=level)

    given = dict(values)
    if any(p.name == "lang" for p in query.params):
        given.setdefault("lang", opts.lang)
    result = run(backend, query, given, resolve)
    _emit(result, opts.fmt, {p.name for p in query.params})


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
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


# ---------------------------------------------------------------------------
# The group
# ---------------------------------------------------------------------------


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
@click.option(
    "--no-cache",
    is_flag=True,
    help="Load the files into memory instead of the cached on-disk store "
    "(also GOVGRAPH_NO_CACHE=1).",
)
@click.pass_context
def govgraph(
    ctx: click.Context, data: tuple[Path, ...], ontology: tuple[Path, ...], no_cache: bool
) -> None:
    """govgraph: a knowledge graph of migration-governance actors and laws (Zacatecas, Mexico)."""
    ctx.obj = {"data": data, "ontology": ontology, "cache": False if no_cache else None}


# ---------------------------------------------------------------------------
# Load and validate
# ---------------------------------------------------------------------------


@govgraph.command("stats")
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

    rows = stats(_backend(ctx, opts), lang=opts.lang)
    write_rows(COLUMNS, rows, _format(opts.fmt), sys.stdout)


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
        where = f"{_term(v.focus)} {_term(v.path)}" if v.path else _term(v.focus)
        return escape_controls(f"{where}: {v.message} [{v.source}]")

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


# ---------------------------------------------------------------------------
# Saved queries and any SPARQL
# ---------------------------------------------------------------------------


@govgraph.command("queries")
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
    write_rows(["name", "params", "summary"], rows, _format(fmt), sys.stdout)


@govgraph.command("query")
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
    _answer(ctx, opts, spec, _parse_params(pairs))


# ---------------------------------------------------------------------------
# The analysts' questions
# ---------------------------------------------------------------------------

LEVEL_NAMES = ("internacional", "federal", "estatal", "municipal")


def level_option(command: F) -> F:
    """Add --level, which narrows the entity a command is given to one level of government."""
    return click.option(
        "--level",
        type=click.Choice(LEVEL_NAMES),
        help="Only an entity of this level of government: tells apart two of one name "
        '(memberships "Secretaría de Economía" --level federal).',
    )(command)


@govgraph.command("councils")
@query_options
@click.pass_context
def councils_command(ctx: click.Context, opts: Options) -> None:
    """Councils with their president, level, members and seats.

    \b
    Example:
      govgraph councils
      govgraph councils --lang en --format md
    """
    _answer(ctx, opts, "councils", {})


@govgraph.command("members")
@click.argument("council")
@level_option
@query_options
@click.pass_context
def members_command(ctx: click.Context, opts: Options, council: str, level: str | None) -> None:
    """Members of a council with role, voting right, seats and legal basis.

    COUNCIL is an acronym, a name or part of one (accents optional), a CURIE or an IRI.

    \b
    Example:
      govgraph members COVAM
      govgraph members "consejo interinstitucional" --format csv
    """
    _answer(ctx, opts, "council-members", {"council": council}, level)


@govgraph.command("memberships")
@click.argument("body")
@level_option
@query_options
@click.pass_context
def memberships_command(ctx: click.Context, opts: Options, body: str, level: str | None) -> None:
    """Councils a body sits on, with its role, voting right and legal basis.

    \b
    Example:
      govgraph memberships SEZAMI
      govgraph memberships CDHEZ --lang en
      govgraph memberships "Secretaría de Economía" --level estatal
    """
    _answer(ctx, opts, "memberships", {"body": body}, level)


@govgraph.command("interlocks")
@click.option(
    "--min",
    "minimum",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Minimum number of councils (2 or more: one council is no interlock).",
)
@query_options
@click.pass_context
def interlocks_command(ctx: click.Context, opts: Options, minimum: int) -> None:
    """Bodies that sit on several councils, with the councils.

    \b
    Example:
      govgraph interlocks
      govgraph interlocks --min 3
    """
    _answer(ctx, opts, "interlocks", {"min": str(minimum)})


# Commands that list everything, or what concerns one entity: (name, argument, saved query
# for all, saved query for one, help text with its example).
ALL_OR_ONE = [
    (
        "programs",
        "body",
        "programs",
        "body-programs",
        "Programs with operator, partners, year and legal basis; or those of one BODY.",
        ["govgraph programs", "govgraph programs SEZAMI"],
    ),
    (
        "laws",
        "law",
        "laws",
        "law-articles",
        "Laws with the years and articles the report cites; or the articles of one LAW.",
        ["govgraph laws", 'govgraph laws "Ley para la Atención de los Zacatecanos Migrantes"'],
    ),
    (
        "agreements",
        "body",
        "agreements",
        "body-agreements",
        "Agreements with parties, dates and purpose; or those of one BODY.",
        ["govgraph agreements", "govgraph agreements SEZAMI"],
    ),
    (
        "findings",
        "dimension",
        "findings",
        "dimension-findings",
        "Findings per MGI dimension; or those of one DIMENSION with what they mention.",
        ["govgraph findings", "govgraph findings alianzas"],
    ),
]


def _all_or_one(
    name: str, argument: str, every: str, one: str, text: str, examples: list[str]
) -> None:
    """Register a command that runs `every`, or `one` when the entity argument is given."""

    def command(ctx: click.Context, /, opts: Options, **kwargs: str | None) -> None:
        value, level = kwargs[argument], kwargs.get("level")
        if level and not value:
            raise DomainError(f"--level narrows the {argument.upper()} given: give one")
        _answer(ctx, opts, *((one, {argument: value}) if value else (every, {})), level)

    command.__doc__ = text + "\n\n\b\nExample:\n" + "".join(f"  {e}\n" for e in examples)
    decorated = click.pass_context(command)
    decorated = query_options(decorated)
    if argument != "dimension":  # an MGI dimension has no level of government
        decorated = level_option(decorated)
    decorated = click.argument(argument, required=False)(decorated)
    govgraph.command(name)(decorated)


for _spec in ALL_OR_ONE:
    _all_or_one(*_spec)


@govgraph.command("search")
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice(["council", "agent", "law", "program", "dimension"]),
    help="Only entities of this kind.",
)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many.")
@query_options
@click.pass_context
def search_command(
    ctx: click.Context, opts: Options, text: str, kind: str | None, limit: int
) -> None:
    """Find entities by name, acronym or alternative label (accents and case ignored).

    \b
    Example:
      govgraph search migrante
      govgraph search "derechos humanos" --kind agent
    """
    from govgraph.resolve import Resolver, normalise

    if not normalise(text):
        raise DomainError("give a text to search for")
    matches = Resolver(_backend(ctx, opts), lang=opts.lang).search(
        text, [kind] if kind else None, limit
    )
    rows = [(curie(m.iri), m.kind, m.label, m.matched) for m in matches]
    write_rows(["id", "kind", "label", "matched"], rows, _format(opts.fmt), sys.stdout)


@govgraph.command("describe")
@click.argument("entity")
@level_option
@query_options
@click.pass_context
def describe_command(ctx: click.Context, opts: Options, entity: str, level: str | None) -> None:
    """Everything about one entity, both directions, with the source of each relationship.

    A name never stands for a term of the vocabulary (a class, a property, a role or
    level concept): give its CURIE for that, as in the last example.

    \b
    Example:
      govgraph describe SEZAMI
      govgraph describe council:covam --lang en
      govgraph describe "Secretaría de Economía" --level federal
      govgraph describe gg:Council
    """
    from govgraph.describe import describe
    from govgraph.resolve import Resolver

    backend = _backend(ctx, opts)
    iri = Resolver(backend, lang=opts.lang).resolve(entity, level=level)
    _emit(describe(backend, iri, lang=opts.lang), opts.fmt)


# ---------------------------------------------------------------------------
# Network views: project, analyse, export
# ---------------------------------------------------------------------------

VIEW_NAMES = ("councils", "interlocks", "agreements", "programs", "legal", "all")


class Filters(NamedTuple):
    """The filters of a network view, as the user gave them."""

    dimension: str | None
    levels: tuple[str, ...]
    around: str | None
    depth: int


def network_filters(command: F) -> F:
    """Add --dimension, --level, --around and --depth, passed on as one `filters` argument."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        dimension: str | None,
        levels: tuple[str, ...],
        around: str | None,
        depth: int,
        **kwargs: Any,
    ) -> Any:
        return command(*args, filters=Filters(dimension, levels, around, depth), **kwargs)

    options = [
        click.option(
            "--dimension",
            metavar="DIMENSION",
            help="Keep what is linked to this MGI dimension (name or part of it).",
        ),
        click.option(
            "--level",
            "levels",
            multiple=True,
            type=click.Choice(LEVEL_NAMES),
            help="Keep actors of this level of government (repeatable); it also tells "
            "apart two entities of one name given to --around. A view left empty is an "
            "error for viz and export-network (exit 1, nothing written).",
        ),
        click.option(
            "--around",
            metavar="ENTITY",
            help="Keep the ego network of this entity (acronym, name, CURIE or IRI); a "
            "name is looked up among the nodes left by the other filters first.",
        ),
        click.option(
            "--depth",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Steps from --around.",
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def _project(
    ctx: click.Context, opts: Options, view: str, filters: Filters, empty_ok: bool = False
) -> Any:
    """Project a network view of the graph (or of the endpoint); the library resolves the
    names. An empty view is an error (exit 1), or with empty_ok a note on stderr."""
    import shlex

    from govgraph.network import project

    graph = project(
        view,
        _backend(ctx, opts),
        lang=opts.lang,
        dimension=filters.dimension,
        levels=filters.levels,
        around=filters.around,
        depth=filters.depth,
    )
    if graph.number_of_nodes() == 0:
        given = [f"--dimension {shlex.quote(filters.dimension)}"] if filters.dimension else []
        given += [f"--level {level}" for level in filters.levels]
        where = f"view is empty with {' '.join(given)}" if given else "view of this graph is empty"
        empty = f"the {view} {where}"
        if not empty_ok:
            raise click.ClickException(f"{empty}: nothing written")
        click.echo(f"{empty}: nothing to analyse", err=True)
    return graph


@govgraph.command("viz")
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
    from govgraph.render import render, screenshot, write_text

    path = output or Path(f"{view}.html")
    if open_page and str(path) == STDOUT:
        raise DomainError("--open needs a file to open, not standard output (-o -)")
    for target in (path, png, svg):
        if target is not None:
            check_output(target)  # before the work: a missing directory, a directory, ...
    graph = _project(ctx, opts, view, filters)
    page = render(graph, lang=opts.lang, size_by=size_by)
    write_text(page, path)
    click.echo(
        f"wrote {shown(path)} ({_count(graph.number_of_nodes(), 'node')}, "
        f"{_count(graph.number_of_edges(), 'edge')})",
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


@govgraph.command("analyze")
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
    from govgraph.analyze import analyze, summary

    graph = _project(ctx, opts, view, filters, empty_ok=True)  # no rows, and a note
    columns, rows = summary(graph) if show_summary else analyze(graph, top)
    write_rows(columns, rows, _format(opts.fmt), sys.stdout)


@govgraph.command("export-network")
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


# ---------------------------------------------------------------------------
# Publish: export, serve, push
# ---------------------------------------------------------------------------


@govgraph.command("export")
@click.option(
    "-f",
    "--to",
    "rdf_format",
    type=click.Choice(["ttl", "nt", "nq", "jsonld", "rdfxml"]),
    default="ttl",
    show_default=True,
    help="Serialization.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, replaced atomically (default and -: standard output).",
)
@click.option("--data-only", is_flag=True, help="Only the data, not the ontology and vocabularies.")
@click.option(
    "--context-url",
    metavar="URL",
    help="JSON-LD: reference the context at this absolute URL instead of embedding it.",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    rdf_format: str,
    output: str | None,
    data_only: bool,
    context_url: str | None,
) -> None:
    """Export the whole graph (ontology, vocabularies, data) as RDF, byte for byte reproducible.

    N-Quads put the ontology and vocabularies in the named graph
    https://w3id.org/govgraph/graph/ontology and the data in .../graph/mx-zac.

    \b
    Example:
      govgraph export -f ttl -o govgraph.ttl
      govgraph export -f jsonld --data-only > zacatecas.jsonld
      govgraph export -f nq | gzip > govgraph.nq.gz
    """
    from govgraph.export import export

    if context_url is not None and rdf_format != "jsonld":
        raise DomainError("--context-url applies to -f jsonld only")
    if output == "":
        raise DomainError(
            "--output is empty: give a file name, or leave it out for standard output"
        )
    count = export(
        rdf_format,
        output,
        data_only=data_only,
        paths=_sources(ctx.obj),
        ontology=list(ctx.obj["ontology"]) or None,
        context_url=context_url,
    )
    if output and output != "-":
        click.echo(f"wrote {_count(count, 'statement')} to {output}", err=True)


@govgraph.command("publish")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-iri",
    default="https://w3id.org/govgraph/",
    show_default=True,
    help="Where the site will be served: the root of the entity IRIs.",
)
@click.option(
    "--sparql-endpoint",
    metavar="URL",
    help="A SPARQL endpoint to announce in void.ttl and on the pages.",
)
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Language of the pages.",
)
@click.pass_context
def publish_command(
    ctx: click.Context, outdir: Path, base_iri: str, sparql_endpoint: str | None, lang: str
) -> None:
    """Write a static linked-data site: a page per entity with its Turtle and JSON-LD.

    Index pages per type and MGI dimension, a home page with the network view,
    the ontology documented, void.ttl (VoID/DCAT) and dumps, and server
    configuration for content negotiation (.htaccess, nginx). The site is built
    beside OUTDIR and swapped into place: a failure leaves the previous site.

    \b
    Example:
      govgraph publish site/
      govgraph publish site/ --base-iri https://example.org/govgraph/
    """
    from govgraph.publish import publish

    summary = publish(
        outdir,
        base_iri=base_iri,
        paths=_sources(ctx.obj),
        ontology=list(ctx.obj["ontology"]) or None,
        lang=lang,
        sparql_endpoint=sparql_endpoint,
    )
    click.echo(str(summary), err=True)


@govgraph.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (127.0.0.1: this machine only).",
)
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes.")
@click.pass_context
def serve_command(ctx: click.Context, port: int, host: str, writable: bool) -> None:
    """Serve the graph as a SPARQL endpoint (Oxigraph) with its query page at /.

    The ontology and the data go into named graphs; the default graph is their
    union. Read-only unless --writable. Stops cleanly on Ctrl-C.

    \b
    Example:
      govgraph serve
      govgraph serve --port 8080 --writable
    """
    from govgraph.serve import serve

    serve(port, host, writable, _sources(ctx.obj), ontology=list(ctx.obj["ontology"]) or None)


@govgraph.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The Graph Store Protocol URL, e.g. http://host:7878/store.",
)
@click.option(
    "--graph",
    "graph_iri",
    default="https://w3id.org/govgraph/graph/mx-zac",
    show_default=True,
    help="The named graph to replace.",
)
@click.option("--with-ontology", is_flag=True, help="Push the ontology and vocabularies too.")
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds for the whole exchange, the upload included.",
)
@click.pass_context
def push_command(
    ctx: click.Context, endpoint: str, graph_iri: str, with_ontology: bool, timeout: float
) -> None:
    """Replace one named graph on any SPARQL 1.1 Graph Store endpoint, in one request.

    A failed push leaves the old graph as it was. Credentials come from the
    environment (GOVGRAPH_TOKEN, or GOVGRAPH_USER and GOVGRAPH_PASSWORD) or from
    ~/.netrc, never from the command line.

    \b
    Example:
      govgraph push --endpoint http://127.0.0.1:7878/store
      GOVGRAPH_TOKEN=... govgraph push --endpoint https://example.org/store --graph https://example.org/g
    """
    from govgraph.push import push

    count = push(
        endpoint,
        graph_iri,
        paths=_sources(ctx.obj),
        ontology=list(ctx.obj["ontology"]) or None,
        data_only=not with_ontology,
        timeout=timeout,
    )
    click.echo(f"replaced <{graph_iri}> with {_count(count, 'triple')}", err=True)


# ---------------------------------------------------------------------------
# Benchmarks
# ---------------------------------------------------------------------------


@govgraph.group("bench")
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

    count = generate(jurisdictions, output, seed=seed)
    click.echo(f"wrote {_count(count, 'triple')} to {shown(output)}", err=True)


@govgraph.group("cache")
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

    from govgraph import cache

    def when(t: float) -> str:
        return datetime.datetime.fromtimestamp(t).isoformat(timespec="seconds")

    rows = [
        (e.key, e.triples, e.files, f"{e.bytes / 1e6:.1f} MB", when(e.created), when(e.used))
        for e in cache.entries()
    ]
    columns = ["key", "triples", "files", "size", "built", "used"]
    write_rows(columns, rows, _format(fmt), sys.stdout)
    click.echo(f"cache directory: {cache.cache_dir()}", err=True)


@cache_group.command("clear")
def cache_clear_command() -> None:
    """Remove every cached store (they are rebuilt when needed).

    \b
    Example:
      govgraph cache clear
    """
    from govgraph import cache

    click.echo(
        f"removed {_count(cache.clear(), 'cached store')} from {cache.cache_dir()}", err=True
    )


def main() -> None:
    """Run the govgraph command line."""
    govgraph(prog_name="govgraph")


if __name__ == "__main__":
    main()
