"""Build a directory aside, swap it into place whole; clean up after signals and dead builds."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from govgraph.errors import PublishError
from govgraph.files import replace_directory
from govgraph.publish.terms import GENERATOR


# A build directory is named after the site and the process that builds it, so that a later
# run can tell the leftovers of a process that died (SIGKILL, power loss) from a running build.
def _temporary_prefix(target: Path, kind: str = "new") -> str:
    return f".{target.name}.{kind}-{os.getpid()}-"


def _remove_stale(target: Path) -> None:
    """Remove the build directories beside target left by publish processes that are gone.

    A previous site moved aside (.old-) is removed only when target exists: had the process
    died between its two renames, that would be the only copy of the site.
    """
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(new|old)-(\d+)-[^/]+$")
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        found = pattern.match(path.name)
        if not found or not path.is_dir() or path.is_symlink():
            continue
        if found.group(1) == "old" and not target.is_dir():
            continue
        if not _process_is_gone(int(found.group(2))):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _process_is_gone(pid: int) -> bool:
    """True when no process has this id (one of another user's counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False
    return False


class _Terminated(BaseException):
    """A termination signal arrived during a build: unwind (removing the build), then die."""


@contextlib.contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """While building, SIGTERM and SIGHUP unwind like Ctrl-C (so the temporary directory goes),
    then the signal is sent again with the handler the program had, which usually ends it."""
    names = ("SIGTERM", "SIGHUP")
    signals = [getattr(signal, name) for name in names if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    received: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if not received:  # a second signal must not interrupt the cleanup
            received.append(signum)
            raise _Terminated(signum)

    previous: dict[int, Any] = {}
    for number in signals:
        current = signal.getsignal(number)
        if current is signal.SIG_IGN or current is None:
            continue  # ignored (nohup) or set outside Python: leave it alone
        previous[number] = signal.signal(number, handler)
    try:
        yield
    except _Terminated:
        pass
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
    if received:
        os.kill(os.getpid(), received[0])  # the program's own handler, or the default: exit
        raise SystemExit(128 + received[0])  # the program's handler returned


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a directory that is empty or a site publish() wrote."""
    if not target.exists():
        return
    if not target.is_dir():
        raise PublishError(f"{target} exists and is not a directory")
    if not any(target.iterdir()):
        return
    index = target / "index.html"
    try:
        head = index.read_text("utf-8", errors="replace")[:2000] if index.is_file() else ""
    except OSError:
        head = ""
    if f'name="generator" content="{GENERATOR}"' not in head:
        raise PublishError(
            f"refusing to replace {target}: it is not a site written by govgraph publish "
            "(choose an empty or new directory)"
        )


def _swap(new: Path, target: Path) -> None:
    """Put the directory new at target; an old target goes away only once new is in place."""
    replace_directory(new, target, _temporary_prefix(target, "old"))
