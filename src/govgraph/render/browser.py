"""Open a network page in Debian's headless Chromium (through Playwright) and photograph it.

Every request that is not for a local file is aborted and recorded, so a page that tries
to reach the network is caught instead of silently working online. The pictures: a PNG
screenshot, and an SVG of what vis-network drew (templates/drawing.svg).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph import templating
from govgraph.errors import RenderError
from govgraph.files import check_output, write_output
from govgraph.render.page import static, write_text
from govgraph.render.style import points_text, shape_points

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

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass
class LoadedPage:
    """A page loaded and stabilised, with what it tried to fetch and what it complained about."""

    page: Any
    url: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    stabilized_ms: float = 0.0


def chromium_path() -> str:
    """Return Debian's Chromium, or raise RenderError saying how to install it."""
    path = os.environ.get("GOVGRAPH_CHROMIUM", CHROMIUM)
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        raise RenderError(f"Chromium is not installed at {path}: {INSTALL_BROWSER}")
    return path


def _sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise RenderError(f"Playwright for Python is not installed: {INSTALL_BROWSER}") from err
    return sync_playwright


@contextmanager
def launch() -> Iterator[Any]:
    """Start Debian's headless Chromium (fresh profile, no background networking)."""
    executable = chromium_path()
    sync_playwright = _sync_playwright()
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(
                executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
            )
        except Exception as err:  # Playwright's own error types vary between releases
            raise RenderError(f"Chromium at {executable} did not start: {err}") from err
        try:
            yield chromium
        finally:
            chromium.close()


@contextmanager
def _page_file(source: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to the page: the file given, or the HTML string written to a temporary file."""
    if isinstance(source, str) and source.lstrip().startswith("<"):
        with tempfile.TemporaryDirectory(prefix="govgraph-page-") as tmp:
            yield write_text(source, Path(tmp) / "page.html")
    else:
        path = Path(source)
        if not path.is_file():
            raise RenderError(f"no such page: {path}")
        yield path.resolve()


@contextmanager
def open_page(
    source: str | os.PathLike[str],
    *,
    width: int = 1600,
    height: int = 1000,
    timeout: float = 60,
    chromium: Any = None,
    stabilize: bool = True,
) -> Iterator[LoadedPage]:
    """Load a page (path or HTML), block every non-file request, wait until physics stopped.

    stabilize=False is for pages without a network view (the static site's pages): the page
    is ready once loaded.
    """
    with contextlib_nullable(chromium) as running, _page_file(source) as path:
        context = running.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=1
        )
        try:
            page = context.new_page()
            loaded = LoadedPage(page=page, url=path.as_uri())

            def route(r: Any) -> None:
                url = r.request.url
                if url.startswith(LOCAL_SCHEMES):
                    r.continue_()
                else:
                    loaded.blocked.append(url)
                    r.abort("blockedbyclient")

            context.route("**/*", route)
            page.on(
                "console",
                lambda m: loaded.errors.append(f"console: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: loaded.errors.append(f"pageerror: {e}"))

            def dialog(d: Any) -> None:
                loaded.dialogs.append(f"{d.type}: {d.message}")
                d.dismiss()

            page.on("dialog", dialog)
            page.set_default_timeout(timeout * 1000)
            page.goto(loaded.url, wait_until="load")
            if not stabilize:
                yield loaded
                return
            try:
                # A selector, not wait_for_function: the page's CSP forbids eval.
                page.wait_for_selector(
                    "body[data-stabilized='true']", state="attached", timeout=timeout * 1000
                )
            except Exception as err:
                detail = "; ".join(loaded.errors) or str(err).splitlines()[0]
                raise RenderError(f"the page did not stabilise in {timeout:g} s: {detail}") from err
            loaded.stabilized_ms = float(page.evaluate("window.govgraph.timings.stabilized"))
            yield loaded
        finally:
            context.close()


@contextmanager
def contextlib_nullable(chromium: Any) -> Iterator[Any]:
    """Use the browser given, or start one for this page only."""
    if chromium is not None:
        yield chromium
    else:
        with launch() as started:
            yield started


def fit(page: Any) -> None:
    """Fit the whole network in the view and wait until it is drawn."""
    page.evaluate(_script("fit.js"))


def capture(
    source: str | os.PathLike[str],
    *,
    png_path: str | os.PathLike[str] | None,
    svg_path: str | os.PathLike[str] | None = None,
    width: int = 1600,
    height: int = 1000,
    timeout: float = 60,
    chromium: Any = None,
) -> dict[str, Any]:
    """Save a PNG screenshot and/or a faithful SVG of a page once its physics stopped."""
    if png_path is None and svg_path is None:
        raise RenderError("nothing to save: give a PNG path, an SVG path or both")
    for picture in (png_path, svg_path):
        if picture is not None:
            check_output(picture, RenderError)  # before Chromium starts
    started = time.perf_counter()
    with open_page(
        source, width=width, height=height, timeout=timeout, chromium=chromium
    ) as loaded:
        fit(loaded.page)
        if png_path is not None:
            # In memory, then through govgraph.files: a full disk leaves no empty file.
            write_output(png_path, loaded.page.screenshot(), RenderError)
        if svg_path is not None:
            drawn = loaded.page.evaluate(_script("read_drawing.js"))
            write_text(drawing_svg(drawn), svg_path)
        counts = loaded.page.evaluate(
            "[window.govgraph.nodes.length, window.govgraph.edges.length]"
        )
        return {
            "blocked": list(loaded.blocked),
            "errors": list(loaded.errors),
            "stabilized_ms": loaded.stabilized_ms,
            "nodes": counts[0],
            "edges": counts[1],
            "seconds": time.perf_counter() - started,
        }


def _script(name: str) -> str:
    """A function expression from static/ for page.evaluate, its leading comment lines cut."""
    lines = static(name).splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines)


_COLOUR = re.compile(
    r"#[0-9A-Fa-f]{3,8}|rgba?\(\s*[0-9.]+\s*,\s*[0-9.]+\s*,\s*[0-9.]+\s*(,\s*[0-9.]+\s*)?\)|[a-zA-Z]{3,20}"
)
_FONT = re.compile(r"[A-Za-z0-9 ,'\"-]{1,120}")


def _colour(value: Any, default: str = "#000000") -> str:
    text = str(value) if value is not None else ""
    return text if _COLOUR.fullmatch(text) else default


def _num(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def drawing_svg(drawn: dict[str, Any]) -> str:
    """Return an SVG of what vis-network drew: one group per edge, then one group per node."""
    xs: list[float] = []
    ys: list[float] = []
    edges: list[dict[str, Any]] = []
    for e in drawn["edges"]:
        if e.get("hidden"):
            continue
        fx, fy = _num(e["from"]["x"]), _num(e["from"]["y"])
        tx, ty = _num(e["to"]["x"]), _num(e["to"]["y"])
        via = e.get("via")
        if e.get("circle"):
            c = e["circle"]
            cx, cy, r = _num(c["x"]), _num(c["y"]), _num(c["r"])
            arc = f"a {r:.2f} {r:.2f} 0 1 0"
            d = f"M {cx - r:.2f} {cy:.2f} {arc} {2 * r:.2f} 0 {arc} {-2 * r:.2f} 0"
        elif isinstance(via, list) and len(via) == 2:
            (ax, ay), (bx, by) = ((_num(p["x"]), _num(p["y"])) for p in via)
            d = f"M {fx:.2f} {fy:.2f} C {ax:.2f} {ay:.2f} {bx:.2f} {by:.2f} {tx:.2f} {ty:.2f}"
        elif isinstance(via, dict):
            vx, vy = _num(via["x"]), _num(via["y"])
            d = f"M {fx:.2f} {fy:.2f} Q {vx:.2f} {vy:.2f} {tx:.2f} {ty:.2f}"
        else:
            d = f"M {fx:.2f} {fy:.2f} L {tx:.2f} {ty:.2f}"
        arrow = e.get("arrow")
        head = None
        if arrow:
            # vis-network's "arrow" end point, in its own units, turned and scaled like the canvas.
            px, py = _num(arrow["x"]), _num(arrow["y"])
            angle, length = _num(arrow["angle"]), _num(arrow["length"])
            shape = [(0.0, 0.0), (-1.0, 0.3), (-0.9, 0.0), (-1.0, -0.3)]
            cos, sin = math.cos(angle), math.sin(angle)
            head = points_text(
                [
                    (px + length * (sx * cos - sy * sin), py + length * (sx * sin + sy * cos))
                    for sx, sy in shape
                ]
            )
        edges.append(
            {
                "id": str(e["id"]),
                "opacity": f"{_num(e.get('opacity'), 1.0):g}",
                "d": d,
                "colour": _colour(e.get("color"), "#848484"),
                "width": f"{_num(e.get('width'), 1.0):g}",
                "dash": " ".join(f"{_num(x):g}" for x in e["dashes"]) if e.get("dashes") else None,
                "arrow": head,
            }
        )
        xs += [fx, tx]
        ys += [fy, ty]

    nodes: list[dict[str, Any]] = []
    for n in drawn["nodes"]:
        if n.get("hidden"):
            continue
        x, y, r = _num(n["x"]), _num(n["y"]), _num(n["size"], 10.0)
        points = shape_points(str(n.get("shape")), x, y, r)
        font = n.get("font") or {}
        size = _num(font.get("size"), 14.0)
        face = str(font.get("face") or "sans-serif")
        halo = _num(font.get("strokeWidth"), 0.0)
        texts = []
        for line in n.get("lines") or []:
            ly = _num(line["y"])
            texts.append({"y": f"{ly:.2f}", "text": str(line["text"])})
            ys.append(ly + size * 1.2)
        width = _num((n.get("label") or {}).get("width"), 0.0)
        xs += [x - r, x + r, x - width / 2, x + width / 2]
        ys += [y - r, y + r]
        nodes.append(
            {
                "id": str(n["id"]),
                "opacity": f"{_num(n.get('opacity'), 1.0):g}",
                "x": f"{x:.2f}",
                "y": f"{y:.2f}",
                "r": f"{r:.2f}",
                "points": None if points is None else points_text(points),
                "fill": _colour(n.get("fill"), "#97C2FC"),
                "stroke": _colour(n.get("stroke"), "#2B7CE9"),
                "border": f"{_num(n.get('borderWidth'), 1.0):g}",
                "size": f"{size:g}",
                "face": face if _FONT.fullmatch(face) else "sans-serif",
                "colour": _colour(font.get("color"), "#343434"),
                "halo": {
                    "colour": _colour(font.get("strokeColor"), "#FFFFFF"),
                    "width": f"{halo:g}",
                }
                if halo > 0
                else None,
                "texts": texts,
            }
        )

    margin = 20.0
    left, top = (min(xs) - margin, min(ys) - margin) if xs else (0.0, 0.0)
    right, bottom = (max(xs) + margin, max(ys) + margin) if xs else (100.0, 100.0)
    w, h = right - left, bottom - top
    box = {
        "left": f"{left:.2f}",
        "top": f"{top:.2f}",
        "width": f"{w:.2f}",
        "height": f"{h:.2f}",
        "w": f"{w:.0f}",
        "h": f"{h:.0f}",
    }
    return templating.render("govgraph.render", "drawing.svg", box=box, edges=edges, nodes=nodes)


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
    reuses a browser from launch(); by default one is started and closed. The
    pictures are made in memory and written through govgraph.files (checked before Chromium
    starts), so a full disk leaves no empty file.
    """
    return capture(
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
