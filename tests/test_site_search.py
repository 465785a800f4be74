"""The search box of the published site: a small index built by publish, searched in Chromium.

The real site is served over HTTP on 127.0.0.1 by the site's own server (and read from
file:// too); a reader types acronyms, names without accents, names in the other language
and CURIEs, and reaches the pages with the keyboard alone. Labels holding markup stay text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govgraph.render import browser
from publish_support import (
    fixture_built,  # noqa: F401 - a fixture
    fixture_hostile_site,  # noqa: F401 - a fixture
    fixture_server,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
)

INDEX = "search-index.js"
INDEX_MAX_BYTES = 200_000
RESULTS = "#gg-search-results a"


def read_index(site: Path) -> dict[str, Any]:
    text = (site / INDEX).read_text("utf-8")
    prefix = "self.govgraphSearchIndex = "
    assert text.startswith(prefix)
    assert text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


def items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The index's items as dictionaries (the empty fields at their end filled in)."""
    found = []
    for row in data["items"]:
        item = dict(zip(data["fields"], row, strict=False))
        item["path"] = data["dirs"][item.pop("dir")] + item.pop("file")
        found.append(item)
    return found


@pytest.fixture
def tab(chromium: Any, server: tuple[str, int]) -> Iterator[tuple[Any, str, list[str]]]:
    """A fresh page of the module's Chromium, the site's URL and the console errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def dialog(d: Any) -> None:
        errors.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield page, "http://{}:{}/".format(*server), errors
    finally:
        context.close()


def search(page: Any, text: str) -> list[str]:
    """Type text in the search box; the hrefs of the results shown."""
    box = page.locator("input[type=search]")
    box.fill("")
    box.type(text)
    page.wait_for_function(
        "() => !document.getElementById('gg-search-results').hidden"
        " && document.getElementById('gg-search-status').textContent !== ''"
    )
    hrefs: list[str] = page.eval_on_selector_all(
        RESULTS, "as => as.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))"
    )
    return hrefs


def test_index_is_small_and_names_every_page(site: Path) -> None:
    size = (site / INDEX).stat().st_size
    assert size < INDEX_MAX_BYTES, f"{size} bytes"
    data = read_index(site)
    entries = items(data)
    by_curie = {e["curie"]: e for e in entries}
    sezami = by_curie["body:sezami"]
    assert sezami["path"] == "id/mx-zac/body/sezami.html"
    assert sezami["kind"] == "body"
    assert sezami["label"] == "Secretaría del Zacatecano Migrante"
    assert sezami["other"].startswith("Secretariat of the Zacatecan Migrant")
    assert "SEZAMI" in sezami["alt"]
    assert "COVAM" in by_curie["council:covam"]["alt"]
    assert by_curie["gg:Council"]["path"] == "ontology.html#Council"
    assert set(data["kinds"]) >= {"council", "body", "law", "program", "concept"}
    # every item leads to a page of the site (and its anchor)
    for entry in entries:
        page, _, anchor = entry["path"].partition("#")
        assert (site / page).is_file(), entry
        if anchor:
            assert f'id="{anchor}"' in (site / page).read_text("utf-8"), entry
    assert len(entries) == len({e["path"] for e in entries})


def test_every_page_has_the_search_box(site: Path) -> None:
    for path in site.rglob("*.html"):
        if path.name == "network.html":  # the network view has its own search, of nodes
            continue
        text = path.read_text("utf-8")
        assert '<form class="search" id="gg-search" role="search"' in text, path
        assert '<label for="gg-search-input">' in text, path
        assert 'type="search"' in text, path
        depth = len(path.relative_to(site).parts) - 1
        assert f'<script src="{"../" * depth}search.js" defer></script>' in text, path


def test_acronyms_names_and_curies_are_found(site: Path, tab: tuple[Any, str, list[str]]) -> None:
    page, base, errors = tab
    page.goto(base + "ontology.html", wait_until="load")
    loaded = "() => performance.getEntriesByType('resource').map(r => r.name)"
    assert not any(INDEX in url for url in page.evaluate(loaded))  # loaded on first use only
    assert search(page, "sezami")[0] == "id/mx-zac/body/sezami.html"
    assert any(INDEX in url for url in page.evaluate(loaded))
    assert search(page, "COVAM")[0] == "id/mx-zac/council/covam.html"
    assert search(page, "covam")[0] == "id/mx-zac/council/covam.html"
    # accents and case ignored, words in any place of the name
    assert search(page, "zacatecano migrante")[0] == "id/mx-zac/body/sezami.html"
    assert search(page, "SECRETARIA DEL ZACATECANO")[0] == "id/mx-zac/body/sezami.html"
    assert "id/mx-zac/council/covam.html" in search(page, "comite de validacion")
    # a name in the other language, a CURIE, a term of the ontology (an anchor)
    assert search(page, "Migrant Validation")[0] == "id/mx-zac/council/covam.html"
    assert search(page, "body:sezami") == ["id/mx-zac/body/sezami.html"]
    assert search(page, "council:covam") == ["id/mx-zac/council/covam.html"]
    assert search(page, "gg:Council")[0] == "ontology.html#Council"
    # results as links, with the kind and acronym beside the name; nothing found is said
    result = page.locator("#gg-search-results li").first
    assert result.locator("a").inner_text() == "Consejo"
    assert search(page, "qqqxxyz") == []
    assert page.inner_text("#gg-search-results") == "Sin resultados"
    assert page.inner_text("#gg-search-status") == "Sin resultados"
    assert errors == []


def test_links_lead_there_from_a_page_deeper_in(tab: tuple[Any, str, list[str]]) -> None:
    page, base, errors = tab
    page.goto(base + "id/mx-zac/council/covam.html", wait_until="load")
    hrefs = search(page, "sezami")
    assert hrefs[0] == "../../../id/mx-zac/body/sezami.html"
    assert len(hrefs) <= 20
    status = page.inner_text("#gg-search-status")
    assert status.endswith("resultados") or "primeros 20" in status
    with page.expect_navigation():
        page.click(f"{RESULTS} >> nth=0")
    assert page.url == base + "id/mx-zac/body/sezami.html"
    assert errors == []


def test_the_keyboard_alone_finds_and_opens_a_page(tab: tuple[Any, str, list[str]]) -> None:
    page, base, errors = tab
    page.goto(base + "index.html", wait_until="load")
    for _ in range(10):  # Tab from the top of the page to the box (bounded)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert page.evaluate("document.activeElement.id") == "gg-search-input"
    page.keyboard.type("covam")
    page.wait_for_selector(RESULTS, state="visible")
    focused = "() => document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "id/mx-zac/council/covam.html"
    page.keyboard.press("ArrowDown")
    second = page.evaluate(focused)
    assert second != "id/mx-zac/council/covam.html"
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "id/mx-zac/council/covam.html"
    page.keyboard.press("ArrowUp")  # back in the box
    assert page.evaluate("document.activeElement.id") == "gg-search-input"
    page.keyboard.press("Tab")  # Tab goes on into the results
    assert page.evaluate(focused) == "id/mx-zac/council/covam.html"
    page.keyboard.press("Escape")  # closes them, back in the box
    assert page.evaluate("document.activeElement.id") == "gg-search-input"
    assert page.locator("#gg-search-results").is_hidden()
    page.keyboard.type(" ")  # typing opens them again
    page.wait_for_selector(RESULTS, state="visible")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter on a result follows it
    assert page.url == base + second
    page.goto(base + "index.html", wait_until="load")
    page.focus("#gg-search-input")
    page.keyboard.type("sezami")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the box: the first result
    assert page.url == base + "id/mx-zac/body/sezami.html"
    assert errors == []


def test_search_works_from_file_urls(chromium: Any, site: Path) -> None:
    """Opened from the directory (no server), the index still loads; nothing leaves it."""
    with browser.open_page(
        site / "id/mx-zac/body/sezami.html", chromium=chromium, stabilize=False
    ) as loaded:
        hrefs = search(loaded.page, "covam")
        assert hrefs[0] == "../../../id/mx-zac/council/covam.html"
        with loaded.page.expect_navigation():
            loaded.page.click(f"{RESULTS} >> nth=0")
        assert loaded.page.url == (site / "id/mx-zac/council/covam.html").as_uri()
        assert loaded.errors == []
        assert loaded.blocked == []


def test_labels_holding_markup_are_shown_as_text(chromium: Any, hostile_site: Path) -> None:
    data = read_index(hostile_site)
    bad = next(e for e in items(data) if e["curie"] == "body:bad")
    assert bad["label"] == "<script>alert(1)</script>"
    assert bad["other"] == "</script><img src=x onerror=alert(2)>"
    with browser.open_page(
        hostile_site / "id/mx-zac/body/good.html", chromium=chromium, stabilize=False
    ) as loaded:
        page = loaded.page
        assert search(page, "script alert") == ["../../../id/mx-zac/body/bad.html"]
        result = page.locator("#gg-search-results li").first
        assert result.locator("a").inner_text() == "<script>alert(1)</script>"
        assert "</script><img src=x onerror=alert(2)>" in result.inner_text()
        assert search(page, "svg onload")  # a membership labelled <svg onload=alert(5)>
        page.wait_for_timeout(200)
        markup = "#gg-search-results img, #gg-search-results svg, #gg-search-results script"
        assert page.locator(markup).count() == 0
        assert page.evaluate("document.scripts.length") == 3  # search.js, JSON-LD, the index
        assert loaded.dialogs == []
        assert loaded.errors == []
        assert loaded.blocked == []
