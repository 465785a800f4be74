"""The options that several commands share, each bundle passed on as one argument."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

import click

from govgraph.errors import GovgraphError
from govgraph.namespaces import LANGS
from govgraph.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

LEVEL_NAMES = ("internacional", "federal", "estatal", "municipal")


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Options(NamedTuple):
    """What every query command shares: where to ask, in which language, in which format."""

    endpoint: str | None
    timeout: float
    lang: str
    fmt: str | None
    max_response: int


class Filters(NamedTuple):
    """The filters of a network view, as the user gave them."""

    dimension: str | None
    levels: tuple[str, ...]
    around: str | None
    depth: int
    jurisdictions: tuple[str, ...]


def bundle(
    name: str, tuple_type: type[Any], options: Sequence[Callable[[Any], Any]]
) -> Callable[[F], F]:
    """A decorator adding the options, whose values reach the command as one `name` argument:
    a `tuple_type` built from the parameters named as its fields."""
    fields: tuple[str, ...] = tuple_type._fields

    def decorator(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = tuple_type(**{field: kwargs.pop(field) for field in fields})
            return command(*args, **{name: values}, **kwargs)

        decorated: Any = wrapper
        for option in reversed(options):
            decorated = option(decorated)
        return decorated  # type: ignore[no-any-return]

    return decorator


def output_options(command: F) -> F:
    """Add the shared --format option to a command that prints rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format (default: table on a terminal, tsv otherwise).",
    )(command)


def lang_option(text: str) -> Callable[[F], F]:
    """A --lang option, one of govgraph's languages (the first by default)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=LANGS[0],
        show_default=True,
        help=text,
    )


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Read a size option (256M, 1G, bytes) or fail with a usage error."""
    from govgraph.store.limits import parse_size

    try:
        return parse_size(value)
    except GovgraphError as exc:
        raise click.BadParameter(str(exc)) from None


# --endpoint, --timeout, --max-response, --lang and --format, passed on as one `opts` argument.
query_options = bundle(
    "opts",
    Options,
    [
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
        lang_option("Language of the labels."),
        output_options,
    ],
)


def jurisdiction_option(command: F) -> F:
    """Add --jurisdiction (repeatable), which keeps the rows of these jurisdictions."""
    return click.option(
        "--jurisdiction",
        "jurisdictions",
        multiple=True,
        metavar="ID",
        help="Only this jurisdiction's rows (mx-zac, mx-gto, ...; repeatable; default: all).",
    )(command)


def level_option(command: F) -> F:
    """Add --level, which narrows the entity a command is given to one level of government."""
    return click.option(
        "--level",
        type=click.Choice(LEVEL_NAMES),
        help="Only an entity of this level of government: tells apart two of one name "
        '(memberships "Secretaría de Economía" --level federal).',
    )(command)


# --dimension, --level, --around, --depth and --jurisdiction, passed on as one `filters` argument.
network_filters = bundle(
    "filters",
    Filters,
    [
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
        click.option(
            "--jurisdiction",
            "jurisdictions",
            multiple=True,
            metavar="ID",
            help="Keep what is linked to this jurisdiction's actors (mx-zac, ...; "
            "repeatable; default: all): the shared federal and international ones stay "
            "where they are linked to them.",
        ),
    ],
)
