"""The pages: entity, ontology, index and home pages show what they must; data is escaped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govgraph.render import browser
from publish_support import (
    ARTIFACTS,
    Page,
    fixture_built,  # noqa: F401 - a fixture
    fixture_hostile_site,  # noqa: F401 - a fixture
    fixture_pages,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
    read_page,
    strict_errors,
    well_formed,
)


def test_entity_page_shows_both_directions_with_sources_and_quotes(
    pages: dict[str, Page],
) -> None:
    covam = pages["id/mx-zac/council/covam.html"]
    assert covam.h1 == ["Comité de Validación y Atención a Migrantes"]
    assert covam.titles == ["Comité de Validación y Atención a Migrantes · govgraph"]
    text = covam.text
    assert 'lang="en">Migrant Validation and Assistance Committee<' in text
    # out: its legal basis; in: the seven memberships, each with its member, source and quote
    assert 'href="../law/lineamientos-covam-2022.html"' in text
    for member in ("../body/sezami.html", "../body/secretaria-finanzas.html"):
        assert f'href="{member}"' in text
    assert text.count('href="../membership/') == 7
    assert 'href="../report/sec-3-1.html"' in text
    assert "<blockquote>validados por el Comité de Validación y Atención a Migrantes" in text
    assert 'href="covam.ttl"' in text
    assert 'href="covam.jsonld"' in text
    # a membership page: its source section and its verbatim quote
    seat = pages["id/mx-zac/membership/covam-sezami.html"].text
    assert 'href="../report/sec-3-1.html"' in seat
    assert "<blockquote>validados por el Comité" in seat
    # external IRIs stay external, absolute links
    assert 'class="ext" href="http://www.w3.org/ns/org#role" rel="external"' in seat


def test_ontology_page_documents_terms_and_schemes(pages: dict[str, Page]) -> None:
    ontology = pages["ontology.html"]
    for term in ("Council", "Finding", "votingRight", "evidence", "legalBasis"):
        assert term in ontology.ids
    text = ontology.text
    assert "Órgano colegiado de coordinación" in text  # skos:definition es
    assert '<span lang="en">A collegiate coordination body' in text  # and en
    assert 'href="http://www.w3.org/ns/org#OrganizationalCollaboration"' in text  # alignment
    assert 'href="vocab/migof/dimensiones.html"' in text  # a concept scheme
    assert 'href="vocab/migof/alianzas.html"' in text  # and its concepts
    assert 'href="type/council.html">Instancias: 11</a>' in text


def test_indexes_and_home(pages: dict[str, Page], site: Path) -> None:
    home = pages["index.html"].text
    assert '<iframe class="network" src="network.html"' in home
    assert '<a href="type/council.html"><span class="count">11</span>Consejos</a>' in home
    assert 'href="dimension/alianzas.html"' in home
    councils = pages["type/council.html"]
    assert councils.text.count('href="../id/mx-zac/council/') == 9
    assert councils.text.count('href="../id/mx/council/') == 2  # the CCPM, the SNBP: federal
    alianzas = pages["dimension/alianzas.html"].text
    assert alianzas.count('class="finding"') == 8
    assert 'href="../id/mx-zac/finding/3-1-casa-migrante-sembrando-esperanza.html"' in alianzas
    network = (site / "network.html").read_text("utf-8")
    assert "Consejos y sus integrantes" in network
    assert "<script src=" not in network
    assert "https://" not in network.split("<script")[0]


def test_hostile_labels_are_escaped(hostile_site: Path) -> None:
    bad = read_page(hostile_site / "id/mx-zac/body/bad.html")
    assert well_formed(bad) == []
    assert strict_errors(bad.path) == []
    assert bad.h1 == ["<script>alert(1)</script>"]
    assert bad.titles == ["<script>alert(1)</script> · govgraph"]
    text = bad.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;negrita&lt;/b&gt; &amp; &lt;!-- comentario --&gt;" in text
    assert "&#34; onmouseover=&#34;alert(3)" in text
    assert "<script>alert" not in text
    assert "<img" not in text
    assert "<b>" not in text
    # only the ends of the search box's script element and of the JSON-LD block
    assert text.lower().count("</script") == 2
    assert "javascript:" not in " ".join(bad.links)
    assert [(attrs.get("src"), attrs.get("type"), body) for attrs, body in bad.scripts[:1]] == [
        ("../../../search.js", None, "")
    ]
    assert [attrs.get("type") for attrs, _ in bad.scripts[1:]] == ["application/ld+json"]
    assert json.loads(bad.scripts[1][1])["@graph"][0]["label"]["es"] == "<script>alert(1)</script>"
    for page in hostile_site.rglob("*.html"):
        if page.name == "network.html":
            continue
        checked = read_page(page)
        assert well_formed(checked) == [], page
        assert "<script>alert" not in checked.text, page
        assert "<svg" not in checked.text, page
    assert not (hostile_site.parent / "evil.html").exists()
    assert not list(hostile_site.rglob("*evil*"))


def test_council_page_in_chromium(chromium: Any, site: Path) -> None:
    """The COVAM page, offline: no request leaves the site, no console error; a screenshot."""
    page_path = site / "id/mx-zac/council/covam.html"
    with browser.open_page(
        page_path, chromium=chromium, width=1280, height=900, stabilize=False
    ) as loaded:
        page = loaded.page
        assert page.inner_text("h1") == "Comité de Validación y Atención a Migrantes"
        assert page.title() == "Comité de Validación y Atención a Migrantes · govgraph"
        members = page.locator("table:has(th:text('Integrante')) tbody tr")
        assert members.count() == 7
        # the stylesheet applied (its CSP hash matches): the header bar is dark blue
        colour = page.evaluate("getComputedStyle(document.querySelector('.site')).backgroundColor")
        assert colour == "rgb(18, 53, 91)"
        data = page.evaluate(
            "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)"
        )
        assert data["@graph"][0]["id"] == "council:covam"
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "council-page.png"
        page.screenshot(path=str(shot), full_page=True)
        page.click("text=Secretaría del Zacatecano Migrante >> nth=0")
        page.wait_for_load_state("load")
        assert page.url.endswith("/id/mx-zac/body/sezami.html")
        assert loaded.errors == []
        assert loaded.blocked == []
        assert loaded.dialogs == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_page_runs_nothing_in_chromium(chromium: Any, hostile_site: Path) -> None:
    with browser.open_page(
        hostile_site / "id/mx-zac/body/bad.html", chromium=chromium, stabilize=False
    ) as loaded:
        page = loaded.page
        page.wait_for_timeout(200)
        assert page.inner_text("h1") == "<script>alert(1)</script>"
        assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
        # the search box's script (a file of the site) and the JSON-LD data block
        assert page.evaluate("[...document.scripts].map(s => s.type || s.src)") == [
            (hostile_site / "search.js").as_uri(),
            "application/ld+json",
        ]
        assert loaded.dialogs == []
        assert loaded.errors == []
        assert loaded.blocked == []
