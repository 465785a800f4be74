"""The laws of a synthetic graph: legal resources, their articles and fractions."""

from __future__ import annotations

import functools

from govgraph.synth.catalog import Law, templates
from govgraph.synth.writer import (
    DIM,
    ELI_AMENDED_BY,
    ELI_DESC,
    ELI_JURIS,
    ELI_LANGUAGE,
    ELI_NUMBER,
    ELI_PART_OF,
    ELI_REALIZED_BY,
    ELI_REALIZES,
    ELI_TITLE,
    ELI_TYPE_DOC,
    ELI_TYPE_SUB,
    LAST_AMENDED,
    SOURCE,
    SPANISH,
    SUBJECT,
    T_EXPRESSION,
    T_LAW,
    T_SUBDIVISION,
    YEAR,
    A,
    Entity,
    Lines,
    State,
    concept,
    jurisdiction_of,
    lit,
    plain,
    typed,
)

_KINDS = {
    "art": ("articulo", "Artículo", "Article"),
    "frac": ("fraccion", "fracción", "section"),
    "apt": ("apartado", "apartado", "paragraph"),
    "sec": ("seccion", "sección", "section"),
    "meta": ("meta", "Meta", "Target"),
    "accion": ("accion", "Acción", "Action"),
}


@functools.cache
def subdivision(path: str) -> tuple[str, str, str, str]:
    """For `art-14/frac-vi`: (number, subdivision concept, Spanish label, English label)."""
    es: list[str] = []
    en: list[str] = []
    number = kind = ""
    for step in path.split("/"):
        prefix, _, raw = step.partition("-")
        kind, word_es, word_en = _KINDS[prefix]
        number = raw.upper() if prefix in ("frac", "sec", "apt") else raw.replace("-", ".")
        es.append(f"{word_es} {number}")
        en.append(f"{word_en} {number}")
    return number, concept("subdiv", kind), ", ".join(es), ", ".join(en)


def write_law(
    out: Lines, law: Law, iri: str, year: int, source: str, reg: dict[str, Entity], key: str
) -> None:
    """A legal resource and its subdivisions (registered as l:<key> and a:<key>/<path>)."""
    t = out.t
    reg[f"l:{key}"] = Entity(iri, law.es, law.en, law.es)
    t(iri, A, T_LAW)
    out.labels(iri, f"{law.es} ({year})", f"{law.en} ({year})")
    # ELI: the title is on the law's Spanish text (an eli:LegalExpression at <law>/spa)
    text = f"{iri[:-1]}/spa>"
    t(iri, ELI_REALIZED_BY, text)
    t(text, A, T_EXPRESSION)
    t(text, ELI_REALIZES, iri)
    t(text, ELI_LANGUAGE, SPANISH)
    t(text, ELI_TITLE, lit(law.es, "es"))
    out.labels(text, f"{law.es} ({year}), texto en español", f"{law.en} ({year}), Spanish text")
    t(iri, ELI_TYPE_DOC, concept("doctype", law.doctype))
    t(iri, ELI_JURIS, jurisdiction_of(iri))  # the state's, mx or int, as its IRI says
    t(iri, YEAR, typed(year, "gYear"))
    for d in law.dims:
        t(iri, SUBJECT, DIM[d])
    t(iri, SOURCE, source)
    base = iri[1:-1]
    for path, summary in law.items:
        number, kind, es, en = subdivision(path)
        sub = f"<{base}/{path}>"
        t(sub, A, T_SUBDIVISION)
        t(sub, ELI_PART_OF, f"<{base}/{path.rsplit('/', 1)[0]}>" if "/" in path else iri)
        t(sub, ELI_TYPE_SUB, kind)
        t(sub, ELI_NUMBER, plain(number))
        out.labels(sub, es, en)
        t(sub, ELI_DESC, lit(summary, "es"))
        reg[f"a:{key}/{path}"] = Entity(sub, es, en, es)


def write_laws(st: State) -> None:
    """The state laws; the organic law is amended by the creating decree."""
    tpl, rng, reg, t, base, sources = templates(), st.rng, st.reg, st.out.t, st.base, st.sources
    out, fill = st.out, st.fill
    years: dict[str, int] = {}
    for law in tpl.state_laws:
        year = years[law.key] = rng.randint(*law.years)
        filled = law._replace(es=fill(law.es), en=fill(law.en))
        write_law(out, filled, f"<{base}law/{law.key}-{year}>", year, sources, reg, law.key)
    organic, decree = "ley-organica-administracion-publica", "decreto-creacion-secretaria-migrante"
    t(reg[f"l:{organic}"].iri, ELI_AMENDED_BY, reg[f"l:{decree}"].iri)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    amended = f"{max(years[organic], years[decree])}-{month:02d}-{day:02d}"
    t(reg[f"l:{organic}"].iri, LAST_AMENDED, typed(amended, "date"))
