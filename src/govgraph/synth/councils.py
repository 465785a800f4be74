"""The councils of a synthetic graph and their memberships."""

from __future__ import annotations

from govgraph.synth.catalog import templates
from govgraph.synth.writer import (
    ALT,
    CLASSIFICATION,
    DESC,
    DIM,
    ESTABLISHED_BY,
    EVIDENCE,
    HUB,
    INSTALLED_ON,
    LEGAL_BASIS,
    MEMBER,
    MIN_SESSIONS,
    NATIONAL_COUNCIL,
    ORGANIZATION,
    ROLE,
    ROLES,
    SEATS,
    SOURCE,
    SUB_ORG,
    SUBJECT,
    T_COLLAB_ORG,
    T_COUNCIL,
    T_MEMBERSHIP,
    VOTING,
    A,
    Entity,
    Lines,
    State,
    concept,
    integer,
    lit,
    typed,
)


def write_membership(
    out: Lines,
    iri: str,
    council: Entity,
    member: Entity,
    role: str,
    vote: str | None,
    seats: int | None,
    basis: str | None,
    source: str,
) -> None:
    """One seat: org:Membership with role, voting right, seats, legal basis and provenance."""
    t = out.t
    role_es, role_en = ROLES[role]
    t(iri, A, T_MEMBERSHIP)
    out.labels(
        iri,
        f"{member.short} en {council.short} ({role_es})",
        f"{member.short} on {council.short} ({role_en})",
    )
    t(iri, ORGANIZATION, council.iri)
    t(iri, MEMBER, member.iri)
    t(iri, ROLE, concept("role", role))
    if vote:
        t(iri, VOTING, concept("vote", vote))
    if seats:
        t(iri, SEATS, integer(seats))
    if basis:
        t(iri, LEGAL_BASIS, basis)
    t(iri, SOURCE, source)
    places = f" con {seats} lugares" if seats else ""
    quote = f"{member.es} integra el {council.es}{places} con el cargo de {role_es}"
    t(iri, EVIDENCE, lit(quote, "es"))


def slug(iri: str) -> str:
    """The last path segment of an IRI in angle brackets."""
    return iri[iri.rindex("/") + 1 : -1]


def write_councils(st: State) -> None:
    """The councils, each with its first two seats and three to five more; the hub on the
    national council."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, fill, base = st.out.t, st.fill, st.base
    state_es, sec, federal, footnotes = st.es, st.sec, st.federal, st.footnotes
    for c in tpl.councils:
        es = fill(c.es)
        short = fill(c.acronym) if c.acronym else es
        reg[f"c:{c.slug}"] = Entity(f"<{base}council/{c.slug}>", es, fill(c.en), short)
    for c, note in zip(tpl.councils, footnotes, strict=True):
        council = reg[f"c:{c.slug}"]
        iri = council.iri
        t(iri, A, T_COUNCIL)
        t(iri, A, T_COLLAB_ORG)
        out.labels(iri, council.es, council.en)
        out.named(iri, council.es)
        if c.acronym:
            t(iri, ALT, lit(council.short, "es"))
        t(iri, CLASSIFICATION, concept("level", "estatal"))
        if c.parent:
            t(iri, SUB_ORG, reg[f"c:{c.parent}"].iri)
        t(iri, ESTABLISHED_BY, reg[c.established].iri)
        for basis in c.bases:
            t(iri, LEGAL_BASIS, reg[basis].iri)
        t(iri, MIN_SESSIONS, integer(c.sessions or rng.randint(1, 4)))
        if rng.random() < 0.6:
            installed = f"{rng.randint(2010, 2023)}-{rng.randint(1, 12):02d}"
            t(iri, INSTALLED_ON, typed(installed, "gYearMonth"))
        description = (
            f"Órgano colegiado sintético del {state_es} que coordina a sus integrantes "
            "en materia de migración."
        )
        t(iri, DESC, lit(description, "es"))
        for d in c.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[c.section])
        t(iri, SOURCE, note)
        rest = c.seats[2:]
        picked = sorted(rng.sample(range(len(rest)), min(len(rest), rng.randint(3, 5))))
        for seat in (*c.seats[:2], *(rest[i] for i in picked)):
            member = reg[seat.member]
            write_membership(
                out,
                f"<{base}membership/{c.slug}-{slug(member.iri)}>",
                council,
                member,
                seat.role,
                seat.vote,
                rng.randint(*seat.seats) if seat.seats else None,
                reg[seat.basis].iri if seat.basis else None,
                note,
            )
    hub = reg[f"b:{HUB}"]
    write_membership(
        out,
        f"<{base}membership/{NATIONAL_COUNCIL}-{HUB}>",
        federal[f"fc:{NATIONAL_COUNCIL}"],
        hub,
        "vocal",
        "voz-y-voto",
        None,
        None,
        sec["2-1"],
    )
