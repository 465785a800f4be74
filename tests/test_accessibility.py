"""axe-core in headless Chromium finds no serious or critical violation on govgraph's pages.

The sample: the home page, a type index, one page of each kind (council, law, body, program,
dimension, statistics, jurisdiction, the ontology) and the comparison of the profiles, each
served over HTTP on 127.0.0.1 by the site's own server, and every network view from file://.
Each page is checked as loaded and again with its search results open. axe-core is the npm
package pinned in tests/package.json (`make node`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govgraph.render import browser
from html_support import VIEW_PAGES, axe_source, axe_violations, serious, write_views
from publish_support import (
    fixture_built,  # noqa: F401 - a fixture
    fixture_server,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
)

# One page of each kind: the first of its directory, as a reader would meet any of them.
SAMPLE = (
    "index.html",
    "type/council.html",
    "id/*/council/*.html",
    "id/*/law/*.html",
    "id/*/body/*.html",
    "id/*/program/*.html",
    "dimension/*.html",
    "statistics/*.html",
    "jurisdiction/*.html",
    "compare.html",
    "ontology.html",
)


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {p.stem: p for p in write_views(tmp_path_factory.mktemp("views"))}


@pytest.fixture
def tab(chromium: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page of the module's Chromium and the console errors it logs."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page, errors
    finally:
        context.close()


def first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"no page {pattern}"
    return found[0].relative_to(site).as_posix()


@pytest.mark.parametrize("pattern", SAMPLE)
def test_site_page_has_no_serious_violation(
    pattern: str, site: Path, server: tuple[str, int], axe: str, tab: tuple[Any, list[str]]
) -> None:
    page, errors = tab
    host, port = server
    page.goto(f"http://{host}:{port}/{first(site, pattern)}", wait_until="load")
    assert page.locator("input[type=search]").is_visible()  # search.js ran (the CSP let it)
    assert serious(axe_violations(page, axe)) == []
    page.locator("input[type=search]").fill("migrante")
    page.wait_for_selector("#gg-search-results a", state="visible")
    assert serious(axe_violations(page, axe)) == []
    assert errors == []


@pytest.mark.parametrize(("view", "lang"), VIEW_PAGES)
def test_network_view_has_no_serious_violation(
    view: str, lang: str, views: dict[str, Path], chromium: Any, axe: str
) -> None:
    with browser.open_page(views[f"{view}-{lang}"], chromium=chromium, width=1280) as loaded:
        page = loaded.page
        assert serious(axe_violations(page, axe)) == []
        page.fill("#gg-search-input", "a")
        page.wait_for_selector("#gg-search-results button", state="visible")
        assert serious(axe_violations(page, axe)) == []
        assert loaded.errors == []
        assert loaded.blocked == []


def test_axe_finds_what_was_wrong(tab: tuple[Any, list[str]], axe: str) -> None:
    """axe-core is alive: links told from text by colour only, a heading jump, are found."""
    page, _ = tab
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>t</title>'
        "<style>a { color: #0b5cad; text-decoration: none; } p { color: #1b1f24; }</style>"
        '</head><body><main><h1>t</h1><h3>jump</h3><p>Some text with <a href="#x">a link</a> '
        "inside a sentence.</p></main></body></html>"
    )
    found = {v["id"] for v in axe_violations(page, axe)}
    assert {"link-in-text-block", "heading-order"} <= found
