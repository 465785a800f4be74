"""An on-disk Oxigraph store per set of input files, keyed by their content.

The first run loads the RDF files into a store under the user's cache directory; later runs
open it read-only at once. The key hashes the files' content with the versions of govgraph
and pyoxigraph, so a changed, added or removed file, or another version, means another
store. A store is built in a temporary directory and renamed into place when complete; one
that cannot be opened, whose metadata does not match, or whose files are not the ones written,
is rebuilt, never trusted. When the cache directory cannot be used at all, the files are
loaded into memory with a one-line warning on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pyoxigraph

from govgraph import resources
from govgraph.errors import LoadError
from govgraph.load import bulk_load, discover, load_store
from govgraph.progress import Progress
from govgraph.store import image as images
from govgraph.store import keys
from govgraph.store.image import RemoteStore
from govgraph.store.keys import _versions
from govgraph.store.keys import cache_dir as cache_dir  # the cache's API: re-exported
from govgraph.store.keys import fingerprint as fingerprint

KEEP = 8  # cached stores kept; the least recently used go first
META = "meta.json"
STORE = "store"  # the on-disk (RocksDB) Oxigraph store
SNAPSHOT = "snapshot.nq"  # small graphs: N-Quads loaded into memory instead
# Measured here: opening an on-disk store read-only takes 40-60 ms whatever its size, while
# 20k triples of N-Quads load into memory in about as long, and answer faster there.
SNAPSHOT_LIMIT = 20_000


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Entry(NamedTuple):
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


def _valid(meta: dict[str, object] | None, key: str) -> bool:
    """An entry is used only when its metadata names this key and these versions."""
    return bool(meta and meta.get("key") == key and meta.get("versions") == _versions())


# A damaged on-disk store is not safe to open: pyoxigraph has no call to verify one, and its
# reads do not stop at a damaged block: 200 KB overwritten inside one .sst file made `stats`
# grow to all memory. So meta.json records the size, SHA-256 and stamp (mtime and ctime in ns)
# of every file of the store or snapshot, and an entry is opened only when they check out.
# Measured here (2 shared cores) on a 1M-triple store of 20 files, 111 MB: a cold build takes
# 8-12 s and hashing the store 0.08-0.14 s (1%), but a warm start takes 0.8-1.1 s, to which
# hashing would add 10-15% on every command, while checking names, sizes and stamps takes
# under 1 ms. Hence a file is hashed only when its stamp changed. Any write changes the ctime
# (which, unlike the mtime, cannot be set back), so a file written in place is hashed and
# caught; a copied or restored cache is hashed once and its new stamps recorded. A bit flipped
# on disk without a write goes unseen: `govgraph cache clear` is the remedy. A snapshot (the
# bundled graph: 1.2 MB, 1 ms to hash) is also counted against meta.json's triples on loading.


def _rmtree(path: Path, ignore_errors: bool = False) -> None:
    """shutil.rmtree, imported only when something is removed (it pulls in bz2 and lzma)."""
    import shutil

    shutil.rmtree(path, ignore_errors=ignore_errors)


def _content_files(folder: Path) -> dict[str, Path]:
    """The files of an entry's store or snapshot, by path relative to the entry."""
    snapshot = folder / SNAPSHOT
    if snapshot.is_file():
        return {SNAPSHOT: snapshot}
    return {p.relative_to(folder).as_posix(): p for p in (folder / STORE).rglob("*") if p.is_file()}


def _record(path: Path) -> dict[str, object]:
    """What meta.json records of one file of a store: size, digest and stamp."""
    status = path.stat()
    return {
        "bytes": status.st_size,
        "sha256": keys._digest(path),
        "stamp": [status.st_mtime_ns, status.st_ctime_ns],
    }


def _intact(folder: Path, meta: dict[str, object]) -> bool:
    """Whether the entry's files are the ones recorded when it was built (see above)."""
    recorded = meta.get("content")
    if not isinstance(recorded, dict) or not recorded:
        return False
    files = _content_files(folder)
    if files.keys() != recorded.keys():
        return False
    restamped = False
    for name, path in files.items():
        try:
            status, record = path.stat(), recorded[name]
            if not isinstance(record, dict) or status.st_size != record.get("bytes"):
                return False
            stamp = [status.st_mtime_ns, status.st_ctime_ns]
            if stamp != record.get("stamp"):
                if keys._digest(path) != record.get("sha256"):
                    return False
                record["stamp"], restamped = stamp, True
        except OSError:  # removed or unreadable meanwhile
            return False
    if restamped:  # a copied cache: hash it once, not on every start
        _write_meta(folder, meta, quiet=True)
    return True


def _write_meta(folder: Path, meta: dict[str, object], quiet: bool = False) -> None:
    """Write meta.json whole (a reader never sees half of it); quiet: a failure is ignored."""
    temporary = folder / f".{META}.{os.getpid()}"
    try:
        temporary.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        temporary.replace(folder / META)
    except OSError:
        temporary.unlink(missing_ok=True)
        if not quiet:
            raise


def open_store(paths: Sequence[Path | str] | None = None) -> pyoxigraph.Store | RemoteStore:
    """A read-only store of the files, from the cache or built into it now."""
    return open_entry(paths)[0]


class Opened(NamedTuple):
    """A cached store as opened: the store, its entry's folder (None until built) and the key
    of its files (None when the cache directory could not be used)."""

    store: pyoxigraph.Store | RemoteStore
    folder: Path | None
    key: str | None


def open_entry(
    paths: Sequence[Path | str] | None = None,
) -> tuple[pyoxigraph.Store | RemoteStore, Path | None]:
    """The read-only store of the files and the folder of its cache entry (None until built)."""
    opened = open_keyed(paths)
    return opened.store, opened.folder


def open_keyed(paths: Sequence[Path | str] | None = None) -> Opened:
    """The read-only store of the files, the folder of its cache entry and the files' key.

    A live memory image of the files (govgraph.store.image) is asked first; then the entry;
    else the entry is built, or, for large files, the files are loaded into memory and an image
    of them builds the entry in the background. When the cache directory cannot be used, the
    files are loaded into memory instead, with a warning on stderr, and there is no folder.
    """
    files = discover(paths or resources.default_sources())
    key = fingerprint(files)
    folder = cache_dir() / "stores" / key
    if (kept := _kept.get(key)) is not None and _valid(_read_meta(folder), key):
        with contextlib.suppress(OSError):
            os.utime(folder / META)  # last used, for pruning
        return Opened(kept, folder, key)
    if (remote := images.connect(folder.parent, key)) is not None:
        return Opened(remote, folder if _valid(_read_meta(folder), key) else None, key)
    try:
        return Opened(*_open_or_build(files, key, folder), key)
    except OSError as exc:
        why = f"{exc.strerror}: {exc.filename}" if exc.strerror and exc.filename else str(exc)
        print(
            f"warning: cannot use the cache directory {cache_dir()} ({why}), loading into "
            "memory; set GOVGRAPH_CACHE_DIR to a writable folder, or pass --no-cache",
            file=sys.stderr,
        )
        return Opened(load_store(files), None, None)


def _open_or_build(
    files: Sequence[Path], key: str, folder: Path
) -> tuple[pyoxigraph.Store, Path | None]:
    """The entry's store when it checks out, else one built now (OSError: the cache is
    unusable), and the entry's folder.

    For IMAGE_BYTES of files or more, "built now" is: loaded into memory, and a memory image of
    them builds the entry (_start_image); there is no folder yet.
    """
    meta = _read_meta(folder) if folder.is_dir() else None
    if meta is not None and _valid(meta, key) and _intact(folder, meta):
        try:
            store = _open(folder, meta)
        except (OSError, RuntimeError, SyntaxError, ValueError):
            pass  # a damaged entry (RocksDB reports some damage as RuntimeError): rebuild it
        else:
            with contextlib.suppress(OSError):  # a read-only cache is still worth reading
                os.utime(folder / META)  # last used, for pruning
            large = int(str(meta.get("triples", 0))) >= images.WARM_TRIPLES
            if large and (folder / STORE).is_dir() and images.enabled():
                images.warm(folder.parent, key, list(files))  # memory speed for the next runs
            return store, folder
    if (memory := _start_image(files, key, folder)) is not None:
        return memory, None
    _discard(folder)
    _build(files, key, folder)
    return _open(folder, _read_meta(folder) or {}), folder


def _start_image(files: Sequence[Path], key: str, folder: Path) -> pyoxigraph.Store | None:
    """Large files: load them into memory and leave a memory image to build the entry.

    Returns the in-memory store (the next run asks the image), or None when the files are
    small or images are not supported: then the caller builds.
    """
    total = sum(p.stat().st_size for p in files)
    if total < images.IMAGE_BYTES or not images.enabled():
        return None
    folder.parent.mkdir(parents=True, exist_ok=True)  # OSError: the cache is unusable
    store = pyoxigraph.Store()
    with Progress("loading", total) as bar:
        bulk_load(store, files, advance=bar.advance)

    def build() -> None:
        """In the image: build the entry in a new process (this one, forked, must not open
        RocksDB: its thread pools stayed in the parent), which dies with the image and yields
        the processors to the user's commands (nice 19)."""
        import subprocess

        from govgraph.publish.serve import _die_with_parent

        die = _die_with_parent()

        def prepare() -> None:
            os.nice(19)
            if die is not None:
                die()

        subprocess.run(
            [sys.executable, "-m", "govgraph.store.cache", key, *map(str, files)],
            env={**os.environ, "GOVGRAPH_CACHE_DIR": str(cache_dir())},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=prepare,
            check=True,
        )

    if (
        not images.start(store, folder.parent, key, build)
        and images.connect(folder.parent, key) is None
    ):
        _discard(folder)  # no image builds it (another one's would be listening): build it now
        _build(files, key, folder)
    return store


def _discard(folder: Path) -> None:
    """Remove whatever is in the place of an entry: a folder, or a file or link put there."""
    if folder.is_dir() and not folder.is_symlink():
        _rmtree(folder, ignore_errors=True)
    elif folder.exists() or folder.is_symlink():
        folder.unlink()


def _open(folder: Path, meta: dict[str, object]) -> pyoxigraph.Store:
    """The snapshot loaded into memory, or the on-disk store opened read-only."""
    snapshot = folder / SNAPSHOT
    if snapshot.is_file():
        store = pyoxigraph.Store()
        # Oxigraph wrote it from checked input, so no IRI validation (lenient); and for ~6k quads
        # the plain loader beats the bulk one, which sets up parallel batches: measured here
        # 7.9 ms against 10-12 ms for the bundled graph.
        store.load(path=str(snapshot), format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        if len(store) != meta.get("triples"):  # e.g. a truncated snapshot
            raise ValueError(f"{snapshot} does not hold the {meta.get('triples')} triples built")
        return store
    return pyoxigraph.Store.read_only(str(folder / STORE))


# A resident process (govgraph.resident.server) keeps the stores of the small entries used last
# in memory, so that the commands it forks skip loading their snapshot (15 ms of 60).
KEPT = 4
_kept: dict[str, pyoxigraph.Store] = {}


def keep_recent(since: float) -> None:
    """Keep in memory the snapshot stores of the entries used since then (at most KEPT, the
    most recently used), for the processes this one forks."""
    for entry in entries()[:KEPT]:
        if entry.used < since or entry.key in _kept:
            continue
        meta = _read_meta(entry.path)
        if meta is None or not (entry.path / SNAPSHOT).is_file():
            continue  # a large graph stays on disk (or in its memory image)
        if _valid(meta, entry.key) and _intact(entry.path, meta):
            with contextlib.suppress(OSError, RuntimeError, SyntaxError, ValueError):
                _kept[entry.key] = _open(entry.path, meta)
    while len(_kept) > KEPT:
        del _kept[next(iter(_kept))]  # the first kept goes first


def _build(files: Sequence[Path], key: str, folder: Path, optimize: bool = False) -> None:
    """Load the files into a new store beside the final place, then move it there.

    optimize: compact the on-disk store before it is recorded (seconds at 1M triples; its
    queries then read fewer files: measured here 7.4 s -> 5.2 s for bodies-by-level at 1M),
    and check that the files are still those of key (built in the background, later).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = folder.parent / f".{key}.{os.getpid()}.building"
    _rmtree(building, ignore_errors=True)
    try:
        building.mkdir()
        triples = _fill(building / STORE, files, optimize)
        if triples <= SNAPSHOT_LIMIT:
            _snapshot(building)
        content = _content_files(building)
        meta = {
            "key": key,
            "versions": _versions(),
            "triples": triples,
            "files": [{"path": str(p), "bytes": p.stat().st_size} for p in files],
            "content": {name: _record(path) for name, path in sorted(content.items())},
            "created": time.time(),
        }
        _write_meta(building, meta)
        if optimize and fingerprint(files) != key:  # a build in the background: still them?
            raise LoadError(f"the files of {key} changed while it was built")
        try:
            building.rename(folder)
        except OSError:  # another process built the same store meanwhile: keep theirs
            if not _valid(_read_meta(folder), key):
                raise
    finally:  # after a failure, or after the rename: nothing half-built is left behind
        _rmtree(building, ignore_errors=True)
    _prune()


def _fill(location: Path, files: Sequence[Path], optimize: bool = False) -> int:
    """Bulk-load the files into a new store there; close it, even on failure, before returning.

    An open store left for the garbage collector writes its files again after they are removed.
    """
    store = pyoxigraph.Store(str(location))
    try:
        total = sum(p.stat().st_size for p in files)
        with Progress("loading", total) as bar:
            bulk_load(store, files, advance=bar.advance)
        store.flush()
        if optimize:
            store.optimize()
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
    _rmtree(building / STORE)


def entries() -> list[Entry]:
    """The cached stores, most recently used first."""
    found = []
    for folder in (cache_dir() / "stores").glob("*"):
        meta = _read_meta(folder)
        if not folder.is_dir() or folder.name.startswith(".") or meta is None:
            continue
        try:
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            used = (folder / META).stat().st_mtime
        except OSError:  # removed meanwhile by another process
            continue
        files = meta.get("files")
        found.append(
            Entry(
                key=folder.name,
                path=folder,
                triples=int(str(meta.get("triples", 0))),
                files=len(files) if isinstance(files, list) else 0,
                bytes=size,
                created=float(str(meta.get("created", 0))),
                used=used,
            )
        )
    return sorted(found, key=lambda e: e.used, reverse=True)


ROWS_SUFFIX = ".rows"  # .KEY.rows: rows derived from the graph of KEY (network.views)


def _prune() -> None:
    """Keep the KEEP most recently used stores, and the side folders of their keys or of a
    memory image's (rows kept before its entry is built); remove the others."""
    kept = entries()
    for entry in kept[KEEP:]:
        _rmtree(entry.path, ignore_errors=True)
    keys_kept = {entry.key for entry in kept[:KEEP]}
    root = cache_dir() / "stores"
    for side in root.glob(f".*{ROWS_SUFFIX}"):
        key = side.name[1 : -len(ROWS_SUFFIX)]
        if key not in keys_kept and not images.marker(root, key).exists():
            _rmtree(side, ignore_errors=True)


def clear() -> int:
    """Remove every cached store; return how many there were."""
    root = cache_dir() / "stores"
    if not root.is_dir():
        return 0
    images.stop_all(root)  # they would build their entries again
    count = sum(1 for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    try:
        _rmtree(root)
    except OSError as exc:
        raise LoadError(f"cannot clear the cache at {root}: {exc.strerror}") from None
    return count


def _build_in_background(key: str, files: Sequence[Path]) -> None:
    """What a memory image runs: build the entry of key (compacted), unless one is there."""
    folder = cache_dir() / "stores" / key
    if _valid(_read_meta(folder), key):
        return
    _discard(folder)
    _build(files, key, folder, optimize=True)


if __name__ == "__main__":  # python -m govgraph.store.cache KEY FILE...: see _start_image
    _build_in_background(sys.argv[1], [Path(p) for p in sys.argv[2:]])
