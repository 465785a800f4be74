"""Synthetic graphs in the govgraph application profile, for scale tests and benchmarks.

``generate(n, out, seed=...)`` streams N-Triples for n synthetic jurisdictions written exactly as
docs/model.md says: the same classes, properties, public types (rule 5), IRI layout and
vocabulary concepts as the Zacatecas graph, so the bundled ontology, vocabularies, SHACL shapes,
SPARQL checks and every saved query work on the result.

* Jurisdiction j lives under ``https://w3id.org/govgraph/id/syn-<j>/`` (report/, body/, group/,
  council/, membership/, law/, program/, agreement/, collaboration/, mandate/, finding/), about
  2,600 triples: a report with chapters, sections x.1 / x.2 and footnotes, ~60 bodies, 11
  classes of actors, 8 councils with ~6 memberships each, 26 laws with 21 articles and
  fractions, ~15 programs, 5 agreements, 10 collaborations, 15 mandates and ~30 findings.
* A federal block under ``https://w3id.org/govgraph/id/syn-federal/`` (international and federal
  bodies, federal laws, a national council) is written once and shared: federal bodies sit on
  state councils, run state programs and sign state agreements, and the secretariat for migrants
  of every state sits on the national council, so interlocks and brokers cross jurisdictions.
* The names, relations and texts come from the templates in ``synth.toml``; a random generator
  seeded with (seed, j) picks among them. The bytes depend only on (jurisdictions, seed), and
  jurisdiction j does not depend on how many follow it.
* Lines are written directly, one jurisdiction at a time (no rdflib graph in memory).
  N-Triples is also valid Turtle: a path ending in ``.nt`` or ``.ttl`` gets the same bytes.

Synthetic state laws carry ``eli:jurisdiction juris:mx-zac``: the jurisdiction vocabulary (and
the shape that closes it) has no concept per synthetic state. Evidence quotes are synthetic text.
"""

from __future__ import annotations

import functools
import os
import random
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from govgraph.errors import GovgraphError
from govgraph.files import STDOUT, open_output
from govgraph.namespaces import PREFIXES

__all__ = [
    "FEDERAL",
    "SUFFIXES",
    "chunks",
    "example_values",
    "generate",
    "jurisdiction_base",
    "templates",
]

ID = "https://w3id.org/govgraph/id/"
FEDERAL = ID + "syn-federal/"
SUFFIXES = (".nt", ".ttl")
NATIONAL_COUNCIL = "conferencia-nacional-migracion"
HUB = "secretaria-migrante"  # the state body every query example can be run with

# --- Terms, in N-Triples form -------------------------------------------------------------------


def _term(prefix: str, local: str) -> str:
    return f"<{PREFIXES[prefix]}{local}>"


A = _term("rdf", "type")
PREF = _term("skos", "prefLabel")
ALT = _term("skos", "altLabel")
DESC = _term("dcterms", "description")
TITLE = _term("dcterms", "title")
SUBJECT = _term("dcterms", "subject")
SOURCE = _term("dcterms", "source")
PART_OF = _term("dcterms", "isPartOf")
CREATED = _term("dcterms", "created")
DATE = _term("dcterms", "date")
PUBLISHER = _term("dcterms", "publisher")
LANGUAGE = _term("dcterms", "language")
CLASSIFICATION = _term("org", "classification")
SUB_ORG = _term("org", "subOrganizationOf")
ORGANIZATION = _term("org", "organization")
MEMBER = _term("org", "member")
ROLE = _term("org", "role")
ELI_TITLE = _term("eli", "title")
ELI_TYPE_DOC = _term("eli", "type_document")
ELI_JURIS = _term("eli", "jurisdiction")
ELI_PART_OF = _term("eli", "is_part_of")
ELI_TYPE_SUB = _term("eli", "type_subdivision")
ELI_NUMBER = _term("eli", "number")
ELI_DESC = _term("eli", "description")
ELI_AMENDED_BY = _term("eli", "is_amended_by")
AUTHORITY = _term("cv", "hasCompetentAuthority")
LEGAL_RESOURCE = _term("cv", "hasLegalResource")
EVIDENCE = _term("gg", "evidence")
ORDER = _term("gg", "order")
SECTION_NUMBER = _term("gg", "sectionNumber")
ASSESSMENT = _term("gg", "assessment")
VOTING = _term("gg", "votingRight")
SEATS = _term("gg", "seatCount")
MEMBER_COUNT = _term("gg", "memberCount")
LEGAL_BASIS = _term("gg", "legalBasis")
ESTABLISHED_BY = _term("gg", "establishedBy")
MIN_SESSIONS = _term("gg", "minSessionsPerYear")
INSTALLED_ON = _term("gg", "installedOn")
YEAR = _term("gg", "year")
LAST_AMENDED = _term("gg", "lastAmended")
PARTNER = _term("gg", "partner")
TARGET = _term("gg", "targetPopulation")
PROGRAM = _term("gg", "program")
PARTY = _term("gg", "party")
PARTICIPANT = _term("gg", "participant")
PURPOSE = _term("gg", "purpose")
ASSIGNED_TO = _term("gg", "assignedTo")
FUNCTION = _term("gg", "function")
MENTIONS = _term("gg", "mentions")

T_ORG = _term("org", "Organization")
T_PUBLIC_ORG = _term("cv", "PublicOrganisation")
T_GROUP = _term("gg", "ActorGroup")
T_FOAF_GROUP = _term("foaf", "Group")
T_COUNCIL = _term("gg", "Council")
T_COLLAB_ORG = _term("org", "OrganizationalCollaboration")
T_MEMBERSHIP = _term("org", "Membership")
T_LAW = _term("eli", "LegalResource")
T_SUBDIVISION = _term("eli", "LegalResourceSubdivision")
T_PROGRAM = _term("gg", "Program")
T_SERVICE = _term("cpsv", "PublicService")
T_AGREEMENT = _term("gg", "Agreement")
T_COLLABORATION = _term("gg", "Collaboration")
T_MANDATE = _term("gg", "Mandate")
T_FINDING = _term("gg", "Finding")
T_REPORT = _term("gg", "Report")
T_SECTION = _term("gg", "ReportSection")

_XSD = PREFIXES["xsd"]
PUBLIC_SECTORS = frozenset(("publico", "legislativo", "judicial", "autonomo"))
ROLES = {
    "presidencia": ("Presidencia", "Chair"),
    "secretaria-ejecutiva": ("Secretaría Ejecutiva", "Executive secretary"),
    "secretaria-tecnica": ("Secretaría Técnica", "Technical secretary"),
    "vocal": ("Vocal", "Member (vocal)"),
    "integrante": ("Integrante", "Member"),
    "invitado-permanente": ("Invitado permanente", "Permanent invitee"),
    "invitado": ("Invitado", "Invitee"),
    "coordinacion": ("Coordinación", "Coordinator"),
}
DASH = " \u2013 "  # between the names of parties and participants in labels
WELL = _term("assess", "bien-desarrollado")
POTENTIAL = _term("assess", "potencial-desarrollo")
# The six MGI dimensions in chapter order: chapter x of every report is dimension x.
DIMENSIONS = (
    ("derechos-migrantes", "Derechos de las personas migrantes", "Migrants' rights"),
    ("gobierno-integral", "Enfoque de gobierno integral", "Whole-of-government approach"),
    ("alianzas", "Alianzas", "Partnerships"),
    ("bienestar-socioeconomico", "Bienestar socioeconómico", "Well-being of migrants"),
    ("movilidad-crisis", "Movilidad en situaciones de crisis", "Mobility dimensions of crises"),
    (
        "migracion-segura",
        "Migración segura, ordenada y regular",
        "Safe, orderly and regular migration",
    ),
)
DIM = {x: _term("migof", slug) for x, (slug, _, _) in enumerate(DIMENSIONS, start=1)}


def _lit(text: str, lang: str) -> str:
    """A language-tagged literal."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"@{lang}'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{_XSD}{datatype}>'


def _int(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def _plain(text: str) -> str:
    return f'"{text}"'


# --- Templates (synth.toml) ----------------------------------------------------------------------


class Body(NamedTuple):
    slug: str
    es: str
    en: str
    acronym: str | None
    level: str | None
    sector: str
    parent: str | None
    dims: tuple[int, ...]


class Group(NamedTuple):
    slug: str
    es: str
    en: str
    level: str | None
    sector: str
    members: tuple[int, int] | None  # member count range


class Law(NamedTuple):
    key: str
    es: str
    en: str
    doctype: str
    jurisdiction: str
    years: tuple[int, int]
    dims: tuple[int, ...]
    items: tuple[tuple[str, str], ...]  # (subdivision path, summary)


class Seat(NamedTuple):
    member: str
    role: str
    vote: str | None
    seats: tuple[int, int] | None
    basis: str | None


class Council(NamedTuple):
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
    slug: str
    parties: tuple[str, ...]
    es: str
    en: str
    purpose: str
    dims: tuple[int, ...]
    section: str


class Collaboration(NamedTuple):
    slug: str
    participants: tuple[str, ...]
    purpose: str
    program: str | None
    dims: tuple[int, ...]
    section: str


class Mandate(NamedTuple):
    agent: str
    basis: str
    function: str
    dims: tuple[int, ...]
    section: str


class Topic(NamedTuple):
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


def _value(raw: Any) -> Any:
    """TOML → template values: arrays become tuples, "" becomes None."""
    if isinstance(raw, list):
        return tuple(_value(item) for item in raw)
    return None if raw == "" else raw


@functools.cache
def templates() -> Templates:
    """The templates of synth.toml (read once)."""
    data = tomllib.loads((files("govgraph") / "synth.toml").read_text(encoding="utf-8"))
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
    )


# --- Subdivision labels --------------------------------------------------------------------------

_KINDS = {
    "art": ("articulo", "Artículo", "Article"),
    "frac": ("fraccion", "fracción", "section"),
    "apt": ("apartado", "apartado", "paragraph"),
    "sec": ("seccion", "sección", "section"),
    "meta": ("meta", "Meta", "Target"),
    "accion": ("accion", "Acción", "Action"),
}


@functools.cache
def _subdivision(path: str) -> tuple[str, str, str, str]:
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
    return number, _term("subdiv", kind), ", ".join(es), ", ".join(en)


# --- Writing -------------------------------------------------------------------------------------


class Entity(NamedTuple):
    """A written resource: IRI (in angle brackets), labels, and a short name (acronym)."""

    iri: str
    es: str
    en: str
    short: str


class _Lines:
    """N-Triples lines, one triple each."""

    __slots__ = ("add", "lines")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.add = self.lines.append

    def t(self, s: str, p: str, o: str) -> None:
        self.add(f"{s} {p} {o} .\n")

    def labels(self, s: str, es: str, en: str) -> None:
        self.add(f"{s} {PREF} {_lit(es, 'es')} .\n")
        self.add(f"{s} {PREF} {_lit(en, 'en')} .\n")


def _body(out: _Lines, body: Body, iri: str, parent: str | None, description: str) -> None:
    """An institution: public types when it is a public body with a level (rule 5)."""
    t = out.t
    t(iri, A, T_ORG)
    if body.sector in PUBLIC_SECTORS and body.level is not None:
        t(iri, A, T_PUBLIC_ORG)
    out.labels(iri, body.es, body.en)
    if body.acronym:
        t(iri, ALT, _lit(body.acronym, "es"))
    if body.level:
        t(iri, CLASSIFICATION, _term("level", body.level))
    t(iri, CLASSIFICATION, _term("sector", body.sector))
    if parent:
        t(iri, SUB_ORG, parent)
    t(iri, DESC, _lit(description, "es"))
    for d in body.dims:
        t(iri, SUBJECT, DIM[d])


def _law(
    out: _Lines, law: Law, iri: str, year: int, source: str, reg: dict[str, Entity], key: str
) -> None:
    """A legal resource and its subdivisions (registered as l:<key> and a:<key>/<path>)."""
    t = out.t
    reg[f"l:{key}"] = Entity(iri, law.es, law.en, law.es)
    t(iri, A, T_LAW)
    t(iri, ELI_TITLE, _lit(law.es, "es"))
    out.labels(iri, f"{law.es} ({year})", f"{law.en} ({year})")
    t(iri, ELI_TYPE_DOC, _term("doctype", law.doctype))
    t(iri, ELI_JURIS, _term("juris", law.jurisdiction))
    t(iri, YEAR, _typed(year, "gYear"))
    for d in law.dims:
        t(iri, SUBJECT, DIM[d])
    t(iri, SOURCE, source)
    base = iri[1:-1]
    for path, summary in law.items:
        number, kind, es, en = _subdivision(path)
        sub = f"<{base}/{path}>"
        t(sub, A, T_SUBDIVISION)
        t(sub, ELI_PART_OF, f"<{base}/{path.rsplit('/', 1)[0]}>" if "/" in path else iri)
        t(sub, ELI_TYPE_SUB, kind)
        t(sub, ELI_NUMBER, _plain(number))
        out.labels(sub, es, en)
        t(sub, ELI_DESC, _lit(summary, "es"))
        reg[f"a:{key}/{path}"] = Entity(sub, es, en, es)


def _membership(
    out: _Lines,
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
    t(iri, ROLE, _term("role", role))
    if vote:
        t(iri, VOTING, _term("vote", vote))
    if seats:
        t(iri, SEATS, _int(seats))
    if basis:
        t(iri, LEGAL_BASIS, basis)
    t(iri, SOURCE, source)
    places = f" con {seats} lugares" if seats else ""
    quote = f"{member.es} integra el {council.es}{places} con el cargo de {role_es}"
    t(iri, EVIDENCE, _lit(quote, "es"))


def _slug(iri: str) -> str:
    """The last path segment of an IRI in angle brackets."""
    return iri[iri.rindex("/") + 1 : -1]


def _federal() -> tuple[str, int, dict[str, Entity]]:
    """The shared federal block: its text, triple count and entities (f:, l:, a:, fc:)."""
    tpl = templates()
    out = _Lines()
    t = out.t
    reg: dict[str, Entity] = {}
    report = f"<{FEDERAL}report/marco-federal>"
    title = "Marco federal sintético de la gobernanza de la migración"
    t(report, A, T_REPORT)
    out.labels(report, title, "Synthetic federal framework of migration governance")
    t(report, TITLE, _lit(title, "es"))
    t(report, LANGUAGE, _plain("es"))
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
        t(iri, TITLE, _lit(es, "es"))
        t(iri, ORDER, _int(order))
    for body in tpl.federal_bodies:
        iri = f"<{FEDERAL}body/{body.slug}>"
        reg[f"f:{body.slug}"] = Entity(iri, body.es, body.en, body.acronym or body.es)
    for body in tpl.federal_bodies:
        parent = reg[f"f:{body.parent}"].iri if body.parent else None
        description = (
            f"Institución sintética de nivel {body.level} que participa en la gobernanza "
            "de la migración."
        )
        _body(out, body, reg[f"f:{body.slug}"].iri, parent, description)
    t(report, PUBLISHER, reg["f:oim"].iri)
    for law in tpl.federal_laws:
        _law(out, law, f"<{FEDERAL}law/{law.key}>", law.years[0], legal, reg, law.key)
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
    t(iri, ALT, _lit(council.short, "es"))
    t(iri, CLASSIFICATION, _term("level", "federal"))
    t(iri, ESTABLISHED_BY, reg["a:ley-migracion-2011/art-2"].iri)
    t(iri, MIN_SESSIONS, _int(2))
    description = (
        "Espacio sintético de coordinación entre la federación y las autoridades estatales "
        "de atención a migrantes."
    )
    t(iri, DESC, _lit(description, "es"))
    t(iri, SUBJECT, DIM[2])
    t(iri, SUBJECT, DIM[3])
    t(iri, SOURCE, coordination)
    for slug, role, vote in tpl.national_seats:
        seat = f"<{FEDERAL}membership/{NATIONAL_COUNCIL}-{slug}>"
        _membership(out, seat, council, reg[f"f:{slug}"], role, vote, None, None, coordination)
    return "".join(out.lines), len(out.lines), reg


@functools.cache
def _federal_block() -> tuple[str, int, dict[str, Entity]]:
    return _federal()


def jurisdiction_base(j: int) -> str:
    """The IRI namespace of synthetic jurisdiction j."""
    return f"{ID}syn-{j}/"


def _jurisdiction(j: int, seed: int, federal: dict[str, Entity]) -> _Lines:
    """Every triple of synthetic jurisdiction j."""
    tpl = templates()
    rng = random.Random(f"govgraph-synth:{seed}:{j}")  # str seeds hash the same in every run
    out = _Lines()
    t = out.t
    base = jurisdiction_base(j)
    state_es = f"Estado Sintético {j}"
    state_en = f"Synthetic State {j}"
    number = str(j)

    def fill(text: str) -> str:
        return text.replace("{E}", state_es).replace("{S}", state_en).replace("{j}", number)

    reg: dict[str, Entity] = dict(federal)

    # The report: summary, structure, chapters 1-6 with x.1 / x.2, sources, footnotes.
    report = f"<{base}report/igm-syn-{j}>"
    title = f"Indicadores de Gobernanza de la Migración a nivel local: {state_es}"
    t(report, A, T_REPORT)
    out.labels(report, title, f"Migration Governance Indicators, local profile: {state_en}")
    t(report, TITLE, _lit(title, "es"))
    t(report, PUBLISHER, federal["f:oim"].iri)
    t(report, LANGUAGE, _plain("es"))
    order = 0

    def section(slug: str, parent: str, es: str, en: str, label: str | None = None) -> str:
        nonlocal order
        order += 1
        iri = f"<{base}report/{slug}>"
        t(iri, A, T_SECTION)
        t(iri, PART_OF, parent)
        out.labels(iri, es, en)
        if label:
            t(iri, SECTION_NUMBER, _plain(label))
        t(iri, ORDER, _int(order))
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

    # Bodies: the state administration and autonomous bodies, municipalities, civil society,
    # academia, the diaspora.
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
        _body(out, b, iri, reg[f"b:{b.parent}"].iri if b.parent else None, description)
        if rng.random() < 0.25:
            t(iri, CREATED, _typed(rng.randint(1950, 2022), "gYear"))

    # Classes of actors.
    for g in tpl.groups:
        iri = f"<{base}group/{g.slug}>"
        es = fill(g.es)
        reg[f"g:{g.slug}"] = Entity(iri, es, fill(g.en), es)
        t(iri, A, T_GROUP)
        t(iri, A, T_FOAF_GROUP)
        out.labels(iri, es, fill(g.en))
        if g.level:
            t(iri, CLASSIFICATION, _term("level", g.level))
        t(iri, CLASSIFICATION, _term("sector", g.sector))
        description = f"Clase de actores que el informe sintético nombra sin enumerarlos: {es}."
        t(iri, DESC, _lit(description, "es"))
        if g.members:
            t(iri, MEMBER_COUNT, _int(rng.randint(*g.members)))

    # Laws, their articles and fractions; the organic law is amended by the creating decree.
    years: dict[str, int] = {}
    for law in tpl.state_laws:
        year = years[law.key] = rng.randint(*law.years)
        filled = law._replace(es=fill(law.es), en=fill(law.en))
        _law(out, filled, f"<{base}law/{law.key}-{year}>", year, sources, reg, law.key)
    organic, decree = "ley-organica-administracion-publica", "decreto-creacion-secretaria-migrante"
    t(reg[f"l:{organic}"].iri, ELI_AMENDED_BY, reg[f"l:{decree}"].iri)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    amended = f"{max(years[organic], years[decree])}-{month:02d}-{day:02d}"
    t(reg[f"l:{organic}"].iri, LAST_AMENDED, _typed(amended, "date"))

    # Councils, each with its first two seats and three to five more.
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
        if c.acronym:
            t(iri, ALT, _lit(council.short, "es"))
        t(iri, CLASSIFICATION, _term("level", "estatal"))
        if c.parent:
            t(iri, SUB_ORG, reg[f"c:{c.parent}"].iri)
        t(iri, ESTABLISHED_BY, reg[c.established].iri)
        for basis in c.bases:
            t(iri, LEGAL_BASIS, reg[basis].iri)
        t(iri, MIN_SESSIONS, _int(c.sessions or rng.randint(1, 4)))
        if rng.random() < 0.6:
            installed = f"{rng.randint(2010, 2023)}-{rng.randint(1, 12):02d}"
            t(iri, INSTALLED_ON, _typed(installed, "gYearMonth"))
        description = (
            f"Órgano colegiado sintético del {state_es} que coordina a sus integrantes "
            "en materia de migración."
        )
        t(iri, DESC, _lit(description, "es"))
        for d in c.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[c.section])
        t(iri, SOURCE, note)
        rest = c.seats[2:]
        picked = sorted(rng.sample(range(len(rest)), min(len(rest), rng.randint(3, 5))))
        for seat in (*c.seats[:2], *(rest[i] for i in picked)):
            member = reg[seat.member]
            _membership(
                out,
                f"<{base}membership/{c.slug}-{_slug(member.iri)}>",
                council,
                member,
                seat.role,
                seat.vote,
                rng.randint(*seat.seats) if seat.seats else None,
                reg[seat.basis].iri if seat.basis else None,
                note,
            )
    hub = reg[f"b:{HUB}"]
    _membership(
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

    # Programs: the optional ones half the time.
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
        t(iri, AUTHORITY, operator.iri)
        for partner in p.partners:
            t(iri, PARTNER, reg[partner].iri)
        if p.legal:
            t(iri, LEGAL_RESOURCE, reg[p.legal].iri)
        if p.parent:
            t(iri, PART_OF, reg[f"p:{p.parent}"].iri)
        if rng.random() < 0.7:
            t(iri, CREATED, _typed(rng.randint(2005, 2023), "gYear"))
        t(iri, TARGET, _lit(p.target, "es"))
        description = f"Programa sintético operado por {operator.short} para: {p.target.lower()}."
        t(iri, DESC, _lit(description, "es"))
        for d in p.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[p.section])
        t(iri, EVIDENCE, _lit(f"{operator.es} opera el {program.es}", "es"))

    # Agreements: the first one and four others.
    others = sorted(rng.sample(range(1, len(tpl.agreements)), 4))
    for a in (tpl.agreements[0], *(tpl.agreements[i] for i in others)):
        year = rng.randint(2015, 2023)
        iri = f"<{base}agreement/{a.slug}-{year}>"
        parties = [reg[p] for p in a.parties]
        names = DASH.join(p.short for p in parties)
        t(iri, A, T_AGREEMENT)
        out.labels(iri, f"{a.es}: {names} ({year})", f"{a.en}: {names} ({year})")
        t(iri, TITLE, _lit(a.es, "es"))
        for party in parties:
            t(iri, PARTY, party.iri)
        t(iri, DATE, _typed(f"{year}-{rng.randint(1, 12):02d}", "gYearMonth"))
        t(iri, PURPOSE, _lit(a.purpose, "es"))
        for d in a.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[a.section])
        quote = f"En {year}, {parties[0].es} firmó un {a.es.lower()} con {parties[1].es}"
        t(iri, EVIDENCE, _lit(quote, "es"))

    # Collaborations: the first one and nine others.
    others = sorted(rng.sample(range(1, len(tpl.collaborations)), 9))
    for co in (tpl.collaborations[0], *(tpl.collaborations[i] for i in others)):
        iri = f"<{base}collaboration/{co.slug}>"
        participants = [reg[p] for p in co.participants]
        names = DASH.join(p.short for p in participants)
        t(iri, A, T_COLLABORATION)
        out.labels(iri, names, f"{names} (collaboration)")
        for participant in participants:
            t(iri, PARTICIPANT, participant.iri)
        t(iri, PURPOSE, _lit(co.purpose, "es"))
        if co.program and f"p:{co.program}" in reg:
            t(iri, PROGRAM, reg[f"p:{co.program}"].iri)
        if rng.random() < 0.5:
            t(iri, DATE, _typed(rng.randint(2015, 2023), "gYear"))
        for d in co.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[co.section])
        purpose = co.purpose[0].lower() + co.purpose[1:-1]
        quote = f"{participants[0].es} colabora con {participants[1].es}: {purpose}"
        t(iri, EVIDENCE, _lit(quote, "es"))

    # Mandates: fifteen of the templates.
    for i in sorted(rng.sample(range(len(tpl.mandates)), 15)):
        m = tpl.mandates[i]
        agent, article = reg[m.agent], reg[m.basis]
        statute = reg["l:" + m.basis[2:].split("/", 1)[0]]
        path = m.basis.split("/", 1)[1].replace("/", "-")
        iri = f"<{base}mandate/{_slug(agent.iri)}-{path}>"
        function = m.function[0].lower() + m.function[1:-1]
        t(iri, A, T_MANDATE)
        out.labels(
            iri,
            f"{agent.short}: {function} ({article.es})",
            f"{agent.short}: mandate ({article.en})",
        )
        t(iri, ASSIGNED_TO, agent.iri)
        t(iri, LEGAL_BASIS, article.iri)
        t(iri, FUNCTION, _lit(m.function, "es"))
        for d in m.dims:
            t(iri, SUBJECT, DIM[d])
        t(iri, SOURCE, sec[m.section])
        t(
            iri,
            EVIDENCE,
            _lit(f"{statute.es}, {article.es}: corresponde a {agent.es} {function}", "es"),
        )

    # Findings: two or three per section x.1 / x.2, mentioning what the dimension involves.
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
                t(iri, DESC, _lit(es, "es"))
                t(iri, DESC, _lit(en, "en"))
                t(iri, SOURCE, sec[f"{x}-{y}"])
                quote = f"En el {state_es}, {topic.es[0].lower()}{topic.es[1:]} involucra a {names}"
                t(iri, EVIDENCE, _lit(quote, "es"))
                t(iri, ORDER, _int(position))
    return out


def chunks(jurisdictions: int, seed: int = 0) -> Iterator[tuple[str, int]]:
    """The graph as N-Triples text with triple counts: the federal block, then each state."""
    if jurisdictions < 0:
        raise GovgraphError(f"the number of jurisdictions must be 0 or more, not {jurisdictions}")
    text, count, federal = _federal_block()
    yield text, count
    for j in range(1, jurisdictions + 1):
        lines = _jurisdiction(j, seed, federal).lines
        yield "".join(lines), len(lines)


def generate(jurisdictions: int, out: Path | str | TextIO, *, seed: int = 0) -> int:
    """Write a synthetic graph of `jurisdictions` states as N-Triples; return the triple count.

    out is a path ending in ``.nt`` or ``.ttl`` (N-Triples is valid Turtle), ``-`` for standard
    output, or an open text stream. A path is written as govgraph.files writes one: streamed
    into a temporary file beside it and renamed at the end, so a failure (a full disk) leaves
    no partial file; a FIFO or a device is written into. The output depends only on
    (jurisdictions, seed).
    """
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        if os.fspath(out) != STDOUT and path.suffix not in SUFFIXES:
            raise GovgraphError(
                f"cannot write {path}: give a file name ending in {' or '.join(SUFFIXES)}"
            )
        with open_output(out) as stream:
            return _write(jurisdictions, lambda text: stream.write(text.encode("utf-8")), seed)
    return _write(jurisdictions, out.write, seed)


def _write(jurisdictions: int, write: Callable[[str], object], seed: int) -> int:
    write(
        "# govgraph synthetic graph (N-Triples, also valid Turtle): "
        f"{jurisdictions} jurisdictions, seed {seed}\n"
    )
    total = 0
    for text, count in chunks(jurisdictions, seed):
        write(text)
        total += count
    return total


def example_values(jurisdiction: int = 1) -> dict[str, str]:
    """Values for the saved queries' parameters that give rows on any synthetic graph.

    Keyed by parameter name (council, body, law, dimension, label, min); entities are full IRIs.
    The body is the state's secretariat for migrants: it presides councils, runs programs, and
    is party to an agreement and a collaboration in every jurisdiction.
    """
    base = jurisdiction_base(jurisdiction)
    return {
        "council": f"{base}council/consejo-interinstitucional",
        "body": f"{base}body/{HUB}",
        "law": f"{FEDERAL}law/ley-migracion-2011",
        "dimension": DIM[3][1:-1],
        "label": f"SEMIG{jurisdiction}",
        "min": "2",
    }
