"""Exports: the same bytes on every run, read back alike by rdflib, pyoxigraph and pyld."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import DATA, ONTOLOGY, REPO
from govgraph.errors import LoadError, PublishError
from govgraph.load import load_graph, load_store
from govgraph.namespaces import (
    CONTEXT_IRI,
    DEFAULT_DATA_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    data_graph,
    expand,
)
from govgraph.publish.export import EXPORT_PREFIXES, FORMATS, context_file, export
from govgraph.resources import data_dir, ontology_sources

RDFLIB = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "rdfxml": "xml"}
OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}
ALL = sorted(FORMATS)
# rdflib's own JSON-LD and N-Quads parsers use its deprecated graph classes.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

BLANK_NODES = """\
@prefix ex: <https://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a ex:knows [ ex:name "uno" ; ex:knows [ ex:name "dos" ] ] , [ ex:name "tres"@es ] .
_:x ex:knows _:y . _:y ex:knows _:x . _:x skos:prefLabel "x"@es .
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every format of the bundled graph, exported once to a file."""
    out = tmp_path_factory.mktemp("export")
    for fmt in ALL:
        export(fmt, out / f"graph.{fmt}")
    return {fmt: (out / f"graph.{fmt}").read_bytes() for fmt in ALL}


@pytest.fixture(scope="module")
def reference() -> rdflib.Graph:
    """The bundled graph as govgraph.load reads it."""
    return load_graph()


def rdflib_graph(body: bytes, fmt: str) -> rdflib.Graph:
    """Parse an export with rdflib; N-Quads as the union of its graphs."""
    if fmt == "nq":
        dataset = rdflib.Dataset()
        dataset.parse(data=body, format="nquads")
        union = rdflib.Graph()
        for graph in dataset.graphs():
            union += graph
        return union
    return rdflib.Graph().parse(data=body, format=RDFLIB[fmt])


def oxigraph_quads(body: bytes, fmt: str) -> list[pyoxigraph.Quad]:
    """Parse an export with pyoxigraph."""
    return list(pyoxigraph.parse(body, format=OXIGRAPH[fmt]))


# ---------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL)
def test_a_second_export_is_byte_identical(
    fmt: str, exported: dict[str, bytes], tmp_path: Path
) -> None:
    export(fmt, tmp_path / "again")
    assert (tmp_path / "again").read_bytes() == exported[fmt]


def test_another_process_with_another_hash_seed_writes_the_same_bytes(
    exported: dict[str, bytes], tmp_path: Path
) -> None:
    # Set and dict order of strings changes with the hash seed; the output must not.
    code = (
        "import sys; from govgraph.publish.export import export\n"
        "for fmt in sys.argv[2:]: export(fmt, f'{sys.argv[1]}/graph.{fmt}')"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), *ALL], env=env, check=True, timeout=120
    )
    for fmt in ALL:
        assert (tmp_path / f"graph.{fmt}").read_bytes() == exported[fmt], fmt


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_line_formats_are_sorted(fmt: str, exported: dict[str, bytes]) -> None:
    lines = exported[fmt].splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))


@pytest.mark.parametrize("fmt", ALL)
def test_blank_nodes_get_the_same_labels_on_every_run(fmt: str, tmp_path: Path) -> None:
    # Each export parses the file anew, and parsers label blank nodes at random.
    source = tmp_path / "blank.ttl"
    source.write_text(BLANK_NODES, "utf-8")
    first, second = io.BytesIO(), io.BytesIO()
    export(fmt, first, paths=[source], ontology=[ONTOLOGY])
    export(fmt, second, paths=[source], ontology=[ONTOLOGY])
    assert first.getvalue() == second.getvalue()
    expected = rdflib.Graph().parse(data=BLANK_NODES, format="turtle")
    data_only = io.BytesIO()
    export(fmt, data_only, paths=[source], ontology=[ONTOLOGY], data_only=True)
    assert isomorphic(rdflib_graph(data_only.getvalue(), fmt), expected)


# ---------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL)
def test_rdflib_reads_back_the_loaded_graph(
    fmt: str, exported: dict[str, bytes], reference: rdflib.Graph
) -> None:
    graph = rdflib_graph(exported[fmt], fmt)
    assert len(graph) == len(reference)
    assert isomorphic(graph, reference)


@pytest.mark.parametrize("fmt", ALL)
def test_pyoxigraph_reads_back_the_loaded_graph(fmt: str, exported: dict[str, bytes]) -> None:
    quads = oxigraph_quads(exported[fmt], fmt)
    expected = {quad.triple for quad in load_store()}
    assert len(quads) == len(expected)
    assert {quad.triple for quad in quads} == expected


def test_pyld_expands_the_jsonld_to_the_same_triples(
    exported: dict[str, bytes], reference: rdflib.Graph
) -> None:
    from pyld import jsonld

    nquads = jsonld.to_rdf(json.loads(exported["jsonld"]), {"format": "application/n-quads"})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), reference)


def test_jsonld_can_refer_to_the_published_context(reference: rdflib.Graph) -> None:
    from pyld import jsonld

    out = io.BytesIO()
    export("jsonld", out, context_url=CONTEXT_IRI)
    document = json.loads(out.getvalue())
    assert document["@context"] == CONTEXT_IRI

    def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
        # The context as it will be served, read from the file instead of the network.
        assert url == CONTEXT_IRI
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(context_file().read_text("utf-8")),
        }

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": loader})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), reference)


# ---------------------------------------------------------------------------
# What the exports look like
# ---------------------------------------------------------------------------


def test_jsonld_has_readable_keys(exported: dict[str, bytes]) -> None:
    document = json.loads(exported["jsonld"])
    assert document["@context"] == json.loads(context_file().read_text("utf-8"))["@context"]
    nodes = {node["id"]: node for node in document["@graph"]}
    full = {i: expand(i) if i.partition(":")[0] in PREFIXES else i for i in nodes}
    assert list(nodes) == sorted(nodes, key=full.__getitem__)  # sorted by IRI
    covam = nodes["council:covam"]
    assert covam["label"] == {
        "en": "Migrant Validation and Assistance Committee",
        "es": "Comité de Validación y Atención a Migrantes",
    }
    assert covam["type"] == ["org:OrganizationalCollaboration", "gg:Council"]
    assert covam["source"] == [
        "report:fn-37",
        "report:sec-2-1",
        "report:sec-3-1",
        "report:sec-fuentes",
    ]  # the sections of its legal basis (issue 12) too
    assert covam["minSessionsPerYear"] == "2"
    seat = nodes["seat:covam-sezami"]
    assert (seat["member"], seat["organization"], seat["memberRole"]) == (
        "body:sezami",
        "council:covam",
        "role:presidencia",
    )
    assert set(seat["evidence"]) == {"es"}
    article = nodes["law:ley-atencion-migrantes-2018/art-14/frac-vi"]
    assert article["partOf"] == "law:ley-atencion-migrantes-2018/art-14"
    assert article["number"] == "VI"
    program = nodes["program:2x1-migrantes"]
    assert "body:sezami" in program["operator"]
    # A property without a term keeps its compact IRI.
    assert nodes["gg:Council"]["rdfs:subClassOf"] == {"id": "org:OrganizationalCollaboration"}


def test_context_prefixes_are_the_prefix_table() -> None:
    context = json.loads(context_file().read_text("utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and not v.startswith("@")}
    assert prefixes == EXPORT_PREFIXES
    assert PREFIXES.items() <= prefixes.items()


def test_no_context_term_shadows_a_prefix() -> None:
    # A term named like a prefix ("role") would turn every role:x into nonsense.
    pairs = json.loads(context_file().read_text("utf-8"), object_pairs_hook=lambda pairs: pairs)[0][
        1
    ]
    names = [name for name, _ in pairs]
    assert len(names) == len(set(names))


def test_context_terms_name_properties_the_graph_uses(reference: rdflib.Graph) -> None:
    context = json.loads(context_file().read_text("utf-8"))["@context"]
    used = {str(p) for p in reference.predicates()}
    for name, definition in context.items():
        if isinstance(definition, dict):
            prefix, _, local = definition["@id"].partition(":")
            assert PREFIXES[prefix] + local in used, name


def test_turtle_uses_the_prefix_table(exported: dict[str, bytes]) -> None:
    text = exported["ttl"].decode("utf-8")
    assert "@prefix council: <https://w3id.org/govgraph/id/mx-zac/council/> ." in text
    assert "@prefix vann: <http://purl.org/vocab/vann/> ." in text
    assert "ns1:" not in text
    assert "\ncouncil:covam a " in text


# ---------------------------------------------------------------------------
# Data only, named graphs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL)
def test_data_only_leaves_out_the_ontology(fmt: str) -> None:
    out = io.BytesIO()
    count = export(fmt, out, data_only=True)
    data = load_graph([data_dir()])
    assert count == len(data)
    assert isomorphic(rdflib_graph(out.getvalue(), fmt), data)


def test_nquads_has_the_ontology_and_data_graphs(exported: dict[str, bytes]) -> None:
    by_graph: dict[str, int] = {}
    for quad in oxigraph_quads(exported["nq"], "nq"):
        name = quad.graph_name
        assert isinstance(name, pyoxigraph.NamedNode)
        by_graph[name.value] = by_graph.get(name.value, 0) + 1
    assert by_graph == {  # each jurisdiction's folder in its own graph
        ONTOLOGY_GRAPH: len(load_graph(ontology_sources())),
        data_graph("mx-zac"): len(load_graph([data_dir() / "mx-zac"])),
        data_graph("mx"): len(load_graph([data_dir() / "mx"])),
        data_graph("int"): len(load_graph([data_dir() / "int"])),
    }


def test_given_ontology_and_data_go_to_their_graphs() -> None:
    out = io.BytesIO()
    export("nq", out, paths=[ONTOLOGY, DATA], ontology=[ONTOLOGY])
    dataset = rdflib.Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    assert isomorphic(dataset.graph(rdflib.URIRef(ONTOLOGY_GRAPH)), load_graph([ONTOLOGY]))
    # data outside a folder named after a jurisdiction goes to the default data graph
    assert isomorphic(dataset.graph(rdflib.URIRef(DEFAULT_DATA_GRAPH)), load_graph([DATA]))
    only = io.BytesIO()
    export("nq", only, paths=[ONTOLOGY, DATA], ontology=[ONTOLOGY], data_only=True)
    assert {line.rsplit(b" ", 2)[-2] for line in only.getvalue().splitlines()} == {
        f"<{DEFAULT_DATA_GRAPH}>".encode()
    }


# ---------------------------------------------------------------------------
# Where the bytes go
# ---------------------------------------------------------------------------


def test_writes_stdout_without_out(
    exported: dict[str, bytes], capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert export("nt") == len(exported["nt"].splitlines())
    assert capsysbinary.readouterr().out == exported["nt"]


def test_replaces_a_file_atomically(exported: dict[str, bytes], tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", "utf-8")
    export("ttl", str(target))
    assert target.read_bytes() == exported["ttl"]
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_file_that_cannot_be_written_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match=r"^cannot write .*missing/graph\.nt: "):
        export("nt", tmp_path / "missing" / "graph.nt")
    (tmp_path / "dir").mkdir()
    with pytest.raises(PublishError, match=r"^cannot write .*dir: "):
        export("nt", tmp_path / "dir")
    assert [p.name for p in (tmp_path / "dir").iterdir()] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]


def test_unknown_format() -> None:
    with pytest.raises(PublishError, match=r"^unknown export format 'csv' \(choose from ttl, "):
        export("csv", io.BytesIO())


def test_a_broken_source_is_a_load_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", "utf-8")
    target = tmp_path / "out.nt"
    with pytest.raises(LoadError, match=r"bad\.ttl:1: "):
        export("nt", target, paths=[bad])
    assert not target.exists()


def test_context_ships_with_the_ontology() -> None:
    assert context_file() == REPO / "ontology" / "context.jsonld"


def cli(*args: str) -> Any:
    """Run govgraph in-process; never a traceback."""
    from click.testing import CliRunner

    from govgraph.cli import govgraph

    result = CliRunner().invoke(govgraph, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-f", "jsonld", "--context-url", "notaurl"],
            "the JSON-LD context URL must be an absolute IRI such as "
            "https://w3id.org/govgraph/context.jsonld: 'notaurl'",
        ),
        (
            ["-f", "jsonld", "--context-url", "https://example.org/a context.jsonld"],
            "the JSON-LD context URL must be an absolute IRI such as "
            "https://w3id.org/govgraph/context.jsonld: 'https://example.org/a context.jsonld'",
        ),
        (["-f", "ttl", "--context-url", CONTEXT_IRI], "--context-url applies to -f jsonld only"),
        (["--context-url", CONTEXT_IRI], "--context-url applies to -f jsonld only"),
        (
            ["-o", ""],
            "--output is empty: give a file name, or leave it out for standard output",
        ),
        (["-o", "sub/"], "cannot write 'sub/': give a file name"),
    ],
)
def test_bad_export_options_are_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_the_context_url_is_checked_by_the_library_too() -> None:
    with pytest.raises(PublishError, match=r"^a JSON-LD context URL applies to the jsonld format"):
        export("nt", io.BytesIO(), context_url=CONTEXT_IRI)
    with pytest.raises(PublishError, match=r"^the JSON-LD context URL must be an absolute IRI"):
        export("jsonld", io.BytesIO(), context_url="context.jsonld")
    with pytest.raises(PublishError, match=r"^cannot write '': give a file name"):
        export("nt", "")
