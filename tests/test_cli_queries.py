"""The analysts' commands in-process: exact output, entity names, bad input, injection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import FIXTURES
from govgraph.cli import govgraph
from govgraph.queries import load_query, run
from govgraph.store import OxigraphBackend

EXPECTED = FIXTURES / "expected"
COVAM = "https://w3id.org/govgraph/id/mx-zac/council/covam"


def invoke(*args: str, stdin: str | None = None) -> Result:
    """Run govgraph in-process and check it never shows a traceback."""
    result = CliRunner().invoke(govgraph, list(args), input=stdin)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def rows(*args: str, stdin: str | None = None) -> list[dict[str, Any]]:
    """The JSON rows of a command that succeeds."""
    result = invoke(*args, "--format", "json", stdin=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "md", "json"])
def test_members_covam_exact_output(fmt: str) -> None:
    """`govgraph members COVAM`, byte for byte, in every format."""
    result = invoke("members", "COVAM", "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == (EXPECTED / f"members-covam.{fmt}").read_text(encoding="utf-8")


def test_default_format_is_tsv_off_a_terminal() -> None:
    """Piped output (not a terminal) defaults to TSV; a terminal gets the table."""
    assert invoke("members", "COVAM").stdout == (EXPECTED / "members-covam.tsv").read_text("utf-8")


def test_members_covam_is_what_the_report_says() -> None:
    """SEZAMI presides; four secretariats and the planning office; 4 + 4 seats abroad and local."""
    found = {r["member_id"]: r for r in rows("members", "COVAM")}
    assert found["body:sezami"]["role"] == "Presidencia"
    assert {
        "body:secretaria-finanzas",
        "body:secretaria-funcion-publica",
        "body:coordinacion-estatal-planeacion",
        "body:secretaria-obras-publicas",
    } < set(found)
    abroad = found["group:organizaciones-migrantes-covam"]
    assert (abroad["seats"], abroad["vote"]) == (4, "Voz y voto")  # xsd:integer: a JSON number
    assert found["group:municipios-covam"]["seats"] == 4


@pytest.mark.parametrize(
    "name",
    [
        "COVAM",
        "covam",
        "Comité de Validación",
        "comite de validacion y atencion",
        "council:covam",
        COVAM,
        f"<{COVAM}>",
    ],
)
def test_every_way_of_naming_a_council(name: str) -> None:
    """Acronym, name or part of one, with or without accents, CURIE or IRI: the same answer."""
    assert invoke("members", name, "--format", "csv").stdout == (
        EXPECTED / "members-covam.csv"
    ).read_text("utf-8")


def test_memberships_sezami() -> None:
    """Every council SEZAMI sits on, with its role."""
    assert {(r["council_id"], r["role"]) for r in rows("memberships", "SEZAMI")} == {
        ("council:consejo-interinstitucional", "Presidencia"),
        ("council:covam", "Presidencia"),
        ("council:comision-nna-migrantes", "Integrante"),
    }


def test_interlocks() -> None:
    """Bodies on two or more councils, the most connected first; --min raises the bar."""
    found = rows("interlocks")
    assert found[0]["count"] == 3
    assert {r["body_id"] for r in found if r["count"] == 3} == {
        "body:sezami",
        "body:cdhez",
        "body:gobierno-zacatecas",
        "body:comision-ejecutiva-atencion-victimas",
    }
    assert all(r["count"] >= 2 for r in found)
    assert len(rows("interlocks", "--min", "3")) == 4


def test_lang_en() -> None:
    """--lang en prints English labels."""
    assert rows("members", "COVAM", "--lang", "en")[0]["role"] == "Chair"


def test_ambiguous_name_lists_candidates() -> None:
    """A name that fits several councils: exit 2 and the candidates, no traceback."""
    result = invoke("members", "Consejo Estatal")
    assert result.exit_code == 2
    assert "matches" in result.stderr
    assert "council:consejo-estatal-trata" in result.stderr
    assert "council:consejo-estatal-proteccion-civil" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_name_suggests_the_closest() -> None:
    """No match: exit 2 and did you mean."""
    result = invoke("memberships", "SEZAMY")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert "SEZAMI" in result.stderr


def test_programs_laws_agreements_findings() -> None:
    """Each analyst command answers on the real graph, with and without its argument."""
    assert {r["program_id"] for r in rows("programs", "SEZAMI")} >= {
        "program:2x1-migrantes",
        "program:repatriados-trabajando",
    }
    assert len(rows("programs")) >= 27
    articles = {r["provision_id"] for r in rows("laws", "Ley para la Atención de los Zacatecanos")}
    assert "law:ley-atencion-migrantes-2018/art-14/frac-vi" in {
        a.replace("\\/", "/") for a in articles if a
    } | {a for a in articles if a}
    assert len(rows("laws")) >= 59
    assert {r["agreement_id"] for r in rows("agreements", "FINABIEN")} == {
        "agreement:sezami-finabien-2022"
    }
    assert len(rows("agreements")) == 6
    assert {r["assessment"] for r in rows("findings", "alianzas")} == {
        "Ámbito bien desarrollado",
        "Ámbito con potencial de desarrollo",
    }
    assert len(rows("findings")) == 59


def test_queries_lists_saved_queries_with_params() -> None:
    """`govgraph queries` names each saved query, its parameters and its summary."""
    listed = {r["name"]: r for r in rows("queries")}
    assert listed["council-members"]["params"] == (
        "council (council), lang (lang, default es), jurisdiction (jurisdiction, default all)"
    )
    assert listed["interlocks"]["params"] == (
        "min (integer, default 2), lang (lang, default es), "
        "jurisdiction (jurisdiction, default all)"
    )
    assert "councils" in listed


def test_query_by_name_file_and_stdin(tmp_path: Path) -> None:
    """A saved query with -p, a .rq file, and plain SPARQL on stdin."""
    by_name = invoke("query", "council-members", "-p", "council=COVAM", "--format", "csv")
    assert by_name.stdout == (EXPECTED / "members-covam.csv").read_text("utf-8")
    own = tmp_path / "count.rq"
    own.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }\n", encoding="utf-8")
    assert invoke("query", str(own), "--format", "csv").stdout == "n\n56\n"
    piped = invoke(
        "query",
        "-",
        "--format",
        "csv",
        stdin="SELECT ?c WHERE { ?c a gg:Council } ORDER BY ?c LIMIT 1",
    )
    assert piped.stdout == "c\ncouncil:comision-nna-migrantes\n"  # id/mx-zac/ before id/mx/


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "nope"], "no saved query named 'nope'"),
        (["query", "council-members"], "council-members needs a value for 'council'"),
        (["query", "councils", "-p", "colour=red"], "councils has no parameter 'colour'"),
        (["query", "interlocks", "-p", "min=two"], "min must be an integer, not 'two'"),
        (["query", "councils", "-p", "lang"], "-p 'lang': a parameter is given as name=value"),
        (["members", "no such council at all"], "no council matches"),
    ],
)
def test_bad_input_is_one_sentence(args: list[str], message: str) -> None:
    """Bad input: a non-zero exit and one line saying what is wrong."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_query_file_that_does_not_parse(tmp_path: Path) -> None:
    """The parser's message and position, with the file name."""
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE {\n  ?s ?p \n}\n", encoding="utf-8")
    result = invoke("query", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: invalid SPARQL: error at 3:")


def one_error(result: Result, message: str) -> None:
    """Exit 2 and exactly this one line on stderr, nothing on stdout."""
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # The prefixes govgraph adds used to shift these to column 1856 and 1875.
        ("SELEC * WHERE {}", "<stdin>: invalid SPARQL: error at 1:10: expected CONSTRUCT"),
        (
            "SELECT * WHERE {\n  ?s foo:bar ?o }",
            "<stdin>: invalid SPARQL: error at 2:6: unknown prefix foo:",
        ),
        (
            "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:p ?o ; zz:q ?o }",
            "<stdin>: invalid SPARQL: error at 2:31: unknown prefix zz:",
        ),
    ],
)
def test_stdin_syntax_errors_point_into_the_query_as_written(query: str, message: str) -> None:
    one_error(invoke("query", "-", stdin=query), message)


def test_file_syntax_error_column_is_the_files(tmp_path: Path) -> None:
    """A header-less .rq file: line 1, column 10 of the file."""
    bad = tmp_path / "bad.rq"
    bad.write_text("SELEC * WHERE {}\n", encoding="utf-8")
    one_error(
        invoke("query", str(bad)), f"{bad}: invalid SPARQL: error at 1:10: expected CONSTRUCT"
    )


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", "no query on standard input"),
        (" \n\t\n", "no query on standard input"),
        # Read as text, these bytes became surrogates: "'utf-8' codec can't encode ...".
        (b'SELECT ?s WHERE { ?s ?p "Atenci\xf3n" }', "standard input is not UTF-8"),
    ],
)
def test_stdin_that_holds_no_query(stdin: str | bytes, message: str) -> None:
    result = CliRunner().invoke(govgraph, ["query", "-"], input=stdin)
    one_error(result, message)


def test_query_file_that_is_not_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin.rq"
    latin.write_bytes('SELECT ?s WHERE { ?s ?p "Atención" }'.encode("latin-1"))
    one_error(invoke("query", str(latin)), f"{latin} is not UTF-8")


def test_query_a_directory_or_a_missing_file(tmp_path: Path) -> None:
    """Not "no saved query named '/tmp/…'": say what the path is."""
    one_error(invoke("query", str(tmp_path)), f"{tmp_path} is a directory, not a query file")
    missing = tmp_path / "missing.rq"
    one_error(invoke("query", str(missing)), f"no such file: {missing}")
    one_error(invoke("query", "missing.rq"), "no such file: missing.rq")


@pytest.mark.parametrize(
    "url", ["http://u:secret@example.org/query", "ftp://u:secret@example.org/query"]
)
def test_credentials_in_the_endpoint_url_are_refused_unechoed(url: str) -> None:
    """A password in --endpoint is never printed (it was, in every error naming the URL)."""
    result = invoke("councils", "--endpoint", url)
    bare = url.replace("u:secret@", "")
    one_error(
        result,
        f"give the SPARQL endpoint URL without a user name or password ({bare}): "
        "govgraph sends no credentials with queries",
    )
    assert "secret" not in result.output


def test_endpoint_url_with_a_user_name_only() -> None:
    result = invoke("members", "COVAM", "--endpoint", "https://someone@example.org/sparql")
    one_error(
        result,
        "give the SPARQL endpoint URL without a user name or password "
        "(https://example.org/sparql): govgraph sends no credentials with queries",
    )


def test_a_parameter_given_twice_is_an_error() -> None:
    """It used to run with the last value, silently."""
    result = invoke(
        "query",
        "council-members",
        "-p",
        "council=COVAM",
        "-p",
        "council=consejo-interinstitucional",
    )
    one_error(result, "parameter 'council' given twice")


@pytest.mark.parametrize("value", ["1", "0", "-5"])
def test_interlocks_min_is_at_least_two(value: str) -> None:
    result = invoke("interlocks", "--min", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        f"Error: Invalid value for '--min': {value} is not in the range x>=2.\n"
    )


def test_saved_interlocks_query_takes_any_min() -> None:
    """The saved query is plain SPARQL: min=1 lists every body on a council (documented)."""
    every = rows("query", "interlocks", "-p", "min=1")
    assert len(every) == 42 > len(rows("interlocks")) == 10
    assert min(r["count"] for r in every) == 1
    assert rows("query", "interlocks", "-p", "min=0") == every


def test_search_ranks_by_relevance_then_kind() -> None:
    """The institution named "… del Zacatecano …" first; findings and mandates last (SEZAMI
    used to come 13th, behind findings sorted by label)."""
    found = [(r["id"], r["kind"]) for r in rows("search", "zacatecano")]
    assert found[:7] == [
        ("body:sezami", "agent"),
        ("group:asociaciones-zacatecanos-migrantes", "agent"),
        ("council:consejo-interinstitucional", "council"),
        ("program:orientacion-financiera-exterior", "program"),
        ("law:ley-atencion-migrantes-2018", "law"),
        ("law:reglamento-interior-consejo-interinstitucional", "law"),
        ("finding:1-1-asesoria-juridica-sezami", "other"),
    ]
    assert {kind for _, kind in found[6:]} == {"other"}


def test_search_exact_acronym_first() -> None:
    assert rows("search", "SEZAMI")[0]["id"] == "body:sezami"
    assert rows("search", "covam")[0]["id"] == "council:covam"


@pytest.mark.parametrize("text", ["", "   ", "¿?"])
def test_search_needs_a_text(text: str) -> None:
    one_error(invoke("search", text), "give a text to search for")


def test_search_ignores_one_character_words() -> None:
    """ "a | b" matched nearly every entity (every label holds an a); a lone "x" still counts."""
    assert (
        invoke("search", "a | b", "--format", "csv").stdout
        == "jurisdiction_id,id,kind,label,matched\n"
    )
    ids = {r["id"] for r in rows("search", "ley", "--limit", "500")}
    assert {r["id"] for r in rows("search", "ley a b", "--limit", "500")} == ids
    assert {r["id"] for r in rows("search", "2x1 y")} == {r["id"] for r in rows("search", "2x1")}
    assert len(rows("search", "x")) == 50


def test_json_numbers_are_numbers() -> None:
    """xsd:integer values are JSON numbers; text stays text, in csv as before."""
    count = "SELECT (COUNT(*) AS ?n) (STR(COUNT(*)) AS ?s) WHERE { ?m a org:Membership }"
    assert rows("query", "-", stdin=count) == [{"n": 56, "s": "56"}]
    assert invoke("query", "-", "--format", "csv", stdin=count).stdout == "n,s\n56,56\n"
    flags = 'SELECT (true AS ?yes) (1.5 AS ?d) ("1" AS ?text) WHERE {}'
    assert rows("query", "-", stdin=flags) == [{"yes": True, "d": 1.5, "text": "1"}]


OUTSIDE = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix gg:   <https://w3id.org/govgraph/ontology#> .
@prefix role: <https://w3id.org/govgraph/vocab/role/> .
@prefix ex:   <https://example.org/kg/id/t/> .

ex:c a gg:Council , org:Organization ; skos:prefLabel "Consejo C"@es ; skos:altLabel "CC" .
ex:b a org:Organization ; skos:prefLabel "Oficina B"@es .
ex:m a org:Membership ; org:member ex:b ; org:organization ex:c ; org:role role:integrante ;
    gg:seatCount 2 .
"""


@pytest.mark.parametrize(
    "name", ["https://example.org/kg/id/t/c", "<https://example.org/kg/id/t/c>", "Consejo C", "CC"]
)
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_data_outside_the_govgraph_namespace_can_be_named(
    tmp_path: Path, name: str, cache: list[str]
) -> None:
    """Entities of a --data graph under https://example.org/ are found by IRI, name and acronym
    (the resolver indexed only https://w3id.org/govgraph/: "no council has the IRI")."""
    data = tmp_path / "ex.ttl"
    data.write_text(OUTSIDE, encoding="utf-8")
    result = invoke(*cache, "--data", str(data), "members", name, "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "jurisdiction_id,member_id,member,role,post,vote,seats,legal_basis,sources\n"
        ",<https://example.org/kg/id/t/b>,Oficina B,Integrante,,,2,,\n"
    )
    search = invoke(*cache, "--data", str(data), "search", "consejo c", "--format", "csv")
    assert (
        search.stdout.splitlines()[1]
        == ",<https://example.org/kg/id/t/c>,council,Consejo C,Consejo C"
    )


INJECTIONS = ['x" } ; DROP ALL ; SELECT * { "', "SEZAMI> } UNION { ?s ?p ?o }", 'a"@es } #']


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_data(value: str) -> None:
    """Quotes, > and } in a value are data: no rows, no error, and the graph is unchanged."""
    result = invoke("query", "find-by-label", "-p", f"label={value}", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == "resource_id,resource\n"
    backend = OxigraphBackend.load()
    before = backend.triple_count()
    assert run(backend, load_query("find-by-label"), {"label": value}).rows == []
    assert backend.triple_count() == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_as_an_entity_matches_nothing(value: str) -> None:
    """Resolving an entity never builds SPARQL from the text: the text is only compared."""
    result = invoke("members", value)
    assert result.exit_code == 2
    assert "matches" in result.stderr  # "no council matches …" or "… matches N councils"
    assert len(result.stderr.strip().splitlines()) == 1


def test_search_ignores_accents_and_case() -> None:
    """Names, acronyms and alternative labels, accent- and case-insensitive."""
    assert rows("search", "secretaria del zacatecano")[0]["id"] == "body:sezami"
    assert rows("search", "SECRETARÍA DEL ZACATECANO")[0]["id"] == "body:sezami"
    assert "mx-body:finabien" in {r["id"] for r in rows("search", "telecomm")}


def test_describe_both_directions_with_sources() -> None:
    """describe SEZAMI shows what it is, what points at it and through which node, with sources."""
    found = rows("describe", "SEZAMI")
    assert {"out", "in", "via"} <= {r["direction"] for r in found}
    seats = [r for r in found if r["via"] == "seat:consejo-interinstitucional-sezami"]
    assert seats
    assert {r["source"] for r in seats} == {"report:fn-36"}
    assert any(r["value"] == "council:consejo-interinstitucional" for r in seats)


def test_data_and_endpoint_do_not_mix() -> None:
    """--data loads a local graph; with --endpoint it is an error, not silently ignored."""
    result = invoke("--data", "data/ttl", "members", "COVAM", "--endpoint", "http://127.0.0.1:9/q")
    assert result.exit_code == 2
    assert "not with --endpoint" in result.stderr


def test_unreachable_endpoint_is_one_sentence() -> None:
    """Nothing listening: exit 2 with one sentence naming the endpoint."""
    result = invoke("councils", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "2")
    assert result.exit_code == 2
    assert "http://127.0.0.1:9/query" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["members", "COVAM"],
        ["memberships", "SEZAMI"],
        ["interlocks"],
        ["councils"],
        ["programs", "SEZAMI"],
        ["laws"],
        ["agreements"],
        ["findings", "alianzas"],
        ["search", "migrante"],
        ["describe", "COVAM"],
        ["query", "presidencies"],
    ],
)
def test_same_answers_through_the_endpoint(oxigraph_endpoint: str, args: list[str]) -> None:
    """Every command prints the same thing locally and through --endpoint (real Oxigraph)."""
    local = invoke(*args, "--format", "csv")
    remote = invoke(*args, "--format", "csv", "--endpoint", oxigraph_endpoint)
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


@pytest.mark.parametrize(
    "args", [["members", "COVAM"], ["interlocks"], ["councils"], ["query", "presidencies"]]
)
def test_same_json_through_the_endpoint(oxigraph_endpoint: str, args: list[str]) -> None:
    """JSON numbers come from the datatypes the endpoint sends: the same output as locally."""
    local = invoke(*args, "--format", "json")
    remote = invoke(*args, "--format", "json", "--endpoint", oxigraph_endpoint)
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_answering_does_not_import_heavy_libraries() -> None:
    """`members COVAM` runs on Oxigraph alone: no rdflib, networkx, pyvis or pyshacl."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from govgraph.cli import govgraph\n"
        "result = CliRunner().invoke(govgraph, ['members', 'COVAM', '--format', 'csv'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('rdflib', 'networkx', 'pyvis', 'pyshacl', 'SPARQLWrapper')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_the_governor_and_the_state_government_find_the_seat() -> None:
    """ "Presidido por el Gobernador del Estado" (issue 12): the seat is found from the post and
    from the body it exists in, and `members` and `describe` name the post."""
    presided = {
        "council:consejo-estatal-proteccion-civil",
        "council:sistema-estatal-atencion-victimas",
    }
    for name in ("Gobernador", "Gobernador del Estado", "titular del Ejecutivo del Estado"):
        found = rows("memberships", name)
        assert {r["council_id"] for r in found} == presided, name
        assert {r["post"] for r in found} == {"Gobernador del Estado de Zacatecas"}
    government = {
        r["council_id"]: r for r in rows("memberships", "Gobierno del Estado de Zacatecas")
    }
    assert presided < set(government)
    assert government["council:consejo-estatal-trata"]["post"] is None  # "el Ejecutivo Estatal"
    members = {r["member_id"]: r for r in rows("members", "Sistema Estatal de Atención a Víctimas")}
    assert members["body:gobierno-zacatecas"]["post"] == "Gobernador del Estado de Zacatecas"
    assert members["body:cdhez"]["post"] == (
        "Presidente de la Comisión de Derechos Humanos del Estado de Zacatecas"
    )
    described = {(r["property"], r["value"]) for r in rows("describe", "Gobernador")}
    assert ("org:postIn", "body:gobierno-zacatecas") in described
    assert ("gg:post → org:organization", "council:sistema-estatal-atencion-victimas") in described
    presidencies = {(r["council_id"], r["post"]) for r in rows("query", "presidencies")}
    assert (
        "council:sistema-estatal-atencion-victimas",
        "Gobernador del Estado de Zacatecas",
    ) in presidencies


def test_the_two_secretarias_de_economia_are_told_apart() -> None:
    """Labels and `describe` tell the state and the federal Secretaría de Economía apart."""
    for level, label in (
        ("estatal", "Secretaría de Economía del Estado de Zacatecas"),
        ("federal", "Secretaría de Economía"),
    ):
        described = rows("describe", "Secretaría de Economía", "--level", level)
        facts = {(r["property"], r["value"]): r["value_label"] for r in described}
        assert ("skos:prefLabel", label) in facts
        assert ("org:classification", f"level:{level}") in facts
