"""The published site as a whole: every entity has a page and its RDF, every link resolves, pages
are valid HTML, void.ttl describes the dataset, builds are repeatable, other bases and languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib

from conftest import ONTOLOGY
from govgraph import progress, publish
from govgraph.load import load_graph
from govgraph.render import browser
from publish_support import (
    BASE,
    DCAT,
    DCTERMS,
    ELSEWHERE,
    MINI,
    SKOS,
    STRICT_EXEMPT,
    VOID,
    Page,
    _Terminal,
    cli,
    crawl,
    entity_path,
    files_of,
    fixture_built,  # noqa: F401 - a fixture
    fixture_kg,  # noqa: F401 - a fixture
    fixture_pages,  # noqa: F401 - a fixture
    fixture_site,  # noqa: F401 - a fixture
    fixture_triples,  # noqa: F401 - a fixture
    fixture_typed,  # noqa: F401 - a fixture
    read_page,
    strict_errors,
    well_formed,
)


def test_summary_counts(
    built: tuple[Path, publish.Summary], typed: list[str], triples: int
) -> None:
    out, summary = built
    assert summary.outdir == out.absolute()
    # 63 law texts (ELI expressions), 1 participation, role:operacion, 8 posts, 1 site, the
    # statistics (data cube, helper B: 140 of the 842), gg:jurisdiction
    assert summary.entities == len(typed) == 844
    assert summary.skipped == ()
    assert summary.triples == triples > 6000
    assert summary.pages == sum(1 for _ in out.rglob("*.html"))
    assert summary.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert summary.bytes == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert str(summary).startswith(f"wrote {summary.pages} pages (844 entities, {triples} triples;")
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


def test_crawl_from_home_reaches_every_page_and_every_link_resolves(
    site: Path, pages: dict[str, Page]
) -> None:
    broken, reached, _ = crawl(site, pages)
    assert broken == []
    # every page but those at former IRIs, which nothing links to (tests/test_jurisdictions.py)
    moved = {f"{old}.html" for old in publish.read_moved(site)}
    assert moved
    assert moved <= set(pages)
    assert reached == set(pages) - moved


def test_pages_are_valid_html(pages: dict[str, Page], site: Path) -> None:
    problems = {name: well_formed(page) for name, page in pages.items()}
    assert {name: found for name, found in problems.items() if found} == {}
    strict = {name: strict_errors(site / name) for name in pages if name not in STRICT_EXEMPT}
    assert {name: found for name, found in strict.items() if found} == {}
    assert all(page.html_lang == "es" for name, page in pages.items())


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
    text = (site / "void.ttl").read_text("utf-8")
    # Written by the exporter from triples, with the VoID and DCAT prefixes in its table.
    assert "@prefix void: <http://rdfs.org/ns/void#> ." in text
    assert "@prefix dcat: <http://www.w3.org/ns/dcat#> ." in text
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
    report = rdflib.URIRef(f"{BASE}id/mx-zac/report/igm-zacatecas")
    assert (dataset, DCTERMS.relation, report) in void
    statement = void.value(dataset, DCTERMS.rights)
    assert (statement, rdflib.RDF.type, DCTERMS.RightsStatement) in void
    rights = {r.language: str(r) for r in void.objects(statement, rdflib.RDFS.label)}
    assert "OIM" in rights["es"]
    assert "IOM" in rights["en"]
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


def test_home_page_runs_the_network_in_its_frame(chromium: Any, site: Path) -> None:
    with browser.open_page(site / "index.html", chromium=chromium, stabilize=False) as loaded:
        # A frame out of view gets no animation frames: bring it into view first.
        loaded.page.locator("iframe.network").scroll_into_view_if_needed()
        frame = loaded.page.frame_locator("iframe.network")
        frame.locator("body[data-stabilized='true']").wait_for(state="attached", timeout=60_000)
        assert "53 nodos" in frame.locator("#gg-status").inner_text()
        assert loaded.errors == []
        assert loaded.blocked == []
