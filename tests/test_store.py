"""Both backends answer the same SPARQL with the same rows; parameters are bound, not spliced."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import GovgraphError, QueryError
from govgraph.store import IRI, LOCAL_BACKENDS, Backend, open_backend

NAMES = sorted(LOCAL_BACKENDS)

QUERIES = {
    "seats": """
        SELECT ?council ?member ?role WHERE {
          ?seat a org:Membership ; org:organization ?council ; org:member ?member ; org:role ?role .
        } ORDER BY ?council ?member""",
    "unbound is None": """
        SELECT ?s ?alt WHERE {
          ?s skos:prefLabel ?label . FILTER(LANG(?label) = "en") OPTIONAL { ?s skos:altLabel ?alt }
        } ORDER BY ?s""",
    "aggregate": """
        SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class""",
    "literals": """
        SELECT ?s ?label WHERE { ?s skos:prefLabel ?label . FILTER(LANG(?label) = "en") }
        ORDER BY ?label""",
}


@pytest.fixture(scope="module")
def backends(request: pytest.FixtureRequest) -> dict[str, Backend]:
    fixtures = Path(request.path).parent / "fixtures"
    return {name: open_backend(name, [fixtures / "ontology", fixtures / "data"]) for name in NAMES}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_backends_give_identical_rows(backends: dict[str, Backend], name: str) -> None:
    results = [backends[n].query(QUERIES[name]) for n in NAMES]
    assert results[0].rows, "the fixture should answer every query"
    assert all(r == results[0] for r in results)


def test_rows_are_plain_values(backends: dict[str, Backend]) -> None:
    for backend in backends.values():
        result = backend.query(QUERIES["unbound is None"])
        assert result.columns == ["s", "alt"]
        assert result.rows == [
            ("https://w3id.org/govgraph/id/mx-zac/body/sezami", "SEZAMI"),
            ("https://w3id.org/govgraph/id/mx-zac/council/consejo-interinstitucional", None),
            ("https://w3id.org/govgraph/id/mx-zac/group/universidades-estudios-migracion", None),
            ("https://w3id.org/govgraph/vocab/migof/derechos-migrantes", None),
            ("https://w3id.org/govgraph/vocab/migof/gobierno-integral", None),
        ]


def test_backends_count_the_same_triples(backends: dict[str, Backend]) -> None:
    assert {b.triple_count() for b in backends.values()} == {67}


@pytest.mark.parametrize("name", NAMES)
def test_bindings(backends: dict[str, Backend], name: str) -> None:
    backend = backends[name]
    by_label = "SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"
    assert backend.query(by_label, {"alt": "SEZAMI"}).rows == [
        ("https://w3id.org/govgraph/id/mx-zac/body/sezami", "SEZAMI")
    ]
    by_class = "SELECT ?class ?s WHERE { ?s a ?class } ORDER BY ?s"
    assert backend.query(by_class, {"class": IRI("http://www.w3.org/ns/org#Membership")}).rows == [
        (
            "http://www.w3.org/ns/org#Membership",
            f"https://w3id.org/govgraph/id/mx-zac/membership/{m}",
        )
        for m in ("consejo-interinstitucional-sezami", "consejo-interinstitucional-universidades")
    ]
    sessions = "SELECT ?s ?n WHERE { ?s gg:minSessionsPerYear ?n }"
    assert backend.query(sessions, {"n": 4}).rows == [
        ("https://w3id.org/govgraph/id/mx-zac/council/consejo-interinstitucional", "4")
    ]
    assert backend.query(sessions, {"n": 5}).rows == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("value", ['SEZAMI" } ?s ?p ?o { "', "x> . } <y", 'a"}>', "SEZAMI\n"])
def test_binding_is_data_not_text(backends: dict[str, Backend], name: str, value: str) -> None:
    query = "SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"
    assert backends[name].query(query, {"alt": value}).rows == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("value", ['http://x/a"b>}', "http://x/a b", ""])
def test_invalid_iri_binding(backends: dict[str, Backend], name: str, value: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid IRI to bind: "):
        backends[name].query("SELECT ?s ?class WHERE { ?s a ?class }", {"class": IRI(value)})


@pytest.mark.parametrize("name", NAMES)
def test_bound_variable_must_be_projected(backends: dict[str, Backend], name: str) -> None:
    with pytest.raises(QueryError, match=r"^bound variable \?alt is not in the SELECT clause$"):
        backends[name].query("SELECT ?s WHERE { ?s skos:altLabel ?alt }", {"alt": "SEZAMI"})


@pytest.mark.parametrize("name", NAMES)
def test_query_own_prefix_wins(backends: dict[str, Backend], name: str) -> None:
    query = "PREFIX org: <http://example.org/other#>\nSELECT ?s WHERE { ?s a org:Membership }"
    assert backends[name].query(query).rows == []


@pytest.mark.parametrize("name", NAMES)
def test_invalid_sparql(backends: dict[str, Backend], name: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid SPARQL: "):
        backends[name].query("SELECT ?s WHERE {\n  ?s foo:bar ?o }")


@pytest.mark.parametrize("name", NAMES)
def test_only_select(backends: dict[str, Backend], name: str) -> None:
    with pytest.raises(QueryError, match="only SELECT"):
        backends[name].query("ASK { ?s ?p ?o }")


def test_unknown_backend() -> None:
    with pytest.raises(
        GovgraphError, match=r"unknown backend 'nope' \(choose from oxigraph, memory, sparql\)"
    ):
        open_backend("nope")
