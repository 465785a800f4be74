"""Bound values as escaped SPARQL terms, and the VALUES block for remote endpoints."""

from __future__ import annotations

import pyoxigraph
import pytest

from govgraph.errors import QueryError
from govgraph.store.binding import IRI, Term, inject_values, query_form, sparql_term

XSD = "http://www.w3.org/2001/XMLSchema#"
MALICIOUS = 'x" } ; DROP ALL ; SELECT * { "'
# Values that would end their term, the group or the query if they were spliced as text.
HARD_STRINGS = [
    MALICIOUS,
    'a"b',
    "a>b",
    "a}b{",
    "line\nbreak\r\n",
    "back\\slash\\",
    "tab\there",
    "bell\x07 nul\x00 del\x7f",
    "a\\u0022b",  # a literal backslash-u, not an escape
    "x' } SELECT * { '",
    "'''",
    '"""',
    "# not a comment",
    "<http://x/y>",
    "Secretaría del Zacatecano Migrante — ñ 日本",
    "",
]


def _parsed_value(query: str) -> pyoxigraph.Literal | pyoxigraph.NamedNode:
    """Run a one-variable query on an empty Oxigraph store; return its single value."""
    result = pyoxigraph.Store().query(query)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    rows = [solution["x"] for solution in result]
    assert len(rows) == 1
    value = rows[0]
    assert isinstance(value, pyoxigraph.Literal | pyoxigraph.NamedNode)
    return value


@pytest.mark.parametrize(
    ("value", "term"),
    [
        (IRI("https://w3id.org/govgraph/id/mx-zac/council/covam"),
         "<https://w3id.org/govgraph/id/mx-zac/council/covam>"),
        ("SEZAMI", '"SEZAMI"'),
        ('say "hi"\n', r'"say \"hi\"\n"'),
        ("a\\b", r'"a\\b"'),
        ("\x01", r'"\u0001"'),
        (5, f'"5"^^<{XSD}integer>'),
        (-12, f'"-12"^^<{XSD}integer>'),
        (2.5, f'"2.5"^^<{XSD}double>'),
        (True, f'"true"^^<{XSD}boolean>'),
        (False, f'"false"^^<{XSD}boolean>'),
    ],
)  # fmt: skip
def test_sparql_term(value: Term, term: str) -> None:
    assert sparql_term(value) == term


@pytest.mark.parametrize(
    "value",
    ["", "http://x/a b", 'http://x/a"b', "http://x/a>b", "http://x/<", "http://x/{}",
     "http://x/|", "http://x/^", "http://x/`", "http://x/a\\b", "http://x/\n", "http://x/\x00"],
)  # fmt: skip
def test_sparql_term_refuses_a_bad_iri(value: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid IRI to bind: ") as error:
        sparql_term(IRI(value))
    assert repr(value) in str(error.value)


def test_sparql_term_refuses_text_that_is_not_unicode() -> None:
    with pytest.raises(QueryError, match="not valid Unicode"):
        sparql_term("\ud800")


@pytest.mark.parametrize("value", HARD_STRINGS)
def test_a_string_stays_one_literal(value: str) -> None:
    """Oxigraph's own parser reads the injected term back as exactly the value."""
    query = inject_values("SELECT ?x WHERE { }", {"x": value})
    literal = _parsed_value(query)
    assert isinstance(literal, pyoxigraph.Literal)
    assert literal.value == value
    assert literal.datatype == pyoxigraph.NamedNode(XSD + "string")
    assert "\n" not in query


@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [(7, "7", "integer"), (0.5, "0.5", "double"), (True, "true", "boolean")],
)
def test_typed_literals_parse_back(value: Term, lexical: str, datatype: str) -> None:
    literal = _parsed_value(inject_values("SELECT ?x WHERE { }", {"x": value}))
    assert isinstance(literal, pyoxigraph.Literal)
    assert (literal.value, literal.datatype.value) == (lexical, XSD + datatype)


def test_iri_parses_back() -> None:
    iri = "https://w3id.org/govgraph/id/mx-zac/body/sezami#x?y=1&z='2'"
    node = _parsed_value(inject_values("SELECT ?x WHERE { }", {"x": IRI(iri)}))
    assert node == pyoxigraph.NamedNode(iri)


def test_malicious_value_leaves_one_select() -> None:
    query = inject_values(
        "SELECT ?x ?y WHERE { ?s ?p ?x }", {"x": MALICIOUS, "y": IRI("http://x/")}
    )
    assert query == (
        'SELECT ?x ?y WHERE { VALUES (?x ?y) { ("x\\" } ; DROP ALL ; SELECT * { \\"" <http://x/>) }'
        "  ?s ?p ?x }"
    )
    result = pyoxigraph.Store().query(query)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    assert list(result) == []


QUERY = """\
# A { comment } with "quotes" and 'quotes' and <angles> before the query {
PREFIX ex: <http://example.org/a'#b>
PREFIX select: <http://example.org/s#>
BASE <http://example.org/base/>
SELECT ?x ?label (EXISTS { ?x ex:p ?o } AS ?has) # { in a comment
FROM <http://example.org/g#1>
WHERE
{
  ?x ex:label ?label .  # {
  FILTER(?label != "{ not a group }" && ?label != '}' && ?label != \"\"\"
{ "long" ''' }\"\"\" && ?label != '''a ' b { ''')
}
"""


def test_values_go_in_the_outer_where_group() -> None:
    query = inject_values(QUERY, {"label": "A"})
    lines = query.splitlines()
    assert lines[7] == '{ VALUES (?label) { ("A") } '
    assert len(lines) == len(QUERY.splitlines())  # line numbers of errors do not move
    assert [line for i, line in enumerate(lines) if i != 7] == [
        line for i, line in enumerate(QUERY.splitlines()) if i != 7
    ]
    assert isinstance(pyoxigraph.Store().query(query), pyoxigraph.QuerySolutions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { ?s ?p ?o }", 'SELECT * { VALUES (?o) { ("v") }  ?s ?p ?o }'),
        ("ask{?s ?p ?o}", 'ask{ VALUES (?o) { ("v") } ?s ?p ?o}'),
        ("PREFIX a: <http://x/'#> SELECT ?o WHERE { ?s a:p ?o }",
         "PREFIX a: <http://x/'#> SELECT ?o WHERE { VALUES (?o) { (\"v\") }  ?s a:p ?o }"),
        ("SELECT ?o WHERE { ?s ?p ?o FILTER(?o < 3 || ?o > 5) }",
         'SELECT ?o WHERE { VALUES (?o) { ("v") }  ?s ?p ?o FILTER(?o < 3 || ?o > 5) }'),
        ("SELECT (?a<?b AS ?o) { }", 'SELECT (?a<?b AS ?o) { VALUES (?o) { ("v") }  }'),
        ("SELECT (ex:f\\#x(?a) AS ?o) { }",
         'SELECT (ex:f\\#x(?a) AS ?o) { VALUES (?o) { ("v") }  }'),
    ],
)  # fmt: skip
def test_inject_values(query: str, expected: str) -> None:
    assert inject_values(query, {"o": "v"}) == expected


def test_no_bindings_leave_the_query_alone() -> None:
    assert inject_values("CONSTRUCT WHERE { ?s ?p ?o }", {}) == "CONSTRUCT WHERE { ?s ?p ?o }"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "in a CONSTRUCT query"),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", "in a DESCRIBE query"),
        ("construct where { ?s ?p ?o }", "in a CONSTRUCT query"),
        ("DELETE WHERE { ?s ?p ?o }", "in a DELETE query"),
        ("# SELECT\n{ ?s ?p ?o }", "in this query"),
        ("SELECT ?s", "no WHERE group"),
        ("SELECT ?s # {", "no WHERE group"),
        ('SELECT ("{" AS ?s)', "no WHERE group"),
    ],
)
def test_inject_values_refuses(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        inject_values(query, {"s": IRI("http://x/")})


@pytest.mark.parametrize("name", ["a b", "a)", "x}", "", "?x", "a-b"])
def test_inject_values_refuses_a_bad_variable_name(name: str) -> None:
    with pytest.raises(QueryError, match=r"^invalid variable name to bind: "):
        inject_values("SELECT * { }", {name: "v"})


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * { }", "SELECT"),
        ("PREFIX select: <http://x/>\n# ASK\nconstruct { } WHERE { }", "CONSTRUCT"),
        ('BASE <http://x/ask> ASK { ?s ?p "SELECT" }', "ASK"),
        ("INSERT DATA { <http://x/> <http://x/> 1 }", "INSERT"),
        ("# nothing", None),
    ],
)
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form
