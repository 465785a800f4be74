"""The rdflib backend: a Graph in memory, the one pySHACL and rdflib tools work on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import QueryError
from govgraph.load import load_graph
from govgraph.namespaces import PREFIXES
from govgraph.store.base import (
    _STRINGS,
    Result,
    Value,
    _not_projected,
    _user_position,
    refuse_service,
    with_prefixes,
)
from govgraph.store.binding import IRI, Term, check_iri, literal_parts

if TYPE_CHECKING:
    import rdflib


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
        refuse_service(sparql)
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
            solutions = [[b.get(v) for v in variables] for b in result.bindings]
            rows = [tuple(self._value(term) for term in terms) for terms in solutions]
            datatypes = [tuple(self._datatype(term) for term in terms) for terms in solutions]
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises pyparsing and assorted evaluation errors
            raise QueryError(f"invalid SPARQL: {_user_position(str(exc), sparql)}") from None
        return Result(columns, rows, datatypes)

    def triple_count(self) -> int:
        """Return the number of triples in the graph."""
        return len(self.graph)

    @staticmethod
    def _term(value: Term) -> rdflib.term.Identifier:
        """Turn a bound value into an rdflib term."""
        import rdflib

        if isinstance(value, IRI):
            return rdflib.URIRef(check_iri(value))
        lexical, datatype = literal_parts(value)
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

    @staticmethod
    def _datatype(term: Any) -> str | None:
        """Return the datatype IRI of a typed literal, None for anything else."""
        import rdflib

        if not isinstance(term, rdflib.Literal) or term.datatype is None:
            return None
        return None if str(term.datatype) in _STRINGS else str(term.datatype)
