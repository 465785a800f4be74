"""The VoID and DCAT description of the site's dataset (void.ttl), as triples."""

from __future__ import annotations

from collections import Counter

import pyoxigraph

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
DCTERMS = _NS["dcterms"]
FOAF = "http://xmlns.com/foaf/0.1/"
XSD_INTEGER = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

Node = pyoxigraph.NamedNode | pyoxigraph.BlankNode
Object = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


def _iri(value: str) -> pyoxigraph.NamedNode:
    """An IRI node."""
    return pyoxigraph.NamedNode(value)


def _text(value: str, lang: str | None = None) -> pyoxigraph.Literal:
    """A string literal, in lang when given."""
    return pyoxigraph.Literal(value, language=lang) if lang else pyoxigraph.Literal(value)


def _number(value: int) -> pyoxigraph.Literal:
    """An xsd:integer literal."""
    return pyoxigraph.Literal(str(value), datatype=XSD_INTEGER)


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
        reports = sorted(self.graph.subjects(RDF_TYPE, _NS["gg"] + "Report"))
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
        for lang in ("es", "en"):
            add(dataset, DCTERMS + "title", _text("govgraph: " + UI[lang]["tagline"], lang))
            add(dataset, DCTERMS + "description", _text(UI[lang]["intro"] + ".", lang))
            add(dataset, DCTERMS + "rights", _text(UI[lang]["license"], lang))
        add(dataset, DCTERMS + "license", _iri(LICENSE))
        for report in reports:
            if _is_web(report):
                add(dataset, DCTERMS + "source", _iri(report))
        add(dataset, DCAT + "landingPage", _iri(base))
        add(dataset, FOAF + "homepage", _iri(base))
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
        for fmt, name in DUMPS:
            dump = _iri(base + "dumps/govgraph." + fmt)
            add(dataset, VOID + "dataDump", dump)
            distribution = pyoxigraph.BlankNode(f"dump-{fmt}")
            add(dataset, DCAT + "distribution", distribution)
            add(distribution, RDF_TYPE, _iri(DCAT + "Distribution"))
            add(distribution, DCTERMS + "title", _text(name))
            add(distribution, DCAT + "downloadURL", dump)
            add(distribution, DCAT + "accessURL", dump)
            add(distribution, DCAT + "mediaType", _iri(IANA + FORMATS[fmt]))
            size = self.written.get(f"dumps/govgraph.{fmt}", 0)
            add(distribution, DCAT + "byteSize", _number(size))
            add(distribution, DCTERMS + "license", _iri(LICENSE))
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

    def void_turtle(self) -> bytes:
        """void.ttl: the description in Turtle, written by the exporter."""
        dataset = pyoxigraph.Dataset(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in self.void_triples()
        )
        prefixes = {**EXPORT_PREFIXES, "void": VOID, "dcat": DCAT}
        return serialize(dataset, "ttl", prefixes=prefixes)[0]
