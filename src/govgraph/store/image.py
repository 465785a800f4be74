"""A memory image of a large graph: the first run's in-memory store, kept by a child process.

Building the on-disk cache of a large graph costs 2-4x loading it into memory (RocksDB writes
six indexes), so the first run on a large graph (IMAGE_BYTES of files or more) loads it into
memory and answers from there, after forking a child that keeps that store (shared with the
parent, copy-on-write, so the fork costs milliseconds), answers other runs' queries from it over
a Unix socket, and builds the cache entry meanwhile. Runs that start while it lives ask it (the
speed of memory, nothing to open); once the entry is in place and nobody has asked for
IMAGE_IDLE seconds, the child exits, and later runs open the entry on disk.

The socket is in Linux's abstract namespace (no path-length limit; after kill -9 nobody
listens), named after the cache directory and the key, and both ends check with SO_PEERCRED
that the other runs as the same user. A marker file beside the entry (.KEY.image) says an image
may be listening, so that other runs import the socket module (8 ms) only then. Elsewhere than
Linux there is no image: the first run builds the entry, as small graphs always do.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

if TYPE_CHECKING:
    import socket
    import threading

IMAGE_BYTES = 64 << 20  # input files from which the first run keeps an image (~250k triples)
# From this size an entry opened on disk is loaded into an image in the background (warm): at
# 10M triples listing queries ran 20-40x slower on disk than in memory, at 1M 4x.
WARM_TRIPLES = 5_000_000
IMAGE_IDLE = 120.0  # seconds an image waits for another question once the entry is built
READY_TIMEOUT = 10.0  # seconds the first run waits for its child to listen
_REQUEST_TIMEOUT = 30.0  # seconds a client may take to send its question
_HEADER = 4  # bytes of the request's length, big-endian
_CRED = 12  # bytes of struct ucred: pid, uid, gid (native ints)


def supported() -> bool:
    """Whether images can be kept here: Linux (abstract sockets, SO_PEERCRED) with fork."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def enabled() -> bool:
    """Whether to keep memory images: supported here, and GOVGRAPH_NO_IMAGE is not set."""
    return supported() and os.environ.get("GOVGRAPH_NO_IMAGE", "") in ("", "0")


def idle_seconds() -> float:
    """$GOVGRAPH_IMAGE_IDLE, else IMAGE_IDLE: how long an idle image waits after the build."""
    try:
        return max(0.0, float(os.environ.get("GOVGRAPH_IMAGE_IDLE", IMAGE_IDLE)))
    except ValueError:
        return IMAGE_IDLE


def marker(stores: Path, key: str) -> Path:
    """The file that says an image of key may be listening (see above)."""
    return stores / f".{key}.image"


def address(stores: Path, key: str) -> bytes:
    """The abstract socket name of the image of key under the cache folder stores."""
    from govgraph.store.keys import short_hash

    return b"\0govgraph-image-" + short_hash(f"{stores.absolute()}\n{key}").encode()


def _same_user(sock: socket.socket) -> bool:
    """Whether the process at the other end of a Unix socket runs as this user."""
    import socket

    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED)
    return int.from_bytes(creds[4:8], sys.byteorder, signed=True) == os.getuid()


class RemoteStore:
    """The store of a live image, asked over its socket: query and len, as a Store."""

    def __init__(self, name: bytes) -> None:
        self.name = name

    def _ask(self, request: dict[str, str]) -> tuple[bytes, bytes]:
        """Send one request; the answer's kind (one byte) and body."""
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(self.name)
            if not _same_user(sock):
                raise OSError("the graph's memory image runs as another user")
            body = json.dumps(request).encode()
            sock.sendall(len(body).to_bytes(_HEADER, "big") + body)
            sock.shutdown(socket.SHUT_WR)
            chunks = []
            while chunk := sock.recv(1 << 20):
                chunks.append(chunk)
        answer = b"".join(chunks)
        if not answer:
            raise OSError("the graph's memory image closed without answering")
        return answer[:1], answer[1:]

    def query(self, text: str) -> pyoxigraph.QuerySolutions | None:
        """The solutions of a query over the union of the graphs; None when it is no SELECT."""
        kind, body = self._ask({"op": "query", "text": text})
        if kind == b"S":
            solutions = pyoxigraph.parse_query_results(
                body, format=pyoxigraph.QueryResultsFormat.JSON
            )
            assert isinstance(solutions, pyoxigraph.QuerySolutions)
            return solutions
        if kind == b"N":
            return None
        message = body.decode("utf-8", "replace")
        raise SyntaxError(message) if kind == b"X" else RuntimeError(message)

    def stop(self) -> None:
        """Ask the image to exit now, its build unfinished; returns once it has exited."""
        self._ask({"op": "stop"})

    def __len__(self) -> int:
        kind, body = self._ask({"op": "len"})
        if kind != b"L":
            raise RuntimeError(body.decode("utf-8", "replace"))
        return int(body)


def connect(stores: Path, key: str) -> RemoteStore | None:
    """The live image of key, or None (no marker, none listening, or another user's)."""
    if not supported() or not marker(stores, key).exists():
        return None
    import socket

    name = address(stores, key)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(name)
            if not _same_user(sock):
                return None
            sock.sendall(bytes(_HEADER))  # an empty request: the image only hangs up
    except OSError:
        return None
    return RemoteStore(name)


def stop_all(stores: Path) -> int:
    """Ask every live image under the cache folder stores to exit; how many were asked."""
    asked = 0
    for flag in stores.glob(".*.image"):
        remote = connect(stores, flag.name[1 : -len(".image")])
        if remote is not None:
            with contextlib.suppress(OSError):
                remote.stop()
                asked += 1
    return asked


def _answer(store: pyoxigraph.Store, request: dict[str, str]) -> bytes:
    """The answer to one request: a kind byte, then the body."""
    if request.get("op") == "len":
        return b"L" + str(len(store)).encode()
    if request.get("op") == "stop":
        return b"K"
    try:
        result = store.query(request["text"], use_default_graph_as_union=True)
        if not isinstance(result, pyoxigraph.QuerySolutions):
            return b"N"
        return b"S" + (result.serialize(format=pyoxigraph.QueryResultsFormat.JSON) or b"")
    except SyntaxError as exc:
        return b"X" + str(exc.msg).encode()
    except (RuntimeError, ValueError, OSError, KeyError) as exc:
        return b"E" + str(exc).encode()


def _read_request(conn: socket.socket) -> dict[str, str] | None:
    """One client's request, or None for an empty one (a liveness check) or a bad one."""
    conn.settimeout(_REQUEST_TIMEOUT)
    data = b""
    while len(data) < _HEADER or len(data) < _HEADER + int.from_bytes(data[:_HEADER], "big"):
        chunk = conn.recv(1 << 16)
        if not chunk:
            return None
        data += chunk
    body = data[_HEADER:]
    if not body:
        return None
    request = json.loads(body)
    return request if isinstance(request, dict) else None


def _serve(
    listener: socket.socket, store: pyoxigraph.Store, built: threading.Event, flag: Path
) -> None:
    """Answer requests one at a time until the entry is built and nobody asked for a while,
    until asked to stop, or until the marker flag is removed (the cache cleared or deleted)."""
    idle = idle_seconds()
    last = time.monotonic()
    listener.settimeout(0.2)
    while not (built.is_set() and time.monotonic() - last >= idle) and flag.exists():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        except OSError:
            return
        with conn:
            try:
                if not _same_user(conn):
                    continue
                request = _read_request(conn)
                if request is None:
                    continue
                conn.settimeout(None)
                conn.sendall(_answer(store, request))
                last = time.monotonic()
                if request.get("op") == "stop":
                    conn.detach()  # closed when this process exits: the client waits for that
                    return
            except (OSError, ValueError):
                continue  # a client that went away or sent nonsense: the next one


def start(store: pyoxigraph.Store, stores: Path, key: str, build: Callable[[], None]) -> bool:
    """Fork a detached child that serves store as the image of key and runs build; True once
    it listens.

    False when no image could be started (the name is taken, or fork failed): the caller
    builds the entry itself. Called with the store loaded and nothing else running.
    """
    ready_r, ready_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(ready_r)
        os.close(ready_w)
        return False
    if pid == 0:  # pragma: no cover - runs in the child (covered through the tests' processes)
        status = 1
        try:
            os.close(ready_r)
            if os.fork():  # the grandchild is adopted by init: no zombie in a long-lived parent
                status = 0
                return False  # never reached: the finally exits
            _image(store, stores, key, build, ready_w)
            status = 0
        finally:
            os._exit(status)
    os.close(ready_w)
    import select

    try:
        os.waitpid(pid, 0)
        with os.fdopen(ready_r, "rb") as ready:
            deadline = time.monotonic() + READY_TIMEOUT
            while time.monotonic() < deadline:
                if select.select([ready], [], [], deadline - time.monotonic())[0]:
                    return ready.read(1) == b"1"
    except OSError:
        pass
    return False


def _listen(stores: Path, key: str) -> socket.socket | None:
    """The listening socket of the image of key, or None when the name is taken."""
    import socket

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address(stores, key))
        listener.listen(16)
    except OSError:
        listener.close()
        return None
    return listener


def _run(
    listener: socket.socket, store: pyoxigraph.Store, flag: Path, built: threading.Event
) -> None:
    """Serve store (see _serve), then remove the marker and stop listening."""
    try:
        _serve(listener, store, built, flag)
    finally:  # the marker first: a new image may take the name once the listener is closed
        flag.unlink(missing_ok=True)
        listener.close()


def _detach() -> None:
    """Leave the parent's session, terminal and pipes."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)


def _image(
    store: pyoxigraph.Store, stores: Path, key: str, build: Callable[[], None], ready: int
) -> None:
    """The child: detach, listen, say so on the pipe, build the entry, serve until done."""
    import threading

    _detach()
    flag = marker(stores, key)
    listener = _listen(stores, key)
    try:
        if listener is None:
            raise OSError("the name is taken")
        flag.write_bytes(b"")
    except OSError:
        os.write(ready, b"0")
        return
    os.write(ready, b"1")
    os.close(ready)
    built = threading.Event()

    def builder() -> None:
        with contextlib.suppress(Exception):  # a failed build: the next run builds again
            build()
        built.set()

    threading.Thread(target=builder, daemon=True).start()
    _run(listener, store, flag, built)


def warm(stores: Path, key: str, files: list[Path]) -> None:
    """Start a detached process that loads the files into memory and serves them as the image
    of key (an entry on disk is already there): later runs get the speed of memory."""
    import subprocess

    subprocess.Popen(
        [sys.executable, "-m", "govgraph.store.image", str(stores), key, *map(str, files)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _warm_main(stores: Path, key: str, files: list[Path]) -> None:
    """The process warm starts: take the name first (one loader at a time), load, check that
    the files are still those of key, then serve until idle."""
    import threading

    from govgraph.load import bulk_load
    from govgraph.store.keys import fingerprint

    os.nice(10)  # the loading yields to the user's commands
    listener = _listen(stores, key)
    if listener is None:
        return  # another image or loader has the name
    try:
        store = pyoxigraph.Store()
        bulk_load(store, files)
        if fingerprint(files) != key:
            return  # changed meanwhile: this is not the image of key
        flag = marker(stores, key)
        flag.write_bytes(b"")
    except Exception:  # a loader that fails leaves the runs on disk
        listener.close()
        return
    built = threading.Event()
    built.set()
    _run(listener, store, flag, built)


if __name__ == "__main__":  # python -m govgraph.store.image STORES KEY FILE...: see warm
    _warm_main(Path(sys.argv[1]), sys.argv[2], [Path(p) for p in sys.argv[3:]])
