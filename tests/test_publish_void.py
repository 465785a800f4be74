"""void.ttl against the official DCAT-AP 3.0.1 shapes, its counts and distributions against the
files they describe; the site's ontology.ttl and .jsonld against ontology/govgraph.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic

from conftest import ONTOLOGY, REPO
from govgraph import publish
from govgraph.load import discover
from govgraph.resources import ontology_sources
from publish_support import BASE, DCAT, DCTERMS, MINI, SKOS, VOID

DCAT_AP = REPO / "tests" / "standards" / "dcat-ap"
SHAPES = ("dcat-ap-3.0.1_html_shacl_shapes.ttl", "dcat-ap-3.0.1_html_shacl_range.ttl")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCATAP = rdflib.Namespace("http://data.europa.eu/r5r/")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
EU = "http://publications.europa.eu/resource/authority/"
GG_REPORT = rdflib.URIRef("https://w3id.org/govgraph/ontology#Report")
# What each dump's extension is, as an IANA media type and an EU file type.
EXPECTED = {
    "ttl": ("text/turtle", "RDF_TURTLE"),
    "nt": ("application/n-triples", "RDF_N_TRIPLES"),
    "nq": ("application/n-quads", "RDF_N_QUADS"),
    "jsonld": ("application/ld+json", "JSON_LD"),
}
DATASET = rdflib.URIRef(f"{BASE}void.ttl#dataset")


@pytest.fixture(scope="module", name="site")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled graph published once for this module."""
    out = tmp_path_factory.mktemp("void") / "site"
    publish.publish(out)
    return out


@pytest.fixture(scope="module", name="void")
def fixture_void(site: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(site / "void.ttl", format="turtle")


def violations(data: rdflib.Graph) -> list[str]:
    """The DCAT-AP 3.0.1 violations of a graph (official shapes and ranges, no inference)."""
    from pyshacl import validate

    shapes = rdflib.Graph()
    for name in SHAPES:
        shapes.parse(DCAT_AP / name, format="turtle")
    _, results, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    return sorted(
        f"{results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: "
        f"{results.value(r, SH.resultMessage)}"
        for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
        if results.value(r, SH.resultSeverity) == SH.Violation
    )


def test_the_shapes_are_the_official_ones() -> None:
    """The shapes are those of DCAT-AP 3.0.1, and they catch what they must (not vacuous)."""
    shapes = (DCAT_AP / SHAPES[0]).read_text("utf-8")
    assert ":Dataset_Shape" in shapes
    assert "xsd:nonNegativeInteger" in shapes
    assert "SEMICeu/DCAT-AP" in (DCAT_AP / "LICENSE-NOTE.md").read_text("utf-8")
    bad = rdflib.Graph().parse(
        data=f"""@prefix dcat: <{DCAT}> . @prefix dct: <{DCTERMS}> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:x:d> a dcat:Dataset ; dct:title "t" ; dct:description "d" ;
            dct:source <urn:x:report> ; dcat:distribution <urn:x:f> .
        <urn:x:f> a dcat:Distribution ; dcat:accessURL <urn:x:u> ;
            dcat:byteSize "3"^^xsd:integer ; dct:license <urn:x:l> .""",
        format="turtle",
    )
    found = violations(bad)
    assert len(found) == 3, found  # source not a Dataset, byteSize datatype, untyped licence


def test_void_passes_the_dcat_ap_3_0_1_shapes(void: rdflib.Graph) -> None:
    assert violations(void) == []


def test_distributions_match_their_files(site: Path, void: rdflib.Graph) -> None:
    """Each dump: its media type and EU file type are those of its extension, the file parses
    in that media type, and byteSize (xsd:nonNegativeInteger) is its size."""
    seen = set()
    for distribution in void.objects(DATASET, DCAT.distribution):
        url = str(void.value(distribution, DCAT.downloadURL))
        assert url.startswith(f"{BASE}dumps/govgraph.")
        path = site / url[len(BASE) :]
        media, file_type = EXPECTED[path.suffix[1:]]
        seen.add(path.suffix[1:])
        media_type = void.value(distribution, DCAT.mediaType)
        assert str(media_type) == f"https://www.iana.org/assignments/media-types/{media}"
        assert (media_type, rdflib.RDF.type, DCTERMS.MediaType) in void
        file_format = void.value(distribution, DCTERMS["format"])
        assert str(file_format) == f"{EU}file-type/{file_type}"
        assert (file_format, SKOS.inScheme, rdflib.URIRef(f"{EU}file-type")) in void
        rdf_format = pyoxigraph.RdfFormat.from_media_type(media)
        assert rdf_format is not None
        assert sum(1 for _ in pyoxigraph.parse(path=str(path), format=rdf_format)) > 6000
        size = void.value(distribution, DCAT.byteSize)
        assert size.datatype == XSD.nonNegativeInteger
        assert size.toPython() == path.stat().st_size
        availability = void.value(distribution, DCATAP.availability)
        assert str(availability) == f"{EU}planned-availability/AVAILABLE"
        assert len(list(void.objects(distribution, DCTERMS.description))) == 2  # es, en
    assert seen == set(EXPECTED)


def test_void_counts_are_the_real_ones(site: Path, void: rdflib.Graph) -> None:
    """void:triples is the number of distinct triples of the graph (the N-Triples dump's
    lines); the VoID counts stay xsd:integer."""
    dataset = publish.load_dataset()
    triples = len({quad.triple for quad in dataset})
    assert void.value(DATASET, VOID.triples).toPython() == triples
    lines = (site / "dumps/govgraph.nt").read_text("utf-8").splitlines()
    assert len([line for line in lines if line.strip()]) == triples
    for name in ("triples", "entities", "distinctSubjects", "distinctObjects", "classes"):
        assert void.value(DATASET, VOID[name]).datatype == XSD.integer, name
    assert (rdflib.URIRef(f"{BASE}void.ttl"), rdflib.RDF.type, VOID.DatasetDescription) in void


def test_dataset_says_who_what_where_and_when(void: rdflib.Graph, site: Path) -> None:
    publisher = void.value(DATASET, DCTERMS.publisher)
    assert (publisher, rdflib.RDF.type, FOAF.Agent) in void
    assert str(void.value(publisher, FOAF.name)) == "govgraph"
    contact = void.value(DATASET, DCAT.contactPoint)
    assert (contact, rdflib.RDF.type, VCARD.Kind) in void
    assert void.value(contact, VCARD.hasURL) == rdflib.URIRef(BASE)
    keywords = {(k.language, str(k)) for k in void.objects(DATASET, DCAT.keyword)}
    assert {("es", "migración"), ("en", "migration"), ("es", "Zacatecas")} <= keywords
    themes = set(void.objects(DATASET, DCAT.theme))
    assert {rdflib.URIRef(f"{EU}data-theme/SOCI"), rdflib.URIRef(f"{EU}data-theme/GOVE")} == themes
    assert void.value(DATASET, DCTERMS.spatial) == rdflib.URIRef(f"{EU}country/MEX")
    period = void.value(DATASET, DCTERMS.temporal)
    assert (period, rdflib.RDF.type, DCTERMS.PeriodOfTime) in void
    assert void.value(period, DCAT.startDate) == rdflib.Literal("2023", datatype=XSD.gYear)
    assert void.value(period, DCAT.endDate) == rdflib.Literal("2023", datatype=XSD.gYear)
    # the year the report describes: it cites a reform of July 2023 and nothing later
    report_text = (REPO / "data/source/igm-local-zacatecas.txt").read_text("utf-8")
    assert "1 julio 2023" in report_text
    assert "sesiones en 2022 ni 2023" in report_text
    landing = void.value(DATASET, DCAT.landingPage)
    assert landing == rdflib.URIRef(BASE)
    assert (landing, rdflib.RDF.type, FOAF.Document) in void
    assert (site / "index.html").is_file()
    licence = rdflib.URIRef(publish.LICENSE)
    assert (licence, rdflib.RDF.type, DCTERMS.LicenseDocument) in void
    # The report is related and the graph derived from it; dct:source is for datasets only.
    report = rdflib.URIRef(f"{BASE}id/mx-zac/report/igm-zacatecas")
    assert (DATASET, DCTERMS.relation, report) in void
    assert (DATASET, PROV.wasDerivedFrom, report) in void
    assert void.value(DATASET, DCTERMS.source) is None
    assert (report, rdflib.RDF.type, GG_REPORT) in rdflib.Graph().parse(
        site / "id/mx-zac/report/igm-zacatecas.ttl", format="turtle"
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("suffix", ["ttl", "jsonld"])
def test_site_ontology_holds_every_triple_of_the_ontology_file(site: Path, suffix: str) -> None:
    """ontology.ttl and .jsonld hold every triple the ontology files (ontology/*.ttl and the
    vocabularies) state about the ontology's terms (gg:..., whichever file declares them) and
    about reused terms (org:OrganizationalCollaboration rdfs:subClassOf org:Organization, the
    SDMX terms of the statistics); anything more is a skos:prefLabel of something they point at."""
    files = discover(ontology_sources())
    stated = rdflib.Graph()
    for path in files:
        stated.parse(path, format="turtle")
    ontology = "https://w3id.org/govgraph/ontology"
    source = rdflib.Graph()
    for triple in stated:
        subject = str(triple[0])
        if (
            subject == ontology
            or subject.startswith(ontology + "#")
            or not subject.startswith(BASE)
        ):
            source.add(triple)
    fmt = "json-ld" if suffix == "jsonld" else "turtle"
    site_graph = rdflib.Graph().parse(site / f"ontology.{suffix}", format=fmt)
    _, only_site, only_source = graph_diff(site_graph, source)
    assert sorted(only_source) == []
    assert {p for _, p, _ in only_site} <= {SKOS.prefLabel}
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    axiom = (org.OrganizationalCollaboration, rdflib.RDFS.subClassOf, org.Organization)
    assert axiom in site_graph
    outside = {s for s in source.subjects() if not str(s).startswith(BASE)}
    assert len(outside) >= 7
    if not only_site:
        assert isomorphic(site_graph, source)


def test_another_graph_with_an_endpoint_passes_too(tmp_path: Path) -> None:
    """The small fixture graph under the default base, with a SPARQL endpoint announced."""
    endpoint = "https://sparql.example.org/govgraph/query"
    summary = publish.publish(
        tmp_path / "site", paths=MINI, ontology=[ONTOLOGY], sparql_endpoint=endpoint
    )
    void = rdflib.Graph().parse(summary.outdir / "void.ttl", format="turtle")
    assert str(void.value(DATASET, VOID.sparqlEndpoint)) == endpoint
    assert violations(void) == []
