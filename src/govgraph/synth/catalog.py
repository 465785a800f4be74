"""The templates of the synthetic graphs (synth.toml, package data of govgraph.synth), typed."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, NamedTuple


class Body(NamedTuple):
    """An institution of synth.toml."""

    slug: str
    es: str
    en: str
    acronym: str | None
    level: str | None
    sector: str
    parent: str | None
    dims: tuple[int, ...]


class Group(NamedTuple):
    """A class of actors."""

    slug: str
    es: str
    en: str
    level: str | None
    sector: str
    members: tuple[int, int] | None  # member count range


class Law(NamedTuple):
    """A law with its articles and fractions."""

    key: str
    es: str
    en: str
    doctype: str
    jurisdiction: str
    years: tuple[int, int]
    dims: tuple[int, ...]
    items: tuple[tuple[str, str], ...]  # (subdivision path, summary)


class Seat(NamedTuple):
    """A seat on a council."""

    member: str
    role: str
    vote: str | None
    seats: tuple[int, int] | None
    basis: str | None


class Council(NamedTuple):
    """A council with its seats."""

    slug: str
    es: str
    en: str
    acronym: str | None
    established: str
    bases: tuple[str, ...]
    sessions: int | None
    section: str
    dims: tuple[int, ...]
    parent: str | None
    seats: tuple[Seat, ...]


class Program(NamedTuple):
    """A program with its operator and partners."""

    slug: str
    es: str
    en: str
    operator: str
    partners: tuple[str, ...]
    legal: str | None
    dims: tuple[int, ...]
    section: str
    target: str
    parent: str | None
    optional: bool


class Agreement(NamedTuple):
    """An agreement between parties."""

    slug: str
    parties: tuple[str, ...]
    es: str
    en: str
    purpose: str
    dims: tuple[int, ...]
    section: str


class Collaboration(NamedTuple):
    """A collaboration between participants."""

    slug: str
    participants: tuple[str, ...]
    purpose: str
    program: str | None
    dims: tuple[int, ...]
    section: str


class Mandate(NamedTuple):
    """A function that an article assigns to an actor."""

    agent: str
    basis: str
    function: str
    dims: tuple[int, ...]
    section: str


class Topic(NamedTuple):
    """The topic of a finding."""

    slug: str
    es: str
    en: str


@dataclass(frozen=True)
class Templates:
    """The rows of synth.toml, typed."""

    federal_bodies: tuple[Body, ...]
    federal_laws: tuple[Law, ...]
    national_seats: tuple[tuple[str, str, str], ...]
    state_bodies: tuple[Body, ...]
    towns: tuple[str, ...]
    shelters: tuple[str, ...]
    cities: tuple[str, ...]
    groups: tuple[Group, ...]
    state_laws: tuple[Law, ...]
    councils: tuple[Council, ...]
    programs: tuple[Program, ...]
    agreements: tuple[Agreement, ...]
    collaborations: tuple[Collaboration, ...]
    mandates: tuple[Mandate, ...]
    topics: tuple[tuple[Topic, ...], ...]  # per dimension, 1-6
    statistics_notes: tuple[tuple[str, str], ...]  # (key, citation) of the statistics' notes
    statistics_quotes: dict[str, str]  # the quotes of the statistics by key


def _value(raw: Any) -> Any:
    """TOML → template values: arrays become tuples, "" becomes None."""
    if isinstance(raw, list):
        return tuple(_value(item) for item in raw)
    return None if raw == "" else raw


@functools.cache
def templates() -> Templates:
    """The templates of synth.toml (read once)."""
    data = tomllib.loads((files("govgraph.synth") / "synth.toml").read_text(encoding="utf-8"))
    rows = {key: _value(value) for key, value in data.items()}
    return Templates(
        federal_bodies=tuple(Body(*r) for r in rows["federal_bodies"]),
        federal_laws=tuple(Law(*r) for r in rows["federal_laws"]),
        national_seats=rows["national_seats"],
        state_bodies=tuple(Body(*r) for r in rows["state_bodies"]),
        towns=rows["towns"],
        shelters=rows["shelters"],
        cities=rows["cities"],
        groups=tuple(Group(*r) for r in rows["groups"]),
        state_laws=tuple(Law(*r) for r in rows["state_laws"]),
        councils=tuple(
            Council._make((*r[:-1], tuple(Seat(*s) for s in r[-1]))) for r in rows["councils"]
        ),
        programs=tuple(Program(*r) for r in rows["programs"]),
        agreements=tuple(Agreement(*r) for r in rows["agreements"]),
        collaborations=tuple(Collaboration(*r) for r in rows["collaborations"]),
        mandates=tuple(Mandate(*r) for r in rows["mandates"]),
        topics=tuple(tuple(Topic(*t) for t in dim) for dim in rows["topics"]),
        statistics_notes=rows["statistics_notes"],
        statistics_quotes=dict(rows["statistics_quotes"]),
    )
