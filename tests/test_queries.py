"""Saved queries: every file parses, its header is valid, and both backends agree."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib.plugins.sparql import prepareQuery

from govgraph import resources
from govgraph.errors import QueryError
from govgraph.queries import (
    KINDS,
    SavedQuery,
    bindings,
    load_query,
    parse,
    run,
    saved_queries,
    sort_lists,
)
from govgraph.store import IRI, MemoryBackend, OxigraphBackend, Result

SAVED = saved_queries()
CHECKS = sorted(resources.checks_dir().glob("*-violation.rq"))


@pytest.fixture(scope="module")
def backends() -> tuple[OxigraphBackend, MemoryBackend]:
    """The real graph in both local backends."""
    return OxigraphBackend.load(), MemoryBackend.load()


def test_there_is_a_saved_query_for_every_analyst_question() -> None:
    """The analysts' questions of docs/queries.md each have a saved query."""
    assert {
        "councils",
        "council-members",
        "memberships",
        "interlocks",
        "presidencies",
        "legal-basis",
        "programs",
        "body-programs",
        "agreements",
        "body-agreements",
        "collaborations",
        "dimension",
        "findings",
        "dimension-findings",
        "dimension-actors",
        "laws",
        "law-articles",
        "bodies-by-level",
        "council-members-org",
        "law-articles-eli",
    } <= {q.name for q in SAVED}


@pytest.mark.parametrize("path", [Path(q.source) for q in SAVED] + CHECKS, ids=lambda p: p.name)
def test_every_query_file_parses(path: Path) -> None:
    """Header and SPARQL are valid for rdflib and Oxigraph; parameters are projected."""
    text = path.read_text(encoding="utf-8")
    query = parse(text, str(path))
    assert query.summary
    assert all(p.kind in KINDS for p in query.params)
    prepareQuery(text)  # rdflib's parser
    pyoxigraph.Store().query(text)  # Oxigraph's parser, on an empty store
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    head = re.search(r"SELECT(.*?)\bWHERE\b", body, re.DOTALL | re.IGNORECASE)
    assert head, f"{path.name}: no SELECT ... WHERE"
    for param in query.params:
        assert f"?{param.name}" in head.group(1), (
            f"{path.name}: parameter ?{param.name} is not projected"
        )
    assert "ORDER BY" in text or path in CHECKS or "COUNT" in text


@pytest.mark.parametrize("query", SAVED, ids=lambda q: q.name)
def test_both_backends_give_the_same_rows(
    query: SavedQuery, backends: tuple[OxigraphBackend, MemoryBackend]
) -> None:
    """Each saved query, with its example values, returns identical rows on both backends."""
    oxigraph, memory = backends
    local = run(oxigraph, query, query.example)
    assert local.rows, f"{query.name} returns no rows on the real graph"
    assert run(memory, query, query.example) == local


def test_labels_follow_the_language(backends: tuple[OxigraphBackend, MemoryBackend]) -> None:
    """The lang parameter picks the label language."""
    oxigraph, _ = backends
    query = load_query("council-members")
    english = run(oxigraph, query, {"council": "council:covam", "lang": "en"})
    assert english.rows[0][english.columns.index("role")] == "Chair"
    assert english.rows[0][english.columns.index("member")] == (
        "Secretariat of the Zacatecan Migrant"
    )


def test_interlocks_threshold(backends: tuple[OxigraphBackend, MemoryBackend]) -> None:
    """min is bound as an integer: raising it leaves only the most connected bodies."""
    oxigraph, _ = backends
    query = load_query("interlocks")
    result = run(oxigraph, query, {"min": "3"})
    counts = [int(r[result.columns.index("count")]) for r in result.rows]
    assert counts
    assert min(counts) >= 3
    assert len(run(oxigraph, query, {"min": "2"}).rows) > len(counts)
    assert run(oxigraph, query, {"min": "99"}).rows == []


def test_bindings_checks_every_value() -> None:
    """Missing, extra and ill-typed values are sentences naming the parameter."""
    query = load_query("interlocks")
    assert bindings(query, {}) == {"min": 2, "lang": "es"}
    with pytest.raises(QueryError, match="interlocks has no parameter 'max'"):
        bindings(query, {"max": "3"})
    with pytest.raises(QueryError, match="min must be an integer, not 'two'"):
        bindings(query, {"min": "two"})
    with pytest.raises(QueryError, match="lang must be one of es, en, not 'fr'"):
        bindings(query, {"lang": "fr"})
    with pytest.raises(QueryError, match="council-members needs a value for 'council'"):
        bindings(load_query("council-members"), {})
    assert bindings(load_query("council-members"), {"council": "council:covam"})["council"] == IRI(
        "https://w3id.org/govgraph/id/mx-zac/council/covam"
    )


def test_load_query_by_name_path_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A saved name, a .rq path, or standard input; unknown names list the saved ones."""
    assert load_query("councils").name == "councils"
    own = tmp_path / "mine.rq"
    own.write_text("#+ summary: Mine.\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    assert load_query(str(own)).summary == "Mine."
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
    assert load_query("-").summary == ""  # an ad-hoc query needs no header
    with pytest.raises(QueryError, match=r"x\.rq: the query has no `#\+ summary:` line"):
        parse("SELECT * WHERE { ?s ?p ?o }", "x.rq")
    monkeypatch.setattr("sys.stdin", io.StringIO("#+ summary: s\nSELECT * WHERE { ?s ?p ?o }"))
    assert load_query("-").name == "stdin"
    with pytest.raises(
        QueryError, match=r"no saved query named 'councilz' \(see `govgraph queries`"
    ):
        load_query("councilz")
    with pytest.raises(QueryError, match=r"^no such file: nope\.rq$"):
        load_query("nope.rq")
    with pytest.raises(QueryError, match=r"^no such file: nope/mine$"):
        load_query("nope/mine")
    with pytest.raises(
        QueryError, match=f"^{re.escape(str(tmp_path))} is a directory, not a query"
    ):
        load_query(str(tmp_path))


def test_query_text_must_be_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that are not UTF-8, in a file or on stdin, are one sentence naming where."""
    latin = tmp_path / "latin.rq"
    latin.write_bytes('SELECT ?s WHERE { ?s ?p "Atención" }'.encode("latin-1"))
    with pytest.raises(QueryError, match=f"^{re.escape(str(latin))} is not UTF-8$"):
        load_query(str(latin))
    stdin = io.TextIOWrapper(io.BytesIO(b"SELECT \xff"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    with pytest.raises(QueryError, match=r"^standard input is not UTF-8$"):
        load_query("-")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b" \n\t")))
    with pytest.raises(QueryError, match=r"^no query on standard input$"):
        load_query("-")


def test_malformed_headers_are_errors_naming_the_line() -> None:
    """A header is strict: unknown keys, bad params and bad examples are errors."""
    with pytest.raises(QueryError, match=r"^q\.rq:2: malformed header line '#\+ tags: x'$"):
        parse("#+ summary: s\n#+ tags: x\nSELECT * {}", "q.rq")
    with pytest.raises(QueryError, match=r"^q\.rq:2: a param reads"):
        parse("#+ summary: s\n#+ param: council the council\nSELECT * {}", "q.rq")
    with pytest.raises(QueryError, match=r"^q\.rq:2: unknown parameter kind 'date'"):
        parse("#+ summary: s\n#+ param: d (date): a day\nSELECT * {}", "q.rq")
    with pytest.raises(QueryError, match="example names unknown parameter 'x'"):
        parse("#+ summary: s\n#+ example: x=1\nSELECT * {}", "q.rq")


def test_invalid_sparql_names_the_position(backends: tuple[OxigraphBackend, MemoryBackend]) -> None:
    """A query that does not parse gives the parser's message and position."""
    oxigraph, _ = backends
    broken = parse("#+ summary: s\nSELECT ?s WHERE { ?s ?p }\n", "broken.rq")
    with pytest.raises(QueryError, match=r"^broken\.rq: invalid SPARQL: error at \d+:\d+: "):
        run(oxigraph, broken)


def test_list_columns_are_sorted() -> None:
    """GROUP_CONCAT items are put in order, so every backend prints the same text."""
    result = Result(["a", "l"], [("x", "b; c; a"), ("y", None)])
    assert sort_lists(result, ["l"]).rows == [("x", "a; b; c"), ("y", None)]
