"""Programs, agreements, collaborations and mandates of a synthetic graph."""

from __future__ import annotations

from govgraph.synth.catalog import Program, templates
from govgraph.synth.councils import slug
from govgraph.synth.writer import (
    ASSIGNED_TO,
    AUTHORITY,
    CREATED,
    DASH,
    DATE,
    DESC,
    DIM,
    EVIDENCE,
    FUNCTION,
    LEGAL_BASIS,
    LEGAL_RESOURCE,
    PART_OF_PROGRAM,
    PARTICIPANT,
    PARTNER,
    PARTY,
    PROGRAM,
    PURPOSE,
    RELATED_SERVICE,
    SOURCE,
    SUBJECT,
    T_AGREEMENT,
    T_COLLABORATION,
    T_MANDATE,
    T_PROGRAM,
    T_SERVICE,
    TARGET,
    TITLE,
    A,
    Entity,
    State,
    lit,
    typed,
)


def write_programs(st: State) -> list[Program]:
    """The programs: the optional ones half the time."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, fill, base = st.out.t, st.fill, st.base
    sec = st.sec
    programs = [p for p in tpl.programs if not p.optional or rng.random() < 0.5]
    for p in programs:
        es = fill(p.es)
        reg[f"p:{p.slug}"] = Entity(f"<{base}program/{p.slug}>", es, fill(p.en), es)
    for p in programs:
        program, operator = reg[f"p:{p.slug}"], reg[p.operator]
        iri = program.iri
        t(iri, A, T_PROGRAM)
        t(iri, A, T_SERVICE)
        out.labels(iri, program.es, program.en)
        out.named(iri, program.es)
        t(iri, AUTHORITY, operator.iri)
        for partner in p.partners:
            t(iri, PARTNER, reg[partner].iri)
        if p.legal:
            t(iri, LEGAL_RESOURCE, reg[p.legal].iri)
        if p.parent:  # CPSV-AP's relation between services, and its direction (ours)
            t(iri, PART_OF_PROGRAM, reg[f"p:{p.parent}"].iri)
            t(iri, RELATED_SERVICE, reg[f"p:{p.parent}"].iri)
        if rng.random() < 0.7:
            t(iri, CREATED, typed(rng.randint(2005, 2023), "gYear"))
        t(iri, TARGET, lit(p.target, "es"))
        description = f"Programa sintético operado por {operator.short} para: {p.target.lower()}."
        t(iri, DESC, lit(description, "es"))
        for d in p.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[p.section])
        t(iri, EVIDENCE, lit(f"{operator.es} opera el {program.es}", "es"))
    return programs


def write_agreements(st: State) -> None:
    """The agreements: the first one and four others."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, base, sec = st.out.t, st.base, st.sec
    others = sorted(rng.sample(range(1, len(tpl.agreements)), 4))
    for a in (tpl.agreements[0], *(tpl.agreements[i] for i in others)):
        year = rng.randint(2015, 2023)
        iri = f"<{base}agreement/{a.slug}-{year}>"
        parties = [reg[p] for p in a.parties]
        names = DASH.join(p.short for p in parties)
        t(iri, A, T_AGREEMENT)
        out.labels(iri, f"{a.es}: {names} ({year})", f"{a.en}: {names} ({year})")
        t(iri, TITLE, lit(a.es, "es"))
        for party in parties:
            t(iri, PARTY, party.iri)
        t(iri, DATE, typed(f"{year}-{rng.randint(1, 12):02d}", "gYearMonth"))
        t(iri, PURPOSE, lit(a.purpose, "es"))
        for d in a.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[a.section])
        quote = f"En {year}, {parties[0].es} firmó un {a.es.lower()} con {parties[1].es}"
        t(iri, EVIDENCE, lit(quote, "es"))


def write_collaborations(st: State) -> None:
    """The collaborations: the first one and nine others."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, base, sec = st.out.t, st.base, st.sec
    others = sorted(rng.sample(range(1, len(tpl.collaborations)), 9))
    for co in (tpl.collaborations[0], *(tpl.collaborations[i] for i in others)):
        iri = f"<{base}collaboration/{co.slug}>"
        participants = [reg[p] for p in co.participants]
        names = DASH.join(p.short for p in participants)
        t(iri, A, T_COLLABORATION)
        out.labels(iri, names, f"{names} (collaboration)")
        for participant in participants:
            t(iri, PARTICIPANT, participant.iri)
        t(iri, PURPOSE, lit(co.purpose, "es"))
        if co.program and f"p:{co.program}" in reg:
            t(iri, PROGRAM, reg[f"p:{co.program}"].iri)
        if rng.random() < 0.5:
            t(iri, DATE, typed(rng.randint(2015, 2023), "gYear"))
        for d in co.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[co.section])
        purpose = co.purpose[0].lower() + co.purpose[1:-1]
        quote = f"{participants[0].es} colabora con {participants[1].es}: {purpose}"
        t(iri, EVIDENCE, lit(quote, "es"))


def write_mandates(st: State) -> None:
    """The mandates: fifteen of the templates."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, base, sec = st.out.t, st.base, st.sec
    for i in sorted(rng.sample(range(len(tpl.mandates)), 15)):
        m = tpl.mandates[i]
        agent, article = reg[m.agent], reg[m.basis]
        statute = reg["l:" + m.basis[2:].split("/", 1)[0]]
        path = m.basis.split("/", 1)[1].replace("/", "-")
        iri = f"<{base}mandate/{slug(agent.iri)}-{path}>"
        function = m.function[0].lower() + m.function[1:-1]
        t(iri, A, T_MANDATE)
        out.labels(
            iri,
            f"{agent.short}: {function} ({article.es})",
            f"{agent.short}: mandate ({article.en})",
        )
        t(iri, ASSIGNED_TO, agent.iri)
        t(iri, LEGAL_BASIS, article.iri)
        t(iri, FUNCTION, lit(m.function, "es"))
        for d in m.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[m.section])
        t(
            iri,
            EVIDENCE,
            lit(f"{statute.es}, {article.es}: corresponde a {agent.es} {function}", "es"),
        )
