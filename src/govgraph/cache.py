"""An on-disk Oxigraph store per set of input files, keyed by their content.

The first run loads the RDF files into a store under the user's cache directory; later runs
open it read-only at once. The key hashes the files' content with the versions of govgraph
and pyoxigraph, so a changed, added or removed file, or another version, means another
store. A store is built in a temporary directory and renamed into place when complete; one
that cannot be opened, or whose metadata does not match, is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from govgraph import __version__, resources
from govgraph.errors import LoadError
from govgraph.load import bulk_load, discover
from govgraph.progress import Progress

FORMAT = 2  # the layout of a cache entry; bump when it changes
KEEP = 8  # cached stores kept; the least recently used go first
META = "meta.json"
STORE = "store"  # the on-disk (RocksDB) Oxigraph store
SNAPSHOT = "snapshot.nq"  # small graphs: N-Quads loaded into memory instead
# Measured here: opening an on-disk store read-only takes 40-60 ms whatever its size, while
# 20k triples of N-Quads load into memory in about as long, and answer faster there.
SNAPSHOT_LIMIT = 20_000


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
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(files: Sequence[Path]) -> str:
    """The cache key of a set of files: their content, their formats and the versions."""
    parts = sorted(f"{_digest(p)}{p.suffix}" for p in files)
    text = json.dumps({"versions": _versions(), "files": parts}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Entry:
    """One cached store: its key, what it holds and when it was built and last used."""

    key: str
    path: Path
    triples: int
    files: int
    bytes: int
    created: float
    used: float


def _read_meta(folder: Path) -> dict[str, object] | None:
    """The metadata of a cache entry, or None when it is missing or unreadable."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _valid(folder: Path, key: str) -> bool:
    """An entry is used only when its metadata names this key and these versions."""
    meta = _read_meta(folder)
    return bool(meta and meta.get("key") == key and meta.get("versions") == _versions())


def open_store(paths: Sequence[Path | str] | None = None) -> pyoxigraph.Store:
    """A read-only store of the files, from the cache or built into it now."""
    return open_entry(paths)[0]


def open_entry(paths: Sequence[Path | str] | None = None) -> tuple[pyoxigraph.Store, Path]:
    """The read-only store of the files and the folder of its cache entry."""
    files = discover(paths or resources.default_sources())
    key = fingerprint(files)
    folder = cache_dir() / "stores" / key
    if folder.exists() and _valid(folder, key):
        try:
            store = _open(folder)
        except (OSError, SyntaxError, ValueError):
            pass  # a damaged entry: rebuild it
        else:
            os.utime(folder / META)  # last used, for pruning
            return store, folder
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    _build(files, key, folder)
    return _open(folder), folder


def _open(folder: Path) -> pyoxigraph.Store:
    """The snapshot loaded into memory, or the on-disk store opened read-only."""
    snapshot = folder / SNAPSHOT
    if snapshot.is_file():
        store = pyoxigraph.Store()
        store.bulk_load(path=str(snapshot), format=pyoxigraph.RdfFormat.N_QUADS)
        return store
    return pyoxigraph.Store.read_only(str(folder / STORE))


def _build(files: Sequence[Path], key: str, folder: Path) -> None:
    """Load the files into a new store beside the final place, then move it there."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = folder.parent / f".{key}.{os.getpid()}.building"
    shutil.rmtree(building, ignore_errors=True)
    try:
        building.mkdir()
        triples = _fill(building / STORE, files)
        if triples <= SNAPSHOT_LIMIT:
            _snapshot(building)
        meta = {
            "key": key,
            "versions": _versions(),
            "triples": triples,
            "files": [{"path": str(p), "bytes": p.stat().st_size} for p in files],
            "created": time.time(),
        }
        (building / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        try:
            building.rename(folder)
        except OSError:  # another process built the same store meanwhile: keep theirs
            if not _valid(folder, key):
                raise
    finally:  # after a failure, or after the rename: nothing half-built is left behind
        shutil.rmtree(building, ignore_errors=True)
    _prune()


def _fill(location: Path, files: Sequence[Path]) -> int:
    """Bulk-load the files into a new store there; close it, even on failure, before returning.

    An open store left for the garbage collector writes its files again after they are removed.
    """
    store = pyoxigraph.Store(str(location))
    try:
        total = sum(p.stat().st_size for p in files)
        with Progress("loading", total) as bar:
            bulk_load(store, files, done=lambda p: bar.advance(p.stat().st_size))
        store.flush()
        return len(store)
    except LoadError as exc:
        # Neither its frames nor those of the parser error behind it may keep the store open.
        failure = exc.with_traceback(None)
        failure.__context__ = None
    finally:
        del store
    raise failure


def _snapshot(building: Path) -> None:
    """Replace a small on-disk store by an N-Quads snapshot of it."""
    store = pyoxigraph.Store(str(building / STORE))
    try:
        pyoxigraph.serialize(
            store, output=str(building / SNAPSHOT), format=pyoxigraph.RdfFormat.N_QUADS
        )
    finally:
        del store
    shutil.rmtree(building / STORE)


def entries() -> list[Entry]:
    """The cached stores, most recently used first."""
    found = []
    for folder in (cache_dir() / "stores").glob("*"):
        meta = _read_meta(folder)
        if not folder.is_dir() or folder.name.startswith(".") or meta is None:
            continue
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        files = meta.get("files")
        found.append(
            Entry(
                key=folder.name,
                path=folder,
                triples=int(str(meta.get("triples", 0))),
                files=len(files) if isinstance(files, list) else 0,
                bytes=size,
                created=float(str(meta.get("created", 0))),
                used=(folder / META).stat().st_mtime,
            )
        )
    return sorted(found, key=lambda e: e.used, reverse=True)


def _prune() -> None:
    """Keep the KEEP most recently used stores."""
    for entry in entries()[KEEP:]:
        shutil.rmtree(entry.path, ignore_errors=True)


def clear() -> int:
    """Remove every cached store; return how many there were."""
    root = cache_dir() / "stores"
    if not root.is_dir():
        return 0
    count = sum(1 for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    try:
        shutil.rmtree(root)
    except OSError as exc:
        raise LoadError(f"cannot clear the cache at {root}: {exc.strerror}") from None
    return count
