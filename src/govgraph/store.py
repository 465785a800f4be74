"""Query backends behind one interface, chosen by name: Oxigraph (default) or rdflib in memory."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph

from govgraph.errors import GovgraphError, QueryError
from govgraph.load import load_graph, load_store
from govgraph.namespaces import PREFIXES, sparql_prefixes

if TYPE_CHECKING:
    import rdflib


class IRI(str):
    """A string to bind as an IRI; a plain str binds as a plain literal."""


Term = IRI | str | int | float | bool
Value = str | None
OxigraphTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple
_XSD = "http://www.w3.org/2001/XMLSchema#"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')  # characters the IRI grammar forbids
_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)
# Oxigraph (SEP-0007) substitutes only projected variables; rdflib is held to the same rule.
_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")


@dataclass(frozen=True)
class Result:
    """Rows of a SELECT query as plain values: IRIs and literals → str, unbound → None."""

    columns: list[str]
    rows: list[tuple[Value, ...]] = field(default_factory=list)


class Backend(Protocol):
    """What every backend offers: SELECT queries with bound parameters, and a triple count."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query; bindings give variables values without touching the text."""
        ...

    def triple_count(self) -> int:
        """Return the number of triples in the graph."""
        ...


def with_prefixes(sparql: str) -> str:
    """Prepend the table prefixes the query does not declare itself, on its first line."""
    # One line, so that line numbers in syntax errors still match the query as written.
    prefixes = sparql_prefixes(exclude=set(_DECLARED.findall(sparql)))
    return " ".join([*prefixes.splitlines(), sparql])


def _oxigraph_message(message: str) -> str:
    """Keep the first line of an Oxigraph syntax error, without its character-class lists."""
    return re.split(r",? \[", message.splitlines()[0], maxsplit=1)[0]


def _not_projected(name: str) -> QueryError:
    """Return the error for a bound variable that the SELECT clause leaves out."""
    return QueryError(f"bound variable ?{name} is not in the SELECT clause")


def _iri(value: str) -> str:
    """Check a bound IRI the same way for both engines (rdflib would only warn)."""
    if not value or _BAD_IRI.search(value):
        raise QueryError(f"invalid IRI to bind: {value!r}")
    return value


def _literal_parts(value: Term) -> tuple[str, str | None]:
    """Return the lexical form and XSD datatype of a Python scalar (None for a plain string)."""
    if isinstance(value, bool):  # before int: bool is an int
        return ("true" if value else "false"), _XSD + "boolean"
    if isinstance(value, int):
        return str(value), _XSD + "integer"
    if isinstance(value, float):
        return repr(value), _XSD + "double"
    # rdflib does not match a plain literal with an explicit xsd:string one; both engines
    # read "no datatype" as a plain (xsd:string) literal.
    return value, None


class OxigraphBackend:
    """An in-memory pyoxigraph Store: fast loading and querying."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    @classmethod
    def load(cls, paths: Sequence[Path | str] | None = None) -> OxigraphBackend:
        """Load Turtle files and directories into a new store."""
        return cls(load_store(paths))

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query; bindings become SEP-0007 substitutions."""
        try:
            substitutions = {
                pyoxigraph.Variable(name): self._term(value)
                for name, value in (bindings or {}).items()
            }
            result = self.store.query(with_prefixes(sparql), substitutions=substitutions)
            if not isinstance(result, pyoxigraph.QuerySolutions):
                raise QueryError("only SELECT queries return rows")
            variables = result.variables
            rows = [tuple(self._value(solution[v]) for v in variables) for solution in result]
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_oxigraph_message(exc.msg)}") from None
        except RuntimeError as exc:
            match = _NOT_PROJECTED.search(str(exc))
            raise (_not_projected(match.group(1)) if match else QueryError(str(exc))) from None
        except (ValueError, OSError) as exc:
            raise QueryError(str(exc)) from None
        return Result([v.value for v in variables], rows)

    def triple_count(self) -> int:
        """Return the number of triples (quads) in the store."""
        return len(self.store)

    @staticmethod
    def _term(value: Term) -> OxigraphTerm:
        """Turn a bound value into a pyoxigraph term."""
        if isinstance(value, IRI):
            return pyoxigraph.NamedNode(_iri(value))
        lexical, datatype = _literal_parts(value)
        return pyoxigraph.Literal(
            lexical, datatype=pyoxigraph.NamedNode(datatype) if datatype else None
        )

    @staticmethod
    def _value(term: Any) -> Value:
        """Turn a pyoxigraph term into a plain value."""
        if term is None:
            return None
        if isinstance(term, pyoxigraph.BlankNode):
            return f"_:{term.value}"
        return str(term.value)


class MemoryBackend:
    """An rdflib Graph in memory: slower, but the graph pySHACL and rdflib tools work on."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    @classmethod
    def load(cls, paths: Sequence[Path | str] | None = None) -> MemoryBackend:
        """Load Turtle files and directories into a new graph."""
        return cls(load_graph(paths))

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query; bindings go through rdflib's initBindings."""
        try:
            init = {name: self._term(value) for name, value in (bindings or {}).items()}
            # initNs = the table, so rdflib resolves the same prefixes Oxigraph does
            # (by default it would also accept every prefix the graph happens to bind).
            result = self.graph.query(with_prefixes(sparql), initNs=PREFIXES, initBindings=init)
            if result.type != "SELECT":
                raise QueryError("only SELECT queries return rows")
            variables = result.vars or []
            columns = [str(v) for v in variables]
            if missing := sorted(init.keys() - set(columns)):
                raise _not_projected(missing[0])
            rows = [tuple(self._value(b.get(v)) for v in variables) for b in result.bindings]
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises pyparsing and assorted evaluation errors
            raise QueryError(f"invalid SPARQL: {exc}") from None
        return Result(columns, rows)

    def triple_count(self) -> int:
        """Return the number of triples in the graph."""
        return len(self.graph)

    @staticmethod
    def _term(value: Term) -> rdflib.term.Identifier:
        """Turn a bound value into an rdflib term."""
        import rdflib

        if isinstance(value, IRI):
            return rdflib.URIRef(_iri(value))
        lexical, datatype = _literal_parts(value)
        return rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype) if datatype else None)

    @staticmethod
    def _value(term: Any) -> Value:
        """Turn an rdflib term into a plain value."""
        import rdflib

        if term is None:
            return None
        if isinstance(term, rdflib.BNode):
            return f"_:{term}"
        return str(term)


# A remote "sparql" endpoint backend registers here too, with the same interface.
BACKENDS: dict[str, Callable[[Sequence[Path | str] | None], Backend]] = {
    "oxigraph": OxigraphBackend.load,
    "memory": MemoryBackend.load,
}


def open_backend(name: str = "oxigraph", paths: Sequence[Path | str] | None = None) -> Backend:
    """Open the backend registered under name on the given Turtle files and directories."""
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise GovgraphError(
            f"unknown backend {name!r} (choose from {', '.join(BACKENDS)})"
        ) from None
    return factory(paths)
