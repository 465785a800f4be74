"""The static linked-data site: every entity has a page, every link resolves, pages are valid
HTML, the RDF beside and inside each page is the entity's description, a real HTTP server
negotiates by Accept, data is escaped, rebuilds are atomic and repeatable."""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import posixpath
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html5rdf
import pyoxigraph
import pytest
import rdflib

from conftest import DATA, ONTOLOGY, REPO
from govgraph import progress, publish, snapshot
from govgraph.errors import PublishError
from govgraph.load import load_graph
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
        if tag in ("title", "h1", "script"):
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


# ---------------------------------------------------------------------------------------------
# The real site, built once
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, publish.Summary]:
    out = tmp_path_factory.mktemp("published") / "site"
    return out, publish.publish(out)


@pytest.fixture(scope="module")
def site(built: tuple[Path, publish.Summary]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def kg() -> Backend:
    return open_backend()


@pytest.fixture(scope="module")
def triples() -> int:
    """The statements of the bundled graph (the union of its graphs), counted apart."""
    dataset = publish.load_dataset()
    return len({quad.triple for quad in dataset})


@pytest.fixture(scope="module")
def typed(kg: Backend) -> list[str]:
    rows = kg.query(
        f"""SELECT DISTINCT ?s WHERE {{ ?s a ?type .
        FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{GG}")) }} ORDER BY ?s"""
    ).rows
    return [str(row[0]) for row in rows]


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def test_summary_counts(
    built: tuple[Path, publish.Summary], typed: list[str], triples: int
) -> None:
    out, summary = built
    assert summary.outdir == out.absolute()
    assert summary.entities == len(typed) == 623
    assert summary.skipped == ()
    assert summary.triples == triples > 6000
    assert summary.pages == sum(1 for _ in out.rglob("*.html"))
    assert summary.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert summary.bytes == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert str(summary).startswith(f"wrote {summary.pages} pages (623 entities, {triples} triples;")
    assert not [p for p in out.parent.iterdir() if p.name != "site"]  # no temporary directory


def test_every_typed_iri_has_its_page_and_rdf(site: Path, typed: list[str]) -> None:
    """One page per typed IRI (hash IRIs: an anchor on their document's page)."""
    missing = []
    for iri in typed:
        page, fragment = entity_path(site, iri)
        if not page.is_file():
            missing.append(iri)
            continue
        if not page.with_suffix(".ttl").is_file() or not page.with_suffix(".jsonld").is_file():
            missing.append(f"{iri} (RDF)")
        if fragment and f'id="{fragment}"' not in page.read_text("utf-8"):
            missing.append(f"{iri} (anchor)")
    assert missing == []
    assert (site / "id/mx-zac/body/sezami.html").is_file()
    assert (site / "id/mx-zac/body/sezami.ttl").is_file()
    assert (site / "id/mx-zac/body/sezami.jsonld").is_file()
    assert (site / "id/mx-zac/law/ley-atencion-migrantes-2018/art-14/frac-vi.html").is_file()
    for name in ("index.html", "network.html", "ontology.html", "void.ttl", ".htaccess"):
        assert (site / name).is_file(), name
    for fmt in ("ttl", "nt", "nq", "jsonld"):
        assert (site / f"dumps/govgraph.{fmt}").stat().st_size > 100_000


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


def test_crawl_from_home_reaches_every_page_and_every_link_resolves(
    site: Path, pages: dict[str, Page]
) -> None:
    broken, reached, _ = crawl(site, pages)
    assert broken == []
    assert reached == set(pages)


def test_pages_are_valid_html(pages: dict[str, Page], site: Path) -> None:
    problems = {name: well_formed(page) for name, page in pages.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    strict = {name: strict_errors(site / name) for name in pages if name not in STRICT_EXEMPT}
    assert {name: found for name, found in strict.items() if found} == {}
    assert all(page.html_lang == "es" for name, page in pages.items())


def test_entity_page_shows_both_directions_with_sources_and_quotes(
    pages: dict[str, Page],
) -> None:
    covam = pages["id/mx-zac/council/covam.html"]
    assert covam.h1 == ["Comité de Validación y Atención a Migrantes"]
    assert covam.titles == ["Comité de Validación y Atención a Migrantes · govgraph"]
    text = covam.text
    assert 'lang="en">Migrant Validation and Assistance Committee<' in text
    # out: its legal basis; in: the seven memberships, each with its member, source and quote
    assert 'href="../law/lineamientos-covam-2022.html"' in text
    for member in ("../body/sezami.html", "../body/secretaria-finanzas.html"):
        assert f'href="{member}"' in text
    assert text.count('href="../membership/') == 7
    assert 'href="../report/sec-3-1.html"' in text
    assert "<blockquote>validados por el Comité de Validación y Atención a Migrantes" in text
    assert 'href="covam.ttl"' in text
    assert 'href="covam.jsonld"' in text
    # a membership page: its source section and its verbatim quote
    seat = pages["id/mx-zac/membership/covam-sezami.html"].text
    assert 'href="../report/sec-3-1.html"' in seat
    assert "<blockquote>validados por el Comité" in seat
    # external IRIs stay external, absolute links
    assert 'class="ext" href="http://www.w3.org/ns/org#role" rel="external"' in seat


def test_ontology_page_documents_terms_and_schemes(pages: dict[str, Page]) -> None:
    ontology = pages["ontology.html"]
    for term in ("Council", "Finding", "votingRight", "evidence", "legalBasis"):
        assert term in ontology.ids
    text = ontology.text
    assert "Órgano colegiado de coordinación" in text  # skos:definition es
    assert '<span lang="en">A collegiate coordination body' in text  # and en
    assert 'href="http://www.w3.org/ns/org#OrganizationalCollaboration"' in text  # alignment
    assert 'href="vocab/migof/dimensiones.html"' in text  # a concept scheme
    assert 'href="vocab/migof/alianzas.html"' in text  # and its concepts
    assert 'href="type/council.html">Instancias: 11</a>' in text


def test_indexes_and_home(pages: dict[str, Page], site: Path) -> None:
    home = pages["index.html"].text
    assert '<iframe class="network" src="network.html"' in home
    assert '<a href="type/council.html"><span class="count">11</span>Consejos</a>' in home
    assert 'href="dimension/alianzas.html"' in home
    councils = pages["type/council.html"]
    assert councils.text.count('href="../id/mx-zac/council/') == 11
    alianzas = pages["dimension/alianzas.html"].text
    assert alianzas.count('class="finding"') == 8
    assert 'href="../id/mx-zac/finding/3-1-casa-migrante-sembrando-esperanza.html"' in alianzas
    network = (site / "network.html").read_text("utf-8")
    assert "Consejos y sus integrantes" in network
    assert "<script src=" not in network
    assert "https://" not in network.split("<script")[0]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_rdf_beside_and_inside_each_page_is_its_description(
    site: Path, pages: dict[str, Page], typed: list[str]
) -> None:
    whole = load_graph()
    docs = sorted({entity_path(site, iri)[0] for iri in typed})
    for page_path in docs:
        name = page_path.relative_to(site).as_posix()
        blocks = [
            text
            for attrs, text in pages[name].scripts
            if attrs.get("type") == "application/ld+json"
        ]
        assert len(blocks) == 1, name
        assert "</script" not in blocks[0].lower()
        embedded = json.loads(blocks[0])
        assert embedded == json.loads(page_path.with_suffix(".jsonld").read_text("utf-8")), name
    # Through rdflib (context embedded: no network): same triples as the Turtle, and the
    # entity's own statements are all there.
    sample = [
        f"{BASE}id/mx-zac/body/sezami",
        f"{BASE}id/mx-zac/council/covam",
        f"{BASE}id/mx-zac/membership/covam-sezami",
        f"{BASE}id/mx-zac/finding/3-1-casa-migrante-sembrando-esperanza",
        f"{BASE}id/mx-zac/law/ley-atencion-migrantes-2018/art-14/frac-vi",
        f"{BASE}vocab/migof/alianzas",
        f"{BASE}ontology",
    ]
    for iri in sample:
        page_path, _ = entity_path(site, iri)
        block = next(
            text
            for attrs, text in read_page(page_path).scripts
            if attrs.get("type") == "application/ld+json"
        )
        from_jsonld = rdflib.Graph().parse(data=block, format="json-ld")
        from_turtle = rdflib.Graph().parse(page_path.with_suffix(".ttl"), format="turtle")
        assert set(from_jsonld) == set(from_turtle), iri
        own = set(whole.triples((rdflib.URIRef(iri), None, None)))
        assert own, iri
        assert own <= set(from_jsonld), iri
        for _, _, obj in own:
            if isinstance(obj, rdflib.URIRef) and (obj, SKOS.prefLabel, None) in whole:
                assert (obj, SKOS.prefLabel, None) in from_turtle, (iri, obj)


def test_void_describes_the_dataset(site: Path, triples: int) -> None:
    void = rdflib.Graph().parse(site / "void.ttl", format="turtle")
    dataset = rdflib.URIRef(f"{BASE}void.ttl#dataset")
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in void
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in void
    assert void.value(dataset, VOID.triples).toPython() == triples
    vocabularies = {str(v) for v in void.objects(dataset, VOID.vocabulary)}
    assert {
        "http://www.w3.org/ns/org#",
        "http://data.europa.eu/eli/ontology#",
        "http://purl.org/vocab/cpsv#",
        "http://data.europa.eu/m8g/",
        "http://www.w3.org/2004/02/skos/core#",
        "http://purl.org/dc/terms/",
        "http://www.w3.org/ns/prov#",
    } <= vocabularies
    dumps = {str(d) for d in void.objects(dataset, VOID.dataDump)}
    assert dumps == {f"{BASE}dumps/govgraph.{fmt}" for fmt in ("ttl", "nt", "nq", "jsonld")}
    assert (dataset, DCTERMS.license, rdflib.URIRef(publish.LICENSE)) in void
    assert (dataset, DCTERMS.source, rdflib.URIRef(f"{BASE}id/mx-zac/report/igm-zacatecas")) in void
    assert "OIM" in str(void.value(dataset, DCTERMS.rights))
    assert void.value(dataset, VOID.sparqlEndpoint) is None
    partitions = {
        str(void.value(p, VOID["class"])): void.value(p, VOID.entities).toPython()
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions["https://w3id.org/govgraph/ontology#Council"] == 11
    sizes = {
        str(void.value(d, DCAT.downloadURL)): void.value(d, DCAT.byteSize).toPython()
        for d in void.objects(dataset, DCAT.distribution)
    }
    assert sizes[f"{BASE}dumps/govgraph.nt"] == (site / "dumps/govgraph.nt").stat().st_size
    quads = pyoxigraph.parse(
        path=str(site / "dumps/govgraph.nq"), format=pyoxigraph.RdfFormat.N_QUADS
    )
    assert len(list(quads)) == len(publish.load_dataset())


def test_publish_is_deterministic(site: Path, tmp_path: Path) -> None:
    again = publish.publish(tmp_path / "again")
    assert files_of(again.outdir) == files_of(site)


# ---------------------------------------------------------------------------------------------
# Content negotiation, through a real server on 127.0.0.1
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[tuple[str, int]]:
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


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        (None, ".html"),
        ("*/*", ".html"),
        ("text/html", ".html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/json", ".jsonld"),
        ("text/html;q=0.5, text/turtle", ".ttl"),
        ("application/ld+json;q=0.9, text/turtle;q=0.8, text/html;q=0.1", ".jsonld"),
        ("application/rdf+xml, text/turtle;q=0.9, */*;q=0.1", ".ttl"),
        ("text/*", ".html"),
        ("application/*", ".jsonld"),
        ("text/html;q=0, */*;q=0.5", ".ttl"),
        ("TEXT/Turtle ; Q=1", ".ttl"),
    ],
)
def test_same_iri_negotiates_by_accept(
    server: tuple[str, int], site: Path, accept: str | None, suffix: str
) -> None:
    status, headers, body = fetch(server, SEZAMI, accept)
    assert status == 200
    assert headers["vary"] == "Accept"
    assert headers["content-location"] == f"sezami{suffix}"
    assert headers["content-type"] == publish.CONTENT_TYPES[suffix]
    assert body == (site / f"id/mx-zac/body/sezami{suffix}").read_bytes()
    assert '<sezami.ttl>; rel="alternate"; type="text/turtle"' in headers["link"]


def test_negotiated_bodies_parse(server: tuple[str, int]) -> None:
    _, headers, body = fetch(server, SEZAMI, "text/html")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert b"<h1>" in body
    _, headers, body = fetch(server, SEZAMI, "text/turtle")
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
    label = rdflib.Literal("Secretaría del Zacatecano Migrante", lang="es")
    assert (rdflib.URIRef(BASE + SEZAMI[1:]), SKOS.prefLabel, label) in graph
    _, headers, body = fetch(server, SEZAMI, "application/ld+json")
    assert headers["content-type"] == "application/ld+json"
    assert json.loads(body)["@graph"][0]["id"] == "body:sezami"


def test_server_edges(server: tuple[str, int]) -> None:
    status, headers, body = fetch(server, SEZAMI, "image/png")
    assert (status, headers["vary"]) == (406, "Accept")
    assert b"sezami.ttl" in body
    status, headers, _ = fetch(server, SEZAMI + ".ttl", "text/html")  # a file is itself
    assert status == 200
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    assert "vary" not in headers
    status, headers, body = fetch(server, SEZAMI, "text/turtle", method="HEAD")
    assert (status, body) == (200, b"")
    assert int(headers["content-length"]) > 0
    status, headers, body = fetch(server, "/")
    assert status == 200
    assert b'<iframe class="network"' in body
    status, headers, _ = fetch(server, "/ontology", "text/turtle")
    assert status == 200
    assert headers["content-location"] == "ontology.ttl"
    status, headers, _ = fetch(server, "/void.ttl")
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    status, headers, _ = fetch(server, "/dumps/govgraph.nq")
    assert headers["content-type"] == "application/n-quads"
    # a law is also a directory of its articles: the IRI still negotiates
    status, headers, _ = fetch(server, "/id/mx-zac/law/ley-atencion-migrantes-2018")
    assert status == 200
    assert headers["content-location"] == "ley-atencion-migrantes-2018.html"
    assert fetch(server, "/id/mx-zac/body/")[0] == 404  # no listings
    assert fetch(server, "/dumps")[0] == 404
    for hidden in ("/.htaccess", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/id/%00"):
        assert fetch(server, hidden)[0] == 404, hidden
    assert fetch(server, "/id/mx-zac/body/no-such-body")[0] == 404


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "text/html"),
        ("text/turtle;q=0.4, application/ld+json;q=0.4", "text/turtle"),  # ties: server order
        ("text/turtle;q=2", "text/html"),  # an invalid q drops the range: nothing left
        ("text/turtle;q=abc, application/ld+json", "application/ld+json"),
        ("text/html;q=0, text/turtle;q=0, application/ld+json;q=0", None),
        ("*/*;q=0, text/turtle;q=0.1", "text/turtle"),
        ("text/*;q=0.3, text/html;q=0.2", "text/turtle"),  # the most specific range counts
    ],
)
def test_negotiate(accept: str, expected: str | None) -> None:
    assert publish.negotiate(accept, [media for media, _ in publish.NEGOTIATED]) == expected


def test_server_config_examples(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text("utf-8")
    assert "RewriteCond %{REQUEST_FILENAME}.ttl -f" in htaccess
    assert "Header merge Vary Accept" in htaccess
    assert "DirectorySlash Off" in htaccess  # a law is also the directory of its articles
    assert 'AddType "text/turtle; charset=utf-8" .ttl' in htaccess
    nginx = (site / "nginx.conf").read_text("utf-8")
    assert "try_files $uri$govgraph_suffix" in nginx
    assert "add_header Vary Accept always;" in nginx


# ---------------------------------------------------------------------------------------------
# Hostile data, atomic rebuilds, progress (small graphs)
# ---------------------------------------------------------------------------------------------

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


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, "utf-8")
    out = tmp_path / "site"
    summary = publish.publish(out, paths=default_sources([data]))
    assert summary.skipped == (f"{BASE}id/mx-zac/body/..%2F..%2Fevil",)
    return out


def test_hostile_labels_are_escaped(hostile_site: Path) -> None:
    bad = read_page(hostile_site / "id/mx-zac/body/bad.html")
    assert well_formed(bad) == []
    assert strict_errors(bad.path) == []
    assert bad.h1 == ["<script>alert(1)</script>"]
    assert bad.titles == ["<script>alert(1)</script> · govgraph"]
    text = bad.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;negrita&lt;/b&gt; &amp; &lt;!-- comentario --&gt;" in text
    assert "&quot; onmouseover=&quot;alert(3)" in text
    assert "<script>alert" not in text
    assert "<img" not in text
    assert "<b>" not in text
    assert text.lower().count("</script") == 1  # only the end of the JSON-LD block
    assert "javascript:" not in " ".join(bad.links)
    assert [attrs.get("type") for attrs, _ in bad.scripts] == ["application/ld+json"]
    assert json.loads(bad.scripts[0][1])["@graph"][0]["label"]["es"] == "<script>alert(1)</script>"
    for page in hostile_site.rglob("*.html"):
        if page.name == "network.html":
            continue
        checked = read_page(page)
        assert well_formed(checked) == [], page
        assert "<script>alert" not in checked.text, page
        assert "<svg" not in checked.text, page
    assert not (hostile_site.parent / "evil.html").exists()
    assert not list(hostile_site.rglob("*evil*"))


def test_rebuild_replaces_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    (out / "stale.html").write_text("old", "utf-8")
    summary = publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert not (out / "stale.html").exists()
    assert summary.files == len(files_of(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failing_step_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)

    def boom(self: object) -> str:
        raise RuntimeError("the VoID step failed")

    monkeypatch.setattr(publish._Site, "void_turtle", boom)
    with pytest.raises(RuntimeError, match="VoID step failed"):
        publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failing_swap_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    rename = os.rename

    def fail_moving_the_new_site_in(
        src: str | os.PathLike[str], dst: str | os.PathLike[str]
    ) -> None:
        if Path(src).name.startswith(".site.new-"):
            raise OSError(28, "No space left on device")
        rename(src, dst)

    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)  # the two-rename fallback
    monkeypatch.setattr(os, "rename", fail_moving_the_new_site_in)
    with pytest.raises(PublishError, match="No space left on device"):
        publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_what_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", "utf-8")
    with pytest.raises(PublishError, match="not a site written by govgraph publish"):
        publish.publish(precious, paths=MINI, ontology=[ONTOLOGY])
    assert (precious / "thesis.txt").read_text("utf-8") == "years of work"
    file = tmp_path / "file"
    file.write_text("x", "utf-8")
    with pytest.raises(PublishError, match="not a directory"):
        publish.publish(file, paths=MINI, ontology=[ONTOLOGY])
    with pytest.raises(PublishError, match="base IRI"):
        publish.publish(tmp_path / "x", base_iri="https://example.org/no-slash")
    with pytest.raises(PublishError, match="unknown language"):
        publish.publish(tmp_path / "x", lang="fr")


def test_sparql_endpoint_and_english_pages(tmp_path: Path) -> None:
    endpoint = "https://sparql.example.org/govgraph/query"
    summary = publish.publish(
        tmp_path / "site", paths=MINI, ontology=[ONTOLOGY], lang="en", sparql_endpoint=endpoint
    )
    void = rdflib.Graph().parse(summary.outdir / "void.ttl", format="turtle")
    dataset = rdflib.URIRef(f"{BASE}void.ttl#dataset")
    assert str(void.value(dataset, VOID.sparqlEndpoint)) == endpoint
    page = read_page(summary.outdir / "id/mx-zac/body/sezami.html")
    assert page.html_lang == "en"
    assert page.h1 == ["Secretariat of the Zacatecan Migrant"]
    assert 'lang="es">Secretaría del Zacatecano Migrante<' in page.text


# ---------------------------------------------------------------------------------------------
# Another base, bad arguments, signals (through the command line, in-process)
# ---------------------------------------------------------------------------------------------

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


def test_another_base_writes_a_site_whose_every_link_resolves(tmp_path: Path) -> None:
    """Data under https://example.org/kg/: its pages link to each other, the govgraph ontology
    and vocabularies (outside the base) by their own IRIs; context.jsonld is written."""
    data = tmp_path / "ex.ttl"
    data.write_text(ELSEWHERE, "utf-8")
    out = tmp_path / "site"
    result = cli("--data", str(data), "publish", str(out), "--base-iri", "https://example.org/kg/")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("wrote 8 pages (3 entities, ")
    pages = {p.relative_to(out).as_posix(): read_page(p) for p in sorted(out.rglob("*.html"))}
    assert {name: well_formed(page) for name, page in pages.items() if well_formed(page)} == {}
    broken, reached, external = crawl(out, pages)
    assert broken == []
    assert reached == set(pages)
    assert {
        "https://w3id.org/govgraph/ontology",
        "https://w3id.org/govgraph/ontology#Council",
        "https://w3id.org/govgraph/vocab/level/estatal",
    } <= external
    assert "context.jsonld" in pages["index.html"].links
    assert json.loads((out / "context.jsonld").read_text("utf-8"))["@context"]
    assert 'href="../membership/c-a.html"' in pages["council/c.html"].text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex.ttl", "site"]


def test_a_base_above_the_default_finds_the_ontology_page(tmp_path: Path) -> None:
    """With https://w3id.org/ as the base the ontology is at govgraph/ontology.html: the links of
    every page go there, and the context sits at its own IRI."""
    declared = tmp_path / "declared.ttl"
    declared.write_text(
        "<https://w3id.org/govgraph/ontology> a <http://www.w3.org/2002/07/owl#Ontology> .\n",
        "utf-8",
    )
    out = tmp_path / "site"
    publish.publish(out, base_iri="https://w3id.org/", paths=[*MINI, declared], ontology=[ONTOLOGY])
    pages = {p.relative_to(out).as_posix(): read_page(p) for p in sorted(out.rglob("*.html"))}
    broken, reached, _ = crawl(out, pages)
    assert broken == []
    assert reached == set(pages)
    assert "govgraph/ontology.html" in pages["index.html"].links
    assert "govgraph/context.jsonld" in pages["index.html"].links
    assert not (out / "ontology.html").exists()


def test_a_base_without_entities_is_refused_and_the_site_kept(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    result = cli("publish", str(out), "--base-iri", "https://example.org/kg/")
    assert result.exit_code == 2
    assert result.stderr == "Error: no entity IRI under https://example.org/kg/\n"
    assert result.stdout == ""
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize(
    "endpoint", ["notaurl", "/sparql", "ftp://example.org/sparql", "https://", "http://a b/q"]
)
def test_the_sparql_endpoint_must_be_an_absolute_web_url(tmp_path: Path, endpoint: str) -> None:
    result = cli("publish", str(tmp_path / "site"), "--sparql-endpoint", endpoint)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: the SPARQL endpoint must be an absolute http(s) URL: {endpoint!r}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_parent_directory_must_exist(tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "deep" / "site"
    result = cli("publish", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot write {target}: the directory {target.parent} does not exist\n"
    )
    assert list(tmp_path.iterdir()) == []


def _dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_sigterm_during_a_build_removes_it_and_keeps_the_site(tmp_path: Path) -> None:
    """SIGTERM in the middle of a build: the build directory goes, the previous site stays,
    and the process dies of the signal."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    script = (
        "import os, signal, sys, time\n"
        "from govgraph import publish\n"
        "def stop(self):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        "publish._Site.void_turtle = stop\n"
        "publish.publish(sys.argv[1], paths=sys.argv[2:4], ontology=sys.argv[3:4])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(out), str(DATA), str(ONTOLOGY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert done.stderr == ""
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_dead_processes_are_removed(tmp_path: Path) -> None:
    """A build directory of a process that is gone (SIGKILL) goes on the next run; one of a
    running process stays, and so does anything else. A site moved aside stays as long as
    there is no site: it may be the only copy."""
    out = tmp_path / "site"
    dead, alive = _dead_pid(), os.getpid()
    building, moved = tmp_path / f".site.new-{dead}-abc123", tmp_path / f".site.old-{dead}-def456"
    kept = [tmp_path / f".site.new-{alive}-ghi789", tmp_path / ".other.new-1-x", tmp_path / "notes"]
    for directory in [building, moved, *kept]:
        (directory / "id").mkdir(parents=True)
        (directory / "id" / "page.html").write_text("half written", "utf-8")
    names = sorted(["site", *(p.name for p in kept)])
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names, moved.name])
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert sorted(p.name for p in tmp_path.iterdir()) == names


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    publish.publish(tmp_path / "quiet", paths=MINI, ontology=[ONTOLOGY])
    assert capsys.readouterr().err == ""  # stderr is not a terminal here
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    publish.publish(tmp_path / "loud", paths=MINI, ontology=[ONTOLOGY])
    drawn = terminal.getvalue()
    assert drawn.startswith("\rpublish [")
    assert "100%" in drawn
    assert drawn.endswith("\n")


# ---------------------------------------------------------------------------------------------
# In Chromium
# ---------------------------------------------------------------------------------------------


def test_council_page_in_chromium(chromium: Any, site: Path) -> None:
    """The COVAM page, offline: no request leaves the site, no console error; a screenshot."""
    page_path = site / "id/mx-zac/council/covam.html"
    with snapshot.open_page(
        page_path, chromium=chromium, width=1280, height=900, stabilize=False
    ) as loaded:
        page = loaded.page
        assert page.inner_text("h1") == "Comité de Validación y Atención a Migrantes"
        assert page.title() == "Comité de Validación y Atención a Migrantes · govgraph"
        members = page.locator("table:has(th:text('Integrante')) tbody tr")
        assert members.count() == 7
        # the stylesheet applied (its CSP hash matches): the header bar is dark blue
        colour = page.evaluate("getComputedStyle(document.querySelector('.site')).backgroundColor")
        assert colour == "rgb(18, 53, 91)"
        data = page.evaluate(
            "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').text)"
        )
        assert data["@graph"][0]["id"] == "council:covam"
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "council-page.png"
        page.screenshot(path=str(shot), full_page=True)
        page.click("text=Secretaría del Zacatecano Migrante >> nth=0")
        page.wait_for_load_state("load")
        assert page.url.endswith("/id/mx-zac/body/sezami.html")
        assert loaded.errors == []
        assert loaded.blocked == []
        assert loaded.dialogs == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_home_page_runs_the_network_in_its_frame(chromium: Any, site: Path) -> None:
    with snapshot.open_page(site / "index.html", chromium=chromium, stabilize=False) as loaded:
        # A frame out of view gets no animation frames: bring it into view first.
        loaded.page.locator("iframe.network").scroll_into_view_if_needed()
        frame = loaded.page.frame_locator("iframe.network")
        frame.locator("body[data-stabilized='true']").wait_for(state="attached", timeout=60_000)
        assert "53 nodos" in frame.locator("#gg-status").inner_text()
        assert loaded.errors == []
        assert loaded.blocked == []


def test_hostile_page_runs_nothing_in_chromium(chromium: Any, hostile_site: Path) -> None:
    with snapshot.open_page(
        hostile_site / "id/mx-zac/body/bad.html", chromium=chromium, stabilize=False
    ) as loaded:
        page = loaded.page
        page.wait_for_timeout(200)
        assert page.inner_text("h1") == "<script>alert(1)</script>"
        assert page.evaluate("document.querySelectorAll('img, svg, b').length") == 0
        assert page.evaluate("document.scripts.length") == 1
        assert loaded.dialogs == []
        assert loaded.errors == []
        assert loaded.blocked == []
