"""Jurisdictions are first-class (issue 12): shared IRIs, gg:jurisdiction, named graphs, old IRIs.

On the bundled graph: every entity and relationship node belongs to one jurisdiction, the one
its IRI and its data folder name; the federal and international entities live once, under
id/mx/ and id/int/; each folder is a named graph of the published dataset; the IRIs the shared
entities had in the Zacatecas profile still reach them (resolver, describe, the site's
redirect pages). With the generator: two synthetic states and Zacatecas name one INM.
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import REPO
from govgraph import publish, resources, synth
from govgraph.load import graph_of, load_dataset, load_graph
from govgraph.namespaces import (
    DEFAULT_DATA_GRAPH,
    ID_BASE,
    ONTOLOGY_GRAPH,
    PREFIXES,
    T,
    data_graph,
    expand,
)
from govgraph.resolve import Resolver
from govgraph.store import IRI, OxigraphBackend
from govgraph.validate import validate
from publish_support import (
    Page,
    cli,
    fixture_built,  # noqa: F401 - a fixture
    fixture_pages,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
)

JURIS = PREFIXES["juris"]
GG_JURISDICTION = rdflib.URIRef(T.gg_jurisdiction)
INM = expand("mx-body:inm")
# The entities that moved to the shared levels (scripts/move_shared.py), by level and kind.
SHARED = {
    "mx": {"body": 30, "council": 2, "law": 27, "program": 9, "funding": 1},
    "int": {"body": 7, "law": 5, "program": 1},
}


def folders() -> dict[str, rdflib.Graph]:
    """The bundled data by folder (jurisdiction)."""
    root = resources.data_dir()
    return {path.name: load_graph([path]) for path in sorted(root.iterdir()) if path.is_dir()}


@pytest.fixture(scope="module", name="graphs")
def fixture_graphs() -> dict[str, rdflib.Graph]:
    return folders()


@pytest.fixture(scope="module", name="kg")
def fixture_kg() -> OxigraphBackend:
    return OxigraphBackend.load()


def jurisdiction_of(iri: str) -> str:
    return iri.removeprefix(ID_BASE).split("/", 1)[0]


def test_every_entity_has_one_jurisdiction_the_one_its_iri_and_folder_name(
    graphs: dict[str, rdflib.Graph],
) -> None:
    """Every typed IRI under id/ is in the folder of the jurisdiction its IRI names, and
    carries gg:jurisdiction of it, once (whatever folder states it)."""
    whole = rdflib.Graph()
    for graph in graphs.values():
        whole += graph
    assert set(graphs) == {"int", "mx", "mx-zac"}
    typed = 0
    for folder, graph in graphs.items():
        for subject in set(graph.subjects(rdflib.RDF.type)):
            iri = str(subject)
            if not iri.startswith(ID_BASE):
                continue
            typed += 1
            assert jurisdiction_of(iri) == folder, iri
            assert list(whole.objects(subject, GG_JURISDICTION)) == [
                rdflib.URIRef(JURIS + folder)
            ], iri
    assert typed > 600
    # and nothing else carries one
    carriers = {str(s) for s in whole.subjects(GG_JURISDICTION)}
    assert all(s.startswith(ID_BASE) for s in carriers)


def test_shared_levels_hold_what_exists_beyond_one_state(
    graphs: dict[str, rdflib.Graph],
) -> None:
    """The federal and international entities live once, under id/mx/ and id/int/; a shared
    file never points into a profile (what a report says of them stays in its folder)."""
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    old = {str(s): str(o) for s, o in graphs["mx-zac"].subject_objects(rdflib.OWL.sameAs)}
    for new in old.values():
        level, kind, rest = new.removeprefix(ID_BASE).split("/", 2)
        if "/" not in rest:
            found[level][kind] += 1
    assert {level: dict(kinds) for level, kinds in found.items()} == SHARED
    assert len(old) == 135  # the entities, their articles and their law texts
    for level in ("mx", "int"):
        for s, p, o in graphs[level]:
            assert jurisdiction_of(str(o)) != "mx-zac" or not str(o).startswith(ID_BASE), (s, p)
    # a state body is never shared: every shared body is federal or international
    whole = graphs["mx"] + graphs["int"]
    levels = {
        str(o).rsplit("/", 1)[-1]
        for s in whole.subjects(rdflib.RDF.type, rdflib.URIRef(T.org_Organization))
        for o in whole.objects(s, rdflib.URIRef(T.org_classification))
        if str(o).startswith(PREFIXES["level"])
    }
    assert levels == {"federal", "internacional"}


def test_the_move_is_exact_and_rerunning_it_changes_nothing() -> None:
    """scripts/move_shared.py checks its result against the graph it started from; run on
    the moved data it finds nothing to move."""
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "move_shared.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


# --- named graphs ---------------------------------------------------------------------------


def test_each_folder_is_a_named_graph_of_the_published_dataset(
    graphs: dict[str, rdflib.Graph],
) -> None:
    dataset = load_dataset()
    by_graph: dict[str, rdflib.Graph] = defaultdict(rdflib.Graph)
    for quad in dataset:
        by_graph[str(quad.graph_name.value)].parse(
            data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt"
        )
    assert set(by_graph) == {ONTOLOGY_GRAPH} | {data_graph(j) for j in ("int", "mx", "mx-zac")}
    for jurisdiction, graph in graphs.items():
        assert isomorphic(by_graph[data_graph(jurisdiction)], graph), jurisdiction


@pytest.mark.parametrize("cache", [False, True], ids=["memory", "cache"])
def test_the_store_holds_each_jurisdiction_in_its_named_graph(
    graphs: dict[str, rdflib.Graph], cache: bool
) -> None:
    """Queries with GRAPH see one jurisdiction; without, the union: locally as when served."""
    backend = OxigraphBackend.load(cache=cache)
    sizes = dict(
        backend.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    )
    assert set(sizes) == {ONTOLOGY_GRAPH} | {data_graph(j) for j in ("int", "mx", "mx-zac")}
    for jurisdiction, graph in graphs.items():
        assert int(sizes[data_graph(jurisdiction)] or 0) == len(graph), jurisdiction
    assert backend.triple_count() == sum(int(n or 0) for n in sizes.values())
    # SEZAMI is stated in the state's graph only; the INM in the federal one
    ask = "SELECT ?body ?g WHERE { GRAPH ?g { ?body a ?type } } LIMIT 1"
    sezami = expand("body:sezami")
    assert backend.query(ask, {"body": IRI(sezami)}).rows == [(sezami, data_graph("mx-zac"))]
    assert backend.query(ask, {"body": IRI(INM)}).rows == [(INM, data_graph("mx"))]


def test_a_triple_stated_in_two_graphs_is_kept_in_one(tmp_path: Path) -> None:
    """Oxigraph's union of graphs repeats a triple per graph: the loader keeps one copy, in the
    larger graph, so counts over the union stay right (the rdflib graph counts it once too)."""
    inm = f'<{INM}> <{PREFIXES["skos"]}prefLabel> "Instituto Nacional de Migración"@es .\n'
    (tmp_path / "mx-aaa").mkdir()
    (tmp_path / "mx-aaa" / "restated.nt").write_text(inm, "utf-8")
    sources = [*resources.default_sources(), tmp_path / "mx-aaa"]
    backend = OxigraphBackend.load(sources, cache=False)
    count = (
        "SELECT ?inm (COUNT(*) AS ?n) WHERE { ?inm skos:prefLabel ?label "
        "FILTER(LANG(?label) = 'es') } GROUP BY ?inm"
    )
    assert backend.query(count, {"inm": IRI(INM)}).rows == [(INM, "1")]
    where = (
        "SELECT ?inm ?g WHERE { GRAPH ?g { ?inm skos:prefLabel ?label "
        "FILTER(LANG(?label) = 'es') } }"
    )
    assert backend.query(where, {"inm": IRI(INM)}).rows == [(INM, data_graph("mx"))]
    assert backend.triple_count() == len(load_graph(sources))
    served = load_dataset(sources)
    assert len(served) == backend.triple_count()


@pytest.mark.parametrize(
    ("folder", "graph"),
    [
        ("mx-zac", data_graph("mx-zac")),
        ("mx-gua", data_graph("mx-gua")),  # a second state's profile
        ("mx", data_graph("mx")),
        ("int", data_graph("int")),
        ("syn-12", data_graph("syn-12")),  # a synthetic state
        ("perfiles", DEFAULT_DATA_GRAPH),  # not a jurisdiction's identifier
        ("data", DEFAULT_DATA_GRAPH),
        ("MX-ZAC", DEFAULT_DATA_GRAPH),
    ],
)
def test_a_file_goes_to_its_folders_graph(tmp_path: Path, folder: str, graph: str) -> None:
    assert graph_of(tmp_path / folder / "laws.ttl") == graph


# --- old IRIs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("body:inm", "mx-body:inm"),
        ("https://w3id.org/govgraph/id/mx-zac/body/inm", "mx-body:inm"),
        ("<https://w3id.org/govgraph/id/mx-zac/body/oim>", "int-body:oim"),
        ("council:ccpm", "mx-council:ccpm"),
        ("law:cpeum-1917/art-73", "mx-law:cpeum-1917/art-73"),
        ("law:migof-2015", "int-law:migof-2015"),
        ("program:heroes-paisanos", "mx-program:heroes-paisanos"),
        ("funding:ramo-33", "mx-funding:ramo-33"),
        ("juris:internacional", "juris:int"),
    ],
)
def test_an_old_iri_or_curie_resolves_to_the_entity(
    kg: OxigraphBackend, old: str, new: str
) -> None:
    resolver = Resolver(kg)
    assert resolver.resolve(old) == expand(new)
    kind = "law" if "law" in new else "any"
    assert resolver.resolve(old, kind) == expand(new)


def test_describe_and_entity_parameters_take_the_old_curie() -> None:
    old, new = (
        cli("describe", "body:inm", "--format", "csv"),
        cli("describe", "mx-body:inm", "--format", "csv"),
    )
    assert old.exit_code == new.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert "out,dcterms:identifier,mx/body/inm," in old.stdout
    # the former IRI is said, as what points at the entity
    assert "\nin,owl:sameAs,body:inm," in old.stdout
    by_old = cli("memberships", "body:conago-comision-asuntos-migratorios", "--format", "csv")
    by_new = cli("memberships", "mx-body:conago-comision-asuntos-migratorios", "--format", "csv")
    assert by_old.exit_code == 0, by_old.output
    assert by_old.stdout == by_new.stdout
    # after the row's jurisdiction (the profile's seat), the council, moved too
    assert by_old.stdout.splitlines()[1].startswith("juris:mx-zac,mx-council:ccpm,")


def test_the_site_writes_a_redirect_page_at_each_old_path(
    site: Path, pages: dict[str, Page]
) -> None:
    moved = publish.read_moved(site)
    assert moved["id/mx-zac/body/inm"] == "id/mx/body/inm"
    assert moved["vocab/jurisdiction/internacional"] == "vocab/jurisdiction/int"
    assert len(moved) == 136  # the 135 of moved.ttl and juris:internacional
    for old, new in moved.items():
        page = pages[f"{old}.html"]
        target = Path(old).parent.joinpath(Path(new).name)
        refresh = (site / f"{old}.html").read_text("utf-8")
        href = posixpath.relpath(f"{new}.html", posixpath.dirname(old))
        assert f'<meta http-equiv="refresh" content="0; url={href}">' in refresh, old
        assert f'<link rel="canonical" href="https://w3id.org/govgraph/{new}">' in refresh
        assert href in page.links, old
        assert (site / f"{new}.html").is_file(), target
    # nginx and Apache answer 301 for each (tests/test_conneg_servers.py runs them)
    nginx = (site / "nginx.conf").read_text("utf-8")
    assert '"~^/id/mx\\-zac/body/inm((?:' in nginx
    htaccess = (site / ".htaccess").read_text("utf-8")
    assert 'RewriteRule "^id/mx\\-zac/body/inm((?:' in htaccess


# --- several profiles -----------------------------------------------------------------------


def test_two_synthetic_states_and_zacatecas_name_one_inm(tmp_path: Path) -> None:
    """The generator's shared block uses the bundled IRIs: two synthetic states and the
    Zacatecas profile point at one INM node, and its acronym names one entity."""
    states = tmp_path / "two-states.nt"
    synth.generate(2, states)
    backend = OxigraphBackend.load([*resources.default_sources(), states], cache=False)
    rows = backend.query(
        "SELECT DISTINCT ?inm ?jurisdiction WHERE { ?node ?link ?inm ; "
        "gg:jurisdiction ?jurisdiction FILTER(?link != owl:sameAs) }",
        {"inm": IRI(INM)},
    ).rows
    assert {j for _, j in rows} >= {JURIS + "mx-zac", JURIS + "syn-1", JURIS + "syn-2"}
    assert Resolver(backend).resolve("INM") == INM
    labels = backend.query(
        "SELECT ?inm (COUNT(*) AS ?n) WHERE { ?inm skos:prefLabel ?l "
        "FILTER(LANG(?l) = 'es') } GROUP BY ?inm",
        {"inm": IRI(INM)},
    ).rows
    assert labels == [(INM, "1")]  # the same label, one node


def test_the_synthetic_graph_carries_jurisdictions_and_conforms(tmp_path: Path) -> None:
    states = tmp_path / "two-states.nt"
    synth.generate(2, states)
    graph = load_graph([states])
    for subject in set(graph.subjects(rdflib.RDF.type)):
        if str(subject).startswith(ID_BASE):
            (value,) = graph.objects(subject, GG_JURISDICTION)
            assert str(value) == JURIS + jurisdiction_of(str(subject)), subject
    assert validate(paths=[*resources.ontology_sources(), states]).conforms


# --- the shapes and the check ---------------------------------------------------------------

WITHOUT = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix juris: <https://w3id.org/govgraph/vocab/jurisdiction/> .
@prefix sector: <https://w3id.org/govgraph/vocab/sector/> .
@prefix group: <https://w3id.org/govgraph/id/mx-zac/group/> .
@prefix mx-group: <https://w3id.org/govgraph/id/mx/group/> .

group:sin-jurisdiccion a gg:ActorGroup , foaf:Group ;
    skos:prefLabel "Sin jurisdicción"@es , "No jurisdiction"@en ;
    dcterms:identifier "mx-zac/group/sin-jurisdiccion" ; dcterms:title "Sin jurisdicción"@es ;
    gg:classification sector:publico ; dcterms:description "Prueba."@es .

group:dos a gg:ActorGroup , foaf:Group ;
    gg:jurisdiction juris:mx-zac , juris:mx ;
    skos:prefLabel "Dos"@es , "Two"@en ;
    dcterms:identifier "mx-zac/group/dos" ; dcterms:title "Dos"@es ;
    gg:classification sector:publico ; dcterms:description "Prueba."@es .

mx-group:ajeno a gg:ActorGroup , foaf:Group ;
    gg:jurisdiction juris:mx-zac ;
    skos:prefLabel "Ajeno"@es , "Foreign"@en ;
    dcterms:identifier "mx/group/ajeno" ; dcterms:title "Ajeno"@es ;
    gg:classification sector:publico ; dcterms:description "Prueba."@es .

group:no-concepto a gg:ActorGroup , foaf:Group ;
    gg:jurisdiction juris:marte ;
    skos:prefLabel "No concepto"@es , "Not a concept"@en ;
    dcterms:identifier "mx-zac/group/no-concepto" ; dcterms:title "No concepto"@es ;
    gg:classification sector:publico ; dcterms:description "Prueba."@es .
"""


def test_validate_finds_a_missing_double_foreign_or_unknown_jurisdiction(tmp_path: Path) -> None:
    defects = tmp_path / "groups.ttl"
    defects.write_text(WITHOUT, encoding="utf-8")
    report = validate([*resources.ontology_sources(), defects])
    found = {(v.focus.rsplit("/", 1)[-1], v.message) for v in report.violations}
    one = "needs exactly one gg:jurisdiction (a concept of juris:jurisdicciones)"
    assert ("sin-jurisdiccion", one) in found
    assert ("dos", one) in found
    assert ("no-concepto", one) in found
    assert any(
        focus == "ajeno" and "lives under id/mx/ but its gg:jurisdiction is" in message
        for focus, message in found
    )


def test_an_nquads_export_loads_back_into_the_same_graphs(tmp_path: Path) -> None:
    exported = tmp_path / "govgraph.nq"
    exported.write_bytes(
        pyoxigraph.serialize(load_dataset(), format=pyoxigraph.RdfFormat.N_QUADS) or b""
    )
    backend = OxigraphBackend.load([exported], cache=False)
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert sorted(backend.query(per_graph).rows) == sorted(
        OxigraphBackend.load(cache=False).query(per_graph).rows
    )
