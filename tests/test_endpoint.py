"""A real Oxigraph server (started by conftest) answers every query exactly as the local store."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port
from govgraph import queries, stats
from govgraph.errors import GovgraphError, QueryError
from govgraph.namespaces import expand
from govgraph.resources import queries_dir
from govgraph.store import (
    IRI,
    LOCAL_BACKENDS,
    Backend,
    OxigraphBackend,
    SparqlBackend,
    Term,
    open_backend,
)

MALICIOUS = 'x" } ; DROP ALL ; SELECT * { "'
COUNCIL = "https://w3id.org/govgraph/id/mx-zac/council/"


@pytest.fixture(scope="module")
def local() -> OxigraphBackend:
    return OxigraphBackend.load()


@pytest.fixture(scope="module")
def remote(oxigraph_endpoint: str) -> SparqlBackend:
    return SparqlBackend(oxigraph_endpoint)


def _saved(name: str) -> str:
    return (queries_dir() / name).read_text(encoding="utf-8")


QUERIES = {
    "stats: classes": stats.CLASS_COUNTS,
    "stats: dimensions": stats.DIMENSIONS,
    "stats: findings": stats.FINDINGS,
    "council-members-org.rq": _saved("council-members-org.rq"),
    "law-articles-eli.rq": _saved("law-articles-eli.rq"),
    "unbound is None": """
        SELECT ?body ?alt WHERE {
          ?body a cv:PublicOrganisation . OPTIONAL { ?body skos:altLabel ?alt }
        } ORDER BY ?body ?alt""",
}


def test_server_holds_the_whole_graph(local: Backend, remote: Backend) -> None:
    assert remote.triple_count() == local.triple_count() > 6000


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_same_rows_locally_and_remotely(local: Backend, remote: Backend, name: str) -> None:
    expected = local.query(QUERIES[name])
    assert expected.rows, "every query should return rows on the bundled graph"
    assert remote.query(QUERIES[name]) == expected


def test_unbound_is_none_remotely(remote: Backend) -> None:
    rows = remote.query(QUERIES["unbound is None"]).rows
    assert any(alt is None for _, alt in rows)
    assert any(alt is not None for _, alt in rows)


def test_same_stats_locally_and_remotely(local: Backend, remote: Backend) -> None:
    assert stats.stats(remote) == stats.stats(local)


def test_open_backend_with_an_endpoint(oxigraph_endpoint: str) -> None:
    backend = open_backend(endpoint=oxigraph_endpoint, timeout=5)
    assert isinstance(backend, SparqlBackend)
    assert (backend.endpoint, backend.timeout) == (oxigraph_endpoint, 5)
    assert isinstance(open_backend("sparql", endpoint=oxigraph_endpoint), SparqlBackend)


@pytest.mark.parametrize(
    ("query", "bindings"),
    [
        (
            """SELECT ?council ?member ?role WHERE {
                 ?seat org:organization ?council ; org:member ?member ; org:role ?role .
               } ORDER BY ?member ?role""",
            {"council": IRI(COUNCIL + "covam")},
        ),
        ("SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt } ORDER BY ?s", {"alt": "PTAT"}),
        (
            """SELECT ?council ?lang ?label WHERE {
                 ?council a gg:Council ; skos:prefLabel ?label . FILTER(LANG(?label) = ?lang)
               } ORDER BY ?label""",
            {"lang": "es"},
        ),
        ("SELECT ?seat ?n WHERE { ?seat gg:seatCount ?n } ORDER BY ?seat", {"n": 3}),
        ("SELECT ?c ?flag WHERE { ?c gg:compositionUnstated ?flag } ORDER BY ?c", {"flag": True}),
        (
            """SELECT ?section ?number WHERE { ?section gg:sectionNumber ?number }
               ORDER BY ?section""",
            {"number": "nota 55"},
        ),
    ],
    ids=["iri", "string", "lang", "integer", "boolean", "string with a space"],
)
def test_bound_values_give_the_same_rows(
    local: Backend, remote: Backend, query: str, bindings: dict[str, Term]
) -> None:
    expected = local.query(query, bindings)
    assert expected.rows
    assert remote.query(query, bindings) == expected


@pytest.mark.parametrize(
    "value",
    [
        MALICIOUS,
        "PTAT> } <x",
        "PTAT}",
        'PTAT" } ?s ?p ?o { "',
        "PTAT\n",
        "PTAT\\",
        "PTAT' } #",
    ],
)
def test_injection_is_a_value_that_matches_nothing(
    local: Backend, remote: Backend, value: str
) -> None:
    before = remote.triple_count()
    query = "SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"
    assert remote.query(query, {"alt": value}).rows == []
    assert local.query(query, {"alt": value}).rows == []
    assert remote.triple_count() == before


@pytest.mark.parametrize("value", ["http://x/a> } <b", "http://x/a}", "http://x/a b", ""])
def test_invalid_iri_is_refused_before_sending(remote: Backend, value: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid IRI to bind: "):
        remote.query("SELECT ?s ?class WHERE { ?s a ?class }", {"class": IRI(value)})


def test_bound_variable_must_be_projected(remote: Backend) -> None:
    with pytest.raises(QueryError, match=r"^bound variable \?alt is not in the SELECT clause$"):
        remote.query("SELECT ?s WHERE { ?s skos:altLabel ?alt }", {"alt": "PTAT"})


@pytest.mark.parametrize(
    "query", ["ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://x/>"]
)
def test_only_select(remote: Backend, query: str) -> None:
    with pytest.raises(QueryError, match=r"^only SELECT queries return rows$"):
        remote.query(query)


def test_query_own_prefix_wins(remote: Backend) -> None:
    query = "PREFIX org: <http://example.org/other#>\nSELECT ?s WHERE { ?s a org:Membership }"
    assert remote.query(query).rows == []


def test_malformed_query_is_refused_with_the_server_message(oxigraph_endpoint: str) -> None:
    backend = SparqlBackend(oxigraph_endpoint)
    with pytest.raises(QueryError) as error:
        backend.query("SELECT ?s WHERE {\n  ?s ?p }")
    message = str(error.value)
    assert message.startswith(
        f"the SPARQL endpoint at {oxigraph_endpoint} refused the query (HTTP 400): error at 2:"
    )
    assert "\n" not in message
    assert "['" not in message  # Oxigraph's character-class lists are cut off


@pytest.mark.parametrize(
    ("query", "position"),
    [
        ("SELEC * WHERE {}", "error at 1:10: expected CONSTRUCT"),
        ("SELECT ?s WHERE {\n  ?s foo:bar ?o }", "error at 2:6: unknown prefix foo:"),
    ],
)
def test_server_error_positions_are_in_the_query_as_written(
    oxigraph_endpoint: str, local: Backend, query: str, position: str
) -> None:
    """The prefixes govgraph sends are on lines of their own and taken off the positions."""
    with pytest.raises(QueryError) as error:
        SparqlBackend(oxigraph_endpoint).query(query)
    where = f"the SPARQL endpoint at {oxigraph_endpoint} refused the query (HTTP 400)"
    assert str(error.value) == f"{where}: {position}"
    with pytest.raises(QueryError) as error:
        local.query(query)
    assert str(error.value) == f"invalid SPARQL: {position}"


def test_same_datatypes_locally_and_remotely(local: Backend, remote: Backend) -> None:
    query = """
        SELECT ?n ?d ?b ?l ?y ?i WHERE {
          VALUES (?d ?b ?l ?y ?i) { (1.5 true "x"@es "y" <http://x>) }
          { SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership } }
        }"""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    expected = local.query(query)
    assert expected.datatypes == [
        (xsd + "integer", xsd + "decimal", xsd + "boolean", None, None, None)
    ]
    assert remote.query(query) == expected


def test_wrong_path_is_an_http_error(oxigraph_endpoint: str) -> None:
    url = oxigraph_endpoint.replace("/query", "/nowhere")
    with pytest.raises(QueryError, match=r"refused the query \(HTTP 404\): "):
        SparqlBackend(url).query("SELECT * { ?s ?p ?o } LIMIT 1")


def test_unreachable_endpoint() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    start = time.monotonic()
    with pytest.raises(QueryError) as error:
        SparqlBackend(url, timeout=5).query("SELECT * { ?s ?p ?o }")
    assert time.monotonic() - start < 3
    assert str(error.value) == f"cannot reach the SPARQL endpoint at {url}: Connection refused"


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers (bounded)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        deadline = time.monotonic() + 30  # never outlive the test by much
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


def test_timeout(silent_server: str) -> None:
    start = time.monotonic()
    with pytest.raises(QueryError) as error:
        SparqlBackend(silent_server, timeout=1).query("SELECT * { ?s ?p ?o }")
    assert 0.9 < time.monotonic() - start < 5
    assert str(error.value) == f"the SPARQL endpoint at {silent_server} did not answer within 1 s"


class _HtmlPage(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = b"<html><body>not SPARQL</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_answer_that_is_not_json() -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _HtmlPage)
    thread = threading.Thread(target=server.handle_request, daemon=True)  # one request, then ends
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/query"
    try:
        with pytest.raises(QueryError) as error:
            SparqlBackend(url, timeout=5).query("SELECT * { ?s ?p ?o }")
    finally:
        thread.join(timeout=5)
        server.server_close()
    assert str(error.value) == (
        f"the SPARQL endpoint at {url} did not answer with SPARQL JSON results: "
        "it sent text/html starting '<html><body>not SPARQL</body></html>'"
    )


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/query", "127.0.0.1:7878/query", "http://", ""])
def test_invalid_url(url: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid SPARQL endpoint URL "):
        SparqlBackend(url)


@pytest.mark.parametrize(
    "url",
    ["http://u:secret@127.0.0.1:7878/query", "http://u@127.0.0.1:7878/query", "ftp://u:secret@h/q"],
)
def test_credentials_in_the_url_are_refused(url: str) -> None:
    """Every message names the endpoint: a password in its URL would be printed."""
    bare = url.replace("u:secret@", "").replace("u@", "")
    with pytest.raises(QueryError) as error:
        SparqlBackend(url)
    assert str(error.value) == (
        f"give the SPARQL endpoint URL without a user name or password ({bare}): "
        "govgraph sends no credentials with queries"
    )


@pytest.mark.parametrize("timeout", [0, -1])
def test_invalid_timeout(timeout: float) -> None:
    with pytest.raises(QueryError, match=r"^invalid timeout "):
        SparqlBackend("http://127.0.0.1/query", timeout)


def test_open_backend_checks_its_arguments(tmp_path: Path) -> None:
    with pytest.raises(GovgraphError, match="needs an endpoint URL"):
        open_backend("sparql")
    with pytest.raises(GovgraphError, match="takes no endpoint URL"):
        open_backend("oxigraph", endpoint="http://127.0.0.1/query")
    with pytest.raises(GovgraphError, match="loads no files"):
        open_backend(endpoint="http://127.0.0.1/query", paths=[tmp_path])
    assert LOCAL_BACKENDS == ("oxigraph", "memory")


SAVED = queries.saved_queries()


@pytest.mark.parametrize("query", SAVED, ids=[q.name for q in SAVED])
def test_every_saved_query_same_locally_and_remotely(
    local: Backend, remote: Backend, query: queries.SavedQuery
) -> None:
    expected = queries.run(local, query, query.example)
    assert expected.rows, f"{query.name} should return rows with its example values"
    assert queries.run(remote, query, query.example) == expected


ID = "https://w3id.org/govgraph/id/mx-zac/"
ENTITY_VALUES = [
    ("council-members", {"council": expand(c)})
    for c in (
        "council:covam",
        "council:consejo-interinstitucional",
        "mx-council:ccpm",  # federal: a shared IRI (docs/model.md, "Jurisdictions")
        "council:consejo-estatal-proteccion-civil",
    )
] + [
    ("memberships", {"body": ID + "body/sezami"}),
    ("memberships", {"body": ID + "group/universidades-estudios-migracion"}),
    ("body-programs", {"body": ID + "body/sezami"}),
    ("law-articles", {"law": ID + "law/ley-atencion-migrantes-2018"}),
    ("body-agreements", {"body": ID + "body/sezami"}),
    ("collaborations", {"body": ID + "body/sezami"}),
]


@pytest.fixture(scope="module")
def memory() -> Backend:
    return open_backend("memory")


@pytest.mark.parametrize(
    ("name", "values"),
    ENTITY_VALUES,
    ids=[f"{n}-{next(iter(v.values())).rsplit('/', 1)[1]}" for n, v in ENTITY_VALUES],
)
def test_saved_queries_agree_on_real_entities(
    local: Backend, memory: Backend, remote: Backend, name: str, values: dict[str, str]
) -> None:
    """Oxigraph, rdflib and the endpoint give the same rows for entities with legal bases.

    Regression: a FILTER on ?lang inside a nested OPTIONAL saw ?lang only where the engine
    substituted it, so the endpoint dropped the article from the legal basis of a seat.
    """
    query = queries.load_query(name)
    expected = queries.run(local, query, values)
    assert expected.rows
    assert queries.run(memory, query, values) == expected
    assert queries.run(remote, query, values) == expected


def test_legal_basis_of_a_seat_names_its_article(
    local: Backend, memory: Backend, remote: Backend
) -> None:
    """Footnote 36 / Art. 14, fracción VI: universities sit with voice but no vote."""
    query = queries.load_query("council-members")
    values = {"council": ID + "council/consejo-interinstitucional"}
    for backend in (local, memory, remote):
        result = queries.run(backend, query, values)
        at = result.columns.index
        rows = {r[at("member_id")]: r for r in result.rows}
        seat = rows[ID + "group/universidades-estudios-migracion"]
        assert seat[at("vote") : at("legal_basis") + 1] == (  # vote, seats, legal basis
            "Voz sin voto",
            None,
            "Ley para la Atención de los Zacatecanos Migrantes y sus Familias (2018), "
            "Artículo 14, fracción VI",
        )
