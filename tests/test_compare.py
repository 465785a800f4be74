"""Jurisdictions side by side: `govgraph compare`, `--jurisdiction` on the analyst commands, and
the comparison view, on Zacatecas plus three generated jurisdictions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import REPO
from govgraph import compare, jurisdictions, render
from govgraph.cli import govgraph
from govgraph.network import project
from govgraph.render import browser
from govgraph.store import IRI, Backend, OxigraphBackend
from govgraph.synth import generate

FORMATS = ("table", "csv", "tsv", "json", "md")
JURIS = jurisdictions.NAMESPACE
COUNT = """
SELECT ?j (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a <https://w3id.org/govgraph/ontology#Council> ;
     <https://w3id.org/govgraph/ontology#jurisdiction> ?j .
} GROUP BY ?j
"""


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The --data of Zacatecas plus three generated jurisdictions."""
    synthetic = tmp_path_factory.mktemp("compare") / "three.nt"
    generate(3, synthetic)
    return [REPO / "data" / "ttl", synthetic]


@pytest.fixture(scope="module")
def kg(four: list[Path]) -> Backend:
    from govgraph.resources import default_sources

    return OxigraphBackend.load(default_sources(four))


@pytest.fixture(scope="module")
def ids(kg: Backend) -> list[str]:
    found = sorted(compare.profiles(kg))
    assert len(found) == 4
    assert "mx-zac" in found
    return found


def run(four: list[Path], *args: str) -> Any:
    data = [a for path in four for a in ("--data", str(path))]
    return CliRunner().invoke(govgraph, [*data, *args], catch_exceptions=False)


def table(kg: Backend, *wanted: str) -> dict[tuple[str, str], dict[str, str]]:
    """The comparison as {(section, aspect): {jurisdiction: cell}}."""
    result = compare.compare(kg, wanted)
    return {
        (row[0], row[1]): dict(zip(result.columns[2:], row[2:], strict=True)) for row in result.rows
    }


def test_every_profile_is_a_column(kg: Backend, ids: list[str]) -> None:
    result = compare.compare(kg)
    assert result.columns == ["section", "aspect", *ids]
    cells = table(kg)
    assert all(cell != compare.EMPTY for cell in cells[("perfil", "informe")].values())


def test_counts_are_the_graphs(kg: Backend, ids: list[str]) -> None:
    cells = table(kg)[("tamaño", "consejos")]
    for ident in ids:
        n = kg.query(COUNT, {"j": IRI(jurisdictions.iri(ident))}).rows[0][1]
        assert cells[ident] == str(n)
    assert cells["mx-zac"] == "9"  # 11 councils, 2 of them national (mx)


def test_zacatecas_row_by_row(kg: Backend) -> None:
    cells = table(kg, "mx-zac")
    chairs = cells[("consejos", "quién preside")]["mx-zac"]
    assert "Consejo Interinstitucional de Atención a los Zacatecanos Migrantes: " in chairs
    assert "Gobernador del Estado de Zacatecas" in chairs  # the post, not just the government
    assert cells[("consejos", "voto de la diáspora")]["mx-zac"].startswith(
        "Comité de Validación y Atención a Migrantes"
    )
    dimensions = [aspect for section, aspect in cells if section == "hallazgos"]
    assert len(dimensions) == 6
    alliances = cells[("hallazgos", "Alianzas")]["mx-zac"]
    assert "bien desarrollado" in alliances
    assert "potencial" in alliances


def test_shared_actors_are_shared_by_two_or_more(kg: Backend, ids: list[str]) -> None:
    cells = table(kg)
    shared = {
        aspect: row for (section, aspect), row in cells.items() if section == "actores compartidos"
    }
    assert shared, "the generated states and Zacatecas share federal actors"
    for row in shared.values():
        assert sum(cell != compare.EMPTY for cell in row.values()) >= 2


def test_statistics_side_by_side(kg: Backend) -> None:
    cells = table(kg, "mx-zac")
    assert cells[("estadísticas", "Población nacida en el extranjero · 2020")]["mx-zac"] == (
        "18031 personas"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_compare_in_every_format(four: list[Path], ids: list[str], fmt: str) -> None:
    result = run(four, "compare", *ids, "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.output
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["section", "aspect", *ids]
        assert len({len(row) for row in rows}) == 1
    elif fmt == "tsv":
        assert text.splitlines()[0].split("\t") == ["section", "aspect", *ids]
    elif fmt == "json":
        rows = json.loads(text)
        assert set(rows[0]) == {"section", "aspect", *ids}
    elif fmt == "md":
        assert text.startswith("| section | aspect | " + " | ".join(ids) + " |")
    else:
        assert text.splitlines()[0].split()[:2] == ["section", "aspect"]


def test_an_unknown_jurisdiction_is_one_sentence(four: list[Path]) -> None:
    result = run(four, "compare", "mx-zac", "mx-nope")
    assert result.exit_code == 2
    assert "no profile for jurisdiction 'mx-nope'" in result.output
    assert "Traceback" not in result.output


def test_analyst_commands_filter_and_name_the_jurisdiction(
    four: list[Path], ids: list[str]
) -> None:
    other = next(i for i in ids if i != "mx-zac")
    result = run(four, "councils", "--jurisdiction", other, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows
    assert {row["jurisdiction_id"] for row in rows} == {f"juris:{other}"}
    both = run(
        four, "councils", "--jurisdiction", "mx-zac", "--jurisdiction", other, "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(both.output)))
    assert {row["jurisdiction_id"] for row in rows} == {"juris:mx-zac", f"juris:{other}"}
    everything = run(four, "councils", "--format", "csv")
    assert {row["jurisdiction_id"] for row in csv.DictReader(io.StringIO(everything.output))} >= {
        f"juris:{i}" for i in ids
    }
    wrong = run(four, "councils", "--jurisdiction", "mx-nope")
    assert wrong.exit_code == 2
    assert "unknown jurisdiction 'mx-nope'" in wrong.output


def test_network_views_keep_a_jurisdiction_and_its_shared_partners(
    four: list[Path], kg: Backend, ids: list[str]
) -> None:
    """--jurisdiction on viz, analyze and export-network: the profile's actors, and the actors
    of other levels linked to them; every node says its jurisdiction."""
    other = next(i for i in ids if i != "mx-zac")
    whole = project("interlocks", kg)
    graph = project("interlocks", kg, jurisdictions=[other])
    assert graph.graph["filters"]["jurisdictions"] == other
    inside = {n for n, j in graph.nodes(data="jurisdiction") if j == other}
    assert inside == {n for n, j in whole.nodes(data="jurisdiction") if j == other}
    outside = set(graph) - inside
    # the federal actors on the state's councils; other states' on the shared ones
    assert "mx" in {graph.nodes[n]["jurisdiction"] for n in outside}
    assert all(u in inside or v in inside for u, v in graph.edges())
    assert all(inside & set(graph[n]) for n in outside)
    result = run(four, "analyze", "interlocks", "--jurisdiction", other, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == graph.number_of_nodes()
    assert {row["jurisdiction_id"] for row in rows} == {
        f"juris:{graph.nodes[n]['jurisdiction']}" for n in graph
    }
    wrong = run(four, "viz", "interlocks", "--jurisdiction", "mx-nope", "-o", "-")
    assert wrong.exit_code != 0
    assert "unknown jurisdiction 'mx-nope'" in wrong.output


def test_comparison_view_renders_in_chromium(
    chromium: Any, kg: Backend, ids: list[str], tmp_path: Path
) -> None:
    graph = project("compare", kg)
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert {"jurisdiction", "body"} <= kinds
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "jurisdiction") == len(ids)
    shared = [
        n for n, d in graph.nodes(data=True) if d["kind"] != "jurisdiction" and graph.degree(n) >= 2
    ]
    assert shared, "an actor between two jurisdictions"
    path = render.write(graph, tmp_path / "compare.html")
    with browser.open_page(path, chromium=chromium) as loaded:
        assert loaded.errors == []
        assert loaded.blocked == []
        assert loaded.page.evaluate("window.govgraph.nodes.length") == graph.number_of_nodes()


def test_describe_and_search_within_a_jurisdiction() -> None:
    """Two Secretarías de Economía: --jurisdiction picks one; search names each row's."""

    runner = CliRunner()
    federal = runner.invoke(
        govgraph, ["describe", "Secretaría de Economía", "--jurisdiction", "mx", "--format", "csv"]
    )
    assert federal.exit_code == 0, federal.output
    assert "mx/body/secretaria-economia-federal" in federal.output
    wrong = runner.invoke(govgraph, ["describe", "SEZAMI", "--jurisdiction", "mx"])
    assert wrong.exit_code == 2
    assert "body:sezami is not an entity of jurisdiction mx" in wrong.output
    found = runner.invoke(
        govgraph, ["search", "economía", "--jurisdiction", "mx", "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(found.output)))
    assert rows
    assert {row["jurisdiction_id"] for row in rows} == {"juris:mx"}


def test_compare_fifty_jurisdictions(tmp_path: Path) -> None:
    """50 generated states: one column each, their counts the graph's, shared actors found."""
    from govgraph.resources import default_sources

    synthetic = tmp_path / "fifty.nt"
    generate(50, synthetic)
    kg = OxigraphBackend.load(default_sources([synthetic]))
    result = compare.compare(kg)
    assert result.columns[2:] == sorted(f"syn-{j}" for j in range(1, 51))
    cells = {(row[0], row[1]): row[2:] for row in result.rows}
    assert all(int(n) >= 5 for n in cells[("tamaño", "consejos")])
    shared = [cells for (section, _), cells in cells.items() if section == "actores compartidos"]
    assert any(sum(c != compare.EMPTY for c in row) == 50 for row in shared)
