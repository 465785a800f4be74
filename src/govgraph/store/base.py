"""What every backend shares: the Backend protocol, Result, prefixes and query checks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from govgraph.errors import QueryError
from govgraph.namespaces import PREFIXES, sparql_prefixes
from govgraph.store.binding import XSD, Term, mask

__all__ = ["Backend", "Result", "Value", "refuse_service", "with_prefixes"]

Value = str | None
_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)
# A prefixed name's prefix (in a query whose IRIs, strings and comments are masked).
_PNAME = re.compile(r"(?<![\w?$.:-])((?:[A-Za-z][\w.-]*)?):")
# Positions in Oxigraph's and rdflib's syntax errors.
_ERROR_AT = re.compile(r"error at (\d+):(\d+)")
_RDFLIB_AT = re.compile(r"\(at char (\d+)\), \(line:(\d+), col:(\d+)\)")
# Datatypes of plain and language-tagged strings, reported as None by every backend.
_STRINGS = frozenset({XSD + "string", PREFIXES["rdf"] + "langString"})


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Result(NamedTuple):
    """Rows of a SELECT query as plain values: IRIs and literals → str, unbound → None.

    datatypes holds, row by row, the datatype IRI of each typed literal (None for an IRI, a
    blank node, a plain or language-tagged string, or unbound); empty when not known.
    """

    columns: list[str]
    rows: Sequence[tuple[Value, ...]] = ()
    datatypes: Sequence[tuple[str | None, ...]] = ()


class Backend(Protocol):
    """What every backend offers: SELECT queries with bound parameters, and a triple count."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query; bindings give variables values without touching the text."""
        ...

    def triple_count(self) -> int:
        """Return the number of triples in the graph."""
        ...


def _prologue(sparql: str) -> str:
    """The PREFIX lines of the table prefixes that the query does not declare itself."""
    return sparql_prefixes(exclude=set(_DECLARED.findall(sparql)))


def with_prefixes(sparql: str) -> str:
    """Prepend the table prefixes the query does not declare itself, one line each."""
    # Lines of their own leave the columns of the query as written; _user_position takes
    # the added lines off the line numbers of syntax errors.
    return _prologue(sparql) + sparql


def _user_position(message: str, sparql: str, *, local: bool = True) -> str:
    """Word a syntax error on with_prefixes(sparql) in positions of sparql as written.

    A prefix that neither the query nor the table declares is named, at its own position:
    the engines' words for it ("expected one of Prefix not found", or an unrelated token
    they expected) do not say which. A remote endpoint may declare prefixes of its own, so
    there only an error that speaks of a prefix is reworded.
    """
    prologue = _prologue(sparql)
    lines = prologue.count("\n")

    def line(number: str) -> int:
        return int(number) - lines if int(number) > lines else int(number)

    message = _ERROR_AT.sub(lambda m: f"error at {line(m[1])}:{m[2]}", message)
    message = _RDFLIB_AT.sub(
        lambda m: f"(at char {max(int(m[1]) - len(prologue), 0)}), (line:{line(m[2])}, col:{m[3]})",
        message,
    )
    undeclared = _undeclared(sparql) if local or "prefix" in message.lower() else None
    if undeclared is not None:
        prefix, row, column = undeclared
        return f"error at {row}:{column}: unknown prefix {prefix}:"
    return message


def _undeclared(sparql: str) -> tuple[str, int, int] | None:
    """The first prefix used but declared neither in the query nor in the table, with its
    line and column (from 1); None if there is none."""
    masked = mask(sparql)  # a colon in an IRI, a string or a comment is no prefix
    declared = set(_DECLARED.findall(masked)) | set(PREFIXES)
    for match in _PNAME.finditer(masked):
        if match[1] not in declared:
            row = masked.count("\n", 0, match.start()) + 1
            column = match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1
            return match[1], row, column
    return None


def _oxigraph_message(message: str) -> str:
    """Keep the first line of an Oxigraph syntax error, without its character-class lists."""
    return re.split(r",? \[", message.splitlines()[0], maxsplit=1)[0]


def _not_projected(name: str) -> QueryError:
    """Return the error for a bound variable that the SELECT clause leaves out."""
    return QueryError(f"bound variable ?{name} is not in the SELECT clause")


# SERVICE makes a local engine (Oxigraph and rdflib alike) send the pattern to a remote
# endpoint. Three steps keep the hot path cheap: the letters (case-insensitive), then the
# keyword with comments, IRIs and strings masked (after a letter, `_`, `?`, `$` or `:` it is
# a name, not the keyword), and only then rdflib's parser, which has the last word when it
# can read the query (a masked `ex:a\.service` is no keyword); when it cannot, refuse.
_SERVICE_LETTERS = re.compile("service", re.IGNORECASE)
_SERVICE_KEYWORD = re.compile(r"(?<![^\W\d])(?<![?$:])service(?![\w:-])", re.IGNORECASE)


def refuse_service(sparql: str) -> None:
    """Raise QueryError if the query holds a SERVICE clause: the local graph stays local."""
    if not _SERVICE_LETTERS.search(sparql) or not _SERVICE_KEYWORD.search(mask(sparql)):
        return
    target = _service_target(sparql)
    if target is None:
        return  # rdflib read the whole query: the word is inside a name, not a clause
    raise QueryError(
        f"SERVICE{target} would query a remote endpoint; govgraph runs a query on the local "
        "graph without opening a connection (give --endpoint to send it to an endpoint as it is)"
    )


def _service_target(sparql: str) -> str | None:
    """` <iri>` (` ex:name`, ` ?var`, or "" when rdflib cannot read the query) of a SERVICE
    clause; None when rdflib reads the query and finds no SERVICE clause in it."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Identifier

    try:
        tree = parseQuery(sparql)
    except Exception:  # pyparsing's errors, and whatever else a grammar it lacks raises
        return ""
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                if isinstance(term, Identifier):  # an IRI or a variable
                    return f" {term.n3()}"
                if isinstance(term, CompValue) and term.name == "pname":
                    return f" {term.get('prefix') or ''}:{term.get('localname') or ''}"
                return ""
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
            stack.extend(node)
    return None
