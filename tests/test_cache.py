"""The on-disk store cache: built once, reused, rebuilt when anything changes, never trusted."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from conftest import DATA, ONTOLOGY, SYNTAX_ERROR, wait_until
from govgraph import load, progress
from govgraph.errors import LoadError, QueryError
from govgraph.load import load_store
from govgraph.store import OxigraphBackend, cache, keys
from govgraph.store import image as images


@pytest.fixture
def graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache directory and a copy of the fixture graph that tests may change."""
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def count(paths: list[Path]) -> int:
    """Triples in the cached store of these paths."""
    return len(cache.open_store(paths))


def test_built_once_then_reused(graph: Path) -> None:
    """The first open builds the store; the second opens the same entry without rebuilding."""
    paths = [ONTOLOGY, graph]
    first = count(paths)
    [entry] = cache.entries()
    assert entry.triples == first > 0
    assert count(paths) == first
    [again] = cache.entries()
    assert again.key == entry.key
    assert again.created == entry.created  # not rebuilt


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_changed_added_or_removed_file_rebuilds(graph: Path, change: str) -> None:
    """Any change to the inputs is another key, hence another store with the new content."""
    paths = [ONTOLOGY, graph]
    before = count(paths)
    extra = (
        '<https://w3id.org/govgraph/id/test/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    )
    if change == "edit":
        mini = graph / "mini-graph.ttl"
        mini.write_text(mini.read_text("utf-8") + extra, "utf-8")
        expected = before + 1
    elif change == "add":
        (graph / "more.nt").write_text(extra, "utf-8")
        expected = before + 1
    else:
        (graph / "more.nt").write_text(extra, "utf-8")
        before = count(paths)
        (graph / "more.nt").unlink()
        expected = before - 1
    assert count(paths) == expected
    assert len({e.key for e in cache.entries()}) >= 2


@pytest.mark.parametrize(
    "damage", ["meta-garbage", "meta-missing", "other-version", "store-broken"]
)
def test_damaged_or_foreign_cache_is_rebuilt(graph: Path, damage: str) -> None:
    """A cache entry that does not check out is thrown away and built again."""
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    [entry] = cache.entries()
    meta = entry.path / cache.META
    if damage == "meta-garbage":
        meta.write_text("{not json", "utf-8")
    elif damage == "meta-missing":
        meta.unlink()
    elif damage == "other-version":
        data = json.loads(meta.read_text("utf-8"))
        data["versions"]["govgraph"] = "0.0.0-other"
        meta.write_text(json.dumps(data), "utf-8")
    elif (entry.path / cache.SNAPSHOT).exists():
        (entry.path / cache.SNAPSHOT).write_text("<broken", "utf-8")
    else:
        shutil.rmtree(entry.path / cache.STORE)
    assert count(paths) == expected
    [rebuilt] = cache.entries()
    assert rebuilt.key == entry.key
    assert json.loads((rebuilt.path / cache.META).read_text("utf-8"))["triples"] == expected


def test_failed_build_leaves_nothing(graph: Path) -> None:
    """A syntax error: one line naming file and line, and no entry or half-built store left."""
    shutil.copy(SYNTAX_ERROR, graph / "zz-bad.ttl")
    with pytest.raises(LoadError, match=r"zz-bad\.ttl:\d+: "):
        cache.open_store([ONTOLOGY, graph])
    assert cache.entries() == []
    stores = cache.cache_dir() / "stores"
    leftover = [str(p) for p in stores.rglob("*")]
    assert not any(p.name.endswith(".building") for p in stores.iterdir()), leftover


def test_backend_uses_the_cache_unless_told_not_to(
    graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OxigraphBackend.load goes through the cache; GOVGRAPH_NO_CACHE=1 loads into memory."""
    paths = [ONTOLOGY, graph]
    cached = OxigraphBackend.load(paths)
    assert len(cache.entries()) == 1
    monkeypatch.setenv("GOVGRAPH_NO_CACHE", "1")
    assert OxigraphBackend.load(paths).triple_count() == cached.triple_count()
    assert len(cache.entries()) == 1


def test_clear(graph: Path) -> None:
    """clear removes every cached store and says how many."""
    count([ONTOLOGY, graph])
    assert cache.clear() == 1
    assert cache.entries() == []
    assert cache.clear() == 0


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_only_when_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quiet in a pipe or for quick work; a bar on a terminal once the delay has passed."""
    quiet, pipe = Terminal(), io.StringIO()
    with progress.Progress("loading", 10, stream=quiet) as bar:
        bar.advance(10)  # quicker than the delay: nothing drawn
    assert quiet.getvalue() == ""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.Progress("loading", 10, stream=pipe) as bar:
        bar.advance(5)
    assert pipe.getvalue() == ""
    shown = Terminal()
    with progress.Progress("loading", 10, stream=shown) as bar:
        bar.advance(5)
    assert "loading [" in shown.getvalue()
    assert "100%" in shown.getvalue()
    assert shown.getvalue().endswith("\n")


def test_cache_commands(graph: Path) -> None:
    """`govgraph cache info` lists the stores; `govgraph cache clear` removes them."""
    from click.testing import CliRunner

    from govgraph.cli import govgraph

    runner = CliRunner()
    built = runner.invoke(govgraph, ["--ontology", str(ONTOLOGY), "--data", str(graph), "stats"])
    assert built.exit_code == 0, built.output
    [entry] = cache.entries()
    info = runner.invoke(govgraph, ["cache", "info", "--format", "csv"])
    assert info.exit_code == 0
    assert info.stdout.splitlines()[0] == "key,triples,files,size,built,used"
    assert info.stdout.splitlines()[1].startswith(f"{entry.key},{entry.triples},")
    cleared = runner.invoke(govgraph, ["cache", "clear"])
    assert cleared.stdout == ""  # a message, not data: on stderr
    assert cleared.stderr.startswith("removed 1 cached store from ")
    assert cache.entries() == []


def test_small_graphs_are_snapshots_large_ones_on_disk(
    graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to SNAPSHOT_LIMIT triples the entry is an N-Quads snapshot; above it, an on-disk store."""
    paths = [ONTOLOGY, graph]
    small = count(paths)
    [entry] = cache.entries()
    assert (entry.path / cache.SNAPSHOT).is_file()
    assert not (entry.path / cache.STORE).exists()
    cache.clear()
    monkeypatch.setattr(cache, "SNAPSHOT_LIMIT", 0)
    assert count(paths) == small
    [entry] = cache.entries()
    assert (entry.path / cache.STORE).is_dir()
    assert not (entry.path / cache.SNAPSHOT).exists()


def _largest(folder: Path) -> Path:
    """The largest file of an entry's on-disk store."""
    return max((folder / cache.STORE).iterdir(), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize(
    "damage", ["overwritten", "overwritten-mtime-kept", "truncated", "file-added", "file-removed"]
)
def test_store_files_changed_after_the_build_are_never_opened(
    graph: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """An on-disk store whose files were written after the build is rebuilt before any read.

    Regression: 200 KB overwritten inside an .sst file (same size) made a query grow to all memory.
    """
    monkeypatch.setattr(cache, "SNAPSHOT_LIMIT", 0)
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    [entry] = cache.entries()
    largest = _largest(entry.path)
    status = largest.stat()
    if damage.startswith("overwritten"):
        with largest.open("r+b") as stream:
            stream.seek(status.st_size // 3)
            stream.write(b"\xff" * min(200_000, status.st_size // 3))
        if damage == "overwritten-mtime-kept":  # `touch -r`: the ctime still moves
            os.utime(largest, ns=(status.st_atime_ns, status.st_mtime_ns))
        assert largest.stat().st_size == status.st_size
    elif damage == "truncated":
        with largest.open("r+b") as stream:
            stream.truncate(status.st_size // 2)
    elif damage == "file-added":
        (entry.path / cache.STORE / "000999.sst").write_bytes(b"\0" * 100)
    else:
        largest.unlink()
    steps: list[str] = []
    build, open_ = cache._build, cache._open

    def spy_build(*args: Any) -> None:
        steps.append("build")
        build(*args)

    def spy_open(*args: Any) -> pyoxigraph.Store:
        steps.append("open")
        return open_(*args)

    monkeypatch.setattr(cache, "_build", spy_build)
    monkeypatch.setattr(cache, "_open", spy_open)
    assert count(paths) == expected
    assert steps == ["build", "open"]  # the damaged store was not opened
    [rebuilt] = cache.entries()
    assert rebuilt.created > entry.created


def _hashed_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record the files under folder that cache hashes from now on."""
    hashed: list[Path] = []
    digest = keys._digest

    def spy(path: Path) -> str:
        if folder in path.parents:
            hashed.append(path)
        return digest(path)

    monkeypatch.setattr(keys, "_digest", spy)
    return hashed


@pytest.mark.parametrize("limit", [cache.SNAPSHOT_LIMIT, 0], ids=["snapshot", "on-disk"])
def test_a_warm_start_hashes_nothing_and_a_copied_cache_is_hashed_once(
    graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Unchanged stamps: no file of the entry is hashed; new stamps (a copy): hashed, recorded."""
    monkeypatch.setattr(cache, "SNAPSHOT_LIMIT", limit)
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    hashed = _hashed_in(cache.cache_dir(), monkeypatch)
    assert count(paths) == expected
    assert hashed == []
    [entry] = cache.entries()
    copy = tmp_path / "copied"
    shutil.copytree(cache.cache_dir(), copy)  # new files: new ctimes
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(copy))
    hashed = _hashed_in(copy, monkeypatch)
    assert count(paths) == expected
    assert len(hashed) == len(cache._content_files(copy / "stores" / entry.key)) > 0
    [same] = cache.entries()
    assert same.created == entry.created  # checked, not rebuilt
    hashed.clear()
    assert count(paths) == expected
    assert hashed == []  # the new stamps were recorded


@pytest.mark.parametrize("recorded", [False, True], ids=["as-cut", "cut-and-recorded"])
def test_truncated_snapshot_is_rebuilt(graph: Path, recorded: bool) -> None:
    """`head -n 30 snapshot.nq`: rebuilt, even when meta.json was made to agree with the cut.

    Regression: a truncated snapshot was trusted, and answered wrongly until `cache clear`.
    """
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    [entry] = cache.entries()
    snapshot = entry.path / cache.SNAPSHOT
    lines = snapshot.read_text("utf-8").splitlines(keepends=True)
    assert len(lines) == expected > 30
    snapshot.write_text("".join(lines[:30]), "utf-8")
    if recorded:  # only the triple count is left to catch it
        meta = json.loads((entry.path / cache.META).read_text("utf-8"))
        meta["content"] = {cache.SNAPSHOT: cache._record(snapshot)}
        (entry.path / cache.META).write_text(json.dumps(meta), "utf-8")
    assert count(paths) == expected
    [rebuilt] = cache.entries()
    assert rebuilt.created > entry.created


def test_a_file_in_place_of_the_entry_is_replaced(graph: Path) -> None:
    """A plain file where the entry's folder goes is removed and the entry built there.

    Regression: NotADirectoryError from renaming the built store into place.
    """
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    [entry] = cache.entries()
    shutil.rmtree(entry.path)
    entry.path.write_text("not a folder", "utf-8")
    assert count(paths) == expected
    [rebuilt] = cache.entries()
    assert rebuilt.path.is_dir()


@pytest.mark.parametrize("where", ["a-file", "under-a-file", "stores-a-file"])
def test_an_unusable_cache_directory_loads_into_memory_with_a_warning(
    graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """No traceback: one warning line on stderr, and the command answers from memory.

    Regression: GOVGRAPH_CACHE_DIR=/proc/nope gave a FileNotFoundError traceback.
    """
    from click.testing import CliRunner

    from govgraph.cli import govgraph

    plain = tmp_path / "plain"
    plain.write_text("", "utf-8")
    directory = {"a-file": plain, "under-a-file": plain / "cache", "stores-a-file": tmp_path}
    if where == "stores-a-file":
        (tmp_path / "stores").write_text("", "utf-8")
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(directory[where]))
    monkeypatch.delenv("GOVGRAPH_NO_CACHE", raising=False)
    expected = len(load_store([ONTOLOGY, graph]))
    runner = CliRunner()
    args = ["--ontology", str(ONTOLOGY), "--data", str(graph), "stats", "--format", "csv"]
    result = runner.invoke(govgraph, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"graph,triples,{expected}"
    why = {
        "a-file": "Not a directory",
        "under-a-file": "Not a directory",
        "stores-a-file": "File exists",
    }
    assert re.fullmatch(
        f"warning: cannot use the cache directory {re.escape(str(directory[where]))} "
        f"\\({why[where]}: [^\n]+\\), loading into memory; "
        "set GOVGRAPH_CACHE_DIR to a writable folder, or pass --no-cache\n",
        result.stderr,
    ), result.stderr
    assert cache.open_entry([ONTOLOGY, graph])[1] is None


def test_input_files_are_hashed_once_per_change(
    graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm start hashes no input file; one edited in place (same size, mtime put back) is."""
    paths = [ONTOLOGY, graph]
    before = count(paths)
    hashed = _hashed_in(graph, monkeypatch)
    assert count(paths) == before
    assert hashed == []  # remembered in digests.json by size, inode, mtime and ctime
    mini = graph / "mini-graph.ttl"
    status = mini.stat()
    text = mini.read_text("utf-8")
    assert '"Consejo' in text
    mini.write_text(text.replace('"Consejo', '"Konsejo', 1), "utf-8")  # same size
    os.utime(mini, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert mini.stat().st_size == status.st_size
    assert mini.stat().st_mtime_ns == status.st_mtime_ns
    assert count(paths) == before
    assert hashed == [mini]  # the ctime moved: hashed again, hence a new key and store
    assert len(cache.entries()) == 2


def test_a_damaged_digest_memo_is_ignored(graph: Path) -> None:
    """digests.json is only a shortcut: garbage in it means hashing again, not an error."""
    paths = [ONTOLOGY, graph]
    expected = count(paths)
    (cache.cache_dir() / keys.DIGESTS).write_text("{not json", "utf-8")
    assert count(paths) == expected
    assert json.loads((cache.cache_dir() / keys.DIGESTS).read_text("utf-8"))


@pytest.fixture
def imaged(graph: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Any graph counts as large (a memory image is kept); images stopped afterwards."""
    monkeypatch.setattr(images, "IMAGE_BYTES", 0)
    monkeypatch.setenv("GOVGRAPH_IMAGE_IDLE", "600")
    yield graph
    images.stop_all(cache.cache_dir() / "stores")


ROWS = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def test_a_large_graph_answers_from_memory_then_from_its_image_then_from_disk(
    imaged: Path,
) -> None:
    """First run: loaded into memory, an image left to build the entry; runs meanwhile ask the
    image (same rows, counts and errors as in memory); once stopped, the entry on disk."""
    paths = [ONTOLOGY, imaged]
    expected = OxigraphBackend.load(paths, cache=False)
    stores = cache.cache_dir() / "stores"
    first, folder = cache.open_entry(paths)
    assert isinstance(first, pyoxigraph.Store)
    assert folder is None
    [flag] = stores.glob(".*.image")
    second, folder = cache.open_entry(paths)
    assert isinstance(second, images.RemoteStore)
    assert folder is None or (folder / cache.META).is_file()  # the entry, once built
    for backend in (OxigraphBackend(first), OxigraphBackend(second)):
        assert backend.triple_count() == expected.triple_count()
        assert sorted(backend.query(ROWS).rows) == sorted(expected.query(ROWS).rows)
        for bad in ("SELECT ?s WHERE { ?s ?p }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
            with pytest.raises(QueryError) as want:
                expected.query(bad)
            with pytest.raises(QueryError) as got:
                backend.query(bad)
            assert str(got.value) == str(want.value)
    wait_until(cache.entries, 120, "the image never built the entry")
    assert flag.exists()  # idle for 600 s: still listening
    assert images.stop_all(stores) == 1
    assert not flag.exists()
    third, folder = cache.open_entry(paths)
    assert isinstance(third, pyoxigraph.Store)
    assert folder == cache.entries()[0].path
    assert len(third) == expected.triple_count()


def test_the_first_run_returns_while_its_image_builds(imaged: Path, tmp_path: Path) -> None:
    """The command that leaves an image exits and closes its output at once (the image holds
    no pipe of it); the next run answers the same from the image."""
    large = (
        "import sys; from govgraph.store import image; image.IMAGE_BYTES = 0; "
        "from govgraph.cli import main; sys.exit(main())"
    )
    args = ["--ontology", str(ONTOLOGY), "--data", str(imaged), "query", "-", "--format", "csv"]
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    first = subprocess.run(
        [sys.executable, "-c", large, *args], input=text, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    [flag] = (cache.cache_dir() / "stores").glob(".*.image")  # returned: the image still lives
    second = subprocess.run(
        [sys.executable, "-m", "govgraph", *args], input=text, capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout == f"n\n{len(load_store([ONTOLOGY, imaged]))}\n"
    assert flag.exists()


def test_an_image_that_died_is_passed_over(graph: Path) -> None:
    """A marker left by an image killed with -9 (nobody listens): the entry is built as usual."""
    paths = [ONTOLOGY, graph]
    expected = len(load_store(paths))
    stores = cache.cache_dir() / "stores"
    stores.mkdir(parents=True)
    key = cache.fingerprint(load.discover(paths))
    images.marker(stores, key).write_bytes(b"")
    store, folder = cache.open_entry(paths)
    assert isinstance(store, pyoxigraph.Store)
    assert len(store) == expected
    assert folder == stores / key


def test_an_image_of_another_user_is_never_asked(
    imaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An image whose process runs as another user (SO_PEERCRED) is not asked: the run loads
    and answers itself."""
    paths = [ONTOLOGY, imaged]
    expected = len(load_store(paths))
    first, _ = cache.open_entry(paths)
    assert isinstance(first, pyoxigraph.Store)
    assert isinstance(cache.open_entry(paths)[0], images.RemoteStore)
    uid = os.getuid()
    with monkeypatch.context() as other:
        other.setattr(os, "getuid", lambda: uid + 1)  # the image now looks like someone else's
        store, _ = cache.open_entry(paths)
    assert isinstance(store, pyoxigraph.Store)
    assert len(store) == expected


def test_a_large_entry_opened_on_disk_is_warmed_into_an_image(
    graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a large entry on disk starts a loader in the background; once loaded, the next
    runs ask its image, which answers as the entry does; GOVGRAPH_NO_IMAGE=1 starts none."""
    monkeypatch.setattr(cache, "SNAPSHOT_LIMIT", 0)
    monkeypatch.setattr(images, "WARM_TRIPLES", 0)
    monkeypatch.setenv("GOVGRAPH_IMAGE_IDLE", "600")
    paths = [ONTOLOGY, graph]
    stores = cache.cache_dir() / "stores"
    built, _ = cache.open_entry(paths)  # built now, then opened on disk: no loader yet
    assert isinstance(built, pyoxigraph.Store)
    assert not list(stores.glob(".*.image"))
    monkeypatch.setenv("GOVGRAPH_NO_IMAGE", "1")
    cache.open_entry(paths)
    time.sleep(1)
    assert not list(stores.glob(".*.image"))
    monkeypatch.delenv("GOVGRAPH_NO_IMAGE")
    try:
        disk, folder = cache.open_entry(paths)
        assert isinstance(disk, pyoxigraph.Store)
        wait_until(lambda: list(stores.glob(".*.image")), 60, "no image was loaded")
        remote, again = cache.open_entry(paths)
        assert isinstance(remote, images.RemoteStore)
        assert again == folder
        rows = OxigraphBackend(remote).query(ROWS).rows
        assert sorted(rows) == sorted(OxigraphBackend(disk).query(ROWS).rows)
    finally:
        images.stop_all(stores)
