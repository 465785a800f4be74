"""Query backends behind one interface, chosen by name.

Oxigraph in memory (default), rdflib in memory, or a remote SPARQL endpoint: the same query
gives the same rows on each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from govgraph.errors import GovgraphError
from govgraph.store.base import Backend, Result, Value, refuse_service, with_prefixes
from govgraph.store.binding import IRI, Term
from govgraph.store.memory import MemoryBackend
from govgraph.store.oxigraph import OxigraphBackend
from govgraph.store.sparql import (
    DEFAULT_MAX_RESPONSE,
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
    AnswerTooLarge,
    AnswerTooSlow,
    HttpAnswer,
    SparqlBackend,
    answer_message,
    format_size,
    http_exchange,
    parse_size,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_MAX_RESPONSE",
    "DEFAULT_TIMEOUT",
    "IRI",
    "LOCAL_BACKENDS",
    "MAX_TIMEOUT",
    "AnswerTooLarge",
    "AnswerTooSlow",
    "Backend",
    "HttpAnswer",
    "MemoryBackend",
    "OxigraphBackend",
    "Result",
    "SparqlBackend",
    "Term",
    "Value",
    "answer_message",
    "format_size",
    "http_exchange",
    "open_backend",
    "parse_size",
    "refuse_service",
    "with_prefixes",
]


# Backends by name. The local ones load Turtle files; "sparql" queries a remote endpoint.
BACKENDS: dict[str, Callable[..., Backend]] = {
    "oxigraph": OxigraphBackend.load,
    "memory": MemoryBackend.load,
    "sparql": SparqlBackend.open,
}
LOCAL_BACKENDS = ("oxigraph", "memory")


def open_backend(
    name: str | None = None,
    paths: Sequence[Path | str] | None = None,
    endpoint: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_response: int = DEFAULT_MAX_RESPONSE,
) -> Backend:
    """Open a backend by name: a local one on Turtle files and directories, or an endpoint.

    With no name, an endpoint URL means "sparql" and no endpoint means "oxigraph".
    """
    name = name or ("sparql" if endpoint else "oxigraph")
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise GovgraphError(
            f"unknown backend {name!r} (choose from {', '.join(BACKENDS)})"
        ) from None
    if name in LOCAL_BACKENDS:
        if endpoint:
            raise GovgraphError(f"the {name} backend loads files: it takes no endpoint URL")
        return factory(paths)
    if paths and endpoint:
        raise GovgraphError(f"the {name} backend queries {endpoint} as it is: it loads no files")
    return factory(endpoint, timeout, max_response)
