"""Deeply nested blank nodes (`[ ex:p [ ex:p [ ... ] ] ]`): export and publish them in time
linear in the input, with no recursion limit, and read back the same graph (issue 9, item 3)."""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.compare import isomorphic

from conftest import ONTOLOGY
from govgraph.cli import govgraph
from govgraph.publish.export import EXPORT_PREFIXES, FORMATS, TURTLE_NESTING, export

ALL = sorted(FORMATS)
EX = "http://example.org/"
THING = "https://w3id.org/govgraph/id/test/thing"
DEPTH = 2_000  # RecursionError at 400, and 65 s at 800, before the fix
DEEP = 10_000
OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}
RDFLIB = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "rdfxml": "xml"}
# rdflib's own JSON-LD and N-Quads parsers use its deprecated graph classes.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

Statement = tuple[str, str, str]


def nested(depth: int, head: str = "ex:a") -> str:
    """The file of the issue: head ex:p [ ex:p [ ... depth deep ... ex:z ] ... ] ."""
    return f"@prefix ex: <{EX}> .\n{head} ex:p {'[ ex:p ' * depth}ex:z{' ]' * depth} .\n"


def data_dir(tmp_path: Path, text: str, name: str = "deep.ttl") -> Path:
    """A data directory holding one Turtle file."""
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def invoke(*args: str) -> Result:
    """Run govgraph in-process; never a traceback."""
    result = CliRunner().invoke(govgraph, list(args))
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, RecursionError), result.exception
    return result


def parsed(body: bytes, fmt: str) -> list[Statement]:
    """The statements of an export as pyoxigraph reads them (N-Quads: the union of graphs)."""
    quads = pyoxigraph.parse(body, format=OXIGRAPH[fmt])
    return sorted({(str(q.subject), str(q.predicate), str(q.object)) for q in quads})


def forest(statements: Iterable[Statement], shapes: dict[str, str]) -> Counter[Statement]:
    """The graph with each blank node replaced by the shape of everything below it.

    Two graphs whose blank nodes are trees (each the object of one statement at most, no
    cycle) are isomorphic exactly when their forests, built with the same shapes, are equal.
    Shapes are interned in it, children first and without recursion, so a chain of 10,000 costs
    10,000 steps.
    """
    statements = list(statements)
    below: dict[str, list[tuple[str, str]]] = {}
    pointed: Counter[str] = Counter()
    for s, p, o in statements:
        if s.startswith("_:"):
            below.setdefault(s, []).append((p, o))
        if o.startswith("_:"):
            pointed[o] += 1
    assert all(count == 1 for count in pointed.values()), "a blank node is shared"
    children = {o for s, _, o in statements if s.startswith("_:") and o.startswith("_:")}
    shape: dict[str, str] = {}

    def value(term: str) -> str:
        return shape[term] if term.startswith("_:") else term

    for root in (set(below) | set(pointed)) - children:
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(o for _, o in below.get(node, []) if o.startswith("_:"))
        for node in reversed(order):  # children first
            key = "\n".join(sorted(f"{p} {value(o)}" for p, o in below.get(node, [])))
            shape[node] = shapes.setdefault(key, f"_:shape{len(shapes)}")
    assert set(shape) == set(below) | set(pointed), "blank nodes in a cycle"
    tops = set(below) - set(pointed)
    return Counter((s, p, value(o)) for s, p, o in statements if not s.startswith("_:")) + Counter(
        ("", "", value(s)) for s in tops
    )


def same_forest(statements: list[Statement], text: str) -> bool:
    """Whether statements are the graph of a Turtle document (pyoxigraph reads any depth)."""
    shapes: dict[str, str] = {}
    return forest(statements, shapes) == forest(parsed(text.encode("utf-8"), "ttl"), shapes)


def chain(statements: Iterable[Statement], head: str = f"<{EX}a>") -> int:
    """The depth of the chain head ex:p [ ex:p ... ex:z ] among statements (ex:p ones only)."""
    following = {}
    for s, p, o in statements:
        if p == f"<{EX}p>":
            assert s not in following, f"{s} has two ex:p"
            following[s] = o
    node, depth = following.pop(head), 0
    while node.startswith("_:"):
        node, depth = following.pop(node), depth + 1
    assert node == f"<{EX}z>"
    assert not following, "statements off the chain"
    return depth


# ---------------------------------------------------------------------------
# The issue: export and publish, through the command line
# ---------------------------------------------------------------------------


def test_the_command_of_the_issue_exports_2000_deep_blank_nodes(tmp_path: Path) -> None:
    # The acceptance check, in a process of its own: < 60 s, no traceback, a correct export.
    data = data_dir(tmp_path, nested(DEPTH))
    out = tmp_path / "out.ttl"
    command = [sys.executable, "-m", "govgraph", "--data", str(data), "export", "-f", "ttl"]
    done = subprocess.run(
        [*command, "-o", str(out)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert chain(parsed(out.read_bytes(), "ttl")) == DEPTH
    graph = rdflib.Graph().parse(out, format="turtle")  # rdflib parses Turtle recursively
    assert chain((s.n3(), p.n3(), o.n3()) for s, p, o in graph) == DEPTH


@pytest.mark.parametrize("fmt", ALL)
def test_every_export_format_writes_2000_deep_blank_nodes(fmt: str, tmp_path: Path) -> None:
    data = data_dir(tmp_path, nested(DEPTH))
    out = tmp_path / f"out.{fmt}"
    result = invoke("--data", str(data), "export", "-f", fmt, "-o", str(out), "--data-only")
    assert result.exit_code == 0, result.output
    statements = parsed(out.read_bytes(), fmt)
    assert len(statements) == DEPTH + 1
    assert chain(statements) == DEPTH
    assert same_forest(statements, nested(DEPTH))
    assert not same_forest(statements, nested(DEPTH - 1))  # the check can fail


@pytest.mark.parametrize("fmt", ALL)
def test_every_export_format_writes_10000_deep_blank_nodes(fmt: str, tmp_path: Path) -> None:
    data = data_dir(tmp_path, nested(DEEP))
    first, second = io.BytesIO(), io.BytesIO()
    assert export(fmt, first, paths=[data], ontology=[ONTOLOGY], data_only=True) == DEEP + 1
    assert chain(parsed(first.getvalue(), fmt)) == DEEP
    export(fmt, second, paths=[data], ontology=[ONTOLOGY], data_only=True)
    assert first.getvalue() == second.getvalue()  # labels and order repeat on every run


def test_publish_writes_a_site_for_2000_deep_blank_nodes(tmp_path: Path) -> None:
    # An entity of the site with the chain: its page, its Turtle and JSON-LD, and the dumps.
    text = nested(DEPTH, head=f"<{THING}>") + f"<{THING}> a ex:Thing .\n"
    site = tmp_path / "site"
    result = invoke("--data", str(data_dir(tmp_path, text)), "publish", str(site))
    assert result.exit_code == 0, result.output
    head = f"<{THING}>"
    for fmt in ("ttl", "nt", "nq", "jsonld"):
        assert chain(parsed((site / f"dumps/govgraph.{fmt}").read_bytes(), fmt), head) == DEPTH
    for fmt in ("ttl", "jsonld"):
        statements = parsed((site / f"id/test/thing.{fmt}").read_bytes(), fmt)
        assert chain(statements, head) == DEPTH
    assert (site / "id/test/thing.html").is_file()


# ---------------------------------------------------------------------------
# Other deep and wide shapes of blank nodes
# ---------------------------------------------------------------------------

TREE = """\
@prefix ex: <http://example.org/> .
ex:a ex:p [ ex:q 1 ] , [ ex:q 1 ] , [ ex:q 2 ; ex:r [ ex:q 1 ] , [ ex:q "1" ] ] ;
    ex:s [ ex:t [ ex:u "x"@es ] ] , [ ex:t [ ex:u "x"@es ] ] .
ex:b ex:p [ ex:q 1 ] .
[] ex:q 1 .
[] ex:q 1 ; ex:r ex:a .
[] ex:q 5 .
[] ex:q 5 .
"""


def rdflib_union(body: bytes, fmt: str) -> rdflib.Graph:
    """Parse an export with rdflib; N-Quads as the union of its graphs."""
    if fmt != "nq":
        return rdflib.Graph().parse(data=body, format=RDFLIB[fmt])
    dataset = rdflib.Dataset()
    dataset.parse(data=body, format="nquads")
    union = rdflib.Graph()
    for graph in dataset.graphs():
        union += graph
    return union


@pytest.mark.parametrize("fmt", ALL)
def test_equal_blank_nodes_stay_apart(fmt: str, tmp_path: Path) -> None:
    # Equal content gets equal digests; the labels must still tell the nodes apart.
    out = io.BytesIO()
    export(fmt, out, paths=[data_dir(tmp_path, TREE)], ontology=[ONTOLOGY], data_only=True)
    expected = rdflib.Graph().parse(data=TREE, format="turtle")
    graph = rdflib_union(out.getvalue(), fmt)
    assert len(graph) == len(expected) == 23
    assert isomorphic(graph, expected)


def shuffled_ntriples(text: str, seed: int) -> str:
    """The same graph as N-Triples, with other blank node labels, the lines in another order."""
    lines = [f"{s} {p} {o} ." for s, p, o in parsed(text.encode("utf-8"), "ttl")]
    labels = sorted({term for line in lines for term in re.findall(r"_:\w+", line)})
    numbers = random.Random(seed).sample(range(len(labels)), len(labels))
    rename = dict(zip(labels, numbers, strict=True))
    lines = [re.sub(r"_:\w+", lambda m: f"_:n{rename[m.group()]}", line) for line in lines]
    random.Random(seed).shuffle(lines)
    return "\n".join(lines) + "\n"


MIXED = (
    TREE
    + nested(300, head="ex:c")
    + """\
_:x ex:knows _:y . _:y ex:knows _:x . _:x ex:name "x" .
ex:s ex:p _:shared . ex:t ex:p _:shared . _:shared ex:q [ ex:q 3 ] .
"""
)


@pytest.mark.parametrize("fmt", ALL)
def test_labels_do_not_depend_on_how_the_file_names_or_orders_blank_nodes(
    fmt: str, tmp_path: Path
) -> None:
    # Trees (labelled in linear time) beside a cycle and a shared node (labelled by RDFC-1.0).
    bodies = []
    for name, text in [
        ("nested.ttl", MIXED),
        ("shuffled.nt", shuffled_ntriples(MIXED, 1)),
        ("other.nt", shuffled_ntriples(MIXED, 2)),
    ]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(text, "utf-8")
        out = io.BytesIO()
        export(fmt, out, paths=[folder / name], ontology=[ONTOLOGY], data_only=True)
        bodies.append(out.getvalue())
    assert bodies[0] == bodies[1] == bodies[2]
    expected = rdflib.Graph().parse(data=shuffled_ntriples(MIXED, 3), format="nt")
    assert isomorphic(rdflib_union(bodies[0], fmt), expected)


def bracket_depth(turtle: str) -> int:
    """The deepest nesting of [ ] and ( ) in a Turtle document without brackets in strings."""
    depth = deepest = 0
    for char in turtle:
        depth += char in "[(" or -(char in "])")
        deepest = max(deepest, depth)
    return deepest


def test_turtle_nests_blank_nodes_as_rdflib_does_up_to_a_depth(tmp_path: Path) -> None:
    shallow, deep = io.BytesIO(), io.BytesIO()
    export("ttl", shallow, paths=[data_dir(tmp_path, nested(TURTLE_NESTING))], data_only=True)
    text = shallow.getvalue().decode("utf-8")
    assert "_:" not in text  # as deep as the limit: all of it nested, no label
    assert bracket_depth(text) == TURTLE_NESTING
    plain = rdflib.Graph(bind_namespaces="none")  # what rdflib's own serializer writes
    for prefix, namespace in EXPORT_PREFIXES.items():
        plain.bind(prefix, namespace)
    for triple in rdflib.Graph().parse(data=nested(TURTLE_NESTING), format="turtle"):
        plain.add(triple)
    assert shallow.getvalue() == plain.serialize(format="turtle", encoding="utf-8")
    export("ttl", deep, paths=[data_dir(tmp_path, nested(DEPTH), "b.ttl")], data_only=True)
    text = deep.getvalue().decode("utf-8")
    assert bracket_depth(text) == TURTLE_NESTING
    # The first statement nests TURTLE_NESTING nodes, each further one a labelled node and as many.
    chunks = -(-(DEPTH - TURTLE_NESTING) // (TURTLE_NESTING + 1))
    assert len(re.findall(r"^_:b\d+ ", text, re.MULTILINE)) == chunks


def rdf_lists(length: int, depth: int) -> str:
    """A list of length IRIs, and lists nested depth deep."""
    items = " ".join(f"ex:i{i}" for i in range(length))
    return (
        f"@prefix ex: <{EX}> .\n"
        f"ex:long ex:list ( {items} ) .\n"
        f"ex:deep ex:list {'( ' * depth}ex:z{' )' * depth} .\n"
        f"ex:wide ex:p [ ex:c {' , '.join(f'[ ex:v {i} ]' for i in range(length))} ] .\n"
    )


@pytest.mark.parametrize("fmt", ALL)
def test_long_lists_deep_lists_and_wide_nodes(fmt: str, tmp_path: Path) -> None:
    text = rdf_lists(DEEP, DEPTH)
    out = io.BytesIO()
    export(fmt, out, paths=[data_dir(tmp_path, text)], ontology=[ONTOLOGY], data_only=True)
    statements = parsed(out.getvalue(), fmt)
    assert len(statements) == 4 * DEEP + 2 * DEPTH + 3
    assert same_forest(statements, text)


# ---------------------------------------------------------------------------
# Turtle's short forms (found by tests/test_property.py)
# ---------------------------------------------------------------------------

LITERALS = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p 1.5e3 , 0.123456789E0 , "1"^^xsd:decimal , 2.50 , .5 , "5."^^xsd:decimal ,
    "1"^^xsd:boolean , true , "0001"^^xsd:integer , -5 , "+7"^^xsd:integer , " 3"^^xsd:integer ,
    "INF"^^xsd:double .
"""


def test_turtle_writes_numbers_and_booleans_with_their_lexical_form(tmp_path: Path) -> None:
    # rdflib wrote 1.5e3 as 1.5e+03, 0.123456789E0 as 1.234568e-01 and "1"^^xsd:decimal as
    # 1.0: other literals. A short form is kept only where it reads back as the same literal.
    out = io.BytesIO()
    export("ttl", out, paths=[data_dir(tmp_path, LITERALS)], ontology=[ONTOLOGY], data_only=True)
    assert parsed(out.getvalue(), "ttl") == parsed(LITERALS.encode("utf-8"), "ttl")
    text = out.getvalue().decode("utf-8")
    for short in ("2.50", ".5", "true", "0001", "-5", "+7"):
        assert re.search(rf" {re.escape(short)}( \.|,)?\n", text), short
    for full in ('"1.5e3"^^xsd:double', '"1"^^xsd:decimal', '"1"^^xsd:boolean'):
        assert full in text, full
