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


# Positions are those of the query as written: the prefixes govgraph adds go on lines of
# their own, before it, and are taken off again (they used to shift line 1 by ~1,850 columns).
SYNTAX_ERRORS = {
    ("oxigraph", "SELEC * WHERE {}"): "invalid SPARQL: error at 1:10: expected CONSTRUCT",
    ("oxigraph", "SELECT ?s WHERE {\n  ?s foo:bar ?o }"): (
        "invalid SPARQL: error at 2:6: unknown prefix foo:"
    ),
    ("oxigraph", "SELECT ?s WHERE {\n  ?s ?p }"): (
        "invalid SPARQL: error at 2:10: expected one of LATERAL, SERVICE"
    ),
    ("memory", "SELEC * WHERE {}"): (
        "invalid SPARQL: Expected {SelectQuery | ConstructQuery | DescribeQuery | AskQuery}, "
        "found 'SELEC'  (at char 0), (line:1, col:1)"
    ),
    ("memory", "SELECT ?s WHERE {\n  ?s foo:bar ?o }"): (
        "invalid SPARQL: error at 2:6: unknown prefix foo:"
    ),
    ("memory", "SELECT ?s WHERE {\n  ?s ?p }"): (
        "invalid SPARQL: Expected SelectQuery, found '?'  (at char 20), (line:2, col:3)"
    ),
}


@pytest.mark.parametrize(("name", "query"), sorted(SYNTAX_ERRORS))
def test_syntax_error_positions_are_in_the_query_as_written(
    backends: dict[str, Backend], name: str, query: str
) -> None:
    with pytest.raises(QueryError) as error:
        backends[name].query(query)
    assert str(error.value) == SYNTAX_ERRORS[name, query]


@pytest.mark.parametrize("name", NAMES)
def test_unknown_prefix_is_named(backends: dict[str, Backend], name: str) -> None:
    """Declared prefixes, the table's, and colons in strings, IRIs, comments and blank nodes
    are not the unknown one (Oxigraph itself says "expected OPTIONAL" here)."""
    query = (
        'PREFIX a: <http://a/>\n# b:c\nSELECT ?s WHERE {\n  ?s a:p "d:e" ; <x:y> _:b .\n'
        "  ?s skos:note ?o ; zz:p ?o }"
    )
    with pytest.raises(QueryError) as error:
        backends[name].query(query)
    assert str(error.value) == "invalid SPARQL: error at 5:21: unknown prefix zz:"


def test_datatypes_of_typed_literals(backends: dict[str, Backend]) -> None:
    """Each backend gives the datatype of typed literals, None for IRIs and strings."""
    query = """
        SELECT ?n ?d ?b ?l ?y ?i ?unbound WHERE {
          VALUES (?d ?b ?l ?y ?i) { (1.5 true "x"@es "y" <http://x>) }
          { SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } }
          OPTIONAL { ?i <http://example.org/none> ?unbound }
        }"""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for backend in backends.values():
        result = backend.query(query)
        assert result.rows == [("67", "1.5", "true", "x", "y", "http://x", None)]
        assert result.datatypes == [
            (xsd + "integer", xsd + "decimal", xsd + "boolean", None, None, None, None)
        ]


@pytest.mark.parametrize("name", NAMES)
def test_only_select(backends: dict[str, Backend], name: str) -> None:
    with pytest.raises(QueryError, match="only SELECT"):
        backends[name].query("ASK { ?s ?p ?o }")


def test_unknown_backend() -> None:
    with pytest.raises(
        GovgraphError, match=r"unknown backend 'nope' \(choose from oxigraph, memory, sparql\)"
    ):
        open_backend("nope")
