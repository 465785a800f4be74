"""What the publish tests share: the real site built once per session, a page reader, a server."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import io
import posixpath
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html5rdf
import pytest
import rdflib

from conftest import DATA, ONTOLOGY, REPO
from govgraph import publish
from govgraph.resources import default_sources
from govgraph.store import Backend, open_backend

BASE = publish.DEFAULT_BASE


GG = "https://w3id.org/govgraph/"


VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")


SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


# Elements without an end tag (HTML "void elements").
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


# render's network page inlines vis-network, whose core-js copy holds a literal U+0085:
# a WHATWG parse error ("control character in input stream") of that page, not of ours.
STRICT_EXEMPT: set[str] = set()  # every page passes, the network view included


MINI = [ONTOLOGY, DATA]


ARTIFACTS = REPO / "test-artifacts"


@dataclass
class Page:
    """What a page holds, as html.parser sees it, with its well-formedness problems."""

    path: Path
    problems: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # href and src values
    titles: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    html_lang: str | None = None
    charset: str | None = None
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    text: str = ""


class _Checker(HTMLParser):
    """Balanced tags, one <title>, <html lang>, meta charset, ids; links and scripts."""

    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.capture: str | None = None
        self.buffer: list[str] = []
        self.script_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if len(values) != len(attrs):
            self.page.problems.append(f"<{tag}> repeats an attribute")
        if tag == "html":
            self.page.html_lang = values.get("lang")
        if tag == "meta" and "charset" in values:
            self.page.charset = values["charset"]
        if values.get("id") is not None:
            self.page.ids.append(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.page.links.append(str(values[name]))
        # an SVG's <title> names the drawing (its accessible name), not the document
        if tag in ("title", "h1", "script") and "svg" not in self.stack:
            self.capture, self.buffer = tag, []
            self.script_attrs = values
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            if not {"svg", "math"} & set(self.stack):  # self-closing is for foreign content
                self.page.problems.append(f"<{tag}/> is not a void element")
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            self.page.problems.append(f"</{tag}> closes a void element")
            return
        if not self.stack or self.stack[-1] != tag:
            self.page.problems.append(f"</{tag}> does not close <{self.stack[-1:]}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == self.capture:
            text = "".join(self.buffer)
            if tag == "title":
                self.page.titles.append(text)
            elif tag == "h1":
                self.page.h1.append(text)
            else:
                self.page.scripts.append((self.script_attrs, text))
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.buffer.append(data)


def read_page(path: Path) -> Page:
    text = path.read_text("utf-8")
    page = Page(path, text=text)
    checker = _Checker(page)
    checker.feed(text)
    checker.close()
    if checker.stack:
        page.problems.append(f"unclosed elements: {checker.stack}")
    return page


def well_formed(page: Page) -> list[str]:
    """Everything wrong with a page; [] when it is fine."""
    problems = list(page.problems)
    if not page.text.startswith("<!DOCTYPE html>"):
        problems.append("no <!DOCTYPE html> first")
    if not page.html_lang:
        problems.append("no lang on <html>")
    if (page.charset or "").lower() != "utf-8" or page.text.find("charset") > 1024:
        problems.append("no <meta charset=utf-8> in the first 1024 bytes")
    if len(page.titles) != 1 or not page.titles[0].strip():
        problems.append(f"{len(page.titles)} <title> elements")
    if len(page.h1) != 1:
        problems.append(f"{len(page.h1)} <h1> elements")
    repeated = sorted({i for i in page.ids if page.ids.count(i) > 1})
    if repeated:
        problems.append(f"duplicate ids {repeated}")
    return problems


def strict_errors(path: Path) -> list[str]:
    """WHATWG parse errors of a page (html5rdf in strict mode stops at the first)."""
    parser = html5rdf.HTMLParser(strict=True)
    try:
        parser.parse(path.read_text("utf-8"))
    except html5rdf.html5parser.ParseError as err:
        return [str(err)]
    return []


def entity_path(site: Path, iri: str) -> tuple[Path, str | None]:
    local = iri[len(BASE) :]
    doc, _, fragment = local.partition("#")
    return site / f"{doc}.html", fragment or None


def files_of(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session", name="built")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, publish.Summary]:
    out = tmp_path_factory.mktemp("published") / "site"
    return out, publish.publish(out)


@pytest.fixture(scope="session", name="site")
def fixture_site(built: tuple[Path, publish.Summary]) -> Path:
    return built[0]


@pytest.fixture(scope="session", name="kg")
def fixture_kg() -> Backend:
    return open_backend()


@pytest.fixture(scope="session", name="triples")
def fixture_triples() -> int:
    """The statements of the bundled graph (the union of its graphs), counted apart."""
    dataset = publish.load_dataset()
    return len({quad.triple for quad in dataset})


@pytest.fixture(scope="session", name="typed")
def fixture_typed(kg: Backend) -> list[str]:
    rows = kg.query(
        f"""SELECT DISTINCT ?s WHERE {{ ?s a ?type .
        FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{GG}")) }} ORDER BY ?s"""
    ).rows
    return [str(row[0]) for row in rows]


@pytest.fixture(scope="session", name="pages")
def fixture_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def crawl(site: Path, pages: dict[str, Page]) -> tuple[list[str], set[str], set[str]]:
    """Follow every link from the home page: broken links, pages reached, external links."""
    broken: list[str] = []
    external: set[str] = set()
    reached = {"index.html"}
    queue = ["index.html"]
    while queue:
        current = queue.pop()
        for link in pages[current].links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or link.startswith("//"):
                assert parts.scheme in ("http", "https"), f"{current}: {link}"
                external.add(link)
                continue
            target = current
            if parts.path:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(current), urllib.parse.unquote(parts.path))
                )
            if target.startswith("../") or not (site / target).is_file():
                broken.append(f"{current} -> {link}")
                continue
            if parts.fragment and parts.fragment not in pages[target].ids:
                broken.append(f"{current} -> {link} (no such anchor)")
            if target.endswith(".html") and target not in reached:
                reached.add(target)
                queue.append(target)
    return broken, reached, external


@pytest.fixture(scope="session", name="server")
def fixture_server(site: Path) -> Iterator[tuple[str, int]]:
    with serving(site) as address:
        yield address


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, int]]:
    """govgraph's own site server on 127.0.0.1 (a free port) in a thread, for the block."""
    httpd = publish.make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield "127.0.0.1", httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def fetch(
    server: tuple[str, int], path: str, accept: str | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    try:
        headers = {"Accept": accept} if accept is not None else {}
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


SEZAMI = "/id/mx-zac/body/sezami"


HOSTILE = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix body: <https://w3id.org/govgraph/id/mx-zac/body/> .
@prefix seat: <https://w3id.org/govgraph/id/mx-zac/membership/> .
@prefix council: <https://w3id.org/govgraph/id/mx-zac/council/> .

body:bad a org:Organization , cv:PublicOrganisation ;
    skos:prefLabel "<script>alert(1)</script>"@es , "</script><img src=x onerror=alert(2)>"@en ;
    skos:altLabel "\\" onmouseover=\\"alert(3)" ;
    dcterms:description "<b>negrita</b> & <!-- comentario -->"@es ;
    rdfs:seeAlso <javascript:alert(4)> ;
    org:subOrganizationOf body:good .

body:good a org:Organization ;
    skos:prefLabel "Buena"@es .

council:c a gg:Council , org:OrganizationalCollaboration ;
    skos:prefLabel "Consejo <i>c</i>"@es .

seat:c-bad a org:Membership ;
    skos:prefLabel "<svg onload=alert(5)>"@es ;
    org:organization council:c ; org:member body:bad ;
    gg:evidence "</blockquote><script>alert(6)</script>"@es .

<https://w3id.org/govgraph/id/mx-zac/body/..%2F..%2Fevil> a org:Organization ;
    skos:prefLabel "Camino"@es .
"""


@pytest.fixture(name="hostile_site")
def fixture_hostile_site(tmp_path: Path) -> Path:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, "utf-8")
    out = tmp_path / "site"
    summary = publish.publish(out, paths=default_sources([data]))
    assert summary.skipped == (f"{BASE}id/mx-zac/body/..%2F..%2Fevil",)
    return out


ELSEWHERE = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix level: <https://w3id.org/govgraph/vocab/level/> .
@prefix body: <https://example.org/kg/body/> .
@prefix council: <https://example.org/kg/council/> .
@prefix seat: <https://example.org/kg/membership/> .

body:a a org:Organization ; skos:prefLabel "Instituto A"@es ; org:classification level:estatal .
council:c a gg:Council , org:OrganizationalCollaboration ; skos:prefLabel "Consejo C"@es .
seat:c-a a org:Membership ; org:organization council:c ; org:member body:a ;
    gg:evidence "A integra C."@es .
"""


def cli(*args: str) -> Any:
    """Run govgraph in-process; never a traceback."""
    from click.testing import CliRunner

    from govgraph.cli import govgraph

    result = CliRunner().invoke(govgraph, list(args))
    assert "Traceback" not in result.output
    return result


def _dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True
