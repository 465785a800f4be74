"""Bound values as escaped SPARQL terms, and the VALUES block that binds them on any endpoint.

Local engines bind parameters through their APIs; a remote endpoint only receives text, so
there the values travel as a `VALUES` block of escaped RDF terms placed at the start of the
outer WHERE group. A value can never end its term: IRIs with characters the IRIREF grammar
forbids are refused, and strings are escaped. The query is read just enough to find that
group: comments, IRIs and string literals are skipped, so a `{` or `#` inside them is text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from govgraph.errors import QueryError


class IRI(str):
    """A string to bind as an IRI; a plain str binds as a plain literal."""


Term = IRI | str | int | float | bool

XSD = "http://www.w3.org/2001/XMLSchema#"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # characters the IRIREF grammar forbids
# Escapes for a "..." literal; other control characters become \uXXXX.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f]')
_VARNAME = re.compile(r"\w+")

# What the query scanner skips: long strings before short ones (so that """ is not read as
# "" then "), IRIs (a "<" that does not start an IRIREF is an operator), comments, and a
# backslash escape in a prefixed name (ex:a\#b).
_SKIP = re.compile(
    r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    | \\.
    """,
    re.VERBOSE | re.DOTALL,
)
# The keyword that names the query form (or update operation); not a ?var, prefix or name.
_FORM = re.compile(
    r"(?<![\w?$:.-])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|WITH|LOAD|CLEAR|CREATE|DROP"
    r"|COPY|MOVE|ADD)(?![\w:-])",
    re.IGNORECASE,
)


def check_iri(value: str) -> str:
    """Return value if it can be bound as an IRI; else raise QueryError naming it."""
    if not value or _BAD_IRI.search(value):
        raise QueryError(f"invalid IRI to bind: {value!r}")
    return value


def literal_parts(value: Term) -> tuple[str, str | None]:
    """Return the lexical form and XSD datatype of a Python scalar (None for a plain string)."""
    if isinstance(value, bool):  # before int: bool is an int
        return ("true" if value else "false"), XSD + "boolean"
    if isinstance(value, int):
        return str(value), XSD + "integer"
    if isinstance(value, float):
        return repr(value), XSD + "double"
    # rdflib does not match a plain literal with an explicit xsd:string one; every engine
    # reads "no datatype" as a plain (xsd:string) literal.
    return value, None


def _escape(text: str) -> str:
    """Escape a literal's lexical form for a double-quoted SPARQL string."""
    return _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04X}", text)


def sparql_term(value: Term) -> str:
    """Write a bound value as one SPARQL term: <iri>, "text" or "lexical"^^<datatype>."""
    if isinstance(value, IRI):
        term = f"<{check_iri(value)}>"
    else:
        lexical, datatype = literal_parts(value)
        term = f'"{_escape(lexical)}"' + (f"^^<{datatype}>" if datatype else "")
    try:
        term.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"cannot bind a value that is not valid Unicode: {value!r}") from None
    return term


def mask(sparql: str) -> str:
    """Blank out comments, IRIs and strings (same length, newlines kept) to read the syntax."""
    return _SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), sparql)


def query_form(sparql: str) -> str | None:
    """Return the query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or update keyword, upper-case."""
    match = _FORM.search(mask(sparql))
    return match[1].upper() if match else None


def _where_brace(masked: str) -> int | None:
    """Index of the `{` that opens the outer WHERE group: the first one outside parentheses."""
    depth = 0
    for index, char in enumerate(masked):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "{" and depth == 0:  # SELECT (EXISTS { ... } AS ?x) is inside ( )
            return index
    return None


def inject_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a VALUES block placed right after the `{` of the outer WHERE group.

    The block goes on the line of that `{`, so line numbers in the endpoint's syntax errors
    still match the query as written. Only SELECT and ASK queries take bindings.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"invalid variable name to bind: {name!r}")
    terms = [sparql_term(value) for value in bindings.values()]
    masked = mask(sparql)
    brace = _where_brace(masked)
    if brace is None:
        raise QueryError("cannot bind values: the query has no WHERE group")
    form = _FORM.search(masked, 0, brace)
    if form is None or form[1].upper() not in ("SELECT", "ASK"):
        what = f"a {form[1].upper()}" if form else "this"
        raise QueryError(f"cannot bind values in {what} query: only SELECT and ASK take them")
    variables = " ".join(f"?{name}" for name in bindings)
    block = f" VALUES ({variables}) {{ ({' '.join(terms)}) }} "
    return f"{sparql[: brace + 1]}{block}{sparql[brace + 1 :]}"
