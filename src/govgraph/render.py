"""Network views (networkx graphs, see docs/network.md) as one self-contained HTML page.

The page inlines the vis-network build that pyvis ships and our own template: no CDN, no
Bootstrap, no innerHTML with data. Every string from the graph travels as JSON inside a
``<script type="application/json">`` block and reaches the DOM through ``textContent``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
import random
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from govgraph.errors import RenderError
from govgraph.files import write_output

if TYPE_CHECKING:
    import networkx as nx

SizeBy = Literal["degree", "betweenness"]
SIZE_BY: tuple[str, ...] = ("degree", "betweenness")
LANGS: tuple[str, ...] = ("es", "en")

CHROMIUM = "/usr/bin/chromium"
# Flags for Debian's Chromium on a machine with no network and no GPU: without the
# background-networking ones Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
INSTALL_BROWSER = (
    "install Debian's Chromium and Playwright for Python: "
    "'apt-get install chromium' (or 'make browser') and \"pip install 'govgraph[png]'\" "
    "(or set GOVGRAPH_CHROMIUM to another Chromium); never 'playwright install'"
)

# Colour-blind-safe (Okabe-Ito based). Bodies and groups by level, other nodes by kind.
LEVEL_COLOURS: dict[str, str] = {
    "internacional": "#CC79A7",
    "federal": "#0072B2",
    "estatal": "#009E73",
    "municipal": "#E69F00",
    "none": "#9E9E9E",
}
KIND_COLOURS: dict[str, str] = {
    "council": "#D55E00",
    "program": "#F0E442",
    "law": "#332288",
    "article": "#9988CC",
}
KIND_SHAPES: dict[str, str] = {
    "council": "hexagon",
    "body": "dot",
    "group": "triangle",
    "program": "square",
    "law": "diamond",
    "article": "triangleDown",
}
ACTOR_KINDS = ("body", "group")
RELATION_COLOURS: dict[str, str] = {
    "membership": "#607D8B",
    "shared-council": "#7E57C2",
    "agreement": "#2E7D32",
    "collaboration": "#7CB342",
    "operator": "#EF6C00",
    "partner": "#FFA726",
    "establishedBy": "#1565C0",
    "legalBasis": "#42A5F5",
    "hasLegalResource": "#00897B",
    "mandate": "#AD1457",
    "partOf": "#9E9E9E",
}
DEFAULT_EDGE_COLOUR = "#78909C"
# Relations that read one way (program -> operator, council -> provision, article -> law).
DIRECTED_RELATIONS = frozenset(
    {"operator", "partner", "establishedBy", "legalBasis", "hasLegalResource", "mandate", "partOf"}
)
VOTE_DASHES: dict[str, list[int] | bool] = {"voz-y-voto": False, "voz-sin-voto": [6, 5]}
VOTE_WIDTHS: dict[str, float] = {"voz-y-voto": 3.5, "voz-sin-voto": 1.6}
EDGE_WIDTH = 1.6

NODE_SIZE = (9.0, 36.0)
FONT_SIZE = (14.5, 23.0)
LABEL_MAX = 40
# Above this many nodes betweenness is estimated from a fixed-seed sample of sources.
BETWEENNESS_EXACT_MAX = 2000
BETWEENNESS_SAMPLE = 100
BETWEENNESS_SEED = 42
LAYOUT_SEED = 7
IMPROVED_LAYOUT_MAX = 150

UI: dict[str, dict[str, Any]] = {
    "es": {
        "default_title": "Red de gobernanza migratoria",
        "view": "Vista",
        "filters": "Filtros",
        "no_filters": "ninguno",
        "search": "Buscar nodo",
        "search_placeholder": "Nombre, siglas o CURIE…",
        "no_results": "Sin resultados",
        "legend": "Leyenda y filtros",
        "legend_hint": "Desmarque una casilla para ocultar esos nodos o aristas.",
        "show_all": "Mostrar todo",
        "legend_nodes": "Nodos (forma: tipo)",
        "legend_levels": "Color de instituciones y grupos: nivel de gobierno",
        "legend_edges": "Aristas",
        "legend_size": {"degree": "Tamaño: grado", "betweenness": "Tamaño: intermediación"},
        "stabilizing": "Calculando la disposición…",
        "counts": "{nodes} nodos · {edges} aristas",
        "close": "Cerrar",
        "details": "Detalles",
        "more": "… y {n} más",
        "fields": {
            "kind": "Tipo",
            "level": "Nivel",
            "sector": "Sector",
            "curie": "CURIE",
            "acronym": "Siglas",
            "dimensions": "Dimensiones",
            "relation": "Relación",
            "role": "Rol",
            "vote": "Voto",
            "seats": "Asientos",
            "date": "Fecha",
            "title": "Título",
            "councils": "Consejos",
            "weight": "Consejos compartidos",
            "sources": "Fuentes",
            "degree": "Grado",
            "betweenness": "Intermediación",
            "members": "Integrantes",
            "links": "Vínculos",
        },
        "kinds": {
            "council": "Consejo",
            "body": "Institución",
            "group": "Grupo de actores",
            "program": "Programa",
            "law": "Ley o documento",
            "article": "Artículo o fracción",
        },
        "levels": {
            "internacional": "Internacional",
            "federal": "Federal",
            "estatal": "Estatal",
            "municipal": "Municipal",
            "none": "Sin nivel",
        },
        "sectors": {
            "publico": "Administración pública",
            "legislativo": "Poder legislativo",
            "judicial": "Poder judicial",
            "autonomo": "Organismo público autónomo",
            "sociedad-civil": "Sociedad civil",
            "academico": "Academia",
            "diaspora": "Diáspora",
            "privado": "Sector privado",
            "internacional": "Organismo internacional",
        },
        "votes": {
            "voz-y-voto": "Voz y voto",
            "voz-sin-voto": "Voz sin voto",
            "none": "Voto no indicado",
        },
        "legend_votes": {
            "voz-y-voto": "Integrante con voz y voto",
            "voz-sin-voto": "Integrante con voz sin voto",
            "none": "Integrante, voto no indicado",
        },
        "relations": {
            "membership": "Integrante de",
            "shared-council": "Consejo compartido",
            "agreement": "Convenio",
            "collaboration": "Colaboración",
            "operator": "Operado por",
            "partner": "Con la participación de",
            "establishedBy": "Creado por",
            "legalBasis": "Base legal",
            "hasLegalResource": "Fundamento jurídico",
            "mandate": "Mandato",
            "partOf": "Parte de",
        },
        "views": {
            "councils": "Consejos y sus integrantes",
            "interlocks": "Integrantes que comparten consejos",
            "agreements": "Convenios y colaboraciones",
            "programs": "Programas, operadores y socios",
            "legal": "Fundamento jurídico",
            "all": "Todas las relaciones",
        },
    },
    "en": {
        "default_title": "Migration governance network",
        "view": "View",
        "filters": "Filters",
        "no_filters": "none",
        "search": "Find a node",
        "search_placeholder": "Name, acronym or CURIE…",
        "no_results": "No match",
        "legend": "Legend and filters",
        "legend_hint": "Untick a box to hide those nodes or edges.",
        "show_all": "Show all",
        "legend_nodes": "Nodes (shape: kind)",
        "legend_levels": "Colour of institutions and groups: level of government",
        "legend_edges": "Edges",
        "legend_size": {"degree": "Size: degree", "betweenness": "Size: betweenness"},
        "stabilizing": "Computing the layout…",
        "counts": "{nodes} nodes · {edges} edges",
        "close": "Close",
        "details": "Details",
        "more": "… and {n} more",
        "fields": {
            "kind": "Kind",
            "level": "Level",
            "sector": "Sector",
            "curie": "CURIE",
            "acronym": "Acronym",
            "dimensions": "Dimensions",
            "relation": "Relation",
            "role": "Role",
            "vote": "Vote",
            "seats": "Seats",
            "date": "Date",
            "title": "Title",
            "councils": "Councils",
            "weight": "Shared councils",
            "sources": "Sources",
            "degree": "Degree",
            "betweenness": "Betweenness",
            "members": "Members",
            "links": "Links",
        },
        "kinds": {
            "council": "Council",
            "body": "Institution",
            "group": "Class of actors",
            "program": "Program",
            "law": "Law or document",
            "article": "Article or fraction",
        },
        "levels": {
            "internacional": "International",
            "federal": "Federal",
            "estatal": "State",
            "municipal": "Municipal",
            "none": "No level",
        },
        "sectors": {
            "publico": "Public administration",
            "legislativo": "Legislature",
            "judicial": "Judiciary",
            "autonomo": "Autonomous public body",
            "sociedad-civil": "Civil society",
            "academico": "Academia",
            "diaspora": "Diaspora",
            "privado": "Private sector",
            "internacional": "International organisation",
        },
        "votes": {
            "voz-y-voto": "Voice and vote",
            "voz-sin-voto": "Voice, no vote",
            "none": "Vote not stated",
        },
        "legend_votes": {
            "voz-y-voto": "Member with voice and vote",
            "voz-sin-voto": "Member with voice, no vote",
            "none": "Member, vote not stated",
        },
        "relations": {
            "membership": "Member of",
            "shared-council": "Shared council",
            "agreement": "Agreement",
            "collaboration": "Collaboration",
            "operator": "Operated by",
            "partner": "With the participation of",
            "establishedBy": "Established by",
            "legalBasis": "Legal basis",
            "hasLegalResource": "Legal resource",
            "mandate": "Mandate",
            "partOf": "Part of",
        },
        "views": {
            "councils": "Councils and their members",
            "interlocks": "Members sharing councils",
            "agreements": "Agreements and collaborations",
            "programs": "Programs, operators and partners",
            "legal": "Legal basis",
            "all": "All relations",
        },
    },
}

_ASSETS = "assets"
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


# --- the page ------------------------------------------------------------------------------


def render(
    graph: nx.Graph[Any],
    *,
    lang: str = "es",
    size_by: str = "degree",
    title: str | None = None,
) -> str:
    """Return one self-contained HTML page (vis-network inlined) drawing a network view."""
    if lang not in UI:
        raise RenderError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    if size_by not in SIZE_BY:
        raise RenderError(f"unknown size measure {size_by!r}: use one of {', '.join(SIZE_BY)}")
    ui = UI[lang]
    payload = page_data(graph, lang=lang, size_by=size_by)
    heading = title or _text(graph.graph.get("title")) or ui["default_title"]
    app_js = _asset("render.js")
    vis_js = _vis_js()
    data_json = script_json(payload)
    # Only these two scripts may run: an injected inline script or event handler cannot.
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return _PAGE.format(
        lang=html.escape(lang),
        csp=html.escape(csp),
        title=html.escape(heading),
        css=_asset("render.css"),
        heading=html.escape(heading),
        meta=_meta_html(graph, ui),
        search=html.escape(ui["search"]),
        placeholder=html.escape(ui["search_placeholder"]),
        status=html.escape(ui["stabilizing"]),
        close=html.escape(ui["close"]),
        details=html.escape(ui["details"]),
        legend=_legend_html(payload, ui, size_by),
        data=data_json,
        vis_js=_no_script_end(vis_js),
        app_js=_no_script_end(app_js),
    )


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header id="gg-header">
<div id="gg-heading"><h1>{heading}</h1>{meta}</div>
<div id="gg-search" role="search">
<label for="gg-search-input">{search}</label>
<input id="gg-search-input" type="search" autocomplete="off" spellcheck="false"
 placeholder="{placeholder}">
<ul id="gg-search-results" hidden></ul>
</div>
</header>
<main id="gg-main">
<div id="gg-network"></div>
{legend}
<aside id="gg-details" hidden aria-label="{details}">
<button type="button" id="gg-details-close" aria-label="{close}">&#215;</button>
<div id="gg-details-body"></div></aside>
<div id="gg-status" role="status">{status}</div>
</main>
<script type="application/json" id="gg-data">{data}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


def page_data(graph: nx.Graph[Any], *, lang: str = "es", size_by: str = "degree") -> dict[str, Any]:
    """Return what the page draws: vis-network nodes, edges and options, and the UI strings."""
    ui = UI[lang]
    ids = [str(n) for n in graph.nodes]
    attrs = [dict(graph.nodes[n]) for n in graph.nodes]
    metric = _metric(graph, size_by)
    values = [float(metric.get(n, 0.0)) for n in graph.nodes]
    top = max(values, default=0.0) or 1.0
    scaled = [math.sqrt(max(v, 0.0) / top) for v in values]
    labels = [_display_label(a, key) for a, key in zip(attrs, ids, strict=True)]

    net = _BulkNetwork(directed=True, cdn_resources="in_line")
    columns: dict[str, list[Any]] = {
        "label": labels,
        "shape": [KIND_SHAPES.get(_text(a.get("kind")), "dot") for a in attrs],
        "size": [round(_lerp(NODE_SIZE, s), 1) for s in scaled],
    }
    if graph.number_of_nodes() > IMPROVED_LAYOUT_MAX:
        seeded = seed_positions(graph)
        columns["x"] = [seeded[n][0] for n in graph.nodes]
        columns["y"] = [seeded[n][1] for n in graph.nodes]
    # pyvis turns ids that look like numbers into ints ("7" -> 7) and then loses their
    # attributes: give it positions, then put our ids (IRIs) back.
    net.add_nodes(list(range(len(ids))), **columns)
    for node, key in zip(net.nodes, ids, strict=True):
        node["id"] = key
    net.node_ids = list(ids)
    net.node_map = dict(zip(ids, net.nodes, strict=True))
    for node, a, s, value in zip(net.nodes, attrs, scaled, values, strict=True):
        node.pop("color", None)
        node["group"] = _group(a)
        node["font"] = {"size": round(_lerp(FONT_SIZE, s), 1)}
        node["gg"] = {
            "label": _text(a.get("label")) or str(node["id"]),
            "kind": a.get("kind"),
            "level": a.get("level"),
            "sector": a.get("sector"),
            "curie": a.get("curie"),
            "acronym": a.get("acronym"),
            "dimensions": _list(a.get("dimensions")),
            "metric": round(value, 4),
        }

    triples = list(_edges(graph))
    net.add_edges([(str(u), str(v)) for u, v, _ in triples])
    # Parallel edges (a MultiGraph) bend apart so each stays visible and clickable.
    pairs: Counter[frozenset[str]] = Counter()
    for i, (edge, (u, v, a)) in enumerate(zip(net.edges, triples, strict=True)):
        _style_edge(edge, i, a)
        pair = frozenset((str(u), str(v)))
        k = pairs[pair]
        pairs[pair] += 1
        if k:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": round(0.18 * ((k + 1) // 2), 2),
            }

    net.options = _options(graph.number_of_nodes(), graph.number_of_edges())
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "view": _text(graph.graph.get("view")),
        "lang": lang,
        "sizeBy": size_by,
        "sections": _sections(graph, edges),
        "ui": {
            key: ui[key]
            for key in (
                "fields",
                "kinds",
                "levels",
                "sectors",
                "votes",
                "relations",
                "counts",
                "more",
                "no_results",
                "stabilizing",
            )
        },
    }


def _sections(graph: nx.Graph[Any], edges: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The label of each source the page's edges cite, from graph.graph["sections"]."""
    known = graph.graph.get("sections")
    if not isinstance(known, Mapping):
        return {}
    cited = {source for edge in edges for source in edge["gg"]["sources"]}
    return {
        source: _text(known[source])
        for source in sorted(cited)
        if source in known and _text(known[source])
    }


@functools.cache
def _bulk_network_class() -> type[Any]:
    from pyvis.network import Network

    class BulkNetwork(Network):  # type: ignore[misc]
        """pyvis's Network with O(1) node look-ups, so add_edges stays linear."""

        def get_nodes(self) -> Mapping[Any, Any]:
            return self.node_map  # type: ignore[no-any-return]

    return BulkNetwork


def _BulkNetwork(**kwargs: Any) -> Any:
    return _bulk_network_class()(**kwargs)


def _edges(graph: nx.Graph[Any]) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """Yield (source, target, attributes) for every edge, parallel edges included."""
    triples: Iterable[tuple[Any, Any, dict[str, Any]]]
    if graph.is_multigraph():
        triples = ((u, v, a) for u, v, _k, a in graph.edges(keys=True, data=True))
    else:
        triples = graph.edges(data=True)
    for u, v, a in triples:
        if graph.is_directed():
            yield u, v, a
        else:
            yield (*_orient(graph, u, v, _text(a.get("relation"))), a)


# An undirected networkx graph forgets which end an edge started from: the relation and the
# kinds of its ends tell (docs/network.md: member -> council, program -> operator, ...).
_SOURCE_KINDS: dict[str, frozenset[str]] = {
    "membership": frozenset(ACTOR_KINDS),
    "operator": frozenset({"program"}),
    "partner": frozenset({"program"}),
    "establishedBy": frozenset({"council"}),
    "legalBasis": frozenset({"council"}),
    "hasLegalResource": frozenset({"program"}),
    "mandate": frozenset(ACTOR_KINDS),
}


def _orient(graph: nx.Graph[Any], u: Any, v: Any, relation: str) -> tuple[Any, Any]:
    """Return (source, target) of an undirected edge as the contract reads it."""
    ku, kv = _text(graph.nodes[u].get("kind")), _text(graph.nodes[v].get("kind"))
    if relation == "partOf":
        # provision -> law or enclosing article; an article's IRI extends its parent's.
        if str(v).startswith(f"{u}/") or (ku == "law" and kv != "law"):
            return v, u
        return u, v
    sources = _SOURCE_KINDS.get(relation)
    if sources and kv in sources and ku not in sources:
        return v, u
    return u, v


@dataclass(frozen=True)
class EdgeStyle:
    """How vis-network draws an edge; the legend draws its symbols from the same values."""

    colour: str
    width: float
    dashes: list[int] | bool | None  # None: not set (solid)
    arrow: bool


def edge_style(relation: str, vote: Any = None, weight: Any = 1) -> EdgeStyle:
    """Return the style of an edge from its relation, vote and weight."""
    colour = RELATION_COLOURS.get(relation, DEFAULT_EDGE_COLOUR)
    dashes: list[int] | bool | None = None
    if isinstance(vote, str) and vote in VOTE_WIDTHS:
        width, dashes = VOTE_WIDTHS[vote], VOTE_DASHES[vote]
    elif isinstance(weight, int) and not isinstance(weight, bool) and weight > 1:
        width = min(EDGE_WIDTH + 1.5 * (weight - 1), 9.0)
    else:
        width = EDGE_WIDTH
    return EdgeStyle(colour, width, dashes, relation in DIRECTED_RELATIONS)


def vote_key(vote: Any) -> str:
    """The legend entry (and page filter) of a membership's vote: a slug, or "none"."""
    return vote if isinstance(vote, str) and vote in VOTE_WIDTHS else "none"


def _style_edge(edge: dict[str, Any], index: int, a: Mapping[str, Any]) -> None:
    """Set the vis-network style of one edge from its relation, vote and weight."""
    relation = _text(a.get("relation"))
    vote = a.get("vote")
    weight = a.get("weight")
    style = edge_style(relation, vote, weight)
    edge["id"] = f"e{index}"
    edge["color"] = style.colour
    edge["width"] = style.width
    if style.dashes is not None:
        edge["dashes"] = style.dashes
    edge.pop("arrows", None)
    if style.arrow:
        edge["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.55}}
    edge["gg"] = {
        "relation": relation or None,
        "label": a.get("label") or None,
        "role": a.get("role"),
        "vote": vote,
        "seats": a.get("seats"),
        "date": a.get("date"),
        "title": a.get("title"),
        "councils": _list(a.get("councils")),
        "weight": weight,
        "sources": _list(a.get("sources")),
    }


def _group(a: Mapping[str, Any]) -> str:
    kind = _text(a.get("kind"))
    if kind in ACTOR_KINDS:
        level = _text(a.get("level"))
        return f"{kind}-{level if level in LEVEL_COLOURS else 'none'}"
    return kind if kind in KIND_COLOURS else "other"


def _groups() -> dict[str, dict[str, Any]]:
    """vis-network groups: one per actor kind and level, one per other kind."""
    groups: dict[str, dict[str, Any]] = {}
    for kind in ACTOR_KINDS:
        for level, colour in LEVEL_COLOURS.items():
            groups[f"{kind}-{level}"] = {"shape": KIND_SHAPES[kind], "color": _colour(colour)}
    for kind, colour in KIND_COLOURS.items():
        groups[kind] = {"shape": KIND_SHAPES[kind], "color": _colour(colour)}
    groups["other"] = {"shape": "dot", "color": _colour(LEVEL_COLOURS["none"])}
    return groups


def _colour(fill: str) -> dict[str, Any]:
    border = _shade(fill, 0.55)
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#000000"},
        "hover": {"background": fill, "border": "#000000"},
    }


def _shade(colour: str, factor: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: physics that stabilises in bounded time, then stops."""
    small = n_nodes <= IMPROVED_LAYOUT_MAX
    big = n_nodes > 1000
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": small},
        "groups": _groups(),
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "face": "DejaVu Sans, Arial, Helvetica, sans-serif",
                "color": "#1A1A1A",
                "strokeWidth": 3,
                "strokeColor": "#FFFFFF",
            },
            "widthConstraint": {"maximum": 150},
            "scaling": {"label": {"drawThreshold": 7, "maxVisible": 26}},
        },
        "edges": {
            "smooth": False,
            "color": {"inherit": False, "opacity": 0.85 if small else 0.6},
            "selectionWidth": 2,
            "hoverWidth": 1,
            "arrowStrikethrough": True,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": False,
            "navigationButtons": False,
            "multiselect": False,
        },
        "physics": _physics(n_nodes, n_edges),
    }


def _physics(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """Solver and bounded stabilisation chosen by size (measured: bench/RENDER.md).

    Headless Chromium on 2 cores spends ~60 ms per forceAtlas2 iteration on 5,000 nodes with
    the default Barnes-Hut theta (0.5); theta 2 cuts it to ~30 ms, and the seeded start
    (seed_positions) leaves 120 iterations enough to settle.
    """
    small = n_nodes <= IMPROVED_LAYOUT_MAX
    if small:
        iterations, theta = 1000, 0.5
    elif n_nodes <= 1000:
        iterations, theta = 300, 1.0
    elif n_nodes <= 2000:
        iterations, theta = 200, 1.5
    else:
        iterations, theta = 120, 2.0
    return {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "theta": theta,
            "gravitationalConstant": -100 if small else -60,
            "centralGravity": 0.012,
            "springLength": 95 if small else 80,
            "springConstant": 0.06,
            "damping": 0.5,
            "avoidOverlap": 0.6 if small else 0.0,
        },
        "maxVelocity": 80,
        "minVelocity": 1.0,
        "timestep": 0.5,
        "adaptiveTimestep": True,
        "stabilization": {
            "enabled": True,
            "iterations": iterations,
            "updateInterval": 25,
            "fit": True,
        },
    }


def seed_positions(
    graph: nx.Graph[Any], spacing: float = 80.0, seed: int = LAYOUT_SEED
) -> dict[Any, tuple[float, float]]:
    """Return starting positions that make physics converge in few iterations (O(V + E)).

    The best-connected nodes go on a sunflower spiral; every other node starts near the
    nodes it is linked to (breadth-first from them); the rest on an outer spiral.
    """
    rng = random.Random(seed)
    golden = math.pi * (3 - math.sqrt(5))
    degree = dict(graph.degree())
    order = sorted(graph.nodes, key=lambda n: (-degree[n], str(n)))
    anchors = order[: max(1, math.isqrt(len(order)))]
    pos: dict[Any, tuple[float, float]] = {}
    ring = 0

    def spiral(step: float) -> tuple[float, float]:
        nonlocal ring
        r = step * math.sqrt(ring + 0.5)
        angle = ring * golden
        ring += 1
        return (round(r * math.cos(angle), 1), round(r * math.sin(angle), 1))

    for node in anchors:
        pos[node] = spiral(spacing * 3)
    queue = deque(anchors)
    while queue:
        u = queue.popleft()
        for v in graph.neighbors(u):
            if v in pos:
                continue
            placed = [pos[w] for w in graph.neighbors(v) if w in pos]
            cx = sum(p[0] for p in placed) / len(placed)
            cy = sum(p[1] for p in placed) / len(placed)
            angle = rng.uniform(0, 2 * math.pi)
            r = spacing * rng.uniform(0.4, 1.2)
            pos[v] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
            queue.append(v)
    for node in order:
        if node not in pos:  # not connected to any anchor
            pos[node] = spiral(spacing * 3)
    return pos


def _metric(graph: nx.Graph[Any], size_by: str) -> dict[Any, float]:
    """Return each node's degree or betweenness (sampled with a fixed seed on big graphs)."""
    import networkx as nx

    if size_by == "degree":
        return {n: float(d) for n, d in graph.degree()}
    simple = nx.Graph(graph)  # betweenness counts paths, not parallel edges
    n = simple.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_EXACT_MAX else None
    result: dict[Any, float] = nx.betweenness_centrality(simple, k=k, seed=BETWEENNESS_SEED)
    return result


def _display_label(a: Mapping[str, Any], key: str) -> str:
    """Short text drawn on the canvas: the acronym if any, else the label, shortened."""
    acronym = _text(a.get("acronym"))
    if acronym:
        return acronym
    label = _text(a.get("label")) or key
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _meta_html(graph: nx.Graph[Any], ui: Mapping[str, Any]) -> str:
    """The view and its filters, escaped, under the heading."""
    view = _text(graph.graph.get("view"))
    parts = []
    if view:
        name = ui["views"].get(view, view)
        parts.append(
            f'<span class="gg-meta-item"><b>{html.escape(ui["view"])}:</b> '
            f'<span id="gg-view" data-view="{html.escape(view)}">{html.escape(name)}</span></span>'
        )
    filters = graph.graph.get("filters") or {}
    items = []
    if isinstance(filters, Mapping):
        for key, value in filters.items():
            if value in (None, "", [], ()):
                continue
            text = "; ".join(map(_text, value)) if isinstance(value, list | tuple) else _text(value)
            items.append(
                f'<li><span class="gg-filter-key">{html.escape(_text(key))}</span> = '
                f"<span>{html.escape(text)}</span></li>"
            )
    body = f"<ul>{''.join(items)}</ul>" if items else html.escape(ui["no_filters"])
    parts.append(
        f'<span class="gg-meta-item" id="gg-filters"><b>{html.escape(ui["filters"])}:</b> '
        f"{body}</span>"
    )
    return f'<div id="gg-meta">{"".join(parts)}</div>'


def _legend_html(payload: Mapping[str, Any], ui: Mapping[str, Any], size_by: str) -> str:
    """Legend of the shapes, colours and edge styles in the page; each entry a filter box.

    Static and escaped; render.js hides what is unticked. Each edge entry's symbol is drawn
    from edge_style, as vis-network draws those edges: membership entries by vote.
    """
    groups: set[str] = {n.get("group", "other") for n in payload["nodes"]}
    kinds = [k for k in KIND_SHAPES if any(g == k or g.startswith(k + "-") for g in groups)]
    levels = [lv for lv in LEVEL_COLOURS if any(g.endswith("-" + lv) for g in groups)]
    edges = payload["edges"]
    present = {e["gg"]["relation"] for e in edges}
    votes = {vote_key(e["gg"]["vote"]) for e in edges if e["gg"]["relation"] == "membership"}

    def item(kind: str, value: str, symbol: str, text: str) -> str:
        return (
            f'<li><label><input type="checkbox" checked autocomplete="off" data-gg-filter="{kind}" '
            f'value="{html.escape(value)}">{symbol}<span>{html.escape(text)}</span></label></li>'
        )

    node_items = [
        item(
            "kind",
            k,
            _symbol(KIND_SHAPES[k], KIND_COLOURS.get(k, LEVEL_COLOURS["none"])),
            ui["kinds"][k],
        )
        for k in kinds
    ]
    level_items = [
        item("level", lv, _symbol("dot", LEVEL_COLOURS[lv]), ui["levels"][lv]) for lv in levels
    ]
    edge_items = []
    for relation in RELATION_COLOURS:
        if relation not in present:
            continue
        if relation == "membership":
            # One entry per vote, not one for the relation: each symbol is a distinct style.
            for vote in (*VOTE_WIDTHS, "none"):
                if vote in votes:
                    style = edge_style(relation, vote)
                    edge_items.append(item("vote", vote, _line(style), ui["legend_votes"][vote]))
        else:
            edge_items.append(
                item("relation", relation, _line(edge_style(relation)), ui["relations"][relation])
            )
    sections = [
        ("legend_nodes", node_items),
        ("legend_levels", level_items),
        ("legend_edges", edge_items),
    ]
    body = "".join(
        f'<div class="gg-legend-section"><h3>{html.escape(ui[key])}</h3>'
        f"<ul>{''.join(items)}</ul></div>"
        for key, items in sections
        if items
    )
    size = html.escape(ui["legend_size"][size_by])
    controls = (
        f'<p class="gg-legend-hint">{html.escape(ui["legend_hint"])}</p>'
        f'<button type="button" id="gg-filters-reset" hidden>{html.escape(ui["show_all"])}</button>'
        if body
        else ""
    )
    return (
        f'<details id="gg-legend" open><summary>{html.escape(ui["legend"])}</summary>'
        f'{controls}{body}<p class="gg-legend-size">{size}</p></details>'
    )


def _symbol(shape: str, fill: str) -> str:
    """A small inline SVG of a vis-network node shape."""
    border = _shade(fill, 0.55)
    points = shape_points(shape, 8.0, 8.0, 6.0)
    if points is None:
        body = f'<circle cx="8" cy="8" r="6" fill="{fill}" stroke="{border}"/>'
    else:
        body = f'<polygon points="{_points(points)}" fill="{fill}" stroke="{border}"/>'
    return (
        '<svg class="gg-symbol" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f"{body}</svg>"
    )


def _line(style: EdgeStyle) -> str:
    """A small inline SVG of an edge as vis-network draws it: colour, width, dashes, arrow."""
    dash = ""
    if isinstance(style.dashes, list):
        dash = f' stroke-dasharray="{" ".join(str(d) for d in style.dashes)}"'
    end = 21 if style.arrow else 27
    arrow = f'<polygon points="20,2 27,6 20,10" fill="{style.colour}"/>' if style.arrow else ""
    return (
        '<svg class="gg-symbol" width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="{end}" y2="6" stroke="{style.colour}" '
        f'stroke-width="{style.width:g}"{dash}/>{arrow}</svg>'
    )


def shape_points(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]] | None:
    """Return the polygon vis-network 9.1.2 draws for a shape at (x, y), radius r (None: circle)."""
    if shape == "square":
        return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    if shape == "diamond":
        return [(x, y + r), (x + r, y), (x, y - r), (x - r, y)]
    if shape == "hexagon":
        a = 2 * math.pi / 6
        return [(x + r * math.cos(a * i), y + r * math.sin(a * i)) for i in range(6)]
    if shape in ("triangle", "triangleDown"):
        sign = 1 if shape == "triangle" else -1
        r *= 1.15
        y += sign * 0.275 * r
        s = 2 * r
        ir = math.sqrt(3) / 6 * s
        h = math.sqrt(s * s - (s / 2) ** 2)
        return [(x, y - sign * (h - ir)), (x + s / 2, y + sign * ir), (x - s / 2, y + sign * ir)]
    if shape == "star":
        r *= 0.82
        y += 0.1 * r
        return [
            (
                x + (1.3 * r if i % 2 == 0 else 0.5 * r) * math.sin(2 * i * math.pi / 10),
                y - (1.3 * r if i % 2 == 0 else 0.5 * r) * math.cos(2 * i * math.pi / 10),
            )
            for i in range(10)
        ]
    return None


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{px:.2f},{py:.2f}" for px, py in points)


def script_json(value: Any, indent: int | None = None) -> str:
    """Return JSON safe inside <script>: no '<', '>', '&', U+2028 or U+2029 left as such."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _no_script_end(js: str) -> str:
    # Only "</script" ends a script element; "<\\/script" means the same in JS strings, regexes
    # and comments. (A blanket "</" -> "<\\/" would break a regex literal such as /</g.)
    return _SCRIPT_END.sub(r"<\\/\1", js)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(_no_script_end(script).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _asset(name: str) -> str:
    return (files("govgraph") / _ASSETS / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    """Return the vis-network 9.1.2 build that pyvis ships (read from the installed package)."""
    path = files("pyvis")
    for part in _VIS_JS:
        path = path / part
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as err:
        raise RenderError(f"cannot read vis-network from the pyvis package: {err}") from err
    # The build holds a raw U+0085 inside a string literal, a parse error in HTML: escape it.
    return js.replace("\x85", "\\x85")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [_text(v) for v in value]


def _lerp(bounds: tuple[float, float], t: float) -> float:
    return bounds[0] + (bounds[1] - bounds[0]) * t


# --- files and notebooks --------------------------------------------------------------------


def write(graph: nx.Graph[Any], path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write the page to path (UTF-8) as govgraph.files writes; a failure leaves no partial file."""
    page = render(graph, **kwargs)
    return write_text(page, path)


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write text as UTF-8 through govgraph.files ('-' is standard output; RenderError on failure).

    A regular file is replaced whole or not at all; a symbolic link is followed; a FIFO or a
    device is written into, never replaced.
    """
    return write_output(path, text.encode("utf-8"), RenderError)


@dataclass
class View:
    """A network view that Jupyter shows inline (an iframe holding the page)."""

    graph: nx.Graph[Any]
    lang: str = "es"
    size_by: str = "degree"
    title: str | None = None
    height: int = 640
    _page: str | None = field(default=None, init=False, repr=False)

    def html(self) -> str:
        """Return the page (rendered once)."""
        if self._page is None:
            self._page = render(self.graph, lang=self.lang, size_by=self.size_by, title=self.title)
        return self._page

    def _repr_html_(self) -> str:
        """Return an iframe with the page in srcdoc, sandboxed to scripts only."""
        name = self.title or _text(self.graph.graph.get("title")) or UI[self.lang]["default_title"]
        return (
            f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" '
            f'sandbox="allow-scripts" title="{html.escape(name, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>'
        )

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to path (through govgraph.files, as write_text)."""
        return write_text(self.html(), path)


def notebook(graph: nx.Graph[Any], **kwargs: Any) -> View:
    """Return a View that Jupyter displays inline."""
    return View(graph, **kwargs)


# --- pictures (headless Chromium) -------------------------------------------------------------


def screenshot(
    source: str | os.PathLike[str],
    png_path: str | os.PathLike[str] | None,
    *,
    width: int = 1600,
    height: int = 1000,
    timeout: float = 60,
    svg_path: str | os.PathLike[str] | None = None,
    chromium: Any = None,
) -> dict[str, Any]:
    """Render a page (a path, or the HTML itself) in headless Chromium and save PNG and/or SVG.

    Returns what was measured: the blocked requests (always empty for our pages), the
    milliseconds until physics stopped, and the node and edge counts drawn. `chromium`
    reuses a browser from snapshot.browser(); by default one is started and closed. The
    pictures are made in memory and written through govgraph.files (checked before Chromium
    starts), so a full disk leaves no empty file.
    """
    from govgraph import snapshot

    return snapshot.capture(
        source,
        png_path=png_path,
        svg_path=svg_path,
        width=width,
        height=height,
        timeout=timeout,
        chromium=chromium,
    )


def export_svg(
    source: str | os.PathLike[str],
    svg_path: str | os.PathLike[str],
    *,
    width: int = 1600,
    height: int = 1000,
    timeout: float = 60,
) -> dict[str, Any]:
    """Save an SVG of the page as Chromium drew it: positions, shapes, colours, dashes, labels."""
    return screenshot(source, None, width=width, height=height, timeout=timeout, svg_path=svg_path)


__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "View",
    "export_svg",
    "notebook",
    "page_data",
    "render",
    "screenshot",
    "script_json",
    "write",
    "write_text",
]
