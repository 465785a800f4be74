"""The on-disk store cache: built once, reused, rebuilt when anything changes, never trusted."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ONTOLOGY, SYNTAX_ERROR
from govgraph import cache, progress
from govgraph.errors import LoadError
from govgraph.store import OxigraphBackend


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
    assert cleared.stdout.startswith("removed 1 cached store from ")
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
