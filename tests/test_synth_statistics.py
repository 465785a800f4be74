"""The generator's statistics: every synthetic state's "Tendencias migratorias" as RDF Data Cube
observations in the shared data sets, well formed, consistent, side by side with Zacatecas', and
kept by the generated workbooks; written last, so the rest of the graph is as it was."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest

from conftest import REPO
from govgraph import compare
from govgraph.load import load_store
from govgraph.publish.statistics import number
from govgraph.queries import run, saved_queries
from govgraph.resources import checks_dir, data_dir, default_sources, ontology_sources
from govgraph.store import OxigraphBackend
from govgraph.synth import chunks, federal, generate, states
from govgraph.synth.statistics import DATASETS, es_number, shared_datasets
from test_statistics import IC, NORMALISE, broken

STATES = 3
OBSERVATIONS = 49  # per state
JURIS = "https://w3id.org/govgraph/vocab/jurisdiction/"
QUERIES = {q.name: q for q in saved_queries()}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three generated states as N-Triples."""
    path = tmp_path_factory.mktemp("synth-statistics") / "three.nt"
    generate(STATES, path, seed=7)
    return path


@pytest.fixture(scope="module")
def kg(graph: Path) -> OxigraphBackend:
    """The bundled ontology and vocabularies with the generated states."""
    return OxigraphBackend(load_store([*ontology_sources(), graph]))


@pytest.fixture(scope="module")
def cube(graph: Path) -> pyoxigraph.Store:
    """The same graph in one default graph, for the Recommendation's own ASK queries."""
    store = pyoxigraph.Store()
    for path in (*ontology_sources()[:-1], *sorted(ontology_sources()[-1].glob("*.ttl")), graph):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def state_name(state: str) -> str:
    """The Spanish name of a synthetic state from its concept's IRI."""
    return f"Estado Sintético {state.rsplit('-', 1)[1]}"


def figures(kg: OxigraphBackend, **values: str) -> list[dict[str, str | None]]:
    """The rows of the saved query `figures`."""
    result = run(kg, QUERIES["figures"], values)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


# --- the shared data sets ------------------------------------------------------------------------


def test_the_shared_data_sets_are_the_bundled_ones(graph: Path) -> None:
    """The generated graph states the data sets of data/ttl/mx/statistics.ttl, triple for
    triple (so Zacatecas and the synthetic states share them, with one label each)."""
    bundled = pyoxigraph.Store()
    bundled.load(path=str(data_dir() / "mx" / "statistics.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    generated = pyoxigraph.Store()
    generated.load(path=str(graph), format=pyoxigraph.RdfFormat.N_TRIPLES)
    datasets = [q for q in generated if q.subject.value.startswith(DATASETS)]
    assert len(datasets) == len(bundled) > 26 * 9
    assert all(q in generated for q in bundled)
    assert len(shared_datasets()[1]) == 26


# --- every state, every data set -----------------------------------------------------------------


def test_figures_lists_every_state_in_every_data_set(kg: OxigraphBackend) -> None:
    rows = figures(kg)
    by_state: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in rows:
        by_state[str(row["jurisdiction_id"])].append(row)
    assert sorted(by_state) == [f"{JURIS}syn-{j}" for j in range(1, STATES + 1)]
    labels = {es for es, _ in shared_datasets()[1].values()}
    for state, found in by_state.items():
        assert len(found) == OBSERVATIONS, state
        assert {row["dataset"] for row in found} == labels, state
        assert all(
            row["value"] and row["unit"] and row["source"] and row["evidence"] for row in found
        )
        first = found[0]  # in the report's order (gg:order)
        name = state_name(state)
        assert (first["dataset"], first["area"], first["period"]) == ("Población", name, "2020")
    english = figures(kg, lang="en", jurisdiction="syn-2")
    assert len(english) == OBSERVATIONS
    assert {row["jurisdiction_id"] for row in english} == {f"{JURIS}syn-2"}
    assert any(row["sex"] == "Female" for row in english)
    assert any(row["breakdown"] == "United States of America" for row in english)
    assert any(row["base_period"] == "2010-2015" for row in english)
    assert any(row["out_of"] == "32" for row in english)


def test_statistics_qb_finds_every_state_with_data_cube_terms_only(kg: OxigraphBackend) -> None:
    result = run(kg, QUERIES["statistics-qb"], {})
    at = result.columns.index
    areas = {row[at("area")] for row in result.rows}
    assert {f"{JURIS}syn-{j}" for j in range(1, STATES + 1)} <= areas
    municipalities = {a for a in areas if a and "/area/" in a}
    assert len(municipalities) == 3 * STATES
    assert len(result.rows) == OBSERVATIONS * STATES


# --- well formed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("ic", sorted(IC, key=lambda k: (int(re.sub(r"\D", "", k)), k)))
def test_the_cube_meets_each_integrity_constraint(cube: pyoxigraph.Store, ic: str) -> None:
    assert len(cube) > OBSERVATIONS * STATES * 12
    assert not broken(ic, cube), ic


def test_the_cube_is_in_the_normal_form_and_the_check_finds_nothing(
    cube: pyoxigraph.Store, kg: OxigraphBackend
) -> None:
    before = len(cube)
    copy = pyoxigraph.Store()
    copy.extend(cube)
    copy.update(NORMALISE)
    assert len(copy) == before
    check = (checks_dir() / "cube-integrity-violation.rq").read_text("utf-8")
    assert kg.query(check).rows == []


def test_a_twin_observation_would_be_found(cube: pyoxigraph.Store) -> None:
    """Not vacuous on the generated graph: a second population of syn-1 breaks IC-12."""
    copy = pyoxigraph.Store()
    copy.extend(cube)
    assert not broken("IC-12", copy)
    copy.update("""PREFIX qb: <http://purl.org/linked-data/cube#>
        INSERT { <urn:twin> a qb:Observation ; ?p ?o } WHERE {
        <https://w3id.org/govgraph/id/syn-1/observation/poblacion-syn-1-2020> ?p ?o }""")
    assert broken("IC-12", copy)


# --- consistent ----------------------------------------------------------------------------------

OBSERVED = """
SELECT ?o ?juris ?dataset ?area ?period ?breakdown ?value ?unit ?of ?source ?part ?quote WHERE {
  ?o a qb:Observation ; gg:jurisdiction ?juris ; qb:dataSet ?dataset ;
     sdmx-dimension:refArea ?area ; sdmx-dimension:refPeriod ?period ;
     sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit ;
     dcterms:source ?source ; gg:evidence ?quote .
  ?source dcterms:isPartOf ?part .
  OPTIONAL { ?o sdmx-dimension:sex|gg:countryOfOrigin|gg:countryOfDestination|gg:emigrationCause
                ?breakdown }
  OPTIONAL { ?o gg:rankOutOf ?of }
}"""


def test_every_quote_holds_its_value_and_every_source_is_the_states(kg: OxigraphBackend) -> None:
    """As the real profile's: the value as the report writes it (and a rank's total) is in the
    quote; the source is a footnote of the state's "Tendencias migratorias" or its section
    "Estructura administrativa"."""
    rows = kg.query(OBSERVED).rows
    assert len(rows) == OBSERVATIONS * STATES
    for obs, juris, _, _, _, _, value, _, of, source, part, quote in rows:
        state = str(juris).removeprefix(JURIS)
        report = f"https://w3id.org/govgraph/id/{state}/report/"
        assert str(obs).startswith(f"https://w3id.org/govgraph/id/{state}/observation/")
        assert number(abs(Decimal(str(value))), "es") in str(quote), (obs, value, quote)
        assert of is None or f" {of} " in str(quote), (obs, of, quote)
        assert (source, part) == (f"{report}sec-estructura", f"{report}igm-{state}") or (
            re.fullmatch(rf"{re.escape(report)}fn-[1-9]", str(source))
            and part == f"{report}sec-tendencias"
        ), (obs, source, part)


def test_the_figures_hang_together(kg: OxigraphBackend) -> None:
    """Shares of a breakdown add up to 100 at most (sex: exactly), a percentage is that of its
    counts, a rank lies between 1 and its total, the municipalities are smaller than the state."""
    values: dict[tuple[str, str, str], Decimal] = {}
    shares: dict[tuple[str, str, str, str], list[Decimal]] = defaultdict(list)
    for _, juris, dataset, area, period, breakdown, value, unit, of, *_ in kg.query(OBSERVED).rows:
        name = str(dataset).removeprefix(DATASETS)
        number_ = Decimal(str(value))
        if breakdown:
            shares[(str(juris), name, str(area), str(period))].append(number_)
        else:
            values[(str(area), name, str(period).rsplit("/", 1)[1])] = number_
        if str(unit).endswith("/lugar"):
            assert 1 <= number_ <= Decimal(str(of)) == 32
    assert len(shares) == 8 * STATES
    for key, found in shares.items():
        assert sum(found) <= 100, key
        if key[1].endswith("-sexo"):
            assert sum(found) == 100, key
    for j in range(1, STATES + 1):
        area = f"{JURIS}syn-{j}"

        def v(name: str, period: str = "2020", where: str = area) -> Decimal:
            return values[(where, name, period)]

        percent = v("poblacion-nacida-extranjero") * 100 / v("poblacion")
        assert abs(percent - v("poblacion-nacida-extranjero-porcentaje")) <= Decimal("0.05")
        before, after = v("emigrantes", "2010-2015"), v("emigrantes", "2015-2020")
        change = (after - before) * 100 / before
        assert abs(change - v("emigrantes-variacion", "2015-2020")) <= Decimal("0.05")
        assert v("emigrantes-variacion", "2015-2020") != 0
        towns = [
            value
            for (where, name, _), value in values.items()
            if name == "poblacion" and where.startswith(f"https://w3id.org/govgraph/id/syn-{j}/")
        ]
        assert len(towns) == 3
        assert sum(towns) < v("poblacion")


def test_spanish_numbers_are_written_as_the_report_writes_them() -> None:
    assert es_number(1622138) == "1.622.138" == number(Decimal(1622138), "es")
    assert es_number(491, tenths=True) == "49,1" == number(Decimal("49.1"), "es")
    assert es_number(420, tenths=True) == "42" == number(Decimal("42.0"), "es")
    assert es_number(-245, tenths=True) == "-24,5"
    assert es_number(5, tenths=True) == "0,5"


# --- written last: the rest of the graph is as it was --------------------------------------------


def test_the_statistics_leave_every_other_line_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the statistics (and the shared data sets) the graph is the same lines in the same
    order: each state's statistics come last and draw from a random generator of their own."""
    full = [text.splitlines() for text, _ in chunks(STATES, seed=7)][1:]
    shared = federal.federal_block()[0].splitlines()
    monkeypatch.setattr(states, "write_statistics", lambda st, seed: None)
    monkeypatch.setattr(federal, "shared_datasets", lambda: ((), {}))
    without = [text.splitlines() for text, _ in chunks(STATES, seed=7)][1:]
    before = federal._federal()[0].splitlines()  # the shared block, built afresh
    assert shared[: len(before)] == before
    assert all(line.startswith(f"<{DATASETS}") for line in shared[len(before) :])
    assert len(shared) - len(before) == len(shared_datasets()[0])
    for lines, before in zip(full, without, strict=True):
        assert lines[: len(before)] == before
        added = lines[len(before) :]
        assert len(added) == 689
        assert all(re.search(r"/id/syn-\d+/(report|area|observation)/", line) for line in added)


# --- side by side with Zacatecas -----------------------------------------------------------------


def test_compare_puts_the_states_figures_beside_zacatecas(graph: Path) -> None:
    kg = OxigraphBackend.load(default_sources([REPO / "data" / "ttl", graph]))
    result = compare.compare(kg, ["mx-zac", "syn-1", "syn-3"])
    cells = {(row[0], row[1]): row[2:] for row in result.rows}
    zac, one, three = cells[("estadísticas", "Población nacida en el extranjero · 2020")]
    assert zac == "18031 personas"
    expected = {
        str(area): f"{value} personas"
        for area, value in kg.query(
            "SELECT ?area ?value WHERE { ?o qb:dataSet mx-dataset:poblacion-nacida-extranjero ; "
            "sdmx-dimension:refArea ?area ; sdmx-measure:obsValue ?value }"
        ).rows
    }
    assert one == expected[f"{JURIS}syn-1"]
    assert three == expected[f"{JURIS}syn-3"]
    ranks = cells[
        ("estadísticas", "Lugar entre las entidades federativas por número de habitantes · 2020")
    ]
    assert ranks[0] == "26 lugar / 32"
    assert all(re.fullmatch(r"\d+ lugar / 32", cell) for cell in ranks[1:])
    statistics = [row for row in result.rows if row[0] == "estadísticas"]
    shared_by_all = [row for row in statistics if compare.EMPTY not in row[2:]]
    assert len(shared_by_all) >= 30  # the same indicators, periods and breakdowns


# --- the generated workbooks ---------------------------------------------------------------------


def test_the_generated_workbooks_keep_the_statistics(tmp_path: Path) -> None:
    """The statistics, areas and footnotes sheets of a generated workbook hold the state's
    figures; importing the workbook (xlsx, and the CSV folder) gives back every triple."""
    from govgraph.synth.workbooks import SHARED_FILE, shared_level, write_workbooks
    from govgraph.workbook import SHARED_LEVELS, Context, import_workbook

    texts = [text for text, _ in chunks(2)][1:]
    for fmt in ("csv", "xlsx"):
        folder = tmp_path / fmt
        assert write_workbooks(2, folder, fmt=fmt) == 2
        shared = folder / SHARED_FILE
        (tmp_path / f"{fmt}-out").mkdir()
        store = load_store([*ontology_sources(), shared])
        context = Context(OxigraphBackend(store), shared=(*SHARED_LEVELS, shared_level()))
        for j, text in enumerate(texts, start=1):
            source = folder / (f"syn-{j}" if fmt == "csv" else f"syn-{j}.xlsx")
            if fmt == "csv":
                sheet = (source / "estadisticas.csv").read_text("utf-8")
                rows = list(csv.DictReader(io.StringIO(sheet)))
                assert len(rows) == OBSERVATIONS
                areas = list(csv.DictReader(io.StringIO((source / "areas.csv").read_text("utf-8"))))
                assert len(areas) == 3
            out = tmp_path / f"{fmt}-out" / f"syn-{j}"
            imported = import_workbook(source, out, context=context, data=[shared], check=False)
            assert imported.jurisdiction == f"syn-{j}"
            assert (out / "statistics.ttl").is_file()
            back = {q.triple for q in load_store([*ontology_sources(), shared, out])}
            original = pyoxigraph.parse(text.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
            lost = [q.triple for q in original if q.triple not in back]
            assert lost == [], (fmt, j, lost[:3])
