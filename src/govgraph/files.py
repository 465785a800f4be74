"""Files written whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from govgraph.errors import GovgraphError


def write_atomically(
    path: str | os.PathLike[str], data: bytes, error: type[GovgraphError] = GovgraphError
) -> Path:
    """Write data to a temporary file beside path, then rename it over path.

    A failure leaves the previous file (if any) as it was and raises `error` with one
    sentence naming the file.
    """
    import tempfile  # not at the top: it costs a few ms, and most commands write nothing

    target = Path(path)
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp creates 0600: give the usual mode
        os.replace(temporary, target)  # noqa: PTH105 - tests make os.replace fail
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise error(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return target


def _umask() -> int:
    """Return the process umask (reading it means setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
