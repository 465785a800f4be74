"""The network page: self-contained, escaped, styled from the contract (no browser here)."""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from govgraph import render, samples
from govgraph.errors import GovgraphError, RenderError
from govgraph.network import VIEWS, project
from govgraph.render import browser, layout
from govgraph.store import Backend, open_backend

INJECTION = "<img src=x onerror=alert(1)>"
SCRIPT_TITLE = "<script>alert(2)</script>"
BASE = samples.BASE


class Page(HTMLParser):
    """Collect every tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def data_of(page: str) -> dict[str, Any]:
    (text,) = [t for a, t in parse(page).scripts if a.get("id") == "gg-data"]
    result: dict[str, Any] = json.loads(text)
    return result


def hostile() -> nx.MultiGraph[str]:
    """A graph whose every string tries to break out of the page."""
    g: nx.MultiGraph[str] = nx.MultiGraph(
        view="councils</script><script>alert(3)</script>",
        lang="es",
        title="<b>t</b>",
        filters={"levels": "</script><img src=x onerror=alert(4)>", "around": "a & b"},
    )
    bad = BASE + "body/bad"
    g.add_node(
        bad,
        label=INJECTION,
        kind="body",
        level="estatal",
        sector="publico",
        curie="body:bad",
        acronym=None,
        dimensions=["</script>"],
    )
    council = BASE + "council/c"
    g.add_node(
        council,
        label="Consejo \u2028 </script> & <!-- x",
        kind="council",
        level="estatal",
        sector=None,
        curie="council:c",
        acronym=None,
        dimensions=[],
    )
    g.add_edge(
        bad,
        council,
        relation="membership",
        label="Integrante",
        role="Integrante",
        vote="voz-y-voto",
        seats=None,
        date=None,
        title=SCRIPT_TITLE,
        councils=[],
        weight=1,
        sources=["</script>"],
        via=None,
    )
    return g


@pytest.fixture(scope="module")
def kg() -> Backend:
    return open_backend()


# --- self-contained -------------------------------------------------------------------------


def test_no_remote_reference_anywhere() -> None:
    page = render.render(samples.mixed_view())
    parsed = parse(page)
    for _tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "poster", "data", "srcset"):
            assert attrs.get(name) is None, (name, attrs)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import", page)
    # vis-network is inlined from pyvis's copy, not linked
    assert "vis-network" in page
    assert "@version 9.1.2" in page
    assert [t for t, _ in parsed.tags].count("link") == 0


def test_inlined_vis_network_fetches_nothing() -> None:
    vis = render.page._vis_js()
    for api in (
        "XMLHttpRequest",
        "fetch(",
        "sendBeacon",
        "WebSocket",
        "EventSource",
        "importScripts",
        "navigator.serviceWorker",
    ):
        assert api not in vis, api
    assert not re.search(r"</script", vis, re.I)
    # URLs in the bundle are licence and doc strings, none loaded: no script/link tags built
    assert 'createElement("script")' not in vis
    assert 'createElement("link")' not in vis


def test_only_our_two_scripts_may_run() -> None:
    page = render.render(samples.mixed_view())
    parsed = parse(page)
    (csp,) = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp is not None
    assert "default-src 'none'" in csp
    assert "unsafe-eval" not in csp
    runnable = [text for attrs, text in parsed.scripts if attrs.get("type") is None]
    assert len(runnable) == 2
    for text in runnable:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "script-src 'unsafe-inline'" not in csp


# --- escaping -------------------------------------------------------------------------------


def test_data_cannot_break_out_of_its_script() -> None:
    page = render.render(hostile())
    assert INJECTION not in page
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "\u2028" not in page
    assert page.count("</script>") == 3  # the data block, vis-network, ours
    data = data_of(page)
    labels = {n["gg"]["label"] for n in data["nodes"]}
    assert INJECTION in labels
    assert "Consejo \u2028 </script> & <!-- x" in labels
    (edge,) = data["edges"]
    assert edge["gg"]["title"] == SCRIPT_TITLE
    assert edge["gg"]["sources"] == ["</script>"]


def test_title_view_and_filters_are_escaped_text() -> None:
    page = render.render(hostile())
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    assert "<h1>&lt;b&gt;t&lt;/b&gt;</h1>" in page
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(4)&gt;" in page
    assert "a &amp; b" in page
    assert "councils&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page
    custom = render.render(hostile(), title='"><script>x</script>')
    assert "<h1>&#34;&gt;&lt;script&gt;x&lt;/script&gt;</h1>" in custom  # Jinja2 escapes " as &#34;


def test_script_json_escapes_what_html_would_read() -> None:
    text = render.script_json({"a": "</script><!--&\u2028\u2029>"})
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029>"}


def test_ui_strings_never_reach_inner_html() -> None:
    js = render.page.static("render.js")
    assert "innerHTML" not in js
    assert "outerHTML" not in js
    assert "insertAdjacentHTML" not in js
    assert "document.write" not in js
    assert "eval(" not in js


# --- styles from the contract ---------------------------------------------------------------


def test_colours_by_level_for_actors_and_by_kind_otherwise() -> None:
    data = render.page_data(samples.mixed_view())
    nodes = {n["id"]: n for n in data["nodes"]}
    groups = data["options"]["groups"]

    def fill(key: str) -> str:
        return str(groups[nodes[BASE + key]["group"]]["color"]["background"])

    assert fill("body/sezami") == render.LEVEL_COLOURS["estatal"]
    assert fill("body/cndh") == render.LEVEL_COLOURS["federal"]
    assert fill("body/oim") == render.LEVEL_COLOURS["internacional"]
    assert fill("body/municipio-jerez") == render.LEVEL_COLOURS["municipal"]
    assert fill("group/orgs") == render.LEVEL_COLOURS["none"]
    assert fill("council/covam") == render.KIND_COLOURS["council"]
    assert fill("program/2x1") == render.KIND_COLOURS["program"]
    assert fill("law/ley-2018") == render.KIND_COLOURS["law"]
    assert fill("law/ley-2018/art-14") == render.KIND_COLOURS["article"]
    shapes = {
        key: nodes[BASE + key]["shape"]
        for key in (
            "council/covam",
            "body/sezami",
            "group/orgs",
            "program/2x1",
            "law/ley-2018",
            "law/ley-2018/art-14",
        )
    }
    assert shapes == {
        "council/covam": "hexagon",
        "body/sezami": "dot",
        "group/orgs": "triangle",
        "program/2x1": "square",
        "law/ley-2018": "diamond",
        "law/ley-2018/art-14": "triangleDown",
    }
    # drawn label: the acronym when there is one; the full label travels for tooltips
    assert nodes[BASE + "body/sezami"]["label"] == "SEZAMI"
    assert nodes[BASE + "body/sezami"]["gg"]["label"] == "Secretaría del Zacatecano Migrante"


def test_edges_styled_by_vote_and_relation_and_oriented() -> None:
    data = render.page_data(samples.mixed_view())
    by = {
        (e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1], e["gg"]["relation"]): e
        for e in data["edges"]
    }
    with_vote = by["sezami", "covam", "membership"]
    without = by["univ", "ci", "membership"]
    unstated = by["municipio-jerez", "covam", "membership"]
    assert with_vote["width"] > unstated["width"]
    assert with_vote["dashes"] is False
    assert without["dashes"] == render.VOTE_DASHES["voz-sin-voto"]
    assert "dashes" not in unstated
    assert unstated["width"] == render.EDGE_WIDTH
    assert with_vote["color"] == render.RELATION_COLOURS["membership"]
    # program -> operator / partner, article -> law, whatever order networkx reports
    assert by["2x1", "sezami", "operator"]["arrows"]["to"]["enabled"] is True
    assert ("2x1", "municipio-jerez", "partner") in by
    assert ("art-14", "ley-2018", "partOf") in by
    assert ("sezami", "art-14", "mandate") in by
    assert by["art-14", "ley-2018", "partOf"]["color"] == render.RELATION_COLOURS["partOf"]
    assert "arrows" not in with_vote


def test_parallel_edges_all_drawn_and_bent_apart() -> None:
    data = render.page_data(samples.mixed_view())
    pair = [
        e
        for e in data["edges"]
        if {e["from"], e["to"]} == {BASE + "body/sezami", BASE + "body/oim"}
    ]
    assert len(pair) == 2
    assert sum("smooth" in e for e in pair) == 1
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"]) == 15


def test_interlock_weight_widens_the_edge() -> None:
    g: nx.Graph[str] = nx.Graph(view="interlocks")
    for key in "abc":
        g.add_node(key, label=key, kind="body", level="estatal")
    g.add_edge("a", "b", relation="shared-council", weight=3, councils=["X", "Y", "Z"])
    g.add_edge("b", "c", relation="shared-council", weight=1, councils=["X"])
    data = render.page_data(g)
    edges = data["edges"]
    assert edges[0]["width"] > edges[1]["width"]
    # Each council label once in the page; the edges name theirs by index.
    assert data["councils"] == ["X", "Y", "Z"]
    assert [[data["councils"][i] for i in e["gg"]["councils"]] for e in edges] == [
        ["X", "Y", "Z"],
        ["X"],
    ]


def test_size_by_degree_or_betweenness() -> None:
    g: nx.Graph[str] = nx.star_graph(5)
    g.add_edge(5, 6)
    g.add_edge(6, 7)
    nx.relabel_nodes(g, str, copy=False)
    by_degree = {n["id"]: n["size"] for n in render.page_data(g)["nodes"]}
    assert by_degree["0"] == max(by_degree.values())
    assert by_degree["7"] == min(by_degree.values())
    between = {n["id"]: n["size"] for n in render.page_data(g, size_by="betweenness")["nodes"]}
    assert between["0"] == max(between.values())
    assert between["6"] > between["1"]  # a broker with degree 2 beats a leaf with degree 1


def test_betweenness_is_sampled_with_a_fixed_seed_on_big_graphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, Any]] = []
    real = nx.betweenness_centrality

    def spy(graph: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(graph, **kwargs)

    monkeypatch.setattr(nx, "betweenness_centrality", spy)
    layout.metric(nx.path_graph(50), "betweenness")
    layout.metric(nx.path_graph(render.BETWEENNESS_EXACT_MAX + 1), "betweenness")
    assert calls[0]["k"] is None
    assert calls[1]["k"] == render.BETWEENNESS_SAMPLE
    assert calls[1]["seed"] == render.BETWEENNESS_SEED


def test_physics_is_bounded_and_sized() -> None:
    small = render.page_data(samples.mixed_view())
    assert small["options"]["layout"]["improvedLayout"] is True
    assert "x" not in small["nodes"][0]
    big = render.page_data(samples.councils_view(render.PHYSICS_MAX - 50, 20, 600))
    assert big["options"]["layout"]["improvedLayout"] is False
    assert all(isinstance(n["x"], float) for n in big["nodes"])  # seeded start
    for data in (small, big):
        physics = data["options"]["physics"]
        assert physics["stabilization"]["enabled"] is True
        assert 0 < physics["stabilization"]["iterations"] <= 1000
    assert (
        big["options"]["physics"]["stabilization"]["iterations"]
        < small["options"]["physics"]["stabilization"]["iterations"]
    )


def test_seed_positions_are_deterministic_and_cover_every_node() -> None:
    g = samples.councils_view(500, 20, 700)
    g.add_node("lonely", label="x", kind="body")
    first = render.seed_positions(g)
    assert first == render.seed_positions(g)
    assert set(first) == set(g.nodes)
    assert len(set(first.values())) == len(first)


def test_a_big_view_comes_with_final_positions_and_no_physics() -> None:
    g = samples.councils_view(render.PHYSICS_MAX + 300, 40, 2000)
    data = render.page_data(g)
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["layout"]["improvedLayout"] is False
    positions = render.layout_positions(g)
    assert {n["id"]: (n["x"], n["y"]) for n in data["nodes"]} == positions
    # One node more or less is the other side of the line: physics from seeded positions.
    at = render.page_data(samples.councils_view(render.PHYSICS_MAX, 40, 1600))
    assert at["options"]["physics"]["enabled"] is True
    assert at["options"]["physics"]["stabilization"]["enabled"] is True


def test_layout_positions_are_deterministic_spread_and_cover_every_node() -> None:
    g = samples.councils_view(1500, 40, 2400)
    g.add_node("lonely", label="x", kind="body")
    first = render.layout_positions(g)
    assert first == render.layout_positions(g)
    assert set(first) == set(g.nodes)
    assert len(set(first.values())) == len(first)
    xs = [x for x, _ in first.values()]
    ys = [y for _, y in first.values()]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    assert area == pytest.approx(len(first) * layout.LAYOUT_SPACING**2, rel=0.01)

    # Linked nodes end up nearer each other than nodes picked at random.
    def mean_distance(pairs: list[tuple[str, str]]) -> float:
        return sum(
            ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5
            for a, b in pairs
        ) / len(pairs)

    linked = [(str(u), str(v)) for u, v in g.edges()]
    nodes = sorted(first)
    unlinked = [(nodes[i], nodes[(i * 7 + 3) % len(nodes)]) for i in range(len(nodes))]
    assert mean_distance(linked) < 0.7 * mean_distance(unlinked)
    assert render.layout_positions(nx.Graph()) == {}


def test_layout_leaves_pythons_random_numbers_alone() -> None:
    import random

    random.seed(11)
    expected = [random.random() for _ in range(3)]
    random.seed(11)
    render.layout_positions(samples.councils_view(300, 10, 400))
    assert [random.random() for _ in range(3)] == expected


def test_council_labels_travel_once() -> None:
    g = samples.councils_view(60, 4, 90)
    view = nx.Graph(view="interlocks")
    members = [n for n, k in g.nodes(data="kind") if k != "council"]
    for n in members:
        view.add_node(n, **g.nodes[n])
    long = "Consejo " + "muy " * 30 + "largo"
    for a, b in itertools.pairwise(members):
        view.add_edge(a, b, relation="shared-council", weight=2, councils=[long, "Otro"])
    page = render.render(view)
    data = data_of(page)
    assert data["councils"] == ["Consejo " + "muy " * 30 + "largo", "Otro"]
    assert all(e["gg"]["councils"] == [0, 1] for e in data["edges"])
    assert page.count(long) == 1


def test_legend_lists_what_the_page_shows() -> None:
    page = render.render(samples.mixed_view())
    legend = page[page.index('<details id="gg-legend"') : page.index("</details>")]
    for text in (
        "Consejo",
        "Grupo de actores",
        "Programa",
        "Artículo o fracción",
        "Federal",
        "Municipal",
        "Internacional",
        "Sin nivel",
        "Integrante con voz y voto",
        "Integrante con voz sin voto",
        "Integrante, voto no indicado",
        "Convenio",
        "Parte de",
        "Tamaño: grado",
    ):
        assert text in legend, text
    councils_only = render.render(
        samples.councils_view(200, 10, 300), lang="en", size_by="betweenness"
    )
    legend = councils_only[councils_only.index('<details id="gg-legend"') :]
    assert "Agreement" not in legend[: legend.index("</details>")]
    assert "Size: betweenness" in legend


def legend_entries(page: str) -> list[tuple[str, str, str, str]]:
    """(filter, value, symbol markup, text) of every entry of the legend."""
    legend = page[page.index('<details id="gg-legend"') : page.index("</details>")]
    return re.findall(
        r'<li><label><input type="checkbox" checked '
        r'data-gg-filter="(\w+)" value="([^"]*)">(<svg.*?</svg>)<span>([^<]*)</span>',
        legend,
    )


def test_legend_edge_symbols_are_unique_and_drawn_as_the_edges_are() -> None:
    """Membership and "vote not stated" are one entry per vote, each like its edges."""
    page = render.render(samples.mixed_view())
    entries = [e for e in legend_entries(page) if e[0] in ("relation", "vote")]
    symbols = [symbol for _, _, symbol, _ in entries]
    assert len(symbols) == len(set(symbols))
    texts = [text for *_, text in entries]
    assert "Integrante de" not in texts  # the relation is told by the vote entries
    assert "Voto no indicado" not in texts
    edges = data_of(page)["edges"]
    for kind, value, symbol, text in entries:
        if kind == "vote":
            drawn = [
                e
                for e in edges
                if e["gg"]["relation"] == "membership"
                and render.vote_key(e["gg"].get("vote")) == value
            ]
        else:
            drawn = [e for e in edges if e["gg"]["relation"] == value]
        assert drawn, text
        for edge in drawn:
            assert f'stroke="{edge["color"]}"' in symbol, text
            if edge["gg"]["weight"] == 1:
                assert f'stroke-width="{edge["width"]:g}"' in symbol, text
            dashes = edge.get("dashes")
            if isinstance(dashes, list):
                assert f'stroke-dasharray="{" ".join(map(str, dashes))}"' in symbol, text
            else:
                assert "stroke-dasharray" not in symbol, text
            assert ("polygon" in symbol) == ("arrows" in edge), text


def test_legend_entries_are_filter_boxes_for_what_the_page_shows() -> None:
    """One box per kind, actor level, relation and membership vote present; no markup."""
    graph = samples.mixed_view()
    entries = legend_entries(render.render(graph))
    boxes = {(kind, value) for kind, value, _, _ in entries}
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    levels = {
        d["level"] or "none" for _, d in graph.nodes(data=True) if d["kind"] in render.ACTOR_KINDS
    }
    relations = {d["relation"] for *_, d in graph.edges(data=True)} - {"membership"}
    votes = {
        render.vote_key(d["vote"])
        for *_, d in graph.edges(data=True)
        if d["relation"] == "membership"
    }
    assert boxes == (
        {("kind", k) for k in kinds}
        | {("level", lv) for lv in levels}
        | {("relation", r) for r in relations}
        | {("vote", v) for v in votes}
    )
    page = render.render(hostile())
    assert {(k, v) for k, v, _, _ in legend_entries(page)} == {
        ("kind", "body"),
        ("kind", "council"),
        ("level", "estatal"),
        ("vote", "voz-y-voto"),
    }
    assert 'id="gg-filters-reset" hidden>Mostrar todo</button>' in page
    assert "Show all" in render.render(hostile(), lang="en")


def test_sources_travel_with_their_section_labels() -> None:
    """graph.graph["sections"] labels the cited slugs; only those the edges cite travel."""
    graph = samples.mixed_view()
    graph.graph["sections"] = {
        "sec-2-1": "2.1 Gobierno integral </script>",
        "sec-9": "not cited",
    }
    page = render.render(graph)
    assert data_of(page)["sections"] == {"sec-2-1": "2.1 Gobierno integral </script>"}
    assert "2.1 Gobierno integral </script>" not in page
    assert data_of(render.render(hostile()))["sections"] == {}


def test_real_sections_are_labelled_in_the_page_language(kg: Backend) -> None:
    """Every source of the councils view has its report label, in Spanish or English."""
    for lang, note in (("es", "Nota 36"), ("en", "Footnote 36")):
        data = render.page_data(project("councils", kg, lang=lang), lang=lang)
        cited = {s for e in data["edges"] for s in e["gg"]["sources"]}
        assert set(data["sections"]) == cited
        assert data["sections"]["fn-36"] == note
    assert data["sections"]["sec-2-1"].startswith("2.1 ")


def test_language_of_the_page_and_its_labels() -> None:
    en = render.render(samples.mixed_view(), lang="en")
    assert '<html lang="en">' in en
    assert "Find a node" in en
    assert data_of(en)["ui"]["kinds"]["council"] == "Council"
    assert "Buscar nodo" in render.render(samples.mixed_view())
    with pytest.raises(RenderError, match="language"):
        render.render(samples.mixed_view(), lang="fr")
    with pytest.raises(RenderError, match="size measure"):
        render.render(samples.mixed_view(), size_by="pagerank")
    assert issubclass(RenderError, GovgraphError)


def test_graph_kinds_and_empty_graph() -> None:
    empty = render.render(nx.Graph())
    assert data_of(empty)["nodes"] == []
    di: nx.DiGraph[str] = nx.DiGraph()
    di.add_edge("b", "a", relation="operator")
    (edge,) = render.page_data(di)["edges"]
    assert (edge["from"], edge["to"]) == ("b", "a")


# --- the real graph -------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_of_the_real_graph_renders(kg: Backend, view: str) -> None:
    graph = project(view, kg)
    page = render.render(graph)
    data = data_of(page)
    assert len(data["nodes"]) == graph.number_of_nodes() > 0
    assert len(data["edges"]) == graph.number_of_edges() > 0
    assert data["view"] == view
    assert f"<h1>{html.escape(graph.graph['title'])}</h1>" in page


def test_real_councils_carry_member_data(kg: Backend) -> None:
    data = render.page_data(project("councils", kg))
    covam = [e for e in data["edges"] if e["to"].endswith("/council/covam")]
    assert {e["gg"].get("role") for e in covam} >= {"Presidencia", "Integrante"}
    assert any(e["gg"].get("seats") == 4 for e in covam)
    assert all(e["from"] != e["to"] for e in covam)


# --- files and notebooks --------------------------------------------------------------------


def test_write_is_utf8_and_atomic(tmp_path: Path) -> None:
    target = render.write(samples.mixed_view(), tmp_path / "view.html", lang="es")
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Artículo 14" in text
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "view.html"
    target.write_text("old", "utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(RenderError, match="No space left"):
        render.write(samples.mixed_view(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]
    assert target.read_text("utf-8") == "old"


def test_write_into_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="cannot write"):
        render.write(samples.mixed_view(), tmp_path / "nope" / "view.html")


def test_notebook_view_is_an_escaped_sandboxed_iframe() -> None:
    view = render.notebook(hostile(), height=500)
    shown = view._repr_html_()
    match = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" title="([^"]*)" '
        r'style="[^"]*500px[^"]*"></iframe>',
        shown,
    )
    assert match is not None
    assert "<" not in match.group(1)
    assert html.unescape(match.group(1)) == view.html() == render.render(hostile())
    assert html.unescape(match.group(2)) == "<b>t</b>"


# --- pictures without a browser -------------------------------------------------------------


def test_missing_chromium_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(RenderError, match=r"apt-get install chromium.*pip install"):
        render.screenshot("<p>x</p>", "x.png")


def test_missing_playwright_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(RenderError, match=r"pip install .govgraph\[png\]."):
        browser._sync_playwright()


def test_nothing_to_save_and_missing_page(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="nothing to save"):
        browser.capture("<p>x</p>", png_path=None)
    with pytest.raises(RenderError, match="no such page"), browser._page_file(tmp_path / "x"):
        pass


def test_svg_from_a_drawing_parses_with_one_element_each() -> None:
    drawn = {
        "nodes": [
            {
                "id": "a",
                "x": 0,
                "y": 0,
                "shape": "hexagon",
                "size": 20,
                "fill": "#D55E00",
                "stroke": "#753400",
                "borderWidth": 1.5,
                "opacity": 1,
                "font": {
                    "size": 14,
                    "face": "DejaVu Sans, Arial",
                    "color": "#1A1A1A",
                    "strokeWidth": 3,
                    "strokeColor": "#FFFFFF",
                },
                "lines": [{"text": INJECTION, "y": 25}, {"text": "& more", "y": 42}],
                "label": {"width": 120, "height": 34},
            },
            {
                "id": "b",
                "x": 100,
                "y": 50,
                "shape": "dot",
                "size": 10,
                "fill": "red;}",
                "stroke": "#000",
                "borderWidth": 1,
                "font": {},
                "lines": [],
                "label": {},
            },
        ],
        "edges": [
            {
                "id": "e0",
                "from": {"x": 0, "y": 0},
                "to": {"x": 100, "y": 50},
                "via": None,
                "color": "#607D8B",
                "width": 3.5,
                "opacity": 1,
                "dashes": None,
                "arrow": None,
            },
            {
                "id": "e1",
                "from": {"x": 0, "y": 0},
                "to": {"x": 100, "y": 50},
                "via": {"x": 50, "y": 0},
                "color": "#607D8B",
                "width": 1.6,
                "opacity": 0.6,
                "dashes": [6, 5],
                "arrow": {"x": 90, "y": 45, "angle": 0.4, "length": 12},
            },
        ],
    }
    svg = browser.drawing_svg(drawn)
    root = ET.fromstring(svg.split("\n", 1)[1])
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(root.findall(".//s:g[@class='node']", ns)) == 2
    assert len(root.findall(".//s:g[@class='edge']", ns)) == 2
    texts = [t.text for t in root.findall(".//s:text", ns)]
    assert texts == [INJECTION, "& more"]
    assert "<img" not in svg
    assert 'fill="#97C2FC"' in svg  # a colour that is not a colour falls back
    assert 'stroke-dasharray="6 5"' in svg
    assert " Q 50.00 0.00 " in svg
