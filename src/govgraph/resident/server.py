"""The resident govgraph (see govgraph.resident): import the command line once, then fork a
child for each command a caller hands over, in the caller's place.

One process per identity (the abstract socket name is taken first: a second one exits), single
threaded until it forks, so that its children may start threads and processes of their own. It
answers callers of the same user only, and refuses (S) a caller of another identity or any
request once a file of its loaded modules has changed: the caller then runs the command itself
and starts a fresh resident.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import io
import marshal
import os
import select
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from govgraph.resident import RESIDENT_IDLE, address, identity
from govgraph.resident.client import same_user

REQUEST_TIMEOUT = 5.0  # seconds a caller may take to hand over its request
MAX_REQUEST = 16 << 20  # bytes: a request is the arguments and the environment
KEEP_SINCE = 60.0  # seconds: at start, the entries used this recently are kept in memory
# Modules every command family needs; each family's own module is imported too (COMMANDS).
PRELOAD = (
    "govgraph.cli.common",
    "govgraph.store.cache",
    "govgraph.store.oxigraph",
    "govgraph.store.image",
    "govgraph.queries",
    "govgraph.resolve",
    "govgraph.output",
    # The views' libraries (~0.3 s to import): none starts a thread, which a fork would lose.
    "govgraph.network.views",
    "govgraph.network.analyze",
    "govgraph.render.page",
    "govgraph.render.layout",
    "networkx",
    "igraph",
)


def idle_seconds() -> float:
    """$GOVGRAPH_RESIDENT_IDLE, else RESIDENT_IDLE: how long the resident waits for a command."""
    try:
        return max(0.0, float(os.environ.get("GOVGRAPH_RESIDENT_IDLE", RESIDENT_IDLE)))
    except ValueError:
        return RESIDENT_IDLE


def preload() -> None:
    """Import the command line and the modules its commands run on (no threads started)."""
    from govgraph.cli import COMMANDS

    for name in (*PRELOAD, *sorted({f"govgraph.cli.{m}" for m, _ in COMMANDS.values()})):
        with contextlib.suppress(ImportError):  # the command that needs it will say so
            importlib.import_module(name)


def module_files() -> dict[str, tuple[int, int]]:
    """What tells that the loaded code has changed: the stamp (modification time, size) of the
    file of each govgraph module, and of the folder of every other module's file (installing,
    upgrading or removing a package adds or removes files there: 60 folders cost 0.4 ms where
    their 600 files cost 1.6 ms a command)."""
    import govgraph

    own = str(Path(govgraph.__file__).parent)
    paths = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str):
            paths.add(path if path.startswith(own) else str(Path(path).parent))
    files = {}
    for path in sorted(paths):
        with contextlib.suppress(OSError):
            st = os.stat(path)  # noqa: PTH116 - a Path for each costs as much as the stat
            files[path] = (st.st_mtime_ns, st.st_size)
    return files


def changed(files: dict[str, tuple[int, int]]) -> bool:
    """Whether a file or folder of module_files has changed or gone since files was taken."""
    for path, seen in files.items():
        try:
            st = os.stat(path)  # noqa: PTH116
        except OSError:
            return True
        if (st.st_mtime_ns, st.st_size) != seen:
            return True
    return False


def read_request(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """A caller's request and the descriptors of its standard streams (ValueError: malformed)."""
    conn.settimeout(REQUEST_TIMEOUT)
    header, fds, _flags, _addr = socket.recv_fds(conn, 4, 3)
    try:
        while 0 < len(header) < 4:
            header += conn.recv(4 - len(header))
        size = int.from_bytes(header, "big")
        if len(header) != 4 or size > MAX_REQUEST or len(fds) != 3:
            raise ValueError("a malformed request")
        body = bytearray()
        while len(body) < size:
            chunk = conn.recv(min(size - len(body), 1 << 20))
            if not chunk:
                raise ValueError("a request cut short")
            body += chunk
        request = marshal.loads(bytes(body))
        if not isinstance(request, dict):
            raise ValueError("a malformed request")
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return request, fds


class Resident:
    """The listening resident: its socket, its children and their callers."""

    def __init__(self, listener: socket.socket, ident: str) -> None:
        self.listener: socket.socket | None = listener
        self.ident = ident
        self.files = module_files()
        self.children: dict[int, socket.socket] = {}
        self.done = False  # a child has ended since the last keep
        self.kept_at = 0.0
        self.wake_r, wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)  # wakes select up

    def serve(self) -> None:
        """Run callers' commands until idle, stale or asked to stop; then wait for the last."""
        idle = idle_seconds()
        last = time.monotonic()
        while self.listener is not None or self.children:
            waiting = [self.wake_r] + ([self.listener] if self.listener is not None else [])
            timeout = None if self.children else max(0.0, idle - (time.monotonic() - last))
            ready = select.select(waiting, [], [], timeout)[0]
            if self.wake_r in ready:
                with contextlib.suppress(OSError):
                    os.read(self.wake_r, 4096)
            self.reap()
            if self.done and not self.children:  # the callers have their answers: now keep
                self.keep(self.kept_at)  # the entries they used, for the next commands
            if self.listener is not None and self.listener in ready:
                with contextlib.suppress(OSError):
                    conn, _ = self.listener.accept()
                    self.handle(conn)
                last = time.monotonic()
            elif not ready and not self.children:
                self.close()  # idle

    def keep(self, since: float) -> None:
        """Keep in memory the stores of the cache entries used since then (small ones)."""
        from govgraph.store import cache

        self.done, self.kept_at = False, time.time() - 1.0  # (coarse file times)
        with contextlib.suppress(OSError):
            cache.keep_recent(since)

    def close(self) -> None:
        """Stop listening (a new resident may take the name); running children go on."""
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def handle(self, conn: socket.socket) -> None:
        """Take one caller's request: refuse it, or fork the child that runs its command."""
        try:
            if not same_user(conn):
                conn.close()
                return
            request, fds = read_request(conn)
        except (OSError, ValueError, EOFError, TypeError):
            conn.close()
            return
        if request.get("op") != "run" or changed(self.files):
            self.close()  # asked to stop, or stale: no more commands here
        if self.listener is None or request.get("ident") != self.ident:
            for fd in fds:
                os.close(fd)
            with contextlib.suppress(OSError):
                conn.sendall(b"S" + bytes(4))
            conn.close()
            return
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (covered through the tests' processes)
            self._child(conn, fds, request)
        for fd in fds:
            os.close(fd)
        with contextlib.suppress(OSError):  # the caller has gone: its child notices and ends
            conn.sendall(b"P" + pid.to_bytes(4, "big", signed=True))
        self.children[pid] = conn

    def reap(self) -> None:
        """Tell the callers of the children that have ended how they ended."""
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.children.pop(pid, None)
            if conn is None:
                continue
            self.done = True
            if os.WIFSIGNALED(status):
                message = b"K" + os.WTERMSIG(status).to_bytes(4, "big", signed=True)
            else:
                message = b"X" + os.waitstatus_to_exitcode(status).to_bytes(4, "big", signed=True)
            with contextlib.suppress(OSError):
                conn.sendall(message)
            conn.close()

    def _child(self, conn: socket.socket, fds: list[int], request: dict[str, Any]) -> None:
        """In the child: become the caller's process (streams, cwd, environment, umask, limits,
        arguments), run the command, exit with its status."""
        status = 1
        try:
            if self.listener is not None:
                self.listener.close()
            for other in self.children.values():
                other.close()
            signal.set_wakeup_fd(-1)
            os.close(self.wake_r)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            become(request, fds)
            watch(conn)
            status = run_command()
        except BaseException:
            with contextlib.suppress(BaseException):
                traceback.print_exc()
        finally:
            os._exit(status)


def become(request: dict[str, Any], fds: list[int]) -> None:
    """Take on the caller's standard streams and process state."""
    import resource

    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    _streams()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(int(request["umask"]))
    for name, soft in dict(request["limits"]).items():
        number = getattr(resource, name)
        hard = resource.getrlimit(number)[1]
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(
                number, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard)
            )
    sys.argv = [str(a) for a in request["argv"]]


def _streams() -> None:
    """New sys.stdin, stdout and stderr on descriptors 0-2, made as Python makes them."""
    old = (sys.stdin, sys.stdout, sys.stderr)
    encoding = [getattr(s, "encoding", None) or "utf-8" for s in old]
    errors = [getattr(s, "errors", None) or "strict" for s in old]
    streams = []
    for fd in (0, 1, 2):
        raw = io.FileIO(fd, "r" if fd == 0 else "w", closefd=False)
        buffer = io.BufferedReader(raw) if fd == 0 else io.BufferedWriter(raw)
        line = fd == 2 or (fd == 1 and raw.isatty())
        streams.append(io.TextIOWrapper(buffer, encoding[fd], errors[fd], line_buffering=line))
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams  # type: ignore[misc]


def watch(conn: socket.socket) -> None:
    """Kill this process once the caller has gone (it sends nothing more; it hangs up when it
    dies), as a command killed with its process would end."""

    def watcher() -> None:
        with contextlib.suppress(OSError):
            while conn.recv(1):
                pass
        os.kill(os.getpid(), signal.SIGKILL)

    conn.settimeout(None)
    threading.Thread(target=watcher, daemon=True).start()


def run_command() -> int:
    """Run the command line as the script would; its exit status."""
    from govgraph.cli import main

    status = 0
    try:
        main()
    except SystemExit as exc:
        if exc.code is None:
            status = 0
        elif isinstance(exc.code, int):
            status = exc.code & 0xFF
        else:
            print(exc.code, file=sys.stderr)
            status = 1
    except KeyboardInterrupt:
        traceback.print_exc()
        status = 128 + signal.SIGINT
    except BaseException:
        traceback.print_exc()
        status = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        status = 120  # as Python exits when it cannot flush stdout
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    return status


def main() -> None:
    """Listen as the resident of this process's identity (or exit: another one listens)."""
    ident = identity()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address(ident))
    except OSError:
        return
    listener.listen(64)
    os.chdir("/")  # keep no caller's folder busy
    preload()
    resident = Resident(listener, ident)
    resident.keep(time.time() - KEEP_SINCE)  # the entry of the command that started it
    resident.serve()


if __name__ == "__main__":
    main()
