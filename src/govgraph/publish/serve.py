"""The graph behind a real SPARQL endpoint: the Oxigraph server (PyPI package `oxigraph`).

The graph is loaded into an on-disk store in a temporary directory, the ontology and
vocabularies in the named graph ONTOLOGY_GRAPH and each jurisdiction's data in its own
(govgraph.load.graph_of); queries without GRAPH see their union. The server is read-only
unless asked, and listens on 127.0.0.1 unless told otherwise. `Server` starts, waits for and
stops one server; `serve` runs one until Ctrl-C.

The oxigraph processes cannot outlive govgraph: on Linux they get the parent-death signal
(SIGKILL), so even `kill -9` of govgraph stops them. Their store's directory is named after
the govgraph process (govgraph-serve-PID-...) and locked while it or its children live; the
next server removes the stores of processes that are gone.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyoxigraph

from govgraph.errors import ServeError
from govgraph.load import load_dataset
from govgraph.publish.export import serialize

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
READY_TIMEOUT = 30.0  # seconds for the server to answer once the store is loaded
STOP_TIMEOUT = 10.0  # seconds for the server to exit before it is killed
INSTALL = "pip install 'oxigraph>=0.5,<0.6'"
# Queries without GRAPH see the ontology and the data together.
UNION = ("--union-default-graph",)
STORE_PREFIX = "govgraph-serve-"  # then the PID of the govgraph process, "-", random letters
_STORE_NAME = re.compile(re.escape(STORE_PREFIX) + r"(\d+)-")
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def oxigraph_executable() -> str:
    """Return the oxigraph executable installed with this Python (a venv's bin/), else on PATH."""
    for directory in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(directory) / "oxigraph"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError(f"the oxigraph server executable is not installed: {INSTALL}")
    return found


def _url_host(host: str) -> str:
    """The host as it goes in a URL: a wildcard address becomes the loopback one."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def check_port(host: str, port: int) -> None:
    """Raise ServeError if nothing can listen on host:port (a busy port, a foreign address)."""
    if not 0 < port < 65536:
        raise ServeError(f"invalid port {port}: give a number from 1 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # The server sets SO_REUSEADDR too: a port left in TIME_WAIT is free for both.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is already in use: stop what listens there "
                    "or choose another port"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class Server:
    """One Oxigraph server on a temporary store holding the graph; use it as a context manager.

    `url` is its query page, `query_url`, `update_url` and `store_url` its SPARQL query,
    SPARQL update and Graph Store Protocol endpoints. With empty=True the store starts empty
    (nothing is loaded), e.g. for a graph to be pushed into a writable server.
    """

    def __init__(
        self,
        port: int = DEFAULT_PORT,
        host: str = DEFAULT_HOST,
        *,
        writable: bool = False,
        paths: Sequence[Path | str] | None = None,
        ontology: Sequence[Path | str] | None = None,
        empty: bool = False,
        ready_timeout: float = READY_TIMEOUT,
    ) -> None:
        self.port = port
        self.host = host
        self.writable = writable
        self.paths = paths
        self.ontology = ontology
        self.empty = empty
        self.ready_timeout = ready_timeout
        self.url = f"http://{_url_host(host)}:{port}/"
        self.directory: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.triples = 0
        self._log: IO[bytes] | None = None
        self._lock: int | None = None  # the store's lock file, held while the server lives

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return self.url + "query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (refused when the server is read-only)."""
        return self.url + "update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint."""
        return self.url + "store"

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> Server:
        """Load the graph into a new temporary store, start the server, wait until it answers."""
        if self.process is not None:
            raise ServeError(f"the server at {self.url} is already running")
        check_port(self.host, self.port)
        executable = oxigraph_executable()
        remove_stale_stores()
        self.directory = Path(tempfile.mkdtemp(prefix=f"{STORE_PREFIX}{os.getpid()}-"))
        try:
            self._lock = _hold_lock(self.directory / "lock")
            location = self._load(executable)
            self._log = (self.directory / "server.log").open("wb")
            mode = "serve" if self.writable else "serve-read-only"
            bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
            self.process = _spawn(
                [executable, mode, "--location", str(location), "--bind", bind, *UNION],
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                # Its own session: Ctrl-C reaches govgraph, which then stops the server itself.
                start_new_session=True,
                preexec_fn=_die_with_parent(),
                pass_fds=self._lock_fds(),  # the store stays locked while the server lives
            )
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _load(self, executable: str) -> Path:
        """Write the graph as N-Quads and load it with `oxigraph load`; return the store path."""
        assert self.directory is not None
        dataset = (
            pyoxigraph.Dataset() if self.empty else load_dataset(self.paths, ontology=self.ontology)
        )
        body, self.triples = serialize(dataset, "nq")
        quads = self.directory / "graph.nq"
        quads.write_bytes(body)
        location = self.directory / "store"
        done = subprocess.run(
            [executable, "load", "--location", str(location), "--file", str(quads)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            preexec_fn=_die_with_parent(),
            pass_fds=self._lock_fds(),
        )
        quads.unlink()
        if done.returncode != 0:
            raise ServeError(f"oxigraph could not load the graph: {_first_line(done.stderr)}")
        return location

    def _wait_ready(self) -> None:
        """Poll the query page (bounded) until the server answers."""
        assert self.process is not None
        deadline = time.monotonic() + self.ready_timeout
        while True:
            if self.process.poll() is not None:
                raise ServeError(f"the oxigraph server stopped: {self.last_log_line()}")
            try:
                with urllib.request.urlopen(self.url, timeout=1) as response:
                    response.read()
                    # Not some other program that took the port since check_port looked.
                    if response.headers.get("Server", "").startswith("Oxigraph"):
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise ServeError(
                    f"the oxigraph server did not answer at {self.url} "
                    f"within {self.ready_timeout:g} s"
                )
            time.sleep(0.05)

    def _lock_fds(self) -> tuple[int, ...]:
        """The lock file's descriptor, for the children to hold too."""
        return () if self._lock is None else (self._lock,)

    def running(self) -> bool:
        """Whether the server process is alive."""
        return self.process is not None and self.process.poll() is None

    def last_log_line(self) -> str:
        """The server's last line of output (why it stopped), or a placeholder."""
        if self.directory is None or not (self.directory / "server.log").is_file():
            return "no output"
        return _first_line((self.directory / "server.log").read_bytes(), last=True)

    def stop(self) -> None:
        """Stop the server (terminate, then kill after STOP_TIMEOUT) and remove its store."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_TIMEOUT)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def remove_stale_stores(directory: Path | str | None = None) -> list[Path]:
    """Remove the stores that servers of dead govgraph processes left in the temporary
    directory (e.g. after `kill -9`); return them.

    Only our own directories (govgraph-serve-PID-..., owned by this user, not links) go, and
    only when process PID is gone and nothing holds the store's lock: a process of another
    PID namespace, or an oxigraph child still serving, keeps it.
    """
    folder = Path(directory if directory is not None else tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _STORE_NAME.match(entry.name)
        try:
            mine = entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == os.getuid()
        except OSError:
            continue
        if not (match and mine) or _alive(int(match[1])) or _locked(Path(entry.path, "lock")):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether process pid exists (a zombie counts until it is reaped)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, ValueError):
        return False  # no process has such a number
    return True


def _hold_lock(path: Path) -> int | None:
    """Create and lock a store's lock file; return its descriptor (the lock lives with it).

    None where the file system cannot lock: then the PID in the name alone tells.
    """
    try:
        import fcntl

        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except (ImportError, OSError):
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def _locked(path: Path) -> bool:
    """Whether a live process holds a store's lock file (one that cannot be opened counts)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # and with it the lock just taken
    return False


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn that has Linux kill the child when govgraph dies, even by SIGKILL.

    None where there is no prctl(PR_SET_PDEATHSIG). The signal comes when the *thread* that
    started the child ends: see _spawn.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl: Any = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # govgraph died before prctl: no signal will come
            os._exit(1)

    return die_with_parent


def _spawn(args: list[str], **options: Any) -> subprocess.Popen[bytes]:
    """Start a long-lived child from a thread that lives as long as govgraph does.

    The parent-death signal follows the thread that started the child: a server started from
    a short-lived thread would die with that thread, so those start theirs from another one.
    """
    if threading.current_thread() is threading.main_thread():
        return subprocess.Popen(args, **options)
    process: subprocess.Popen[bytes] = _spawner().submit(subprocess.Popen, args, **options).result()
    return process


@functools.cache
def _spawner() -> Any:
    """One thread that starts children and lives until the interpreter shuts down."""
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(1, thread_name_prefix="govgraph-spawn")


def _first_line(output: bytes, *, last: bool = False) -> str:
    """The first (or last) non-empty line of a program's output, without backtraces."""
    text = output.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.split("Stack backtrace:")[0].splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "no output"
    line = lines[-1] if last else lines[0]
    return line.removeprefix("Error: ")


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into stop.set() while inside (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)]
    previous = {number: signal.signal(number, lambda *_: stop.set()) for number in wanted if number}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def serve(
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    writable: bool = False,
    paths: Sequence[Path | str] | None = None,
    *,
    ontology: Sequence[Path | str] | None = None,
    echo: Callable[[str], None] | None = None,
) -> None:
    """Serve the graph with Oxigraph until Ctrl-C or SIGTERM, then stop it and remove its store."""
    say = echo or (lambda line: print(line, flush=True))
    stop = threading.Event()
    # Signals are caught before the server starts, so that one during loading still cleans up.
    with (
        _stop_on_signals(stop),
        Server(port, host, writable=writable, paths=paths, ontology=ontology) as server,
    ):
        mode = "read-write" if writable else "read-only"
        say(
            f"Oxigraph serves {server.triples} triples ({mode}) at {server.url}: "
            f"SPARQL endpoint {server.query_url}; press Ctrl-C to stop"
        )
        while not stop.wait(0.2):
            if not server.running():
                raise ServeError(f"the oxigraph server stopped: {server.last_log_line()}")
