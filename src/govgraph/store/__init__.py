"""Query backends behind one interface, chosen by name.

Oxigraph in memory (default), rdflib in memory, or a remote SPARQL endpoint: the same query
gives the same rows on each.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import GovgraphError
from govgraph.store.base import Backend, Result, Value, refuse_service, with_prefixes
from govgraph.store.binding import IRI, Term
from govgraph.store.limits import (
    DEFAULT_MAX_RESPONSE,
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
    format_size,
    parse_size,
)
from govgraph.store.oxigraph import OxigraphBackend

if TYPE_CHECKING:
    from govgraph.store.memory import MemoryBackend
    from govgraph.store.sparql import (
        AnswerTooLarge,
        AnswerTooSlow,
        HttpAnswer,
        SparqlBackend,
        answer_message,
        http_exchange,
    )

# Imported when first used: a local query needs neither rdflib's backend nor the HTTP client.
_LAZY = {
    "MemoryBackend": "memory",
    "AnswerTooLarge": "sparql",
    "AnswerTooSlow": "sparql",
    "HttpAnswer": "sparql",
    "SparqlBackend": "sparql",
    "answer_message": "sparql",
    "http_exchange": "sparql",
}


def __getattr__(name: str) -> Any:
    """The backends and helpers of _LAZY, imported on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"govgraph.store.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'govgraph.store' has no attribute {name!r}")


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
    "memory": lambda *args: __getattr__("MemoryBackend").load(*args),
    "sparql": lambda *args: __getattr__("SparqlBackend").open(*args),
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
