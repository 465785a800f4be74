"""`govgraph serve`: the real Oxigraph server on a temporary store, queried from other processes."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port
from govgraph.errors import LoadError, ServeError
from govgraph.load import load_graph
from govgraph.namespaces import DATA_GRAPH, ONTOLOGY_GRAPH, data_graph, sparql_prefixes
from govgraph.publish.serve import Server, check_port, oxigraph_executable
from govgraph.resources import data_dir, ontology_sources

COVAM = "https://w3id.org/govgraph/id/mx-zac/council/covam"
SEZAMI = "https://w3id.org/govgraph/id/mx-zac/body/sezami"
MEMBERS = f"""SELECT DISTINCT ?member WHERE {{
  ?seat org:organization <{COVAM}> ; org:member ?member .
}}"""
# A client in its own process: SPARQLWrapper, the query on stdin, JSON bindings on stdout.
CLIENT = """
import json, sys
from SPARQLWrapper import JSON, SPARQLWrapper
client = SPARQLWrapper(sys.argv[1])
client.setQuery(sys.stdin.read())
client.setReturnFormat(JSON)
answer = client.query().convert()
print(json.dumps(answer["results"]["bindings"] if "results" in answer else answer["boolean"]))
"""


def sparql(url: str, query: str) -> object:
    """Ask url from another Python process through SPARQLWrapper; return its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-c", CLIENT, url],
        input=sparql_prefixes() + query,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def http(
    url: str, data: bytes | None = None, method: str = "GET", content_type: str | None = None
) -> tuple[int, str, bytes]:
    """Send one request; return status, content type and body, errors included."""
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def count(server: Server, where: str = "?s ?p ?o") -> int:
    """Count the solutions of a pattern on the server."""
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"})
    status, _, body = http(f"{server.query_url}?{query}")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The bundled graph behind a read-only Oxigraph server."""
    with Server(free_port()) as running:
        yield running


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory where the server's store goes, to see what is left behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_another_process_finds_the_seven_members_of_covam(server: Server) -> None:
    rows = sparql(server.query_url, MEMBERS)
    assert isinstance(rows, list)
    members = {row["member"]["value"] for row in rows}
    assert len(members) == 7
    assert SEZAMI in members


def test_the_query_page_answers_at_the_root(server: Server) -> None:
    status, content_type, body = http(server.url)
    assert (status, content_type) == (200, "text/html")
    page = body.decode("utf-8")
    assert "Yasgui" in page
    # Its script and style come from the server itself, not from a CDN.
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets
    assert not [a for a in assets if urllib.parse.urlsplit(a).netloc]
    for asset in assets:
        assert http(urllib.parse.urljoin(server.url, asset))[0] == 200, asset


def test_updates_are_refused_when_read_only(server: Server) -> None:
    before = count(server)
    insert = b"INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }"
    status, _, body = http(server.update_url, insert, "POST", "application/sparql-update")
    assert 400 <= status < 500, body
    put = b"<https://example.org/s> <https://example.org/p> 1 .\n"
    status, _, body = http(
        f"{server.store_url}?graph={DATA_GRAPH}", put, "PUT", "application/n-triples"
    )
    assert 400 <= status < 500, body
    assert count(server) == before


def test_the_default_graph_is_the_union(server: Server) -> None:
    assert sparql(server.query_url, "ASK { gg:Council a owl:Class }") is True  # ontology
    assert sparql(server.query_url, f"ASK {{ <{COVAM}> a gg:Council }}") is True  # data
    assert count(server) == server.triples == len(load_graph())


def test_the_ontology_and_the_data_are_named_graphs(server: Server) -> None:
    rows = sparql(
        server.query_url,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    )
    assert isinstance(rows, list)
    assert {row["g"]["value"]: int(row["n"]["value"]) for row in rows} == {
        ONTOLOGY_GRAPH: len(load_graph(ontology_sources())),
        DATA_GRAPH: len(load_graph([data_dir() / "mx-zac"])),  # each jurisdiction's own
        data_graph("mx"): len(load_graph([data_dir() / "mx"])),
        data_graph("int"): len(load_graph([data_dir() / "int"])),
    }


def test_stops_cleanly(own_tmp: Path) -> None:
    port = free_port()
    with Server(port) as running:
        process, directory = running.process, running.directory
        assert process is not None
        assert directory is not None
        assert directory.parent == own_tmp
        assert (directory / "store").is_dir()
        assert count(running) > 0
    assert process.poll() is not None
    assert not directory.exists()
    assert list(own_tmp.iterdir()) == []
    check_port("127.0.0.1", port)  # nothing listens any more


def test_a_busy_port_is_refused_in_one_sentence(own_tmp: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServeError) as error:
            Server(port).start()
    assert str(error.value) == (
        f"port {port} on 127.0.0.1 is already in use: stop what listens there "
        "or choose another port"
    )
    assert list(own_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("host", "port", "message"),
    [
        ("127.0.0.1", 0, r"^invalid port 0: give a number from 1 to 65535$"),
        ("127.0.0.1", 70000, r"^invalid port 70000: "),
        ("192.0.2.1", 7878, r"^cannot listen on 192\.0\.2\.1:7878: "),
    ],
)
def test_an_address_it_cannot_listen_on(host: str, port: int, message: str) -> None:
    with pytest.raises(ServeError, match=message):
        check_port(host, port)


def test_a_graph_that_does_not_load_leaves_nothing_behind(own_tmp: Path, tmp_path: Path) -> None:
    bad = tmp_path.parent / f"{tmp_path.name}-bad.ttl"
    bad.write_text("<a> <b> .", "utf-8")
    try:
        with pytest.raises(LoadError), Server(free_port(), paths=[bad]):
            pass
    finally:
        bad.unlink()
    assert list(own_tmp.iterdir()) == []


def test_a_missing_executable_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sysconfig.get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServeError, match=r"^the oxigraph server executable is not installed: "):
        oxigraph_executable()


def test_a_writable_server_takes_updates() -> None:
    with Server(free_port(), writable=True, empty=True) as running:
        assert count(running) == 0
        insert = b"INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }"
        status, _, body = http(running.update_url, insert, "POST", "application/sparql-update")
        assert status == 204, body
        assert count(running) == 1


# ---------------------------------------------------------------------------
# serve(): the blocking command, in its own process
# ---------------------------------------------------------------------------


def read_line(stream: object, timeout: float) -> str:
    """Read one line from a pipe, waiting at most timeout seconds."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)  # type: ignore[arg-type]
    line = b""
    deadline = time.monotonic() + timeout
    while not line.endswith(b"\n"):
        if not selector.select(max(0.0, deadline - time.monotonic())):
            pytest.fail(f"no line within {timeout:g} s (got {line!r})")
        chunk = os.read(stream.fileno(), 1)  # type: ignore[attr-defined]
        if not chunk:
            break
        line += chunk
    return line.decode("utf-8")


def children(pid: int) -> list[int]:
    """The child processes of pid (Linux)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_runs_until_a_signal_then_cleans_up(signum: int, tmp_path: Path) -> None:
    port = free_port()
    code = f"from govgraph.publish.serve import serve; serve(port={port})"
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        line = read_line(process.stdout, 60)
        url = f"http://127.0.0.1:{port}/"
        assert line == (
            f"Oxigraph serves {len(load_graph())} triples (read-only) at {url}: "
            f"SPARQL endpoint {url}query; press Ctrl-C to stop\n"
        )
        rows = sparql(f"{url}query", MEMBERS)
        assert isinstance(rows, list)
        assert len(rows) == 7
        servers = children(process.pid)
        assert len(servers) == 1  # the oxigraph server
        (store,) = tmp_path.iterdir()
        assert store.name.startswith("govgraph-serve-")
        process.send_signal(signum)
        assert process.wait(timeout=30) == 0, process.stderr.read() if process.stderr else ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    for child in servers:
        assert not Path(f"/proc/{child}").exists()
    assert list(tmp_path.iterdir()) == []
    check_port("127.0.0.1", port)
