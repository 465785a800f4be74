"""Faults of issue 9: validate on sparse results, files with no triples, no network unasked,
stats in English, control characters in messages."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import DATA, ONTOLOGY, SHAPES
from govgraph.cli import govgraph
from govgraph.errors import GovgraphWarning, LoadError, QueryError, escape_controls
from govgraph.load import discover, load_graph, load_store
from govgraph.stats import stats
from govgraph.store import LOCAL_BACKENDS, open_backend
from govgraph.store.cache import cache_dir, fingerprint
from govgraph.validate import Violation

FIXTURE_GRAPH = ["--ontology", str(ONTOLOGY), "--data", str(DATA)]
ORG_ONLY = (
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    "<https://w3id.org/govgraph/id/mx-zac/body/x> a org:Organization .\n"
)


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(govgraph, list(args), input=stdin)


def assert_one_sentence(result: Result, *parts: str) -> None:
    """Exit 2, nothing on stdout, one `Error:` line on stderr naming the parts, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    for part in parts:
        assert part in result.stderr


# ---------------------------------------------------------------------------
# A real HTTP server on 127.0.0.1 that records every request it gets
# ---------------------------------------------------------------------------


class Recorder(http.server.ThreadingHTTPServer):
    """Serves a JSON-LD context at /ctx and SPARQL JSON results elsewhere; keeps each request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Recorder

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        if self.headers.get_content_type() == "application/x-www-form-urlencoded":
            body = urllib.parse.parse_qs(body).get("query", [""])[0]
        self.server.requests.append((self.command, self.path, body))
        if self.path.startswith("/ctx"):  # a context that would load, were it fetched
            data, kind = {"@context": {"org": "http://www.w3.org/ns/org#"}}, "application/ld+json"
        else:  # an endpoint that would answer, were it asked
            data = {
                "head": {"vars": ["x"]},
                "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]},
            }
            kind = "application/sparql-results+json"
        payload = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------------------
# Item 2: validate never sorts or prints a None
# ---------------------------------------------------------------------------


def test_validate_an_organization_with_only_a_type_lists_violations(tmp_path: Path) -> None:
    """The issue's acceptance: exit 1 with the violations listed, no traceback."""
    (tmp_path / "x.ttl").write_text(ORG_ONLY, encoding="utf-8")
    result = invoke("--data", str(tmp_path), "validate")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # ctx.exit(1), not an error
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    english = "needs an English skos:prefLabel (@en) [sh:QualifiedMinCountConstraintComponent]"
    assert f"body:x skos:prefLabel: {english}" in lines
    assert any(line.startswith("body:x: ") for line in lines)  # a result without a path
    assert lines[-1] == f"{len(lines) - 1} violations"
    assert "None" not in result.stdout


BLANK_DATA = """\
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/govgraph/id/mx-zac/membership/m1> a org:Membership ;
    org:role [ a skos:Concept ] ;
    skos:note "x" .
"""
BLANK_SHAPES = """\
@prefix sh:   <http://www.w3.org/ns/shacl#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex:   <https://example.org/shapes#> .
ex:Role a sh:NodeShape ; sh:targetObjectsOf org:role ;
    sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ] .
ex:Member a sh:NodeShape ; sh:targetObjectsOf org:role ;
    sh:property [ sh:path ( [ sh:inversePath org:role ] org:member ) ; sh:minCount 1 ] ;
    sh:property [ sh:path [ sh:alternativePath
                              ( skos:altLabel [ sh:zeroOrMorePath skos:broader ] ) ] ;
                  sh:class org:Organization ] .
ex:Note a sh:NodeShape ; sh:targetObjectsOf skos:note ; sh:in ( "y" ) .
"""


def test_blank_node_focus_complex_paths_and_literals_are_shown(tmp_path: Path) -> None:
    """A blank node is named by where it hangs from (stable across runs); paths are SPARQL."""
    (tmp_path / "data.ttl").write_text(BLANK_DATA, encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(BLANK_SHAPES, encoding="utf-8")
    (tmp_path / "checks").mkdir()
    args = ["--ontology", str(ONTOLOGY), "--data", str(tmp_path / "data.ttl"), "validate"]
    args += ["--shapes", str(tmp_path / "shapes.ttl"), "--checks", str(tmp_path / "checks")]
    first, second = invoke(*args), invoke(*args)
    assert first.exit_code == 1, first.output
    assert first.stdout == second.stdout  # no random blank node label
    blank = "[ ] (object of seat:m1 org:role)"
    assert first.stdout.splitlines() == [
        '"x": Value Literal("x") not in list [\'Literal("y")\'] [<https://example.org/shapes#Note>]',
        f"{blank} (^org:role/org:member): Less than 1 values on [ rdf:type skos:Concept ]->"
        "( [ sh:inversePath org:role ] org:member ) [sh:MinCountConstraintComponent]",
        f"{blank} (skos:altLabel|(skos:broader)*): Value does not have class org:Organization "
        "[sh:ClassConstraintComponent]",
        f"{blank} skos:prefLabel: Less than 1 values on [ rdf:type skos:Concept ]->skos:prefLabel "
        "[sh:MinCountConstraintComponent]",
        "4 violations",
    ]


def test_a_result_missing_every_part_still_reads() -> None:
    """No focus, path, message, value or component: text, never None, and it sorts."""
    import rdflib

    from govgraph.validate import _ordered, _shacl_violation

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    results = rdflib.Graph()
    bare, valued = rdflib.BNode(), rdflib.BNode()
    results.add((bare, rdflib.RDF.type, sh.ValidationResult))
    results.add((valued, rdflib.RDF.type, sh.ValidationResult))
    results.add((valued, sh.value, rdflib.Literal("v")))
    results.add((valued, sh.focusNode, rdflib.BNode()))  # a blank node nothing points at
    found = [_shacl_violation(results, node, rdflib.Graph()) for node in (bare, valued)]
    assert sorted(found, key=Violation.sort_key) == [
        Violation("(no focus node)", None, "SHACL", "SHACL"),
        Violation("[ ]", None, 'value "v" not allowed (SHACL)', "SHACL"),
    ]
    with_path = Violation("(no focus node)", "http://x/p", "SHACL", "SHACL")
    assert _ordered([with_path, found[0], found[0]]) == [found[0], with_path]


# ---------------------------------------------------------------------------
# Item 7: a file that holds no triples is named in a warning
# ---------------------------------------------------------------------------


@pytest.fixture
def quiet_dir(tmp_path: Path) -> Path:
    """The fixture data, a 0-byte file and a file of prefixes and comments only."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a-graph.ttl").write_bytes((DATA / "mini-graph.ttl").read_bytes())
    (folder / "empty.ttl").write_bytes(b"")
    (folder / "prefixes.ttl").write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n# to be written\n\n", encoding="utf-8"
    )
    return folder


EMPTY_WARNING = "no triples in this file (it is empty)"
PREFIXES_WARNING = "no triples in this file (nothing but prefixes, comments or white space)"


@pytest.mark.parametrize("load", [load_graph, load_store], ids=["rdflib", "oxigraph"])
def test_loading_warns_about_files_with_no_triples(quiet_dir: Path, load: object) -> None:
    with pytest.warns(GovgraphWarning) as caught:
        load([quiet_dir])  # type: ignore[operator]
    messages = sorted(str(w.message) for w in caught if w.category is GovgraphWarning)
    assert messages == [
        f"{quiet_dir / 'empty.ttl'}: {EMPTY_WARNING}",
        f"{quiet_dir / 'prefixes.ttl'}: {PREFIXES_WARNING}",
    ]


def test_files_with_triples_load_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", GovgraphWarning)
        assert len(load_store([ONTOLOGY, DATA])) > 0


def test_the_cli_warns_on_stderr_on_the_build_and_on_warm_starts(quiet_dir: Path) -> None:
    """Once per file per command, on stderr; the rows on stdout are unchanged."""
    args = ["--ontology", str(ONTOLOGY), "--data", str(quiet_dir), "stats", "--format", "tsv"]
    files = discover([ONTOLOGY, quiet_dir])
    entry = cache_dir() / "stores" / fingerprint(files)
    assert not entry.exists()
    expected = (
        f"warning: {quiet_dir / 'empty.ttl'}: {EMPTY_WARNING}\n"
        f"warning: {quiet_dir / 'prefixes.ttl'}: {PREFIXES_WARNING}\n"
    )
    cold = invoke(*args)
    assert entry.is_dir()  # built: the next run opens it without parsing a file
    warm = invoke(*args)
    for result in (cold, warm):
        assert result.exit_code == 0, result.output
        assert result.stderr == expected
        assert result.stdout.endswith("graph\ttriples\t67\n")


def test_validate_warns_once_though_it_loads_the_files_several_times(quiet_dir: Path) -> None:
    result = invoke("--ontology", str(ONTOLOGY), "--data", str(quiet_dir), "validate")
    assert result.stderr.count(EMPTY_WARNING) == 1, result.stderr
    assert result.stderr.count(PREFIXES_WARNING) == 1


def test_a_warning_escapes_control_characters_in_the_file_name(tmp_path: Path) -> None:
    odd = tmp_path / "x\x1b[2Jy.ttl"
    odd.write_bytes(b"")
    result = invoke(*FIXTURE_GRAPH, "--data", str(odd), "stats", "--format", "tsv")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr
    assert f"warning: {tmp_path}/x\\x1b[2Jy.ttl: {EMPTY_WARNING}\n" == result.stderr


# ---------------------------------------------------------------------------
# Item 8: no connection nobody asked for
# ---------------------------------------------------------------------------


def _remote_context_dir(tmp_path: Path, recorder: Recorder) -> tuple[Path, str]:
    folder = tmp_path / "jsonld"
    folder.mkdir()
    context = f"{recorder.url}/ctx"
    document = {
        "@context": context,
        "@id": "https://w3id.org/govgraph/id/mx-zac/body/x",
        "@type": "org:Organization",
    }
    (folder / "x.jsonld").write_text(json.dumps(document), encoding="utf-8")
    return folder, context


@pytest.mark.parametrize("command", ["validate", "stats", "export"])
def test_a_remote_jsonld_context_is_never_fetched(
    tmp_path: Path, recorder: Recorder, command: str
) -> None:
    """validate (rdflib) refuses it in the same sentence as the commands on Oxigraph."""
    folder, context = _remote_context_dir(tmp_path, recorder)
    result = invoke("--data", str(folder), command)
    assert_one_sentence(
        result,
        f"{folder / 'x.jsonld'}: the JSON-LD context {context!r} is a separate document, and "
        "govgraph opens no connection to fetch it: put the context in the file",
    )
    assert ":None:" not in result.stderr
    assert recorder.requests == []


def test_load_graph_does_not_fetch_an_imported_context(tmp_path: Path, recorder: Recorder) -> None:
    path = tmp_path / "x.jsonld"
    document = {
        "@context": {"@version": 1.1, "@import": f"{recorder.url}/ctx"},
        "@id": "https://w3id.org/govgraph/id/mx-zac/body/x",
        "@type": "org:Organization",
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(LoadError, match=r"the JSON-LD context '.*/ctx' is a separate document"):
        load_graph([path])
    assert recorder.requests == []


def test_jsonld_with_an_embedded_context_still_loads_in_validate(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonld"
    document = {
        "@context": {
            "org": "http://www.w3.org/ns/org#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
        },
        "@id": "https://w3id.org/govgraph/id/mx-zac/body/x",
        "@type": "org:Organization",
        "skos:prefLabel": {"@value": "X", "@language": "en"},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    graph = load_graph([path])
    assert len(graph) == 2


SERVICE_QUERIES = [
    "SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?x }} }}",
    "select ?x where {{ service silent <{url}/sparql> {{ ?s ?p ?x }} }}",
    "SELECT ?x WHERE {{ ?a ?b ?c.SeRvIcE<{url}/sparql>{{ ?s ?p ?x }} }} LIMIT 1",
    "PREFIX r: <{url}/> SELECT ?x {{ {{ SELECT ?x {{ SERVICE r:sparql {{ ?s ?p ?x }} }} }} }}",
    "SELECT ?x {{ BIND(<{url}/sparql> AS ?e) FILTER EXISTS {{ SERVICE ?e {{ ?s ?p ?x }} }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_on_the_local_graph(recorder: Recorder, template: str) -> None:
    result = invoke(*FIXTURE_GRAPH, "query", "-", stdin=template.format(url=recorder.url))
    assert_one_sentence(result, "would query a remote endpoint; govgraph runs a query on the local")
    assert recorder.requests == []


@pytest.mark.parametrize("backend", sorted(LOCAL_BACKENDS))
def test_both_local_backends_refuse_service(recorder: Recorder, backend: str) -> None:
    local = open_backend(backend, [ONTOLOGY, DATA])
    query = f"SELECT ?x WHERE {{ SERVICE <{recorder.url}/sparql> {{ ?s ?p ?x }} }}"
    with pytest.raises(QueryError, match=rf"^SERVICE <{recorder.url}/sparql> would query a remote"):
        local.query(query)
    assert recorder.requests == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { VALUES ?x { "SERVICE <http://127.0.0.1:1/> { }" } }',
        "SELECT ?x WHERE { VALUES ?x { <http://example.org/service> } }",
        "SELECT ?x WHERE { VALUES ?x { 1 } } # SERVICE <http://127.0.0.1:1/> { }",
        "SELECT ?service WHERE { VALUES ?service { 1 } }",
        "PREFIX service: <http://example.org/> SELECT ?x WHERE { VALUES ?x { service:a } }",
        "PREFIX ex: <http://example.org/> SELECT ?x WHERE { VALUES ?x { ex:a\\.service } }",
        "SELECT ?x WHERE { ?x a cpsv:PublicService }",
    ],
)
def test_the_word_service_elsewhere_is_no_clause(query: str) -> None:
    result = invoke(*FIXTURE_GRAPH, "query", "-", "--format", "tsv", stdin=query)
    assert result.exit_code == 0, result.output


def test_with_an_endpoint_the_query_goes_out_unchanged(recorder: Recorder) -> None:
    """The endpoint decides what SERVICE does: govgraph sends it as written."""
    query = f"SELECT ?x WHERE {{ SERVICE <{recorder.url}/elsewhere> {{ ?s ?p ?x }} }}"
    result = invoke(
        "query", "-", "--endpoint", f"{recorder.url}/sparql", "--format", "tsv", stdin=query
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "x\nremote\n"
    assert [(method, path) for method, path, _ in recorder.requests] == [("POST", "/sparql")]
    assert query in recorder.requests[0][2]


# ---------------------------------------------------------------------------
# Smaller ones: stats in English, control characters in messages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(LOCAL_BACKENDS))
def test_stats_names_dimensions_and_assessments_in_english(backend: str) -> None:
    rows = stats(open_backend(backend, [ONTOLOGY, DATA]), lang="en")
    dimension_rows = [row for row in rows if row[0].startswith("dimension: ")]
    assert dimension_rows == [
        ("dimension: Migrants' rights", "well developed", 0),
        ("dimension: Migrants' rights", "potential for development", 0),
        ("dimension: Migrants' rights", "total", 0),
        ("dimension: Whole-of-government approach", "well developed", 1),
        ("dimension: Whole-of-government approach", "potential for development", 0),
        ("dimension: Whole-of-government approach", "total", 4),
    ]


def test_stats_lang_en_on_the_command_line() -> None:
    result = invoke(*FIXTURE_GRAPH, "stats", "--lang", "en", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "dimension: Whole-of-government approach,well developed,1" in result.stdout.splitlines()
    assert "Enfoque" not in result.stdout
    assert "desarrollado" not in result.stdout


def test_a_dimension_without_an_english_label_keeps_its_spanish_one(tmp_path: Path) -> None:
    extra = tmp_path / "dimension.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/govgraph/vocab/migof/solo-es> skos:inScheme "
        "<https://w3id.org/govgraph/vocab/migof/dimensiones> ;\n"
        '    skos:prefLabel "Sólo español"@es .\n',
        encoding="utf-8",
    )
    rows = stats(open_backend("oxigraph", [ONTOLOGY, DATA, extra]), lang="en")
    assert ("dimension: Sólo español", "total", 0) in rows


def test_escape_controls() -> None:
    assert escape_controls("a\x1b[31mb\x7fc\x9bd\te\nf\rg\x00") == (
        "a\\x1b[31mb\\x7fc\\x9bd\te\nf\\x0dg\\x00"
    )
    assert escape_controls("caf\u00e9 \u00a0 \u2014") == "caf\u00e9 \u00a0 \u2014"
    assert escape_controls("bad-\udcff-name") == "bad-\\xff-name"  # a byte that was not UTF-8


@pytest.mark.parametrize(
    ("command", "text", "quoted"),
    [
        ("stats", b"<http://e/a\x1b> <http://e/b> <http://e/c> .\n", "code point '\\x1b'"),
        ("validate", b"<http://e/a\x1b> <http://e/b> <http://e/c> .\n", "code point '\\x1b'"),
        ("validate", b"@prefix ex: <http://e/> .\nex:a ex:b ex2\x1b\x7f:c .\n", "'ex2\\x1b\\x7f:'"),
        ("validate", b'@prefix ex: <http://e/> .\nex:a ex:b "open\x1b\x7f', '"^open\\x1b\\x7f'),
    ],
)
def test_syntax_errors_quoting_control_characters_are_escaped(
    tmp_path: Path, command: str, text: bytes, quoted: str
) -> None:
    """Both parsers quote the offending text; ESC and DEL reach the terminal as \\xNN."""
    (tmp_path / "bad.ttl").write_bytes(text)
    result = invoke("--data", str(tmp_path), command)
    assert result.exit_code == 2, result.output
    assert quoted in result.stderr, result.stderr
    assert not any(c in result.stderr for c in "\x1b\x7f"), repr(result.stderr)


def test_a_missing_data_path_with_control_characters_is_escaped(tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path / "no\x1b]0;pwned\x07.ttl"), "stats")
    assert_one_sentence(result, f"file not found: {tmp_path}/no\\x1b]0;pwned\\x07.ttl")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        # click's usage errors (click quotes most values with repr; escaped either way)
        (["x\x1b[31m"], "No such command 'x\\x1b[31m'"),
        (["--dat\x1bx"], "No such option '--dat\\x1bx'"),
        (["stats", "--format", "\x1bx"], "'\\x1bx' is not one of"),
        # domain errors that name what the user gave
        (["query", "no\x1b[2J.rq"], "no such file: no\\x1b[2J.rq"),
        (["query", "councils", "-p", "x\x9b"], "-p 'x\\x9b': a parameter is given as name=value"),
    ],
)
def test_error_messages_escape_control_characters(args: list[str], shown: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert shown in result.stderr, result.stderr
    assert not any(c in result.stderr for c in "\x1b\x9b"), repr(result.stderr)


def test_violation_lines_escape_control_characters_from_the_data(tmp_path: Path) -> None:
    """A check's ?message comes from the data: it is shown, never sent to the terminal."""
    data = tmp_path / "data.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/govgraph/id/mx-zac/body/x> skos:note "x\\u001b[2Jy" .\n',
        encoding="utf-8",
    )
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "note-violation.rq").write_text(
        "#+ summary: Notes are not allowed.\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?focus ?message WHERE { ?focus skos:note ?message }\n",
        encoding="utf-8",
    )
    args = ["--ontology", str(ONTOLOGY), "--data", str(data), "validate"]
    result = invoke(*args, "--shapes", str(SHAPES), "--checks", str(checks))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == "body:x: x\\x1b[2Jy [checks/note-violation.rq]"
