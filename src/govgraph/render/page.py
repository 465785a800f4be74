"""Network views (networkx graphs, see docs/network.md) as one self-contained HTML page.

The page inlines the vis-network build that pyvis ships and our own static/ script and style:
no CDN, no Bootstrap, no innerHTML with data. Every string from the graph travels as JSON in
a script element of type application/json and reaches the DOM through ``textContent``.
The markup is templates/view.html, rendered through govgraph.templating.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import importlib.util
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph import templating
from govgraph.errors import RenderError
from govgraph.files import write_output
from govgraph.namespaces import LANGS
from govgraph.render.layout import (
    IMPROVED_LAYOUT_MAX,
    PHYSICS_MAX,
    layout_positions,
    metric,
    options,
    seed_positions,
)
from govgraph.render.style import (
    ACTOR_KINDS,
    KIND_SHAPES,
    EdgeStyle,
    edge_style,
    legend,
    node_group,
)
from govgraph.render.ui import SIZE_BY, UI

if TYPE_CHECKING:
    import networkx as nx

NODE_SIZE = (9.0, 36.0)
FONT_SIZE = (14.5, 23.0)
LABEL_MAX = 40

_PACKAGE = "govgraph.render"
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


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
    with paused_gc():
        payload = page_data(graph, lang=lang, size_by=size_by)
    heading = title or _text(graph.graph.get("title")) or ui["default_title"]
    app_js = static("render.js")
    vis_js = _vis_js()
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
    return templating.render(
        _PACKAGE,
        "view.html",
        lang=lang,
        csp=csp,
        heading=heading,
        css=static("render.css"),
        ui=ui,
        meta=_meta(graph, ui),
        legend=legend(payload, ui, size_by),
        data=payload,
        vis_js=_no_script_end(vis_js),
        app_js=_no_script_end(app_js),
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a page's data is built: ~10^6 small acyclic objects
    at 5,000 bodies made it run again and again, 40 % of the time (it runs as before after)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def page_data(graph: nx.Graph[Any], *, lang: str = "es", size_by: str = "degree") -> dict[str, Any]:
    """Return what the page draws: vis-network nodes, edges and options, and the UI strings.

    The shared-council labels of the edges are listed once, in "councils" (in order of first
    use), and each edge names its councils by their index there: at 5,000 bodies the labels
    repeated on every edge made 15 of the page's 19 MB. An attribute that is None is left out
    of "gg".
    """
    ui = UI[lang]
    n_nodes = graph.number_of_nodes()
    measure = metric(graph, size_by)
    values = [float(measure.get(n, 0.0)) for n in graph.nodes]
    top = max(values, default=0.0) or 1.0
    positions: Mapping[Any, tuple[float, float]] = {}
    if n_nodes > PHYSICS_MAX:
        positions = layout_positions(graph)  # final: the page runs no physics
    elif n_nodes > IMPROVED_LAYOUT_MAX:
        positions = seed_positions(graph)  # where physics starts
    nodes: list[dict[str, Any]] = []
    for n, value in zip(graph.nodes, values, strict=True):
        a = graph.nodes[n]
        key = str(n)
        s = math.sqrt(max(value, 0.0) / top)
        node: dict[str, Any] = {
            "id": key,
            "label": _display_label(a, key),
            "shape": KIND_SHAPES.get(_text(a.get("kind")), "dot"),
            "size": round(_lerp(NODE_SIZE, s), 1),
        }
        if positions:
            node["x"], node["y"] = positions[n]
        node["group"] = node_group(a)
        node["font"] = {"size": round(_lerp(FONT_SIZE, s), 1)}
        node["gg"] = _stated(
            {
                "label": _text(a.get("label")) or key,
                "kind": a.get("kind"),
                "level": a.get("level"),
                "sector": a.get("sector"),
                "curie": a.get("curie"),
                "acronym": a.get("acronym"),
                "dimensions": _list(a.get("dimensions")),
                "metric": round(value, 4),
            }
        )
        nodes.append(node)

    triples = list(_edges(graph))
    council_index: dict[str, int] = {}  # label -> its place in "councils", in order of use
    styles: dict[tuple[str, Any, Any], EdgeStyle] = {}
    # Parallel edges (a MultiGraph) bend apart so each stays visible and clickable.
    pairs: Counter[frozenset[str]] = Counter()
    edges: list[dict[str, Any]] = []
    for i, (u, v, a) in enumerate(triples):
        edge: dict[str, Any] = {"from": str(u), "to": str(v)}
        _style_edge(edge, i, a, council_index, styles)
        pair = frozenset((str(u), str(v)))
        k = pairs[pair]
        pairs[pair] += 1
        if k:
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": round(0.18 * ((k + 1) // 2), 2),
            }
        edges.append(edge)

    return {
        "nodes": nodes,
        "edges": edges,
        "councils": list(council_index),
        # A copy through JSON: what the page gets, and nothing shared with style.groups().
        "options": json.loads(json.dumps(options(n_nodes, graph.number_of_edges()))),
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
    "seat": frozenset(ACTOR_KINDS),
    "operator": frozenset({"program"}),
    "partner": frozenset({"program"}),
    "establishedBy": frozenset({"council"}),
    "legalBasis": frozenset({"council"}),
    "hasLegalResource": frozenset({"program"}),
    "mandate": frozenset(ACTOR_KINDS),
}


def _orient(graph: nx.Graph[Any], u: Any, v: Any, relation: str) -> tuple[Any, Any]:
    """Return (source, target) of an undirected edge as the contract reads it."""
    if relation != "partOf" and relation not in _SOURCE_KINDS:
        return u, v  # either way round (shared-council, agreement, ...)
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


def _style_edge(
    edge: dict[str, Any],
    index: int,
    a: Mapping[str, Any],
    council_index: dict[str, int],
    styles: dict[tuple[str, Any, Any], EdgeStyle],
) -> None:
    """Set the vis-network style of one edge from its relation, vote and weight."""
    relation = _text(a.get("relation"))
    vote = a.get("vote")
    weight = a.get("weight")
    # edge_style reads a vote only as a string and a weight only as an int: the key of its
    # result, computed once per kind of edge.
    key = (
        relation,
        vote if isinstance(vote, str) else None,
        weight if isinstance(weight, int) and not isinstance(weight, bool) else None,
    )
    style = styles.get(key)
    if style is None:
        style = styles[key] = edge_style(relation, vote, weight)
    edge["id"] = f"e{index}"
    edge["color"] = style.colour
    edge["width"] = style.width
    if style.dashes is not None:
        edge["dashes"] = style.dashes
    if style.arrow:
        edge["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.55}}
    edge["gg"] = _stated(
        {
            "relation": relation or None,
            "label": a.get("label") or None,
            "role": a.get("role"),
            "vote": vote,
            "seats": a.get("seats"),
            "date": a.get("date"),
            "title": a.get("title"),
            "councils": [
                council_index.setdefault(c, len(council_index)) for c in _list(a.get("councils"))
            ],
            "weight": weight,
            "sources": _list(a.get("sources")),
        }
    )


def _stated(values: dict[str, Any]) -> dict[str, Any]:
    """The values that are not None: the page reads a missing one as not stated, and at 5,000
    bodies the nulls of the interlocks edges were 2 MB of the page."""
    return {key: value for key, value in values.items() if value is not None}


def _display_label(a: Mapping[str, Any], key: str) -> str:
    """Short text drawn on the canvas: the acronym if any, else the label, shortened."""
    acronym = _text(a.get("acronym"))
    if acronym:
        return acronym
    label = _text(a.get("label")) or key
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def _meta(graph: nx.Graph[Any], ui: Mapping[str, Any]) -> dict[str, Any]:
    """The view and its filters, shown under the heading (templates/macros.html: meta)."""
    view = _text(graph.graph.get("view"))
    filters = graph.graph.get("filters") or {}
    items = []
    if isinstance(filters, Mapping):
        for key, value in filters.items():
            if value in (None, "", [], ()):
                continue
            text = "; ".join(map(_text, value)) if isinstance(value, list | tuple) else _text(value)
            items.append((_text(key), text))
    return {"view": view, "view_name": ui["views"].get(view, view), "filters": items}


def _no_script_end(js: str) -> str:
    # Only "</script" ends a script element; "<\\/script" means the same in JS strings, regexes
    # and comments. (A blanket "</" -> "<\\/" would break a regex literal such as /</g.)
    return _SCRIPT_END.sub(r"<\\/\1", js)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(_no_script_end(script).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def static(name: str) -> str:
    """Return one file of govgraph.render's static/ folder (render.js, render.css, ...)."""
    return (files(_PACKAGE) / "static" / name).read_text(encoding="utf-8")


def _vis_js() -> str:
    """Return the vis-network 9.1.2 build that pyvis ships (read from the installed package,
    found without importing it: importing pyvis takes 0.3 s)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RenderError("cannot read vis-network: the pyvis package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_JS)
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
    return [v if type(v) is str else _text(v) for v in value]


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
        return templating.render(
            _PACKAGE, "frame.html", page=self.html(), name=name, height=int(self.height)
        )

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to path (through govgraph.files, as write_text)."""
        return write_text(self.html(), path)


def notebook(graph: nx.Graph[Any], **kwargs: Any) -> View:
    """Return a View that Jupyter displays inline."""
    return View(graph, **kwargs)
