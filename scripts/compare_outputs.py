"""Record what govgraph writes, or compare it with a record: a refactoring must not change it.

    python scripts/compare_outputs.py record DIR    # exports, the published site, every viz view
    python scripts/compare_outputs.py compare DIR   # the same again; differences listed, exit 1

Exports must be byte-identical. HTML pages (site pages and network views) are compared by their
visible text (what a reader sees: text outside <script>/<style>, whitespace collapsed) and by
their links, since markup may change when it moves into templates; every other site file must be
byte-identical. Runs the govgraph beside this Python (the project's .venv).
"""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
EXPORTS = ("ttl", "nt", "nq", "jsonld", "rdfxml")
VIEWS = ("councils", "interlocks", "agreements", "programs", "legal", "all")


class _Visible(html.parser.HTMLParser):
    """Collect the visible text and the link targets of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.text.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def visible(page: bytes) -> tuple[str, list[str]]:
    """The visible text of a page (whitespace collapsed) and its links, in order."""
    parser = _Visible()
    parser.feed(page.decode("utf-8"))
    return " ".join(" ".join(parser.text).split()), parser.links


def run(*args: str, cwd: Path) -> None:
    """Run govgraph, failing loudly."""
    env = dict(os.environ, GOVGRAPH_CACHE_DIR=str(cwd / "cache"))
    subprocess.run([GOVGRAPH, *args], cwd=cwd, env=env, check=True, capture_output=True)


def record(out: Path) -> None:
    """Write every export, the site (es and en) and every view (es and en) under out."""
    out.mkdir(parents=True, exist_ok=True)
    for fmt in EXPORTS:
        run("export", "-f", fmt, "-o", str(out / f"export.{fmt}"), cwd=out)
    for lang in ("es", "en"):
        run("publish", str(out / f"site-{lang}"), "--lang", lang, cwd=out)
        for view in VIEWS:
            run("viz", view, "--lang", lang, "-o", str(out / f"viz-{view}-{lang}.html"), cwd=out)
    shutil.rmtree(out / "cache", ignore_errors=True)


def files(root: Path) -> dict[str, Path]:
    """Every file under root by its relative path."""
    return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()}


def compare(before: Path, after: Path) -> list[str]:
    """The differences between two records, one line each."""
    old, new = files(before), files(after)
    problems = [f"missing: {name}" for name in old.keys() - new.keys()]
    problems += [f"new: {name}" for name in new.keys() - old.keys()]
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name].read_bytes(), new[name].read_bytes()
        if a == b:
            continue
        if name.endswith(".html"):
            (text_a, links_a), (text_b, links_b) = visible(a), visible(b)
            if text_a != text_b:
                at = next(
                    (i for i, (x, y) in enumerate(zip(text_a, text_b, strict=False)) if x != y),
                    min(len(text_a), len(text_b)),
                )
                problems.append(
                    f"text differs: {name}: {text_a[max(0, at - 60) : at + 60]!r} "
                    f"vs {text_b[max(0, at - 60) : at + 60]!r}"
                )
            elif links_a != links_b:
                problems.append(f"links differ: {name}")
        else:
            problems.append(f"bytes differ: {name}")
    return problems


def main() -> int:
    """record DIR or compare DIR."""
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(sys.argv[2])
    if sys.argv[1] == "record":
        record(target)
        print(f"recorded {len(files(target))} files in {target}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        record(Path(tmp))
        problems = compare(target, Path(tmp))
    for line in problems:
        print(line)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
