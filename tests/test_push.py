"""`govgraph push`: one PUT replaces one named graph on Oxigraph, or changes nothing."""

from __future__ import annotations

import base64
import contextlib
import http.server
import inspect
import io
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import DATA, ONTOLOGY, free_port
from govgraph.errors import PublishError
from govgraph.load import load_graph
from govgraph.namespaces import DATA_GRAPH
from govgraph.publish.export import export
from govgraph.publish.push import push
from govgraph.publish.serve import Server
from govgraph.resources import data_dir

OTHER_GRAPH = "https://example.org/graph/other"
GRAPH_PATH = "/store?graph=" + urllib.parse.quote(DATA_GRAPH, safe="")


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No credentials in the environment, and a HOME of its own (so no real ~/.netrc)."""
    for name in ("GOVGRAPH_TOKEN", "GOVGRAPH_USER", "GOVGRAPH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(scope="module")
def store() -> Iterator[Server]:
    """A writable Oxigraph server with an empty store."""
    with Server(free_port(), writable=True, empty=True) as running:
        yield running


def graph_on(server: Server, graph: str = DATA_GRAPH) -> rdflib.Graph:
    """Read one named graph back from the server with a SPARQL CONSTRUCT query."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    url = f"{server.query_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return rdflib.Graph().parse(data=response.read(), format="nt")


@pytest.fixture(scope="module")
def data() -> rdflib.Graph:
    """The bundled data graph as govgraph.load reads it."""
    return load_graph([data_dir()])


def test_push_replaces_the_named_graph(store: Server, data: rdflib.Graph) -> None:
    assert push(store.store_url, DATA_GRAPH) == len(data)
    assert isomorphic(graph_on(store), data)
    # Again: the graph is replaced, not added to.
    assert push(store.store_url, DATA_GRAPH) == len(data)
    assert len(graph_on(store)) == len(data)
    # Another graph replaces it whole.
    push(store.store_url, DATA_GRAPH, paths=[ONTOLOGY, DATA], ontology=[ONTOLOGY])
    assert isomorphic(graph_on(store), load_graph([DATA]))
    push(store.store_url, DATA_GRAPH)
    assert isomorphic(graph_on(store), data)


def test_push_with_the_ontology(store: Server) -> None:
    assert push(store.store_url, OTHER_GRAPH, data_only=False) == len(load_graph())
    assert isomorphic(graph_on(store, OTHER_GRAPH), load_graph())


def test_a_refused_push_leaves_the_old_graph(store: Server, data: rdflib.Graph) -> None:
    push(store.store_url, DATA_GRAPH)
    with pytest.raises(PublishError) as error:
        push(store.url + "nowhere", DATA_GRAPH)
    assert str(error.value) == (
        f"the Graph Store endpoint at {store.url}nowhere has no Graph Store there (HTTP 404): "
        "give the store URL itself, e.g. http://127.0.0.1:7878/store for Oxigraph"
    )
    assert len(graph_on(store)) == len(data)


def test_the_store_swaps_a_graph_whole_or_not_at_all(store: Server, data: rdflib.Graph) -> None:
    """What push relies on: a PUT that fails half-way through its body changes nothing."""
    push(store.store_url, DATA_GRAPH)
    body = io.BytesIO()
    export("nt", body)
    broken = body.getvalue() + b"<https://example.org/s> <https://example.org/p> broken .\n"
    request = urllib.request.Request(
        store.store_url + "?" + urllib.parse.urlencode({"graph": DATA_GRAPH}),
        data=broken,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 400
    assert isomorphic(graph_on(store), data)


def test_a_read_only_server_refuses_in_one_sentence() -> None:
    with Server(free_port()) as read_only:
        before = len(graph_on(read_only))
        with pytest.raises(PublishError) as error:
            push(read_only.store_url, DATA_GRAPH, paths=[ONTOLOGY, DATA], ontology=[ONTOLOGY])
        assert str(error.value) == (
            f"the Graph Store endpoint at {read_only.store_url} does not allow replacing "
            f"graph <{DATA_GRAPH}> (HTTP 403): The server is read-only"
        )
        assert len(graph_on(read_only)) == before


# ---------------------------------------------------------------------------
# A tiny HTTP server that records what it is sent and answers as told
# ---------------------------------------------------------------------------


class Recorder(http.server.ThreadingHTTPServer):
    """Records every request; answers with status and text, after delay seconds."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict[str, Any]] = []
        self.status = 204
        self.text = ""
        self.headers: dict[str, str] = {}
        self.delay = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Recorder

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.requests.append(
            {"method": self.command, "path": self.path, "headers": self.headers, "body": body}
        )
        time.sleep(self.server.delay)
        answer = self.server.text.encode("utf-8")
        # The client may have given up waiting (the timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(self.server.status)
            for name, value in self.server.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[Recorder]:
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_one_put_with_the_graph_iri_and_the_ntriples(fake: Recorder) -> None:
    assert push(fake.url, DATA_GRAPH) == len(load_graph([data_dir()]))
    (request,) = fake.requests
    assert request["method"] == "PUT"
    assert request["path"] == GRAPH_PATH
    assert request["headers"]["Content-Type"] == "application/n-triples; charset=utf-8"
    assert "Authorization" not in request["headers"]
    expected = io.BytesIO()
    export("nt", expected, data_only=True)
    assert request["body"] == expected.getvalue()


def test_an_endpoint_with_a_query_string_keeps_it(fake: Recorder) -> None:
    push(fake.url + "?db=main", OTHER_GRAPH)
    graph = urllib.parse.quote(OTHER_GRAPH, safe="")
    assert fake.requests[0]["path"] == f"/store?db=main&graph={graph}"


@pytest.mark.parametrize(
    ("status", "text", "message"),
    [
        (500, "Internal error\nat line 2", r"refused graph <.*> \(HTTP 500\): Internal error$"),
        (503, "", r"refused graph <.*> \(HTTP 503\): Service Unavailable$"),
        (400, "Bad graph IRI", r"refused graph <.*> \(HTTP 400\): Bad graph IRI$"),
        (
            403,
            "Forbidden here",
            r"does not allow replacing graph <.*> \(HTTP 403\): Forbidden here$",
        ),
        (404, "", r"has no Graph Store there \(HTTP 404\): give the store URL itself, "),
        (
            401,
            "",
            r"asks for credentials \(HTTP 401\): set GOVGRAPH_TOKEN, or GOVGRAPH_USER and "
            r"GOVGRAPH_PASSWORD, or give its host a ~/.netrc entry$",
        ),
    ],
)
def test_an_error_answer_is_one_sentence(
    fake: Recorder, status: int, text: str, message: str
) -> None:
    fake.status, fake.text = status, text
    with pytest.raises(
        PublishError, match=f"^the Graph Store endpoint at {fake.url} {message}"
    ) as e:
        push(fake.url, DATA_GRAPH)
    assert "\n" not in str(e.value)
    assert len(fake.requests) == 1  # never retried


def test_wrong_credentials(fake: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_TOKEN", "stale")
    fake.status, fake.text = 401, "Token expired"
    with pytest.raises(PublishError, match=r"refused the credentials \(HTTP 401\): Token expired$"):
        push(fake.url, DATA_GRAPH)


def test_a_redirect_is_not_followed(fake: Recorder) -> None:
    fake.status, fake.headers = 301, {"Location": "https://example.org/store"}
    with pytest.raises(
        PublishError,
        match=r"redirects to https://example.org/store \(HTTP 301\): push to that URL instead$",
    ):
        push(fake.url, DATA_GRAPH)


def test_a_slow_endpoint_times_out(fake: Recorder) -> None:
    fake.delay = 2.0
    with pytest.raises(PublishError) as error:
        push(fake.url, DATA_GRAPH, timeout=0.3)
    assert str(error.value) == (
        f"the Graph Store endpoint at {fake.url} did not answer within 0.3 s: "
        f"graph <{DATA_GRAPH}> may or may not have been replaced"
    )


def test_an_unreachable_endpoint() -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PublishError, match=rf"^cannot reach the Graph Store endpoint at {url}: "):
        push(url, DATA_GRAPH)


@pytest.mark.parametrize(
    ("endpoint", "graph", "message"),
    [
        ("ftp://example.org/store", DATA_GRAPH, r"^invalid Graph Store endpoint URL "),
        ("store", DATA_GRAPH, r"^invalid Graph Store endpoint URL 'store': give an http"),
        ("http://[::1/store", DATA_GRAPH, r"^invalid Graph Store endpoint URL 'http://\[::1/"),
        ("http://127.0.0.1:x/store", DATA_GRAPH, r"^invalid Graph Store endpoint URL 'http://"),
        ("http://127.0.0.1:1/store", "no-scheme", r"^invalid graph IRI 'no-scheme': "),
        ("http://127.0.0.1:1/store", "https://x.org/a b", r"^invalid graph IRI "),
    ],
)
def test_bad_arguments(endpoint: str, graph: str, message: str) -> None:
    with pytest.raises(PublishError, match=message):
        push(endpoint, graph)


# ---------------------------------------------------------------------------
# Credentials: environment or ~/.netrc, never arguments
# ---------------------------------------------------------------------------


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def test_a_token_from_the_environment(fake: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_TOKEN", "s3cret-token")
    monkeypatch.setenv("GOVGRAPH_USER", "ignored")
    monkeypatch.setenv("GOVGRAPH_PASSWORD", "ignored")
    push(fake.url, DATA_GRAPH)
    assert fake.requests[0]["headers"]["Authorization"] == "Bearer s3cret-token"


def test_user_and_password_from_the_environment(
    fake: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVGRAPH_USER", "editor")
    monkeypatch.setenv("GOVGRAPH_PASSWORD", "pä:ss")
    push(fake.url, DATA_GRAPH)
    assert fake.requests[0]["headers"]["Authorization"] == basic("editor", "pä:ss")


def test_a_user_without_a_password_sends_nothing(
    fake: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVGRAPH_USER", "editor")
    with pytest.raises(PublishError, match=r"^set both GOVGRAPH_USER and GOVGRAPH_PASSWORD"):
        push(fake.url, DATA_GRAPH)
    assert fake.requests == []


def write_netrc(home: Path, text: str, mode: int = 0o600) -> None:
    netrc = home / ".netrc"
    netrc.write_text(text, "utf-8")
    netrc.chmod(mode)


def test_credentials_from_netrc(fake: Recorder, no_credentials: Path) -> None:
    write_netrc(
        no_credentials,
        "machine example.org login other password wrong\n"
        "machine 127.0.0.1 login editor password from-netrc\n",
    )
    push(fake.url, DATA_GRAPH)
    assert fake.requests[0]["headers"]["Authorization"] == basic("editor", "from-netrc")


def test_netrc_without_an_entry_for_the_host(fake: Recorder, no_credentials: Path) -> None:
    write_netrc(no_credentials, "machine example.org login other password wrong\n")
    push(fake.url, DATA_GRAPH)
    assert "Authorization" not in fake.requests[0]["headers"]


def test_a_netrc_others_can_read_is_refused(fake: Recorder, no_credentials: Path) -> None:
    write_netrc(no_credentials, "machine 127.0.0.1 login editor password p\n", mode=0o644)
    with pytest.raises(PublishError, match=r"^cannot read ~/\.netrc: .*too permissive"):
        push(fake.url, DATA_GRAPH)
    assert fake.requests == []


REFUSED = (
    "the Graph Store endpoint URL must not hold a user name or password: set GOVGRAPH_TOKEN, "
    "or GOVGRAPH_USER and GOVGRAPH_PASSWORD, or give its host a ~/.netrc entry"
)


@pytest.mark.parametrize(
    ("endpoint", "message"),
    [
        ("http://user:secret@127.0.0.1:{port}/store", REFUSED),
        ("https://secret@127.0.0.1:{port}/store", REFUSED),
        ("http://:secret@127.0.0.1:{port}/store", REFUSED),
        ("http://user:secret@[::1/store", REFUSED),  # not even a valid URL
        ("http:user:secret@127.0.0.1:{port}/store", "invalid Graph Store endpoint URL: give an "),
    ],
)
def test_credentials_in_the_endpoint_url_are_refused_unseen(
    fake: Recorder, endpoint: str, message: str
) -> None:
    """`push --endpoint http://user:secret@host/store`: one sentence that points to the
    environment and ~/.netrc, the password never printed, nothing sent."""
    from click.testing import CliRunner

    from govgraph.cli import govgraph

    url = endpoint.format(port=fake.server_address[1])
    result = CliRunner().invoke(govgraph, ["push", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert "secret" not in result.output
    assert fake.requests == []


def test_credentials_are_never_arguments() -> None:
    names = set(inspect.signature(push).parameters)
    assert names == {"endpoint", "graph_iri", "paths", "ontology", "data_only", "timeout"}
