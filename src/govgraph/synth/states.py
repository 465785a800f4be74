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
from govgraph.synth.writer import Entity, Lines, State


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
    return st.out
