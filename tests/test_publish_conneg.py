"""Content negotiation: a real HTTP server answers each IRI by Accept; Apache and nginx rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph import publish
from govgraph.publish import serverconf
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
        ("text/turtle;q=0.5000, application/ld+json;q=0.1", "application/ld+json"),  # 3 decimals
        ("text/turtle;q=.5, application/ld+json;q=0.1", "application/ld+json"),  # 0.5, not .5
        ("text/turtle;q=0.2;q=0.7, application/ld+json;q=0.5", "text/turtle"),  # the last q
        ("*/turtle, text/turtle;q=0.1", "text/turtle"),  # "*" as a type only in */*
        ("*/turtle", "text/html"),  # no valid range left: as no Accept
        ("application/ld+json;q=0.8, application/ld+json;q=0.5", "application/ld+json"),
        (
            "text/turtle;q=0.5, application/json;q=0.6, application/ld+json;q=0.2",
            "application/ld+json",
        ),
    ],
)
def test_negotiate(accept: str, expected: str | None) -> None:
    assert publish.negotiate(accept, [media for media, _ in publish.NEGOTIATED]) == expected


def test_server_config_examples(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text("utf-8")
    assert "RewriteCond %{REQUEST_FILENAME}.ttl -f" in htaccess
    assert "Header always set Vary Accept env=REDIRECT_gg_avail" in htaccess
    assert "Header set Content-Location %{REDIRECT_gg_file}e" in htaccess
    assert "DirectorySlash Off" in htaccess  # a law is also the directory of its articles
    assert 'AddType "text/turtle; charset=utf-8" .ttl' in htaccess
    assert "RewriteRule ^ - [R=406,END]" in htaccess
    nginx = (site / "nginx.conf").read_text("utf-8")
    assert "rewrite ^ $uri$gg_suffix break;" in nginx
    assert "add_header Vary $gg_vary always;" in nginx
    assert "add_header Content-Location $gg_file;" in nginx
    for word in ("load_module", "js_import", "perl_"):  # no module beyond stock nginx-light
        assert word not in nginx


def test_server_configs_are_their_templates_not_html_escaped(site: Path) -> None:
    """.htaccess and nginx.conf are their templates filled with the generated tables: the
    quotes, '<', '&' and '+' of their rules are not turned into HTML entities."""
    from govgraph.templating import render

    for name, template, engine in (
        (".htaccess", "htaccess.txt", "apache"),
        ("nginx.conf", "nginx.conf.txt", "nginx"),
    ):
        context = serverconf.context(engine, sorted(publish.read_moved(site).items()))
        written = (site / name).read_text("utf-8")
        assert written == render("govgraph.publish", template, **context), name
        for entity in ("&#34;", "&quot;", "&amp;", "&lt;", "&#39;"):
            assert entity not in written, (name, entity)
        assert "application/ld\\+json" in written
        assert (
            '<%s.html>; rel=\\"alternate\\"'
            % ("${gg_name}" if engine == "nginx" else "%{gg_name}e")
            in written
        )


def test_generated_patterns_survive_both_config_syntaxes() -> None:
    """No pattern holds what nginx or Apache would read before the regex engine sees it:
    a double quote (ends the argument), a backslash before a quote or a backslash (nginx
    unescapes those), ${ (Apache's Define), a % reference (mod_rewrite's TestString only)."""
    for table in serverconf.tables():
        for pattern, _ in table.entries:
            for bad in ('"', "\\\\", "\\'", "${", "%{", "\\n", "\\r", "\n"):
                assert bad not in pattern, (table.name, bad)
            re.compile(pattern)


# Headers that exercise the grammar: weights, repeats, aliases, wildcards, malformed ranges.
ACCEPTS = [
    "",
    "*/*",
    "text/html;q=0.5, text/turtle",
    "application/ld+json;q=0.953, text/turtle;q=0.95;q=0.954",
    "application/json;q=0.5, application/ld+json;q=0.4, text/html;q=0.45",
    "text/*;q=0.3, text/html;q=0.2",
    "text/turtle;q=0.5000, */*;q=0.1",
    "text/turtle;q=.5, application/ld+json;q=0.01",
    "*/html, image/png",
    "text/turtle ; charset=utf-8 ; q=0.7 ; level=1, application/*;q=0.7",
    "text/html;q=0, text/*;q=0.2, */*;q=0.9",
    "application/xhtml+xml;q=0.8, text/html;q=0.1, application/x-turtle;q=0.79",
    "foo, bar/baz;q=1.001",
]


@pytest.mark.parametrize("accept", ACCEPTS)
def test_generated_tables_choose_as_negotiate(accept: str) -> None:
    """The tables the servers run, run here with Python's re, choose as negotiate does, for
    every set of formats an IRI can have."""
    for available in _subsets():
        assert serverconf.choose(accept, available) == _negotiated(accept, available), available


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "text/html",
                    "application/xhtml+xml",
                    "text/turtle",
                    "application/x-turtle",
                    "application/ld+json",
                    "application/json",
                    "text/*",
                    "application/*",
                    "*/*",
                    "image/png",
                    "*/x",
                    "TEXT/Turtle",
                    " text/html ",
                    "a b/c",
                    "",
                ]
            ),
            st.lists(
                st.one_of(
                    st.from_regex(r"\A ?[qQ] ?= ?(0(\.[0-9]{0,4})?|1(\.[0-9]{0,3})?|\.5|2|x)?\Z"),
                    st.sampled_from(["level=1", "charset=utf-8", "q", "qq=0.5", ""]),
                ),
                max_size=3,
            ),
        ),
        max_size=6,
    ),
    available=st.sampled_from(["100", "010", "001", "110", "101", "011", "111"]),
)
def test_generated_tables_choose_as_negotiate_property(
    items: list[tuple[str, list[str]]], available: str
) -> None:
    accept = ",".join(";".join([media, *params]) for media, params in items)
    formats = {
        s for s, on in zip((".html", ".ttl", ".jsonld"), available, strict=True) if on == "1"
    }
    assert serverconf.choose(accept, formats) == _negotiated(accept, formats), accept


def _subsets() -> list[set[str]]:
    suffixes = [suffix for _, suffix in publish.NEGOTIATED]
    return [{s for i, s in enumerate(suffixes) if n >> i & 1} for n in range(1, 2 ** len(suffixes))]


def _negotiated(accept: str, available: set[str]) -> str | None:
    media = [m for m, s in publish.NEGOTIATED if s in available]
    choice = publish.negotiate(accept, media)
    return dict(publish.NEGOTIATED)[choice] if choice else None
