"""The caller's side of the resident: hand over the command, forward signals, take its status."""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import socket
import sys
from types import FrameType

from govgraph.resident import LIMITS, address

# A message from the resident: one kind byte and a signed 32-bit big-endian number.
# P: the command runs in the child of this pid; X: it exited with this status; K: a signal
# killed it; S: not taken (another identity, the resident's files changed, or it stops).
MESSAGE = 5
_CRED = 12  # bytes of struct ucred: pid, uid, gid (native ints)
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def same_user(sock: socket.socket) -> bool:
    """Whether the process at the other end of a Unix socket runs as this user."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED)
    return int.from_bytes(creds[4:8], sys.byteorder, signed=True) == os.getuid()


def read_message(sock: socket.socket) -> tuple[bytes, int]:
    """The resident's next message; (b"", 0) when it hung up."""
    data = b""
    while len(data) < MESSAGE:
        chunk = sock.recv(MESSAGE - len(data))
        if not chunk:
            return b"", 0
        data += chunk
    return data[:1], int.from_bytes(data[1:], "big", signed=True)


def request(ident: str, args: list[str], op: str = "run") -> bytes:
    """The request for one command: who asks, and the process state the child takes on."""
    import resource

    umask = os.umask(0o22)
    os.umask(umask)
    limits = {name: resource.getrlimit(getattr(resource, name))[0] for name in LIMITS}
    state = {
        "op": op,
        "ident": ident,
        "argv": ["govgraph", *args],
        "cwd": os.getcwd() if op == "run" else "/",  # noqa: PTH109 - pathlib costs 5 ms here
        "env": dict(os.environ),
        "umask": umask,
        "limits": limits,
    }
    body = marshal.dumps(state)
    return len(body).to_bytes(4, "big") + body


def connect(ident: str) -> socket.socket | None:
    """A connection to the resident of this identity, or None (none listens, another user's)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(address(ident))
        if same_user(sock):
            return sock
    except OSError:
        pass
    sock.close()
    return None


def run(ident: str, args: list[str]) -> int | None:
    """The exit status of the command run by the resident's child; None when no resident took
    it (run it here then: it has not started)."""
    sock = connect(ident)
    if sock is None:
        return None
    with sock:
        try:
            message = request(ident, args)
            socket.send_fds(sock, [message[:4]], [0, 1, 2])  # the standard streams themselves
            sock.sendall(message[4:])
            kind, pid = read_message(sock)
        except OSError:  # e.g. a closed standard stream, a cwd removed: here it says why
            return None
        if kind != b"P":
            return None
        return _wait(sock, pid)


def _wait(sock: socket.socket, pid: int) -> int:
    """Forward signals to the child pid until the resident says how it ended; its status."""

    def forward(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)

    def suspend(signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: stop the child, then this process; on `fg`, let the child go on."""
        forward(signal.SIGSTOP, frame)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stopped here until continued
        signal.signal(signal.SIGTSTP, suspend)
        forward(signal.SIGCONT, frame)

    for signum in FORWARDED:
        signal.signal(signum, forward)
    signal.signal(signal.SIGTSTP, suspend)
    kind, value = read_message(sock)
    for signum in (*FORWARDED, signal.SIGTSTP):
        signal.signal(signum, signal.SIG_DFL)
    if kind == b"X":
        return value
    if kind == b"K":  # die of the same signal, as the command would have here
        os.kill(os.getpid(), value)
        return 128 + value
    print("govgraph: the resident process ended before the command did", file=sys.stderr)
    return 1


def stop(ident: str) -> bool:
    """Ask the resident of this identity to exit once its commands have ended; whether one
    listened."""
    sock = connect(ident)
    if sock is None:
        return False
    with sock:
        message = request(ident, [], op="stop")
        socket.send_fds(sock, [message[:4]], [0, 1, 2])
        sock.sendall(message[4:])
        read_message(sock)
    return True
