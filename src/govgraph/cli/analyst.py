"""The analysts' questions: councils, members, memberships, interlocks, programs, laws,
agreements, findings, search and describe."""

from __future__ import annotations

from typing import Any

import click

from govgraph.cli.common import answer, backend, emit, rows_out
from govgraph.cli.errors import DomainError
from govgraph.cli.options import Options, jurisdiction_option, level_option, query_options
from govgraph.namespaces import curie


@click.command("councils")
@jurisdiction_option
@query_options
@click.pass_context
def councils_command(ctx: click.Context, opts: Options, jurisdictions: tuple[str, ...]) -> None:
    """Councils with their president, level, members and seats.

    \b
    Example:
      govgraph councils
      govgraph councils --lang en --format md
    """
    answer(ctx, opts, "councils", {}, within=jurisdictions)


@click.command("members")
@click.argument("council")
@level_option
@jurisdiction_option
@query_options
@click.pass_context
def members_command(
    ctx: click.Context,
    opts: Options,
    council: str,
    level: str | None,
    jurisdictions: tuple[str, ...],
) -> None:
    """Members of a council with role, voting right, seats and legal basis.

    COUNCIL is an acronym, a name or part of one (accents optional), a CURIE or an IRI.

    \b
    Example:
      govgraph members COVAM
      govgraph members "consejo interinstitucional" --format csv
    """
    answer(ctx, opts, "council-members", {"council": council}, level, jurisdictions)


@click.command("memberships")
@click.argument("body")
@level_option
@jurisdiction_option
@query_options
@click.pass_context
def memberships_command(
    ctx: click.Context,
    opts: Options,
    body: str,
    level: str | None,
    jurisdictions: tuple[str, ...],
) -> None:
    """Councils a body sits on, with its role, voting right and legal basis.

    \b
    Example:
      govgraph memberships SEZAMI
      govgraph memberships CDHEZ --lang en
      govgraph memberships "Secretaría de Economía" --level estatal
    """
    answer(ctx, opts, "memberships", {"body": body}, level, jurisdictions)


@click.command("interlocks")
@click.option(
    "--min",
    "minimum",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Minimum number of councils (2 or more: one council is no interlock).",
)
@jurisdiction_option
@query_options
@click.pass_context
def interlocks_command(
    ctx: click.Context, opts: Options, minimum: int, jurisdictions: tuple[str, ...]
) -> None:
    """Bodies that sit on several councils, with the councils.

    \b
    Example:
      govgraph interlocks
      govgraph interlocks --min 3
    """
    answer(ctx, opts, "interlocks", {"min": str(minimum)}, within=jurisdictions)


def _all_or_one(
    name: str, argument: str, every: str, one: str, text: str, examples: list[str]
) -> click.Command:
    """A command that runs `every`, or `one` when the entity argument is given."""

    def command(ctx: click.Context, /, opts: Options, **kwargs: Any) -> None:
        value, level, within = kwargs[argument], kwargs.get("level"), kwargs["jurisdictions"]
        if level and not value:
            raise DomainError(f"--level narrows the {argument.upper()} given: give one")
        answer(ctx, opts, *((one, {argument: value}) if value else (every, {})), level, within)

    command.__doc__ = text + "\n\n\b\nExample:\n" + "".join(f"  {e}\n" for e in examples)
    decorated = click.pass_context(command)
    decorated = query_options(decorated)
    decorated = jurisdiction_option(decorated)
    if argument != "dimension":  # an MGI dimension has no level of government
        decorated = level_option(decorated)
    decorated = click.argument(argument, required=False)(decorated)
    return click.command(name)(decorated)


# Commands that list everything, or what concerns one entity: (name, argument, saved query
# for all, saved query for one, help text with its example).
programs_command = _all_or_one(
    "programs",
    "body",
    "programs",
    "body-programs",
    "Programs with operator, partners, year and legal basis; or those of one BODY.",
    ["govgraph programs", "govgraph programs SEZAMI"],
)
laws_command = _all_or_one(
    "laws",
    "law",
    "laws",
    "law-articles",
    "Laws with the years and articles the report cites; or the articles of one LAW.",
    ["govgraph laws", 'govgraph laws "Ley para la Atención de los Zacatecanos Migrantes"'],
)
agreements_command = _all_or_one(
    "agreements",
    "body",
    "agreements",
    "body-agreements",
    "Agreements with parties, dates and purpose; or those of one BODY.",
    ["govgraph agreements", "govgraph agreements SEZAMI"],
)
findings_command = _all_or_one(
    "findings",
    "dimension",
    "findings",
    "dimension-findings",
    "Findings per MGI dimension; or those of one DIMENSION with what they mention.",
    ["govgraph findings", "govgraph findings alianzas"],
)


@click.command("search")
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice(["council", "agent", "law", "program", "dimension"]),
    help="Only entities of this kind.",
)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many.")
@jurisdiction_option
@query_options
@click.pass_context
def search_command(
    ctx: click.Context,
    opts: Options,
    text: str,
    kind: str | None,
    limit: int,
    jurisdictions: tuple[str, ...],
) -> None:
    """Find entities by name, acronym or alternative label (accents and case ignored).

    \b
    Example:
      govgraph search migrante
      govgraph search "derechos humanos" --kind agent
    """
    from govgraph import jurisdictions as juris
    from govgraph.resolve import Resolver, normalise

    if not normalise(text):
        raise DomainError("give a text to search for")
    store = backend(ctx, opts)
    within = {juris.identifier(iri) for iri in juris.check(store, jurisdictions)}
    matches = Resolver(store, lang=opts.lang).search(
        text, [kind] if kind else None, None if within else limit
    )
    rows = [
        (curie(juris.NAMESPACE + place) if place else "", curie(m.iri), m.kind, m.label, m.matched)
        for m in matches
        if (place := juris.of_entity(m.iri)) in within or not within
    ]
    rows_out(["jurisdiction_id", "id", "kind", "label", "matched"], rows[:limit], opts.fmt)


@click.command("describe")
@click.argument("entity")
@level_option
@jurisdiction_option
@query_options
@click.pass_context
def describe_command(
    ctx: click.Context,
    opts: Options,
    entity: str,
    level: str | None,
    jurisdictions: tuple[str, ...],
) -> None:
    """Everything about one entity, both directions, with the source of each relationship.

    A name never stands for a term of the vocabulary (a class, a property, a role or
    level concept): give its CURIE for that, as in the last example.

    \b
    Example:
      govgraph describe SEZAMI
      govgraph describe council:covam --lang en
      govgraph describe "Secretaría de Economía" --level federal
      govgraph describe "Secretaría de Economía" --jurisdiction mx
      govgraph describe gg:Council
    """
    from govgraph import jurisdictions as juris
    from govgraph.describe import describe
    from govgraph.resolve import Resolver

    store = backend(ctx, opts)
    resolver = Resolver(store, lang=opts.lang)
    within = {juris.identifier(iri) for iri in juris.check(store, jurisdictions)}
    among = {e.iri for e in resolver.entities if juris.of_entity(e.iri) in within}
    iri = resolver.resolve(entity, level=level, among=among if within else None)
    if within and iri not in among:
        names = ", ".join(sorted(within))
        raise DomainError(f"{curie(iri)} is not an entity of jurisdiction {names}")
    emit(describe(store, iri, lang=opts.lang), opts.fmt)


@click.command("compare")
@click.argument("jurisdictions", nargs=-1, metavar="[JURISDICTION]...")
@query_options
@click.pass_context
def compare_command(ctx: click.Context, opts: Options, jurisdictions: tuple[str, ...]) -> None:
    """Jurisdictions side by side: size, councils and who presides them, migrant-specific
    institution, diaspora vote, findings per MGI dimension, shared federal and international
    actors.

    One row per aspect, one column per jurisdiction (its identifier). JURISDICTION is an
    identifier such as mx-zac; give several, or none for every profile in the graph.

    \b
    Example:
      govgraph compare
      govgraph compare mx-zac mx-gto --format md
    """
    from govgraph.compare import compare

    table = compare(backend(ctx, opts), jurisdictions, opts.lang)
    rows_out(table.columns, table.rows, opts.fmt)
