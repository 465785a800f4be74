"""The interlocks view projects a large council as a hub (issue 13): one seat edge per member
instead of the clique of its members; smaller councils keep their shared-council edges."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx
import pytest

from govgraph import render
from govgraph.network import network_queries, project
from govgraph.network.analyze import analyze
from govgraph.network.views import ACTORS, HUB_MEMBERS
from govgraph.queries import run
from govgraph.render import browser, page_data
from govgraph.render.style import RELATION_COLOURS, legend
from govgraph.render.ui import UI
from govgraph.resources import default_sources
from govgraph.store import OxigraphBackend
from govgraph.synth import generate
from test_browser import clean, hover_node

# Jurisdictions enough for the national conference of the generated graph (one authority per
# jurisdiction, and the federal ones) to seat more than HUB_MEMBERS actors.
JURISDICTIONS = HUB_MEMBERS + 5


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> OxigraphBackend:
    """A generated graph with a council of more than HUB_MEMBERS actors, in memory."""
    path = tmp_path_factory.mktemp("hubs") / "graph.nt"
    generate(JURISDICTIONS, path)
    return OxigraphBackend.load(default_sources([path]), cache=False)


@pytest.fixture(scope="module")
def view(backend: OxigraphBackend) -> nx.Graph:
    """The interlocks view of the generated graph."""
    return project("interlocks", backend)


def seated(backend: OxigraphBackend) -> dict[str, set[str]]:
    """The actors (bodies and groups) on each council, by an independent query."""
    kinds = run(backend, network_queries()["nodes"], {"lang": "es"})
    at, kind = kinds.columns.index("node"), kinds.columns.index("kind")
    actors = {str(row[at]) for row in kinds.rows if row[kind] in ACTORS}
    on: dict[str, set[str]] = defaultdict(set)
    for member, council in backend.query(
        "SELECT DISTINCT ?x ?c WHERE { ?m a org:Membership ; org:member ?x ; org:organization ?c }"
    ).rows:
        if str(member) in actors:
            on[str(council)].add(str(member))
    return on


def test_a_large_council_is_a_hub_and_the_small_ones_link_pairs(
    backend: OxigraphBackend, view: nx.Graph
) -> None:
    """Each council of more than HUB_MEMBERS actors is a node with a seat edge to each; the
    shared-council edges and their weights count the other councils only."""
    on = seated(backend)
    hubs = {council for council, actors in on.items() if len(actors) > HUB_MEMBERS}
    assert hubs
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for council, actors in on.items():
        if council not in hubs:
            for a, b in combinations(sorted(actors), 2):
                shared[(a, b)] += 1
    found: dict[tuple[str, str], int] = {}
    seats: dict[str, set[str]] = defaultdict(set)
    for u, v, data in view.edges(data=True):
        if data["relation"] == "seat":
            council, member = (u, v) if u in hubs else (v, u)
            assert council in hubs
            seats[council].add(member)
            assert data["councils"] == []
            assert data["weight"] == 1
        else:
            assert data["relation"] == "shared-council"
            found[(min(u, v), max(u, v))] = data["weight"]
            hub_labels = {view.nodes[h]["label"] for h in hubs}
            assert not hub_labels & set(data["councils"])
    assert found == dict(shared)
    assert seats == {council: on[council] for council in hubs}
    assert view.number_of_edges() == len(shared) + sum(len(on[c]) for c in hubs)
    for council in hubs:
        assert view.nodes[council]["kind"] == "council"


def test_members_of_a_hub_only_are_two_steps_apart(view: nx.Graph) -> None:
    """Two actors that share only a large council meet through its node, not directly."""
    hub = next(n for n, kind in view.nodes(data="kind") if kind == "council")
    members = sorted(view[hub])
    far = next(
        (a, b) for a, b in combinations(members, 2) if not view.has_edge(a, b)
    )  # actors of two jurisdictions
    assert nx.shortest_path_length(view, *far) == 2
    columns, rows = analyze(view)
    by = {row[0]: dict(zip(columns, row, strict=True)) for row in rows}
    hub_row = by[view.nodes[hub]["curie"]]
    assert hub_row["kind"] == "council"
    assert hub_row["degree"] == len(members)
    assert hub_row["betweenness"] > 0  # analyze measures the hub as a node of the view


def test_seat_edges_on_the_page_say_what_they_are(view: nx.Graph) -> None:
    """A seat edge runs member → council, dotted, and the legend and tooltips name it."""
    for lang in ("es", "en"):
        data = page_data(view, lang=lang)
        kinds = {node["id"]: node["gg"]["kind"] for node in data["nodes"]}
        seat = [edge for edge in data["edges"] if edge["gg"]["relation"] == "seat"]
        assert seat
        for edge in seat:
            assert kinds[edge["from"]] in ACTORS
            assert kinds[edge["to"]] == "council"
            assert edge["color"] == RELATION_COLOURS["seat"]
            assert edge["dashes"]
        assert data["ui"]["relations"]["seat"] == UI[lang]["relations"]["seat"]  # tooltips
        items = [i for s in legend(data, UI[lang], "degree")["sections"] for i in s["items"]]
        [entry] = [i for i in items if i["value"] == "seat"]
        assert entry["text"] == UI[lang]["relations"]["seat"]
        assert entry["symbol"]["dash"]
        assert entry["symbol"]["colour"] == RELATION_COLOURS["seat"]


def test_a_hub_tooltip_lists_its_members(chromium: Any, view: nx.Graph) -> None:
    """In Chromium, a hub's tooltip lists its members as a council's does; a member's names
    its seat on the large council."""
    hub = next(n for n, kind in view.nodes(data="kind") if kind == "council")
    around = view.subgraph([hub, *view[hub]]).copy()
    with browser.open_page(render.render(around), chromium=chromium) as loaded:
        page = loaded.page
        text = hover_node(page, hub)
        assert view.nodes[hub]["label"] in text
        assert f"Integrantes ({len(view[hub])})" in text
        page.mouse.move(5, 5)
        member = page.evaluate(
            """(ids) => { const net = window.govgraph.network;
                return ids.find((id) => {
                    net.focus(id, { scale: 1.0, animation: false });
                    const at = net.canvasToDOM(net.getPositions([id])[id]);
                    return net.getNodeAt(at) === id; }); }""",
            sorted(view[hub]),
        )
        text = hover_node(page, member)
        assert view.nodes[hub]["label"] in text
        assert UI["es"]["relations"]["seat"] in text
        clean(loaded)
