"""Issue 11: the graph is what official validators and plain RDFS reasoners accept.

The official CPSV-AP 3.2.0 SHACL shapes (SEMIC, copied verbatim under tests/standards/cpsv-ap/)
pass on `govgraph export -f ttl`, ELI terms stay within ELI's domains (law titles on law
expressions, eli:amended_by), RDFS entailment with ORG's domains and ranges makes no class of
actors or concept an organisation, CPOV's one alternative label per language holds, and the
names moved to skos:hiddenLabel still name their entities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import owlrl
import pytest
import rdflib
from click.testing import CliRunner
from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from govgraph import resources
from govgraph.cli import govgraph
from govgraph.namespaces import EU_LANGUAGES, curie, expand
from govgraph.publish.export import export
from govgraph.resolve import Resolver
from govgraph.store import OxigraphBackend
from govgraph.synth import generate

CPSV_AP = Path(__file__).parent / "standards" / "cpsv-ap" / "cpsv-ap-3.2.0-SHACL.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
GG = Namespace("https://w3id.org/govgraph/ontology#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
# The domains and ranges W3C ORG declares for the properties the graph uses (as the
# acceptance check states them): what a plain RDFS reasoner concludes from ORG data.
ORG_AXIOMS = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
org:classification rdfs:domain org:Organization ; rdfs:range skos:Concept .
org:organization rdfs:domain org:Membership ; rdfs:range org:Organization .
org:member rdfs:domain org:Membership ; rdfs:range foaf:Agent .
org:subOrganizationOf rdfs:domain org:Organization ; rdfs:range org:Organization .
org:role rdfs:domain org:Membership ; rdfs:range org:Role .
org:postIn rdfs:domain org:Post ; rdfs:range org:Organization .
org:siteOf rdfs:domain org:Site ; rdfs:range org:Organization .
foaf:member rdfs:domain foaf:Group ; rdfs:range foaf:Agent .
"""
# Names that were a second skos:altLabel in one language and are skos:hiddenLabel now.
MOVED = {
    "Federación": "mx-body:gobierno-federal",
    "Instituto Nacional de Estadística, Geografía e Informática": "mx-body:inegi",
    "STyPS": "mx-body:stps",
    "Telecomm": "mx-body:finabien",
    "Telecomunicaciones de México": "mx-body:finabien",
    "Poder Ejecutivo del Estado": "body:gobierno-zacatecas",
    "Gobernador del Estado": "post:gobernador",  # a post in the state government now
    "SEDIF": "body:dif-zacatecas",
    "Sistema Integral para el Desarrollo de la Familia": "body:dif-zacatecas",
    "Comisión de Derechos Humanos": "body:cdhez",
    "Fiscalía General de Justicia del Estado": "body:fiscalia-general-zacatecas",
    "Coordinación de Protección Civil": "body:coordinacion-proteccion-civil",
    "C/106/40": "int-law:migof-2015",
    "Objetivos de Desarrollo Sostenible": "int-law:agenda-2030",
    "Decreto SIPINNAZ-009/1SO/2022": "law:acuerdo-sipinnaz-009-2022",
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The bundled graph as `govgraph export -f ttl` writes it, read back with rdflib."""
    path = tmp_path_factory.mktemp("standards") / "all.ttl"
    export("ttl", path)
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def violations(data: Graph) -> list[tuple[str, str, str]]:
    """(focus, path, constraint) of each sh:Violation of the official CPSV-AP 3.2.0 shapes,
    run as the acceptance check runs them (no inference)."""
    shapes = Graph()
    shapes.parse(CPSV_AP, format="turtle")
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        found.append(
            (
                str(results.value(result, SH.focusNode)),
                str(results.value(result, SH.resultPath)),
                str(results.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            )
        )
    return found


def unexplained(data: Graph, found: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The violations left once the documented kind is set aside: a program whose report names
    no competent public authority, which says so in a skos:editorialNote."""
    return [
        v
        for v in found
        if not (
            v[1] == str(CV.hasCompetentAuthority)
            and v[2] == "MinCountConstraintComponent"
            and (URIRef(v[0]), SKOS.editorialNote, None) in data
        )
    ]


# --- (a) the official CPSV-AP 3.2.0 shapes ----------------------------------------------------


def test_the_copied_shapes_are_the_official_release() -> None:
    note = (CPSV_AP.parent / "LICENSE-NOTE.md").read_text(encoding="utf-8")
    assert "releases/3.2.0/shacl/cpsv-ap-SHACL.ttl" in note
    assert "CC BY 4.0" in note
    shapes = Graph()
    shapes.parse(CPSV_AP, format="turtle")
    targets = set(shapes.objects(None, SH.targetClass))
    assert {CV.PublicOrganisation, URIRef("http://purl.org/vocab/cpsv#PublicService")} <= targets


def test_cpsv_ap_shapes_pass_on_the_exported_graph(exported: Graph) -> None:
    found = violations(exported)
    assert unexplained(exported, found) == []
    # the documented kind: 14 programs (PTAT, the scholarships, the OIM's strategy, the UAZ's
    # program, the Programa de Apoyo al Empleo...) with no competent public authority in the
    # report, each with a note
    allowed = {curie(focus) for focus, _, _ in found}
    assert len(found) == len(allowed) == 14
    assert {"mx-program:ptat", "int-program:estrategia-gobernanza-migratoria-local"} <= allowed
    assert "program:extension-lenguas-uaz" in allowed


def test_agents_and_programs_carry_what_cpsv_ap_asks(exported: Graph) -> None:
    """dcterms:identifier (the path after /id/) and dcterms:title on every agent and program,
    dcterms:spatial (a jurisdiction, a dcterms:Location) on every public organisation."""
    agents = {
        s
        for cls in (ORG.Organization, ORG.OrganizationalCollaboration, GG.ActorGroup)
        for s in exported.subjects(RDF.type, cls)
    }
    programs = set(exported.subjects(RDF.type, GG.Program))
    assert (len(agents), len(programs)) == (129, 27)
    for entity in agents | programs:
        assert [str(i) for i in exported.objects(entity, DCTERMS.identifier)] == [
            str(entity).split("/id/", 1)[1]
        ]
        spanish = exported.value(entity, DCTERMS.title)
        assert isinstance(spanish, Literal)
        assert spanish.language == "es"
        assert (entity, SKOS.prefLabel, spanish) in exported
    public = set(exported.subjects(RDF.type, CV.PublicOrganisation))
    assert len(public) == 83
    for body in public:
        places = list(exported.objects(body, DCTERMS.spatial))
        assert len(places) == 1
        assert (places[0], RDF.type, DCTERMS.Location) in exported


def test_non_public_operators_take_part_as_participants(exported: Graph) -> None:
    """The UAZ is no cv:PublicOrganisation: it runs its program as a cv:Participation with the
    role of operator, and the program says why in a note. The OIM's strategy names no operator
    (the report thanks the State for its commitment to it): neither authority nor operator."""
    strategy = URIRef(expand("int-program:estrategia-gobernanza-migratoria-local"))
    assert exported.value(strategy, CV.hasCompetentAuthority) is None
    assert exported.value(strategy, CV.hasParticipation) is None
    assert "no nombra quién la opera" in str(exported.value(strategy, SKOS.editorialNote))
    for program, agent in (("program:extension-lenguas-uaz", "body:uaz"),):
        iri = URIRef(expand(program))
        assert exported.value(iri, CV.hasCompetentAuthority) is None
        participation = exported.value(iri, CV.hasParticipation)
        assert exported.value(participation, CV.hasParticipant) == URIRef(expand(agent))
        assert exported.value(participation, CV.role) == URIRef(expand("role:operacion"))
        assert "cv:hasParticipation" in str(exported.value(iri, SKOS.editorialNote))
    for authority in exported.objects(None, CV.hasCompetentAuthority):
        assert (authority, RDF.type, CV.PublicOrganisation) in exported


def test_programs_are_related_as_cpsv_ap_relates_services(exported: Graph) -> None:
    """cv:relatedService (and gg:partOfProgram, which gives the direction), never the
    dcterms:isPartOf that CPSV-AP keeps for a dcat:Dataset."""
    programs = set(exported.subjects(RDF.type, GG.Program))
    assert not [p for p in programs if (p, DCTERMS.isPartOf, None) in exported]
    parts = set(exported.subject_objects(GG.partOfProgram))
    assert len(parts) == 6
    assert parts == set(exported.subject_objects(CV.relatedService))


def test_cpsv_ap_shapes_pass_on_a_synthetic_graph(tmp_path: Path) -> None:
    """The generator writes the same profile: nothing to explain on one synthetic state."""
    synthetic = tmp_path / "synthetic.nt"
    generate(1, synthetic)
    out = tmp_path / "all.ttl"
    export("ttl", out, paths=resources.default_sources([synthetic]))
    graph = Graph()
    graph.parse(out, format="turtle")
    assert violations(graph) == []
    assert not list(graph.triples((None, URIRef(str(ELI) + "is_amended_by"), None)))
    assert not [
        s
        for s in graph.subjects(ELI.title, None)
        if (s, RDF.type, ELI.LegalExpression) not in graph
    ]


# --- (b) RDFS entailment with ORG's domains and ranges ----------------------------------------


def test_rdfs_makes_no_class_of_actors_or_concept_an_organisation(exported: Graph) -> None:
    closure = Graph()
    for triple in exported:
        closure.add(triple)
    closure.parse(data=ORG_AXIOMS, format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(closure)
    organisations = set(closure.subjects(RDF.type, ORG.Organization))
    groups = set(exported.subjects(RDF.type, GG.ActorGroup))
    concepts = set(exported.subjects(RDF.type, SKOS.Concept))
    posts = set(exported.subjects(RDF.type, ORG.Post))
    sites = set(exported.subjects(RDF.type, ORG.Site))
    assert (len(groups), len(posts), len(sites)) == (26, 8, 1)
    assert len(concepts) > 50
    assert not groups & organisations
    assert not concepts & organisations
    assert not (posts | sites) & organisations
    # every organisation the reasoner finds was stated as one (or as a kind of one)
    stated = {
        s
        for cls in (ORG.Organization, ORG.OrganizationalCollaboration, CV.PublicOrganisation)
        for s in exported.subjects(RDF.type, cls)
    }
    assert organisations == stated
    assert not list(exported.subject_objects(ORG.classification)) or all(
        s in stated for s, _ in exported.subject_objects(ORG.classification)
    )
    assert len(set(exported.subjects(GG.classification, None))) == 25  # the classes of actors


# --- (c) ELI -----------------------------------------------------------------------------------


def test_eli_terms_stay_in_their_domains(exported: Graph) -> None:
    assert not list(exported.triples((None, URIRef(str(ELI) + "is_amended_by"), None)))
    assert list(exported.subject_objects(ELI.amended_by)) == [
        (URIRef(expand("law:ley-atencion-migrantes-2018")), URIRef(expand("law:decreto-800-2022")))
    ]
    titled = set(exported.subjects(ELI.title, None))
    assert titled
    assert all((s, RDF.type, ELI.LegalExpression) in exported for s in titled)


def test_every_law_has_a_spanish_expression_with_its_title(exported: Graph) -> None:
    laws = {
        law
        for law in exported.subjects(RDF.type, ELI.LegalResource)
        if (law, RDF.type, ELI.LegalResourceSubdivision) not in exported
    }
    assert len(laws) == 63
    spanish = URIRef(EU_LANGUAGES["es"])
    for law in laws:
        texts = list(exported.objects(law, ELI.is_realized_by))
        assert texts == [URIRef(f"{law}/spa")], law
        text = texts[0]
        assert (text, RDF.type, ELI.LegalExpression) in exported
        assert exported.value(text, ELI.realizes) == law
        assert exported.value(text, ELI.language) == spanish
        title = exported.value(text, ELI.title)
        assert isinstance(title, Literal)
        assert title.language == "es"
        assert (law, SKOS.prefLabel, None) in exported  # the toolkit's label stays on the law


def test_jurisdictions_and_subdivision_types_are_typed_as_eli_says(exported: Graph) -> None:
    for concept in ("juris:int", "juris:mx", "juris:mx-zac"):
        assert (URIRef(expand(concept)), RDF.type, ELI.AdministrativeArea) in exported
    kinds = set(exported.objects(None, ELI.type_subdivision))
    assert kinds
    assert all((k, RDF.type, ELI.SubdivisionType) in exported for k in kinds)


# --- (d) one skos:altLabel per language (CPOV) ----------------------------------------------


def test_no_resource_has_two_alternative_labels_in_one_language(exported: Graph) -> None:
    per_language: Counter[tuple[str, str]] = Counter()
    for subject, label in exported.subject_objects(SKOS.altLabel):
        assert isinstance(label, Literal)
        per_language[(str(subject), label.language or "")] += 1
    assert [key for key, n in per_language.items() if n > 1] == []
    hidden: dict[str, set[str]] = defaultdict(set)
    for subject, label in exported.subject_objects(SKOS.hiddenLabel):
        hidden[curie(str(subject))].add(str(label))
    assert {"STyPS", "Telecomm"} <= hidden["mx-body:stps"] | hidden["mx-body:finabien"]
    assert {curie(expand(iri)) for iri in MOVED.values()} <= set(hidden)


# --- (e) the names that moved still name their entities --------------------------------------


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(OxigraphBackend.load())


@pytest.mark.parametrize("name", sorted(MOVED))
def test_a_moved_name_still_resolves(resolver: Resolver, name: str) -> None:
    assert curie(resolver.resolve(name)) == MOVED[name]


def test_every_hidden_label_resolves_to_its_entity(resolver: Resolver) -> None:
    graph = rdflib.Graph()
    for path in sorted((Path(__file__).parents[1] / "data" / "ttl").rglob("*.ttl")):
        graph.parse(path, format="turtle")
    pairs = [(str(s), str(o)) for s, o in graph.subject_objects(SKOS.hiddenLabel)]
    assert len(pairs) >= 20
    for entity, name in pairs:
        assert resolver.resolve(name) == entity, name


def test_the_cli_finds_moved_names() -> None:
    runner = CliRunner()
    search = runner.invoke(govgraph, ["search", "Telecomm", "--format", "csv"])
    assert search.exit_code == 0, search.output
    assert "mx-body:finabien" in search.stdout
    described = runner.invoke(govgraph, ["describe", "Poder Ejecutivo del Estado"])
    assert described.exit_code == 0, described.output
    assert "skos:hiddenLabel" in described.stdout
    assert "out\tdcterms:identifier\tmx-zac/body/gobierno-zacatecas" in described.stdout
    programs = runner.invoke(
        govgraph, ["query", "body-programs", "-p", "body=STyPS", "--format", "csv"]
    )
    assert programs.exit_code == 0, programs.output
    assert "mx-program:programa-apoyo-empleo" in programs.stdout


def test_expressions_are_named_by_their_iri_only(resolver: Resolver) -> None:
    """A law's text is not what a name stands for: search finds the law, its CURIE the text."""
    text = "law:ley-atencion-migrantes-2018/spa"
    assert resolver.resolve(text) == expand(text)
    found = [curie(m.iri) for m in resolver.search("Ley para la Atención de los Zacatecanos")]
    assert "law:ley-atencion-migrantes-2018" in found
    assert text not in found
    law = resolver.resolve("Ley para la Atención de los Zacatecanos Migrantes", "law")
    assert curie(law) == "law:ley-atencion-migrantes-2018"
