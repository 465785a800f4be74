"""The vocabulary of the site: constants, kinds of entity, labels of public terms."""

from __future__ import annotations

import re

import pyoxigraph

from govgraph.namespaces import PREFIXES

DEFAULT_BASE = "https://w3id.org/govgraph/"
GENERATOR = "govgraph publish"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"

DUMPS: tuple[tuple[str, str], ...] = (
    ("ttl", "Turtle"),
    ("nt", "N-Triples"),
    ("nq", "N-Quads"),
    ("jsonld", "JSON-LD"),
)

_NS = PREFIXES
RDF_TYPE = _NS["rdf"] + "type"
RDFS_LABEL = _NS["rdfs"] + "label"
PREF = _NS["skos"] + "prefLabel"
ALT = _NS["skos"] + "altLabel"
HIDDEN = _NS["skos"] + "hiddenLabel"
SOURCE = _NS["dcterms"] + "source"
SUBJECT = _NS["dcterms"] + "subject"
EVIDENCE = _NS["gg"] + "evidence"
ORDER = _NS["gg"] + "order"
ASSESSMENT = _NS["gg"] + "assessment"
MENTIONS = _NS["gg"] + "mentions"
IN_SCHEME = _NS["skos"] + "inScheme"
TOP_CONCEPT_OF = _NS["skos"] + "topConceptOf"
BROADER = _NS["skos"] + "broader"
CONCEPT_SCHEME = _NS["skos"] + "ConceptScheme"
DIMENSIONS = _NS["migof"] + "dimensiones"
OWL_ONTOLOGY = _NS["owl"] + "Ontology"
# Text shown as the description of a resource rather than as a row of its table.
DESCRIPTIONS = (
    _NS["dcterms"] + "description",
    _NS["eli"] + "description",
    _NS["skos"] + "definition",
    _NS["rdfs"] + "comment",
    _NS["skos"] + "editorialNote",
)
# Columns never shown in a table of relationship nodes (the node's link says who it is).
_NOT_A_COLUMN = frozenset(
    {RDF_TYPE, PREF, ALT, HIDDEN, RDFS_LABEL, SOURCE, EVIDENCE, ORDER, MENTIONS, *DESCRIPTIONS}
)
# Column order of relationship tables; other properties follow by label.
_COLUMN_ORDER = [
    _NS["org"] + "member",
    _NS["org"] + "organization",
    _NS["org"] + "role",
    _NS["gg"] + "votingRight",
    _NS["gg"] + "seatCount",
    _NS["gg"] + "party",
    _NS["gg"] + "participant",
    _NS["gg"] + "assignedTo",
    _NS["gg"] + "function",
    _NS["gg"] + "purpose",
    _NS["gg"] + "assessment",
    _NS["dcterms"] + "subject",
    _NS["gg"] + "legalBasis",
    _NS["gg"] + "program",
    _NS["dcterms"] + "date",
]

# (slug, class, es plural, en plural): an entity's kind is the first class it has (articles
# before laws: a subdivision is also a legal resource).
KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("council", _NS["gg"] + "Council", "Consejos", "Councils"),
    ("body", _NS["org"] + "Organization", "Instituciones", "Institutions"),
    ("group", _NS["gg"] + "ActorGroup", "Clases de actores", "Classes of actors"),
    ("membership", _NS["org"] + "Membership", "Membresías", "Memberships"),
    ("article", _NS["eli"] + "LegalResourceSubdivision", "Artículos y fracciones", "Articles"),
    ("law", _NS["eli"] + "LegalResource", "Leyes y documentos", "Laws and documents"),
    ("expression", _NS["eli"] + "LegalExpression", "Textos de leyes", "Law texts"),
    ("program", _NS["gg"] + "Program", "Programas", "Programs"),
    ("participation", _NS["cv"] + "Participation", "Participaciones", "Participations"),
    ("agreement", _NS["gg"] + "Agreement", "Convenios", "Agreements"),
    ("collaboration", _NS["gg"] + "Collaboration", "Colaboraciones", "Collaborations"),
    ("mandate", _NS["gg"] + "Mandate", "Mandatos", "Mandates"),
    ("finding", _NS["gg"] + "Finding", "Hallazgos", "Findings"),
    ("dataset", _NS["qb"] + "DataSet", "Conjuntos de datos estadísticos", "Statistical data sets"),
    (
        "observation",
        _NS["qb"] + "Observation",
        "Observaciones estadísticas",
        "Statistical observations",
    ),
    ("report", _NS["gg"] + "Report", "Informes", "Reports"),
    ("section", _NS["gg"] + "ReportSection", "Secciones del informe", "Report sections"),
    ("scheme", CONCEPT_SCHEME, "Esquemas de conceptos", "Concept schemes"),
    ("concept", _NS["skos"] + "Concept", "Conceptos", "Concepts"),
    ("ontology", OWL_ONTOLOGY, "Ontologías", "Ontologies"),
    ("other", "", "Otros recursos", "Other resources"),
)
# The property that gives context to a row of a type index (the law of an article, ...).
_INDEX_CONTEXT: dict[str, str] = {
    "article": _NS["eli"] + "is_part_of",
    "expression": _NS["eli"] + "realizes",
    "participation": _NS["cv"] + "hasParticipant",
    "membership": _NS["org"] + "organization",
    "finding": SUBJECT,
    "section": _NS["dcterms"] + "isPartOf",
    "concept": IN_SCHEME,
    "mandate": _NS["gg"] + "assignedTo",
    "program": _NS["cv"] + "hasCompetentAuthority",
    "law": _NS["eli"] + "jurisdiction",
    "body": _NS["org"] + "classification",
    "group": _NS["gg"] + "classification",
    "council": _NS["org"] + "classification",
    "dataset": _NS["qb"] + "structure",
    "observation": _NS["qb"] + "dataSet",
}

# Labels of the public terms the graph uses (our own terms carry theirs in the ontology).
TERM_LABELS: dict[str, tuple[str, str]] = {
    RDF_TYPE: ("tipo", "type"),
    RDFS_LABEL: ("etiqueta", "label"),
    _NS["rdfs"] + "comment": ("comentario", "comment"),
    _NS["rdfs"] + "domain": ("dominio", "domain"),
    _NS["rdfs"] + "range": ("rango", "range"),
    _NS["rdfs"] + "subClassOf": ("subclase de", "subclass of"),
    _NS["rdfs"] + "subPropertyOf": ("subpropiedad de", "subproperty of"),
    _NS["rdfs"] + "seeAlso": ("véase también", "see also"),
    _NS["owl"] + "versionInfo": ("versión", "version"),
    _NS["owl"] + "Class": ("Clase", "Class"),
    _NS["owl"] + "ObjectProperty": ("Propiedad de objeto", "Object property"),
    _NS["owl"] + "DatatypeProperty": ("Propiedad de datos", "Datatype property"),
    _NS["owl"] + "FunctionalProperty": ("Propiedad funcional", "Functional property"),
    OWL_ONTOLOGY: ("Ontología", "Ontology"),
    PREF: ("nombre", "preferred label"),
    ALT: ("sigla u otro nombre", "alternative label"),
    HIDDEN: ("otro nombre", "other name"),
    _NS["skos"] + "definition": ("definición", "definition"),
    _NS["skos"] + "editorialNote": ("nota editorial", "editorial note"),
    IN_SCHEME: ("en el esquema", "in scheme"),
    _NS["skos"] + "hasTopConcept": ("concepto principal", "top concept"),
    TOP_CONCEPT_OF: ("concepto principal de", "top concept of"),
    BROADER: ("concepto más amplio", "broader concept"),
    _NS["skos"] + "related": ("relacionado con", "related"),
    _NS["skos"] + "notation": ("notación", "notation"),
    _NS["skos"] + "closeMatch": ("equivalencia cercana", "close match"),
    _NS["skos"] + "Concept": ("Concepto", "Concept"),
    CONCEPT_SCHEME: ("Esquema de conceptos", "Concept scheme"),
    SOURCE: ("fuente", "source"),
    SUBJECT: ("dimensión o tema", "dimension or subject"),
    _NS["dcterms"] + "description": ("descripción", "description"),
    _NS["dcterms"] + "title": ("título", "title"),
    _NS["dcterms"] + "identifier": ("identificador", "identifier"),
    _NS["dcterms"] + "spatial": ("cobertura territorial", "spatial coverage"),
    _NS["dcterms"] + "Location": ("Lugar", "Location"),
    _NS["dcterms"] + "isPartOf": ("parte de", "part of"),
    _NS["dcterms"] + "publisher": ("editor", "publisher"),
    _NS["dcterms"] + "created": ("creado en", "created"),
    _NS["dcterms"] + "date": ("fecha", "date"),
    _NS["dcterms"] + "language": ("idioma", "language"),
    _NS["dcterms"] + "license": ("licencia", "licence"),
    _NS["dcterms"] + "references": ("hace referencia a", "references"),
    _NS["dcterms"] + "BibliographicResource": ("Recurso bibliográfico", "Bibliographic resource"),
    _NS["org"] + "member": ("integrante", "member"),
    _NS["org"] + "organization": ("organización", "organization"),
    _NS["org"] + "role": ("rol", "role"),
    _NS["org"] + "classification": ("clasificación", "classification"),
    _NS["org"] + "subOrganizationOf": ("suborganización de", "sub-organization of"),
    _NS["org"] + "purpose": ("objeto", "purpose"),
    _NS["org"] + "resultedFrom": ("resultado de", "resulted from"),
    _NS["org"] + "Organization": ("Organización", "Organization"),
    _NS["org"] + "OrganizationalCollaboration": (
        "Colaboración organizacional",
        "Organizational collaboration",
    ),
    _NS["org"] + "Membership": ("Membresía", "Membership"),
    _NS["org"] + "Role": ("Rol", "Role"),
    _NS["eli"] + "title": ("título oficial", "title"),
    _NS["eli"] + "description": ("resumen", "summary"),
    _NS["eli"] + "is_part_of": ("parte de", "part of"),
    _NS["eli"] + "jurisdiction": ("jurisdicción", "jurisdiction"),
    _NS["eli"] + "number": ("número", "number"),
    _NS["eli"] + "type_document": ("tipo de documento", "document type"),
    _NS["eli"] + "type_subdivision": ("tipo de subdivisión", "subdivision type"),
    _NS["eli"] + "amended_by": ("reformado por", "amended by"),
    _NS["eli"] + "is_realized_by": ("texto", "realized by"),
    _NS["eli"] + "realizes": ("texto de", "realizes"),
    _NS["eli"] + "language": ("idioma", "language"),
    _NS["eli"] + "amends": ("reforma a", "amends"),
    _NS["eli"] + "date_document": ("fecha del documento", "document date"),
    _NS["eli"] + "date_no_longer_in_force": ("fin de vigencia", "no longer in force"),
    _NS["eli"] + "LegalResource": ("Recurso legal", "Legal resource"),
    _NS["eli"] + "LegalResourceSubdivision": ("Subdivisión de recurso legal", "Legal subdivision"),
    _NS["eli"] + "ResourceType": ("Tipo de recurso legal", "Legal resource type"),
    _NS["eli"] + "LegalExpression": ("Expresión de recurso legal", "Legal expression"),
    _NS["eli"] + "SubdivisionType": ("Tipo de subdivisión", "Subdivision type"),
    _NS["eli"] + "AdministrativeArea": ("Área administrativa", "Administrative area"),
    _NS["cv"] + "hasCompetentAuthority": ("autoridad competente (operador)", "competent authority"),
    _NS["cv"] + "hasLegalResource": ("fundamento jurídico", "legal resource"),
    _NS["cv"] + "hasParticipation": ("participación", "participation"),
    _NS["cv"] + "hasParticipant": ("participante", "participant"),
    _NS["cv"] + "role": ("rol", "role"),
    _NS["cv"] + "relatedService": ("servicio relacionado", "related service"),
    _NS["cv"] + "Participation": ("Participación", "Participation"),
    _NS["cv"] + "PublicOrganisation": ("Organización pública", "Public organisation"),
    _NS["cpsv"] + "PublicService": ("Servicio público", "Public service"),
    _NS["foaf"] + "Group": ("Grupo", "Group"),
    _NS["foaf"] + "Agent": ("Agente", "Agent"),
    _NS["prov"] + "Entity": ("Entidad (PROV)", "Entity (PROV)"),
    _NS["prov"] + "Activity": ("Actividad (PROV)", "Activity (PROV)"),
    _NS["prov"] + "value": ("valor", "value"),
    _NS["prov"] + "wasAssociatedWith": ("asociado con", "was associated with"),
    _NS["prov"] + "wasAttributedTo": ("atribuido a", "was attributed to"),
    _NS["dcterms"] + "PeriodOfTime": ("Período", "Period of time"),
    _NS["dcat"] + "startDate": ("inicio", "start date"),
    _NS["dcat"] + "endDate": ("fin", "end date"),
    _NS["qb"] + "dataSet": ("conjunto de datos", "data set"),
    _NS["qb"] + "structure": ("estructura", "structure"),
    _NS["qb"] + "component": ("componente", "component"),
    _NS["qb"] + "componentProperty": ("propiedad del componente", "component property"),
    _NS["qb"] + "dimension": ("dimensión", "dimension"),
    _NS["qb"] + "measure": ("medida", "measure"),
    _NS["qb"] + "attribute": ("atributo", "attribute"),
    _NS["qb"] + "order": ("orden", "order"),
    _NS["qb"] + "componentRequired": ("obligatorio", "required"),
    _NS["qb"] + "codeList": ("lista de códigos", "code list"),
    _NS["qb"] + "concept": ("concepto SDMX", "SDMX concept"),
    _NS["qb"] + "DataSet": ("Conjunto de datos", "Data set"),
    _NS["qb"] + "Observation": ("Observación", "Observation"),
    _NS["qb"] + "DataStructureDefinition": ("Estructura de datos", "Data structure definition"),
    _NS["qb"] + "ComponentSpecification": (
        "Especificación de componente",
        "Component specification",
    ),
    _NS["qb"] + "DimensionProperty": ("Propiedad de dimensión", "Dimension property"),
    _NS["qb"] + "MeasureProperty": ("Propiedad de medida", "Measure property"),
    _NS["qb"] + "AttributeProperty": ("Propiedad de atributo", "Attribute property"),
    _NS["qb"] + "CodedProperty": ("Propiedad codificada", "Coded property"),
    "http://purl.org/vocab/vann/preferredNamespacePrefix": ("prefijo preferido", "prefix"),
    "http://purl.org/vocab/vann/preferredNamespaceUri": ("espacio de nombres", "namespace"),
}

# Vocabularies named in void.ttl when the graph uses them (namespace, VoID vocabulary IRI).
VOCABULARIES: tuple[tuple[str, str], ...] = (
    (_NS["org"], "http://www.w3.org/ns/org#"),
    (_NS["eli"], "http://data.europa.eu/eli/ontology#"),
    (_NS["cpsv"], "http://purl.org/vocab/cpsv#"),
    (_NS["cv"], "http://data.europa.eu/m8g/"),
    (_NS["skos"], "http://www.w3.org/2004/02/skos/core#"),
    (_NS["dcterms"], "http://purl.org/dc/terms/"),
    (_NS["prov"], "http://www.w3.org/ns/prov#"),
    (_NS["foaf"], "http://xmlns.com/foaf/0.1/"),
    (_NS["owl"], "http://www.w3.org/2002/07/owl#"),
    (_NS["qb"], "http://purl.org/linked-data/cube#"),
    (_NS["sdmx-dimension"], "http://purl.org/linked-data/sdmx/2009/dimension#"),
    (_NS["sdmx-attribute"], "http://purl.org/linked-data/sdmx/2009/attribute#"),
    (_NS["sdmx-measure"], "http://purl.org/linked-data/sdmx/2009/measure#"),
    (_NS["gg"], "https://w3id.org/govgraph/ontology#"),
)


_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")
_SAFE_FRAGMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_CSS_NAME = "site.css"

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
