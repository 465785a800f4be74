"""The resident process: commands handed over run as they would in the caller's process.

Each test has a cache directory of its own, hence a resident of its own (the cache is part of
its identity), which it stops at the end. The commands run through the installed script.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph.resident import command_of, identity
from govgraph.resident.client import connect, read_message, request, run, stop
from govgraph.resident.server import changed, module_files

SCRIPT = Path(sys.executable).parent / "govgraph"
MEMBERS = ["members", "COVAM", "--format", "csv"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def govgraph(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the installed script with the test's environment."""
    options: dict[str, object] = {"env": dict(os.environ), **kwargs}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, **options)  # type: ignore[call-overload]


def listening(ident: str, timeout: float = 20.0) -> bool:
    """Wait until the resident of ident listens; whether it does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (sock := connect(ident)) is not None:
            sock.close()
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def resident(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A resident started by an ordinary first run of `members COVAM`; its identity."""
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVGRAPH_NO_RESIDENT", raising=False)
    monkeypatch.setenv("GOVGRAPH_RESIDENT_IDLE", "60")
    ident = identity()
    assert connect(ident) is None
    first = govgraph(*MEMBERS)
    assert first.returncode == 0, first.stderr
    assert listening(ident), "the first run left no resident"
    yield ident
    stop(ident)


def test_a_command_runs_in_the_resident_with_the_same_output(
    resident: str, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVGRAPH_NO_RESIDENT", "1")
    ordinary = govgraph(*MEMBERS)
    assert run(resident, MEMBERS) == 0  # None would mean: not taken, run it here
    out, err = capfd.readouterr()
    assert out == ordinary.stdout
    assert "Secretaría del Zacatecano Migrante" in out
    assert err == ordinary.stderr == ""


def test_exit_status_and_errors_come_back(resident: str) -> None:
    through = govgraph("members", "no-such-council")
    ordinary = govgraph(
        "members", "no-such-council", env={**os.environ, "GOVGRAPH_NO_RESIDENT": "1"}
    )
    assert through.returncode == ordinary.returncode == 2
    assert through.stderr == ordinary.stderr
    assert through.stderr.count("\n") == 1
    usage = govgraph("members", "--no-such-option")
    assert usage.returncode == 2
    assert "No such option" in usage.stderr


def test_cwd_umask_stdin_and_environment_are_the_callers(resident: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    out = subprocess.run(
        [str(SCRIPT), "export-network", "councils", "-f", "json", "-o", "net.json"],
        cwd=work,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert out.returncode == 0, out.stderr
    assert (work / "net.json").stat().st_mode & 0o777 == 0o600  # the caller's umask
    query = "SELECT ?b WHERE { ?b a <http://www.w3.org/ns/org#Organization> } LIMIT 3"
    rows = govgraph("query", "-", "--format", "csv", input=query)
    assert rows.returncode == 0
    assert len(rows.stdout.splitlines()) == 4
    elsewhere = tmp_path / "other-cache"  # the environment: a cache directory read per command
    env = {**os.environ, "GOVGRAPH_NO_CACHE": "1", "XDG_CACHE_HOME": str(elsewhere)}
    assert subprocess.run([str(SCRIPT), *MEMBERS], env=env, capture_output=True).returncode == 0
    assert not elsewhere.exists()


def _silent_endpoint() -> tuple[socket.socket, str]:
    """A socket on 127.0.0.1 that accepts connections and never answers; its URL."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    return server, f"http://127.0.0.1:{server.getsockname()[1]}/sparql"


def _hung_query(url: str) -> subprocess.Popen[bytes]:
    """The script, running a query that waits on the silent endpoint."""
    return subprocess.Popen(
        [str(SCRIPT), "query", "-", "--endpoint", url, "--timeout", "120"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )


def _wait_connected(server: socket.socket) -> socket.socket:
    server.settimeout(20)
    conn, _ = server.accept()
    return conn


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_the_command_ends_with_its_caller(resident: str, signum: int) -> None:
    server, url = _silent_endpoint()
    with server:
        caller = _hung_query(url)
        assert caller.stdin is not None
        caller.stdin.write(b"SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        caller.stdin.close()
        conn = _wait_connected(server)  # the command runs in the resident's child
        caller.send_signal(signum)  # forwarded (SIGINT, SIGTERM), or the caller is gone
        caller.wait(20)
        conn.settimeout(20)
        while conn.recv(1 << 16):  # the request; then b"": the child has ended (or times out)
            pass
        conn.close()
    if signum == signal.SIGINT:  # click's answer to Ctrl-C, as in the caller's own process
        assert caller.returncode == 1
        assert caller.stderr is not None
        assert b"Aborted" in caller.stderr.read()
    else:
        assert caller.returncode == -signum


def test_another_identity_or_a_stop_is_refused(resident: str) -> None:
    sock = connect(resident)
    assert sock is not None
    with sock:
        message = request("someone else", MEMBERS)
        socket.send_fds(sock, [message[:4]], [0, 1, 2])
        sock.sendall(message[4:])
        assert read_message(sock)[0] == b"S"
    assert stop(resident)
    deadline = time.monotonic() + 10
    while connect(resident) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert connect(resident) is None


@pytest.mark.skipif(os.getuid() != 0, reason="acting as another user needs root")
def test_another_user_gets_no_answer(resident: str) -> None:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(reader)
        os.setuid(65534)
        taken = run(resident, MEMBERS)
        os.write(writer, b"ran" if taken is not None else b"refused")
        os._exit(0)
    os.close(writer)
    os.waitpid(pid, 0)
    with os.fdopen(reader, "rb") as answer:
        assert answer.read() == b"refused"


def test_no_resident_when_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GOVGRAPH_NO_RESIDENT", "1")
    assert govgraph(*MEMBERS).returncode == 0
    monkeypatch.delenv("GOVGRAPH_NO_RESIDENT")
    assert not listening(identity(), timeout=1.5)


def test_a_changed_module_file_makes_the_resident_stale(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("x = 1\n")
    files = module_files()
    files[str(module)] = (module.stat().st_mtime_ns, module.stat().st_size)
    assert not changed(files)
    module.write_text("x = 22\n")
    assert changed(files)
    module.unlink()
    assert changed(files)


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["members", "COVAM"], "members"),
        (["--data", "g.ttl", "--no-cache", "viz", "councils"], "viz"),
        (["--ontology=o.ttl", "serve"], "serve"),
        (["--help"], None),
        (["--version"], None),
        (["--datum", "x", "members"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_the_group_options(args: list[str], command: str | None) -> None:
    assert command_of(args) == command


def test_kept_stores_are_used_only_while_their_entry_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govgraph.store import cache

    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_kept", {})
    built, folder = cache.open_entry()
    assert folder is not None
    cache.keep_recent(0.0)
    assert list(cache._kept) == [folder.name]
    kept = cache._kept[folder.name]
    assert kept is not built
    assert len(kept) == len(built)
    assert cache.open_entry()[0] is kept  # what a resident's child gets
    cache.clear()
    store, folder = cache.open_entry()  # the entry is gone: built again, not the kept store
    assert store is not kept
    assert folder is not None
    assert len(store) == len(kept)


def test_the_resident_has_one_thread_after_preloading() -> None:
    """Threads do not survive a fork: a child of a resident with a thread pool could hang."""
    code = "from govgraph.resident.server import preload; preload(); import os; "
    code += "print(len(os.listdir('/proc/self/task')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
