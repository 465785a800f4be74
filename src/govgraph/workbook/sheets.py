"""The sheets of a profile workbook, in order: the table govgraph.workbook reads and writes.

One line per column (see govgraph.workbook.spec for what the fields mean); the headers, help
texts and the template's worked example rows are in govgraph.workbook.texts.
"""

from __future__ import annotations

from govgraph.resolve.index import TEXT
from govgraph.workbook.examples import EXAMPLES
from govgraph.workbook.spec import (
    AGENT_KINDS,
    ALT,
    DESCRIPTION,
    KEY,
    LAWS,
    NAME_EN,
    NAME_ES,
    NOTE,
    PROVENANCE,
    REQUIRED_PROVENANCE,
    SUBJECTS,
    TITLE_DEFAULT,
    C,
    Sheet,
    agents,
    laws,
    programs,
    with_texts,
)
from govgraph.workbook.texts import HEADERS, HELP, SHEET_HELP

LEVEL, SECTOR, BODY_TYPE = "level:niveles", "sector:sectores", "bodytype:tipos"
ROLES, JURIS, ASSESS = "role:roles", "juris:jurisdicciones", "assess:valoraciones"
DIMENSION = "migof:dimensiones"
PERIOD, COUNTRY = "period:periodos", "country:paises"
MENTIONED = ("bodies", "groups", "posts", "sites", "councils", *LAWS, "programs", "agreements",
             "funding", "areas")  # fmt: skip
TITLE = C("title_es", "dcterms:title", lang="es")

_TABLE = (
    Sheet("jurisdiction", "jurisdiccion", "jurisdiction", "", (
        "skos:Concept", "eli:AdministrativeArea", "dcterms:Location"), "jurisdiction.ttl", (
        KEY, NAME_ES, NAME_EN,
        C("level", "gg:levelOfGovernment", "concept", scheme=LEVEL, required=True),
        C("definition_es", "skos:definition", lang="es"),
        C("definition_en", "skos:definition", lang="en"),
        C("order", "gg:order", "integer"),
    ), names=(), extra=(("skos:inScheme", JURIS), ("skos:topConceptOf", JURIS))),
    Sheet("report", "informe", "report", "report", ("gg:Report",), "report.ttl", (
        KEY, NAME_ES, NAME_EN, TITLE_DEFAULT,
        agents("publisher", "dcterms:publisher"),
        C("language", "dcterms:language"),
        DESCRIPTION, NOTE,
    ), names=("name_es", "name_en")),
    Sheet("sources", "fuentes", "sources", "report", ("gg:ReportSection",), "report.ttl", (
        KEY,
        C("part_of", "dcterms:isPartOf", "ref", targets=("report", "sources"), required=True),
        C("number", "gg:sectionNumber"),
        C("order", "gg:order", "integer"),
        NAME_ES, NAME_EN, TITLE,
        C("subject", "dcterms:subject", "concept", scheme=DIMENSION),
        C("assessment", "gg:assessment", "concept", scheme=ASSESS),
        DESCRIPTION, NOTE,
        C("see_also", "rdfs:seeAlso", "iri", many=True),
    ), names=("number", "name_es", "name_en")),
    Sheet("bodies", "organismos", "bodies", "body", ("org:Organization",), "institutions.ttl", (
        KEY,
        C("public", "cv:PublicOrganisation", "flag"),
        NAME_ES, NAME_EN, TITLE_DEFAULT, *ALT,
        C("level", "org:classification", "concept", scheme=LEVEL),
        C("sector", "org:classification", "concept", scheme=SECTOR),
        C("body_type", "org:classification", "concept", scheme=BODY_TYPE),
        C("parent", "org:subOrganizationOf", "ref", many=True, targets=("bodies", "councils"),
          shared=AGENT_KINDS),
        C("spatial", "dcterms:spatial", "concept", scheme=JURIS),
        C("created", "dcterms:created", "date"),
        DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("groups", "grupos", "groups", "group", ("gg:ActorGroup", "foaf:Group"),
          "institutions.ttl", (
        KEY, NAME_ES, NAME_EN, TITLE_DEFAULT, *ALT,
        C("level", "gg:classification", "concept", scheme=LEVEL),
        C("sector", "gg:classification", "concept", scheme=SECTOR),
        C("member_count", "gg:memberCount", "integer"),
        C("member_count_above", "gg:memberCountAbove", "integer"),
        C("members", "foaf:member", "ref", many=True, targets=("groups", "bodies"),
          shared=AGENT_KINDS),
        DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("posts", "puestos", "posts", "post", ("org:Post",), "institutions.ttl", (
        KEY,
        C("post_in", "org:postIn", "ref", targets=("bodies", "councils"), shared=AGENT_KINDS,
          required=True),
        NAME_ES, NAME_EN, *ALT, DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("sites", "sitios", "sites", "site", ("org:Site",), "institutions.ttl", (
        KEY,
        agents("site_of", "org:siteOf", many=True),
        NAME_ES, NAME_EN, *ALT, DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("councils", "consejos", "councils", "council",
          ("gg:Council", "org:OrganizationalCollaboration"), "councils.ttl", (
        KEY, NAME_ES, NAME_EN, TITLE_DEFAULT, *ALT,
        C("level", "org:classification", "concept", scheme=LEVEL),
        C("sector", "org:classification", "concept", scheme=SECTOR),
        C("parent", "org:subOrganizationOf", "ref", many=True, targets=("councils", "bodies"),
          shared=AGENT_KINDS),
        laws("established_by", "gg:establishedBy", many=True),
        laws("legal_basis", "gg:legalBasis", many=True),
        C("created", "dcterms:created", "date"),
        C("installed_on", "gg:installedOn", "date"),
        C("min_sessions", "gg:minSessionsPerYear", "integer"),
        C("declared_members", "gg:declaredMemberCount", "integer"),
        C("composition_unstated", "gg:compositionUnstated", "boolean"),
        DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("seats", "asientos", "seats", "membership", ("org:Membership",), "councils.ttl", (
        KEY,
        C("council", "org:organization", "ref", targets=("councils",), shared=("council",),
          required=True),
        agents("member", "org:member", required=True),
        C("post", "gg:post", "ref", targets=("posts",), shared=("org:Post",)),
        C("role", "org:role", "concept", scheme=ROLES, required=True),
        C("vote", "gg:votingRight", "concept", scheme="vote:derechos-voto"),
        C("seat_count", "gg:seatCount", "integer"),
        laws("legal_basis", "gg:legalBasis"),
        NAME_ES, NAME_EN, NOTE, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en"), relationship=True),
    Sheet("laws", "leyes", "laws", "law", ("eli:LegalResource",), "laws.ttl", (
        KEY,
        C("doc_type", "eli:type_document", "concept", scheme="doctype:tipos-documento",
          required=True),
        C("jurisdiction", "eli:jurisdiction", "concept", scheme=JURIS, required=True),
        C("title_es", "eli:title", lang="es", required=True, on="expression"),
        NAME_ES, NAME_EN, *ALT,
        C("year", "gg:year", "year", many=True),
        C("date", "eli:date_document", "date"),
        C("last_amended", "gg:lastAmended", "date", many=True),
        laws("amended_by", "eli:amended_by", many=True),
        laws("amends", "eli:amends", many=True),
        agents("publisher", "dcterms:publisher", many=True),
        DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), companion="expression",
       names=("name_es", "name_en", "alt_es", "alt_en", "alt", "hidden_es", "hidden")),
    Sheet("articles", "articulos", "articles", "law", ("eli:LegalResourceSubdivision",),
          "laws.ttl", (
        KEY,
        laws("part_of", "eli:is_part_of", required=True),
        C("type", "eli:type_subdivision", "concept", scheme="subdiv:tipos-subdivision",
          required=True),
        C("number", "eli:number", required=True),
        NAME_ES, NAME_EN,
        C("description_es", "eli:description", lang="es"),
        NOTE, *PROVENANCE,
    ), names=()),
    Sheet("programs", "programas", "programs", "program", ("gg:Program", "cpsv:PublicService"),
          "programs.ttl", (
        KEY, NAME_ES, NAME_EN, TITLE_DEFAULT, *ALT,
        C("authority", "cv:hasCompetentAuthority", "ref", many=True, targets=("bodies",),
          shared=("agent",)),
        agents("partner", "gg:partner", many=True),
        laws("legal", "cv:hasLegalResource", many=True),
        programs("part_of", "gg:partOfProgram", many=True),
        programs("related", "cv:relatedService", many=True),
        C("created", "dcterms:created", "date"),
        C("target", "gg:targetPopulation", lang="es", many=True),
        DESCRIPTION, NOTE, SUBJECTS, *PROVENANCE,
    ), identifier=True),
    Sheet("participations", "participaciones", "participations", "program",
          ("cv:Participation",), "programs.ttl", (
        KEY,
        programs("program", "cv:hasParticipation", required=True, inverse=True),
        agents("participant", "cv:hasParticipant", required=True),
        C("role", "cv:role", "concept", scheme=ROLES, required=True),
        NAME_ES, NAME_EN, DESCRIPTION, NOTE, *REQUIRED_PROVENANCE,
    ), identifier=True, names=("name_es", "name_en"), relationship=True),
    Sheet("agreements", "convenios", "agreements", "agreement", ("gg:Agreement",),
          "agreements.ttl", (
        KEY,
        agents("parties", "gg:party", many=True, required=True),
        C("date", "dcterms:date", "date"),
        C("purpose", "gg:purpose", lang="es", many=True, required=True),
        programs("program", "gg:program", many=True),
        laws("legal_basis", "gg:legalBasis", many=True),
        NAME_ES, NAME_EN, TITLE, NOTE, SUBJECTS, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en", "title_es"), relationship=True),
    Sheet("collaborations", "colaboraciones", "collaborations", "collaboration",
          ("gg:Collaboration",), "collaborations.ttl", (
        KEY,
        agents("participants", "gg:participant", many=True, required=True),
        programs("program", "gg:program", many=True),
        C("date", "dcterms:date", "date"),
        C("purpose", "gg:purpose", lang="es", many=True, required=True),
        NAME_ES, NAME_EN, NOTE, SUBJECTS, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en"), relationship=True),
    Sheet("mandates", "mandatos", "mandates", "mandate", ("gg:Mandate",), "mandates.ttl", (
        KEY,
        agents("assigned_to", "gg:assignedTo", many=True, required=True),
        laws("legal_basis", "gg:legalBasis", many=True, required=True),
        C("function", "gg:function", lang="es", many=True, required=True),
        NAME_ES, NAME_EN, NOTE, SUBJECTS, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en"), relationship=True),
    Sheet("findings", "hallazgos", "findings", "finding", ("gg:Finding",), "findings.ttl", (
        KEY,
        C("order", "gg:order", "integer"),
        C("assessment", "gg:assessment", "concept", scheme=ASSESS, required=True),
        C("subject", "dcterms:subject", "concept", scheme=DIMENSION, required=True),
        NAME_ES, NAME_EN,
        C("description_es", "dcterms:description", lang="es", required=True),
        C("description_en", "dcterms:description", lang="en"),
        C("mentions", "gg:mentions", "ref", many=True, shared=("any",), targets=MENTIONED),
        NOTE, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en"), relationship=True),
    Sheet("funding", "financiamiento", "funding", "funding", ("gg:FundingMechanism",),
          "programs.ttl", (
        KEY,
        agents("attributed_to", "prov:wasAttributedTo", many=True),
        NAME_ES, NAME_EN,
        C("description_es", "dcterms:description", lang="es", required=True),
        NOTE, *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en")),
    Sheet("areas", "areas", "areas", "area", ("dcterms:Location",), "statistics.ttl", (
        KEY,
        C("part_of", "dcterms:isPartOf", "ref", scheme=JURIS, targets=("areas",)),
        NAME_ES, NAME_EN, DESCRIPTION,
        C("description_en", "dcterms:description", lang="en"),
        NOTE, *PROVENANCE,
    ), names=("name_es", "name_en")),
    Sheet("statistics", "estadisticas", "statistics", "observation", ("qb:Observation",),
          "statistics.ttl", (
        KEY,
        C("dataset", "qb:dataSet", "ref", shared=("qb:DataSet",), required=True),
        C("area", "sdmx-dimension:refArea", "ref", scheme=JURIS, targets=("areas",),
          required=True),
        C("period", "sdmx-dimension:refPeriod", "concept", scheme=PERIOD, required=True),
        C("sex", "sdmx-dimension:sex", "concept", scheme="sdmx-code:sex"),
        C("country_of_origin", "gg:countryOfOrigin", "concept", scheme=COUNTRY),
        C("country_of_destination", "gg:countryOfDestination", "concept", scheme=COUNTRY),
        C("cause", "gg:emigrationCause", "concept", scheme="cause:causas"),
        C("value", "sdmx-measure:obsValue", "number", required=True),
        C("unit", "sdmx-attribute:unitMeasure", "concept", scheme="unit:unidades",
          required=True),
        C("rank_out_of", "gg:rankOutOf", "integer"),
        C("base_period", "gg:basePeriod", "concept", scheme=PERIOD),
        C("order", "gg:order", "integer"),
        NAME_ES, NAME_EN, NOTE,
        C("note_en", "skos:editorialNote", lang="en", many=True),
        *REQUIRED_PROVENANCE,
    ), names=("name_es", "name_en"), relationship=True),
    Sheet("shared", "compartidos", "shared", "", (), "shared.ttl", (
        C("key", kind="ref", required=True, shared=("any",)),
        agents("partner", "gg:partner", many=True),
        NOTE, *PROVENANCE,
    ), names=(), key_mode="shared"),
    Sheet("moved", "iris-anteriores", "moved", "", (), "moved.ttl", (
        KEY,
        C("same_as", "owl:sameAs", "ref", many=True, targets=MENTIONED, shared=("any", TEXT),
          required=True),
    ), names=(), key_mode="path"),
)  # fmt: skip


def _finished(sheet: Sheet) -> Sheet:
    """The sheet with its headers, help texts and worked example."""
    import dataclasses

    help_es, help_en = SHEET_HELP[sheet.id]
    sheet = dataclasses.replace(
        sheet, help_es=help_es, help_en=help_en, example=EXAMPLES.get(sheet.id, {})
    )
    return with_texts(sheet, HEADERS, HELP)


SHEETS: tuple[Sheet, ...] = tuple(_finished(sheet) for sheet in _TABLE)
BY_ID: dict[str, Sheet] = {sheet.id: sheet for sheet in SHEETS}
