"""Faults that already hold, kept in the matrix of docs/reliability.md: kill -9 of `publish` and of
the cache build in real processes, and many concurrent clients on a real `govgraph serve`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import free_port, wait_until
from govgraph.namespaces import sparql_prefixes

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
COVAM = "https://w3id.org/govgraph/id/mx-zac/council/covam"


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, GOVGRAPH_CACHE_DIR=str(tmp_path / "cache"), TMPDIR=str(tmp_path))


def test_kill_9_of_publish_keeps_the_site_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    """SIGKILL in the middle of a build: the previous site is untouched; the next publish
    removes the dead build directory and writes the site again."""
    env, out = _env(tmp_path), tmp_path / "site"
    subprocess.run([GOVGRAPH, "publish", str(out)], env=env, check=True, capture_output=True)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    child = subprocess.Popen([GOVGRAPH, "publish", str(out)], env=env, stderr=subprocess.DEVNULL)
    building = lambda: [p for p in tmp_path.iterdir() if p.name.startswith(".site.new-")]  # noqa: E731
    wait_until(lambda: any(p.rglob("*.html") for p in building()), 60, "no build dir appeared")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert building(), "the killed build left nothing to clean up: the test proved nothing"
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    subprocess.run([GOVGRAPH, "publish", str(out)], env=env, check=True, capture_output=True)
    assert not building()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_kill_9_of_the_cache_build_is_rebuilt_and_answers_right(tmp_path: Path) -> None:
    """SIGKILL while the on-disk store is being built: the next run never opens the half-built
    store; it builds again and answers what a load into memory answers."""
    env = _env(tmp_path)
    graph = tmp_path / "g.nt"
    subprocess.run(
        [GOVGRAPH, "bench", "generate", "--jurisdictions", "60", "-o", str(graph)],
        env=env,
        check=True,
        capture_output=True,
    )
    ask = [GOVGRAPH, "--data", str(graph), "stats", "--format", "csv"]
    expected = subprocess.run(
        [*ask[:3], "--no-cache", *ask[3:]], env=env, check=True, capture_output=True, text=True
    ).stdout
    child = subprocess.Popen(ask, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cache = tmp_path / "cache"
    wait_until(lambda: cache.is_dir() and any(cache.rglob("*")), 60, "no cache build started")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    listed = subprocess.run(
        [GOVGRAPH, "cache", "info", "--format", "csv"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert listed.count("\n") == 1, "the build had finished: the test proved nothing"
    again = subprocess.run(ask, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout == expected


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`govgraph serve` in its own process on 127.0.0.1; its query URL."""
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    server = subprocess.Popen(
        [GOVGRAPH, "serve", "--port", str(port)],
        env=_env(tmp),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:

        def up() -> bool:
            try:
                return bool(_ask(url, "ASK { ?s ?p ?o }"))
            except OSError:
                return False

        wait_until(up, 60, "govgraph serve did not answer")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def _ask(url: str, query: str) -> object:
    """One SPARQL query over HTTP; the JSON answer."""
    body = urllib.parse.urlencode({"query": sparql_prefixes() + query}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def test_sixteen_concurrent_clients_get_complete_and_correct_answers(served: str) -> None:
    """400 queries from 16 threads at once: every answer complete and the same."""
    members = f"SELECT ?m WHERE {{ ?s org:organization <{COVAM}> ; org:member ?m }} ORDER BY ?m"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    expected = {q: _ask(served, q) for q in (members, count)}
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(
            pool.map(lambda i: (i % 2, _ask(served, (members, count)[i % 2])), range(400))
        )
    assert len(answers) == 400
    for which, answer in answers:
        assert answer == expected[(members, count)[which]]
    assert len(expected[members]["results"]["bindings"]) >= 7  # type: ignore[index]
