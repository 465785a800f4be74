"""Where the cache lives and how its entries are keyed: the files' content and the versions.

Shared by the cache (govgraph.store.cache) and the memory images (govgraph.store.image), which
name an image after the key of the entry it stands for.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph

from govgraph import __version__

FORMAT = 4  # the layout of a cache entry; bump when it changes


def cache_dir() -> Path:
    """$GOVGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/govgraph, else ~/.cache/govgraph."""
    if explicit := os.environ.get("GOVGRAPH_CACHE_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "govgraph"


def _versions() -> dict[str, str | int]:
    """What a cached store depends on besides the files."""
    # __version__ rather than importlib.metadata, which alone costs ~40 ms to import
    return {"format": FORMAT, "govgraph": __version__, "pyoxigraph": pyoxigraph.__version__}


def _digest(path: Path) -> str:
    """Hash one file's content."""
    import hashlib  # 2-3 ms to import (OpenSSL): only when a file must be hashed

    # SHA-256 rather than BLAKE2b: measured here 1.45 GB/s against 0.87 GB/s (SHA extensions).
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def short_hash(text: str) -> str:
    """A short hash of a small text, without importing hashlib (see _digest)."""
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, in CPython
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(text.encode(), digest_size=16).hexdigest()


# Input files are hashed once per change, not on every command: DIGESTS remembers each file's
# digest with its size, inode, mtime and ctime, as git's index does. Any write changes the
# ctime (which cannot be set back), so a changed file is always hashed again. Measured here: a
# 1M-triple N-Triples file (160 MB) took 0.27 s to hash on every warm start; a stat takes µs.
DIGESTS = "digests.json"
DIGESTS_KEPT = 1000


def _file_digests(files: Sequence[Path]) -> list[str]:
    """The content digest of each file, hashed only when its stamp is not the remembered one."""
    memo_path = cache_dir() / DIGESTS
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
        if not isinstance(memo, dict):
            memo = {}
    except (OSError, ValueError):
        memo = {}
    digests, changed = [], False
    for path in files:
        status = path.stat()
        stamp = [status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns]
        name = str(path.absolute())
        known = memo.get(name)
        if isinstance(known, list) and known[:4] == stamp and len(known) == 5:
            digests.append(str(known[4]))
            continue
        digest = _digest(path)
        memo.pop(name, None)  # re-inserted last: the oldest entries go first below
        memo[name] = [*stamp, digest]
        digests.append(digest)
        changed = True
    if changed:
        kept = dict(list(memo.items())[-DIGESTS_KEPT:])
        temporary = memo_path.with_name(f".{DIGESTS}.{os.getpid()}")
        try:  # a memo is an optimisation: failing to write it changes nothing else
            memo_path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(kept), encoding="utf-8")
            temporary.replace(memo_path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
    return digests


def fingerprint(files: Sequence[Path]) -> str:
    """The cache key of a set of files: their content, their formats and the versions."""
    parts = sorted(f"{d}{p.suffix}" for d, p in zip(_file_digests(files), files, strict=True))
    return short_hash(json.dumps({"versions": _versions(), "files": parts}, sort_keys=True))
