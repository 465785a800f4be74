"""Loading Turtle: discovery, clear one-line errors, all or nothing, both parsers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ONTOLOGY, SYNTAX_ERROR, UNKNOWN_PREFIX
from govgraph.errors import LoadError
from govgraph.load import discover, load_graph, load_store

LOADERS: list[Callable[[Any], Any]] = [load_graph, load_store]


def test_discover_is_recursive_sorted_and_keeps_argument_order(tmp_path: Path) -> None:
    for name in ["b.ttl", "a/z.ttl", "a/c.ttl", "notes.txt", "c.ttl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    first = tmp_path / "c.ttl"
    found = discover([first, tmp_path])
    assert found == [first, tmp_path / "a/c.ttl", tmp_path / "a/z.ttl", tmp_path / "b.ttl"]
    assert discover([first, tmp_path]) == found


def test_discover_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"^file not found: .*missing\.ttl$"):
        discover([tmp_path / "missing.ttl"])


def test_discover_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"^data directory not found: .*nowhere$"):
        discover([tmp_path / "nowhere"])


def test_discover_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as error:
        discover([tmp_path])
    assert str(error.value) == f"no RDF files (.ttl, .nt, .nq, .jsonld) in {tmp_path}"


@pytest.mark.parametrize("loader", LOADERS)
def test_syntax_error_names_file_and_line(loader: Callable[[Any], Any]) -> None:
    with pytest.raises(LoadError) as error:
        loader([SYNTAX_ERROR])
    message = str(error.value)
    assert message.startswith(f"{SYNTAX_ERROR}:5: ")
    assert "string literal" in message
    assert "\n" not in message


@pytest.mark.parametrize("loader", LOADERS)
def test_unknown_prefix_names_file_line_and_prefix(loader: Callable[[Any], Any]) -> None:
    with pytest.raises(LoadError) as error:
        loader([UNKNOWN_PREFIX])
    assert str(error.value) == f"{UNKNOWN_PREFIX}:4: unknown prefix 'foo:'"


@pytest.mark.parametrize("loader", LOADERS)
def test_one_bad_file_loads_nothing(loader: Callable[[Any], Any], mixed_dir: Path) -> None:
    assert [p.name for p in discover([mixed_dir])] == ["a-good.ttl", "b-bad.ttl"]
    result = None
    with pytest.raises(LoadError, match=r"b-bad\.ttl:5: "):
        result = loader([mixed_dir])
    assert result is None


@pytest.mark.parametrize("loader", LOADERS)
def test_empty_directory_loads_nothing(loader: Callable[[Any], Any], tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"no RDF files \(\.ttl, \.nt, \.nq, \.jsonld\) in"):
        loader([ONTOLOGY, tmp_path])


def test_both_parsers_load_the_same_triples() -> None:
    graph = load_graph([ONTOLOGY, DATA])
    store = load_store([ONTOLOGY, DATA])
    assert len(graph) == len(store) == 67


def test_graph_binds_the_prefix_table() -> None:
    graph = load_graph([DATA])
    assert dict(graph.namespaces())["seat"].toPython() == (
        "https://w3id.org/govgraph/id/mx-zac/membership/"
    )


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".nt", "nt"), (".nq", "nquads"), (".jsonld", "json-ld")]
)
def test_other_rdf_formats_load_the_same_graph(tmp_path: Path, suffix: str, fmt: str) -> None:
    """N-Triples, N-Quads (named graphs merged) and JSON-LD load like the Turtle they came from."""
    import rdflib
    from rdflib.compare import isomorphic

    turtle = load_graph([DATA])
    if fmt == "nquads":
        dataset = rdflib.Dataset()
        named = dataset.graph(rdflib.URIRef("https://w3id.org/govgraph/graph/test"))
        for triple in turtle:
            named.add(triple)
        text = dataset.serialize(format="nquads")
    else:
        text = turtle.serialize(format=fmt)
    path = tmp_path / f"mini{suffix}"
    path.write_text(text, encoding="utf-8")
    assert discover([tmp_path]) == [path]
    assert isomorphic(load_graph([path]), turtle)
    assert len(load_store([path])) == len(turtle)


def test_unknown_format_is_named(tmp_path: Path) -> None:
    """A file of another kind is refused with its name and the formats govgraph reads."""
    odd = tmp_path / "graph.xml"
    odd.write_text("<rdf/>", encoding="utf-8")
    with pytest.raises(LoadError, match=r"graph\.xml: unknown RDF format '\.xml' \(use \.ttl"):
        discover([odd])


def test_bulk_load_reports_bytes_as_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress bar moves during one big file, not only after it: every byte is reported."""
    import pyoxigraph

    from govgraph import load

    monkeypatch.setattr(load, "BUFFER", 256)
    files = load.discover([DATA])
    reads: list[int] = []
    store = pyoxigraph.Store()
    load.bulk_load(store, files, advance=reads.append)
    assert sum(reads) == sum(p.stat().st_size for p in files)
    assert len(reads) > len(files)  # several reads per file
    quiet = pyoxigraph.Store()
    load.bulk_load(quiet, files)
    assert len(store) == len(quiet) > 0


def test_syntax_error_names_the_line_when_counting(tmp_path: Path) -> None:
    """The counted reader keeps the parser's line numbers."""
    import pyoxigraph

    from govgraph import load

    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\n\nex:a ex:b ex:c ;\n  ex:d .\n", "utf-8")
    with pytest.raises(LoadError, match=r"bad\.ttl:4: "):
        load.bulk_load(pyoxigraph.Store(), [bad], advance=lambda n: None)
