"""The shared block of every synthetic graph, written once and shared by the states.

Its federal entities live under id/mx/ and its international ones under id/int/, as the
bundled data's shared levels do: a synthetic state and a real profile that name the INM name
one node (id/mx/body/inm).
"""

from __future__ import annotations

import functools

from govgraph.synth.bodies import write_body
from govgraph.synth.catalog import templates
from govgraph.synth.councils import write_membership
from govgraph.synth.laws import write_law
from govgraph.synth.statistics import shared_datasets
from govgraph.synth.writer import (
    ALT,
    CLASSIFICATION,
    DESC,
    DIM,
    ESTABLISHED_BY,
    FEDERAL,
    LANGUAGE,
    MIN_SESSIONS,
    NATIONAL_COUNCIL,
    ORDER,
    PART_OF,
    PUBLISHER,
    SOURCE,
    SUBJECT,
    T_COLLAB_ORG,
    T_COUNCIL,
    T_REPORT,
    T_SECTION,
    TITLE,
    A,
    Entity,
    Lines,
    concept,
    integer,
    lit,
    plain,
    shared_base,
)


def _federal() -> tuple[str, int, dict[str, Entity]]:
    """The shared federal block: its text, triple count and entities (f:, l:, a:, fc:)."""
    tpl = templates()
    out = Lines()
    t = out.t
    reg: dict[str, Entity] = {}
    report = f"<{FEDERAL}report/marco-federal>"
    title = "Marco federal sintético de la gobernanza de la migración"
    t(report, A, T_REPORT)
    out.labels(report, title, "Synthetic federal framework of migration governance")
    t(report, TITLE, lit(title, "es"))
    t(report, LANGUAGE, plain("es"))
    legal, coordination = (f"<{FEDERAL}report/{s}>" for s in ("sec-normativo", "sec-coordinacion"))
    for order, (iri, es, en) in enumerate(
        (
            (legal, "Marco normativo federal", "Federal legal framework"),
            (coordination, "Coordinación federal", "Federal coordination"),
        ),
        start=1,
    ):
        t(iri, A, T_SECTION)
        t(iri, PART_OF, report)
        out.labels(iri, es, en)
        t(iri, TITLE, lit(es, "es"))
        t(iri, ORDER, integer(order))
    for body in tpl.federal_bodies:
        iri = f"<{shared_base(body.level)}body/{body.slug}>"
        reg[f"f:{body.slug}"] = Entity(iri, body.es, body.en, body.acronym or body.es)
    for body in tpl.federal_bodies:
        parent = reg[f"f:{body.parent}"].iri if body.parent else None
        description = (
            f"Institución sintética de nivel {body.level} que participa en la gobernanza "
            "de la migración."
        )
        write_body(out, body, reg[f"f:{body.slug}"].iri, parent, description)
    t(report, PUBLISHER, reg["f:oim"].iri)
    for law in tpl.federal_laws:
        level = "internacional" if law.jurisdiction == "internacional" else "federal"
        iri = f"<{shared_base(level)}law/{law.key}>"
        write_law(out, law, iri, law.years[0], legal, reg, law.key)
    iri = f"<{FEDERAL}council/{NATIONAL_COUNCIL}>"
    council = Entity(
        iri,
        "Conferencia Nacional de Autoridades Estatales de Atención a Migrantes",
        "National Conference of State Authorities for Migrants",
        "CONAEM",
    )
    reg[f"fc:{NATIONAL_COUNCIL}"] = council
    t(iri, A, T_COUNCIL)
    t(iri, A, T_COLLAB_ORG)
    out.labels(iri, council.es, council.en)
    out.named(iri, council.es)
    t(iri, ALT, lit(council.short, "es"))
    t(iri, CLASSIFICATION, concept("level", "federal"))
    t(iri, ESTABLISHED_BY, reg["a:ley-migracion-2011/art-2"].iri)
    t(iri, MIN_SESSIONS, integer(2))
    description = (
        "Espacio sintético de coordinación entre la federación y las autoridades estatales "
        "de atención a migrantes."
    )
    t(iri, DESC, lit(description, "es"))
    t(iri, SUBJECT, DIM[2])
    t(iri, SUBJECT, DIM[3])
    t(iri, SOURCE, coordination)
    for slug, role, vote in tpl.national_seats:
        seat = f"<{FEDERAL}membership/{NATIONAL_COUNCIL}-{slug}>"
        write_membership(out, seat, council, reg[f"f:{slug}"], role, vote, None, None, coordination)
    out.lines.extend(shared_datasets()[0])  # last: the data sets the states' figures are in
    return "".join(out.lines), len(out.lines), reg


@functools.cache
def federal_block() -> tuple[str, int, dict[str, Entity]]:
    """The federal block, written once per process."""
    return _federal()
