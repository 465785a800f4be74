"""The scale generator: deterministic N-Triples in the application profile, every query answers."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

from govgraph.errors import GovgraphError
from govgraph.load import load_store
from govgraph.namespaces import PREFIXES
from govgraph.queries import SavedQuery, run, saved_queries
from govgraph.resources import ontology_sources
from govgraph.store import OxigraphBackend
from govgraph.synth import FEDERAL, chunks, example_values, generate, jurisdiction_base
from govgraph.validate import validate

SMALL = 3


def text(jurisdictions: int, seed: int = 0) -> str:
    buffer = io.StringIO()
    generate(jurisdictions, buffer, seed=seed)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three jurisdictions as N-Triples."""
    path = tmp_path_factory.mktemp("synth") / "syn-3.nt"
    generate(SMALL, path)
    return path


@pytest.fixture(scope="module")
def backend(small_graph: Path) -> OxigraphBackend:
    """The bundled ontology and vocabularies with the synthetic data, in an in-memory store."""
    return OxigraphBackend(load_store([*ontology_sources(), small_graph]))


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.nt", tmp_path / "b.ttl"
    assert generate(SMALL, first, seed=5) == generate(SMALL, second, seed=5)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text("utf-8") == text(SMALL, seed=5)


def test_same_bytes_in_another_process(tmp_path: Path) -> None:
    """No dependence on hash randomisation or on state left by earlier runs."""
    out = tmp_path / "other.nt"
    code = f"from govgraph.synth import generate; generate({SMALL}, {str(out)!r}, seed=5)"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert out.read_text("utf-8") == text(SMALL, seed=5)


def test_seed_changes_the_graph() -> None:
    assert text(SMALL, seed=0) != text(SMALL, seed=1)


def test_a_jurisdiction_does_not_depend_on_how_many_follow() -> None:
    fewer, more = text(2).split("\n", 1)[1], text(SMALL).split("\n", 1)[1]
    assert more.startswith(fewer)
    assert jurisdiction_base(3) in more[len(fewer) :]


def test_about_4000_triples_per_jurisdiction() -> None:
    """About 4,000 triples a state (3,885 to 4,071 for seed 3): the law texts (ELI
    expressions), identifiers, titles and spatial coverage (CPSV-AP) add ~300 to 2,600, the
    gg:jurisdiction of every entity and the state's jurisdiction concept ~290 more, and the
    statistics (49 observations, their section, footnotes and areas) 689."""
    counts = [count for _, count in chunks(40, seed=3)][1:]
    assert all(3700 <= c <= 4300 for c in counts), counts
    assert 3900 <= sum(counts) / len(counts) <= 4100


def test_count_is_the_number_of_distinct_triples(small_graph: Path) -> None:
    """Every line is one triple and no triple is written twice."""
    count = sum(n for _, n in chunks(SMALL))
    store = pyoxigraph.Store()
    store.load(path=str(small_graph), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(store) == count
    store = pyoxigraph.Store()
    store.load(path=str(small_graph), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == count


def test_iris_follow_the_layout(small_graph: Path) -> None:
    """Subjects live under syn-<j>/<kind>/, or mx/<kind>/ and int/<kind>/ (the shared federal
    and international entities, the statistical data sets), readable lowercase slugs; the
    states' jurisdiction concepts (juris:syn-<j>) are the only other subjects."""
    kinds = {"report", "body", "group", "council", "membership", "law", "program"}
    kinds |= {"agreement", "collaboration", "mandate", "finding", "area", "observation"}
    kinds |= {"dataset"}  # the shared statistical data sets (mx/dataset/)
    seen = set()
    for line in small_graph.read_text("utf-8").splitlines()[1:]:
        subject = line.split(" ", 1)[0][1:-1]
        if subject.startswith(PREFIXES["juris"]):
            assert subject.removeprefix(PREFIXES["juris"]) in {"syn-1", "syn-2", "syn-3"}
            continue
        rest = subject.removeprefix("https://w3id.org/govgraph/id/")
        scope, kind, slug = rest.split("/", 2)
        assert scope in {"mx", "int", "syn-1", "syn-2", "syn-3"}, subject
        assert kind in kinds, subject
        assert slug == slug.lower(), subject
        assert slug.isascii(), subject
        assert " " not in slug, subject
        seen.add(kind)
    assert seen == kinds


def test_the_synthetic_graph_conforms(small_graph: Path) -> None:
    """The same SHACL shapes and SPARQL checks as the real graph, with no violation."""
    report = validate(paths=[*ontology_sources(), small_graph])
    assert report.conforms, report.violations[:10]
    assert not report.warnings
    assert report.checks >= 10


QUERIES = saved_queries()


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_saved_query_returns_rows(backend: OxigraphBackend, query: SavedQuery) -> None:
    """Each saved query, its entity parameters pointing at synthetic resources, gives rows."""
    examples = example_values(2)
    values = {p.name: examples[p.name] for p in query.params if p.default is None}
    if "min" in query.example:
        values["min"] = examples["min"]
    result = run(backend, query, values)
    assert result.rows, f"{query.name} returned no rows on the synthetic graph"


def test_interlocks_and_brokers_cross_jurisdictions(backend: OxigraphBackend) -> None:
    """Federal bodies sit on councils of several states; every state sits on the national one."""
    query = next(q for q in QUERIES if q.name == "interlocks")
    result = run(backend, query, {"min": "3"})
    at = result.columns.index
    federal = [r for r in result.rows if r[at("body_id")] and r[at("body_id")].startswith(FEDERAL)]
    assert federal
    assert len((federal[0][at("jurisdictions")] or "").split("; ")) >= 2
    councils = (federal[0][at("councils")] or "").split("; ")
    states = {c.rsplit("Estado Sintético ", 1)[1] for c in councils if "Sintético" in c}
    assert len(states) >= 2
    members = backend.query(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:organization ?c ; org:member ?b . "
        f"FILTER(?c = <{FEDERAL}council/conferencia-nacional-migracion>) "
        'FILTER(STRSTARTS(STR(?b), "https://w3id.org/govgraph/id/syn-")) }'
    )
    assert members.rows == [(str(SMALL),)]


def test_the_public_types_are_stated(backend: OxigraphBackend) -> None:
    """Rule 5: councils, programs, classes of actors and public bodies carry the public type."""
    rows = backend.query(
        "SELECT ?c (COUNT(?x) AS ?n) WHERE { VALUES ?c { org:OrganizationalCollaboration "
        "cpsv:PublicService foaf:Group cv:PublicOrganisation } ?x a ?c . "
        'FILTER(STRSTARTS(STR(?x), "https://w3id.org/govgraph/id/syn-1/")) } GROUP BY ?c'
    ).rows
    counts = {c: int(n or 0) for c, n in rows}
    assert len(counts) == 4
    assert all(n > 0 for n in counts.values())


def test_each_jurisdiction_has_the_profiled_resources(backend: OxigraphBackend) -> None:
    """Distinct IRIs for every resource: no two templates collapse into one node."""
    rows = backend.query(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?c { gg:Council gg:Agreement "
        "gg:Collaboration gg:Mandate gg:ActorGroup org:Organization eli:LegalResource "
        "eli:LegalResourceSubdivision gg:Program gg:Finding org:Membership gg:ReportSection "
        "qb:Observation dcterms:Location } "
        '?x a ?c . FILTER(STRSTARTS(STR(?x), "https://w3id.org/govgraph/id/syn-2/")) } GROUP BY ?c'
    ).rows
    counts = {c.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: int(n or 0) for c, n in rows if c}
    assert counts["Council"] == 8
    assert counts["Agreement"] == 5
    assert counts["Collaboration"] == 10
    assert counts["Mandate"] == 15
    assert counts["ActorGroup"] == 11
    assert counts["LegalResourceSubdivision"] == 21
    assert counts["LegalResource"] == 26
    assert 53 <= counts["Organization"] <= 61  # bodies (councils are not typed so)
    assert 13 <= counts["Program"] <= 17
    assert 24 <= counts["Finding"] <= 36
    assert 8 * 5 + 1 <= counts["Membership"] <= 8 * 7 + 1
    assert counts["ReportSection"] == 2 + 6 + 12 + 1 + 8 + 1 + 5  # + trends and their notes
    assert counts["Observation"] == 49
    assert counts["Location"] == 3  # the three most populous municipalities


def test_bad_arguments() -> None:
    with pytest.raises(GovgraphError, match=r"\.nt or \.ttl"):
        generate(1, Path("graph.jsonld"))
    with pytest.raises(GovgraphError, match="0 or more"):
        generate(-1, io.StringIO())


def test_zero_jurisdictions_is_the_federal_block(tmp_path: Path) -> None:
    path = tmp_path / "federal.nt"
    count = generate(0, path)
    assert count > 100
    assert validate(paths=[*ontology_sources(), path]).conforms
