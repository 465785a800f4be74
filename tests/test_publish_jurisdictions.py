"""The published site's page per jurisdiction (jurisdiction/<id>.html) and its comparison page
(compare.html), on the bundled graph (one profile, Zacatecas) and on the bundled graph plus two
generated states: each profile has its page, whose figures are what SPARQL counts on the same
graph; the comparison has one column per profile; every link resolves; labels stay text."""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import REPO
from govgraph import compare, publish
from govgraph.resources import default_sources
from govgraph.store import Backend, open_backend
from govgraph.synth import generate
from html_support import vnu_errors
from publish_support import (
    BASE,
    crawl,
    fixture_built,  # noqa: F401 - a fixture
    fixture_kg,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
    read_page,
    well_formed,
)

GG = "https://w3id.org/govgraph/ontology#"
JURIS = "https://w3id.org/govgraph/vocab/jurisdiction/"
# What a profile states, counted as docs/model.md says: what carries its gg:jurisdiction (a
# council is not counted again as a body).
COUNTS = f"""
PREFIX gg: <{GG}>
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  VALUES (?class ?kind) {{
    (gg:Council "councils") (<http://www.w3.org/ns/org#Organization> "bodies")
    (gg:ActorGroup "groups") (<http://data.europa.eu/eli/ontology#LegalResource> "laws")
    (gg:Program "programs") (gg:Agreement "agreements") (gg:Collaboration "collaborations")
    (gg:Finding "findings")
  }}
  ?x a ?class ; gg:jurisdiction ?j .
  FILTER(?class != <http://www.w3.org/ns/org#Organization> || NOT EXISTS {{ ?x a gg:Council }})
}} GROUP BY ?kind
"""
PRESIDED = f"""
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?council ?chair WHERE {{
  ?council a <{GG}Council> ; <{GG}jurisdiction> ?j .
  OPTIONAL {{ ?seat org:organization ?council ; org:member ?chair ;
             org:role <https://w3id.org/govgraph/vocab/role/presidencia> }}
}}
"""
SHARED = f"""
PREFIX gg: <{GG}>
SELECT DISTINCT ?actor WHERE {{
  VALUES ?level {{ <{JURIS}mx> <{JURIS}int> }}
  ?actor a <http://www.w3.org/ns/org#Organization> ; gg:jurisdiction ?level .
  {{ ?x ?p ?actor }} UNION {{ ?actor ?p ?x }}
  ?x gg:jurisdiction ?j .
  FILTER(?p NOT IN (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>, gg:jurisdiction,
    <http://purl.org/dc/terms/source>, gg:mentions, <http://purl.org/dc/terms/publisher>))
}}
"""
FINDINGS = (
    f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f a <{GG}Finding> ; <{GG}jurisdiction> ?j }}"
)
PROFILES = f"""
SELECT DISTINCT ?j WHERE {{ ?r a <{GG}Report> ; <{GG}jurisdiction> ?j .
  FILTER(?j NOT IN (<{JURIS}mx>, <{JURIS}int>)) }}
"""


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Backend]:
    """The site of the bundled graph plus two generated states, and that graph."""
    folder = tmp_path_factory.mktemp("three")
    synthetic = folder / "two.nt"
    generate(2, synthetic)
    paths = default_sources([REPO / "data" / "ttl", synthetic])
    publish.publish(folder / "site", paths=paths)
    return folder / "site", open_backend(paths=paths)


def bound(query: str, jurisdiction: str) -> str:
    """A query of this module with ?j bound to one jurisdiction."""
    return query.replace("?j", f"<{jurisdiction}>")


def profile_ids(kg: Backend) -> list[str]:
    return sorted(str(row[0]).removeprefix(JURIS) for row in kg.query(PROFILES).rows)


def table(text: str, css: str) -> str:
    """The markup of the page's table of a class."""
    found = re.search(rf'<table class="{css}".*?</table>', text, re.S)
    assert found, css
    return found.group(0)


def targets(page: str, markup: str) -> set[str]:
    """The site paths the links of some markup lead to, from a page."""
    return {
        posixpath.normpath(posixpath.join(posixpath.dirname(page), html.unescape(href)))
        for href in re.findall(r'href="([^"#]+)"', markup)
        if not href.startswith(("http://", "https://"))
    }


def path_of(iri: str) -> str:
    return iri[len(BASE) :] + ".html"


def check_profile_page(site: Path, kg: Backend, ident: str) -> None:
    """One jurisdiction's page says what SPARQL finds in the graph it was built from."""
    iri = JURIS + ident
    name = f"jurisdiction/{ident}.html"
    page = read_page(site / name)
    assert well_formed(page) == []
    text = page.text
    # the size of the profile, kind by kind
    expected = {"councils": 0} | {
        str(kind): int(str(n)) for kind, n in kg.query(bound(COUNTS, iri)).rows
    }
    shown = {
        html.unescape(label): int(n)
        for label, n in re.findall(
            r'<tr><th scope="row">([^<]*)</th><td class="num">(\d+)</td></tr>',
            table(text, "profile-size"),
        )
    }
    word = {kind: compare.word(kind, "es") for kind in compare.COUNTED}
    assert shown == {
        word[kind][:1].upper() + word[kind][1:]: expected.get(kind, 0) for kind in compare.COUNTED
    }
    assert expected["councils"] > 0
    # every council, with who presides it (links to their pages)
    presided: dict[str, set[str]] = {}
    for council, chair in kg.query(bound(PRESIDED, iri)).rows:
        presided.setdefault(path_of(str(council)), set())
        if chair is not None:
            presided[path_of(str(council))].add(path_of(str(chair)))
    rows = re.findall(
        r'<tr><th scope="row"><a href="([^"]+)">.*?</th><td>(.*?)</td>',
        table(text, "profile-councils"),
    )
    assert len(rows) == len(presided) == expected["councils"]
    for href, chairs in rows:
        council = targets(name, f'href="{href}"').pop()
        assert targets(name, chairs) == presided[council], council
    assert any(presided.values())
    # the findings per dimension, and the shared actors linked
    total = re.search(r'<tfoot><tr><th scope="row">Total</th>.*?(\d+)</td></tr></tfoot>', text)
    assert total
    assert int(total.group(1)) == int(str(kg.query(bound(FINDINGS, iri)).rows[0][0]))
    shared = {path_of(str(row[0])) for row in kg.query(bound(SHARED, iri)).rows}
    assert shared
    listed = re.findall(r'<tr><th scope="row"><a href="([^"]+)"', table(text, "profile-shared"))
    assert {targets(name, f'href="{h}"').pop() for h in listed} == shared
    # its statistics page when it has one, the comparison, and every link resolves
    stats = site / "statistics" / f"{ident}.html"
    assert ('href="../statistics/' in text) == stats.is_file()
    assert 'href="../compare.html"' in text
    for target in targets(name, text):
        assert (site / target).is_file(), target


def check_compare_page(site: Path, ids: list[str]) -> None:
    """compare.html: one column per profile, headed by a link to its page."""
    text = (site / "compare.html").read_text("utf-8")
    assert well_formed(read_page(site / "compare.html")) == []
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", text)
    assert head
    columns = re.findall(r'<th scope="col">(.*?)</th>', head.group(1))
    assert len(columns) == 1 + len(ids)
    assert [targets("compare.html", c).pop() for c in columns[1:]] == [
        f"jurisdiction/{i}.html" for i in ids
    ]
    assert '<caption id="compare-caption">' in text
    assert 'class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0"' in (
        text
    )
    for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", text):
        assert row.count("<td>") == len(ids), row


def test_the_bundled_profile_has_its_page(site: Path, kg: Backend) -> None:
    ids = profile_ids(kg)
    assert ids == ["mx-zac"]
    assert sorted(p.name for p in (site / "jurisdiction").iterdir()) == ["mx-zac.html"]
    check_profile_page(site, kg, "mx-zac")
    check_compare_page(site, ids)
    home = (site / "index.html").read_text("utf-8")
    assert 'href="jurisdiction/mx-zac.html"' in home
    assert 'href="compare.html"' in home


def test_three_profiles_each_have_a_page_and_a_column(three: tuple[Path, Backend]) -> None:
    site, kg = three
    ids = profile_ids(kg)
    assert ids == ["mx-zac", "syn-1", "syn-2"]
    assert sorted(p.name for p in (site / "jurisdiction").iterdir()) == [f"{i}.html" for i in ids]
    for ident in ids:
        check_profile_page(site, kg, ident)
    check_compare_page(site, ids)
    home = (site / "index.html").read_text("utf-8")
    for ident in ids:
        assert f'href="jurisdiction/{ident}.html"' in home
    # the whole site: every link resolves, and the pages are reached from the home page
    pages = {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}
    broken, reached, _ = crawl(site, pages)
    assert broken == []
    assert {"compare.html", *(f"jurisdiction/{i}.html" for i in ids)} <= reached
    assert vnu_errors([site / "compare.html", *sorted((site / "jurisdiction").iterdir())]) == []


def test_the_search_index_holds_the_profiles(site: Path) -> None:
    text = (site / "search-index.js").read_text("utf-8")
    data = json.loads(text[text.index("{") : -2])
    paths = {data["dirs"][row[0]] + row[1]: row for row in data["items"]}
    assert paths["jurisdiction/mx-zac.html"][2:4] == ["profile", "Estado de Zacatecas"]
    assert paths["compare.html"][2] == "profile"
    assert data["kinds"]["profile"] == "Perfil"


HOSTILE = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix juris: <https://w3id.org/govgraph/vocab/jurisdiction/> .
@prefix role: <https://w3id.org/govgraph/vocab/role/> .
@prefix report: <https://w3id.org/govgraph/id/xx-bad/report/> .
@prefix council: <https://w3id.org/govgraph/id/xx-bad/council/> .
@prefix body: <https://w3id.org/govgraph/id/xx-bad/body/> .
@prefix seat: <https://w3id.org/govgraph/id/xx-bad/membership/> .

juris:xx-bad a skos:Concept ; skos:prefLabel "<script>alert(1)</script>"@es ,
    "</td><img src=x onerror=alert(2)>"@en .
report:r a gg:Report ; gg:jurisdiction juris:xx-bad ;
    skos:prefLabel "Informe <b>malo</b>"@es , "Report <b>bad</b>"@en .
council:c a gg:Council , org:Organization ; gg:jurisdiction juris:xx-bad ;
    skos:prefLabel "Consejo <i onclick=alert(3)>c</i>"@es , "Council </table>"@en .
body:b a org:Organization ; gg:jurisdiction juris:xx-bad ;
    skos:prefLabel "\\"><svg onload=alert(4)>"@es , "\\"><svg onload=alert(4)>"@en .
seat:m a org:Membership ; gg:jurisdiction juris:xx-bad ;
    org:organization council:c ; org:member body:b ; org:role role:presidencia .
"""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_hostile_labels_stay_text(tmp_path: Path, lang: str) -> None:
    data = tmp_path / "hostile.ttl"
    data.write_text(HOSTILE, "utf-8")
    out = tmp_path / "site"
    publish.publish(out, paths=default_sources([data]), lang=lang)
    pages = [out / "jurisdiction" / "xx-bad.html", out / "compare.html", out / "index.html"]
    for path in pages:
        text = path.read_text("utf-8")
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "<svg onload" not in text
        assert "<i onclick" not in text
        assert well_formed(read_page(path)) == [], path
    profile = pages[0].read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in profile or "&lt;/td&gt;&lt;img" in profile
    assert "&#34;&gt;&lt;svg onload=alert(4)&gt;" in profile  # who presides the council
    assert ("Perfil" if lang == "es" else "Profile") in read_page(pages[0]).h1[0]
    assert vnu_errors(pages) == []
