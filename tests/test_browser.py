"""Network pages in real headless Chromium (Debian's, driven by Playwright).

`make test` installs Chromium (`make browser`) and the test extra installs Playwright, so a
missing browser is a failure here, never a skip. Every request that is not for a local
file is aborted and recorded: a page that reaches for the network fails.
"""

from __future__ import annotations

import html
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from conftest import REPO
from govgraph import render, samples
from govgraph.errors import RenderError
from govgraph.namespaces import expand
from govgraph.network import VIEWS, project
from govgraph.render import browser
from govgraph.store import Backend, open_backend
from test_render import INJECTION, SCRIPT_TITLE, hostile

ARTIFACTS = REPO / "test-artifacts"
COVAM = expand("council:covam")
SEZAMI = expand("body:sezami")
COVAM_MEMBERS = (
    "Secretaría del Zacatecano Migrante",
    "Secretaría de Finanzas",
    "Organizaciones migrantes zacatecanas radicadas en el exterior",
)


@pytest.fixture(scope="module")
def kg() -> Backend:
    return open_backend()


@pytest.fixture(scope="module")
def councils(kg: Backend) -> nx.Graph[str]:
    return project("councils", kg)


def clean(loaded: browser.LoadedPage) -> None:
    assert loaded.errors == []
    assert loaded.blocked == []
    assert loaded.dialogs == []


def counts(page: Any) -> list[int]:
    return list(page.evaluate("[window.govgraph.nodes.length, window.govgraph.edges.length]"))


def hover_node(page: Any, node_id: str) -> str:
    """Bring a node to the centre, hover it, return the tooltip text."""
    point = page.evaluate(
        """(id) => {
            const net = window.govgraph.network;
            net.focus(id, { scale: 1.0, animation: false });
            const d = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById("gg-network").getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""",
        node_id,
    )
    return hover(page, point)


def hover(page: Any, point: list[float]) -> str:
    page.mouse.move(point[0] - 3, point[1] - 3)
    page.mouse.move(point[0], point[1], steps=3)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return str(tooltip.inner_text())


def test_chromium_is_debians(chromium: Any) -> None:
    assert browser.chromium_path() == "/usr/bin/chromium"
    assert chromium.version


@pytest.mark.parametrize("view", VIEWS)
def test_every_real_view_loads_offline_whole_and_stops(
    chromium: Any, kg: Backend, view: str, tmp_path: Path
) -> None:
    graph = project(view, kg)
    path = render.write(graph, tmp_path / f"{view}.html")
    with browser.open_page(path, chromium=chromium) as loaded:
        clean(loaded)
        assert counts(loaded.page) == [graph.number_of_nodes(), graph.number_of_edges()]
        before = loaded.page.evaluate("window.govgraph.network.getPositions()")
        time.sleep(0.4)
        assert loaded.page.evaluate("window.govgraph.network.getPositions()") == before
        assert loaded.page.evaluate("window.govgraph.network.physics.options.enabled") is False
        status = loaded.page.inner_text("#gg-status")
        assert status == f"{graph.number_of_nodes()} nodos · {graph.number_of_edges()} aristas"


def test_council_tooltip_and_details_list_its_members(
    chromium: Any, councils: nx.Graph[str]
) -> None:
    with browser.open_page(render.render(councils), chromium=chromium) as loaded:
        page = loaded.page
        text = hover_node(page, COVAM)
        assert "Comité de Validación y Atención a Migrantes" in text
        assert "Integrantes (7)" in text
        for member in COVAM_MEMBERS:
            assert member in text
        assert "Voz y voto" in text
        assert "Asientos: 4" in text
        page.mouse.click(
            *page.evaluate(
                """(id) => { const net = window.govgraph.network;
                const d = net.canvasToDOM(net.getPositions([id])[id]);
                const r = document.getElementById("gg-network").getBoundingClientRect();
                return [r.left + d.x, r.top + d.y]; }""",
                COVAM,
            )
        )
        details = page.wait_for_selector("#gg-details", state="visible")
        assert all(member in details.inner_text() for member in COVAM_MEMBERS)
        clean(loaded)


def test_search_ignores_accents_and_case_and_focuses(
    chromium: Any, councils: nx.Graph[str]
) -> None:
    with browser.open_page(render.render(councils), chromium=chromium) as loaded:
        page = loaded.page
        page.fill("#gg-search-input", "ZACATECANO migrante")
        first = page.wait_for_selector("#gg-search-results button")
        assert first.inner_text().startswith("Secretaría del Zacatecano Migrante")
        page.press("#gg-search-input", "Enter")
        assert page.evaluate("window.govgraph.network.getSelectedNodes()") == [SEZAMI]
        assert "body:sezami" in page.inner_text("#gg-details")
        page.fill("#gg-search-input", "council:cov")
        assert "Comité de Validación" in page.inner_text("#gg-search-results")
        page.fill("#gg-search-input", "zzzz no such thing")
        assert page.inner_text("#gg-search-results") == "Sin resultados"
        clean(loaded)


def test_injected_markup_stays_text(chromium: Any) -> None:
    graph = hostile()
    with browser.open_page(render.render(graph), chromium=chromium) as loaded:
        page = loaded.page
        bad = samples.BASE + "body/bad"
        assert INJECTION in hover_node(page, bad)
        ends = page.evaluate(
            """() => { const net = window.govgraph.network, pos = net.getPositions();
                const ids = Object.keys(pos);
                const mid = { x: (pos[ids[0]].x + pos[ids[1]].x) / 2,
                              y: (pos[ids[0]].y + pos[ids[1]].y) / 2 };
                net.moveTo({ position: mid, scale: 1.0, animation: false });
                const d = net.canvasToDOM(mid);
                const r = document.getElementById("gg-network").getBoundingClientRect();
                return [r.left + d.x, r.top + d.y]; }"""
        )
        page.mouse.move(10, 10)
        assert SCRIPT_TITLE in hover(page, ends)
        page.fill("#gg-search-input", "img src")
        assert INJECTION in page.inner_text("#gg-search-results")
        assert page.inner_text("h1") == "<b>t</b>"
        assert "</script><img src=x onerror=alert(4)>" in page.inner_text("#gg-filters")
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert page.evaluate("document.querySelectorAll('b').length") == 2  # ours: the meta keys
        page.wait_for_timeout(300)
        clean(loaded)


def test_notebook_iframe_runs_the_page(chromium: Any, councils: nx.Graph[str]) -> None:
    wrapper = f"<!DOCTYPE html><html><body>{render.View(councils)._repr_html_()}</body></html>"
    with browser._page_file(wrapper) as path:
        context = chromium.new_context(viewport={"width": 1200, "height": 800})
        blocked: list[str] = []
        errors: list[str] = []
        try:
            context.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith(browser.LOCAL_SCHEMES)
                    else (blocked.append(r.request.url), r.abort())
                ),
            )
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(path.as_uri())
            frame = page.frames[1]
            frame.wait_for_selector("body[data-stabilized='true']", state="attached", timeout=60000)
            assert frame.evaluate("window.govgraph.nodes.length") == councils.number_of_nodes()
        finally:
            context.close()
    assert blocked == []
    assert errors == []


def test_councils_screenshot_and_svg(chromium: Any, councils: nx.Graph[str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = render.write(councils, ARTIFACTS / "councils.html")
    png, svg = ARTIFACTS / "councils.png", ARTIFACTS / "councils.svg"
    result = render.screenshot(page, png, svg_path=svg, chromium=chromium)
    assert result["blocked"] == []
    assert result["errors"] == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 50_000
    root = ET.parse(svg).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(root.findall(".//s:g[@class='node']", ns)) == councils.number_of_nodes()
    assert len(root.findall(".//s:g[@class='edge']", ns)) == councils.number_of_edges()
    texts = " ".join(t.text or "" for t in root.findall(".//s:text", ns))
    assert "COVAM" in texts
    assert "SEZAMI" in texts
    dashed = root.findall(".//s:path[@stroke-dasharray]", ns)
    assert dashed  # the members with voice but no vote


def test_screenshot_of_an_html_string(chromium: Any, tmp_path: Path) -> None:
    out = tmp_path / "mixed.png"
    result = browser.capture(
        render.render(samples.mixed_view()), png_path=out, chromium=chromium, width=800, height=600
    )
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert (result["nodes"], result["edges"]) == (11, 15)


def test_a_page_that_reaches_out_is_caught(chromium: Any) -> None:
    page = (
        '<!DOCTYPE html><html><body data-stabilized="true">'
        "<script>window.govgraph = { timings: { stabilized: 1 } };</script>"
        '<img src="https://example.invalid/x.png"></body></html>'
    )
    with browser.open_page(page, chromium=chromium) as loaded:
        loaded.page.wait_for_timeout(200)
        assert loaded.blocked == ["https://example.invalid/x.png"]


def test_a_page_that_never_stabilises_is_an_error(chromium: Any) -> None:
    with (
        pytest.raises(RenderError, match="did not stabilise in 1 s"),
        browser.open_page("<p>no network here</p>", chromium=chromium, timeout=1),
    ):
        pass


def test_english_page(chromium: Any, councils: nx.Graph[str]) -> None:
    with browser.open_page(render.render(councils, lang="en"), chromium=chromium) as loaded:
        text = hover_node(loaded.page, COVAM)
        assert "Members (7)" in text
        assert "Voice and vote" in text
        assert loaded.page.inner_text("#gg-status").endswith("edges")
        clean(loaded)


def test_escape_helpers_round_trip_in_the_browser(chromium: Any) -> None:
    value = "</script><!--\u2028\u2029&<>\"'"
    page = render.render(samples.mixed_view(), title=value)
    with browser.open_page(page, chromium=chromium) as loaded:
        assert loaded.page.title() == value
        assert loaded.page.inner_text("h1") == value
        assert html.escape(value) not in loaded.page.inner_text("h1")


def visible(page: Any) -> tuple[set[str], set[str]]:
    """The ids of the nodes and edges vis-network shows (not hidden)."""
    nodes, edges = page.evaluate(
        """() => { const g = window.govgraph;
            return [g.nodes.getIds({ filter: (n) => !n.hidden }),
                    g.edges.getIds({ filter: (e) => !e.hidden })]; }"""
    )
    return set(nodes), set(edges)


def box(page: Any, kind: str, value: str) -> str:
    return f'#gg-legend input[data-gg-filter="{kind}"][value="{value}"]'


def status_counts(page: Any) -> str:
    return str(page.inner_text("#gg-status"))


def test_unticking_a_level_hides_exactly_its_actors_and_their_edges(
    chromium: Any, councils: nx.Graph[str]
) -> None:
    by_level = Counter(
        d["level"] or "none" for _, d in councils.nodes(data=True) if d["kind"] in ("body", "group")
    )
    assert by_level["estatal"]
    assert by_level["federal"]
    with browser.open_page(render.render(councils), chromium=chromium) as loaded:
        page = loaded.page
        boxes = page.eval_on_selector_all(
            "#gg-legend input[data-gg-filter=level]", "bs => bs.map(b => b.value)"
        )
        assert set(boxes) == set(by_level)
        page.uncheck(box(page, "level", "estatal"))
        nodes, edges = visible(page)
        gone = {
            n
            for n, d in councils.nodes(data=True)
            if d["kind"] in ("body", "group") and d["level"] == "estatal"
        }
        assert len(gone) == by_level["estatal"]
        assert nodes == set(councils) - gone
        kept = councils.subgraph(nodes)
        assert len(edges) == kept.number_of_edges()
        assert status_counts(page) == f"{len(nodes)} nodos · {len(edges)} aristas"
        assert page.is_visible("#gg-filters-reset")
        # a second level adds up; ticking the first again brings back only its own nodes
        page.uncheck(box(page, "level", "federal"))
        federal = {n for n in councils if councils.nodes[n]["level"] == "federal"}
        federal &= {n for n in councils if councils.nodes[n]["kind"] in ("body", "group")}
        assert visible(page)[0] == set(councils) - gone - federal
        page.check(box(page, "level", "estatal"))
        assert visible(page)[0] == set(councils) - federal
        page.click("#gg-filters-reset")
        assert visible(page)[0] == set(councils)
        assert len(visible(page)[1]) == councils.number_of_edges()
        assert page.is_checked(box(page, "level", "federal"))
        assert not page.is_visible("#gg-filters-reset")
        n, m = councils.number_of_nodes(), councils.number_of_edges()
        assert status_counts(page) == f"{n} nodos · {m} aristas"
        clean(loaded)


def test_kind_and_vote_boxes_hide_nodes_edges_and_search_hits(
    chromium: Any, councils: nx.Graph[str]
) -> None:
    with browser.open_page(render.render(councils, lang="en"), chromium=chromium) as loaded:
        page = loaded.page
        without_vote = sum(1 for *_, vote in councils.edges(data="vote") if vote == "voz-sin-voto")
        assert without_vote
        page.uncheck(box(page, "vote", "voz-sin-voto"))
        nodes, edges = visible(page)
        assert nodes == set(councils)  # an edge filter hides edges only
        assert len(edges) == councils.number_of_edges() - without_vote
        page.check(box(page, "vote", "voz-sin-voto"))
        # Hiding the councils hides every membership: the members stay, alone.
        page.uncheck(box(page, "kind", "council"))
        nodes, edges = visible(page)
        councils_ = {n for n, k in councils.nodes(data="kind") if k == "council"}
        assert nodes == set(councils) - councils_
        assert edges == set()
        assert status_counts(page) == f"{len(nodes)} nodes · 0 edges"
        page.fill("#gg-search-input", "council:cov")
        assert page.inner_text("#gg-search-results") == "No match"
        page.fill("#gg-search-input", "SEZAMI")
        assert "Secretaría del Zacatecano Migrante" in page.inner_text("#gg-search-results")
        clean(loaded)


def test_edge_tooltip_names_the_report_section(chromium: Any, kg: Backend) -> None:
    graph = project("councils", kg, around=SEZAMI)
    with browser.open_page(render.render(graph), chromium=chromium) as loaded:
        page = loaded.page
        edge = page.evaluate(
            """() => window.govgraph.edges.get().find(
                (e) => e.gg.sources.indexOf("fn-36") >= 0).id"""
        )
        page.evaluate(
            """(id) => window.govgraph.network.emit("click",
                { nodes: [], edges: [id], pointer: { DOM: { x: 0, y: 0 } } })""",
            edge,
        )
        details = page.wait_for_selector("#gg-details", state="visible").inner_text()
        assert "Nota 36 (fn-36)" in details
        clean(loaded)


def test_a_page_with_physics_says_when_it_has_settled(
    chromium: Any, councils: nx.Graph[str]
) -> None:
    with browser.open_page(render.render(councils), chromium=chromium) as loaded:
        page = loaded.page
        assert page.evaluate("window.govgraph.settled") is True
        assert page.evaluate("window.govgraph.timings.iterations") > 0  # physics ran first
        clean(loaded)


def test_a_big_view_settles_where_python_put_it_and_keeps_its_tooltips(
    chromium: Any,
) -> None:
    graph = samples.councils_view(render.PHYSICS_MAX + 200, 40, 2000)
    positions = render.layout_positions(graph)
    with browser.open_page(render.render(graph), chromium=chromium) as loaded:
        page = loaded.page
        assert page.evaluate("window.govgraph.settled") is True
        assert counts(page) == [graph.number_of_nodes(), graph.number_of_edges()]
        assert page.evaluate("window.govgraph.network.physics.options.enabled") is False
        drawn = page.evaluate("window.govgraph.network.getPositions()")  # truncated
        assert set(drawn) == set(positions)
        assert all(
            abs(drawn[n]["x"] - x) < 1 and abs(drawn[n]["y"] - y) < 1
            for n, (x, y) in positions.items()
        )
        # The cards are made when vis-network shows a tooltip: hover councils that no other
        # node covers, and a body.
        on_top = page.evaluate(
            """(ids) => { const net = window.govgraph.network;
                return ids.filter((id) => {
                    net.focus(id, { scale: 1.0, animation: false });
                    const at = net.canvasToDOM(net.getPositions([id])[id]);
                    return net.getNodeAt(at) === id; }); }""",
            sorted(graph.nodes, key=lambda n: (-graph.degree(n), n)),
        )
        kinds = [graph.nodes[n]["kind"] for n in on_top]
        council, body = on_top[kinds.index("council")], on_top[kinds.index("body")]
        text = hover_node(page, council)
        assert graph.nodes[council]["label"] in text
        assert f"Integrantes ({graph.degree(council)})" in text
        page.mouse.move(5, 5)
        text = hover_node(page, body)
        assert graph.nodes[body]["label"] in text
        assert f"Vínculos ({graph.degree(body)})" in text
        assert loaded.page.evaluate("document.querySelectorAll('.gg-tip').length") == 1
        clean(loaded)
