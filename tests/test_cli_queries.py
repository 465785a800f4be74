"""The analysts' commands in-process: exact output, entity names, bad input, injection."""

from __future__ import annotations

import json
from pathlib import Path

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


def rows(*args: str) -> list[dict[str, str | None]]:
    """The JSON rows of a command that succeeds."""
    result = invoke(*args, "--format", "json")
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
    assert (abroad["seats"], abroad["vote"]) == ("4", "Voz y voto")
    assert found["group:municipios-covam"]["seats"] == "4"


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
    assert found[0]["count"] == "3"
    assert {r["body_id"] for r in found if r["count"] == "3"} == {
        "body:sezami",
        "body:cdhez",
        "body:gobierno-zacatecas",
        "body:comision-ejecutiva-atencion-victimas",
    }
    assert all(int(r["count"] or 0) >= 2 for r in found)
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
    assert listed["council-members"]["params"] == "council (council), lang (lang, default es)"
    assert listed["interlocks"]["params"] == "min (integer, default 2), lang (lang, default es)"
    assert "councils" in listed


def test_query_by_name_file_and_stdin(tmp_path: Path) -> None:
    """A saved query with -p, a .rq file, and plain SPARQL on stdin."""
    by_name = invoke("query", "council-members", "-p", "council=COVAM", "--format", "csv")
    assert by_name.stdout == (EXPECTED / "members-covam.csv").read_text("utf-8")
    own = tmp_path / "count.rq"
    own.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }\n", encoding="utf-8")
    assert invoke("query", str(own), "--format", "csv").stdout == "n\n57\n"
    piped = invoke(
        "query",
        "-",
        "--format",
        "csv",
        stdin="SELECT ?c WHERE { ?c a gg:Council } ORDER BY ?c LIMIT 1",
    )
    assert piped.stdout == "c\ncouncil:ccpm\n"


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
    assert "body:finabien" in {r["id"] for r in rows("search", "telecomm")}


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
