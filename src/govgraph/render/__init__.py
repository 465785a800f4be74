"""Network views as one self-contained HTML page, and pictures of it (headless Chromium).

page builds the page (View, render, page_data) from templates/view.html and static/; style
holds the colours, shapes, edge styles and legend; layout the seeded positions and physics;
browser opens a page in Chromium and saves PNG and SVG pictures.
"""

from __future__ import annotations

from govgraph.namespaces import LANGS
from govgraph.render.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTALL_BROWSER,
    LOCAL_SCHEMES,
    LoadedPage,
    capture,
    chromium_path,
    drawing_svg,
    export_svg,
    launch,
    open_page,
    screenshot,
)
from govgraph.render.layout import (
    BETWEENNESS_EXACT_MAX,
    BETWEENNESS_SAMPLE,
    BETWEENNESS_SEED,
    IMPROVED_LAYOUT_MAX,
    LAYOUT_SEED,
    PHYSICS_MAX,
    layout_positions,
    seed_positions,
)
from govgraph.render.page import (
    View,
    notebook,
    page_data,
    paused_gc,
    render,
    write,
    write_text,
)
from govgraph.render.style import (
    ACTOR_KINDS,
    DIRECTED_RELATIONS,
    EDGE_WIDTH,
    KIND_COLOURS,
    KIND_SHAPES,
    LEVEL_COLOURS,
    RELATION_COLOURS,
    VOTE_DASHES,
    VOTE_WIDTHS,
    EdgeStyle,
    edge_style,
    shape_points,
    vote_key,
)
from govgraph.render.ui import SIZE_BY, UI, SizeBy
from govgraph.templating import script_json

__all__ = [
    "ACTOR_KINDS",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_SAMPLE",
    "BETWEENNESS_SEED",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "DIRECTED_RELATIONS",
    "EDGE_WIDTH",
    "IMPROVED_LAYOUT_MAX",
    "INSTALL_BROWSER",
    "KIND_COLOURS",
    "KIND_SHAPES",
    "LANGS",
    "LAYOUT_SEED",
    "LEVEL_COLOURS",
    "LOCAL_SCHEMES",
    "PHYSICS_MAX",
    "RELATION_COLOURS",
    "SIZE_BY",
    "UI",
    "VOTE_DASHES",
    "VOTE_WIDTHS",
    "EdgeStyle",
    "LoadedPage",
    "SizeBy",
    "View",
    "capture",
    "chromium_path",
    "drawing_svg",
    "edge_style",
    "export_svg",
    "launch",
    "layout_positions",
    "notebook",
    "open_page",
    "page_data",
    "paused_gc",
    "render",
    "screenshot",
    "script_json",
    "seed_positions",
    "shape_points",
    "vote_key",
    "write",
    "write_text",
]
