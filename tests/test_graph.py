"""The real graph loads the same everywhere, conforms, and answers in public vocabularies only."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph import resources
from govgraph.load import load_graph, load_store
from govgraph.store import MemoryBackend, OxigraphBackend
from govgraph.validate import validate

QUERIES = resources.queries_dir()

# One defect per SPARQL check, added on top of the real graph.
DEFECTS = """
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix eli:     <http://data.europa.eu/eli/ontology#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gg:      <https://w3id.org/govgraph/ontology#> .
@prefix level:   <https://w3id.org/govgraph/vocab/level/> .
@prefix role:    <https://w3id.org/govgraph/vocab/role/> .
@prefix x:       <https://w3id.org/govgraph/id/test/> .
@prefix report:  <https://w3id.org/govgraph/id/mx-zac/report/> .
@prefix body:    <https://w3id.org/govgraph/id/mx-zac/body/> .
@prefix council: <https://w3id.org/govgraph/id/mx-zac/council/> .

x:empty-council a gg:Council , org:OrganizationalCollaboration ;
    skos:prefLabel "Consejo vacío"@es , "Empty council"@en ;
    org:classification level:estatal ; dcterms:description "Sin integrantes."@es ;
    dcterms:source report:sec-2-1 .

x:no-role a org:Membership ;
    skos:prefLabel "Sin cargo"@es ;
    org:organization council:covam ; org:member body:sezami , body:sezami ;
    dcterms:source report:sec-2-1 ; gg:evidence "Es presidido por la SEZAMI"@es .

x:no-source a org:Membership ;
    skos:prefLabel "Sin fuente"@es ;
    org:organization council:covam ; org:member body:uaz ; org:role role:integrante ;
    gg:evidence "Es presidido por la SEZAMI"@es .

x:orphan-article a eli:LegalResourceSubdivision ;
    skos:prefLabel "Artículo huérfano"@es , "Orphan article"@en ;
    eli:is_part_of x:not-a-law ; eli:number "9" ;
    eli:type_subdivision <https://w3id.org/govgraph/vocab/subdivision/articulo> ;
    eli:description "No pertenece a ninguna ley."@es .

x:not-a-law a eli:LegalResourceSubdivision ;
    skos:prefLabel "Tampoco es ley"@es , "Not a law either"@en ;
    eli:number "1" ; eli:type_subdivision <https://w3id.org/govgraph/vocab/subdivision/articulo> ;
    eli:description "Sin ley."@es .

x:english-only a gg:Finding ;
    skos:prefLabel "Only English"@en .

x:bare-program a gg:Program ;
    skos:prefLabel "Programa sin tipo público"@es , "Program without its public type"@en ;
    dcterms:description "Solo gg:Program."@es ; dcterms:source report:sec-4-1 .
"""


@pytest.fixture(scope="module")
def backends() -> tuple[OxigraphBackend, MemoryBackend]:
    """The real graph in both backends."""
    return OxigraphBackend.load(), MemoryBackend.load()


def test_rdflib_and_oxigraph_load_the_same_graph() -> None:
    """Same triple count in rdflib and pyoxigraph, file by file and in total."""
    sources = resources.default_sources()
    assert len(load_graph(sources)) == len(load_store(sources)) > 5000
    for path in sorted(resources.data_dir().rglob("*.ttl")):
        assert len(load_graph([path])) == len(load_store([path])), path


def test_real_graph_conforms() -> None:
    """SHACL shapes and every SPARQL check pass on the bundled graph."""
    report = validate()
    assert report.violations == []
    assert report.conforms
    assert report.checks == len(list(resources.checks_dir().glob("*-violation.rq")))
    # the only warnings are programs for which the report names no operator
    assert {w.path for w in report.warnings} == {"http://data.europa.eu/m8g/hasCompetentAuthority"}


def test_each_check_catches_its_defect(tmp_path: Path) -> None:
    """Every kind of defect the checks target is reported, with its focus node."""
    defects = tmp_path / "defects.ttl"
    defects.write_text(DEFECTS, encoding="utf-8")
    report = validate([*resources.default_sources(), defects])
    found = {(v.focus.rsplit("/", 1)[-1], v.source.rsplit("/", 1)[-1]) for v in report.violations}
    assert {
        ("empty-council", "council-without-members-violation.rq"),
        ("no-role", "membership-without-role-violation.rq"),
        ("no-source", "relationship-without-source-violation.rq"),
        ("orphan-article", "article-not-in-law-violation.rq"),
        ("english-only", "missing-spanish-label-violation.rq"),
        ("bare-program", "missing-public-type-violation.rq"),
    } <= found
    assert not report.conforms


def test_org_only_query_lists_every_council(
    backends: tuple[OxigraphBackend, MemoryBackend],
) -> None:
    """ORG + skos:prefLabel alone give each council's members and roles; both backends agree."""
    sparql = (QUERIES / "council-members-org.rq").read_text(encoding="utf-8")
    oxigraph, memory = backends
    rows = oxigraph.query(sparql).rows
    assert rows == memory.query(sparql).rows
    councils = {r[1] for r in rows}
    # of 11: the Sistema Estatal de Protección Civil, the SIPINNA and the Sistema Nacional de
    # Búsqueda have no stated members
    assert len(councils) == 8
    consejo = {
        (r[3], r[5])
        for r in rows
        if r[1] == "Consejo Interinstitucional de Atención a los Zacatecanos Migrantes"
    }
    assert ("Secretaría del Zacatecano Migrante", "Presidencia") in consejo
    assert ("Coordinación Estatal de Planeación", "Secretaría Ejecutiva") in consejo
    assert {m for m, role in consejo if role == "Vocal"} == {
        "Secretaría de Salud",
        "Secretaría de Educación",
        "Secretaría de Desarrollo Social",
        "Secretaría de Economía del Estado de Zacatecas",
    }
    assert len(consejo) == 11


def test_eli_only_query_lists_laws_with_articles(
    backends: tuple[OxigraphBackend, MemoryBackend],
) -> None:
    """ELI alone gives each law with its cited articles and fractions."""
    sparql = (QUERIES / "law-articles-eli.rq").read_text(encoding="utf-8")
    oxigraph, memory = backends
    rows = oxigraph.query(sparql).rows
    assert rows == memory.query(sparql).rows
    laws = {r[1] for r in rows}
    assert "Ley para la Atención de los Zacatecanos Migrantes y sus Familias" in laws
    assert len(laws) >= 15
    assert len({r[2] for r in rows}) == 52
    assert all(r[5] for r in rows)  # every subdivision carries its summary


def test_class_of_actors_without_sector_needs_a_note(tmp_path: Path) -> None:
    """A group states one sector, or none with an editorial note (a mixed class)."""
    defects = tmp_path / "groups.ttl"
    defects.write_text(
        """
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gg:      <https://w3id.org/govgraph/ontology#> .
@prefix juris:   <https://w3id.org/govgraph/vocab/jurisdiction/> .
@prefix x:       <https://w3id.org/govgraph/id/mx-zac/group/> .

x:no-sector a gg:ActorGroup , foaf:Group ;
    gg:jurisdiction juris:mx-zac ;
    skos:prefLabel "Sin sector"@es , "No sector"@en ;
    dcterms:identifier "mx-zac/group/no-sector" ; dcterms:title "Sin sector"@es ;
    dcterms:description "Sin sector ni nota."@es .

x:mixed a gg:ActorGroup , foaf:Group ;
    gg:jurisdiction juris:mx-zac ;
    skos:prefLabel "Mixta"@es , "Mixed"@en ;
    dcterms:identifier "mx-zac/group/mixed" ; dcterms:title "Mixta"@es ;
    dcterms:description "Varios sectores."@es ;
    skos:editorialNote "Clase mixta: sectores público, privado y social."@es .
""",
        encoding="utf-8",
    )
    report = validate([*resources.default_sources(), defects])
    focus = {v.focus.rsplit("/", 1)[-1] for v in report.violations}
    assert focus == {"no-sector"}
