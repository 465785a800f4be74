"""Statistics as a W3C RDF Data Cube: the "Tendencias migratorias" figures of Zacatecas.

The cube is well formed (the Recommendation's integrity constraints, as its ASK queries, find
nothing on the bundled graph and find each defect planted in a copy), every observation has its
source and a verbatim quote that holds its value, `govgraph figures mx-zac` lists them in every
format and through an endpoint, a query with only qb: and SDMX terms finds them, and the
published site draws them as valid, accessible inline SVG charts.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from conftest import REPO
from govgraph import resources
from govgraph.namespaces import PREFIXES, curie, expand, sparql_prefixes
from govgraph.publish.statistics import number
from govgraph.store import OxigraphBackend
from govgraph.validate import validate
from html_support import vnu_errors
from publish_support import (
    cli,
    fixture_built,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
    read_page,
)

REPORT = REPO / "data/source/igm-local-zacatecas.txt"
ZAC = "https://w3id.org/govgraph/vocab/jurisdiction/mx-zac"
OBSERVATIONS = 50
DATASETS = 26

# The integrity constraints of the RDF Data Cube Recommendation (section 11.1), as its ASK
# queries: true when the constraint is broken. IC-15 to IC-17 concern cubes with a measure
# dimension (qb:measureType), IC-7 to IC-10 and IC-18 slices: the graph has neither, and the
# queries run all the same (they must find nothing). IC-20 and IC-21 need hierarchical code
# lists (qb:HierarchicalCodeList), which the graph does not use.
IC: dict[str, str] = {
    "IC-1": """ASK { { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
        UNION { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 .
                FILTER (?dataset1 != ?dataset2) } }""",
    "IC-2": """ASK { { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . } }
        UNION { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""",
    "IC-3": """ASK { ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] } }""",
    "IC-4": """ASK { ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5": """ASK { ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
        FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6": """ASK { ?dsd qb:component ?componentSpec .
        ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
        FILTER NOT EXISTS { ?component a qb:AttributeProperty } }""",
    "IC-7": """ASK { ?sliceKey a qb:SliceKey .
        FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey } }""",
    "IC-8": """ASK { ?slicekey a qb:SliceKey; qb:componentProperty ?prop .
        ?dsd qb:sliceKey ?slicekey .
        FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] } }""",
    "IC-9": """ASK { { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
        UNION { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2 . FILTER (?key1 != ?key2) } }""",
    "IC-10": """ASK { ?slice qb:sliceStructure [qb:componentProperty ?dim] .
        FILTER NOT EXISTS { ?slice ?dim [] } }""",
    "IC-11": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12": """ASK { FILTER( ?allEqual ) {
        SELECT (MIN(?equal) AS ?allEqual) WHERE {
            ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
            ?dataset qb:structure/qb:component/qb:componentProperty ?dim .
            ?dim a qb:DimensionProperty .
            ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 .
            BIND( ?value1 = ?value2 AS ?equal)
        } GROUP BY ?obs1 ?obs2 } }""",
    "IC-13": """ASK { ?obs qb:dataSet/qb:structure/qb:component ?component .
        ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
        FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14": """ASK { ?obs qb:dataSet/qb:structure ?dsd .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
        ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty;
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-15": """ASK { ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
        ?dsd qb:component/qb:componentProperty qb:measureType .
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-16": """ASK { ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
        ?dsd qb:component/qb:componentProperty qb:measureType ;
             qb:component/qb:componentProperty ?omeasure .
        ?omeasure a qb:MeasureProperty . FILTER (?omeasure != ?measure) }""",
    "IC-17": """ASK { {
        SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
            { SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
                ?dsd qb:component/qb:componentProperty ?m. ?m a qb:MeasureProperty .
            } GROUP BY ?dsd }
            ?obs1 qb:dataSet/qb:structure ?dsd; qb:dataSet ?dataset ; qb:measureType ?m1 .
            ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
            FILTER NOT EXISTS {
                ?dsd qb:component/qb:componentProperty ?dim . FILTER (?dim != qb:measureType)
                ?dim a qb:DimensionProperty . ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2. FILTER (?v1 != ?v2) }
        } GROUP BY ?obs1 ?numMeasures HAVING (?count != ?numMeasures) } }""",
    "IC-18": """ASK { ?dataset qb:slice ?slice . ?slice qb:observation ?obs .
        FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . } }""",
    "IC-19a": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
        ?obs ?dim ?v . FILTER NOT EXISTS { ?v skos:inScheme ?list } }""",
    "IC-19b": """ASK { ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection .
        ?obs ?dim ?v . FILTER NOT EXISTS { ?list skos:member+ ?v } }""",
}
IC_PREFIXES = (
    "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)

# Section 10.1 of the Recommendation: the normal form adds what the abbreviated forms leave out.
NORMALISE = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
INSERT { ?o rdf:type qb:Observation . } WHERE { [] qb:observation ?o . };
INSERT { ?o rdf:type qb:Observation . ?ds rdf:type qb:DataSet . } WHERE { ?o qb:dataSet ?ds . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty . }
  WHERE { ?cs qb:dimension ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty . }
  WHERE { ?cs qb:measure ?p . };
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty . }
  WHERE { ?cs qb:attribute ?p . };
INSERT { ?obs ?comp ?value } WHERE {
    ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
    ?dataset qb:structure [qb:component ?spec]; ?comp ?value . ?obs qb:dataSet ?dataset. }
"""


def broken(ic: str, store: pyoxigraph.Store) -> bool:
    """Whether the store breaks one integrity constraint."""
    answer = store.query(IC_PREFIXES + IC[ic])
    assert isinstance(answer, pyoxigraph.QueryBoolean)
    return bool(answer)


@pytest.fixture(scope="module")
def kg() -> OxigraphBackend:
    """The bundled ontology, vocabularies and data in one store."""
    return OxigraphBackend.load()


def flat(kg: OxigraphBackend) -> pyoxigraph.Store:
    """A store with every statement of the graph in its default graph (whatever named graphs
    the bundled files load into), for the queries that run on a pyoxigraph store directly."""
    store = pyoxigraph.Store()
    store.extend(
        pyoxigraph.Quad(q.subject, q.predicate, q.object, pyoxigraph.DefaultGraph())
        for q in kg.store.quads_for_pattern(None, None, None, None)
    )
    return store


@pytest.fixture(scope="module")
def cube(kg: OxigraphBackend) -> pyoxigraph.Store:
    """The bundled graph in one default graph."""
    return flat(kg)


def select(kg: OxigraphBackend, sparql: str) -> list[tuple[Any, ...]]:
    """Rows with CURIEs in place of IRIs."""
    rows = kg.query(sparql).rows
    return [
        tuple(curie(v) if isinstance(v, str) and v.startswith("http") else v for v in r)
        for r in rows
    ]


# --- the cube is well formed -------------------------------------------------------------------


@pytest.mark.parametrize("ic", sorted(IC, key=lambda k: (int(re.sub(r"\D", "", k)), k)))
def test_the_cube_meets_each_integrity_constraint(cube: pyoxigraph.Store, ic: str) -> None:
    assert not broken(ic, cube), ic


def test_the_graph_is_already_in_the_normal_form(kg: OxigraphBackend) -> None:
    """Normalising (section 10.1) adds no triple: the constraints run on the graph as loaded."""
    store = flat(kg)
    before = len(store)
    store.update(NORMALISE)
    assert len(store) == before


def test_the_constraints_find_planted_defects(kg: OxigraphBackend) -> None:
    """On a copy with a duplicate, a missing dimension, a missing unit and a code outside its
    list, the queries (and `govgraph validate`'s check) find each defect."""
    store = flat(kg)
    assert not any(broken(ic, store) for ic in IC)
    store.update(
        sparql_prefixes()
        + """INSERT DATA {
        obs:twin a qb:Observation ; qb:dataSet mx-dataset:poblacion ;
            sdmx-dimension:refArea juris:mx-zac ; sdmx-dimension:refPeriod period:2020 ;
            sdmx-measure:obsValue 1 ; sdmx-attribute:unitMeasure unit:personas .
        obs:no-period a qb:Observation ; qb:dataSet mx-dataset:poblacion ;
            sdmx-dimension:refArea juris:mx ; sdmx-measure:obsValue 1 .
        obs:odd-cause a qb:Observation ; qb:dataSet mx-dataset:emigrantes-causa ;
            sdmx-dimension:refArea juris:mx ; sdmx-dimension:refPeriod period:2020 ;
            gg:emigrationCause country:usa ; sdmx-measure:obsValue 1 ;
            sdmx-attribute:unitMeasure unit:porcentaje .
        gg:dsd-hollow a qb:DataStructureDefinition .
        }"""
    )
    assert {ic for ic in IC if broken(ic, store)} == {"IC-3", "IC-11", "IC-12", "IC-13", "IC-19a"}
    check = (resources.checks_dir() / "cube-integrity-violation.rq").read_text("utf-8")
    found = {
        (curie(row["focus"].value), row["message"].value.split(":")[0])
        for row in store.query(check)
    }
    assert found >= {
        ("obs:twin", "IC-12"),
        ("obs:no-period", "IC-11"),
        ("obs:no-period", "IC-13"),
        ("obs:odd-cause", "IC-19"),
        ("gg:dsd-hollow", "IC-3"),
    }


# --- what the cube holds -----------------------------------------------------------------------


def test_counts(kg: OxigraphBackend) -> None:
    rows = select(
        kg,
        """SELECT (COUNT(DISTINCT ?o) AS ?obs) (COUNT(DISTINCT ?d) AS ?sets)
                  (COUNT(DISTINCT ?s) AS ?structures) WHERE {
             ?o a qb:Observation ; qb:dataSet ?d . ?d a qb:DataSet ; qb:structure ?s .
             ?s a qb:DataStructureDefinition }""",
    )
    assert rows == [(str(OBSERVATIONS), str(DATASETS), "7")]


def test_every_observation_has_its_source_and_a_quote_that_holds_its_value(
    kg: OxigraphBackend,
) -> None:
    """A footnote or section of the report, a verbatim quote, and in it the value as the report
    writes it (18.031, 93,3; a decrease as its size); a rank's total is in the quote too."""
    report = re.sub(r"\s+", " ", REPORT.read_text(encoding="utf-8"))
    rows = kg.query("""SELECT ?o ?source ?quote ?value ?of ?juris WHERE {
        ?o a qb:Observation ; sdmx-measure:obsValue ?value .
        OPTIONAL { ?o dcterms:source ?source } OPTIONAL { ?o gg:evidence ?quote }
        OPTIONAL { ?o gg:rankOutOf ?of } OPTIONAL { ?o gg:jurisdiction ?juris } }""").rows
    assert len(rows) == OBSERVATIONS
    for obs, source, quote, value, of, juris in rows:
        assert source, obs
        assert str(source).startswith(PREFIXES["report"]), obs
        assert quote, obs
        assert re.sub(r"\s+", " ", str(quote)).strip() in report, (obs, quote)
        assert number(abs(Decimal(str(value))), "es") in str(quote), (obs, value, quote)
        assert of is None or f" {of} " in str(quote), (obs, of)
        assert juris == ZAC, obs


def test_the_footnotes_of_the_section_are_there(kg: OxigraphBackend) -> None:
    rows = select(
        kg,
        """SELECT ?fn ?number WHERE { ?fn a gg:ReportSection ; gg:sectionNumber ?number ;
             dcterms:isPartOf report:sec-tendencias } ORDER BY ?fn""",
    )
    assert {fn for fn, _ in rows} >= {f"report:fn-{n}" for n in range(17, 26)}
    cited = select(kg, "SELECT DISTINCT ?s WHERE { ?o a qb:Observation ; dcterms:source ?s }")
    assert {s for (s,) in cited} == {
        *(f"report:fn-{n}" for n in range(18, 26)),
        "report:sec-tendencias",
        "report:sec-estructura",
    }


@pytest.mark.parametrize(
    ("dataset", "area", "period", "breakdown", "value"),
    [
        ("poblacion", "juris:mx-zac", "2020", None, "1622138"),
        ("poblacion-nacida-extranjero", "juris:mx-zac", "2020", None, "18031"),
        ("poblacion-nacida-extranjero-sexo", "juris:mx-zac", "2020", "sdmx-code:sex-F", "50.9"),
        ("poblacion-nacida-extranjero-pais", "juris:mx-zac", "2020", "country:ven", "0.4"),
        ("tarjetas-visitante-razones-humanitarias", "juris:mx-zac", "2021", None, "2623"),
        ("presentaciones-autoridad-migratoria", "juris:mx-zac", "2019", None, "1793"),
        (
            "presentaciones-autoridad-migratoria-pais",
            "juris:mx-zac",
            "2019-2021",
            "country:gtm",
            "53.8",
        ),
        ("emigrantes", "juris:mx-zac", "2010-2015", None, "21429"),
        ("emigrantes-variacion", "juris:mx-zac", "2015-2020", None, "-12"),
        ("emigrantes-pais-destino", "juris:mx", "2015-2020", "country:usa", "77"),
        ("emigrantes-causa", "juris:mx-zac", "2015-2020", "cause:inseguridad", "2.1"),
        ("emigrantes-lugar-nacional", "juris:mx-zac", "2015-2020", None, "14"),
        ("repatriaciones", "juris:mx-zac", "2020", None, "4866"),
        ("migrantes-retorno-variacion", "juris:mx-zac", "2015-2020", None, "-24.5"),
        ("poblacion-lugar-nacional", "juris:mx-zac", "2020", None, "26"),
        ("poblacion", "area:guadalupe", "2020", None, "211740"),
    ],
)
def test_the_figures_of_the_report(
    kg: OxigraphBackend, dataset: str, area: str, period: str, breakdown: str | None, value: str
) -> None:
    rows = kg.query(f"""SELECT ?value ?b WHERE {{
        ?o qb:dataSet mx-dataset:{dataset} ; sdmx-dimension:refArea {area} ;
           sdmx-dimension:refPeriod period:{period} ; sdmx-measure:obsValue ?value .
        OPTIONAL {{ ?o sdmx-dimension:sex|gg:countryOfOrigin|gg:countryOfDestination
                       |gg:emigrationCause ?b }} }}""").rows
    found = {(Decimal(str(v)), curie(b) if b else None) for v, b in rows}
    assert (Decimal(value), breakdown) in found


def test_ranks_carry_their_total_and_changes_their_base_period(kg: OxigraphBackend) -> None:
    ranks = select(
        kg,
        """SELECT ?d ?v ?of WHERE { ?o qb:dataSet ?d ; sdmx-attribute:unitMeasure unit:lugar ;
             sdmx-measure:obsValue ?v ; gg:rankOutOf ?of } ORDER BY ?d""",
    )
    assert ranks == [
        ("mx-dataset:emigrantes-lugar-nacional", "14", "32"),
        ("mx-dataset:inmigrantes-lugar-nacional", "21", "32"),
        ("mx-dataset:migrantes-retorno-lugar-nacional", "16", "32"),
        ("mx-dataset:poblacion-lugar-nacional", "26", "32"),
    ]
    changes = select(
        kg, "SELECT ?d ?base WHERE { ?o qb:dataSet ?d ; gg:basePeriod ?base } ORDER BY ?d"
    )
    assert changes == [
        ("mx-dataset:emigrantes-variacion", "period:2010-2015"),
        ("mx-dataset:migrantes-retorno-variacion", "period:2010-2015"),
    ]


def test_countries_match_the_eu_authority_table(kg: OxigraphBackend) -> None:
    rows = kg.query("""SELECT ?c ?notation ?match WHERE { ?c skos:inScheme country:paises ;
        skos:notation ?notation ; skos:exactMatch ?match }""").rows
    assert len(rows) == 9
    for concept, notation, match in rows:
        assert str(concept).endswith("/" + str(notation).lower())
        assert match == f"http://publications.europa.eu/resource/authority/country/{notation}"


# --- a client that knows only the Data Cube and SDMX -------------------------------------------


def test_a_query_with_only_qb_and_sdmx_terms_finds_the_figures(kg: OxigraphBackend) -> None:
    """queries/statistics-qb.rq declares only qb: and SDMX prefixes and uses no other term; it
    finds the foreign-born population of Zacatecas in 2020 (18,031) and every observation."""
    text = (resources.queries_dir() / "statistics-qb.rq").read_text("utf-8")
    declared = set(re.findall(r"^PREFIX\s+([\w-]+):", text, re.MULTILINE))
    assert declared == {"qb", "sdmx-dimension", "sdmx-attribute", "sdmx-measure"}
    body = text.split("SELECT", 1)[1]
    assert "<" not in body  # no IRI written out: every term comes through those prefixes
    assert set(re.findall(r"\b([\w-]+):\w", body)) <= declared
    rows = list(flat(kg).query(text))
    assert len(rows) == OBSERVATIONS
    wanted = [
        r
        for r in rows
        if r["dataset"].value == expand("mx-dataset:poblacion-nacida-extranjero")
        and r["area"].value == ZAC
        and r["period"].value == expand("period:2020")
    ]
    assert [int(r["value"].value) for r in wanted] == [18031]


def test_the_query_in_the_model_documentation_finds_18031(kg: OxigraphBackend) -> None:
    model = (REPO / "docs/model.md").read_text("utf-8")
    query = model.split("A query that uses only `qb:` and SDMX terms finds a figure:")[1]
    query = query.split("```sparql\n")[1].split("```")[0]
    assert [str(row[0]) for row in kg.query(query).rows] == ["18031"]


# --- govgraph figures --------------------------------------------------------------------------


def test_figures_mx_zac_lists_every_observation_with_its_source() -> None:
    result = cli("figures", "mx-zac", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == OBSERVATIONS
    assert list(rows[0]) == [
        "jurisdiction_id",
        "dataset",
        "area",
        "period",
        "sex",
        "breakdown",
        "value",
        "unit",
        "out_of",
        "base_period",
        "source",
        "evidence",
        "observation",
    ]
    assert all(r["jurisdiction_id"] == "juris:mx-zac" for r in rows)
    assert all(r["source"].startswith("report:") and r["evidence"] for r in rows)
    assert [r["observation"] for r in rows][:3] == [
        "obs:poblacion-mx-zac-2020",
        "obs:poblacion-porcentaje-nacional-mx-zac-2020",
        "obs:poblacion-nacida-extranjero-mx-zac-2020",
    ]
    foreign = rows[2]
    assert (foreign["dataset"], foreign["period"], foreign["value"], foreign["unit"]) == (
        "Población nacida en el extranjero",
        "2020",
        18031,
        "personas",
    )
    assert foreign["source"] == "report:fn-18"
    usa = next(r for r in rows if r["breakdown"] == "Estados Unidos de América")
    assert (usa["value"], usa["unit"]) == (93.3, "%")
    rank = next(r for r in rows if r["observation"] == "obs:inmigrantes-lugar-nacional-mx-zac-2020")
    assert (rank["value"], rank["unit"], rank["out_of"]) == (21, "lugar", 32)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "md", "json"])
def test_figures_in_every_format(fmt: str) -> None:
    result = cli("figures", "mx-zac", "--format", fmt, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Foreign-born population" in result.stdout
    assert "juris:mx-zac" in result.stdout
    assert "report:fn-18" in result.stdout


def test_figures_of_every_jurisdiction_and_an_unknown_one() -> None:
    every = cli("figures", "--format", "csv")
    one = cli("figures", "mx-zac", "--format", "csv")
    curie_form = cli("figures", "--jurisdiction", "juris:mx-zac", "--format", "csv")
    assert every.exit_code == one.exit_code == curie_form.exit_code == 0
    assert every.stdout == one.stdout == curie_form.stdout  # Zacatecas states every figure
    unknown = cli("figures", "mx-xx")
    assert unknown.exit_code == 2
    assert "unknown jurisdiction 'mx-xx'" in unknown.output
    assert len(unknown.output.strip().splitlines()) == 1


def test_figures_through_the_endpoint(oxigraph_endpoint: str) -> None:
    for fmt in ("csv", "json"):
        local = cli("figures", "mx-zac", "--format", fmt)
        remote = cli("figures", "mx-zac", "--format", fmt, "--endpoint", oxigraph_endpoint)
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout


# --- the shapes --------------------------------------------------------------------------------


def test_an_observation_without_source_or_quote_is_a_violation(tmp_path: Path) -> None:
    data = tmp_path / "ttl"
    shutil.copytree(resources.data_dir(), data)
    path = data / "mx-zac" / "statistics.ttl"
    text = path.read_text("utf-8")
    text = re.sub(r"    dcterms:source report:fn-18 ;\n", "", text, count=1)
    text = text.replace("sdmx-measure:obsValue 21 ;", "sdmx-measure:obsValue 33 ;")
    path.write_text(text, "utf-8")
    report = validate(resources.default_sources([data]))
    found = {(curie(v.focus), v.message) for v in report.violations}
    assert (
        "obs:poblacion-nacida-extranjero-mx-zac-2020",
        "an observation comes from one report section or footnote (dcterms:source)",
    ) in found
    assert (
        "obs:inmigrantes-lugar-nacional-mx-zac-2020",
        "a rank (unit:lugar) needs gg:rankOutOf and lies between 1 and it",
    ) in found


# --- the charts of the published site ----------------------------------------------------------


def test_the_statistics_page_draws_a_chart_per_data_set_of_several_figures(site: Path) -> None:
    page = site / "statistics" / "mx-zac.html"
    assert page.is_file()
    html = page.read_text("utf-8")
    home = (site / "index.html").read_text("utf-8")
    assert 'href="statistics/mx-zac.html"' in home
    charts = re.findall(r"<svg [^>]*>.*?</svg>", html, re.DOTALL)
    assert len(charts) == 12
    for svg in charts:
        assert 'role="img"' in svg
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[^\"]+\">[^<]+</desc>", svg)
    assert html.count('<table class="chart-data">') == 12  # a data table beside each chart
    countries = next(c for c in charts if "país de origen (%)</title>" in c)
    bars = [int(w) for w in re.findall(r'class="bar" [^>]*width="(\d+)"', countries)]
    values = re.findall(r'class="bar-value"[^>]*>([^<]+)<', countries)
    labels = re.findall(r'class="bar-label"[^>]*>([^<]+)<', countries)
    assert labels[:2] == ["Estados Unidos de América", "Canadá"]
    assert values[:2] == ["93,3 %", "1,1 %"]
    assert bars[0] > bars[1] > 0
    assert abs(bars[1] / bars[0] - 1.1 / 93.3) < 0.01
    assert "<script" not in "".join(charts)  # drawn without a script: it reads offline


def test_the_statistics_page_is_valid_html(site: Path) -> None:
    assert vnu_errors([site / "statistics" / "mx-zac.html"]) == []
    assert read_page(site / "statistics" / "mx-zac.html").titles[0].startswith("Estadísticas")


def test_the_charts_render_in_chromium(chromium: Any, site: Path) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site / "statistics" / "mx-zac.html").as_uri(), wait_until="load")
        boxes = page.eval_on_selector_all(
            "figure.chart svg", "els => els.map(e => e.getBoundingClientRect().width)"
        )
        assert len(boxes) == 12
        assert min(boxes) > 300
        assert page.locator("svg text.bar-value").first.is_visible()
    finally:
        page.close()


HOSTILE = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#> .
@prefix juris: <https://w3id.org/govgraph/vocab/jurisdiction/> .
@prefix period: <https://w3id.org/govgraph/vocab/period/> .
@prefix unit: <https://w3id.org/govgraph/vocab/unit/> .
@prefix ex: <https://w3id.org/govgraph/id/xx/> .

ex:dataset a qb:DataSet ; qb:structure gg:dsd-area-periodo ;
    skos:prefLabel "<script>alert(1)</script> & <b>datos</b>"@es .
ex:area-a a dcterms:Location ; skos:prefLabel "A </text><text>B"@es .
ex:area-b a dcterms:Location ; skos:prefLabel "\\"quoted\\" & <svg>"@es .
ex:obs-a a qb:Observation ; qb:dataSet ex:dataset ; gg:jurisdiction juris:mx-zac ;
    sdmx-dimension:refArea ex:area-a ; sdmx-dimension:refPeriod period:2020 ;
    sdmx-measure:obsValue 3 ; sdmx-attribute:unitMeasure unit:personas ; gg:order 1 .
ex:obs-b a qb:Observation ; qb:dataSet ex:dataset ; gg:jurisdiction juris:mx-zac ;
    sdmx-dimension:refArea ex:area-b ; sdmx-dimension:refPeriod period:2020 ;
    sdmx-measure:obsValue 7 ; sdmx-attribute:unitMeasure unit:personas ; gg:order 2 .
"""


def test_labels_that_are_markup_are_text_in_the_charts(tmp_path: Path) -> None:
    from govgraph import publish

    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, "utf-8")
    summary = publish.publish(tmp_path / "site", paths=[*resources.ontology_sources(), data])
    page = summary.outdir / "statistics" / "mx-zac.html"
    html = page.read_text("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;datos&lt;/b&gt;" in html
    assert "A &lt;/text&gt;&lt;text&gt;B" in html
    assert html.count('<rect class="bar"') == 2
    assert vnu_errors([page]) == []
