"""Network views of the real graph: counts by independent SPARQL, attributes, filters, export."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from govgraph import network
from govgraph.errors import GovgraphError, ResolveError
from govgraph.namespaces import curie, expand
from govgraph.network import EXPORT_FORMATS, VIEWS, export, network_queries, project, to_text
from govgraph.queries import run
from govgraph.resources import default_sources
from govgraph.store import Backend, MemoryBackend, OxigraphBackend
from govgraph.synth import generate

SEZAMI = expand("body:sezami")
CDHEZ = expand("body:cdhez")
COVAM = expand("council:covam")
CONSEJO = expand("council:consejo-interinstitucional")
UNIVERSIDADES = expand("group:universidades-estudios-migracion")
ALIANZAS = expand("migof:alianzas")
NODE_KEYS = {"label", "kind", "level", "sector", "curie", "acronym", "dimensions", "jurisdiction"}
EDGE_KEYS = {
    "relation",
    "label",
    "role",
    "vote",
    "seats",
    "date",
    "title",
    "councils",
    "weight",
    "sources",
    "via",
}
KINDS = {"council", "body", "group", "program", "law", "article"}


@pytest.fixture(scope="module")
def kg() -> OxigraphBackend:
    """The bundled graph on Oxigraph."""
    return OxigraphBackend.load()


@pytest.fixture(scope="module")
def memory() -> MemoryBackend:
    """The bundled graph on rdflib."""
    return MemoryBackend.load()


@pytest.fixture(scope="module")
def views(kg: OxigraphBackend) -> dict[str, nx.Graph]:
    """Every view, unfiltered, in Spanish."""
    return {view: project(view, kg) for view in VIEWS}


def count(kg: Backend, where: str, variables: str = "*") -> int:
    """The number of distinct solutions of variables in where (an independent query)."""
    inner = f"SELECT DISTINCT {variables} WHERE {{ {where} }}"
    rows = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {inner} }}")
    return int(rows.rows[0][0] or 0)


def curies(graph: nx.Graph, kind: str | None = None) -> set[str]:
    """The CURIEs of the graph's nodes (of one kind)."""
    return {d["curie"] for _, d in graph.nodes(data=True) if kind is None or d["kind"] == kind}


def edges_between(graph: nx.Graph, u: str, v: str) -> list[dict[str, object]]:
    """The attributes of every edge between u and v."""
    if graph.is_multigraph():
        return list(graph.get_edge_data(u, v, default={}).values())
    data = graph.get_edge_data(u, v)
    return [data] if data is not None else []


# --- the queries ----------------------------------------------------------------------


def test_there_is_a_query_per_kind_of_edge_and_one_for_the_nodes() -> None:
    """queries/network/ holds the node query (and its rows for the ends of memberships only),
    one query per kind of edge, and the sections."""
    assert sorted(network_queries()) == [
        "agreements",
        "legal",
        "members",
        "memberships",
        "nodes",
        "programs",
        "sections",
    ]


@pytest.mark.parametrize("name", sorted(network_queries()))
def test_network_query_follows_the_saved_query_rules(name: str) -> None:
    """Both parsers accept it; its one parameter lang is projected; rows are ordered."""
    query = network_queries()[name]
    prepareQuery(query.text)
    pyoxigraph.Store().query(query.text)
    assert query.summary
    assert [(p.name, p.kind, p.default) for p in query.params] == [("lang", "lang", "es")]
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    head = re.search(r"SELECT(.*?)\bWHERE\b", body, re.DOTALL)
    assert head
    assert "?lang" in head.group(1)
    assert "ORDER BY" in body
    assert "sources" in query.lists or name in ("nodes", "members", "sections")


@pytest.mark.parametrize("name", sorted(network_queries()))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_network_query_gives_identical_rows_on_both_backends(
    kg: OxigraphBackend, memory: MemoryBackend, name: str, lang: str
) -> None:
    """Oxigraph and rdflib return the same rows in the same order."""
    query = network_queries()[name]
    rows = run(kg, query, {"lang": lang})
    assert rows.rows
    assert rows == run(memory, query, {"lang": lang})


def test_node_query_lists_every_council_actor_program_law_and_article_once(
    kg: OxigraphBackend,
) -> None:
    """One row per resource; kinds follow the stated types."""
    rows = run(kg, network_queries()["nodes"]).rows
    nodes = [row[1] for row in rows]
    assert len(nodes) == len(set(nodes))
    kinds = Counter(row[2] for row in rows)
    assert kinds == {
        "council": count(kg, "?x a gg:Council"),
        "body": count(kg, "?x a org:Organization FILTER NOT EXISTS { ?x a gg:Council }"),
        "group": count(kg, "?x a gg:ActorGroup"),
        "program": count(kg, "?x a gg:Program"),
        "law": count(kg, "?x a eli:LegalResource"),
        "article": count(kg, "?x a eli:LegalResourceSubdivision"),
    }
    assert kinds["council"] == 11


def test_section_query_labels_every_report_section_in_the_label_language(
    kg: OxigraphBackend,
) -> None:
    """One row per section or footnote (slug after /report/), labelled in lang, else in Spanish."""
    for lang, label in (("es", "Nota 36"), ("en", "Footnote 36")):
        rows = run(kg, network_queries()["sections"], {"lang": lang}).rows
        slugs = [row[1] for row in rows]
        assert len(slugs) == len(set(slugs)) == count(kg, "?s a gg:ReportSection")
        labels = {row[1]: row[2] for row in rows}
        assert labels["fn-36"] == label
    assert labels["sec-4-1"] == "4.1 Socioeconomic well-being: well-developed areas"


# --- views: nodes and edges against independent SPARQL ----------------------------------


def test_views_are_the_documented_names_in_order() -> None:
    """VIEWS lists the views of docs/network.md in its order."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "network.md").read_text("utf-8")
    table = doc.split("## Views", 1)[1].split("\n## ", 1)[0]
    assert tuple(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)) == VIEWS


def test_graph_types_and_graph_attributes(views: dict[str, nx.Graph]) -> None:
    """interlocks and compare are Graphs, every other view a MultiGraph; view, lang, title,
    filters."""
    for view, graph in views.items():
        assert type(graph) is (nx.Graph if view in ("interlocks", "compare") else nx.MultiGraph)
        assert graph.graph["view"] == view
        assert graph.graph["lang"] == "es"
        assert graph.graph["title"] == network.TITLES[view]["es"]
        assert graph.graph["filters"] == {}


def test_every_node_and_edge_carries_the_documented_attributes(
    views: dict[str, nx.Graph],
) -> None:
    """Node key = IRI; node and edge attributes are plain data of the documented types."""
    for graph in views.values():
        for iri, data in graph.nodes(data=True):
            if data["kind"] == "jurisdiction":  # the compare view's profiles
                assert iri.startswith("https://w3id.org/govgraph/vocab/jurisdiction/")
                continue
            assert iri.startswith("https://w3id.org/govgraph/id/")
            assert set(data) == NODE_KEYS
            assert data["kind"] in KINDS
            assert isinstance(data["label"], str)
            assert data["label"]
            # a profile's own kinds, or the shared federal and international levels'
            kind = data["curie"].split(":")[0].removeprefix("mx-").removeprefix("int-")
            assert kind in ("body", "group", "council", "program", "law")
            assert data["level"] in {None, "internacional", "federal", "estatal", "municipal"}
            assert data["dimensions"] == sorted(data["dimensions"])
            assert data["jurisdiction"] == iri.split("/")[5]  # id/<jurisdiction>/...
        for _, _, data in graph.edges(data=True):
            assert set(data) == EDGE_KEYS
            assert isinstance(data["label"], str)
            assert isinstance(data["weight"], int)
            assert data["weight"] >= 1
            assert all(isinstance(s, str) and s for s in data["sources"])
            assert data["seats"] is None or isinstance(data["seats"], int)


def test_councils_view_counts(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """Every council, every member, one edge per membership."""
    graph = views["councils"]
    assert len(curies(graph, "council")) == count(kg, "?c a gg:Council") == 11
    members = count(kg, "?m a org:Membership ; org:member ?x", "?x")
    assert graph.number_of_nodes() == 11 + members
    assert graph.number_of_edges() == count(kg, "?m a org:Membership") == 56
    assert {d["relation"] for *_, d in graph.edges(data=True)} == {"membership"}
    assert len({d["via"] for *_, d in graph.edges(data=True)}) == 56


def test_interlocks_view_counts(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """An edge per pair of members sharing a council, weighted by the councils they share."""
    graph = views["interlocks"]
    expected = {
        (a, b): int(n or 0)
        for a, b, n in kg.query(
            """SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?n) WHERE {
                 ?m1 org:member ?a ; org:organization ?c . ?m2 org:member ?b ; org:organization ?c .
                 FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b"""
        ).rows
        if a and b
    }
    found = {(min(u, v), max(u, v)): d["weight"] for u, v, d in graph.edges(data=True)}
    assert found == expected
    assert graph.number_of_edges() == len(expected) == 243
    assert graph.number_of_nodes() == count(kg, "?m a org:Membership ; org:member ?x", "?x")
    assert curies(graph) == curies(views["councils"]) - curies(views["councils"], "council")
    for _, _, data in graph.edges(data=True):
        assert data["relation"] == "shared-council"
        assert data["label"] == str(data["weight"])
        assert len(data["councils"]) == data["weight"]
        assert data["councils"] == sorted(data["councils"])


def test_interlock_of_the_cdhez_and_the_victims_commission(views: dict[str, nx.Graph]) -> None:
    """They share the anti-trafficking council and the victims' system."""
    data = views["interlocks"].edges[CDHEZ, expand("body:comision-ejecutiva-atencion-victimas")]
    assert data["weight"] == 2
    assert data["councils"] == [
        "Consejo Estatal para Prevenir y Atender la Trata de Personas",
        "Sistema Estatal de Atención a Víctimas",
    ]


def test_agreements_view_counts(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """One edge per agreement or collaboration per pair of its parties."""
    graph = views["agreements"]
    pairs = """{ ?x a gg:Agreement ; gg:party ?a , ?b } UNION
               { ?x a gg:Collaboration ; gg:participant ?a , ?b } FILTER(STR(?a) < STR(?b))"""
    assert graph.number_of_edges() == count(kg, pairs, "?x ?a ?b") == 75
    either = "VALUES ?end { 1 2 } BIND(IF(?end = 1, ?a, ?b) AS ?e)"
    assert graph.number_of_nodes() == count(kg, f"{pairs} {either}", "?e")
    relations = Counter(d["relation"] for *_, d in graph.edges(data=True))
    assert relations["agreement"] == count(
        kg, "?x a gg:Agreement ; gg:party ?a , ?b FILTER(STR(?a) < STR(?b))"
    )
    assert set(relations) == {"agreement", "collaboration"}


def test_agreement_edge_attributes(views: dict[str, nx.Graph]) -> None:
    """The SEZAMI-FINABIEN agreement: title, date as written, every source."""
    (data,) = edges_between(views["agreements"], SEZAMI, expand("mx-body:finabien"))
    assert data["relation"] == "agreement"
    assert data["via"] == expand("agreement:sezami-finabien-2022")
    assert data["title"] == "Convenio de colaboración SEZAMI – FINABIEN (2022)"  # noqa: RUF001
    assert data["date"] == "2022-02"
    assert len(data["sources"]) == 4
    assert data["sources"] == sorted(data["sources"])


def test_programs_view_counts(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """Every program; one edge per operator and per partner."""
    graph = views["programs"]
    assert len(curies(graph, "program")) == count(kg, "?p a gg:Program") == 27
    relations = Counter(d["relation"] for *_, d in graph.edges(data=True))
    # an operator is the competent authority, or (the UAZ: not a public organisation) a
    # participant with the role of operator (CPSV-AP's cv:Participation)
    operated = (
        "?p a gg:Program { ?p cv:hasCompetentAuthority ?x } UNION "
        "{ ?p cv:hasParticipation [ cv:role role:operacion ; cv:hasParticipant ?x ] }"
    )
    operators = count(kg, operated)
    assert operators == 15  # 14 competent authorities and 1 participation
    assert relations == {
        "operator": operators,
        "partner": count(kg, "?p a gg:Program ; gg:partner ?x"),
    }
    linked = f"{{ {operated} }} UNION {{ ?p a gg:Program ; gg:partner ?x }}"
    assert graph.number_of_nodes() == 27 + count(kg, linked, "?x")
    edges = edges_between(graph, expand("program:2x1-migrantes"), SEZAMI)
    assert [d["relation"] for d in edges] == ["operator"]
    assert edges[0]["sources"] == ["fn-37", "sec-2-1", "sec-3-1", "sec-resumen"]


def test_legal_view_counts(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """Every law and article; one edge per council, program, mandate and part-of link."""
    graph = views["legal"]
    relations = Counter(d["relation"] for *_, d in graph.edges(data=True))
    assert relations == {
        "establishedBy": count(kg, "?c a gg:Council ; gg:establishedBy ?x"),
        "legalBasis": count(kg, "?c a gg:Council ; gg:legalBasis ?x"),
        "hasLegalResource": count(kg, "?p a gg:Program ; cv:hasLegalResource ?x"),
        "mandate": count(kg, "?m a gg:Mandate ; gg:assignedTo ?a ; gg:legalBasis ?x"),
        "partOf": count(kg, "?a eli:is_part_of ?x"),
    }
    assert len(curies(graph, "law")) == count(kg, "?x a eli:LegalResource") == 63
    assert len(curies(graph, "article")) == count(kg, "?x a eli:LegalResourceSubdivision") == 52
    mandate = expand("mandate:sezami-loape-art-41")
    (data,) = [d for *_, d in graph.edges(SEZAMI, data=True) if d["via"] == mandate]
    assert data["relation"] == "mandate"
    assert data["title"].startswith("SEZAMI: ")
    law = expand("law:ley-atencion-migrantes-2018")
    assert sorted(d["relation"] for d in edges_between(graph, CONSEJO, law)) == [
        "establishedBy",
        "mandate",
    ]


def test_all_view_is_the_composition_of_the_others(views: dict[str, nx.Graph]) -> None:
    """Every node and every edge of every other view, once per view."""
    graph = views["all"]
    parts = [views[v] for v in VIEWS if v not in ("all", "compare")]
    assert set(graph) == set().union(*parts)
    assert graph.number_of_edges() == sum(p.number_of_edges() for p in parts) == 532
    relations = Counter(d["relation"] for *_, d in graph.edges(data=True))
    assert relations["shared-council"] == 243
    assert relations["membership"] == 56


# --- attributes -----------------------------------------------------------------------


def test_sezami_node(views: dict[str, nx.Graph]) -> None:
    """SEZAMI: a state public body with its acronym and dimensions."""
    data = views["councils"].nodes[SEZAMI]
    assert data["label"] == "Secretaría del Zacatecano Migrante"
    assert data["kind"] == "body"
    assert data["level"] == "estatal"
    assert data["sector"] == "publico"
    assert data["curie"] == "body:sezami"
    assert data["acronym"] == "SEZAMI"
    assert {"alianzas", "gobierno-integral"} <= set(data["dimensions"])


def test_law_and_article_level_is_their_jurisdictions(views: dict[str, nx.Graph]) -> None:
    """A federal law is federal; an article takes its law's level."""
    graph = views["legal"]
    assert graph.nodes[expand("mx-law:cpeum-1917")]["level"] == "federal"
    assert graph.nodes[expand("mx-law:cpeum-1917")]["acronym"] == "CPEUM"
    article = expand("law:ley-atencion-migrantes-2018") + "/art-14/frac-vi"
    assert graph.nodes[article]["kind"] == "article"
    assert graph.nodes[article]["level"] == "estatal"
    assert graph.nodes[expand("int-law:agenda-2030")]["level"] == "internacional"


def test_presidency_of_the_consejo_interinstitucional(views: dict[str, nx.Graph]) -> None:
    """SEZAMI presides the Consejo Interinstitucional, after footnote 36."""
    (data,) = edges_between(views["councils"], SEZAMI, CONSEJO)
    assert data["relation"] == "membership"
    assert data["role"] == "Presidencia"
    assert data["label"] == "Presidencia"
    assert data["sources"] == ["fn-36"]
    assert data["via"] == expand("seat:consejo-interinstitucional-sezami")
    assert data["weight"] == 1


def test_universities_have_voice_without_vote(views: dict[str, nx.Graph]) -> None:
    """Art. 14, fracción VI: the universities are invited with voice but no vote."""
    (data,) = edges_between(views["councils"], UNIVERSIDADES, CONSEJO)
    assert data["vote"] == "voz-sin-voto"
    assert data["role"] == "Invitado"


def test_seats_of_a_class_of_actors(views: dict[str, nx.Graph]) -> None:
    """Three municipal presidencies sit on the Consejo Interinstitucional."""
    group = expand("group:presidencias-municipales-consejo-interinstitucional")
    (data,) = edges_between(views["councils"], group, CONSEJO)
    assert data["seats"] == 3


def test_english_labels(kg: OxigraphBackend) -> None:
    """lang=en: English labels, roles and title."""
    graph = project("councils", kg, lang="en")
    assert graph.graph["lang"] == "en"
    assert graph.graph["title"] == "Councils and their members"
    assert graph.nodes[SEZAMI]["label"] == "Secretariat of the Zacatecan Migrant"
    (data,) = edges_between(graph, SEZAMI, CONSEJO)
    assert data["role"] == data["label"] == "Chair"


# --- filters ---------------------------------------------------------------------------


def test_dimension_filter(kg: OxigraphBackend, views: dict[str, nx.Graph]) -> None:
    """Alianzas keeps COVAM; a council no member of which is about alianzas goes."""
    graph = project("councils", kg, dimension=ALIANZAS)
    assert graph.graph["filters"] == {"dimension": "migof:alianzas"}
    assert COVAM in graph
    assert expand("council:comite-estatal-emergencias") not in graph
    assert expand("council:sistema-estatal-proteccion-civil") not in graph  # no edges left
    # The state government (dcterms:subject alianzas) keeps its protección civil seat.
    assert expand("council:consejo-estatal-proteccion-civil") in graph
    for u, v in graph.edges():
        assert "alianzas" in graph.nodes[u]["dimensions"] + graph.nodes[v]["dimensions"]
    assert all(graph.degree(n) > 0 for n in graph)
    dropped = set(views["councils"]) - set(graph)
    assert all("alianzas" not in views["councils"].nodes[n]["dimensions"] for n in dropped)


def test_dimension_set_includes_what_a_finding_of_it_mentions(kg: OxigraphBackend) -> None:
    """A resource mentioned by a finding of the dimension is about it."""
    rows = kg.query(
        """SELECT DISTINCT ?x WHERE {
             ?f a gg:Finding ; dcterms:subject migof:alianzas ; gg:mentions ?x .
             ?x a gg:Council . FILTER NOT EXISTS { ?x dcterms:subject migof:alianzas } }"""
    ).rows
    graph = project("councils", kg)
    for (council,) in rows:
        assert "alianzas" in graph.nodes[council]["dimensions"]


def test_dimension_must_be_an_mgi_dimension(kg: OxigraphBackend) -> None:
    """Another IRI is a ResolveError."""
    with pytest.raises(ResolveError, match="not an MGI dimension"):
        project("councils", kg, dimension=SEZAMI)


def test_level_filter(kg: OxigraphBackend) -> None:
    """Municipal: the municipal groups and the councils they sit on."""
    graph = project("councils", kg, levels=["municipal"])
    assert graph.graph["filters"] == {"levels": "municipal"}
    assert curies(graph, "group") == {
        "group:municipios-covam",
        "group:presidencias-municipales-consejo-interinstitucional",
        "group:presidentes-municipales-consejo-trata",
    }
    assert curies(graph, "body") == set()
    assert curies(graph, "council") == {
        "council:consejo-estatal-trata",
        "council:consejo-interinstitucional",
        "council:covam",
    }
    assert graph.number_of_edges() == 3


def test_several_levels(kg: OxigraphBackend) -> None:
    """Actors of any of the levels stay; actors without a level go."""
    graph = project("agreements", kg, levels=("federal", "estatal"))
    assert graph.graph["filters"] == {"levels": "federal, estatal"}
    assert {d["level"] for _, d in graph.nodes(data=True)} <= {"federal", "estatal"}
    assert SEZAMI in graph
    assert expand("mx-body:inm") in graph
    assert expand("int-body:oim") not in graph


def test_unknown_level(kg: OxigraphBackend) -> None:
    """A level outside the vocabulary is a clear error."""
    with pytest.raises(GovgraphError, match=r"unknown level 'state' \(choose from internacional"):
        project("councils", kg, levels=["state"])


def test_around_depth_1_is_sezami_and_its_councils(kg: OxigraphBackend) -> None:
    """SEZAMI sits on three councils."""
    graph = project("councils", kg, around=SEZAMI)
    assert curies(graph) == {
        "body:sezami",
        "council:comision-nna-migrantes",
        "council:consejo-interinstitucional",
        "council:covam",
    }
    assert graph.number_of_edges() == 3
    assert graph.graph["filters"] == {"around": "body:sezami", "depth": "1"}


def test_around_depth_2_adds_the_members_of_those_councils(kg: OxigraphBackend) -> None:
    """Depth 2: every member of SEZAMI's councils, and all their seats on them."""
    graph = project("councils", kg, around=SEZAMI, depth=2)
    where = (
        "?s org:member body:sezami ; org:organization ?c . ?m org:organization ?c ; org:member ?x"
    )
    assert graph.number_of_nodes() == 1 + 3 + count(kg, where, "?x") - 1
    assert graph.number_of_edges() == count(kg, where, "?m")
    assert UNIVERSIDADES in graph


def test_around_depth_0_is_the_node_alone(kg: OxigraphBackend) -> None:
    """Depth 0 keeps the centre only."""
    assert list(project("councils", kg, around=COVAM, depth=0)) == [COVAM]


def test_filters_apply_in_order(kg: OxigraphBackend) -> None:
    """dimension, then levels, then around; graph.filters says so, values as text."""
    graph = project("all", kg, dimension=ALIANZAS, levels=["estatal"], around=SEZAMI, depth=2)
    assert graph.graph["filters"] == {
        "dimension": "migof:alianzas",
        "levels": "estatal",
        "around": "body:sezami",
        "depth": "2",
    }
    levels = {d["level"] for _, d in graph.nodes(data=True) if d["kind"] in ("body", "group")}
    assert levels == {"estatal"}
    assert all(nx.has_path(graph, SEZAMI, n) for n in graph)


def test_around_outside_the_view(kg: OxigraphBackend) -> None:
    """An entity the view does not show is a ResolveError that says so."""
    expected = (
        r"^Programa 2x1 para Migrantes \(program:2x1-migrantes\) is not in the councils view$"
    )
    with pytest.raises(ResolveError, match=expected):
        project("councils", kg, around=expand("program:2x1-migrantes"))
    with pytest.raises(ResolveError, match="is not in the councils view once filtered"):
        project("councils", kg, levels=["federal"], around=SEZAMI)


def test_around_and_dimension_take_what_the_cli_takes(kg: OxigraphBackend) -> None:
    """An acronym, a name, a CURIE or an IRI, resolved as the CLI resolves them."""
    expected = project("interlocks", kg, around=SEZAMI)
    for text in ("SEZAMI", "sezami", "Secretaría del Zacatecano Migrante", "body:sezami"):
        graph = project("interlocks", kg, around=text)
        assert set(graph) == set(expected), text
        assert graph.graph["filters"] == {"around": "body:sezami", "depth": "1"}
    graph = project("councils", kg, dimension="Alianzas", around="COVAM", depth=0)
    assert list(graph) == [COVAM]
    assert graph.graph["filters"]["dimension"] == "migof:alianzas"
    with pytest.raises(ResolveError, match="no entity matches “no such body”"):
        project("councils", kg, around="no such body")
    with pytest.raises(ResolveError, match=r"“Secretaría de” matches \d+ entities: "):
        project("councils", kg, around="Secretaría de")


def test_edge_sources_are_labelled_in_the_graph(kg: OxigraphBackend) -> None:
    """graph["sections"]: every cited slug, with its report label in the view's language."""
    for lang, note in (("es", "Nota 36"), ("en", "Footnote 36")):
        graph = project("councils", kg, lang=lang)
        cited = {s for *_, sources in graph.edges(data="sources") for s in sources}
        assert set(graph.graph["sections"]) == cited
        assert graph.graph["sections"]["fn-36"] == note
    graph = project("councils", kg, around=SEZAMI)
    assert set(graph.graph["sections"]) == {
        s for *_, sources in graph.edges(data="sources") for s in sources
    }
    assert project("all", kg).graph["sections"]["sec-4-1"].startswith("4.1 ")


def test_unknown_view_lists_the_views(kg: OxigraphBackend) -> None:
    """The error names every view."""
    views = "councils, interlocks, agreements, programs, legal, all, compare"
    with pytest.raises(
        GovgraphError, match=rf"unknown network view 'council' \(choose from {views}\)"
    ):
        project("council", kg)


def test_default_backend_is_the_bundled_graph(views: dict[str, nx.Graph]) -> None:
    """With no backend, the bundled graph on Oxigraph."""
    assert to_text(project("programs"), "json") == to_text(views["programs"], "json")


@pytest.mark.parametrize(("view", "lang"), [("councils", "en"), ("all", "es")])
def test_both_backends_give_the_same_view(
    kg: OxigraphBackend, memory: MemoryBackend, view: str, lang: str
) -> None:
    """rdflib and Oxigraph give identical graphs (nodes, edges, attributes, order)."""
    a = project(view, kg, lang=lang, dimension=ALIANZAS)
    b = project(view, memory, lang=lang, dimension=ALIANZAS)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert to_text(a, "json") == to_text(b, "json")


def test_a_remote_endpoint_gives_the_same_view(
    oxigraph_endpoint: str, views: dict[str, nx.Graph]
) -> None:
    """The view of an Oxigraph server equals the local one."""
    from govgraph.store import SparqlBackend

    remote = project("councils", SparqlBackend(oxigraph_endpoint))
    assert to_text(remote, "json") == to_text(views["councils"], "json")


# --- the same views, faster (issue 13) ---------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sources of three generated jurisdictions (the ontology, no bundled data)."""
    path = tmp_path_factory.mktemp("generated") / "three.nt"
    generate(3, path)
    return default_sources([path])


@pytest.fixture(scope="module")
def synthetic(generated: list[Path]) -> OxigraphBackend:
    """The generated graph in memory: no cache entry, so no rows are kept."""
    return OxigraphBackend.load(generated, cache=False)


def membership_ends(backend: Backend) -> set[str]:
    """Every member and organisation of a membership (an independent query)."""
    rows = backend.query(
        "SELECT DISTINCT ?x WHERE { ?m a org:Membership . { ?m org:member ?x } UNION "
        "{ ?m org:organization ?x } }"
    ).rows
    return {str(x) for (x,) in rows if x}


@pytest.mark.parametrize("graph", ["bundled", "generated"])
def test_members_query_gives_the_rows_of_the_node_query(
    kg: OxigraphBackend, synthetic: OxigraphBackend, graph: str
) -> None:
    """members.rq is nodes.rq for the ends of the memberships: the same rows, in order."""
    backend = kg if graph == "bundled" else synthetic
    for lang in ("es", "en"):
        nodes = run(backend, network_queries()["nodes"], {"lang": lang})
        members = run(backend, network_queries()["members"], {"lang": lang})
        at = nodes.columns.index("node")
        ends = membership_ends(backend)
        assert members.columns == nodes.columns
        assert members.rows == [row for row in nodes.rows if row[at] in ends]
        assert len(members.rows) > 20


def interlocks_as_before(backend: Backend) -> tuple[dict[str, dict[str, object]], dict]:
    """The interlocks view computed independently, as it was before members.rq: attributes
    from every row of nodes.rq, and the councils two members share from one SPARQL join of
    every pair of memberships (quadratic: fine on small graphs)."""
    result = run(backend, network_queries()["nodes"], {"lang": "es"})
    table = {}
    for row in result.rows:
        r = dict(zip(result.columns, row, strict=True))
        acronyms = [a for a in (r["acronyms"] or "").split("; ") if a]
        table[str(r["node"])] = {
            "label": r["label"],
            "kind": r["kind"],
            "level": r["level"] or None,
            "sector": r["sector"] or None,
            "acronym": acronyms[0] if acronyms else None,
            "dimensions": [d for d in (r["dimensions"] or "").split("; ") if d],
        }
    actors = {iri for iri, a in table.items() if a["kind"] in ("body", "group")}
    seats = backend.query(
        """SELECT ?m ?x ?c ?s WHERE { ?m a org:Membership ; org:member ?x ; org:organization ?c .
           OPTIONAL { ?m dcterms:source ?s } }"""
    ).rows
    members = {str(x) for _, x, _, _ in seats if x in actors}
    pairs = backend.query(
        """SELECT ?a ?b ?c ?sa ?sb WHERE {
             ?m1 a org:Membership ; org:member ?a ; org:organization ?c .
             ?m2 a org:Membership ; org:member ?b ; org:organization ?c .
             FILTER(STR(?a) < STR(?b))
             OPTIONAL { ?m1 dcterms:source ?sa } OPTIONAL { ?m2 dcterms:source ?sb } }"""
    ).rows
    shared: dict[tuple[str, str], set[str]] = {}
    sources: dict[tuple[str, str], set[str]] = {}
    for a, b, c, sa, sb in pairs:
        if a in actors and b in actors:
            key = (str(a), str(b))
            shared.setdefault(key, set()).add(str(c))
            cited = {str(s).split("/report/", 1)[1] for s in (sa, sb) if s}
            sources.setdefault(key, set()).update(cited)
    edges = {
        key: {
            "weight": len(councils),
            "councils": sorted(
                str(table[c]["label"]) if c in table else curie(c) for c in councils
            ),
            "sources": sorted(sources[key]),
        }
        for key, councils in shared.items()
    }
    return {iri: table[iri] for iri in members}, edges


@pytest.mark.parametrize("graph", ["bundled", "generated"])
def test_interlocks_are_the_same_as_before(
    kg: OxigraphBackend, synthetic: OxigraphBackend, graph: str
) -> None:
    """The same nodes, attributes and edges as the former projection, computed independently."""
    backend = kg if graph == "bundled" else synthetic
    nodes, edges = interlocks_as_before(backend)
    view = project("interlocks", backend)
    assert {n: {k: d[k] for k in nodes[n]} for n, d in view.nodes(data=True)} == nodes
    found = {
        (min(u, v), max(u, v)): {k: d[k] for k in ("weight", "councils", "sources")}
        for u, v, d in view.edges(data=True)
    }
    assert found == edges
    assert len(edges) > 40


def test_rows_kept_beside_a_cached_store_give_the_same_views(
    generated: list[Path], synthetic: OxigraphBackend
) -> None:
    """The rows of the network queries are kept beside a cached store; a later run reads
    them back and builds every view exactly as from the queries."""
    cached = OxigraphBackend.load(generated, cache=True)
    assert cached.folder is not None
    for old in cached.folder.glob("network-*.json"):
        old.unlink()
    first = {view: to_text(project(view, cached), "json") for view in VIEWS}
    kept = sorted(p.name for p in cached.folder.glob("network-*.json"))
    assert {name.split("-")[1] for name in kept} == set(network_queries())
    again = OxigraphBackend.load(generated, cache=True)
    for view in VIEWS:
        assert to_text(project(view, again), "json") == first[view]
        assert to_text(project(view, synthetic), "json") == first[view]
    assert sorted(p.name for p in again.folder.glob("network-*.json")) == kept


def test_a_kept_file_that_does_not_parse_is_run_again(generated: list[Path]) -> None:
    """A damaged file of kept rows costs the query, never a wrong view."""
    cached = OxigraphBackend.load(generated, cache=True)
    assert cached.folder is not None
    expected = to_text(project("interlocks", cached), "json")
    for kept in cached.folder.glob("network-*.json"):
        kept.write_text('{"columns": ["node"], "rows": [[', encoding="utf-8")
    assert to_text(project("interlocks", cached), "json") == expected


# --- export ----------------------------------------------------------------------------


def read_back(path: Path, fmt: str) -> nx.Graph:
    """Parse an export with networkx."""
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    return nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("view", ["councils", "interlocks", "all"])
def test_export_round_trip(views: dict[str, nx.Graph], tmp_path: Path, fmt: str, view: str) -> None:
    """networkx reads the file back with the same nodes and edges."""
    graph = views[view]
    path = tmp_path / f"{view}.{fmt}"
    export(graph, fmt, path)
    back = read_back(path, fmt)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert set(back) == set(graph)
    assert back.nodes[SEZAMI]["label"] == "Secretaría del Zacatecano Migrante"


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_is_byte_identical(kg: OxigraphBackend, tmp_path: Path, fmt: str) -> None:
    """Two projections exported twice give the same bytes, whatever the insertion order."""
    first, second = tmp_path / "a", tmp_path / "b"
    export(project("all", kg), fmt, first)
    export(project("all", kg), fmt, second)
    assert first.read_bytes() == second.read_bytes()
    graph = project("agreements", kg)
    shuffled = nx.MultiGraph()
    shuffled.graph.update(graph.graph)
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from((v, u, d) for u, v, d in reversed(list(graph.edges(data=True))))
    assert to_text(shuffled, fmt) == to_text(graph, fmt)


def test_export_lists_and_none_in_graphml(views: dict[str, nx.Graph], tmp_path: Path) -> None:
    """GraphML and GEXF take scalars: lists joined with "; ", None as ""."""
    for fmt in ("graphml", "gexf"):
        path = tmp_path / f"i.{fmt}"
        export(views["interlocks"], fmt, path)
        back = read_back(path, fmt)
        data = back.edges[CDHEZ, expand("body:comision-ejecutiva-atencion-victimas")]
        assert data["councils"] == (
            "Consejo Estatal para Prevenir y Atender la Trata de Personas; "
            "Sistema Estatal de Atención a Víctimas"
        )
        assert data["via"] == ""
        assert int(data["weight"]) == 2
        assert back.nodes[SEZAMI]["dimensions"].startswith("alianzas; ")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_writes_utf8_text(views: dict[str, nx.Graph], fmt: str) -> None:
    """Accents are written as they are, not as character references."""
    text = to_text(views["councils"], fmt)
    assert "Secretaría del Zacatecano Migrante" in text
    assert "&#" not in text


def test_export_json_keeps_lists_and_none(views: dict[str, nx.Graph]) -> None:
    """Node-link JSON: plain data, sorted nodes, UTF-8 text unescaped."""
    text = to_text(views["councils"], "json")
    assert "Secretaría" in text
    data = json.loads(text)
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    assert data["graph"]["view"] == "councils"
    (sezami,) = [n for n in data["nodes"] if n["id"] == SEZAMI]
    assert sezami["acronym"] == "SEZAMI"
    assert isinstance(sezami["dimensions"], list)
    (edge,) = [e for e in data["edges"] if {e["source"], e["target"]} == {SEZAMI, CONSEJO}]
    assert edge["sources"] == ["fn-36"]
    assert edge["vote"] is None


def test_export_to_streams(views: dict[str, nx.Graph], tmp_path: Path) -> None:
    """A text stream gets text, a binary stream UTF-8 bytes: the same as the file."""
    graph = views["programs"]
    for fmt in EXPORT_FORMATS:
        path = tmp_path / f"p.{fmt}"
        export(graph, fmt, str(path))
        text, binary = io.StringIO(), io.BytesIO()
        export(graph, fmt, text)
        export(graph, fmt, binary)
        assert text.getvalue().encode("utf-8") == binary.getvalue() == path.read_bytes()


def test_export_unknown_format(views: dict[str, nx.Graph]) -> None:
    """The error names the formats."""
    with pytest.raises(GovgraphError, match=r"choose from graphml, gexf, json"):
        to_text(views["programs"], "dot")


def test_gexf_carries_no_date(views: dict[str, nx.Graph]) -> None:
    """GEXF would stamp today's date: it is left out, so output does not change by the day."""
    assert "lastmodifieddate" not in to_text(views["programs"], "gexf")


def test_network_module_is_not_imported_by_the_cli() -> None:
    """cli.py must not import networkx at start-up (it costs 135 ms)."""
    import subprocess
    import sys

    code = "import sys, govgraph.cli; print('networkx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert network.__name__ == "govgraph.network"
