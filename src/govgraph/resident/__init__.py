"""The `govgraph` script: run the command in a resident govgraph when one listens, else here.

Starting Python and importing click, pyoxigraph and govgraph's modules costs more than most
commands' own work on a small graph (about 60 of the 110 ms of `govgraph members COVAM`). So a
command run the ordinary way leaves behind a *resident* process (govgraph.resident.server) that
has imported them once; later commands of the same user, interpreter, installation and
environment hand it their arguments, working directory, environment variables, umask, resource
limits and standard streams (the file descriptors themselves, over a Unix socket), and it forks
a child that runs the command in their place; the child's exit status (or the signal that
killed it) becomes this process's. Signals this process gets (Ctrl-C) go on to the child, and a
child whose caller has gone (kill -9) kills itself.

This module is what the script imports first, so it imports little: the standard library's
socket layer, nothing of click, pyoxigraph or govgraph's command line unless the command runs
here. Not through the resident: `serve` and `bench` (long-lived or timing processes), anything
without a command (--help, --version), and everything when GOVGRAPH_NO_RESIDENT is set or the
platform is not Linux. The resident exits after RESIDENT_IDLE seconds without a command
($GOVGRAPH_RESIDENT_IDLE), when one of its modules' files changes, or when asked to stop.
"""

from __future__ import annotations

import os
import sys

RESIDENT_IDLE = 300.0  # seconds the resident waits for the next command
# Commands never run by the resident: servers and benchmarks keep their own process.
ORDINARY = frozenset({"serve", "bench"})
_GROUP_VALUES = ("--data", "--ontology")  # the group's options that take a value
_GROUP_FLAGS = ("--no-cache",)
# Limits of this process that the child takes on (lowering only: it cannot raise a hard one).
LIMITS = ("RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_CPU", "RLIMIT_NOFILE")
# What the resident must share with a caller: the same interpreter, installation, and the
# environment that Python and govgraph read when they start (see identity).
# (HOME: Python's user site-packages; GOVGRAPH_CACHE_DIR: one resident per cache, as tests want.)
_STARTUP_ENV = ("PYTHON", "LANG", "LC_", "HOME", "GOVGRAPH_CACHE_DIR")


def enabled() -> bool:
    """Whether commands may go through a resident: Linux, and GOVGRAPH_NO_RESIDENT unset."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and os.environ.get("GOVGRAPH_NO_RESIDENT", "") in ("", "0")
    )


def command_of(args: list[str]) -> str | None:
    """The command name in the script's arguments, after the group's options; None when there
    is none, or an option the group does not take before it (--help, --version, a typo)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GROUP_VALUES:
            i += 2
        elif arg.startswith(tuple(f"{o}=" for o in _GROUP_VALUES)) or arg in _GROUP_FLAGS:
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def identity() -> str:
    """What the resident and its caller must share: user, interpreter, installation, version
    and the start-up environment (Python's, the locale, where the cache is)."""
    from govgraph import __file__ as package
    from govgraph import __version__

    env = sorted((k, v) for k, v in os.environ.items() if k.startswith(_STARTUP_ENV))
    executable = os.path.realpath(sys.executable)  # python and python3 are one
    parts = [str(os.getuid()), executable, sys.prefix, package, __version__]
    return "\n".join([*parts, *(f"{k}={v}" for k, v in env)])


def address(ident: str) -> bytes:
    """The abstract Unix socket name of the resident of this identity."""
    import zlib

    checksum = zlib.crc32(ident.encode("utf-8", "surrogateescape"))
    return b"\0govgraph-resident-%d-%08x" % (os.getuid(), checksum)


def main() -> None:
    """Run the govgraph command line: in the resident when one answers, else in this process
    (which then starts a resident for the commands after it)."""
    args = sys.argv[1:]
    command = command_of(args)
    eligible = command is not None and command not in ORDINARY and enabled()
    if eligible:
        from govgraph.resident.client import run

        status = run(identity(), args)
        if status is not None:
            sys.exit(status)
    from govgraph.cli import main as ordinary

    try:
        ordinary()
    finally:
        if eligible:
            start()


def start() -> None:
    """Start a resident in the background (it exits at once when another one listens)."""
    import contextlib
    import subprocess

    with contextlib.suppress(OSError):  # no resident: commands keep running the ordinary way
        subprocess.Popen(
            [sys.executable, "-P", "-m", "govgraph.resident.server"],  # -P: not the cwd
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
