"""The workbook path: template, export, import, on the real graph; round trips and bad workbooks."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from govgraph.cli import govgraph
from govgraph.load import load_graph, load_store
from govgraph.namespaces import PREFIXES
from govgraph.resources import data_dir, default_sources, ontology_sources
from govgraph.store import OxigraphBackend
from govgraph.workbook import (
    BY_ID,
    SHARED_LEVELS,
    SHEETS,
    Context,
    WorkbookError,
    as_workbook,
    export_workbook,
    import_workbook,
    open_context,
    read_workbook,
    template_bytes,
    template_rows,
    write_csv_folder,
    xlsx_bytes,
)
from govgraph.workbook.build import build
from govgraph.workbook.cells import guard, unguard
from govgraph.workbook.write import csv_files

ZAC = "mx-zac"
ID = "https://w3id.org/govgraph/id/"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(govgraph, list(args))


@pytest.fixture(scope="module")
def context() -> Context:
    """The bundled ontology and data: lists and shared entities."""
    return open_context(cache=False)


@pytest.fixture(scope="module")
def zacatecas() -> rdflib.Graph:
    """The Zacatecas profile as bundled (data/ttl/mx-zac)."""
    return load_graph([data_dir() / ZAC])


@pytest.fixture(scope="module")
def exported(zacatecas: rdflib.Graph, context: Context) -> dict[str, list[dict[str, str]]]:
    """Zacatecas as workbook rows; export itself checks that they build back to the graph."""
    result = export_workbook(zacatecas, ZAC, context)
    assert result.problems == []
    assert result.missing == [], "the table has no column for these triples"
    assert result.extra == [], "the workbook states what the graph does not"
    return result.rows


def _diff(expected: rdflib.Graph, found: rdflib.Graph) -> str:
    """The first differences of two graphs, for an assertion message."""
    _, only_expected, only_found = graph_diff(to_isomorphic(expected), to_isomorphic(found))
    lines = [f"- {t}" for t in sorted(only_expected)[:10]]
    lines += [f"+ {t}" for t in sorted(only_found)[:10]]
    return "\n".join(lines)


# --- the template -----------------------------------------------------------------------------


def test_template_has_every_sheet_list_validation_and_help(context: Context) -> None:
    book = openpyxl.load_workbook(_bytes_file(template_bytes(context)))
    names = book.sheetnames
    assert names[0] == "LEEME"
    assert names[1:-1] == [sheet.name for sheet in SHEETS]
    lists = book["listas"]
    assert lists.sheet_state == "hidden"
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in lists.iter_cols()}
    assert columns["roles"][:3] == ["presidencia", "secretaria-ejecutiva", "secretaria-tecnica"]
    assert set(columns["niveles"]) == {"internacional", "federal", "estatal", "municipal"}
    assert {"voz-y-voto", "voz-sin-voto"} == set(columns["derechos-voto"])
    assert "bien-desarrollado" in columns["valoraciones"]
    assert "ley" in columns["tipos-documento"]
    seats = book["asientos"]
    assert seats.freeze_panes == "B2"
    headers = [cell.value for cell in seats[1]]
    assert headers[:3] == ["clave / key", "consejo / council", "integrante / member"]
    role_header = seats[f"{_letter('seats', 'role')}1"]
    assert role_header.comment is not None
    assert "Obligatoria" in role_header.comment.text
    by_column = {str(v.sqref).split(":")[0]: v for v in seats.data_validations.dataValidation}
    role = by_column[f"{_letter('seats', 'role')}2"]
    assert role.type == "list"
    assert role.formula1.startswith("listas!$")
    assert role.showErrorMessage  # a role outside the list is refused by the spreadsheet
    council = by_column[f"{_letter('seats', 'council')}2"]
    assert council.formula1.startswith("consejos!$A$2")
    assert not council.showErrorMessage
    readme = "\n".join(str(c.value) for row in book["LEEME"].iter_rows() for c in row if c.value)
    for sheet in SHEETS:
        assert sheet.name in readme
        assert sheet.help_es in readme
    # one worked example row per sheet
    for sheet in SHEETS:
        assert book[sheet.name].max_row == 2, sheet.name


def test_the_template_imports_and_validates_as_it_is(context: Context, tmp_path: Path) -> None:
    source = tmp_path / "perfil.xlsx"
    source.write_bytes(template_bytes(context))
    imported = import_workbook(source, tmp_path / "out", context=context)
    assert imported.jurisdiction == "mx-ejemplo"
    assert imported.checks > 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "jurisdiction.ttl" in files
    assert "councils.ttl" in files
    graph = load_graph([tmp_path / "out"])
    seat = rdflib.URIRef(f"{ID}mx-ejemplo/membership/consejo-migracion-sam")
    org = rdflib.Namespace(PREFIXES["org"])
    assert graph.value(seat, org.member) == rdflib.URIRef(f"{ID}mx-ejemplo/body/sam")  # "SAM"
    # every file parses with pyoxigraph too (stricter than rdflib)
    assert len(load_store([tmp_path / "out"])) == len(graph)


# --- round trips ----------------------------------------------------------------------------------


def test_a_new_jurisdiction_round_trips_with_its_own_concept(
    context: Context, tmp_path: Path
) -> None:
    source = tmp_path / "perfil.xlsx"
    source.write_bytes(template_bytes(context))
    first = tmp_path / "mx-ejemplo"
    import_workbook(source, first, context=context, check=False)
    graph = load_graph([first])
    beside = open_context([*default_sources(), first], cache=False)  # as `--data` would load it
    exported = export_workbook(graph, "mx-ejemplo", beside)
    assert (exported.missing, exported.extra, exported.problems) == ([], [], [])
    csv_folder = write_csv_folder(tmp_path / "csv", exported.rows)
    import_workbook(csv_folder, tmp_path / "again", context=beside, check=False)
    assert isomorphic(graph, load_graph([tmp_path / "again"]))


def test_zacatecas_round_trip_through_xlsx_is_isomorphic(
    exported: dict[str, list[dict[str, str]]],
    zacatecas: rdflib.Graph,
    context: Context,
    tmp_path: Path,
) -> None:
    source = tmp_path / "zacatecas.xlsx"
    source.write_bytes(xlsx_bytes(exported, context))
    imported = import_workbook(source, tmp_path / ZAC, context=context)  # validated
    assert imported.jurisdiction == ZAC
    back = load_graph([tmp_path / ZAC])
    assert isomorphic(zacatecas, back), _diff(zacatecas, back)


def test_zacatecas_round_trip_through_csv_is_isomorphic(
    exported: dict[str, list[dict[str, str]]],
    zacatecas: rdflib.Graph,
    context: Context,
    tmp_path: Path,
) -> None:
    folder = write_csv_folder(tmp_path / "csv", exported)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s.name}.csv" for s in SHEETS)
    header = next(csv.reader((folder / "asientos.csv").open(encoding="utf-8")))
    assert header == [c.header for c in BY_ID["seats"].columns]
    import_workbook(folder, tmp_path / ZAC, context=context, check=False)
    back = load_graph([tmp_path / ZAC])
    assert isomorphic(zacatecas, back), _diff(zacatecas, back)


def test_cli_exports_zacatecas_without_loss_and_imports_it_back(tmp_path: Path) -> None:
    workbook = tmp_path / "zac.xlsx"
    result = invoke("workbook", "export", ZAC, "-o", str(workbook))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    folder = tmp_path / "zac-csv"
    assert invoke("workbook", "export", ZAC, "-o", str(folder)).exit_code == 0
    assert (folder / "organismos.csv").is_file()
    result = invoke("workbook", "import", str(folder), "-o", str(tmp_path / "out"), "--no-validate")
    assert result.exit_code == 0, result.output
    assert f"of {ZAC} in" in result.output
    assert isomorphic(load_graph([tmp_path / "out"]), load_graph([data_dir() / ZAC]))


# --- bad workbooks: every problem, its sheet, row and column; exit 1; nothing written ---------


def _broken_rows() -> dict[str, list[dict[str, str]]]:
    rows = template_rows()
    seat = rows["seats"][0]
    rows["seats"].append(dict(seat, key="segundo-asiento", member="sezamy"))  # unknown key
    rows["seats"].append(dict(seat, key="tercer-asiento", role="jefa"))  # not in the list
    rows["seats"].append(dict(seat, key="cuarto-asiento", source=""))  # no source
    rows["seats"].append(dict(seat, key="quinto-asiento", seat_count="3"))  # one body
    rows["bodies"].append(dict(rows["bodies"][0]))  # duplicate key 'sam'
    rows["laws"][0]["year"] = "dos mil"  # a bad year
    rows["councils"][0]["min_sessions"] = "cuatro"  # a bad number
    rows["agreements"][0]["date"] = "2021-13"  # a bad month
    return rows


def test_a_broken_workbook_lists_every_problem_and_writes_nothing(
    context: Context, tmp_path: Path
) -> None:
    source = tmp_path / "roto.xlsx"
    source.write_bytes(xlsx_bytes(_broken_rows(), context))
    output = tmp_path / "out"
    result = invoke("workbook", "import", str(source), "-o", str(output))
    assert result.exit_code == 1, result.output
    assert not output.exists()
    lines = result.output.splitlines()
    seat = _letter("seats", "member")
    expected = [
        f"sheet 'asientos', row 3, column {seat} (integrante / member): unknown: 'sezamy'",
        f"sheet 'asientos', row 4, column {_letter('seats', 'role')} (cargo / role): 'jefa' is "
        "not in the list 'roles'",
        f"sheet 'asientos', row 5, column {_letter('seats', 'source')} (fuente / source): required",
        f"sheet 'asientos', row 6, column {_letter('seats', 'seat_count')} (número de asientos /"
        " seat count): a seat count is for a class of actors",
        "sheet 'organismos', row 3, column A (clave / key): duplicate key 'sam' (also row 2)",
        f"sheet 'leyes', row 2, column {_letter('laws', 'year')} (año / year): 'dos mil' is not",
        f"sheet 'consejos', row 2, column {_letter('councils', 'min_sessions')} (sesiones por año"
        " / sessions per year): 'cuatro' is not a whole number",
        f"sheet 'convenios', row 2, column {_letter('agreements', 'date')} (fecha / date): "
        "'2021-13' is not",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, result.output)
    assert lines[-1] == "8 problems in the workbook: nothing written"


def test_a_broken_csv_folder_names_its_files(context: Context, tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "roto", _broken_rows())
    with pytest.raises(WorkbookError) as caught:
        import_workbook(folder, tmp_path / "out", context=context)
    sheets = {problem.sheet for problem in caught.value.problems}
    assert sheets == {
        "asientos.csv",
        "organismos.csv",
        "leyes.csv",
        "consejos.csv",
        "convenios.csv",
    }
    assert len(caught.value.problems) == 8
    assert not (tmp_path / "out").exists()


def test_validation_problems_point_at_their_rows_and_nothing_replaces_the_output(
    context: Context, tmp_path: Path
) -> None:
    rows = template_rows()
    rows["agreements"][0]["parties"] = "sam"  # an agreement needs two parties (SHACL)
    source = tmp_path / "perfil.xlsx"
    source.write_bytes(xlsx_bytes(rows, context))
    output = tmp_path / "out"
    output.mkdir()
    (output / "keep.ttl").write_text("# mine\n", "utf-8")
    result = invoke("workbook", "import", str(source), "-o", str(output))
    assert result.exit_code == 2
    assert "not empty" in result.output
    result = invoke("workbook", "import", str(source), "-o", str(output), "--force")
    assert result.exit_code == 1, result.output
    column = _letter("agreements", "parties")
    assert f"sheet 'convenios', row 2, column {column} (partes / parties):" in result.output
    assert "(validation): nothing written" in result.output
    assert sorted(p.name for p in output.iterdir()) == ["keep.ttl"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_headers_formulas_and_foreign_sheets(context: Context, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_bytes_file(template_bytes(context)))
    book["organismos"]["B1"] = "publica?"  # a header that is no column
    book["consejos"]["B2"] = "=A2"  # a formula instead of a value
    book.create_sheet("notas")["A1"] = "mis notas"
    source = tmp_path / "perfil.xlsx"
    book.save(source)
    with pytest.warns(UserWarning, match="sheet 'notas' is not part of a profile"):
        workbook = read_workbook(source)
    messages = [str(p) for p in workbook.problems]
    assert "sheet 'organismos', row 1, column B: unknown column 'publica?'" in messages
    assert "sheet 'consejos', row 2, column B: a formula: type the value itself" in messages


def test_references_by_name_acronym_kind_path_and_ambiguity(context: Context) -> None:
    rows = template_rows()
    rows["seats"][0]["council"] = "Consejo Estatal de Migración"  # a Spanish name
    rows["seats"][0]["legal_basis"] = "law/ley-migrantes/art-10"  # kind/key
    rows["seats"][0]["member"] = "Secretaría de Atención al Migrante"  # a body and a group:
    rows["groups"].append(
        dict(rows["groups"][0], key="sam-grupo", alt_es="Secretaria de atencion al migrante")
    )
    built = build(as_workbook(rows), context)
    messages = [str(p) for p in built.problems]
    member = _letter("seats", "member")
    assert any(
        m.startswith(f"sheet 'asientos', row 2, column {member}") and "names several rows" in m
        for m in messages
    ), messages
    assert len(messages) == 1


def test_shared_entities_resolve_by_acronym_to_their_shared_iri(context: Context) -> None:
    shared = {
        e.iri: e for e in context.entities.values() if e.iri.startswith((f"{ID}mx/", f"{ID}int/"))
    }
    agents = [e for e in shared.values() if "agent" in e.kinds]
    assert agents, "the bundled data has no shared federal or international body"
    rows = template_rows()
    found = False
    for agent in agents:
        names = [written for _, written in agent.labels]
        for name in sorted(names, key=len):
            rows["seats"][0]["member"] = name
            built = build(as_workbook(rows), context)
            if not built.problems:
                member = {o for _, p, o in built.triples() if str(p) == PREFIXES["org"] + "member"}
                assert member == {rdflib.URIRef(agent.iri)}
                found = True
                break
        if found:
            break
    assert found
    rows["statistics"][0]["dataset"] = "poblacion"  # a shared data set by its slug
    assert not build(as_workbook(rows), context).problems


# --- hostile text -------------------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1+2",
    "-3",
    "@SUM(A1)",
    "'=quoted",
    "<script>alert('x')</script> & \"comillas\" \\ barra",
    "línea uno\nlínea dos",
]


def test_hostile_text_is_text_in_xlsx_csv_and_turtle(context: Context, tmp_path: Path) -> None:
    rows = template_rows()
    for i, text in enumerate(HOSTILE):
        body = dict(rows["bodies"][0], key=f"hostil-{i}", alt_es="", description_es=text)
        rows["bodies"].append(body)
    book = openpyxl.load_workbook(_bytes_file(xlsx_bytes(rows, context)))
    column = _letter("bodies", "description_es")
    cells = [book["organismos"][f"{column}{n}"] for n in range(3, 3 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" for c in cells)  # never a formula
    text = csv_files(rows)["organismos.csv"].decode("utf-8")
    assert "\n'=HYPERLINK" in text.replace('"', "") or "'=HYPERLINK" in text
    assert all(unguard(guard(t)) == t for t in HOSTILE)
    for source in (tmp_path / "h.xlsx", tmp_path / "h"):
        if source.suffix:
            source.write_bytes(xlsx_bytes(rows, context))
        else:
            write_csv_folder(source, rows)
        out = tmp_path / f"out-{source.name}"
        import_workbook(source, out, context=context, check=False)
        graph = load_graph([out])
        descriptions = {
            str(
                graph.value(
                    rdflib.URIRef(f"{ID}mx-ejemplo/body/hostil-{i}"), rdflib.DCTERMS.description
                )
            )
            for i in range(len(HOSTILE))
        }
        assert descriptions == set(HOSTILE)


# --- the generator's workbooks --------------------------------------------------------------------


def test_fifty_generated_jurisdictions_import_and_validate(tmp_path: Path) -> None:
    import pyoxigraph

    from govgraph.resources import checks_dir
    from govgraph.synth import chunks
    from govgraph.synth.workbooks import (
        SHARED_FILE,
        shared_level,
        workbook_paths,
        write_workbooks,
    )
    from govgraph.validate import validate

    folder = tmp_path / "gen"
    assert write_workbooks(50, folder, fmt="xlsx") == 50
    shared = folder / SHARED_FILE
    levels = (*SHARED_LEVELS, shared_level())
    context = Context(OxigraphBackend(load_store([*ontology_sources(), shared])), shared=levels)
    checks = [(c.name, c.read_text("utf-8")) for c in sorted(checks_dir().glob("*-violation.rq"))]
    out = tmp_path / "out"
    out.mkdir()
    pairs = zip(workbook_paths(folder), list(chunks(50))[1:], strict=True)
    for number, (workbook, (text, _)) in enumerate(pairs, 1):
        # SHACL on two profiles (pySHACL takes ~1.5 s each); the SPARQL checks on every one
        imported = import_workbook(
            workbook, out / workbook.stem, context=context, data=[shared], check=number <= 2
        )
        assert imported.jurisdiction == workbook.stem
        store = load_store([*ontology_sources(), shared, out / workbook.stem])
        original = pyoxigraph.parse(text.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES)
        lost = [
            t
            for t in original
            if not any(store.quads_for_pattern(t.subject, t.predicate, t.object))
        ]  # in any graph
        assert lost == [], workbook.stem  # the workbook kept every generated triple
        backend = OxigraphBackend(store)
        for name, query in checks:
            assert backend.query(query).rows == [], (workbook.stem, name)
    last = out / "syn-50"
    assert validate([*ontology_sources(), shared, last], ontology=ontology_sources()).conforms


def test_bench_generate_writes_workbooks_and_csv_folders(tmp_path: Path) -> None:
    result = invoke("bench", "generate", "--jurisdictions", "2", "--format", "csv",
                    "-o", str(tmp_path / "csv"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["shared.nt", "syn-1", "syn-2"]
    assert (tmp_path / "csv" / "syn-1" / "asientos.csv").is_file()
    result = invoke("bench", "generate", "--jurisdictions", "1", "--format", "xlsx",
                    "-o", str(tmp_path / "xlsx"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xlsx" / "syn-1.xlsx").is_file()


# --- helpers --------------------------------------------------------------------------------------


def _letter(sheet: str, column: str) -> str:
    from govgraph.workbook.cells import column_letter

    ids = [c.id for c in BY_ID[sheet].columns]
    return column_letter(ids.index(column))


def _bytes_file(data: bytes) -> object:
    import io

    return io.BytesIO(data)


def test_the_sheet_table_is_consistent() -> None:
    for sheet in SHEETS:
        ids = [c.id for c in sheet.columns]
        assert len(ids) == len(set(ids)), sheet.id
        assert ids[0] == "key"
        for column in sheet.columns:
            assert all((column.es, column.en, column.help_es, column.help_en)), column.id
            assert all(t in BY_ID for t in column.targets), column.id
        assert set(sheet.example) <= set(ids), sheet.id


def test_the_jurisdiction_comes_from_the_sheet_or_the_option(context: Context) -> None:
    rows = template_rows()
    assert build(as_workbook(rows), context).jurisdiction == "mx-ejemplo"
    messages = [str(p) for p in build(as_workbook(rows), context, "mx-gto").problems]
    assert (
        "sheet 'jurisdiccion', row 2, column A (clave / key): the workbook is for 'mx-ejemplo',"
        " not for --jurisdiction mx-gto: change the cell or the option"
    ) in messages
    del rows["jurisdiction"]
    messages = [str(p) for p in build(as_workbook(rows), context).problems]
    assert messages == [
        "sheet 'jurisdiccion': no jurisdiction: fill the 'jurisdiccion' sheet or give "
        "--jurisdiction"
    ]
    for sheet_rows in rows.values():
        for cells in sheet_rows:
            cells.update((k, "mx-zac") for k, v in cells.items() if v == "mx-ejemplo")
    built = build(as_workbook(rows), context, "mx-zac")  # one the vocabulary has: no row needed
    assert not built.problems
    assert "jurisdiction.ttl" not in built.files


def test_workbook_modules_are_small_and_import_no_cycle() -> None:
    import ast

    import govgraph.workbook

    package = Path(govgraph.workbook.__file__).parent
    modules = {m.stem: m for m in package.glob("*.py")}
    assert max(len(m.read_text("utf-8").splitlines()) for m in modules.values()) <= 500

    def imports(module: Path) -> set[str]:
        names = set()
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("govgraph.workbook."):
                    names.add(node.module.rsplit(".", 1)[1])
                elif node.module == "govgraph.workbook":
                    names.update(a.name for a in node.names if a.name in modules)
        return names

    graph = {name: imports(path) for name, path in modules.items() if name != "__init__"}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(
            nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt}))
            for nxt in graph.get(start, set())
        )

    assert [name for name in graph if reaches(name, name, {name})] == []


def test_docs_name_every_sheet() -> None:
    from conftest import REPO

    docs = (REPO / "docs" / "workbook.md").read_text("utf-8")
    readme = (REPO / "README.md").read_text("utf-8")
    assert "## Add your state's profile" in readme
    for sheet in SHEETS:
        assert f"| `{sheet.name}` | {sheet.en}" in docs, sheet.name
