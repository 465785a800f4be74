"""One synthetic jurisdiction: its parts in a fixed order (the random draws depend on it)."""

from __future__ import annotations

import random

from govgraph.synth.bodies import write_bodies, write_groups
from govgraph.synth.councils import write_councils
from govgraph.synth.laws import write_laws
from govgraph.synth.programs import (
    write_agreements,
    write_collaborations,
    write_mandates,
    write_programs,
)
from govgraph.synth.report import write_findings, write_report
from govgraph.synth.statistics import write_statistics
from govgraph.synth.writer import (
    DEFINITION,
    IN_SCHEME,
    JURISDICTIONS,
    LEVEL_OF_GOVERNMENT,
    T_AREA,
    T_CONCEPT,
    T_LOCATION,
    TOP_CONCEPT_OF,
    A,
    Entity,
    Lines,
    State,
    concept,
    lit,
)


def jurisdiction(j: int, seed: int, federal: dict[str, Entity]) -> Lines:
    """Every triple of synthetic jurisdiction j."""
    rng = random.Random(f"govgraph-synth:{seed}:{j}")  # str seeds hash the same in every run
    st = State(j, rng, Lines(), federal, dict(federal))
    write_report(st)
    bodies = write_bodies(st)
    write_groups(st)
    write_laws(st)
    write_councils(st)
    programs = write_programs(st)
    write_agreements(st)
    write_collaborations(st)
    write_mandates(st)
    write_findings(st, bodies, programs)
    write_jurisdiction(st)
    write_statistics(st, seed)  # last: a generator of its own, after every draw above
    return st.out


def write_jurisdiction(st: State) -> None:
    """The state's concept in the jurisdictions scheme (juris:syn-<j>), which gg:jurisdiction,
    eli:jurisdiction and dcterms:spatial name; as `govgraph workbook import` writes one."""
    iri, t = concept("juris", f"syn-{st.j}"), st.out.t
    for kind in (T_CONCEPT, T_AREA, T_LOCATION):
        t(iri, A, kind)
    t(iri, IN_SCHEME, JURISDICTIONS)
    t(iri, TOP_CONCEPT_OF, JURISDICTIONS)
    st.out.labels(iri, st.es, st.en)
    t(iri, LEVEL_OF_GOVERNMENT, concept("level", "estatal"))
    t(iri, DEFINITION, lit(f"Jurisdicción sintética {st.j} del generador de govgraph.", "es"))
    t(iri, DEFINITION, lit(f"Synthetic jurisdiction {st.j} of govgraph's generator.", "en"))
