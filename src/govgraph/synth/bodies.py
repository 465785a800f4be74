"""The actors of a synthetic graph: institutions and classes of actors."""

from __future__ import annotations

from govgraph.synth.catalog import Body, templates
from govgraph.synth.writer import (
    ALT,
    CLASSIFICATION,
    CREATED,
    DESC,
    DIM,
    GROUP_CLASSIFICATION,
    HUB,
    MEMBER_COUNT,
    PUBLIC_SECTORS,
    SPATIAL,
    SUB_ORG,
    SUBJECT,
    T_FOAF_GROUP,
    T_GROUP,
    T_ORG,
    T_PUBLIC_ORG,
    A,
    Entity,
    Lines,
    State,
    concept,
    integer,
    jurisdiction_of,
    lit,
    typed,
)


def write_body(out: Lines, body: Body, iri: str, parent: str | None, description: str) -> None:
    """An institution: public types when it is a public body with a level (rule 5)."""
    t = out.t
    t(iri, A, T_ORG)
    public = body.sector in PUBLIC_SECTORS and body.level is not None
    if public:
        t(iri, A, T_PUBLIC_ORG)
    out.labels(iri, body.es, body.en)
    out.named(iri, body.es)
    if public and body.level is not None:
        t(iri, SPATIAL, jurisdiction_of(iri))  # the area its level covers
    if body.acronym:
        t(iri, ALT, lit(body.acronym, "es"))
    if body.level:
        t(iri, CLASSIFICATION, concept("level", body.level))
    t(iri, CLASSIFICATION, concept("sector", body.sector))
    if body.slug == HUB:  # the state's secretariat for migrants
        t(iri, CLASSIFICATION, concept("bodytype", "institucion-migrante"))
    if parent:
        t(iri, SUB_ORG, parent)
    t(iri, DESC, lit(description, "es"))
    for d in body.dims:
        t(iri, SUBJECT, DIM[d])


def write_bodies(st: State) -> list[Body]:
    """The state administration and autonomous bodies, municipalities, civil society, academia,
    the diaspora."""
    tpl, rng, reg, t, fill = templates(), st.rng, st.reg, st.out.t, st.fill
    out, base, state_es, state_en = st.out, st.base, st.es, st.en
    bodies = [
        Body(
            b.slug,
            fill(b.es),
            fill(b.en),
            fill(b.acronym) if b.acronym else None,
            b.level,
            b.sector,
            b.parent,
            b.dims,
        )
        for b in tpl.state_bodies
    ]
    towns = rng.sample(tpl.towns, rng.randint(4, 7))
    st.towns = towns
    for i, town in enumerate(towns, start=1):
        bodies.append(
            Body(
                f"municipio-{i}",
                f"Municipio de {town} ({state_es})",
                f"Municipality of {town} ({state_en})",
                None,
                "municipal",
                "publico",
                None,
                (2,),
            )
        )
    for i, town in enumerate(towns[: rng.randint(1, 3)], start=1):
        bodies.append(
            Body(
                f"direccion-migrante-{i}",
                f"Dirección de Atención al Migrante de {town} ({state_es})",
                f"Migrant Affairs Office of {town} ({state_en})",
                None,
                "municipal",
                "publico",
                f"municipio-{i}",
                (1,),
            )
        )
    for i, name in enumerate(rng.sample(tpl.shelters, rng.randint(2, 4)), start=1):
        bodies.append(
            Body(
                f"casa-migrante-{i}",
                f"Casa del Migrante {name} ({state_es})",
                f"{name} Migrant House ({state_en})",
                None,
                "estatal",
                "sociedad-civil",
                None,
                (1, 3),
            )
        )
    for i, city in enumerate(rng.sample(tpl.cities, rng.randint(2, 3)), start=1):
        bodies.append(
            Body(
                f"federacion-{i}",
                f"Federación de Clubes del {state_es} en {city}",
                f"Federation of {state_en} Clubs in {city}",
                None,
                None,
                "diaspora",
                None,
                (3, 4),
            )
        )
    for b in bodies:
        reg[f"b:{b.slug}"] = Entity(f"<{base}body/{b.slug}>", b.es, b.en, b.acronym or b.es)
    for b in bodies:
        where = "municipal" if b.level == "municipal" else "estatal"
        description = (
            f"Actor sintético del ámbito {where} del {state_es} que participa en la gobernanza "
            "de la migración."
        )
        iri = reg[f"b:{b.slug}"].iri
        write_body(out, b, iri, reg[f"b:{b.parent}"].iri if b.parent else None, description)
        if rng.random() < 0.25:
            t(iri, CREATED, typed(rng.randint(1950, 2022), "gYear"))
    return bodies


def write_groups(st: State) -> None:
    """The classes of actors."""
    tpl, rng, reg, out = templates(), st.rng, st.reg, st.out
    t, fill, base = st.out.t, st.fill, st.base
    for g in tpl.groups:
        iri = f"<{base}group/{g.slug}>"
        es = fill(g.es)
        reg[f"g:{g.slug}"] = Entity(iri, es, fill(g.en), es)
        t(iri, A, T_GROUP)
        t(iri, A, T_FOAF_GROUP)
        out.labels(iri, es, fill(g.en))
        out.named(iri, es)
        # gg:classification: ORG's org:classification would make the class an org:Organization
        if g.level:
            t(iri, GROUP_CLASSIFICATION, concept("level", g.level))
        t(iri, GROUP_CLASSIFICATION, concept("sector", g.sector))
        description = f"Clase de actores que el informe sintético nombra sin enumerarlos: {es}."
        t(iri, DESC, lit(description, "es"))
        if g.members:
            t(iri, MEMBER_COUNT, integer(rng.randint(*g.members)))
