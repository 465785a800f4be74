"""The one prefix table of govgraph (the block in docs/model.md) and CURIE helpers."""

from __future__ import annotations

import re
from collections.abc import Collection

from govgraph.errors import ResolveError

# The languages of the labels, queries, views and pages: the first is the default.
LANGS: tuple[str, ...] = ("es", "en")

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "cv": "http://data.europa.eu/m8g/",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "sh": "http://www.w3.org/ns/shacl#",
    "gg": "https://w3id.org/govgraph/ontology#",
    "migof": "https://w3id.org/govgraph/vocab/migof/",
    "level": "https://w3id.org/govgraph/vocab/level/",
    "sector": "https://w3id.org/govgraph/vocab/sector/",
    "role": "https://w3id.org/govgraph/vocab/role/",
    "vote": "https://w3id.org/govgraph/vocab/vote/",
    "doctype": "https://w3id.org/govgraph/vocab/doctype/",
    "subdiv": "https://w3id.org/govgraph/vocab/subdivision/",
    "assess": "https://w3id.org/govgraph/vocab/assessment/",
    "juris": "https://w3id.org/govgraph/vocab/jurisdiction/",
    "bodytype": "https://w3id.org/govgraph/vocab/body-type/",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-code": "http://purl.org/linked-data/sdmx/2009/code#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "country": "https://w3id.org/govgraph/vocab/country/",
    "cause": "https://w3id.org/govgraph/vocab/emigration-cause/",
    "unit": "https://w3id.org/govgraph/vocab/unit/",
    "period": "https://w3id.org/govgraph/vocab/period/",
    "report": "https://w3id.org/govgraph/id/mx-zac/report/",
    "body": "https://w3id.org/govgraph/id/mx-zac/body/",
    "group": "https://w3id.org/govgraph/id/mx-zac/group/",
    "council": "https://w3id.org/govgraph/id/mx-zac/council/",
    "seat": "https://w3id.org/govgraph/id/mx-zac/membership/",
    "law": "https://w3id.org/govgraph/id/mx-zac/law/",
    "program": "https://w3id.org/govgraph/id/mx-zac/program/",
    "agreement": "https://w3id.org/govgraph/id/mx-zac/agreement/",
    "collab": "https://w3id.org/govgraph/id/mx-zac/collaboration/",
    "mandate": "https://w3id.org/govgraph/id/mx-zac/mandate/",
    "finding": "https://w3id.org/govgraph/id/mx-zac/finding/",
    "funding": "https://w3id.org/govgraph/id/mx-zac/funding/",
    "post": "https://w3id.org/govgraph/id/mx-zac/post/",
    "site": "https://w3id.org/govgraph/id/mx-zac/site/",
    "area": "https://w3id.org/govgraph/id/mx-zac/area/",
    "obs": "https://w3id.org/govgraph/id/mx-zac/observation/",
    # The shared levels (docs/model.md, "Jurisdictions"): what exists beyond one state has an
    # IRI of its own level, used by every profile that mentions it.
    "mx-body": "https://w3id.org/govgraph/id/mx/body/",
    "mx-council": "https://w3id.org/govgraph/id/mx/council/",
    "mx-law": "https://w3id.org/govgraph/id/mx/law/",
    "mx-program": "https://w3id.org/govgraph/id/mx/program/",
    "mx-funding": "https://w3id.org/govgraph/id/mx/funding/",
    "mx-dataset": "https://w3id.org/govgraph/id/mx/dataset/",
    "int-body": "https://w3id.org/govgraph/id/int/body/",
    "int-law": "https://w3id.org/govgraph/id/int/law/",
    "int-program": "https://w3id.org/govgraph/id/int/program/",
}


def _term(prefix: str, local: str) -> str:
    """The full IRI of prefix:local (the prefix must be in PREFIXES)."""
    return PREFIXES[prefix] + local


class T:
    """The vocabulary terms govgraph writes and reads, as full IRIs, named prefix_local like the
    CURIE (T.skos_prefLabel is skos:prefLabel; T.org_Organization is the class, org_organization
    the property)."""

    rdf_type = _term("rdf", "type")
    rdfs_label = _term("rdfs", "label")
    owl_Ontology = _term("owl", "Ontology")
    skos_prefLabel = _term("skos", "prefLabel")
    skos_altLabel = _term("skos", "altLabel")
    skos_hiddenLabel = _term("skos", "hiddenLabel")
    skos_editorialNote = _term("skos", "editorialNote")
    skos_inScheme = _term("skos", "inScheme")
    skos_topConceptOf = _term("skos", "topConceptOf")
    skos_broader = _term("skos", "broader")
    skos_ConceptScheme = _term("skos", "ConceptScheme")
    dcterms_description = _term("dcterms", "description")
    dcterms_title = _term("dcterms", "title")
    dcterms_identifier = _term("dcterms", "identifier")
    dcterms_spatial = _term("dcterms", "spatial")
    dcterms_subject = _term("dcterms", "subject")
    dcterms_source = _term("dcterms", "source")
    dcterms_isPartOf = _term("dcterms", "isPartOf")
    dcterms_created = _term("dcterms", "created")
    dcterms_date = _term("dcterms", "date")
    dcterms_publisher = _term("dcterms", "publisher")
    dcterms_language = _term("dcterms", "language")
    foaf_Group = _term("foaf", "Group")
    org_Organization = _term("org", "Organization")
    org_OrganizationalCollaboration = _term("org", "OrganizationalCollaboration")
    org_Membership = _term("org", "Membership")
    org_classification = _term("org", "classification")
    org_subOrganizationOf = _term("org", "subOrganizationOf")
    org_organization = _term("org", "organization")
    org_member = _term("org", "member")
    org_role = _term("org", "role")
    eli_LegalResource = _term("eli", "LegalResource")
    eli_LegalResourceSubdivision = _term("eli", "LegalResourceSubdivision")
    eli_LegalExpression = _term("eli", "LegalExpression")
    eli_is_realized_by = _term("eli", "is_realized_by")
    eli_realizes = _term("eli", "realizes")
    eli_language = _term("eli", "language")
    eli_title = _term("eli", "title")
    eli_type_document = _term("eli", "type_document")
    eli_jurisdiction = _term("eli", "jurisdiction")
    eli_is_part_of = _term("eli", "is_part_of")
    eli_type_subdivision = _term("eli", "type_subdivision")
    eli_number = _term("eli", "number")
    eli_description = _term("eli", "description")
    eli_amended_by = _term("eli", "amended_by")
    cv_PublicOrganisation = _term("cv", "PublicOrganisation")
    cv_hasCompetentAuthority = _term("cv", "hasCompetentAuthority")
    cv_hasLegalResource = _term("cv", "hasLegalResource")
    cv_hasParticipation = _term("cv", "hasParticipation")
    cv_Participation = _term("cv", "Participation")
    cv_hasParticipant = _term("cv", "hasParticipant")
    cv_role = _term("cv", "role")
    cv_relatedService = _term("cv", "relatedService")
    cpsv_PublicService = _term("cpsv", "PublicService")
    gg_ActorGroup = _term("gg", "ActorGroup")
    gg_Council = _term("gg", "Council")
    gg_Program = _term("gg", "Program")
    gg_Agreement = _term("gg", "Agreement")
    gg_Collaboration = _term("gg", "Collaboration")
    gg_Mandate = _term("gg", "Mandate")
    gg_Finding = _term("gg", "Finding")
    gg_Report = _term("gg", "Report")
    gg_ReportSection = _term("gg", "ReportSection")
    gg_evidence = _term("gg", "evidence")
    gg_order = _term("gg", "order")
    gg_sectionNumber = _term("gg", "sectionNumber")
    gg_assessment = _term("gg", "assessment")
    gg_votingRight = _term("gg", "votingRight")
    gg_seatCount = _term("gg", "seatCount")
    gg_memberCount = _term("gg", "memberCount")
    gg_legalBasis = _term("gg", "legalBasis")
    gg_establishedBy = _term("gg", "establishedBy")
    gg_minSessionsPerYear = _term("gg", "minSessionsPerYear")
    gg_installedOn = _term("gg", "installedOn")
    gg_year = _term("gg", "year")
    gg_lastAmended = _term("gg", "lastAmended")
    gg_partner = _term("gg", "partner")
    gg_partOfProgram = _term("gg", "partOfProgram")
    gg_classification = _term("gg", "classification")
    gg_targetPopulation = _term("gg", "targetPopulation")
    gg_program = _term("gg", "program")
    gg_party = _term("gg", "party")
    gg_participant = _term("gg", "participant")
    gg_purpose = _term("gg", "purpose")
    gg_assignedTo = _term("gg", "assignedTo")
    gg_function = _term("gg", "function")
    gg_mentions = _term("gg", "mentions")
    gg_jurisdiction = _term("gg", "jurisdiction")
    owl_sameAs = _term("owl", "sameAs")
    migof_dimensiones = _term("migof", "dimensiones")
    assess_bien_desarrollado = _term("assess", "bien-desarrollado")
    assess_potencial_desarrollo = _term("assess", "potencial-desarrollo")


# The language of a law's expression (eli:language): the EU Publications Office's authority
# table, one IRI per language of LANGS; the expression's IRI is the law's plus "/" and the
# lowercased code (law/ley-x/spa), as ELI's URI templates end with the language.
EU_LANGUAGES: dict[str, str] = {
    "es": "http://publications.europa.eu/resource/authority/language/SPA",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}

# Instances live under ID_BASE + "<jurisdiction>/<kind>/<slug>" (mx-zac/body/sezami,
# mx/body/inm, int/body/oim); the jurisdiction's concept is juris:<jurisdiction>.
ID_BASE = "https://w3id.org/govgraph/id/"
# The named graphs of a published graph (N-Quads export, `govgraph serve`, `govgraph push`):
# the ontology and vocabularies in one, each jurisdiction's data folder (data/ttl/<id>/) in
# GRAPH_BASE + "<id>", data files outside such a folder in DEFAULT_DATA_GRAPH (govgraph.load).
GRAPH_BASE = "https://w3id.org/govgraph/graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
DEFAULT_DATA_GRAPH = GRAPH_BASE + "data"
DATA_GRAPH = GRAPH_BASE + "mx-zac"  # the Zacatecas profile's graph
# A jurisdiction's identifier: "int", a country (ISO 3166-1 alpha-2, lower case: "mx"), or a
# subdivision of one (ISO 3166-2, lower case: "mx-zac"). A data folder with such a name is
# that jurisdiction's (govgraph.load); "syn-<n>" names a synthetic state (govgraph.synth).
JURISDICTION_ID = re.compile(r"^(?:int|[a-z]{2}(?:-[a-z0-9]{1,3})?|syn-[0-9]{1,6})$")


def data_graph(jurisdiction: str) -> str:
    """The named graph of a jurisdiction's data (its identifier: mx-zac, mx, int)."""
    return GRAPH_BASE + jurisdiction


# Where the JSON-LD context (ontology/context.jsonld) is to be published.
CONTEXT_IRI = "https://w3id.org/govgraph/context.jsonld"

# The local part of a CURIE as people read and type it: PN_LOCAL characters plus "/", so
# an article reads law:ley-x/art-14/frac-vi. For display and input only: Turtle and SPARQL
# files write such IRIs in full (docs/model.md rule 7).
_LOCAL = re.compile(r"^(?:[\w:](?:[\w.:/-]*[\w:/-])?)?$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def sparql_prefixes(exclude: Collection[str] = ()) -> str:
    """Return the prefix table as SPARQL PREFIX lines, leaving out the prefixes in exclude."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in exclude)


def turtle_prefixes() -> str:
    """Return the prefix table as Turtle @prefix lines, aligned as in docs/model.md."""
    return "".join(f"@prefix {(p + ':').ljust(8)} <{iri}> .\n" for p, iri in PREFIXES.items())


# The kind of an entity IRI, id/<jurisdiction>/<kind>/<slug>: a derived prefix's last part.
_KIND = re.compile(r"^[a-z]+$")


def _derived(prefix: str) -> str | None:
    """The namespace of a prefix derived from a jurisdiction and a kind, as the shared levels'
    are named (mx-body: is id/mx/body/; so mx-gua-body: is id/mx-gua/body/), else None."""
    jurisdiction, sep, kind = prefix.rpartition("-")
    if sep and JURISDICTION_ID.match(jurisdiction) and _KIND.match(kind):
        return f"{ID_BASE}{jurisdiction}/{kind}/"
    return None


def curie(iri: str) -> str:
    """Shorten an IRI with the longest matching namespace, or return it as <iri>.

    An entity IRI of a profile without prefixes of its own (id/mx-gua/body/x) gets a derived
    one (mx-gua-body:x), which expand reads back; for display and input, never in files.
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    jurisdiction, _, rest = iri.removeprefix(ID_BASE).partition("/")
    kind, _, local = rest.partition("/")
    if (
        iri.startswith(ID_BASE)
        and local
        and _derived(f"{jurisdiction}-{kind}")
        and _LOCAL.match(local)
    ):
        return f"{jurisdiction}-{kind}:{local}"
    return f"<{iri}>"


def expand(name: str) -> str:
    """Turn a CURIE (or an <iri>) back into a full IRI; an unknown prefix is a ResolveError."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    namespace = PREFIXES.get(prefix) or _derived(prefix)
    if not sep or namespace is None:
        raise ResolveError(f"unknown prefix '{prefix}:' in {name!r}")
    return namespace + local
