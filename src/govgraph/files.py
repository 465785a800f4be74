"""The one place govgraph writes a file a user named: whole or not at all, never over a non-file.

Every command that writes (export, export-network, viz and its pictures, bench generate) goes
through open_output() or write_output(), which behave as `cp` and a shell redirect do:

- a regular file, or a new path, is written to a temporary file beside it, flushed to disk and
  renamed over it (an existing file keeps its permissions); a failure removes the temporary
  file and leaves the previous file as it was;
- a symbolic link is followed, and its target written as above (the link stays a link);
- a FIFO, a character device or ``-`` (standard output) is written as a stream: it is never
  renamed over, truncated or unlinked;
- a directory, a missing parent directory or a parent that is not a directory is refused
  before anything is written (nothing is created).

A directory of files (`workbook import`, a CSV folder) is built aside with output_directory()
and swapped into place whole: a failure leaves the previous directory as it was.

Every failure is one sentence naming the file, raised as the caller's GovgraphError subclass.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from govgraph.errors import GovgraphError

STDOUT = "-"  # the path that means standard output


class _Plan(NamedTuple):
    """How a path is written: 'stdout', 'stream' (FIFO, device) or 'replace' (a regular file)."""

    how: str
    shown: str  # the path as the user gave it, for messages
    target: Path  # where the bytes go: the path with every symbolic link resolved
    mode: int | None  # permissions (and owner) to keep, for an existing regular file
    owner: tuple[int, int] | None


def shown(path: str | os.PathLike[str]) -> str:
    """The path as messages name it ('standard output' for '-')."""
    text = os.fspath(path)
    return "standard output" if text == STDOUT else text


def check_output(path: str | os.PathLike[str], error: type[GovgraphError] = GovgraphError) -> None:
    """Raise error (one sentence) when path could not be written; write and create nothing.

    For a check before long work (loading, rendering, starting a browser): the write itself
    checks again.
    """
    _plan(path, error)


def check_parent(path: str | os.PathLike[str], error: type[GovgraphError] = GovgraphError) -> None:
    """Raise error unless path's parent directory exists (missing: refused, never created)."""
    text = os.fspath(path)
    _check_parent(text, Path(text).parent, error)


def _plan(path: str | os.PathLike[str], error: type[GovgraphError]) -> _Plan:
    """Decide how to write path, or raise error saying why it cannot be written."""
    text = os.fspath(path)
    if text == STDOUT:
        return _Plan("stdout", shown(text), Path(STDOUT), None, None)
    if not text or text.endswith(("/", os.sep)) or Path(text).name in ("", ".", ".."):
        raise error(f"cannot write {text!r}: give a file name")
    # A link is followed (as a shell redirect does): the target is written, the link stays.
    target = Path(os.path.realpath(text))
    # The parent as the user knows it; after a link, the parent of what it points to.
    parent = target.parent if Path(text).is_symlink() else Path(text).parent
    try:
        info = target.stat()
    except FileNotFoundError:
        _check_parent(text, parent, error)
        _check_writable(text, target.parent, error)
        return _Plan("replace", text, target, None, None)
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:
            _check_parent(text, parent, error)
        raise error(f"cannot write {text}: {_reason(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"cannot write {text}: it is a directory")
    if stat.S_ISREG(info.st_mode):
        _check_writable(text, target.parent, error)
        return _Plan(
            "replace", text, target, stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)
        )
    return _Plan("stream", text, target, None, None)  # FIFO, device, socket: never replaced


def _check_parent(text: str, folder: Path, error: type[GovgraphError]) -> None:
    """Refuse a missing parent directory, or one of its ancestors that is not a directory."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        raise error(f"cannot write {text}: the directory {folder} does not exist") from None
    except OSError as exc:
        if exc.errno != errno.ENOTDIR:
            raise error(f"cannot write {text}: {_reason(exc)}") from None
    else:
        if stat.S_ISDIR(info.st_mode):
            return
    # Something on the way is a file: name the nearest one.
    for ancestor in (folder, *folder.parents):
        if os.path.lexists(ancestor) and not ancestor.is_dir():
            raise error(f"cannot write {text}: {ancestor} is not a directory")
    raise error(f"cannot write {text}: {folder} is not a directory")


def _check_writable(text: str, folder: Path, error: type[GovgraphError]) -> None:
    """Refuse early a directory where no temporary file can be made (read-only, no permission)."""
    if os.access(folder, os.W_OK | os.X_OK):
        return
    try:
        readonly = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        readonly = False
    reason = os.strerror(errno.EROFS if readonly else errno.EACCES)
    raise error(f"cannot write {text}: {reason}")


def _reason(exc: OSError) -> str:
    """The system's words for an error ('No space left on device')."""
    return exc.strerror or str(exc)


@contextlib.contextmanager
def open_output(
    path: str | os.PathLike[str], error: type[GovgraphError] = GovgraphError
) -> Iterator[IO[bytes]]:
    """Yield a binary stream that writes path as the module docstring says; raise error on failure.

    The bytes reach a regular file only when the block ends without an exception; a failure
    (no space, read-only file system, no permission) removes the temporary file, leaves an
    existing file as it was and raises error with one sentence naming the file.
    """
    plan = _plan(path, error)
    if plan.how == "stdout":
        with _translated(plan, error):
            sys.stdout.flush()  # text already printed comes first
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
    elif plan.how == "stream":
        with _translated(plan, error):
            # No O_CREAT, no O_TRUNC: the node is written into, never made or emptied.
            descriptor = os.open(plan.target, os.O_WRONLY | os.O_CLOEXEC)
            stream: IO[bytes] = os.fdopen(descriptor, "wb")
            try:
                yield stream
                stream.flush()
            finally:
                _close(stream)
    else:
        with _replacing(plan, error) as replacing:
            yield replacing


@contextlib.contextmanager
def _translated(plan: _Plan, error: type[GovgraphError]) -> Iterator[None]:
    """Turn an OSError into error, one sentence naming the file."""
    try:
        yield
    except OSError as exc:
        where = plan.shown if plan.how != "stdout" else "to standard output"
        raise error(f"cannot write {where}: {_reason(exc)}") from None


@contextlib.contextmanager
def _replacing(plan: _Plan, error: type[GovgraphError]) -> Iterator[IO[bytes]]:
    """A temporary file beside the target, renamed over it once written and synced."""
    import tempfile  # not at the top: it costs a few ms, and most commands write nothing

    target = plan.target
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise error(f"cannot write {plan.shown}: {_reason(exc)}") from None
    temporary = Path(name)
    stream = os.fdopen(handle, "wb")
    try:
        try:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        finally:
            _close(stream)
        # mkstemp creates 0600: keep the owner and mode of the file replaced, else the usual.
        # (chown first: it clears set-id bits that chmod then restores.)
        if plan.owner is not None and plan.owner != (os.geteuid(), os.getegid()):
            with contextlib.suppress(OSError):
                os.chown(temporary, *plan.owner)
        temporary.chmod(plan.mode if plan.mode is not None else 0o666 & ~umask())
        os.replace(temporary, target)  # noqa: PTH105 - tests make os.replace fail
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise error(f"cannot write {plan.shown}: {_reason(exc)}") from None
        raise
    _sync_directory(target.parent)


def _close(stream: IO[bytes]) -> None:
    """Close a stream; after a failed flush, closing fails again (the descriptor still closes)."""
    with contextlib.suppress(OSError):
        stream.close()


def _sync_directory(folder: Path) -> None:
    """Flush the directory entry of a rename to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_output(
    path: str | os.PathLike[str], data: bytes, error: type[GovgraphError] = GovgraphError
) -> Path:
    """Write data to path through open_output(); return the path as given."""
    with open_output(path, error) as stream:
        stream.write(data)
    return Path(path)


def write_atomically(
    path: str | os.PathLike[str], data: bytes, error: type[GovgraphError] = GovgraphError
) -> Path:
    """Write data to path whole or not at all (the same as write_output)."""
    return write_output(path, data, error)


def umask() -> int:
    """Return the process umask (reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_directory(new: Path, target: Path, old_prefix: str) -> None:
    """Put the directory new at target; an old target goes away only once new is in place.

    One atomic exchange where Linux offers it (renameat2), else two renames: the old target is
    moved aside under a name starting with old_prefix, and put back if the second one fails.
    """
    import shutil
    import tempfile

    if not target.exists():
        os.rename(new, target)  # noqa: PTH104 - tests make os.rename fail
        return
    if _exchange(new, target):  # target now holds the new directory, new the old one
        shutil.rmtree(new, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=old_prefix))
    old.rmdir()
    os.rename(target, old)  # noqa: PTH104
    try:
        os.rename(new, target)  # noqa: PTH104
    except BaseException:
        os.rename(old, target)  # noqa: PTH104 - put the previous directory back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


@contextlib.contextmanager
def output_directory(
    path: str | os.PathLike[str], error: type[GovgraphError] = GovgraphError, *, force: bool = False
) -> Iterator[Path]:
    """Yield a new empty directory beside path that takes path's place whole when the block ends.

    A block that raises leaves path as it was (the new directory is removed). path may be new,
    an empty directory, or (with force) a directory with files, which is replaced only once
    the new one is in place; a link to a directory is followed. Anything else (a file, a
    missing parent) is refused before anything is made.
    """
    import shutil
    import tempfile

    target = check_directory(path, error, force=force)
    try:
        building = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
        building.chmod(0o777 & ~umask())  # mkdtemp makes it 0700
    except OSError as exc:
        raise error(f"cannot write {shown(path)}: {_reason(exc)}") from None
    try:
        yield building
        _sync_directory(building)
        replace_directory(building, target, f".{target.name}.old-")
        _sync_directory(target.parent)
    except BaseException as exc:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(exc, OSError):
            raise error(f"cannot write {shown(path)}: {_reason(exc)}") from None
        raise


def check_directory(
    path: str | os.PathLike[str], error: type[GovgraphError] = GovgraphError, *, force: bool = False
) -> Path:
    """Return where output_directory(path) would write, or raise error saying why it cannot."""
    text = os.fspath(path)
    if not text or text == STDOUT:
        raise error(f"cannot write {text!r}: give a directory")
    target = Path(os.path.realpath(text)) if Path(text).is_symlink() else Path(text).absolute()
    _check_parent(text, target.parent, error)
    if os.path.lexists(target):
        if not target.is_dir():
            raise error(f"cannot write {text}: it exists and is not a directory")
        if not force and any(target.iterdir()):
            raise error(f"refusing to replace {text}: it is not empty (use --force)")
    _check_writable(text, target.parent, error)
    return target
