"""The wheel ships the ontology, data and queries, and an installed govgraph finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

BUNDLED = {"ontology": "ontology", "data/ttl": "data", "queries": "queries"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-w", out],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("govgraph-0.1.0-*.whl")
    return found


def test_wheel_contains_the_bundle(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"govgraph/_bundle/{target}/{path.relative_to(REPO / source).as_posix()}"
        for source, target in BUNDLED.items()
        for path in (REPO / source).rglob("*")
        if path.is_file()
    }
    assert "govgraph/_bundle/ontology/shapes.ttl" in expected
    assert any(n.startswith("govgraph/_bundle/queries/checks/") for n in expected)
    assert any(n.startswith("govgraph/_bundle/data/") for n in expected)
    assert expected <= names
    assert {"govgraph/cli/__init__.py", "govgraph/py.typed"} <= names


def test_installed_package_reads_the_bundle(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "from govgraph import resources as r; "
        "print(r.data_dir(), r.shapes_file(), r.checks_dir(), sep='\\n')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    bundle = tmp_path / "govgraph" / "_bundle"
    assert out.stdout.splitlines() == [
        str(bundle / "data"),
        str(bundle / "ontology" / "shapes.ttl"),
        str(bundle / "queries" / "checks"),
    ]
    assert (bundle / "ontology" / "shapes.ttl").is_file()
