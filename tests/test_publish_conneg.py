"""Content negotiation: a real HTTP server answers each IRI by Accept; Apache and nginx rules."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import rdflib

from govgraph import publish
from publish_support import (
    BASE,
    SEZAMI,
    SKOS,
    fetch,
    fixture_built,  # noqa: F401 - a fixture
    fixture_server,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
)


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


def test_server_configs_are_their_templates_not_html_escaped(site: Path) -> None:
    """.htaccess and nginx.conf come from the package's templates, byte for byte: the quotes
    and '+' of their rules are not turned into HTML entities."""
    for name, template in ((".htaccess", "htaccess.txt"), ("nginx.conf", "nginx.conf.txt")):
        shipped = (files("govgraph.publish") / "templates" / template).read_bytes()
        written = (site / name).read_bytes()
        assert written == shipped, name
        for entity in (b"&#34;", b"&quot;", b"&amp;"):
            assert entity not in written, (name, entity)
    assert b'"~*application/(ld\\+)?json"' in (site / "nginx.conf").read_bytes()
