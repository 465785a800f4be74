"""Rows of the network queries kept while a memory image answers (issue 13): found by the
runs after it, before and after its entry is built; removed by cache clear and pruning."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from conftest import ONTOLOGY, wait_until
from govgraph.load import discover
from govgraph.network import VIEWS, network_queries, project, to_text
from govgraph.network.views import Rows, rows_places
from govgraph.resources import default_sources
from govgraph.store import OxigraphBackend, cache
from govgraph.store import image as images
from govgraph.synth import generate


@pytest.fixture
def imaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The sources of a small generated graph that counts as large (a memory image is kept),
    in a private cache; images stopped afterwards."""
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(images, "IMAGE_BYTES", 0)
    monkeypatch.setenv("GOVGRAPH_IMAGE_IDLE", "600")
    path = tmp_path / "three.nt"
    generate(3, path)
    yield default_sources([path])
    images.stop_all(cache.cache_dir() / "stores")


def _views(backend: OxigraphBackend) -> dict[str, str]:
    """Every view of the backend, as JSON text."""
    return {view: to_text(project(view, backend), "json") for view in VIEWS}


def _tamper(side: Path, name: str) -> int:
    """Drop the last kept row of the query name in the side folder; the rows left."""
    [kept] = side.glob(f"network-{name}-es-*.json")
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["rows"] = data["rows"][:-1]
    kept.write_text(json.dumps(data), encoding="utf-8")
    return len(data["rows"])


def test_rows_kept_while_an_image_answers_are_read_by_the_next_runs(
    imaged: list[Path],
) -> None:
    """A run that asks a memory image before its entry exists keeps its rows in the side
    folder of the key; the next runs read them there (while the image answers, and from the
    entry once built), and every view is the one built from the queries in memory."""
    expected = _views(OxigraphBackend.load(imaged, cache=False))
    stores = cache.cache_dir() / "stores"
    key = cache.fingerprint(discover(imaged))
    side = stores / f".{key}{cache.ROWS_SUFFIX}"
    first = cache.open_keyed(imaged)  # loaded here; its image builds the entry
    assert isinstance(first.store, pyoxigraph.Store)
    assert first.folder is None
    assert first.key == key
    loaded = OxigraphBackend(*first)
    assert rows_places(loaded) == [side]  # the first run keeps its rows too
    assert _views(loaded) == expected
    kept = {p.name.split("-")[1] for p in side.glob("network-*-es-*.json")}
    assert kept == set(network_queries())
    left = _tamper(side, "memberships")  # what is read from now on is what was kept
    remote, _, _ = cache.open_keyed(imaged)
    assert isinstance(remote, images.RemoteStore)
    # The runs while the image builds: no folder yet (whether or not the build is done).
    asking = OxigraphBackend(remote, None, key)
    assert rows_places(asking) == [side]
    assert len(Rows(asking, "es")("memberships")) == left
    assert rows_places(OxigraphBackend(remote)) == []  # a store that says no key
    wait_until(cache.entries, 120, "the image never built the entry")
    remote, folder = cache.open_entry(imaged)
    assert isinstance(remote, images.RemoteStore)
    assert folder == stores / key
    assert rows_places(OxigraphBackend(remote, folder, key)) == [folder, side]
    assert len(Rows(OxigraphBackend(remote, folder, key), "es")("memberships")) == left
    assert images.stop_all(stores) == 1
    disk, folder = cache.open_entry(imaged)
    assert isinstance(disk, pyoxigraph.Store)
    assert len(Rows(OxigraphBackend(disk, folder), "es")("memberships")) == left
    cache._prune()  # the side folder of a kept entry stays
    assert side.is_dir()


def test_an_unusable_side_folder_only_costs_the_query(imaged: list[Path]) -> None:
    """A file where the side folder would go: the rows are queried, the view is right."""
    expected = to_text(project("interlocks", OxigraphBackend.load(imaged, cache=False)), "json")
    cache.open_entry(imaged)
    asking = OxigraphBackend(*cache.open_keyed(imaged))
    assert isinstance(asking.store, images.RemoteStore)
    [side] = rows_places(asking)
    side.write_bytes(b"not a folder")
    assert to_text(project("interlocks", asking), "json") == expected
    assert side.read_bytes() == b"not a folder"


def test_side_folders_go_with_cache_clear_and_pruning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pruning removes the side folders of keys with neither a kept entry nor an image;
    cache clear removes them all."""
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data.nt"
    generate(1, data)
    paths = [ONTOLOGY, data]
    backend = OxigraphBackend.load(paths, cache=True)
    assert backend.folder is not None
    stores = backend.folder.parent
    own = stores / f".{backend.folder.name}{cache.ROWS_SUFFIX}"
    orphan = stores / f".{'0' * 32}{cache.ROWS_SUFFIX}"
    imaged = stores / f".{'1' * 32}{cache.ROWS_SUFFIX}"
    for side in (own, orphan, imaged):
        side.mkdir()
        (side / "network-nodes-es-0.json").write_text("{}", encoding="utf-8")
    images.marker(stores, "1" * 32).write_bytes(b"")
    cache._prune()
    assert own.is_dir()
    assert imaged.is_dir()
    assert not orphan.exists()
    os.utime(backend.folder / cache.META, (0, 0))  # the least recently used, once KEEP is 0
    monkeypatch.setattr(cache, "KEEP", 0)
    cache._prune()
    assert not backend.folder.exists()
    assert not own.exists()
    assert imaged.is_dir()
    assert cache.clear() == 0
    assert not stores.exists()
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
