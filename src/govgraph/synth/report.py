"""The report of a synthetic jurisdiction: its sections and footnotes, and its findings."""

from __future__ import annotations

from govgraph.synth.catalog import Body, Program, templates
from govgraph.synth.writer import (
    ASSESSMENT,
    DESC,
    DIM,
    DIMENSIONS,
    EVIDENCE,
    LANGUAGE,
    MENTIONS,
    ORDER,
    PART_OF,
    POTENTIAL,
    PUBLISHER,
    SECTION_NUMBER,
    SOURCE,
    SUBJECT,
    T_FINDING,
    T_REPORT,
    T_SECTION,
    TITLE,
    WELL,
    A,
    State,
    integer,
    lit,
    plain,
)


def write_report(st: State) -> None:
    """The report: summary, structure, chapters 1-6 with x.1 / x.2, sources, footnotes."""
    tpl, rng, out, t, base, j = templates(), st.rng, st.out, st.out.t, st.base, st.j
    state_es, state_en, federal = st.es, st.en, st.federal
    report = f"<{base}report/igm-syn-{j}>"
    title = f"Indicadores de Gobernanza de la Migración a nivel local: {state_es}"
    t(report, A, T_REPORT)
    out.labels(report, title, f"Migration Governance Indicators, local profile: {state_en}")
    t(report, TITLE, lit(title, "es"))
    t(report, PUBLISHER, federal["f:oim"].iri)
    t(report, LANGUAGE, plain("es"))
    order = 0

    def section(slug: str, parent: str, es: str, en: str, label: str | None = None) -> str:
        nonlocal order
        order += 1
        iri = f"<{base}report/{slug}>"
        t(iri, A, T_SECTION)
        t(iri, PART_OF, parent)
        out.labels(iri, es, en)
        if label:
            t(iri, SECTION_NUMBER, plain(label))
        t(iri, ORDER, integer(order))
        return iri

    section(
        "sec-resumen", report, "Resumen de los principales hallazgos", "Summary of key findings"
    )
    section("sec-estructura", report, "Estructura administrativa", "Administrative structure")
    sec: dict[str, str] = {}
    parts = (
        (WELL, "ámbitos bien desarrollados", "well-developed areas"),
        (POTENTIAL, "ámbitos con potencial de desarrollo", "areas with potential for development"),
    )
    for x, (_, dim_es, dim_en) in enumerate(DIMENSIONS, start=1):
        chapter = section(f"sec-{x}", report, f"{x} {dim_es}", f"{x} {dim_en}", str(x))
        t(chapter, SUBJECT, DIM[x])
        for y, (assessment, part_es, part_en) in enumerate(parts, start=1):
            es, en = f"{x}.{y} {dim_es}: {part_es}", f"{x}.{y} {dim_en}: {part_en}"
            iri = section(f"sec-{x}-{y}", chapter, es, en, f"{x}.{y}")
            t(iri, SUBJECT, DIM[x])
            t(iri, ASSESSMENT, assessment)
            sec[f"{x}-{y}"] = iri
    sources = section("sec-fuentes", report, "Fuentes principales", "Main sources")
    footnotes = [  # one per council: the note that lists its composition
        section(f"fn-{n}", sec[c.section], f"Nota {n}", f"Footnote {n}", f"nota {n}")
        for n, c in zip(
            sorted(rng.sample(range(10, 90), len(tpl.councils))), tpl.councils, strict=True
        )
    ]
    st.sec, st.sources, st.footnotes, st.order = sec, sources, footnotes, order


def write_findings(st: State, bodies: list[Body], programs: list[Program]) -> None:
    """The findings: two or three per section x.1 / x.2, mentioning what the dimension involves."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, base, sec = st.out.t, st.base, st.sec
    state_es, state_en = st.es, st.en
    pools: dict[int, list[str]] = {x: [] for x in DIM}
    for b in bodies:
        for d in b.dims:
            pools[d].append(f"b:{b.slug}")
    for law in tpl.state_laws:
        for d in law.dims:
            pools[d].append(f"l:{law.key}")
    for c in tpl.councils:
        for d in c.dims:
            pools[d].append(f"c:{c.slug}")
    for p in programs:
        for d in p.dims:
            pools[d].append(f"p:{p.slug}")
    for x, topics in enumerate(tpl.topics, start=1):
        shuffled = rng.sample(topics, len(topics))
        well, potential = rng.randint(2, 3), rng.randint(2, 3)
        for y, picks in ((1, shuffled[:well]), (2, shuffled[well : well + potential])):
            for position, topic in enumerate(picks, start=1):
                iri = f"<{base}finding/{x}-{y}-{topic.slug}>"
                mentioned = [reg[k] for k in rng.sample(pools[x], rng.randint(2, 3))]
                names = ", ".join(e.short for e in mentioned)
                t(iri, A, T_FINDING)
                out.labels(iri, f"{topic.es} ({state_es})", f"{topic.en} ({state_en})")
                t(iri, ASSESSMENT, WELL if y == 1 else POTENTIAL)
                t(iri, SUBJECT, DIM[x])
                for e in mentioned:
                    t(iri, MENTIONS, e.iri)
                es = f"{topic.es}: el informe describe la actuación de {names} en el {state_es}."
                en = f"{topic.en}: the report describes the work of {names} in {state_en}."
                t(iri, DESC, lit(es, "es"))
                t(iri, DESC, lit(en, "en"))
                t(iri, SOURCE, sec[f"{x}-{y}"])
                quote = f"En el {state_es}, {topic.es[0].lower()}{topic.es[1:]} involucra a {names}"
                t(iri, EVIDENCE, lit(quote, "es"))
                t(iri, ORDER, integer(position))
