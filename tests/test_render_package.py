"""govgraph.render as a package: page, style, layout, browser; markup in templates, JS in static."""

from __future__ import annotations

import ast
import importlib
import re
from importlib.resources import files
from pathlib import Path

import pytest

from govgraph import render
from govgraph.render import browser, page
from test_render import hostile

PACKAGE = Path(render.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))
# An HTML or SVG element being opened in Python source: that markup belongs in templates/.
TAG = re.compile(
    r"<(div|a|li|ul|table|span|p|h[1-6]|b|svg|g|circle|polygon|line|path|rect|text|title|"
    r"iframe|details|summary|label|input|button|script|style|html|head|body|meta)[\s>/]"
)


def test_render_is_a_package_and_snapshot_is_gone() -> None:
    assert PACKAGE.name == "render"
    assert {m.stem for m in MODULES} >= {"__init__", "page", "style", "layout", "browser"}
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("govgraph.snapshot")


def test_modules_stay_small() -> None:
    sizes = {m.name: len(m.read_text("utf-8").splitlines()) for m in MODULES}
    assert max(sizes.values()) <= 500, sizes


def test_no_markup_in_python() -> None:
    found = [
        f"{m.name}:{n}: {line.strip()}"
        for m in MODULES
        for n, line in enumerate(m.read_text("utf-8").splitlines(), 1)
        if TAG.search(line)
    ]
    assert found == []


def test_no_javascript_in_python_strings() -> None:
    strings = [
        node.value
        for m in MODULES
        for node in ast.walk(ast.parse(m.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    code = re.compile(r"=>|\bfunction\s*\(|\b(const|let|var) \w+ =|requestAnimationFrame")
    assert [s for s in strings if code.search(s)] == []


def _imports(module: Path) -> set[str]:
    """govgraph.render submodules a module imports, at the top or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("govgraph.render."):
                names.add(node.module.rsplit(".", 1)[1])
            elif node.module == "govgraph.render":
                names.update(alias.name for alias in node.names)
            elif node.module == "govgraph":
                names.update("__init__" for alias in node.names if alias.name == "render")
        elif isinstance(node, ast.Import):
            names.update(
                a.name.rsplit(".", 1)[1]
                for a in node.names
                if a.name.startswith("govgraph.render.")
            )
    return names


def test_no_import_cycle_between_submodules() -> None:
    graph = {m.stem: _imports(m) for m in MODULES if m.stem != "__init__"}
    assert all("__init__" not in deps for deps in graph.values())

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()):
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    assert [m for m in graph if reaches(m, m, {m})] == []


def test_templates_and_static_files_ship_in_the_package() -> None:
    root = files("govgraph.render")
    for name in ("view.html", "macros.html", "frame.html", "drawing.svg"):
        assert (root / "templates" / name).is_file(), name
    for name in ("render.js", "render.css", "read_drawing.js", "fit.js"):
        assert (root / "static" / name).is_file(), name
    assert not (files("govgraph") / "assets" / "render.js").is_file()


def test_page_inlines_the_static_script_and_style() -> None:
    html = render.render(hostile())
    assert page.static("render.css") in html
    assert page.static("render.js") in html


def test_browser_scripts_are_function_expressions() -> None:
    for name in ("read_drawing.js", "fit.js"):
        assert browser._script(name).startswith("() =>")


def test_legend_and_meta_have_no_whitespace_between_tags() -> None:
    html = render.render(hostile())
    legend = html[html.index('<details id="gg-legend"') : html.index("</details>")]
    meta = html[html.index('<div id="gg-meta">') : html.index('<div id="gg-search"')]
    assert "\n" not in legend
    assert meta.endswith("</div></div>\n")
    assert meta.count("\n") == 1


def test_public_names_are_re_exported() -> None:
    from govgraph.render import (  # noqa: F401
        View,
        edge_style,
        export_svg,
        notebook,
        page_data,
        screenshot,
        script_json,
        vote_key,
        write,
        write_text,
    )

    assert render.render is page.render
    assert render.screenshot is browser.screenshot
