"""Faulty endpoints and a killed server: bounded time and memory, one sentence, nothing left.

Endpoints here are small HTTP servers on 127.0.0.1 that misbehave on purpose: an endless
answer, one byte a second, HTML, truncated or foreign JSON. The server is the real Oxigraph
one, started by the real `govgraph serve`, killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import free_port
from govgraph.cli import govgraph
from govgraph.errors import PublishError, QueryError
from govgraph.namespaces import DATA_GRAPH
from govgraph.publish.push import push
from govgraph.publish.serve import STORE_PREFIX, Server, remove_stale_stores
from govgraph.store import DEFAULT_MAX_RESPONSE, SparqlBackend, format_size, parse_size

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
QUERY = "SELECT * WHERE { ?s ?p ?o }"
RESULTS = "application/sparql-results+json"
HEAD = b'{"head": {"vars": ["s"]}, "results": {"bindings": [\n'
# One row of about 1 KB.
ROW = b'{"s": {"type": "literal", "value": "' + b"x" * 980 + b'"}},\n'
GIVE_UP = 30.0  # no misbehaving server outlives its test by much

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers every request with the test's function; a client that hangs up ends it."""

    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.server.answer(self)  # type: ignore[attr-defined]
        self.close_connection = True

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def endpoint(answer: Answer, path: str = "/sparql") -> Iterator[str]:
    """A server on 127.0.0.1 that answers every request with answer(handler); yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.answer = answer  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def headers(
    handler: http.server.BaseHTTPRequestHandler,
    status: int = 200,
    content_type: str = RESULTS,
    length: int | None = None,
) -> None:
    """Send the status line and headers (no Content-Length unless given: the body ends
    when the connection closes)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.send_header("Connection", "close")
    handler.end_headers()


def sends(
    body: bytes,
    status: int = 200,
    content_type: str = RESULTS,
    length: int | None = None,
    announce: bool = True,
) -> Answer:
    """An answer of one body; Content-Length its length, or length, or none (announce=False)."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        size = length if length is not None else len(body) if announce else None
        headers(handler, status, content_type, size)
        handler.wfile.write(body)

    return answer


def endless(pause: float = 0.0, rows: int = 400_000, status: int = 200) -> Answer:
    """SPARQL JSON results that go on: rows of 1 KB, with a pause between each 100."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        headers(handler, status)
        handler.wfile.write(HEAD)
        end = time.monotonic() + GIVE_UP
        for n in range(rows):
            handler.wfile.write(ROW)
            if pause and n % 100 == 0:
                time.sleep(pause)
            if time.monotonic() > end:
                return

    return answer


def trickle(start: bytes, after_headers: bool = True, seconds: float = 10.0) -> Answer:
    """One byte a second, for at most `seconds`: of the body, or of the headers themselves."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        if after_headers:
            headers(handler)
        handler.wfile.write(start)
        handler.wfile.flush()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(1)
            handler.wfile.write(b" ")
            handler.wfile.flush()

    return answer


def ask(
    url: str, timeout: float = 5, max_response: int = DEFAULT_MAX_RESPONSE
) -> tuple[str, float]:
    """Query url; return the error's sentence and the seconds it took."""
    start = time.monotonic()
    with pytest.raises(QueryError) as error:
        SparqlBackend(url, timeout, max_response).query(QUERY)
    return str(error.value), time.monotonic() - start


# ---------------------------------------------------------------------------
# Time and size: the whole exchange within --timeout, the answer within --max-response
# ---------------------------------------------------------------------------


def test_an_endless_answer_stops_at_the_size_limit() -> None:
    with endpoint(endless()) as url:
        message, seconds = ask(url, timeout=30, max_response=2 * 2**20)
    assert message == (
        f"the SPARQL endpoint at {url} sent an answer larger than 2 MB "
        "(--max-response or GOVGRAPH_MAX_RESPONSE raises the limit)"
    )
    assert seconds < 10


def test_an_announced_size_above_the_limit_is_refused_before_reading() -> None:
    """Content-Length says 10 GB: no byte of it is waited for."""
    body_size = 10 * 2**30

    def huge(handler: http.server.BaseHTTPRequestHandler) -> None:
        headers(handler, length=body_size)
        handler.wfile.write(HEAD)
        time.sleep(5)

    with endpoint(huge) as url:
        message, seconds = ask(url, timeout=30)
    assert message == (
        f"the SPARQL endpoint at {url} sent an answer larger than 256 MB "
        "(--max-response or GOVGRAPH_MAX_RESPONSE raises the limit)"
    )
    assert seconds < 3


def test_a_trickling_answer_is_cut_at_the_timeout_in_total() -> None:
    """One byte a second never trips a per-read timeout of 2 s; the total one does."""
    with endpoint(trickle(HEAD)) as url:
        message, seconds = ask(url, timeout=2)
    assert message.startswith(
        f"the SPARQL endpoint at {url} did not send its whole answer within 2 s ("
    )
    assert message.endswith(" bytes came)")
    assert 1.9 < seconds < 4


def test_trickling_headers_are_cut_at_the_timeout_in_total() -> None:
    with endpoint(trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ", after_headers=False)) as url:
        message, seconds = ask(url, timeout=2)
    assert message == f"the SPARQL endpoint at {url} did not answer within 2 s"
    assert 1.9 < seconds < 4


@pytest.mark.parametrize("pause", [0.0, 0.05], ids=["fast", "slow"])
def test_cli_endless_answer_is_bounded_in_time_and_memory(pause: float) -> None:
    """Issue 9.4: 400,000 rows of 1 KB, fast or slow: out within 15 s, under 600 MB."""
    with endpoint(endless(pause)) as url:
        start = time.monotonic()
        process = subprocess.Popen(
            [GOVGRAPH, "members", "COVAM", "--endpoint", url, "--timeout", "5"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        stderr = process.stderr  # read after exit: one sentence is small
        try:
            _, status, usage = _wait4(process.pid, 20)
        finally:
            if process.returncode is None and _alive(process.pid):
                process.kill()
        seconds = time.monotonic() - start
        err = stderr.read().decode("utf-8")
        stderr.close()
    code = os.waitstatus_to_exitcode(status)
    assert code == 2, err
    assert seconds < 15
    assert usage.ru_maxrss / 1024 < 600, f"peak RSS {usage.ru_maxrss / 1024:.0f} MB"
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"Error: the SPARQL endpoint at {url} ")
    assert ("larger than 256 MB" in err) or ("within 5 s" in err)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait4(pid: int, limit: float) -> tuple[int, int, resource.struct_rusage]:
    """os.wait4 with a time limit (the child is killed past it)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return done, status, usage
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.wait4(pid, 0)
    pytest.fail(f"the process ran longer than {limit:g} s")


def test_cli_max_response_option_and_environment(oxigraph_endpoint: str) -> None:
    runner = CliRunner()
    args = ["members", "COVAM", "--endpoint", oxigraph_endpoint, "--format", "tsv"]
    result = runner.invoke(govgraph, [*args, "--max-response", "1K"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: the SPARQL endpoint at {oxigraph_endpoint} sent an answer larger than 1 KB "
        "(--max-response or GOVGRAPH_MAX_RESPONSE raises the limit)\n"
    )
    result = runner.invoke(govgraph, args, env={"GOVGRAPH_MAX_RESPONSE": "1k"})
    assert result.exit_code == 2
    assert "larger than 1 KB" in result.stderr
    # 2 MB: the resolver's index of the bundled graph is about 1.1 MB of JSON
    result = runner.invoke(govgraph, [*args, "--max-response", "2M"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 8  # the header and the seven members
    result = runner.invoke(govgraph, [*args, "--max-response", "lots"])
    assert result.exit_code == 2
    assert "Invalid value for '--max-response': 'lots' is not a size" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "size", "shown"),
    [
        ("1000", 1000, "1000 bytes"),
        ("512K", 512 * 2**10, "512 KB"),
        ("256M", 256 * 2**20, "256 MB"),
        ("256mb", 256 * 2**20, "256 MB"),
        ("1.5G", 3 * 2**29, "1.5 GB"),
        ("2GiB", 2 * 2**30, "2 GB"),
    ],
)
def test_sizes(text: str, size: int, shown: str) -> None:
    assert parse_size(text) == size
    assert format_size(size) == shown


@pytest.mark.parametrize("text", ["", "0", "-1", "lots", "1X", "1.5.2M", "0.1"])
def test_bad_sizes(text: str) -> None:
    with pytest.raises(QueryError, match=r"is not a size: give a number of bytes above 0"):
        parse_size(text)


@pytest.mark.parametrize("value", [0, -5])
def test_bad_size_limit(value: int) -> None:
    with pytest.raises(QueryError, match=r"^invalid answer size limit "):
        SparqlBackend("http://127.0.0.1/sparql", 5, value)


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 1e12])
def test_a_timeout_that_is_no_number_of_seconds(timeout: float) -> None:
    with pytest.raises(QueryError, match=r"^invalid timeout "):
        SparqlBackend("http://127.0.0.1/sparql", timeout)
    with pytest.raises(PublishError, match=r"^invalid timeout "):
        push("http://127.0.0.1:1/store", DATA_GRAPH, timeout=timeout)


# ---------------------------------------------------------------------------
# What was wrong with the answer, in one sentence
# ---------------------------------------------------------------------------

PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Service &amp; Maintenance</title>"
    b"<style>body { color: red }</style></head><body><h1>Back soon</h1></body></html>\n"
)
ERROR_PAGE = (
    b"<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n"
    b"<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n</body></html>"
)
WHAT = "did not answer with SPARQL JSON results"
IN_A_STRING = HEAD + b'{"s": {"type": "literal", "value": "abc'


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            sends(PAGE, content_type="text/html"),
            f"{WHAT}: it sent text/html starting '<!DOCTYPE html> <html><head><title>Service "
            "&amp; Maintenance…'",
        ),
        (
            sends(PAGE),
            f"{WHAT}: it sent {RESULTS} that is not JSON, starting '<!DOCTYPE html> "
            "<html><head><title>Service &amp; Maintenance…'",
        ),
        (
            sends(b"Hello, world", content_type="text/plain"),
            f"{WHAT}: it sent text/plain starting 'Hello, world'",
        ),
        (
            sends(HEAD + ROW * 12),
            f"{WHAT}: the answer ended before the JSON was complete "
            f"({len(HEAD + ROW * 12):,} bytes)",
        ),
        (
            sends(IN_A_STRING, announce=False),
            f"{WHAT}: the answer ended before the JSON was complete ({len(IN_A_STRING):,} bytes)",
        ),
        (
            sends(HEAD, length=20_000),
            f"{WHAT}: the answer ended after {len(HEAD)} of the 20,000 bytes it announced",
        ),
        (sends(b"{}"), f"{WHAT}: it sent JSON without head.vars: '{{}}'"),
        (
            sends(b'{"head": {"vars": []}}'),
            f'{WHAT}: it sent JSON without results.bindings: \'{{"head": {{"vars": []}}}}\'',
        ),
        (sends(b"[1, 2]"), f"{WHAT}: it sent JSON that is not an object: '[1, 2]'"),
        (
            sends(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 1}]}}'),
            f"{WHAT}: a row of its results.bindings is not a set of SPARQL terms",
        ),
        (sends(b""), f"{WHAT}: it sent an empty answer ({RESULTS})"),
        (
            sends(ERROR_PAGE, status=500, content_type="text/html"),
            "refused the query (HTTP 500): 500 Internal Server Error",
        ),
        (
            sends(
                b"<html><body><p>No &lt;query&gt; given</p></body></html>",
                status=400,
                content_type="text/html",
            ),
            "refused the query (HTTP 400): No <query> given",
        ),
        (
            sends(b"", status=503, content_type="text/html"),
            "refused the query (HTTP 503): Service Unavailable",
        ),
    ],
    ids=[
        "html-page",
        "html-labelled-json",
        "plain-text",
        "truncated-json",
        "truncated-in-a-string",
        "shorter-than-announced",
        "empty-object",
        "no-bindings",
        "not-an-object",
        "bad-term",
        "empty-body",
        "500-html",
        "400-html-text",
        "503-empty",
    ],
)
def test_a_wrong_answer_is_said_in_one_sentence(answer: Answer, message: str) -> None:
    with endpoint(answer) as url:
        said, _ = ask(url)
    assert said == f"the SPARQL endpoint at {url} {message}"
    assert "\n" not in said


def test_cli_reports_an_html_page_in_one_sentence() -> None:
    with endpoint(sends(PAGE)) as url:
        result = CliRunner().invoke(govgraph, ["members", "COVAM", "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: the SPARQL endpoint at {url} {WHAT}: it sent ")
    assert "'<!DOCTYPE html>" in result.stderr
    assert len(result.stderr.splitlines()) == 1


# ---------------------------------------------------------------------------
# push: the same deadline, and only the message of an answer is read
# ---------------------------------------------------------------------------


def test_push_gives_up_on_trickling_headers_at_the_timeout() -> None:
    with endpoint(trickle(b"HTTP/1.1 204 No Content\r\nX-Slow: ", after_headers=False)) as url:
        start = time.monotonic()
        with pytest.raises(PublishError) as error:
            push(url, DATA_GRAPH, timeout=2)
        seconds = time.monotonic() - start
    assert str(error.value) == (
        f"the Graph Store endpoint at {url} did not answer within 2 s: "
        f"graph <{DATA_GRAPH}> may or may not have been replaced"
    )
    assert 1.9 < seconds < 4


def test_push_reads_only_the_message_of_an_endless_error_answer() -> None:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        headers(handler, 500, "text/plain")
        handler.wfile.write(b"Disk full\n")
        end = time.monotonic() + 10
        while time.monotonic() < end:
            handler.wfile.write(b"x" * 4096)
            time.sleep(0.001)

    with endpoint(answer) as url:
        start = time.monotonic()
        with pytest.raises(PublishError) as error:
            push(url, DATA_GRAPH, timeout=5)
        seconds = time.monotonic() - start
    assert str(error.value) == (
        f"the Graph Store endpoint at {url} refused graph <{DATA_GRAPH}> (HTTP 500): Disk full"
    )
    assert seconds < 4  # 64 KiB of it, not all of it


def test_push_succeeds_without_reading_an_endless_success_answer() -> None:
    with endpoint(endless(pause=0.05)) as url:
        start = time.monotonic()
        assert push(url, DATA_GRAPH, timeout=10) > 0
        assert time.monotonic() - start < 5


# ---------------------------------------------------------------------------
# serve: the oxigraph child cannot outlive govgraph; stores of dead processes go
# ---------------------------------------------------------------------------


def _answers(port: int) -> bool:
    """Whether anything answers HTTP on 127.0.0.1:port."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
            response.read()
        return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _start_serve(port: int, tmp: Path) -> subprocess.Popen[bytes]:
    """Start the installed `govgraph serve` with its own TMPDIR; wait until the port answers."""
    process = subprocess.Popen(
        [GOVGRAPH, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    end = time.monotonic() + 60
    while not _answers(port):
        if process.poll() is not None or time.monotonic() > end:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"govgraph serve did not start: {err.decode()}")
        time.sleep(0.1)
    return process


def _stores(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith(STORE_PREFIX))


def _kill_orphans(tmp: Path) -> list[int]:
    """Kill the processes whose command line names tmp (a server that outlived govgraph)."""
    killed = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if proc.name.isdigit() and str(tmp).encode() in command:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(proc.name), signal.SIGKILL)
                killed.append(int(proc.name))
    return killed


def test_kill_9_of_serve_stops_the_server_and_the_next_start_cleans_up(tmp_path: Path) -> None:
    """Issue 9.6: SIGKILL govgraph serve; 5 s later the port does not answer; the next serve
    removes the store the killed one left."""
    port = free_port()
    first = _start_serve(port, tmp_path)
    try:
        (left,) = _stores(tmp_path)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        time.sleep(5)
        assert not _answers(port)
        assert _kill_orphans(tmp_path) == []
    finally:
        if first.poll() is None:
            first.kill()
        first.wait()
        _kill_orphans(tmp_path)
    assert left.startswith(f"{STORE_PREFIX}{first.pid}-")
    assert _stores(tmp_path) == [left]  # nobody could clean up after SIGKILL
    second = _start_serve(port, tmp_path)
    try:
        (current,) = _stores(tmp_path)
        assert current.startswith(f"{STORE_PREFIX}{second.pid}-")
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0
    assert _stores(tmp_path) == []
    assert not _answers(port)


CHILD = """
import subprocess, sys
from govgraph.publish.serve import _die_with_parent
child = subprocess.Popen(["sleep", "60"], preexec_fn=_die_with_parent(), start_new_session=True)
print(child.pid, flush=True)
child.wait()
"""


def test_children_die_with_their_parent() -> None:
    """What `oxigraph load` and `oxigraph serve` start with: SIGKILL of the parent kills them."""
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert parent.stdout is not None
    try:
        child = int(parent.stdout.readline())
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        end = time.monotonic() + 5
        while _alive(child) and time.monotonic() < end:
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        parent.stdout.close()
        if parent.stderr is not None:
            parent.stderr.close()


def _dead_pid() -> int:
    """The number of a process that has ended (and been reaped)."""
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_only_stores_of_dead_processes_are_removed(tmp_path: Path) -> None:
    import fcntl

    dead = _dead_pid()
    gone = tmp_path / f"{STORE_PREFIX}{dead}-abc"
    live = tmp_path / f"{STORE_PREFIX}{os.getppid()}-abc"  # pytest's parent lives
    held = tmp_path / f"{STORE_PREFIX}{dead}-held"  # its lock is held: a child still serves
    other = tmp_path / "govgraph-serve-x-1"
    for folder in (gone, live, held, other):
        (folder / "store").mkdir(parents=True)
    (gone / "lock").touch()
    lock = os.open(held / "lock", os.O_WRONLY | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / f"{STORE_PREFIX}{dead}-link").symlink_to(target)
    (tmp_path / f"{STORE_PREFIX}{dead}-file").write_text("x")
    try:
        assert remove_stale_stores(tmp_path) == [gone]
    finally:
        os.close(lock)
    assert not gone.exists()
    assert all(path.exists() for path in (live, held, other, target))
    assert (tmp_path / f"{STORE_PREFIX}{dead}-link").is_symlink()
    assert (tmp_path / f"{STORE_PREFIX}{dead}-file").is_file()
    # Once the lock is let go, nothing keeps it.
    assert remove_stale_stores(tmp_path) == [held]


def test_a_server_started_from_a_thread_outlives_the_thread() -> None:
    """The parent-death signal follows the thread that forks: not a short-lived one's."""
    started: list[Server] = []
    thread = threading.Thread(target=lambda: started.append(Server(free_port()).start()))
    thread.start()
    thread.join(timeout=120)
    (server,) = started
    try:
        time.sleep(0.5)
        assert server.running()
        assert _answers(server.port)
    finally:
        server.stop()
