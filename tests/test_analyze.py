"""Network measures on the real graph: who brokers, numbering rules, determinism."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pytest

from govgraph.network import VIEWS, project
from govgraph.network import analyze as measures
from govgraph.network.analyze import COLUMNS, analyze, summary
from govgraph.store import OxigraphBackend

Rows = list[tuple[Any, ...]]


@pytest.fixture(scope="module")
def kg() -> OxigraphBackend:
    """The bundled graph on Oxigraph."""
    return OxigraphBackend.load()


@pytest.fixture(scope="module")
def interlocks(kg: OxigraphBackend) -> nx.Graph:
    """The co-membership network."""
    return project("interlocks", kg)


@pytest.fixture(scope="module")
def rows(interlocks: nx.Graph) -> Rows:
    """analyze() of the interlocks view."""
    columns, found = analyze(interlocks)
    assert columns == COLUMNS
    return found


def column(rows: Rows, name: str) -> list[Any]:
    """One column of the rows."""
    return [row[COLUMNS.index(name)] for row in rows]


def by(rows: Rows, name: str) -> Rows:
    """The rows sorted by one measure, highest first, then degree and CURIE."""
    at, degree = COLUMNS.index(name), COLUMNS.index("degree")
    return sorted(rows, key=lambda row: (-row[at], -row[degree], row[0]))


def test_one_row_per_node(interlocks: nx.Graph, rows: Rows) -> None:
    """Every node once, with its label, kind and level."""
    assert sorted(column(rows, "curie")) == sorted(
        d["curie"] for _, d in interlocks.nodes(data=True)
    )
    (sezami,) = [row for row in rows if row[0] == "body:sezami"]
    assert sezami[1:6] == (
        "Secretaría del Zacatecano Migrante",
        "body",
        "estatal",
        "juris:mx-zac",
        20,
    )


def test_the_brokers_of_the_interlocks(rows: Rows) -> None:
    """SEZAMI brokers most, between councils and between levels; the CDHEZ is in the top 5."""
    top = column(rows[:5], "curie")
    assert top[0] == "body:sezami"
    assert "body:cdhez" in top
    assert column(by(rows, "cross_level")[:5], "curie")[0] == "body:sezami"


def test_rows_are_sorted_and_rounded(rows: Rows) -> None:
    """Betweenness desc, degree desc, CURIE; floats have at most 4 decimals."""
    assert rows == by(rows, "betweenness")
    for name in ("betweenness", "cross_level"):
        for value in column(rows, name):
            assert isinstance(value, float)
            assert 0.0 <= value <= 1.0
            assert value == round(value, 4)


def test_top_limits_the_rows(interlocks: nx.Graph, rows: Rows) -> None:
    """top=5 gives the first five rows."""
    assert analyze(interlocks, top=5)[1] == rows[:5]


def test_betweenness_is_networkx_exact(interlocks: nx.Graph, rows: Rows) -> None:
    """Below the threshold, the exact normalised betweenness (hops, not weights)."""
    exact = nx.betweenness_centrality(interlocks)
    for row in rows:
        iri = next(n for n, c in interlocks.nodes(data="curie") if c == row[0])
        assert row[COLUMNS.index("betweenness")] == round(exact[iri], 4)


def brute_cross_level(graph: nx.Graph) -> dict[str, float]:
    """Cross-level betweenness by enumerating every shortest path between levels."""
    levels = {n: lv for n, lv in graph.nodes(data="level") if lv}
    through: dict[str, float] = defaultdict(float)
    pairs = [(s, t) for s, t in itertools.combinations(sorted(levels), 2) if levels[s] != levels[t]]
    for s, t in pairs:
        if not nx.has_path(graph, s, t):
            continue
        paths = list(nx.all_shortest_paths(graph, s, t))
        for path in paths:
            for v in path[1:-1]:
                through[v] += 1 / len(paths)
    result = {}
    for v in graph:
        possible = sum(1 for s, t in pairs if v not in (s, t))
        result[v] = through[v] / possible if possible else 0.0
    return result


def test_cross_level_counts_the_paths_between_levels(interlocks: nx.Graph) -> None:
    """cross_level = share of the shortest paths between two levels that pass through a node."""
    expected = brute_cross_level(interlocks)
    found = measures.cross_level(measures.simple(interlocks))
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-12)
    assert max(found, key=lambda n: found[n]).endswith("/body/sezami")


def test_cross_level_ignores_paths_within_a_level() -> None:
    """A node between two state bodies only brokers nothing across levels."""
    graph = nx.Graph()
    graph.add_nodes_from(
        [
            ("a", {"level": "estatal"}),
            ("b", {"level": "estatal"}),
            ("c", {"level": "federal"}),
            ("m", {"level": None}),
            ("x", {"level": "estatal"}),
        ]
    )
    graph.add_edges_from([("a", "m"), ("m", "b"), ("b", "x"), ("x", "c")])
    found = measures.cross_level(graph)
    # Cross-level pairs: (a,c), (b,c), (x,c). a-c passes m, b, x; b-c passes x.
    assert found["m"] == pytest.approx(1 / 3)
    assert found["b"] == pytest.approx(1 / 2)  # a-c through b; (b,c) is its own pair
    assert found["x"] == pytest.approx(2 / 2)  # a-c and b-c; (x,c) is its own pair
    assert found["a"] == found["c"] == 0.0


def test_components_are_numbered_by_size(interlocks: nx.Graph, rows: Rows) -> None:
    """1 is the largest component (38 members); the CCPM's four members are apart."""
    sizes = Counter(column(rows, "component"))
    assert sizes == {1: 38, 2: 4}
    ccpm = sorted(row[0] for row in rows if row[COLUMNS.index("component")] == 2)
    assert ccpm == [
        "group:autoridades-federales-ccpm",
        "group:instituciones-academicas-ccpm",
        "group:osc-ccpm",
        "mx-body:conago-comision-asuntos-migratorios",
    ]
    assert sizes[1] == max(len(c) for c in nx.connected_components(interlocks))


@pytest.mark.parametrize("name", ["component", "community"])
@pytest.mark.parametrize("view", VIEWS)
def test_numbering_rule(kg: OxigraphBackend, view: str, name: str) -> None:
    """Groups are numbered 1.. by decreasing size, ties by their smallest CURIE."""
    found = analyze(project(view, kg))[1]
    members: dict[int, list[str]] = defaultdict(list)
    for row in found:
        members[row[COLUMNS.index(name)]].append(row[0])
    numbers = sorted(members)
    assert numbers == list(range(1, len(numbers) + 1))
    keys = [(-len(members[n]), min(members[n])) for n in numbers]
    assert keys == sorted(keys)


def test_communities_of_the_interlocks(rows: Rows) -> None:
    """Louvain finds the anti-trafficking / victims bloc, SEZAMI's migrant-affairs bloc, ..."""
    community = {row[0]: row[COLUMNS.index("community")] for row in rows}
    assert community["body:sezami"] == community["body:coordinacion-estatal-planeacion"]
    assert community["body:gobierno-zacatecas"] == community["body:secretaria-general-gobierno"]
    assert community["body:sezami"] != community["body:gobierno-zacatecas"]
    assert len(set(community.values())) >= 2


@pytest.mark.parametrize("view", ["interlocks", "councils", "all"])
def test_two_runs_give_the_same_rows(kg: OxigraphBackend, view: str) -> None:
    """Deterministic: the same rows twice, and whatever order the graph was built in."""
    graph = project(view, kg)
    first = analyze(graph)
    assert analyze(project(view, kg)) == first
    shuffled = type(graph)()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from((v, u, d) for u, v, d in reversed(list(graph.edges(data=True))))
    assert analyze(shuffled) == first


def test_multigraph_degree_counts_every_edge(kg: OxigraphBackend) -> None:
    """In a MultiGraph view, degree counts parallel edges; paths do not."""
    graph = project("all", kg)
    found = analyze(graph)[1]
    degree = {row[0]: row[COLUMNS.index("degree")] for row in found}
    sezami = next(n for n, c in graph.nodes(data="curie") if c == "body:sezami")
    assert degree["body:sezami"] == graph.degree(sezami) > len(graph[sezami])


def test_sampled_betweenness_above_the_threshold(
    interlocks: nx.Graph, rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above EXACT_LIMIT nodes, sampled with a fixed seed: the same rows every time."""
    monkeypatch.setattr(measures, "EXACT_LIMIT", 10)
    monkeypatch.setattr(measures, "SAMPLE_SOURCES", 20)
    first = analyze(interlocks)[1]
    assert analyze(interlocks)[1] == first
    assert first != rows  # an estimate, not the exact values
    assert all(v >= 0.0 for v in column(first, "cross_level"))
    assert column(first, "curie")[0] in {"body:sezami", "body:comision-ejecutiva-atencion-victimas"}


def test_summary(interlocks: nx.Graph) -> None:
    """Nodes, edges, components, largest component, communities, density."""
    columns, found = summary(interlocks)
    assert columns == ["measure", "value"]
    values = dict(found)
    assert list(values) == [
        "nodes",
        "edges",
        "components",
        "largest_component",
        "communities",
        "density",
    ]
    assert values["nodes"] == 42
    assert values["edges"] == 243
    assert values["components"] == 2
    assert values["largest_component"] == 38
    assert values["density"] == round(nx.density(interlocks), 4)
    assert values["communities"] == len(
        {r[COLUMNS.index("community")] for r in analyze(interlocks)[1]}
    )


def test_empty_graph() -> None:
    """No nodes: no rows, a summary of zeros."""
    assert analyze(nx.MultiGraph()) == (COLUMNS, [])
    assert dict(summary(nx.MultiGraph())[1]) == {
        "nodes": 0,
        "edges": 0,
        "components": 0,
        "largest_component": 0,
        "communities": 0,
        "density": 0.0,
    }
