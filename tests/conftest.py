"""Shared paths of the Turtle, SHACL and SPARQL fixtures, and a real Oxigraph server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NoReturn

import pytest

from govgraph.errors import QueryError
from govgraph.load import discover
from govgraph.resources import default_sources
from govgraph.store import OxigraphBackend, SparqlBackend

FIXTURES = Path(__file__).parent / "fixtures"
ONTOLOGY = FIXTURES / "ontology"
DATA = FIXTURES / "data"
INVALID = FIXTURES / "invalid"
SHAPES = FIXTURES / "shapes.ttl"
CHECKS = FIXTURES / "checks"
SYNTAX_ERROR = FIXTURES / "bad" / "syntax-error.ttl"
UNKNOWN_PREFIX = FIXTURES / "bad" / "unknown-prefix.ttl"
REPO = Path(__file__).resolve().parents[1]


def wait_until(condition: Callable[[], object], seconds: float, what: str) -> None:
    """Wait until condition() holds; fail saying what did not happen."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def missing(why: str) -> NoReturn:
    """A component a test needs is missing: fail under CI=true (CI installs every component
    through the project's own files), skip elsewhere with the sentence that says how to get it."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(why, pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Cached stores of the test session go to a temporary directory, not the user's cache; the
    `govgraph` processes tests start run their commands themselves, not in a resident process
    (tests/test_resident.py starts its own)."""
    saved = {k: os.environ.get(k) for k in ("GOVGRAPH_CACHE_DIR", "GOVGRAPH_NO_RESIDENT")}
    os.environ["GOVGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["GOVGRAPH_NO_RESIDENT"] = "1"
    yield
    for key, previous in saved.items():
        if previous is None:
            del os.environ[key]
        else:
            os.environ[key] = previous


@pytest.fixture
def sources() -> list[Path]:
    """The fixture ontology and vocabulary plus the valid mini graph."""
    return [ONTOLOGY, DATA]


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """A directory with a good file (parsed first) and a file with a syntax error."""
    (tmp_path / "a-good.ttl").write_text((DATA / "mini-graph.ttl").read_text("utf-8"), "utf-8")
    (tmp_path / "b-bad.ttl").write_text(SYNTAX_ERROR.read_text("utf-8"), "utf-8")
    return tmp_path


# The Oxigraph server (PyPI package `oxigraph`, in the test extra) serving the bundled graph.
INSTALL = "install the test extra: pip install -e '.[test]'"
SERVER_START_S = 20.0


def oxigraph_cli() -> str:
    """The oxigraph executable next to this Python (the venv's), else on PATH; else fail."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        # Never a skip: the project's own test extra installs it, in CI as everywhere.
        pytest.fail(f"the oxigraph server executable is missing: {INSTALL}", pytrace=False)
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str]) -> None:
    """Run an oxigraph command; fail the tests with its message if it fails."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed: {done.stderr.strip()}", pytrace=False)


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Query URL of an Oxigraph server on 127.0.0.1 holding the bundled graph, read-only."""
    cli = oxigraph_cli()
    root = tmp_path_factory.mktemp("oxigraph")
    location = root / "db"
    for path in discover(default_sources()):
        # One file at a time, each with its own base IRI, as govgraph.load does.
        base = path.resolve().as_uri()
        _run([cli, "load", "--location", str(location), "--file", str(path), "--base", base])
    port = free_port()
    log = root / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [cli, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/query"
    try:
        count = _wait_for(server, SparqlBackend(url, timeout=2), log)
        expected = OxigraphBackend.load().triple_count()
        if count != expected:
            pytest.fail(f"the server holds {count} triples, the local store {expected}")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_for(server: subprocess.Popen[bytes], backend: SparqlBackend, log: Path) -> int:
    """Poll the server (bounded) until it answers; return its triple count."""
    deadline = time.monotonic() + SERVER_START_S
    while True:
        if server.poll() is not None:
            pytest.fail(f"the oxigraph server stopped: {log.read_text().strip()}", pytrace=False)
        try:
            return backend.triple_count()
        except QueryError as exc:
            if time.monotonic() > deadline:
                pytest.fail(f"the oxigraph server did not start within {SERVER_START_S:g} s: {exc}")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright; missing, the test fails (never skips)."""
    from govgraph.errors import RenderError
    from govgraph.render import browser as pages

    with ExitStack() as stack:
        try:
            browser = stack.enter_context(pages.launch())
        except RenderError as err:
            pytest.fail(f"the browser tests need Chromium and Playwright: {err}")
        yield browser
