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
from govgraph.resources import default_sources
from govgraph.store import OxigraphBackend
from govgraph.synth import generate

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


def test_edges_handed_over_in_chunks(kg: OxigraphBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    """The edges go to igraph a chunk at a time (memory at millions of edges): same rows."""
    graph = project("all", kg)
    first = analyze(graph)
    monkeypatch.setattr(measures, "CHUNK", 7)
    assert analyze(graph) == first


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


def test_sampled_betweenness_is_the_networkx_estimate(
    interlocks: nx.Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sampled: the same sources and scaling as nx.betweenness_centrality(k=..., seed=SEED)."""
    monkeypatch.setattr(measures, "EXACT_LIMIT", 10)
    monkeypatch.setattr(measures, "SAMPLE_SOURCES", 20)
    found = measures.betweenness(interlocks)
    expected = nx.betweenness_centrality(measures.simple(interlocks), k=20, seed=measures.SEED)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-12)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> nx.Graph:
    """The interlocks of twelve generated jurisdictions: a few hundred members."""
    path = tmp_path_factory.mktemp("synth") / "twelve.nt"
    generate(12, path)
    return project("interlocks", OxigraphBackend.load(default_sources([path]), cache=False))


def networkx_cross_level(graph: nx.Graph) -> dict[str, float]:
    """Cross-level betweenness from networkx's subset betweenness, one call per level pair."""
    by_level: dict[str, list[str]] = defaultdict(list)
    for node, level in graph.nodes(data="level"):
        if level:
            by_level[level].append(node)
    raw: dict[str, float] = defaultdict(float)
    for a, b in itertools.permutations(by_level, 2):
        part = nx.betweenness_centrality_subset(graph, by_level[a], by_level[b], normalized=False)
        for node, value in part.items():
            raw[node] += value
    leveled = sum(len(nodes) for nodes in by_level.values())
    result = {}
    for node, level in graph.nodes(data="level"):
        # Pairs of different levels without the node; raw counts each unordered pair once.
        others = leveled - len(by_level[level]) if level else 0
        possible = sum(
            len(by_level[a]) * len(by_level[b]) for a, b in itertools.combinations(by_level, 2)
        )
        result[node] = raw[node] / (possible - others) if possible - others else 0.0
    return result


def test_exact_measures_match_networkx_on_a_generated_graph(synthetic: nx.Graph) -> None:
    """Hundreds of nodes, exact: betweenness and cross_level are networkx's to 1e-12."""
    flat = measures.simple(synthetic)
    assert 200 < flat.number_of_nodes() <= measures.EXACT_LIMIT
    for found, expected in (
        (measures.betweenness(synthetic), nx.betweenness_centrality(flat)),
        (measures.cross_level(synthetic), networkx_cross_level(flat)),
    ):
        assert found.keys() == expected.keys()
        assert max(expected.values()) > 0.01
        for node, value in expected.items():
            assert found[node] == pytest.approx(value, abs=1e-12)


def spearman(a: dict[str, float], b: dict[str, float]) -> float:
    """Spearman rank correlation of two measures of the same nodes (average ranks on ties)."""

    def ranks(values: dict[str, float]) -> dict[str, float]:
        ordered = sorted(values, key=lambda node: values[node])
        out: dict[str, float] = {}
        i = 0
        while i < len(ordered):
            j = i
            while j + 1 < len(ordered) and values[ordered[j + 1]] == values[ordered[i]]:
                j += 1
            for node in ordered[i : j + 1]:
                out[node] = (i + j) / 2
            i = j + 1
        return out

    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra.values()) / len(ra), sum(rb.values()) / len(rb)
    cov = sum((ra[n] - ma) * (rb[n] - mb) for n in ra)
    return float(
        cov
        / (sum((r - ma) ** 2 for r in ra.values()) * sum((r - mb) ** 2 for r in rb.values())) ** 0.5
    )


def test_sampled_estimates_follow_the_exact_values(
    synthetic: nx.Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sampled sources: the same brokers on top, the ranks kept, small errors."""
    levels = Counter(level for _, level in synthetic.nodes(data="level") if level)
    # cross_level searches from every level but the largest: sample two thirds of those.
    few = (levels.total() - max(levels.values())) * 2 // 3
    monkeypatch.setattr(measures, "EXACT_LIMIT", 10)
    for measure, sources in (
        (measures.betweenness, synthetic.number_of_nodes() // 4),
        (measures.cross_level, few),
    ):
        truth = measure(synthetic)
        monkeypatch.setattr(measures, "SAMPLE_SOURCES", sources)
        estimate = measure(synthetic)
        monkeypatch.setattr(measures, "SAMPLE_SOURCES", 500)
        assert estimate != truth
        assert spearman(truth, estimate) > 0.95
        top = set(sorted(truth, key=lambda n: -truth[n])[:10])
        assert len(top & set(sorted(estimate, key=lambda n: -estimate[n])[:10])) >= 7
        assert max(abs(estimate[n] - truth[n]) for n in truth) < 0.05


@pytest.mark.parametrize("view", VIEWS)
def test_communities_are_as_modular_as_networkx_louvain(kg: OxigraphBackend, view: str) -> None:
    """The communities found are at least as modular as networkx's Louvain (seeded) finds."""
    graph = project(view, kg)
    flat = measures.simple(graph)
    found: dict[int, set[str]] = defaultdict(set)
    for node, number in measures.communities(graph).items():
        found[number].add(node)
    ours = nx.community.modularity(flat, found.values(), weight="weight")
    theirs = nx.community.louvain_communities(flat, weight="weight", seed=measures.SEED)
    assert ours >= nx.community.modularity(flat, theirs, weight="weight") - 0.001


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
