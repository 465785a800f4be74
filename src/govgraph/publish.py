"""The graph as a static linked-data site: a page per entity, its RDF beside it, conneg.

``publish(outdir)`` writes, for every typed IRI under the base (``https://w3id.org/govgraph/``):

- ``<path>.html``: a page at the path of the IRI under the base (``id/mx-zac/body/sezami.html``)
  with its labels, every relationship in both directions as links, the report section and
  verbatim quote behind each relationship node, and its description as embedded JSON-LD;
- ``<path>.ttl`` and ``<path>.jsonld``: that description (the entity's own statements and the
  labels of what they point at) in Turtle and in JSON-LD;

hash IRIs (the ontology's terms) are anchors on the page of their document (``ontology.html``).
Beside them: an index page per type and per MGI dimension, a home page (``index.html``) with
counts and the councils network (``network.html``), the dumps (``dumps/govgraph.{ttl,nt,nq,
jsonld}``), a VoID and DCAT description (``void.ttl``), the JSON-LD context, and content
negotiation rules for Apache (``.htaccess``) and nginx (``nginx.conf``).
``NegotiatingHandler`` serves a published site with the same rules (``make_server``).

The site is built in a temporary directory beside ``outdir`` and swapped into place whole: a
failure leaves the previous site as it was. The same graph gives the same bytes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import email.utils
import hashlib
import html
import http.server
import json
import os
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import threading
import unicodedata
import urllib.parse
from base64 import b64encode
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

import pyoxigraph

from govgraph import export
from govgraph.errors import GovgraphError, PublishError
from govgraph.load import load_dataset
from govgraph.namespaces import CONTEXT_IRI, PREFIXES, curie
from govgraph.progress import Progress

__all__ = [
    "DEFAULT_BASE",
    "NEGOTIATED",
    "NegotiatingHandler",
    "Summary",
    "make_server",
    "negotiate",
    "publish",
]

DEFAULT_BASE = "https://w3id.org/govgraph/"
GENERATOR = "govgraph publish"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"
LANGS = ("es", "en")

# What an entity IRI negotiates to, in the server's order of preference (HTML first).
NEGOTIATED: tuple[tuple[str, str], ...] = (
    ("text/html", ".html"),
    ("text/turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
)
# Other names clients use for the same formats.
MEDIA_ALIASES: dict[str, tuple[str, ...]] = {
    "text/html": ("application/xhtml+xml",),
    "text/turtle": ("application/x-turtle",),
    "application/ld+json": ("application/json",),
}
# Content-Type by suffix. Text types say their charset; JSON, N-Triples and N-Quads are
# UTF-8 by definition and their registrations define no charset parameter.
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".conf": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
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
    {RDF_TYPE, PREF, ALT, RDFS_LABEL, SOURCE, EVIDENCE, ORDER, MENTIONS, *DESCRIPTIONS}
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
    ("program", _NS["gg"] + "Program", "Programas", "Programs"),
    ("agreement", _NS["gg"] + "Agreement", "Convenios", "Agreements"),
    ("collaboration", _NS["gg"] + "Collaboration", "Colaboraciones", "Collaborations"),
    ("mandate", _NS["gg"] + "Mandate", "Mandatos", "Mandates"),
    ("finding", _NS["gg"] + "Finding", "Hallazgos", "Findings"),
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
    "membership": _NS["org"] + "organization",
    "finding": SUBJECT,
    "section": _NS["dcterms"] + "isPartOf",
    "concept": IN_SCHEME,
    "mandate": _NS["gg"] + "assignedTo",
    "program": _NS["cv"] + "hasCompetentAuthority",
    "law": _NS["eli"] + "jurisdiction",
    "body": _NS["org"] + "classification",
    "group": _NS["org"] + "classification",
    "council": _NS["org"] + "classification",
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
    ALT: ("otro nombre", "alternative label"),
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
    _NS["eli"] + "is_amended_by": ("reformado por", "amended by"),
    _NS["eli"] + "amends": ("reforma a", "amends"),
    _NS["eli"] + "date_document": ("fecha del documento", "document date"),
    _NS["eli"] + "date_no_longer_in_force": ("fin de vigencia", "no longer in force"),
    _NS["eli"] + "LegalResource": ("Recurso legal", "Legal resource"),
    _NS["eli"] + "LegalResourceSubdivision": ("Subdivisión de recurso legal", "Legal subdivision"),
    _NS["eli"] + "ResourceType": ("Tipo de recurso legal", "Legal resource type"),
    _NS["cv"] + "hasCompetentAuthority": ("autoridad competente (operador)", "competent authority"),
    _NS["cv"] + "hasLegalResource": ("fundamento jurídico", "legal resource"),
    _NS["cv"] + "PublicOrganisation": ("Organización pública", "Public organisation"),
    _NS["cpsv"] + "PublicService": ("Servicio público", "Public service"),
    _NS["foaf"] + "Group": ("Grupo", "Group"),
    _NS["foaf"] + "Agent": ("Agente", "Agent"),
    _NS["prov"] + "Entity": ("Entidad (PROV)", "Entity (PROV)"),
    _NS["prov"] + "Activity": ("Actividad (PROV)", "Activity (PROV)"),
    _NS["prov"] + "value": ("valor", "value"),
    _NS["prov"] + "wasAssociatedWith": ("asociado con", "was associated with"),
    _NS["prov"] + "wasAttributedTo": ("atribuido a", "was attributed to"),
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
    (_NS["gg"], "https://w3id.org/govgraph/ontology#"),
)

UI: dict[str, dict[str, str]] = {
    "es": {
        "site": "govgraph",
        "tagline": "Actores y leyes de la gobernanza de la migración en Zacatecas",
        "home": "Inicio",
        "ontology": "Ontología",
        "network": "Red de consejos",
        "data": "Datos",
        "types": "Tipos",
        "labels": "Nombres",
        "also": "También llamado",
        "description": "Descripción",
        "properties": "Propiedades",
        "incoming": "Lo que apunta aquí",
        "incoming_none": "Ningún recurso apunta a este.",
        "evidence": "Fuente y evidencia",
        "source": "Fuente",
        "quote": "Cita del informe",
        "formats": "Descripción en RDF",
        "record": "Registro",
        "name": "Nombre",
        "english": "Nombre en inglés",
        "acronym": "Siglas",
        "count": "Número",
        "context": "Contexto",
        "identifier": "Identificador",
        "entities": "recursos",
        "triples": "tripletas",
        "indexes": "Índices por tipo",
        "dimensions": "Dimensiones de los IGM",
        "dimension": "Dimensión",
        "findings": "Hallazgos",
        "related": "Recursos sobre esta dimensión",
        "sections": "Secciones del informe sobre esta dimensión",
        "mentions": "Menciona",
        "total": "Total",
        "classes": "Clases",
        "props": "Propiedades",
        "other_terms": "Otros términos",
        "axioms": "Axiomas de los vocabularios reutilizados",
        "schemes": "Esquemas de conceptos",
        "instances": "Instancias",
        "namespace": "Espacio de nombres",
        "version": "Versión",
        "dumps": "Descargas del grafo completo",
        "void": "Descripción del conjunto de datos (VoID y DCAT)",
        "context_file": "Contexto JSON-LD",
        "endpoint": "Punto de acceso SPARQL",
        "conneg": (
            "Cada IRI devuelve HTML a los navegadores y Turtle o JSON-LD a los clientes RDF "
            "(encabezado Accept). Configuración de ejemplo:"
        ),
        "network_intro": (
            "Consejos, comités y sistemas con sus integrantes (una arista por membresía). "
            "La vista funciona sin conexión."
        ),
        "network_open": "Abrir la red a pantalla completa",
        "network_frame": "Red de consejos y sus integrantes",
        "intro": (
            "Grafo de conocimiento de los actores, consejos, leyes, programas, convenios y "
            "hallazgos de la gobernanza de la migración en el Estado de Zacatecas (México), "
            "tomado del informe de la OIM"
        ),
        "license": (
            "Grafo y páginas: CC BY 4.0. Los hechos y las citas textuales provienen del informe "
            "de la Organización Internacional para las Migraciones (OIM), cuyos derechos "
            "pertenecen a la OIM."
        ),
        "license_link": "Licencia CC BY 4.0",
        "generated": "Generado por govgraph a partir del grafo",
        "well": "bien desarrollados",
        "potential": "con potencial de desarrollo",
        "all_about": "todos los recursos",
        "from_resource": "Desde",
        "size": "Tamaño",
        "format": "Formato",
        "file": "Archivo",
        "nav": "Navegación del sitio",
        "crumbs": "Ruta",
        "of_type": "de tipo",
    },
    "en": {
        "site": "govgraph",
        "tagline": "Actors and laws of migration governance in Zacatecas",
        "home": "Home",
        "ontology": "Ontology",
        "network": "Councils network",
        "data": "Data",
        "types": "Types",
        "labels": "Names",
        "also": "Also called",
        "description": "Description",
        "properties": "Properties",
        "incoming": "What points here",
        "incoming_none": "No resource points at this one.",
        "evidence": "Source and evidence",
        "source": "Source",
        "quote": "Quote from the report",
        "formats": "Description in RDF",
        "record": "Record",
        "name": "Name",
        "english": "Name in Spanish",
        "acronym": "Acronym",
        "count": "Count",
        "context": "Context",
        "identifier": "Identifier",
        "entities": "resources",
        "triples": "triples",
        "indexes": "Indexes by type",
        "dimensions": "MGI dimensions",
        "dimension": "Dimension",
        "findings": "Findings",
        "related": "Resources about this dimension",
        "sections": "Report sections about this dimension",
        "mentions": "Mentions",
        "total": "Total",
        "classes": "Classes",
        "props": "Properties",
        "other_terms": "Other terms",
        "axioms": "Axioms of the reused vocabularies",
        "schemes": "Concept schemes",
        "instances": "Instances",
        "namespace": "Namespace",
        "version": "Version",
        "dumps": "Downloads of the whole graph",
        "void": "Dataset description (VoID and DCAT)",
        "context_file": "JSON-LD context",
        "endpoint": "SPARQL endpoint",
        "conneg": (
            "Every IRI gives HTML to browsers and Turtle or JSON-LD to RDF clients (Accept "
            "header). Example configuration:"
        ),
        "network_intro": (
            "Councils, committees and systems with their members (an edge per membership). "
            "The view works offline."
        ),
        "network_open": "Open the network full screen",
        "network_frame": "Network of councils and their members",
        "intro": (
            "A knowledge graph of the actors, councils, laws, programs, agreements and "
            "findings of migration governance in the State of Zacatecas (Mexico), taken from "
            "the IOM report"
        ),
        "license": (
            "Graph and pages: CC BY 4.0. The facts and the verbatim quotes come from the report "
            "of the International Organization for Migration (IOM), whose rights belong to IOM."
        ),
        "license_link": "CC BY 4.0 licence",
        "generated": "Generated by govgraph from the graph",
        "well": "well developed",
        "potential": "with potential for development",
        "all_about": "all resources",
        "from_resource": "From",
        "size": "Size",
        "format": "Format",
        "file": "File",
        "nav": "Site navigation",
        "crumbs": "Breadcrumbs",
        "of_type": "of type",
    },
}

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")
_SAFE_FRAGMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_CSS_NAME = "site.css"

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


@dataclass(frozen=True)
class Summary:
    """What publish() wrote."""

    outdir: Path
    pages: int  # HTML pages
    entities: int  # typed IRIs under the base that have a page or an anchor on one
    triples: int  # triples in the graph
    files: int  # every file of the site
    bytes: int  # their total size
    skipped: tuple[str, ...] = ()  # typed IRIs under the base whose path is not a safe file name

    def __str__(self) -> str:
        return (
            f"wrote {self.pages} pages ({self.entities} entities, {self.triples} triples; "
            f"{self.files} files, {self.bytes / 1e6:.1f} MB) to {self.outdir}"
        )


# ---------------------------------------------------------------------------------------------
# publish(): build in a temporary directory, then swap it into place
# ---------------------------------------------------------------------------------------------


def publish(
    outdir: str | os.PathLike[str],
    *,
    base_iri: str = DEFAULT_BASE,
    paths: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    lang: str = "es",
    sparql_endpoint: str | None = None,
) -> Summary:
    """Write the static linked-data site of the graph to outdir, replacing a previous one whole.

    paths and ontology choose the files as govgraph.load does (default: the bundled graph).
    base_iri: the IRIs that get pages (their path under it is the page's path). lang: the
    language of the pages (es or en; labels in the other language are shown beside).
    sparql_endpoint: announced in void.ttl and on the home page (an absolute http(s) URL).
    outdir's parent directory must exist. Raises PublishError (among others when no typed
    IRI lies under base_iri) and LoadError for a graph that cannot be read.
    """
    if lang not in LANGS:
        raise PublishError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")
    if not _SAFE_IRI.match(base_iri) or not base_iri.endswith("/"):
        raise PublishError(f"the base IRI must be an http(s) IRI ending in '/': {base_iri!r}")
    if sparql_endpoint is not None and not _is_absolute_url(sparql_endpoint):
        raise PublishError(
            f"the SPARQL endpoint must be an absolute http(s) URL: {sparql_endpoint!r}"
        )
    target = Path(outdir).absolute()
    if target.is_symlink():
        target = target.resolve()  # publish into the directory the link points to
    from govgraph.files import check_parent  # the rule of every command that writes

    check_parent(target, PublishError)  # missing: refused, never created; a file: not a directory
    _check_target(target)
    site = _Site(
        load_dataset(paths, ontology=ontology),
        base=base_iri,
        lang=lang,
        endpoint=sparql_endpoint,
    )
    if not site.entities:
        skipped = len(site.skipped)
        raise PublishError(
            f"no entity IRI under {base_iri}"
            + (f" whose path is a plain file name ({skipped} skipped)" if skipped else "")
        )
    _remove_stale(target)
    with _cleanup_on_signals():
        try:
            building = Path(tempfile.mkdtemp(dir=target.parent, prefix=_temporary_prefix(target)))
            building.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700: a web server reads it
        except OSError as exc:
            raise PublishError(f"cannot write {target}: {exc.strerror or exc}") from None
        try:
            site.build(building)
            _swap(building, target)
        except BaseException as exc:
            shutil.rmtree(building, ignore_errors=True)
            if isinstance(exc, OSError):
                raise PublishError(
                    f"cannot write the site to {target}: {exc.strerror or exc}"
                ) from None
            raise
    return Summary(
        outdir=target,
        pages=sum(1 for name in site.written if name.endswith(".html")),
        entities=len(site.entities),
        triples=len(site.graph.triples),
        files=len(site.written),
        bytes=sum(site.written.values()),
        skipped=tuple(site.skipped),
    )


def _is_absolute_url(text: str) -> bool:
    """An absolute http(s) URL with a host and nothing a Turtle IRI cannot hold."""
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https") and bool(parts.hostname) and bool(_SAFE_IRI.match(text))
    )


# A build directory is named after the site and the process that builds it, so that a later
# run can tell the leftovers of a process that died (SIGKILL, power loss) from a running build.
def _temporary_prefix(target: Path, kind: str = "new") -> str:
    return f".{target.name}.{kind}-{os.getpid()}-"


def _remove_stale(target: Path) -> None:
    """Remove the build directories beside target left by publish processes that are gone.

    A previous site moved aside (.old-) is removed only when target exists: had the process
    died between its two renames, that would be the only copy of the site.
    """
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(new|old)-(\d+)-[^/]+$")
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        found = pattern.match(path.name)
        if not found or not path.is_dir() or path.is_symlink():
            continue
        if found.group(1) == "old" and not target.is_dir():
            continue
        if not _process_is_gone(int(found.group(2))):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _process_is_gone(pid: int) -> bool:
    """True when no process has this id (one of another user's counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False
    return False


class _Terminated(BaseException):
    """A termination signal arrived during a build: unwind (removing the build), then die."""


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """While building, SIGTERM and SIGHUP unwind like Ctrl-C (so the temporary directory goes),
    then the signal is sent again with the handler the program had, which usually ends it."""
    names = ("SIGTERM", "SIGHUP")
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    received: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if not received:  # a second signal must not interrupt the cleanup
            received.append(signum)
            raise _Terminated(signum)

    previous: dict[int, Any] = {}
    for number in signals:
        current = signal.getsignal(number)
        if current is signal.SIG_IGN or current is None:
            continue  # ignored (nohup) or set outside Python: leave it alone
        previous[number] = signal.signal(number, handler)
    try:
        yield
    except _Terminated:
        pass
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
    if received:
        os.kill(os.getpid(), received[0])  # the program's own handler, or the default: exit
        raise SystemExit(128 + received[0])  # the program's handler returned


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a directory that is empty or a site publish() wrote."""
    if not target.exists():
        return
    if not target.is_dir():
        raise PublishError(f"{target} exists and is not a directory")
    if not any(target.iterdir()):
        return
    index = target / "index.html"
    try:
        head = index.read_text("utf-8", errors="replace")[:2000] if index.is_file() else ""
    except OSError:
        head = ""
    if f'<meta name="generator" content="{GENERATOR}">' not in head:
        raise PublishError(
            f"refusing to replace {target}: it is not a site written by govgraph publish "
            "(choose an empty or new directory)"
        )


def _swap(new: Path, target: Path) -> None:
    """Put the directory new at target; an old target goes away only once new is in place."""
    if not target.exists():
        os.rename(new, target)  # noqa: PTH104 - tests make os.rename fail
        return
    if _exchange(new, target):  # target now holds the new site, new the old one
        shutil.rmtree(new, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=_temporary_prefix(target, "old")))
    old.rmdir()
    os.rename(target, old)  # noqa: PTH104
    try:
        os.rename(new, target)  # noqa: PTH104
    except BaseException:
        os.rename(old, target)  # noqa: PTH104 - put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    """The process umask (reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


# ---------------------------------------------------------------------------------------------
# The graph, indexed both ways
# ---------------------------------------------------------------------------------------------


def _key(term: Any) -> str:
    """An IRI as itself, a blank node as _:id (IRIs never start with "_:")."""
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else str(term.value)


def _term_order(term: Any) -> tuple[int, str, str]:
    if isinstance(term, pyoxigraph.NamedNode):
        return (0, term.value, "")
    if isinstance(term, pyoxigraph.BlankNode):
        return (1, term.value, "")
    return (2, term.value, term.language or term.datatype.value)


class _Graph:
    """The union of a dataset's graphs: statements by subject and by (IRI) object, sorted."""

    def __init__(self, dataset: pyoxigraph.Dataset) -> None:
        triples = {quad.triple for quad in export.canonical_quads(dataset)}
        self.triples = sorted(
            triples,
            key=lambda t: (_term_order(t.subject), t.predicate.value, _term_order(t.object)),
        )
        self.out: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        self.inc: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for triple in self.triples:
            subject, obj = _key(triple.subject), triple.object
            if isinstance(obj, pyoxigraph.Triple):
                raise PublishError(f"cannot publish the RDF 1.2 triple term {obj}")
            self.out[subject].append((triple.predicate.value, obj))
            if isinstance(obj, pyoxigraph.NamedNode):
                self.inc[obj.value].append((triple.predicate.value, subject))

    def values(self, subject: str, predicate: str) -> list[Term]:
        return [o for p, o in self.out.get(subject, ()) if p == predicate]

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [
            o.value for o in self.values(subject, predicate) if isinstance(o, pyoxigraph.NamedNode)
        ]

    def types(self, subject: str) -> list[str]:
        return self.iris(subject, RDF_TYPE)

    def literals(self, subject: str, predicate: str) -> list[pyoxigraph.Literal]:
        return [o for o in self.values(subject, predicate) if isinstance(o, pyoxigraph.Literal)]

    def text(self, subject: str, predicate: str, lang: str) -> pyoxigraph.Literal | None:
        """The literal in lang, else Spanish, else English, else untagged, else the first."""
        found = self.literals(subject, predicate)
        for want in (lang, "es", "en", ""):
            for literal in found:
                if (literal.language or "").lower().split("-")[0] == want:
                    return literal
        return found[0] if found else None

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return [s for p, s in self.inc.get(obj, ()) if p == predicate]

    def first_int(self, subject: str, predicate: str) -> int | None:
        for literal in self.literals(subject, predicate):
            with contextlib.suppress(ValueError):
                return int(literal.value)
        return None


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def _sort_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Accents and case ignored, numbers in numeric order ("Artículo 2" before "Artículo 14")."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", plain)
        if part
    )


def _script_json(value: Any) -> str:
    """JSON that cannot end or confuse the <script> element it sits in."""
    from govgraph.render import script_json

    return script_json(value, indent=1)


def _is_web(iri: str) -> bool:
    return bool(_SAFE_IRI.match(iri))


def _ttl_iri(iri: str) -> str:
    if not _SAFE_IRI.match(iri):
        raise PublishError(f"not an IRI that can be written in Turtle: {iri!r}")
    return f"<{iri}>"


def _ttl_text(text: str, lang: str | None = None) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def _css() -> str:
    return (files("govgraph") / "assets" / _CSS_NAME).read_text(encoding="utf-8")


def _prune_context(document: dict[str, Any]) -> dict[str, Any]:
    """Keep only the context entries a small JSON-LD document uses (terms and prefixes)."""
    context = document.get("@context")
    if not isinstance(context, dict):
        return document
    keys: set[str] = set()
    strings: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.add(value)

    walk(document.get("@graph"))
    keep = {key for key in keys if key in context}
    for key in list(keep):
        definition = context[key]
        if isinstance(definition, dict):
            strings.update(v for v in definition.values() if isinstance(v, str))
        elif isinstance(definition, str):
            strings.add(definition)
    keep |= {
        text.split(":", 1)[0]
        for text in strings | keys
        if ":" in text and isinstance(context.get(text.split(":", 1)[0]), str)
    }
    pruned = {key: value for key, value in context.items() if key in keep}
    return {**document, "@context": pruned}


# ---------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------


@dataclass
class _Entity:
    iri: str
    doc: str  # the IRI of the page (the IRI without its fragment)
    path: str  # site path of the page, e.g. id/mx-zac/body/sezami.html
    fragment: str | None
    kind: str


class _Site:
    """Everything one build needs: the graph, what has a page where, and the files written."""

    def __init__(
        self,
        dataset: pyoxigraph.Dataset,
        *,
        base: str,
        lang: str,
        endpoint: str | None,
    ) -> None:
        self.root = Path()  # where build() writes
        self.dataset = dataset
        self.base = base
        self.lang = lang
        self.other_lang = "en" if lang == "es" else "es"
        self.ui = UI[lang]
        self.endpoint = endpoint
        self.graph = _Graph(dataset)
        self.written: dict[str, int] = {}
        self.skipped: list[str] = []
        self.css = _css()
        digest = b64encode(hashlib.sha256(self.css.encode("utf-8")).digest()).decode("ascii")
        self.csp = "; ".join(
            [
                "default-src 'none'",
                f"style-src 'sha256-{digest}'",
                "img-src data:",
                "frame-src 'self'",
                "base-uri 'none'",
                "form-action 'none'",
            ]
        )
        self._labels: dict[str, tuple[str, str | None]] = {}
        self.entities: dict[str, _Entity] = {}
        self.docs: dict[str, list[str]] = defaultdict(list)
        self._find_entities()
        self.kinds = self.by_kind()
        self.dimension_list = self.dimensions()
        self.ontology = self.find_ontology()
        # The JSON-LD context sits at its IRI when that is under the base, else at the root.
        self.context_path = (
            CONTEXT_IRI[len(base) :]
            if CONTEXT_IRI.startswith(base)
            else posixpath.basename(CONTEXT_IRI)
        )

    # --- what gets a page -----------------------------------------------------------------

    def _find_entities(self) -> None:
        for subject, statements in self.graph.out.items():
            if not subject.startswith(self.base) or not any(p == RDF_TYPE for p, _ in statements):
                continue
            doc, _, fragment = subject.partition("#")
            local = doc[len(self.base) :]
            segments = local.split("/")
            if (
                not local
                or not all(_SAFE_SEGMENT.match(s) for s in segments)
                or (fragment and not _SAFE_FRAGMENT.match(fragment))
                or ("#" in subject and not fragment)
            ):
                self.skipped.append(subject)
                continue
            self.entities[subject] = _Entity(
                subject, doc, f"{local}.html", fragment or None, self.kind(subject)
            )
            self.docs[doc].append(subject)
        self.skipped.sort()
        for members in self.docs.values():
            members.sort()

    def find_ontology(self) -> str | None:
        """The ontology the pages link to: one documented on this site, else its own IRI."""
        ontologies = sorted(self.graph.subjects(RDF_TYPE, OWL_ONTOLOGY))
        here = [o for o in ontologies if o in self.entities]
        elsewhere = [o for o in ontologies if _is_web(o)]
        found = here or elsewhere
        return found[0] if found else None

    def kind(self, iri: str) -> str:
        types = set(self.graph.types(iri))
        for slug, cls, _, _ in KINDS:
            if cls and cls in types:
                return slug
        return "other"

    def is_hash_doc(self, doc: str) -> bool:
        return any(self.entities[m].fragment for m in self.docs[doc])

    # --- labels and links -----------------------------------------------------------------

    def label(self, iri: str) -> tuple[str, str | None]:
        """The name of a resource in the page language (else es, en) and that language."""
        if iri in self._labels:
            return self._labels[iri]
        found: tuple[str, str | None] | None = None
        for predicate in (PREF, RDFS_LABEL):
            literal = self.graph.text(iri, predicate, self.lang)
            if literal is not None:
                found = (literal.value, (literal.language or "").lower() or None)
                break
        if found is None and iri in TERM_LABELS:
            es, en = TERM_LABELS[iri]
            found = (es if self.lang == "es" else en, self.lang)
        if found is None:
            short = curie(iri)
            found = (iri if short.startswith("<") else short, None)
        self._labels[iri] = found
        return found

    def other_label(self, iri: str) -> str | None:
        """The label in the other language, when it says something else."""
        literal = None
        for predicate in (PREF, RDFS_LABEL):
            literal = next(
                (
                    lit
                    for lit in self.graph.literals(iri, predicate)
                    if (lit.language or "").lower().split("-")[0] == self.other_lang
                ),
                None,
            )
            if literal is not None:
                break
        if literal is None or literal.value == self.label(iri)[0]:
            return None
        return literal.value

    def acronyms(self, iri: str) -> list[str]:
        return sorted({lit.value for lit in self.graph.literals(iri, ALT)}, key=_sort_key)

    def lang_attr(self, language: str | None) -> str:
        """A lang attribute when text is not in the page language ('' for none)."""
        if language is None:
            return ""
        language = language.lower()
        if language.split("-")[0] == self.lang:
            return ""
        return f' lang="{_e(language)}"'

    def page_of(self, iri: str) -> str | None:
        """The site path (with #fragment) that documents an IRI, or None."""
        entity = self.entities.get(iri)
        if entity is not None:
            return entity.path + (f"#{entity.fragment}" if entity.fragment else "")
        return None

    def href(self, page: str, target: str) -> str:
        """A relative link from one site path to another (which may carry a #fragment)."""
        path, hash_mark, fragment = target.partition("#")
        if path == page and hash_mark:
            return f"#{fragment}"
        relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
        return relative + (f"#{fragment}" if hash_mark else "")

    def link(self, page: str, iri: str, text: str | None = None) -> str:
        """A link to a resource: its page, an external link, or plain text for a non-web IRI."""
        if text is None:
            name, language = self.label(iri)
        else:
            name, language = text, self.lang
        attrs = self.lang_attr(language)
        target = self.page_of(iri)
        if target is not None:
            return f'<a href="{_e(self.href(page, target))}"{attrs}>{_e(name)}</a>'
        if _is_web(iri):
            return f'<a class="ext" href="{_e(iri)}" rel="external"{attrs}>{_e(name)}</a>'
        return f"<span{attrs}>{_e(name)}</span>"

    def value(self, page: str, term: Term) -> str:
        """An object of a statement as HTML: a link for an IRI, text for a literal."""
        if isinstance(term, pyoxigraph.NamedNode):
            return self.link(page, term.value)
        if isinstance(term, pyoxigraph.BlankNode):
            return self.blank(page, term)
        if term.language:
            attrs = self.lang_attr(term.language)
            return f"<span{attrs}>{_e(term.value)}</span>" if attrs else _e(term.value)
        datatype = term.datatype.value
        if datatype == export.XSD_STRING:
            return _e(term.value)
        return f'<span title="{_e(curie(datatype).strip("<>"))}">{_e(term.value)}</span>'

    def blank(self, page: str, node: pyoxigraph.BlankNode, depth: int = 0) -> str:
        """A blank node as a nested list of its statements (bounded depth)."""
        if depth > 3:
            return "…"
        items = []
        for predicate, obj in self.graph.out.get(_key(node), ()):
            shown = (
                self.blank(page, obj, depth + 1)
                if isinstance(obj, pyoxigraph.BlankNode)
                else self.value(page, obj)
            )
            items.append(f"<li>{self.link(page, predicate)}: {shown}</li>")
        return f'<ul class="plain">{"".join(items)}</ul>'

    def order(self, iri: str) -> tuple[Any, ...]:
        """Sort resources by gg:order, then by name, then by IRI."""
        position = self.graph.first_int(iri, ORDER)
        return (position if position is not None else 1 << 62, _sort_key(self.label(iri)[0]), iri)

    def kind_title(self, kind: str) -> str:
        for slug, _, es, en in KINDS:
            if slug == kind:
                return es if self.lang == "es" else en
        return kind

    # --- writing --------------------------------------------------------------------------

    def write(self, path: str, data: bytes | str) -> None:
        """Write one file of the site; two files at one path is an error."""
        if path in self.written:
            raise PublishError(f"two files of the site would be written at {path}")
        body = data.encode("utf-8") if isinstance(data, str) else data
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.written[path] = len(body)

    def page(
        self,
        path: str,
        *,
        title: str,
        heading: str,
        body: str,
        crumbs: Sequence[tuple[str, str]] = (),
        head: str = "",
    ) -> None:
        """Write a page: heading is the h1's HTML, crumbs (site path, text) lead to it."""
        root = self.href(path, "index.html")
        nav_html = "".join(
            [
                self.link(path, self.ontology, self.ui["ontology"]) if self.ontology else "",
                f'<a href="{_e(self.href(path, "network.html"))}">{_e(self.ui["network"])}</a>',
                f'<a href="{_e(self.href(path, "void.ttl"))}">{_e(self.ui["data"])}</a>',
            ]
        )
        trail = ""
        if crumbs:
            items = "".join(
                f'<li><a href="{_e(self.href(path, target))}">{_e(text)}</a></li>'
                for target, text in crumbs
            )
            trail = (
                f'<nav class="crumbs" aria-label="{_e(self.ui["crumbs"])}"><ol>{items}</ol></nav>'
            )
        document = f"""<!DOCTYPE html>
<html lang="{_e(self.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_e(self.csp)}">
<meta name="generator" content="{GENERATOR}">
<title>{_e(title)} · govgraph</title>
<style>{self.css}</style>
{head}</head>
<body>
<header class="site"><nav class="bar" aria-label="{_e(self.ui["nav"])}">\
<a class="brand" href="{_e(root)}">{_e(self.ui["site"])}</a>{nav_html}</nav></header>
<main>
{trail}<h1>{heading}</h1>
{body}
</main>
<footer><div class="bar">
<p>{_e(self.ui["license"])} <a class="ext" rel="license external" href="{LICENSE}">\
{_e(self.ui["license_link"])}</a></p>
<p>{_e(self.ui["generated"])} ({len(self.graph.triples)} {_e(self.ui["triples"])}).</p>
</div></footer>
</body>
</html>
"""
        self.write(path, document)

    # --- the build ------------------------------------------------------------------------

    def build(self, root: Path) -> None:
        """Write every file of the site into the directory root."""
        self.root = root
        docs = sorted(self.docs)
        kinds = self.kinds
        dimensions = self.dimension_list
        steps = len(docs) + len(kinds) + len(dimensions) + 6
        with Progress("publish", steps, unit="files") as progress:
            for doc in docs:
                self.entity_files(doc)
                progress.advance()
            for kind, members in kinds.items():
                self.type_index(kind, members)
                progress.advance()
            for dimension in dimensions:
                self.dimension_page(dimension)
                progress.advance()
            self.network()
            progress.advance()
            self.dumps()
            progress.advance()
            self.write("void.ttl", self.void_turtle())
            progress.advance()
            self.server_config()
            progress.advance()
            self.write(self.context_path, export.context_file().read_bytes())
            progress.advance()
            self.home(kinds, dimensions)
            progress.advance()

    def by_kind(self) -> dict[str, list[str]]:
        """Slash entities (pages of their own) by kind, in the order of KINDS."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, entity in self.entities.items():
            if entity.fragment is None and not self.is_hash_doc(entity.doc):
                found[entity.kind].append(iri)
        return {
            slug: sorted(found[slug], key=self.index_order(slug))
            for slug, *_ in KINDS
            if found.get(slug)
        }

    def index_order(self, kind: str) -> Callable[[str], tuple[Any, ...]]:
        context = _INDEX_CONTEXT.get(kind)

        def key(iri: str) -> tuple[Any, ...]:
            first = sorted(self.graph.iris(iri, context)) if context else []
            group = _sort_key(self.label(first[0])[0]) if first else ()
            return (group, *self.order(iri))

        return key

    def dimensions(self) -> list[str]:
        """The MGI dimensions (concepts of migof:dimensiones) that have a page."""
        found = set(self.graph.subjects(IN_SCHEME, DIMENSIONS))
        return sorted((d for d in found if d in self.entities), key=self.order)

    # --- entity pages and their RDF -------------------------------------------------------

    def description(self, doc: str) -> list[pyoxigraph.Triple]:
        """The statements of a document's resources (blank nodes followed) and the labels of
        the IRIs they point at."""
        subjects = [doc, *(m for m in self.docs[doc] if m != doc)]
        triples: list[pyoxigraph.Triple] = []
        seen: set[str] = set()
        pending = [s for s in subjects if s in self.graph.out]
        while pending:
            subject = pending.pop(0)
            if subject in seen:
                continue
            seen.add(subject)
            node: pyoxigraph.NamedNode | pyoxigraph.BlankNode = (
                pyoxigraph.BlankNode(subject[2:])
                if subject.startswith("_:")
                else pyoxigraph.NamedNode(subject)
            )
            for predicate, obj in self.graph.out[subject]:
                triples.append(pyoxigraph.Triple(node, pyoxigraph.NamedNode(predicate), obj))
                if isinstance(obj, pyoxigraph.BlankNode):
                    pending.append(_key(obj))
        pointed = sorted(
            {t.object.value for t in triples if isinstance(t.object, pyoxigraph.NamedNode)} - seen
        )
        for iri in pointed:
            for literal in self.graph.literals(iri, PREF):
                triples.append(
                    pyoxigraph.Triple(
                        pyoxigraph.NamedNode(iri), pyoxigraph.NamedNode(PREF), literal
                    )
                )
        return triples

    def entity_files(self, doc: str) -> None:
        triples = self.description(doc)
        dataset = pyoxigraph.Dataset(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in triples
        )
        turtle, _ = export.serialize(dataset, "ttl")
        document = _prune_context(json.loads(export.serialize(dataset, "jsonld")[0]))
        # The document's own resources first, then the labels of what they point at.
        own = {curie(iri).strip("<>") for iri in self.docs[doc]} | {curie(doc).strip("<>")}
        own |= set(self.docs[doc]) | {doc}
        document["@graph"].sort(key=lambda node: node.get("id") not in own)
        path = (
            self.entities[doc].path
            if doc in self.entities
            else self.entities[self.docs[doc][0]].path
        )
        stem = path[: -len(".html")]
        self.write(f"{stem}.ttl", turtle)
        self.write(f"{stem}.jsonld", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        name = posixpath.basename(stem)
        head = (
            f'<link rel="alternate" type="text/turtle" href="{_e(name)}.ttl">\n'
            f'<link rel="alternate" type="application/ld+json" href="{_e(name)}.jsonld">\n'
            f'<script type="application/ld+json">{_script_json(document)}</script>\n'
        )
        if self.is_hash_doc(doc):
            self.ontology_page(doc, path, head)
        else:
            self.entity_page(doc, path, head)

    def formats(self, path: str) -> str:
        name = posixpath.basename(path)[: -len(".html")]
        return (
            f'<p class="formats">{_e(self.ui["formats"])}: '
            f'<a href="{_e(name)}.ttl" type="text/turtle">Turtle</a> · '
            f'<a href="{_e(name)}.jsonld" type="application/ld+json">JSON-LD</a></p>'
        )

    def header(self, page: str, iri: str) -> str:
        """Other-language name, acronyms, IRI, types and the RDF links of a resource."""
        parts = []
        other = self.other_label(iri)
        if other:
            parts.append(f'<p class="alt" lang="{self.other_lang}">{_e(other)}</p>')
        names = self.acronyms(iri)
        if names:
            parts.append(f'<p class="alt">{_e(self.ui["also"])}: {_e(" · ".join(names))}</p>')
        parts.append(f'<p class="iri"><code>{_e(iri)}</code></p>')
        types = sorted(self.graph.types(iri), key=lambda t: (_sort_key(self.label(t)[0]), t))
        if types:
            chips = "".join(f"<li>{self.link(page, t)}</li>" for t in types)
            parts.append(f'<ul class="chips" aria-label="{_e(self.ui["types"])}">{chips}</ul>')
        return "\n".join(parts)

    def descriptions(self, iri: str) -> str:
        """The description-like texts of a resource, in the page language first."""
        blocks = []
        for predicate in DESCRIPTIONS:
            literals = sorted(
                self.graph.literals(iri, predicate),
                key=lambda lit: ((lit.language or "") != self.lang, lit.language or "", lit.value),
            )
            for literal in literals:
                attrs = self.lang_attr(literal.language)
                text = f"<span{attrs}>{_e(literal.value)}</span>" if attrs else _e(literal.value)
                if predicate in DESCRIPTIONS[:2]:
                    blocks.append(f"<p>{text}</p>")
                else:
                    name = _e(self.label(predicate)[0].capitalize())
                    blocks.append(f'<p class="note">{name}: {text}</p>')
        return f'<div class="lead">{"".join(blocks)}</div>' if blocks else ""

    def evidence(self, page: str, iri: str) -> str:
        """The report section(s) and verbatim quote(s) of a relationship node."""
        sources = sorted(self.graph.iris(iri, SOURCE), key=self.order)
        quotes = self.graph.literals(iri, EVIDENCE)
        if not sources and not quotes:
            return ""
        heading = self.ui["evidence"] if quotes else self.ui["source"]
        parts = [f'<section class="evidence-box"><h2>{_e(heading)}</h2>']
        if sources:
            links = ", ".join(self.link(page, s) for s in sources)
            parts.append(f"<p>{_e(self.ui['source'])}: {links}</p>")
        for quote in quotes:
            parts.append(
                f"<blockquote{self.lang_attr(quote.language)}>{_e(quote.value)}</blockquote>"
            )
        parts.append("</section>")
        return "".join(parts)

    def properties(self, page: str, iri: str) -> str:
        """The table of a resource's other statements, one row per property."""
        skip = {RDF_TYPE, PREF, ALT, RDFS_LABEL, SOURCE, EVIDENCE, *DESCRIPTIONS}
        rows: dict[str, list[Term]] = defaultdict(list)
        for predicate, obj in self.graph.out.get(iri, ()):
            if predicate not in skip:
                rows[predicate].append(obj)
        if not rows:
            return ""
        ordered = sorted(rows, key=lambda p: (_sort_key(self.label(p)[0]), p))
        body = []
        for predicate in ordered:
            values = sorted(
                rows[predicate],
                key=lambda o: (
                    self.order(o.value) if isinstance(o, pyoxigraph.NamedNode) else (),
                    _term_order(o),
                ),
            )
            cells = [self.value(page, v) for v in values]
            shown = (
                cells[0]
                if len(cells) == 1
                else ('<ul class="values">' + "".join(f"<li>{c}</li>" for c in cells) + "</ul>")
            )
            body.append(
                f'<tr><th scope="row">{self.link(page, predicate)}'
                f'<span class="curie">{_e(curie(predicate).strip("<>"))}</span></th>'
                f"<td>{shown}</td></tr>"
            )
        return (
            f"<h2>{_e(self.ui['properties'])}</h2>"
            f'<table class="props"><tbody>{"".join(body)}</tbody></table>'
        )

    def relationship_table(self, page: str, nodes: list[str], link: str, target: str) -> str:
        """Relationship nodes (with evidence) as a table: their other ends, source and quote."""
        columns: set[str] = set()
        for node in nodes:
            for predicate, obj in self.graph.out.get(node, ()):
                if predicate in _NOT_A_COLUMN:
                    continue
                if (
                    predicate == link
                    and isinstance(obj, pyoxigraph.NamedNode)
                    and obj.value == target
                ):
                    continue
                columns.add(predicate)
        ordered = sorted(
            columns,
            key=lambda p: (
                _COLUMN_ORDER.index(p) if p in _COLUMN_ORDER else len(_COLUMN_ORDER),
                _sort_key(self.label(p)[0]),
                p,
            ),
        )
        head = "".join(f'<th scope="col">{_e(self.label(p)[0].capitalize())}</th>' for p in ordered)
        rows = []
        for node in nodes:
            cells = [f"<td>{self.link(page, node)}</td>"]
            for predicate in ordered:
                values = [
                    o
                    for o in self.graph.values(node, predicate)
                    if not (
                        predicate == link
                        and isinstance(o, pyoxigraph.NamedNode)
                        and o.value == target
                    )
                ]
                values.sort(key=_term_order)
                cells.append("<td>" + "<br>".join(self.value(page, v) for v in values) + "</td>")
            sources = sorted(self.graph.iris(node, SOURCE), key=self.order)
            cells.append("<td>" + "<br>".join(self.link(page, s) for s in sources) + "</td>")
            quotes = "".join(
                f"<blockquote{self.lang_attr(q.language)}>{_e(q.value)}</blockquote>"
                for q in self.graph.literals(node, EVIDENCE)
            )
            cells.append(f"<td>{quotes}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f'<table><thead><tr><th scope="col">{_e(self.ui["record"])}</th>{head}'
            f'<th scope="col">{_e(self.ui["source"])}</th>'
            f'<th scope="col">{_e(self.ui["quote"])}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def incoming(self, page: str, iri: str) -> str:
        """Everything that points at a resource, by property and kind of the pointing resource."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for predicate, subject in self.graph.inc.get(iri, ()):
            if subject.startswith("_:"):
                continue
            groups[(predicate, self.kind(subject))].append(subject)
        parts = [f"<h2>{_e(self.ui['incoming'])}</h2>"]
        if not groups:
            parts.append(f'<p class="note">{_e(self.ui["incoming_none"])}</p>')
        kind_rank = {slug: i for i, (slug, *_) in enumerate(KINDS)}
        for predicate, kind in sorted(
            groups, key=lambda g: (kind_rank.get(g[1], 99), _sort_key(self.label(g[0])[0]), g[0])
        ):
            subjects = sorted(set(groups[(predicate, kind)]), key=self.order)
            title = (
                f"{_e(self.kind_title(kind))} · {_e(self.label(predicate)[0])} "
                f'<span class="curie">({_e(curie(predicate).strip("<>"))})</span>'
                f' <span class="note">{len(subjects)}</span>'
            )
            parts.append(f"<h3>{title}</h3>")
            with_evidence = [s for s in subjects if self.graph.literals(s, EVIDENCE)]
            plain = [s for s in subjects if s not in with_evidence]
            if with_evidence:
                parts.append(self.relationship_table(page, with_evidence, predicate, iri))
            if plain:
                parts.append(self.link_list(page, plain))
        return "".join(parts)

    def link_list(self, page: str, iris: Iterable[str]) -> str:
        items = []
        for iri in iris:
            other = self.other_label(iri)
            extra = (
                f' <span class="note" lang="{self.other_lang}">{_e(other)}</span>' if other else ""
            )
            items.append(f"<li>{self.link(page, iri)}{extra}</li>")
        return f'<ul class="links">{"".join(items)}</ul>'

    def crumbs_for(self, kind: str) -> list[tuple[str, str]]:
        crumbs = [("index.html", self.ui["home"])]
        if kind != "ontology":
            crumbs.append((f"type/{kind}.html", self.kind_title(kind)))
        return crumbs

    def entity_page(self, iri: str, path: str, head: str) -> None:
        entity = self.entities[iri]
        name, language = self.label(iri)
        body = "\n".join(
            part
            for part in (
                self.header(path, iri),
                self.formats(path),
                self.descriptions(iri),
                self.evidence(path, iri),
                self.dimension_link(path, iri),
                self.properties(path, iri),
                self.incoming(path, iri),
            )
            if part
        )
        self.page(
            path,
            title=name,
            heading=f"<span{self.lang_attr(language)}>{_e(name)}</span>",
            body=body,
            crumbs=self.crumbs_for(entity.kind),
            head=head,
        )

    def dimension_link(self, page: str, iri: str) -> str:
        """On a dimension's concept page, a link to the dimension's index page."""
        if iri not in self.dimension_list:
            return ""
        target = f"dimension/{posixpath.basename(iri)}.html"
        return (
            f'<p><a href="{_e(self.href(page, target))}">{_e(self.ui["dimension"])}: '
            f"{_e(self.label(iri)[0])} — {_e(self.ui['findings'])}</a></p>"
        )

    # --- the ontology (a document of hash IRIs) -------------------------------------------

    def ontology_page(self, doc: str, path: str, head: str) -> None:
        members = [m for m in self.docs[doc] if self.entities[m].fragment]
        name, language = self.label(doc)
        parts = [self.header(path, doc) if doc in self.graph.out else "", self.formats(path)]
        parts.append(self.descriptions(doc))
        if doc in self.graph.out:
            parts.append(self.properties(path, doc))
        owl = _NS["owl"]
        groups: list[tuple[str, list[str]]] = [
            (self.ui["classes"], []),
            (self.ui["props"], []),
            (self.ui["other_terms"], []),
        ]
        for member in members:
            types = set(self.graph.types(member))
            if types & {owl + "Class", _NS["rdfs"] + "Class"}:
                groups[0][1].append(member)
            elif any(t.endswith("Property") for t in types):
                groups[1][1].append(member)
            else:
                groups[2][1].append(member)
        groups = [
            (title, sorted(terms, key=lambda t: (_sort_key(self.label(t)[0]), t)))
            for title, terms in groups
            if terms
        ]
        for title, terms in groups:  # a table of contents
            links = " · ".join(self.link(path, term) for term in terms)
            parts.append(f"<p><strong>{_e(title)}:</strong> {links}</p>")
        for title, terms in groups:
            parts.append(f"<h2>{_e(title)}</h2>")
            for term in terms:
                parts.append(self.term_section(path, term))
        parts.append(self.axioms(path))
        if OWL_ONTOLOGY in self.graph.types(doc):
            parts.append(self.schemes(path))
        self.page(
            path,
            title=name,
            heading=f"<span{self.lang_attr(language)}>{_e(name)}</span>",
            body="\n".join(p for p in parts if p),
            crumbs=self.crumbs_for("ontology"),
            head=head,
        )

    def term_section(self, page: str, term: str) -> str:
        entity = self.entities[term]
        name, language = self.label(term)
        parts = [
            f'<section class="term" id="{_e(entity.fragment)}">'
            f"<h3><span{self.lang_attr(language)}>{_e(name)}</span> "
            f'<span class="curie">{_e(curie(term).strip("<>"))}</span></h3>',
            self.header(page, term),
            self.descriptions(term),
            self.properties(page, term).replace("<h2>", "<h4 hidden>").replace("</h2>", "</h4>"),
        ]
        instances = self.graph.subjects(RDF_TYPE, term)
        if instances:
            kind = self.kind(instances[0])
            count = f"{_e(self.ui['instances'])}: {len(instances)}"
            if kind in self.kinds:
                target = self.href(page, f"type/{kind}.html")
                count = f'<a href="{_e(target)}">{count}</a>'
            parts.append(f"<p>{count}</p>")
        uses = Counter(p for s in self.graph.out for p, _ in self.graph.out[s] if p == term)
        if uses[term]:
            parts.append(f'<p class="note">{uses[term]} {_e(self.ui["triples"])}</p>')
        parts.append("</section>")
        return "".join(p for p in parts if p)

    def axioms(self, page: str) -> str:
        """Statements about the reused vocabularies' terms (subjects outside the base)."""
        rows = []
        for subject, statements in self.graph.out.items():
            if subject.startswith((self.base, "_:")):
                continue
            for predicate, obj in statements:
                rows.append(
                    f"<tr><td>{self.link(page, subject)} "
                    f'<span class="curie">{_e(curie(subject).strip("<>"))}</span></td>'
                    f"<td>{self.link(page, predicate)}</td><td>{self.value(page, obj)}</td></tr>"
                )
        if not rows:
            return ""
        return f"<h2>{_e(self.ui['axioms'])}</h2><table><tbody>{''.join(rows)}</tbody></table>"

    def schemes(self, page: str) -> str:
        schemes = sorted(
            (s for s in self.graph.subjects(RDF_TYPE, CONCEPT_SCHEME) if s in self.entities),
            key=lambda s: (_sort_key(self.label(s)[0]), s),
        )
        if not schemes:
            return ""
        parts = [f"<h2>{_e(self.ui['schemes'])}</h2>"]
        for scheme in schemes:
            concepts = set(self.graph.subjects(IN_SCHEME, scheme))
            definition = self.graph.text(scheme, _NS["skos"] + "definition", self.lang)
            parts.append(
                f"<h3>{self.link(page, scheme)} "
                f'<span class="curie">{_e(curie(scheme).strip("<>"))}</span></h3>'
            )
            if definition is not None:
                parts.append(f"<p{self.lang_attr(definition.language)}>{_e(definition.value)}</p>")
            parts.append(self.concept_tree(page, scheme, concepts))
        return "".join(parts)

    def concept_tree(self, page: str, scheme: str, concepts: set[str]) -> str:
        """Concepts as a nested list: top concepts (or those without a broader one) first."""
        children: dict[str, list[str]] = defaultdict(list)
        roots = []
        for concept in concepts:
            parents = [b for b in self.graph.iris(concept, BROADER) if b in concepts]
            if parents:
                for parent in parents:
                    children[parent].append(concept)
            else:
                roots.append(concept)

        def tree(items: list[str], seen: frozenset[str]) -> str:
            out = []
            for concept in sorted(items, key=self.order):
                nested = [c for c in children.get(concept, []) if c not in seen]
                inner = tree(nested, seen | {concept}) if nested else ""
                out.append(f"<li>{self.link(page, concept)}{inner}</li>")
            return f"<ul>{''.join(out)}</ul>"

        return tree(roots, frozenset())

    # --- indexes --------------------------------------------------------------------------

    def type_index(self, kind: str, members: list[str]) -> None:
        path = f"type/{kind}.html"
        context = _INDEX_CONTEXT.get(kind)
        head = [self.ui["name"], self.ui["english"], self.ui["acronym"]]
        if context:
            head.append(self.label(context)[0].capitalize())
        head.append(self.ui["identifier"])
        rows = []
        for iri in members:
            cells = [
                self.link(path, iri),
                f'<span lang="{self.other_lang}">{_e(self.other_label(iri) or "")}</span>',
                _e(" · ".join(self.acronyms(iri))),
            ]
            if context:
                values = sorted(self.graph.iris(iri, context), key=self.order)
                cells.append("<br>".join(self.link(path, v) for v in values))
            cells.append(f"<code>{_e(curie(iri).strip('<>'))}</code>")
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        title = self.kind_title(kind)
        body = (
            f'<p class="note">{len(members)} {_e(self.ui["entities"])}</p>'
            "<table><thead><tr>"
            + "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
            + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        self.page(
            path,
            title=title,
            heading=_e(title),
            body=body,
            crumbs=[("index.html", self.ui["home"])],
        )

    def findings_of(self, dimension: str) -> list[str]:
        finding = _NS["gg"] + "Finding"
        return sorted(
            (s for s in self.graph.subjects(SUBJECT, dimension) if finding in self.graph.types(s)),
            key=self.order,
        )

    def dimension_page(self, dimension: str) -> None:
        slug = posixpath.basename(dimension)
        path = f"dimension/{slug}.html"
        name, language = self.label(dimension)
        parts = [self.header(path, dimension), self.descriptions(dimension)]
        findings = self.findings_of(dimension)
        by_assessment: dict[str, list[str]] = defaultdict(list)
        for finding in findings:
            for assessment in self.graph.iris(finding, ASSESSMENT) or [""]:
                by_assessment[assessment].append(finding)
        parts.append(f"<h2>{_e(self.ui['findings'])} ({len(findings)})</h2>")
        for assessment in sorted(by_assessment, key=lambda a: self.order(a) if a else ()):
            if assessment:
                parts.append(
                    f"<h3>{self.link(path, assessment)} ({len(by_assessment[assessment])})</h3>"
                )
            for finding in by_assessment[assessment]:
                parts.append(self.finding_block(path, finding))
        related: dict[str, list[str]] = defaultdict(list)
        sections: list[str] = []
        for subject in sorted(set(self.graph.subjects(SUBJECT, dimension)), key=self.order):
            if subject not in self.entities or subject in findings:
                continue
            kind = self.kind(subject)
            (sections if kind == "section" else related[kind]).append(subject)
        if related:
            parts.append(f"<h2>{_e(self.ui['related'])}</h2>")
            for slug_, *_ in KINDS:
                if related.get(slug_):
                    parts.append(f"<h3>{_e(self.kind_title(slug_))} ({len(related[slug_])})</h3>")
                    parts.append(self.link_list(path, related[slug_]))
        if sections:
            parts.append(f"<h2>{_e(self.ui['sections'])}</h2>")
            parts.append(self.link_list(path, sections))
        self.page(
            path,
            title=name,
            heading=(
                f"{_e(self.ui['dimension'])}: <span{self.lang_attr(language)}>{_e(name)}</span>"
            ),
            body="\n".join(p for p in parts if p),
            crumbs=[("index.html", self.ui["home"])],
        )

    def finding_block(self, page: str, finding: str) -> str:
        parts = [f'<article class="finding"><h4>{self.link(page, finding)}</h4>']
        text = self.graph.text(finding, DESCRIPTIONS[0], self.lang)
        if text is not None:
            parts.append(f"<p{self.lang_attr(text.language)}>{_e(text.value)}</p>")
        for quote in self.graph.literals(finding, EVIDENCE):
            parts.append(
                f"<blockquote{self.lang_attr(quote.language)}>{_e(quote.value)}</blockquote>"
            )
        sources = sorted(self.graph.iris(finding, SOURCE), key=self.order)
        if sources:
            links = ", ".join(self.link(page, s) for s in sources)
            parts.append(f'<p class="note">{_e(self.ui["source"])}: {links}</p>')
        mentioned = sorted(self.graph.iris(finding, MENTIONS), key=self.order)
        if mentioned:
            links = " · ".join(self.link(page, m) for m in mentioned)
            parts.append(f'<p class="note">{_e(self.ui["mentions"])}: {links}</p>')
        parts.append("</article>")
        return "".join(parts)

    # --- data files -----------------------------------------------------------------------

    def network(self) -> None:
        """The councils view as network.html (self-contained; vis-network inlined)."""
        from govgraph import render
        from govgraph.network import project
        from govgraph.store import OxigraphBackend

        store = pyoxigraph.Store()
        store.extend(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in self.graph.triples
        )
        try:
            view = project("councils", OxigraphBackend(store), lang=self.lang)
            page = render.render(view, lang=self.lang)
        except GovgraphError as exc:
            raise PublishError(f"cannot draw the councils network: {exc}") from exc
        self.write("network.html", page)

    def dumps(self) -> None:
        for fmt, _ in DUMPS:
            body, _ = export.serialize(self.dataset, fmt)
            self.write(f"dumps/govgraph.{fmt}", body)

    def void_turtle(self) -> str:
        """VoID and DCAT: size, classes and properties, vocabularies, dumps, licence, source."""
        base = self.base
        dataset = _ttl_iri(base + "void.ttl#dataset")
        triples = self.graph.triples
        classes = Counter(
            t.object.value
            for t in triples
            if t.predicate.value == RDF_TYPE and isinstance(t.object, pyoxigraph.NamedNode)
        )
        properties = Counter(t.predicate.value for t in triples)
        used = (
            set(properties)
            | set(classes)
            | {
                t.object.value
                for t in triples
                if t.predicate.value in (_NS["rdfs"] + "subClassOf", _NS["rdfs"] + "subPropertyOf")
                and isinstance(t.object, pyoxigraph.NamedNode)
            }
        )
        vocabularies = [
            vocabulary
            for namespace, vocabulary in VOCABULARIES
            if any(u.startswith(namespace) for u in used)
        ]
        subjects = {_key(t.subject) for t in triples}
        objects = {_key(t.object) for t in triples if not isinstance(t.object, pyoxigraph.Literal)}
        reports = sorted(s for s in self.graph.subjects(RDF_TYPE, _NS["gg"] + "Report"))
        councils = [iri for iri in sorted(self.entities) if self.entities[iri].kind == "council"]
        examples = councils[:3]
        lines = [
            "@prefix void: <http://rdfs.org/ns/void#> .",
            "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
            "@prefix dcterms: <http://purl.org/dc/terms/> .",
            "@prefix foaf: <http://xmlns.com/foaf/0.1/> .",
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
            "",
            f"{_ttl_iri(base + 'void.ttl')} a void:DatasetDescription ;",
            f"    dcterms:title {_ttl_text('Descripción VoID y DCAT de govgraph', 'es')} , "
            f"{_ttl_text('VoID and DCAT description of govgraph', 'en')} ;",
            f"    foaf:primaryTopic {dataset} .",
            "",
            f"{dataset} a void:Dataset , dcat:Dataset ;",
            f"    dcterms:title {_ttl_text('govgraph: ' + UI['es']['tagline'], 'es')} , "
            f"{_ttl_text('govgraph: ' + UI['en']['tagline'], 'en')} ;",
            f"    dcterms:description {_ttl_text(UI['es']['intro'] + '.', 'es')} , "
            f"{_ttl_text(UI['en']['intro'] + '.', 'en')} ;",
            f"    dcterms:license {_ttl_iri(LICENSE)} ;",
            f"    dcterms:rights {_ttl_text(UI['es']['license'], 'es')} , "
            f"{_ttl_text(UI['en']['license'], 'en')} ;",
        ]
        for report in reports:
            if _is_web(report):
                lines.append(f"    dcterms:source {_ttl_iri(report)} ;")
        lines += [
            f"    dcat:landingPage {_ttl_iri(base)} ;",
            f"    foaf:homepage {_ttl_iri(base)} ;",
            f"    void:uriSpace {_ttl_text(base)} ;",
            f"    void:triples {len(triples)} ;",
            f"    void:entities {len(self.entities)} ;",
            f"    void:distinctSubjects {len(subjects)} ;",
            f"    void:distinctObjects {len(objects)} ;",
            f"    void:classes {len(classes)} ;",
            f"    void:properties {len(properties)} ;",
        ]
        for vocabulary in vocabularies:
            lines.append(f"    void:vocabulary {_ttl_iri(vocabulary)} ;")
        for example in examples:
            lines.append(f"    void:exampleResource {_ttl_iri(example)} ;")
        if self.endpoint:
            lines.append(f"    void:sparqlEndpoint {_ttl_iri(self.endpoint)} ;")
        for fmt, _ in DUMPS:
            lines.append(f"    void:dataDump {_ttl_iri(base + 'dumps/govgraph.' + fmt)} ;")
        for fmt, name in DUMPS:
            media = export.FORMATS[fmt]
            size = self.written.get(f"dumps/govgraph.{fmt}", 0)
            lines += [
                "    dcat:distribution [ a dcat:Distribution ;",
                f"        dcterms:title {_ttl_text(name)} ;",
                f"        dcat:downloadURL {_ttl_iri(base + 'dumps/govgraph.' + fmt)} ;",
                f"        dcat:accessURL {_ttl_iri(base + 'dumps/govgraph.' + fmt)} ;",
                f"        dcat:mediaType {_ttl_iri(IANA + media)} ;",
                f"        dcat:byteSize {size} ;",
                f"        dcterms:license {_ttl_iri(LICENSE)} ] ;",
            ]
        for cls, count in sorted(classes.items()):
            lines.append(
                f"    void:classPartition [ void:class {_ttl_iri(cls)} ; void:entities {count} ] ;"
            )
        for prop, count in sorted(properties.items()):
            lines.append(
                f"    void:propertyPartition [ void:property {_ttl_iri(prop)} ; "
                f"void:triples {count} ] ;"
            )
        lines[-1] = lines[-1][: -len(" ;")] + " ."
        return "\n".join(lines) + "\n"

    def server_config(self) -> None:
        self.write(".htaccess", _HTACCESS)
        self.write("nginx.conf", _NGINX)

    # --- home -----------------------------------------------------------------------------

    def home(self, kinds: Mapping[str, list[str]], dimensions: list[str]) -> None:
        path = "index.html"
        ui = self.ui
        parts = []
        reports = sorted(self.graph.subjects(RDF_TYPE, _NS["gg"] + "Report"))
        intro = _e(ui["intro"])
        if reports:
            intro += " " + ", ".join(f"«{self.link(path, r)}»" for r in reports)
        parts.append(
            f'<div class="lead"><p>{intro}.</p><p class="note">{len(self.entities)} '
            f"{_e(ui['entities'])} · {len(self.graph.triples)} {_e(ui['triples'])}</p></div>"
        )
        cards = []
        for kind, members in kinds.items():
            cards.append(
                f'<li><a href="type/{_e(kind)}.html"><span class="count">{len(members)}</span>'
                f"{_e(self.kind_title(kind))}</a></li>"
            )
        parts.append(f'<h2>{_e(ui["indexes"])}</h2><ul class="cards">{"".join(cards)}</ul>')
        if dimensions:
            rows = []
            for dimension in dimensions:
                findings = self.findings_of(dimension)
                assessed = Counter(a for f in findings for a in self.graph.iris(f, ASSESSMENT))
                well = assessed.get(_NS["assess"] + "bien-desarrollado", 0)
                potential = assessed.get(_NS["assess"] + "potencial-desarrollo", 0)
                about = len(set(self.graph.subjects(SUBJECT, dimension)))
                target = f"dimension/{posixpath.basename(dimension)}.html"
                name, language = self.label(dimension)
                rows.append(
                    f'<tr><td><a href="{_e(target)}"{self.lang_attr(language)}>{_e(name)}</a></td>'
                    f'<td class="num">{well}</td><td class="num">{potential}</td>'
                    f'<td class="num">{about}</td></tr>'
                )
            parts.append(
                f"<h2>{_e(ui['dimensions'])}</h2><table><thead><tr>"
                f'<th scope="col">{_e(ui["dimension"])}</th>'
                f'<th scope="col" class="num">{_e(ui["findings"])}: {_e(ui["well"])}</th>'
                f'<th scope="col" class="num">{_e(ui["findings"])}: {_e(ui["potential"])}</th>'
                f'<th scope="col" class="num">{_e(ui["all_about"])}</th>'
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        parts.append(
            f"<h2>{_e(ui['network'])}</h2><p>{_e(ui['network_intro'])} "
            f'<a href="network.html">{_e(ui["network_open"])}</a></p>'
            f'<iframe class="network" src="network.html" title="{_e(ui["network_frame"])}">'
            "</iframe>"
        )
        rows = []
        for fmt, name in DUMPS:
            file = f"dumps/govgraph.{fmt}"
            rows.append(
                f'<tr><td><a href="{file}" type="{_e(export.FORMATS[fmt])}">{_e(file)}</a></td>'
                f"<td>{_e(name)} <code>{_e(export.FORMATS[fmt])}</code></td>"
                f'<td class="num">{_e(_size(self.written[file]))}</td></tr>'
            )
        data = [
            f"<h2>{_e(ui['data'])}</h2>",
            f'<h3>{_e(ui["dumps"])}</h3><table><thead><tr><th scope="col">{_e(ui["file"])}</th>'
            f'<th scope="col">{_e(ui["format"])}</th><th scope="col" class="num">'
            f"{_e(ui['size'])}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>",
            '<ul class="plain">',
            f'<li><a href="void.ttl" type="text/turtle">void.ttl</a> — {_e(ui["void"])}</li>',
        ]
        if self.ontology:
            data.append(f"<li>{self.link(path, self.ontology, ui['ontology'])}</li>")
        context = self.context_path
        data.append(
            f'<li><a href="{_e(context)}" type="application/ld+json">{_e(context)}</a> — '
            f"{_e(ui['context_file'])}</li>"
        )
        if self.endpoint:
            data.append(
                f'<li>{_e(ui["endpoint"])}: <a class="ext" rel="external" '
                f'href="{_e(self.endpoint)}">{_e(self.endpoint)}</a></li>'
            )
        data.append("</ul>")
        data.append(
            f'<p class="note">{_e(ui["conneg"])} <a href=".htaccess" type="text/plain">'
            '.htaccess</a> (Apache) · <a href="nginx.conf" type="text/plain">nginx.conf</a>'
            " (nginx)</p>"
        )
        parts.append("".join(data))
        self.page(
            path,
            title=ui["tagline"],
            heading=f"{_e(ui['site'])}: {_e(ui['tagline'])}",
            body="\n".join(parts),
        )


_HTACCESS = r"""# Content negotiation for a govgraph site on Apache 2.4 (mod_rewrite, mod_headers).
# The server needs "AllowOverride FileInfo Indexes Options=Indexes,MultiViews" (or "All")
# for this directory.
# An IRI such as /id/mx-zac/body/sezami gives sezami.html to browsers, sezami.ttl to clients that
# ask for Turtle and sezami.jsonld to clients that ask for JSON-LD; a request for the file itself
# (sezami.ttl) gives that file. These rules read the Accept header with patterns, not q-values:
# a client that lists text/html gets HTML. `govgraph.publish.NegotiatingHandler` implements the
# same choice with q-values (RFC 9110), HTML first on ties.

Options -MultiViews -Indexes
DirectoryIndex index.html
# A law's IRI is also the directory of its articles: negotiate, do not redirect to law/.
DirectorySlash Off

AddType "text/html; charset=utf-8" .html
AddType "text/turtle; charset=utf-8" .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/n-quads .nq
AddType "text/plain; charset=utf-8" .conf

RewriteEngine On

# Turtle for clients that ask for it and not for HTML.
RewriteCond %{HTTP_ACCEPT} (text/turtle|application/x-turtle) [NC]
RewriteCond %{HTTP_ACCEPT} !text/html [NC]
RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(.+)$ $1.ttl [L,E=NEGOTIATED:1]

# JSON-LD for clients that ask for it (or for JSON) and not for HTML.
RewriteCond %{HTTP_ACCEPT} application/(ld\+)?json [NC]
RewriteCond %{HTTP_ACCEPT} !text/html [NC]
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(.+)$ $1.jsonld [L,E=NEGOTIATED:1]

# HTML for everyone else.
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(.+)$ $1.html [L,E=NEGOTIATED:1]

# The answer to an IRI depends on Accept: tell caches.
Header merge Vary Accept env=REDIRECT_NEGOTIATED
Header merge Vary Accept env=NEGOTIATED
"""

_NGINX = r"""# Content negotiation for a govgraph site on nginx: include in the http block
# (the map) and a server block whose root is the site (the rest).
# An IRI such as /id/mx-zac/body/sezami gives sezami.html to browsers, sezami.ttl to clients that
# ask for Turtle and sezami.jsonld to clients that ask for JSON-LD. These rules read the Accept
# header with patterns, not q-values: a client that lists text/html gets HTML.
# `govgraph.publish.NegotiatingHandler` implements the same choice with q-values.

map $http_accept $govgraph_suffix {
    default                              ".html";
    "~*text/html"                        ".html";
    "~*(text/turtle|application/x-turtle)" ".ttl";
    "~*application/(ld\+)?json"          ".jsonld";
}

server {
    listen 80;
    root /srv/govgraph;            # the directory `govgraph publish` wrote
    index index.html;
    charset utf-8;
    charset_types text/turtle text/plain;   # text/html is always included

    include mime.types;
    types {
        text/turtle            ttl;
        application/ld+json    jsonld;
        application/n-triples  nt;
        application/n-quads    nq;
        text/plain             conf;
    }

    location ~ /\. { deny all; }   # .htaccess is for Apache only

    location / {
        add_header Vary Accept always;
        try_files $uri$govgraph_suffix $uri $uri/ =404;
    }
}
"""


# ---------------------------------------------------------------------------------------------
# Content negotiation (RFC 9110 §12.5.1) and a small HTTP server that applies it
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    kind: str
    subtype: str
    q: float

    def matches(self, media: str) -> int:
        """How specifically this range matches a media type: 3 exact, 2 type/*, 1 */*, 0 not."""
        kind, _, subtype = media.partition("/")
        if self.kind == "*" and self.subtype == "*":
            return 1
        if self.kind == kind and self.subtype == "*":
            return 2
        if self.kind == kind and self.subtype == subtype:
            return 3
        return 0


def _ranges(accept: str) -> list[_Range]:
    """Parse an Accept header; malformed ranges are skipped."""
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        kind, slash, subtype = media.lower().partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append(_Range(kind, subtype, q))
    return ranges


def negotiate(accept: str | None, available: Sequence[str]) -> str | None:
    """Choose among available media types (in the server's order of preference) by Accept.

    No Accept header (or an empty one) takes the first. Each type gets the q-value of the most
    specific range that matches it or one of its aliases (application/json for JSON-LD); the
    highest q wins, ties go to the earlier type; None when every type has q=0 (406).
    """
    if accept is None or not accept.strip():
        return available[0] if available else None
    ranges = _ranges(accept)
    if not ranges:
        return available[0] if available else None
    best, best_q = None, 0.0
    for media in available:
        q = 0.0
        specific = 0
        for name in (media, *MEDIA_ALIASES.get(media, ())):
            for accepted in ranges:
                level = accepted.matches(name)
                if name != media and level < 3:
                    continue  # an alias counts only when named (application/* is not HTML)
                if level > specific or (level == specific and level and accepted.q > q):
                    specific, q = level, accepted.q
        if q > best_q:
            best, best_q = media, q
    return best


class NegotiatingHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a published site: an IRI path without suffix is negotiated by Accept.

    GET /id/mx-zac/body/sezami answers with sezami.html, .ttl or .jsonld (Content-Location,
    Vary: Accept, Link to the alternates); 406 when none is acceptable. Existing files are
    served as they are; dot-files, directory listings and paths outside the site are 404.
    """

    server_version = "govgraph"
    quiet = True
    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}  # noqa: RUF012

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _local(self) -> tuple[Path, str] | None:
        """The file system path of the request and its URL path, or None if it is not allowed."""
        raw = urllib.parse.urlsplit(self.path).path
        decoded = urllib.parse.unquote(raw, errors="strict") if "%" in raw else raw
        if "\x00" in decoded or "\\" in decoded:
            return None
        segments = [s for s in decoded.split("/") if s]
        if any(s.startswith(".") for s in segments):
            return None
        return Path(self.directory).joinpath(*segments), decoded

    def send_head(self) -> IO[bytes] | None:  # type: ignore[override]
        try:
            found = self._local()
        except UnicodeDecodeError:
            found = None
        if found is None:
            self.send_error(404)
            return None
        target, url_path = found
        if url_path.endswith("/") or url_path == "":
            index = target / "index.html"
            if index.is_file():
                return self._file(index)
            self.send_error(404)
            return None
        if target.is_file():
            return self._file(target)
        variants = [
            (media, target.with_name(target.name + suffix))
            for media, suffix in NEGOTIATED
            if target.with_name(target.name + suffix).is_file()
        ]
        if not variants:
            if target.is_dir() and (target / "index.html").is_file():
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_error(404)
            return None
        choice = negotiate(self.headers.get("Accept"), [media for media, _ in variants])
        links = ", ".join(
            f'<{urllib.parse.quote(path.name)}>; rel="alternate"; type="{media}"'
            for media, path in variants
        )
        if choice is None:
            body = (
                "None of the available representations is acceptable:\n"
                + "".join(f"{media}: {path.name}\n" for media, path in variants)
            ).encode("utf-8")
            self.send_response(406)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            self.send_header("Link", links)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None
        path = dict(variants)[choice]
        return self._file(
            path,
            {
                "Vary": "Accept",
                "Content-Location": urllib.parse.quote(path.name),
                "Link": links,
            },
        )

    def _file(self, path: Path, headers: Mapping[str, str] | None = None) -> IO[bytes] | None:
        try:
            handle = path.open("rb")
        except OSError:
            self.send_error(404)
            return None
        stat = os.fstat(handle.fileno())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        return handle

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


def make_server(
    directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 0
) -> http.server.ThreadingHTTPServer:
    """An HTTP server (one thread per request) for a published site; call serve_forever()."""
    root = str(Path(directory).resolve())

    class Handler(NegotiatingHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=root, **kwargs)

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
