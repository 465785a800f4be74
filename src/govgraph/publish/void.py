"""The VoID and DCAT description of the site's dataset (void.ttl), as triples.

The DCAT part follows DCAT-AP 3.0.1 (its official SHACL shapes pass on void.ttl). What it says
about the dataset beyond its counts is fixed here, because it holds for the bundled graph:
published by the govgraph project (contact: the site itself), keywords, the EU data themes
"Population and society" and "Government and public sector", Mexico as spatial coverage and
2023 as temporal coverage (the report describes migration governance in Zacatecas as of 2023:
the latest date it cites is a reform of 1 July 2023, and it finds no sessions of a committee
"en 2022 ni 2023").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pyoxigraph

from govgraph.namespaces import LANGS
from govgraph.publish.core import _Core
from govgraph.publish.export import EXPORT_PREFIXES, FORMATS, serialize
from govgraph.publish.graph import _is_web, _key
from govgraph.publish.terms import (
    _NS,
    DUMPS,
    IANA,
    LICENSE,
    RDF_TYPE,
    VOCABULARIES,
)
from govgraph.publish.ui import UI

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCATAP = "http://data.europa.eu/r5r/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
DCTERMS = _NS["dcterms"]
FOAF = _NS["foaf"]
SKOS = _NS["skos"]
PROV = _NS["prov"]
XSD = _NS["xsd"]
# The EU Vocabularies' authority tables DCAT-AP names for themes, places, formats, availability.
EU = "http://publications.europa.eu/resource/authority/"
# Each concept with its labels in those tables (skos:Concept needs a skos:prefLabel).
THEMES: dict[str, dict[str, str]] = {
    EU + "data-theme/SOCI": {"es": "Población y sociedad", "en": "Population and society"},
    EU + "data-theme/GOVE": {
        "es": "Gobierno y sector público",
        "en": "Government and public sector",
    },
}
SPATIAL = EU + "country/MEX"
TEMPORAL = "2023"  # xsd:gYear: the year the report describes (see the module's docstring)
# "Data is available for a few years, medium term planning" (DCAT-AP's availability list).
AVAILABILITY = EU + "planned-availability/AVAILABLE"
# The EU file type of each dump (DUMPS) and its words in the distribution's description.
FILE_TYPES: dict[str, tuple[str, str, str]] = {
    "ttl": ("RDF_TURTLE", "en Turtle", "in Turtle"),
    "nt": (
        "RDF_N_TRIPLES",
        "en N-Triples, una tripleta por línea",
        "in N-Triples, one triple a line",
    ),
    "nq": (
        "RDF_N_QUADS",
        "en N-Quads: la ontología y los vocabularios en un grafo con nombre aparte de los datos",
        "in N-Quads: the ontology and vocabularies in a named graph apart from the data",
    ),
    "jsonld": ("JSON_LD", "en JSON-LD", "in JSON-LD"),
}
KEYWORDS = {
    "es": ("migración", "gobernanza de la migración", "Zacatecas", "México", "datos enlazados"),
    "en": ("migration", "migration governance", "Zacatecas", "Mexico", "linked data"),
}
# CC BY 4.0 in ADMS's licence types: reuse requires attribution.
ADMS_LICENCE_TYPES = "http://purl.org/adms/licencetype/1.0"
ATTRIBUTION = "http://purl.org/adms/licencetype/Attribution"
PUBLISHER = "govgraph"  # the project that builds and publishes the graph

Node = pyoxigraph.NamedNode | pyoxigraph.BlankNode
Object = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
Add = Callable[[Node, str, Object], None]


def _iri(value: str) -> pyoxigraph.NamedNode:
    """An IRI node."""
    return pyoxigraph.NamedNode(value)


def _text(value: str, lang: str | None = None) -> pyoxigraph.Literal:
    """A string literal, in lang when given."""
    return pyoxigraph.Literal(value, language=lang) if lang else pyoxigraph.Literal(value)


def _number(value: int, datatype: str = "integer") -> pyoxigraph.Literal:
    """An integer literal (xsd:integer, or the XSD datatype named)."""
    return pyoxigraph.Literal(str(value), datatype=_iri(XSD + datatype))


class _Void(_Core):
    """The VoID and DCAT description of the dataset."""

    def void_triples(self) -> list[pyoxigraph.Triple]:
        """VoID and DCAT: size, classes and properties, vocabularies, dumps, licence, source."""
        base = self.base
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
        subjects = {_key(t.subject) for t in triples}
        objects = {_key(t.object) for t in triples if not isinstance(t.object, pyoxigraph.Literal)}
        councils = [iri for iri in sorted(self.entities) if self.entities[iri].kind == "council"]
        out: list[pyoxigraph.Triple] = []

        def add(subject: Node, predicate: str, obj: Object) -> None:
            out.append(pyoxigraph.Triple(subject, _iri(predicate), obj))

        description = _iri(base + "void.ttl")
        dataset = _iri(base + "void.ttl#dataset")
        add(description, RDF_TYPE, _iri(VOID + "DatasetDescription"))
        add(description, DCTERMS + "title", _text("Descripción VoID y DCAT de govgraph", "es"))
        add(description, DCTERMS + "title", _text("VoID and DCAT description of govgraph", "en"))
        add(description, FOAF + "primaryTopic", dataset)
        add(dataset, RDF_TYPE, _iri(VOID + "Dataset"))
        add(dataset, RDF_TYPE, _iri(DCAT + "Dataset"))
        self.dcat_dataset(add, dataset)
        add(dataset, VOID + "uriSpace", _text(base))
        for name, count in (
            ("triples", len(triples)),
            ("entities", len(self.entities)),
            ("distinctSubjects", len(subjects)),
            ("distinctObjects", len(objects)),
            ("classes", len(classes)),
            ("properties", len(properties)),
        ):
            add(dataset, VOID + name, _number(count))
        for namespace, vocabulary in VOCABULARIES:
            if any(u.startswith(namespace) for u in used):
                add(dataset, VOID + "vocabulary", _iri(vocabulary))
        for example in councils[:3]:
            add(dataset, VOID + "exampleResource", _iri(example))
        if self.endpoint:
            add(dataset, VOID + "sparqlEndpoint", _iri(self.endpoint))
        self.distributions(add, dataset)
        for number, (cls, count) in enumerate(sorted(classes.items())):
            partition = pyoxigraph.BlankNode(f"class-{number}")
            add(dataset, VOID + "classPartition", partition)
            add(partition, VOID + "class", _iri(cls))
            add(partition, VOID + "entities", _number(count))
        for number, (prop, count) in enumerate(sorted(properties.items())):
            partition = pyoxigraph.BlankNode(f"property-{number}")
            add(dataset, VOID + "propertyPartition", partition)
            add(partition, VOID + "property", _iri(prop))
            add(partition, VOID + "triples", _number(count))
        return out

    def dcat_dataset(self, add: Add, dataset: pyoxigraph.NamedNode) -> None:
        """DCAT-AP: titles, descriptions, keywords, publisher, contact, themes, coverage,
        licence and rights, landing page, and the report the graph is taken from."""
        base = self.base
        for lang in LANGS:
            add(dataset, DCTERMS + "title", _text("govgraph: " + UI[lang]["tagline"], lang))
            add(dataset, DCTERMS + "description", _text(UI[lang]["intro"] + ".", lang))
            for keyword in KEYWORDS[lang]:
                add(dataset, DCAT + "keyword", _text(keyword, lang))
        rights = pyoxigraph.BlankNode("rights")
        add(rights, RDF_TYPE, _iri(DCTERMS + "RightsStatement"))
        for lang in LANGS:
            add(rights, _NS["rdfs"] + "label", _text(UI[lang]["license"], lang))
        add(dataset, DCTERMS + "rights", rights)
        add(dataset, DCTERMS + "license", _iri(LICENSE))
        add(_iri(LICENSE), RDF_TYPE, _iri(DCTERMS + "LicenseDocument"))
        add(_iri(LICENSE), DCTERMS + "type", _iri(ATTRIBUTION))
        self.concept(add, ATTRIBUTION, ADMS_LICENCE_TYPES, {"en": "Attribution"})
        # The report is a document, not a dcat:Dataset (the range DCAT-AP gives dct:source):
        # DCAT-AP's "related resource" (dct:relation) takes any resource, and PROV says how.
        for report in sorted(self.graph.subjects(RDF_TYPE, _NS["gg"] + "Report")):
            if _is_web(report):
                add(dataset, DCTERMS + "relation", _iri(report))
                add(dataset, PROV + "wasDerivedFrom", _iri(report))
        home = _iri(base)
        add(dataset, DCAT + "landingPage", home)
        add(dataset, FOAF + "homepage", home)
        add(home, RDF_TYPE, _iri(FOAF + "Document"))
        publisher = _iri(base + "void.ttl#publisher")
        add(dataset, DCTERMS + "publisher", publisher)
        add(publisher, RDF_TYPE, _iri(FOAF + "Agent"))
        add(publisher, FOAF + "name", _text(PUBLISHER))
        add(publisher, FOAF + "homepage", home)
        contact = _iri(base + "void.ttl#contact")
        add(dataset, DCAT + "contactPoint", contact)
        add(contact, RDF_TYPE, _iri(VCARD + "Kind"))
        add(contact, VCARD + "fn", _text(PUBLISHER))
        add(contact, VCARD + "hasURL", home)
        for theme, labels in THEMES.items():
            add(dataset, DCAT + "theme", _iri(theme))
            self.concept(add, theme, EU + "data-theme", labels)
        add(dataset, DCTERMS + "spatial", _iri(SPATIAL))
        add(_iri(SPATIAL), RDF_TYPE, _iri(DCTERMS + "Location"))
        add(_iri(SPATIAL), SKOS + "inScheme", _iri(EU + "country"))
        add(_iri(SPATIAL), SKOS + "prefLabel", _text("México", "es"))
        add(_iri(SPATIAL), SKOS + "prefLabel", _text("Mexico", "en"))
        period = pyoxigraph.BlankNode("temporal")
        add(dataset, DCTERMS + "temporal", period)
        add(period, RDF_TYPE, _iri(DCTERMS + "PeriodOfTime"))
        year = pyoxigraph.Literal(TEMPORAL, datatype=_iri(XSD + "gYear"))
        add(period, DCAT + "startDate", year)
        add(period, DCAT + "endDate", year)

    def distributions(self, add: Add, dataset: pyoxigraph.NamedNode) -> None:
        """A dcat:Distribution per dump: format, media type, size, availability, licence."""
        base = self.base
        for fmt, name in DUMPS:
            dump = _iri(base + "dumps/govgraph." + fmt)
            file_type, es, en = FILE_TYPES[fmt]
            add(dataset, VOID + "dataDump", dump)
            distribution = pyoxigraph.BlankNode(f"dump-{fmt}")
            add(dataset, DCAT + "distribution", distribution)
            add(distribution, RDF_TYPE, _iri(DCAT + "Distribution"))
            add(distribution, DCTERMS + "title", _text(name))
            add(distribution, DCTERMS + "description", _text(f"El grafo completo {es}.", "es"))
            add(distribution, DCTERMS + "description", _text(f"The whole graph {en}.", "en"))
            add(distribution, DCAT + "downloadURL", dump)
            add(distribution, DCAT + "accessURL", dump)
            media_type = _iri(IANA + FORMATS[fmt])
            add(distribution, DCAT + "mediaType", media_type)
            add(media_type, RDF_TYPE, _iri(DCTERMS + "MediaType"))
            file_format = _iri(EU + "file-type/" + file_type)
            add(distribution, DCTERMS + "format", file_format)
            add(file_format, RDF_TYPE, _iri(DCTERMS + "MediaTypeOrExtent"))
            add(file_format, SKOS + "inScheme", _iri(EU + "file-type"))
            size = self.written.get(f"dumps/govgraph.{fmt}", 0)
            add(distribution, DCAT + "byteSize", _number(size, "nonNegativeInteger"))
            add(distribution, DCATAP + "availability", _iri(AVAILABILITY))
            add(distribution, DCTERMS + "license", _iri(LICENSE))
            add(distribution, DCTERMS + "rights", pyoxigraph.BlankNode("rights"))
        self.concept(add, AVAILABILITY, EU + "planned-availability", {"en": "available"})

    @staticmethod
    def concept(add: Add, iri: str, scheme: str, labels: dict[str, str]) -> None:
        """A concept of an EU authority table: a skos:Concept in its scheme, with its labels."""
        add(_iri(iri), RDF_TYPE, _iri(SKOS + "Concept"))
        add(_iri(iri), SKOS + "inScheme", _iri(scheme))
        for lang, label in labels.items():
            add(_iri(iri), SKOS + "prefLabel", _text(label, lang))

    def void_turtle(self) -> bytes:
        """void.ttl: the description in Turtle, written by the exporter."""
        dataset = pyoxigraph.Dataset(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in self.void_triples()
        )
        prefixes = {
            **EXPORT_PREFIXES,
            "void": VOID,
            "dcat": DCAT,
            "dcatap": DCATAP,
            "vcard": VCARD,
        }
        return serialize(dataset, "ttl", prefixes=prefixes)[0]
