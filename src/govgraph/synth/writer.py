"""How the synthetic graph is written: its terms in N-Triples form, literals, lines and state."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import NamedTuple

from govgraph.namespaces import EU_LANGUAGES, PREFIXES, T

ID = "https://w3id.org/govgraph/id/"
# The shared levels, as the bundled data has them (docs/model.md, "Jurisdictions"): every
# synthetic state names the same federal and international entities, as real profiles do.
FEDERAL = ID + "mx/"
INTERNATIONAL = ID + "int/"
NATIONAL_COUNCIL = "conferencia-nacional-migracion"
HUB = "secretaria-migrante"  # the state body every query example can be run with

# --- Terms, in N-Triples form (from the table of govgraph.namespaces) ---------------------------


def _nt(iri: str) -> str:
    return f"<{iri}>"


def concept(prefix: str, local: str) -> str:
    """The IRI of prefix:local in angle brackets (a vocabulary concept, a dimension)."""
    return f"<{PREFIXES[prefix]}{local}>"


A = _nt(T.rdf_type)
PREF = _nt(T.skos_prefLabel)
ALT = _nt(T.skos_altLabel)
DESC = _nt(T.dcterms_description)
TITLE = _nt(T.dcterms_title)
IDENTIFIER = _nt(T.dcterms_identifier)
SPATIAL = _nt(T.dcterms_spatial)
SUBJECT = _nt(T.dcterms_subject)
SOURCE = _nt(T.dcterms_source)
PART_OF = _nt(T.dcterms_isPartOf)
CREATED = _nt(T.dcterms_created)
DATE = _nt(T.dcterms_date)
PUBLISHER = _nt(T.dcterms_publisher)
LANGUAGE = _nt(T.dcterms_language)
CLASSIFICATION = _nt(T.org_classification)
GROUP_CLASSIFICATION = _nt(T.gg_classification)
SUB_ORG = _nt(T.org_subOrganizationOf)
ORGANIZATION = _nt(T.org_organization)
MEMBER = _nt(T.org_member)
ROLE = _nt(T.org_role)
ELI_TITLE = _nt(T.eli_title)
ELI_REALIZED_BY = _nt(T.eli_is_realized_by)
ELI_REALIZES = _nt(T.eli_realizes)
ELI_LANGUAGE = _nt(T.eli_language)
SPANISH = _nt(EU_LANGUAGES["es"])
ELI_TYPE_DOC = _nt(T.eli_type_document)
ELI_JURIS = _nt(T.eli_jurisdiction)
ELI_PART_OF = _nt(T.eli_is_part_of)
ELI_TYPE_SUB = _nt(T.eli_type_subdivision)
ELI_NUMBER = _nt(T.eli_number)
ELI_DESC = _nt(T.eli_description)
ELI_AMENDED_BY = _nt(T.eli_amended_by)
AUTHORITY = _nt(T.cv_hasCompetentAuthority)
LEGAL_RESOURCE = _nt(T.cv_hasLegalResource)
RELATED_SERVICE = _nt(T.cv_relatedService)
PART_OF_PROGRAM = _nt(T.gg_partOfProgram)
EVIDENCE = _nt(T.gg_evidence)
ORDER = _nt(T.gg_order)
SECTION_NUMBER = _nt(T.gg_sectionNumber)
ASSESSMENT = _nt(T.gg_assessment)
VOTING = _nt(T.gg_votingRight)
SEATS = _nt(T.gg_seatCount)
MEMBER_COUNT = _nt(T.gg_memberCount)
LEGAL_BASIS = _nt(T.gg_legalBasis)
ESTABLISHED_BY = _nt(T.gg_establishedBy)
MIN_SESSIONS = _nt(T.gg_minSessionsPerYear)
INSTALLED_ON = _nt(T.gg_installedOn)
YEAR = _nt(T.gg_year)
LAST_AMENDED = _nt(T.gg_lastAmended)
PARTNER = _nt(T.gg_partner)
TARGET = _nt(T.gg_targetPopulation)
PROGRAM = _nt(T.gg_program)
PARTY = _nt(T.gg_party)
PARTICIPANT = _nt(T.gg_participant)
PURPOSE = _nt(T.gg_purpose)
ASSIGNED_TO = _nt(T.gg_assignedTo)
FUNCTION = _nt(T.gg_function)
MENTIONS = _nt(T.gg_mentions)

T_ORG = _nt(T.org_Organization)
T_PUBLIC_ORG = _nt(T.cv_PublicOrganisation)
T_GROUP = _nt(T.gg_ActorGroup)
T_FOAF_GROUP = _nt(T.foaf_Group)
T_COUNCIL = _nt(T.gg_Council)
T_COLLAB_ORG = _nt(T.org_OrganizationalCollaboration)
T_MEMBERSHIP = _nt(T.org_Membership)
T_LAW = _nt(T.eli_LegalResource)
T_SUBDIVISION = _nt(T.eli_LegalResourceSubdivision)
T_EXPRESSION = _nt(T.eli_LegalExpression)
T_PROGRAM = _nt(T.gg_Program)
T_SERVICE = _nt(T.cpsv_PublicService)
T_AGREEMENT = _nt(T.gg_Agreement)
T_COLLABORATION = _nt(T.gg_Collaboration)
T_MANDATE = _nt(T.gg_Mandate)
T_FINDING = _nt(T.gg_Finding)
T_REPORT = _nt(T.gg_Report)
T_SECTION = _nt(T.gg_ReportSection)

_XSD = PREFIXES["xsd"]
PUBLIC_SECTORS = frozenset(("publico", "legislativo", "judicial", "autonomo"))
JURISDICTION = _nt(T.gg_jurisdiction)
T_CONCEPT = _nt(PREFIXES["skos"] + "Concept")
T_AREA = _nt(PREFIXES["eli"] + "AdministrativeArea")
T_LOCATION = _nt(PREFIXES["dcterms"] + "Location")
IN_SCHEME = _nt(T.skos_inScheme)
TOP_CONCEPT_OF = _nt(T.skos_topConceptOf)
DEFINITION = _nt(PREFIXES["skos"] + "definition")
LEVEL_OF_GOVERNMENT = _nt(PREFIXES["gg"] + "levelOfGovernment")
JURISDICTIONS = concept("juris", "jurisdicciones")


def jurisdiction_of(iri: str) -> str:
    """The concept (in angle brackets) of the jurisdiction an IRI under id/ lives in: its
    first path segment (syn-3, mx, int). The area of a public body (dcterms:spatial), the
    jurisdiction of a law (eli:jurisdiction) and of every entity (gg:jurisdiction)."""
    return concept("juris", iri[1 + len(ID) :].split("/", 1)[0])


def shared_base(level: str | None) -> str:
    """The IRI namespace of a shared entity of this level of government."""
    return INTERNATIONAL if level == "internacional" else FEDERAL


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
WELL = _nt(T.assess_bien_desarrollado)
POTENTIAL = _nt(T.assess_potencial_desarrollo)
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
DIM = {x: concept("migof", slug) for x, (slug, _, _) in enumerate(DIMENSIONS, start=1)}


def lit(text: str, lang: str) -> str:
    """A language-tagged literal (inline: ~130,000 calls per 100 states)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return f"{quoted(text)}@{lang}"
    return f'"{text}"@{lang}'


def quoted(text: str) -> str:
    """A string in double quotes, escaped as N-Triples asks (a plain literal's form)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


def typed(value: object, datatype: str) -> str:
    """A literal of an XSD datatype."""
    return f'"{value}"^^<{_XSD}{datatype}>'


def integer(value: int) -> str:
    """An xsd:integer literal."""
    return f'"{value}"^^<{_XSD}integer>'


def plain(text: str) -> str:
    """A plain string literal (the text must need no escaping)."""
    return f'"{text}"'


class Entity(NamedTuple):
    """A written resource: IRI (in angle brackets), labels, and a short name (acronym)."""

    iri: str
    es: str
    en: str
    short: str


class Lines:
    """N-Triples lines, one triple each. An entity under id/ gets its gg:jurisdiction (the
    jurisdiction its IRI names) after its first rdf:type."""

    __slots__ = ("add", "lines", "placed")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.add = self.lines.append
        self.placed: set[str] = set()

    def t(self, s: str, p: str, o: str) -> None:
        """Add the triple s p o."""
        self.add(f"{s} {p} {o} .\n")
        if p == A and s not in self.placed and s.startswith(_ENTITY):
            self.placed.add(s)
            self.add(f"{s} {JURISDICTION} {jurisdiction_of(s)} .\n")

    def labels(self, s: str, es: str, en: str) -> None:
        """Add the Spanish and English skos:prefLabel of s."""
        self.add(f"{s} {PREF} {lit(es, 'es')} .\n")
        self.add(f"{s} {PREF} {lit(en, 'en')} .\n")

    def named(self, s: str, es: str) -> None:
        """Add what CPSV-AP asks of an agent or a service: its dcterms:identifier (the IRI's path
        after /id/) and its dcterms:title (the Spanish name)."""
        self.add(f'{s} {IDENTIFIER} "{s[1 + len(ID) : -1]}" .\n')
        self.add(f"{s} {TITLE} {lit(es, 'es')} .\n")


_ENTITY = "<" + ID


def jurisdiction_base(j: int) -> str:
    """The IRI namespace of synthetic jurisdiction j."""
    return f"{ID}syn-{j}/"


@dataclass
class State:
    """One synthetic jurisdiction being written: its generator, lines and entities so far."""

    j: int
    rng: random.Random
    out: Lines
    federal: dict[str, Entity]
    reg: dict[str, Entity]
    sec: dict[str, str] = field(default_factory=dict)  # report sections x.1 / x.2 by "x-y"
    sources: str = ""  # the section "Main sources"
    footnotes: list[str] = field(default_factory=list)  # one per council template
    order: int = 0  # the gg:order of the report's last section so far
    towns: list[str] = field(default_factory=list)  # the towns of municipio-1, municipio-2...

    @property
    def base(self) -> str:
        """The IRI namespace of the jurisdiction."""
        return jurisdiction_base(self.j)

    @property
    def es(self) -> str:
        """The Spanish name of the state."""
        return f"Estado Sintético {self.j}"

    @property
    def en(self) -> str:
        """The English name of the state."""
        return f"Synthetic State {self.j}"

    def fill(self, text: str) -> str:
        """A template text with the state's names and number in place of {E}, {S} and {j}."""
        return text.replace("{E}", self.es).replace("{S}", self.en).replace("{j}", str(self.j))
