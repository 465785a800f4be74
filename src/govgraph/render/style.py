"""How the network page looks: node colours and shapes, edge styles, and their legend."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
    "jurisdiction": "#117733",
}
KIND_SHAPES: dict[str, str] = {
    "council": "hexagon",
    "body": "dot",
    "group": "triangle",
    "program": "square",
    "law": "diamond",
    "article": "triangleDown",
    "jurisdiction": "star",
}
ACTOR_KINDS = ("body", "group")
RELATION_COLOURS: dict[str, str] = {
    "membership": "#607D8B",
    "shared-council": "#7E57C2",
    "seat": "#B39DDB",  # a seat on a council too large to draw as shared-council edges
    "agreement": "#2E7D32",
    "collaboration": "#7CB342",
    "operator": "#EF6C00",
    "partner": "#FFA726",
    "establishedBy": "#1565C0",
    "legalBasis": "#42A5F5",
    "hasLegalResource": "#00897B",
    "mandate": "#AD1457",
    "partOf": "#9E9E9E",
    "linked": "#5D4037",
}
DEFAULT_EDGE_COLOUR = "#78909C"
# Relations that read one way (program -> operator, council -> provision, article -> law).
DIRECTED_RELATIONS = frozenset(
    {"operator", "partner", "establishedBy", "legalBasis", "hasLegalResource", "mandate", "partOf"}
)
VOTE_DASHES: dict[str, list[int] | bool] = {"voz-y-voto": False, "voz-sin-voto": [6, 5]}
# Relations drawn dotted whatever their vote: a seat on a large council (the interlocks view's
# hubs) is told apart from the shared-council edges at a glance.
RELATION_DASHES: dict[str, list[int]] = {"seat": [2, 4]}
VOTE_WIDTHS: dict[str, float] = {"voz-y-voto": 3.5, "voz-sin-voto": 1.6}
EDGE_WIDTH = 1.6


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
    if relation in RELATION_DASHES:
        width, dashes = EDGE_WIDTH, RELATION_DASHES[relation]
    return EdgeStyle(colour, width, dashes, relation in DIRECTED_RELATIONS)


def vote_key(vote: Any) -> str:
    """The legend entry (and page filter) of a membership's vote: a slug, or "none"."""
    return vote if isinstance(vote, str) and vote in VOTE_WIDTHS else "none"


def node_group(a: Mapping[str, Any]) -> str:
    """The vis-network group of a node: its kind, and for actors its level too."""
    kind = a.get("kind")
    kind = "" if kind is None else str(kind)
    if kind in ACTOR_KINDS:
        level = a.get("level")
        level = "" if level is None else str(level)
        return f"{kind}-{level if level in LEVEL_COLOURS else 'none'}"
    return kind if kind in KIND_COLOURS else "other"


def groups() -> dict[str, dict[str, Any]]:
    """vis-network groups: one per actor kind and level, one per other kind."""
    result: dict[str, dict[str, Any]] = {}
    for kind in ACTOR_KINDS:
        for level, colour in LEVEL_COLOURS.items():
            result[f"{kind}-{level}"] = {"shape": KIND_SHAPES[kind], "color": _colour(colour)}
    for kind, colour in KIND_COLOURS.items():
        result[kind] = {"shape": KIND_SHAPES[kind], "color": _colour(colour)}
    result["other"] = {"shape": "dot", "color": _colour(LEVEL_COLOURS["none"])}
    return result


def _colour(fill: str) -> dict[str, Any]:
    border = shade(fill, 0.55)
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#000000"},
        "hover": {"background": fill, "border": "#000000"},
    }


def shade(colour: str, factor: float) -> str:
    """Return a #RRGGBB colour darkened by factor (the border of a node of that fill)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * factor) for c in (r, g, b)))


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


def points_text(points: list[tuple[float, float]]) -> str:
    """The points of a polygon as an SVG points attribute value."""
    return " ".join(f"{px:.2f},{py:.2f}" for px, py in points)


# --- the legend (drawn by templates/legend.html) ----------------------------------------------


def node_symbol(shape: str, fill: str) -> dict[str, Any]:
    """What the legend draws for a node shape: a circle, or a polygon's points, and colours."""
    points = shape_points(shape, 8.0, 8.0, 6.0)
    return {
        "type": "node",
        "points": None if points is None else points_text(points),
        "fill": fill,
        "border": shade(fill, 0.55),
    }


def line_symbol(style: EdgeStyle) -> dict[str, Any]:
    """What the legend draws for an edge: colour, width, dashes, arrow, as vis-network does."""
    dash = " ".join(str(d) for d in style.dashes) if isinstance(style.dashes, list) else None
    return {
        "type": "line",
        "colour": style.colour,
        "width": f"{style.width:g}",
        "dash": dash,
        "end": 21 if style.arrow else 27,
        "arrow": style.arrow,
    }


def legend(payload: Mapping[str, Any], ui: Mapping[str, Any], size_by: str) -> dict[str, Any]:
    """Legend of the shapes, colours and edge styles in the page; each entry a filter box.

    render.js hides what is unticked. Each edge entry's symbol is drawn from edge_style, as
    vis-network draws those edges: membership entries by vote.
    """
    present_groups: set[str] = {n.get("group", "other") for n in payload["nodes"]}
    kinds = [k for k in KIND_SHAPES if any(g == k or g.startswith(k + "-") for g in present_groups)]
    levels = [lv for lv in LEVEL_COLOURS if any(g.endswith("-" + lv) for g in present_groups)]
    edges = payload["edges"]
    present = {e["gg"].get("relation") for e in edges}
    votes = {
        vote_key(e["gg"].get("vote")) for e in edges if e["gg"].get("relation") == "membership"
    }

    def item(kind: str, value: str, symbol: dict[str, Any], text: str) -> dict[str, Any]:
        return {"filter": kind, "value": value, "symbol": symbol, "text": text}

    node_items = [
        item(
            "kind",
            k,
            node_symbol(KIND_SHAPES[k], KIND_COLOURS.get(k, LEVEL_COLOURS["none"])),
            ui["kinds"][k],
        )
        for k in kinds
    ]
    level_items = [
        item("level", lv, node_symbol("dot", LEVEL_COLOURS[lv]), ui["levels"][lv]) for lv in levels
    ]
    edge_items = []
    for relation in RELATION_COLOURS:
        if relation not in present:
            continue
        if relation == "membership":
            # One entry per vote, not one for the relation: each symbol is a distinct style.
            for vote in (*VOTE_WIDTHS, "none"):
                if vote in votes:
                    symbol = line_symbol(edge_style(relation, vote))
                    edge_items.append(item("vote", vote, symbol, ui["legend_votes"][vote]))
        else:
            symbol = line_symbol(edge_style(relation))
            edge_items.append(item("relation", relation, symbol, ui["relations"][relation]))
    sections = [
        {"heading": ui[key], "items": items}
        for key, items in (
            ("legend_nodes", node_items),
            ("legend_levels", level_items),
            ("legend_edges", edge_items),
        )
        if items
    ]
    return {
        "title": ui["legend"],
        "hint": ui["legend_hint"],
        "show_all": ui["show_all"],
        "size": ui["legend_size"][size_by],
        "sections": sections,
    }
