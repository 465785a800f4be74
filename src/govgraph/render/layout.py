"""Where the network starts and how it moves: seeded positions, node measures, physics."""

from __future__ import annotations

import math
import random
from collections import deque
from typing import TYPE_CHECKING, Any

from govgraph.render.style import groups

if TYPE_CHECKING:
    import networkx as nx

# Above this many nodes betweenness is estimated from a fixed-seed sample of sources.
BETWEENNESS_EXACT_MAX = 2000
BETWEENNESS_SAMPLE = 100
BETWEENNESS_SEED = 42
LAYOUT_SEED = 7
IMPROVED_LAYOUT_MAX = 150
# Above this many nodes the positions come from Python (layout_positions) and the page runs
# no physics: forceAtlas2 in headless Chromium took 10 s for 5,000 nodes and 39,000 edges,
# and 2.8 s for 500 nodes and 2,500 edges that settle in 0.7 s without it.
PHYSICS_MAX = 300
# Above this many nodes hovering highlights nothing and edges hide while the view moves.
HOVER_MAX = 1000
LAYOUT_ITERATIONS = 200
LAYOUT_SPACING = 60.0


def metric(graph: nx.Graph[Any], size_by: str) -> dict[Any, float]:
    """Return each node's degree or betweenness (sampled with a fixed seed on big graphs)."""
    import networkx as nx

    if size_by == "degree":
        return {n: float(d) for n, d in graph.degree()}
    simple = nx.Graph(graph)  # betweenness counts paths, not parallel edges
    n = simple.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_EXACT_MAX else None
    result: dict[Any, float] = nx.betweenness_centrality(simple, k=k, seed=BETWEENNESS_SEED)
    return result


def options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """Return the vis-network options: physics that stabilises in bounded time, then stops
    (none above PHYSICS_MAX nodes: the nodes come with their final positions)."""
    small = n_nodes <= IMPROVED_LAYOUT_MAX
    big = n_nodes > HOVER_MAX
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": small},
        "groups": groups(),
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
        "physics": {"enabled": False} if n_nodes > PHYSICS_MAX else physics(n_nodes, n_edges),
    }


def physics(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """Return the solver and bounded stabilisation chosen by size (up to PHYSICS_MAX nodes;
    above, the page runs no physics).

    Up to IMPROVED_LAYOUT_MAX nodes vis-network places them and 1,000 iterations settle them;
    above, the seeded start (seed_positions) leaves 300 iterations enough, and a Barnes-Hut
    theta of 1 halves each iteration's time.
    """
    small = n_nodes <= IMPROVED_LAYOUT_MAX
    iterations, theta = (1000, 0.5) if small else (300, 1.0)
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


def layout_positions(
    graph: nx.Graph[Any], spacing: float = LAYOUT_SPACING, seed: int = LAYOUT_SEED
) -> dict[Any, tuple[float, float]]:
    """Return final positions: igraph's Fruchterman-Reingold (grid variant, C), from a seeded
    random start, scaled so that each node has about a square of side spacing in the drawing.

    ~0.2 s for 5,000 nodes and 39,000 edges; the same graph and seed give the same positions.
    """
    import igraph

    nodes = list(graph.nodes)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    simple = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges()])
    # igraph draws from Python's random module unless told otherwise: a seeded generator of
    # our own for this call, and the module's back afterwards.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = simple.layout_fruchterman_reingold(niter=LAYOUT_ITERATIONS, grid="grid").coords
    finally:
        igraph.set_random_number_generator(random)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    area = max((max(xs) - min(xs)) * (max(ys) - min(ys)), 1e-9)
    scale = spacing * math.sqrt(len(nodes) / area)
    return {
        node: (round((x - cx) * scale, 1), round((y - cy) * scale, 1))
        for node, (x, y) in zip(nodes, zip(xs, ys, strict=True), strict=True)
    }
