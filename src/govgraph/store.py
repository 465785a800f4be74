"""Query backends behind one interface, chosen by name.

Oxigraph in memory (default), rdflib in memory, or a remote SPARQL endpoint: the same query
gives the same rows on each.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import pyoxigraph

from govgraph.binding import (
    IRI,
    XSD,
    Term,
    check_iri,
    inject_values,
    literal_parts,
    mask,
    query_form,
)
from govgraph.errors import GovgraphError, QueryError
from govgraph.load import load_graph, load_store
from govgraph.namespaces import PREFIXES, sparql_prefixes

if TYPE_CHECKING:
    import rdflib


__all__ = [
    "BACKENDS",
    "IRI",
    "LOCAL_BACKENDS",
    "Backend",
    "MemoryBackend",
    "OxigraphBackend",
    "Result",
    "SparqlBackend",
    "Term",
    "open_backend",
    "with_prefixes",
]

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


class OxigraphBackend:
    """A pyoxigraph Store: the cached on-disk store of the files, or one in memory."""

    def __init__(self, store: pyoxigraph.Store, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder  # the cache entry of a cached store, where derived indexes go

    @classmethod
    def load(
        cls, paths: Sequence[Path | str] | None = None, cache: bool | None = None
    ) -> OxigraphBackend:
        """Open the files' cached store (built on first use), or load them into memory.

        cache=None follows the environment: GOVGRAPH_NO_CACHE=1 turns the cache off.
        """
        if cache is None:
            cache = os.environ.get("GOVGRAPH_NO_CACHE", "") in ("", "0")
        if cache:
            from govgraph.cache import open_entry

            return cls(*open_entry(paths))
        return cls(load_store(paths))

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query; bindings become a VALUES block of escaped terms, as remotely.

        Not pyoxigraph's `substitutions`: its optimiser plans the query without them, so a
        query about one body first scanned every program; with the values in the query text
        the plan starts from them. Measured at 100k triples: body-programs 47 ms -> 0.4 ms,
        law-articles 33 ms -> 0.4 ms, the same rows.
        """
        refuse_service(sparql)
        try:
            text = inject_values(with_prefixes(sparql), bindings or {})
            result = self.store.query(text)
            if not isinstance(result, pyoxigraph.QuerySolutions):
                raise QueryError("only SELECT queries return rows")
            variables = result.variables
            rows, datatypes = [], []
            for solution in result:
                terms = [solution[v] for v in variables]
                rows.append(tuple(self._value(term) for term in terms))
                datatypes.append(tuple(self._datatype(term) for term in terms))
        except SyntaxError as exc:
            message = _user_position(_oxigraph_message(exc.msg), sparql)
            raise QueryError(f"invalid SPARQL: {message}") from None
        except (RuntimeError, ValueError, OSError) as exc:
            raise QueryError(str(exc)) from None
        columns = [v.value for v in variables]
        if missing := sorted(set(bindings or {}) - set(columns)):
            raise _not_projected(missing[0])
        return Result(columns, rows, datatypes)

    def triple_count(self) -> int:
        """Return the number of triples (quads) in the store."""
        return len(self.store)

    @staticmethod
    def _value(term: Any) -> Value:
        """Turn a pyoxigraph term into a plain value."""
        if term is None:
            return None
        if isinstance(term, pyoxigraph.BlankNode):
            return f"_:{term.value}"
        return str(term.value)

    @staticmethod
    def _datatype(term: Any) -> str | None:
        """Return the datatype IRI of a typed literal, None for anything else."""
        if not isinstance(term, pyoxigraph.Literal):
            return None
        datatype = str(term.datatype.value)
        return None if datatype in _STRINGS else datatype


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


DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 1e7  # seconds (16 weeks): beyond, timers and sockets overflow or it is a typo
# The largest endpoint answer read (bytes): an endless or huge answer stops there, not at the
# end of memory. Its rows take several times as much once decoded.
DEFAULT_MAX_RESPONSE = 256 * 2**20
_ERROR_BYTES = 64 * 2**10  # of an error answer only its message is read
_CHUNK = 64 * 2**10
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)
_JSON_TYPES = ("application/sparql-results+json", "application/json")
# An HTML page: its title or first heading says what went wrong; scripts and styles do not.
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|title)\b", re.IGNORECASE)
_HTML_HEADING = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")


def parse_size(text: str) -> int:
    """Read a size in bytes: 1000000, 512K, 256M, 1.5G (K, M, G and T count in 1024s)."""
    match = _SIZE.fullmatch(text)
    size = int(float(match[1]) * _UNITS[match[2].lower()]) if match else 0
    if size < 1:
        raise QueryError(
            f"{text!r} is not a size: give a number of bytes above 0, "
            "or one with K, M or G (e.g. 256M)"
        )
    return size


def format_size(size: int) -> str:
    """A size as people say it: 256 MB, 1.5 GB, 64 KB, 900 bytes (in 1024s)."""
    for unit, name in ((2**40, "TB"), (2**30, "GB"), (2**20, "MB"), (2**10, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return "1 byte" if size == 1 else f"{size} bytes"


class SparqlBackend:
    """A remote SPARQL endpoint, queried over HTTP (POST, JSON results; SPARQLWrapper builds
    the request).

    Bound values travel as a VALUES block of escaped terms; rows are the same plain values
    the local backends return. Every failure is a QueryError of one sentence. timeout bounds
    the whole exchange (connect, send, read), max_response the size of the answer in bytes.
    """

    def __init__(
        self,
        endpoint: str,
        timeout: float = DEFAULT_TIMEOUT,
        max_response: int = DEFAULT_MAX_RESPONSE,
    ) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        if "@" in parts.netloc:  # never echo a password: every message names the endpoint
            bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
            raise QueryError(
                f"give the SPARQL endpoint URL without a user name or password ({bare}): "
                "govgraph sends no credentials with queries"
            )
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise QueryError(
                f"invalid SPARQL endpoint URL {endpoint!r}: give an http:// or https:// URL"
            )
        if not 0 < timeout <= MAX_TIMEOUT:
            raise QueryError(
                f"invalid timeout {timeout!r}: give a number of seconds above 0 "
                f"(at most {MAX_TIMEOUT:g})"
            )
        if not max_response > 0:
            raise QueryError(f"invalid answer size limit {max_response!r}: give bytes above 0")
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_response = max_response

    @classmethod
    def open(
        cls,
        endpoint: str | None,
        timeout: float = DEFAULT_TIMEOUT,
        max_response: int = DEFAULT_MAX_RESPONSE,
    ) -> SparqlBackend:
        """Open the endpoint at URL endpoint (required)."""
        if not endpoint:
            raise GovgraphError("the sparql backend needs an endpoint URL")
        return cls(endpoint, timeout, max_response)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        """Run a SELECT query on the endpoint; bindings become a VALUES block of escaped terms."""
        text = with_prefixes(sparql)
        form = query_form(text)
        if form is not None and form != "SELECT":
            raise QueryError("only SELECT queries return rows")
        data = self._post(inject_values(text, bindings or {}), sparql)
        if "boolean" in data:
            raise QueryError("only SELECT queries return rows")
        try:
            columns = [str(v) for v in data["head"]["vars"]]
            solutions = [[s.get(v) for v in columns] for s in data["results"]["bindings"]]
            rows = [tuple(self._value(term) for term in terms) for terms in solutions]
            datatypes = [tuple(self._datatype(term) for term in terms) for terms in solutions]
        except (KeyError, TypeError, AttributeError):
            raise QueryError(
                f"the SPARQL endpoint at {self.endpoint} did not answer with SPARQL JSON "
                "results: a row of its results.bindings is not a set of SPARQL terms"
            ) from None
        if missing := sorted(set(bindings or {}) - set(columns)):
            raise _not_projected(missing[0])
        return Result(columns, rows, datatypes)

    def triple_count(self) -> int:
        """Return the number of triples in the endpoint's default graph."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
        try:
            return int(rows[0][0] or "")
        except (IndexError, ValueError):
            raise QueryError(
                f"the SPARQL endpoint at {self.endpoint} did not return a triple count"
            ) from None

    def _post(self, sparql: str, written: str) -> dict[str, Any]:
        """Send the query; return the decoded JSON answer or raise a one-sentence QueryError.

        written is the query as the user wrote it, before prefixes: positions in the
        endpoint's syntax errors are given in it.
        """
        import http.client  # HTTP and TLS cost 60 ms to import: only when a query goes out
        import urllib.error

        where = f"the SPARQL endpoint at {self.endpoint}"
        try:
            answer = http_exchange(_request(self.endpoint, sparql), self.timeout, self.max_response)
        except AnswerTooLarge:
            raise QueryError(
                f"{where} sent an answer larger than {format_size(self.max_response)} "
                "(--max-response or GOVGRAPH_MAX_RESPONSE raises the limit)"
            ) from None
        except AnswerTooSlow as exc:
            if not exc.received:  # (headers cut short by the deadline read as complete)
                raise QueryError(f"{where} did not answer within {self.timeout:g} s") from None
            raise QueryError(
                f"{where} did not send its whole answer within {self.timeout:g} s "
                f"({exc.received:,} bytes came)"
            ) from None
        except (TimeoutError, urllib.error.URLError) as exc:
            reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, TimeoutError):
                raise QueryError(f"{where} did not answer within {self.timeout:g} s") from None
            raise QueryError(f"cannot reach {where}: {_reason(reason)}") from None
        except (OSError, http.client.HTTPException) as exc:
            raise QueryError(f"cannot reach {where}: {_reason(exc)}") from None
        except ValueError as exc:  # urllib's word on a URL it cannot use
            raise QueryError(f"invalid SPARQL endpoint URL {self.endpoint!r}: {exc}") from None
        if not 200 <= answer.status < 300:
            message = _user_position(_first_line(answer.body), written, local=False)
            message = message or answer.reason
            raise QueryError(f"{where} refused the query (HTTP {answer.status}): {message}")
        return _json_results(answer, where)

    @staticmethod
    def _value(term: Any) -> Value:
        """Turn a SPARQL JSON term into a plain value."""
        if term is None:
            return None
        if term.get("type") == "bnode":
            return f"_:{term['value']}"
        return str(term["value"])

    @staticmethod
    def _datatype(term: Any) -> str | None:
        """Return the datatype IRI of a typed literal, None for anything else."""
        if term is None or term.get("type") not in ("literal", "typed-literal"):
            return None
        datatype = term.get("datatype")
        return None if datatype is None or datatype in _STRINGS else str(datatype)


def _json_results(answer: HttpAnswer, where: str) -> dict[str, Any]:
    """The SPARQL JSON results of an answer, or a QueryError saying what is wrong with it."""
    body, headers = answer.body, answer.headers
    content_type = headers.get_content_type()
    fault = f"{where} did not answer with SPARQL JSON results"
    announced = headers.get("Content-Length", "")
    if announced.isdigit() and len(body) < int(announced):
        raise QueryError(
            f"{fault}: the answer ended after {len(body):,} of the {int(announced):,} bytes "
            "it announced"
        )
    if not body.strip():
        raise QueryError(f"{fault}: it sent an empty answer ({content_type})")
    try:
        data = json.loads(body)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        if _cut_short(exc, body) and body.lstrip()[:1] in (b"{", b"["):
            raise QueryError(
                f"{fault}: the answer ended before the JSON was complete ({len(body):,} bytes)"
            ) from None
        if content_type in _JSON_TYPES:
            raise QueryError(
                f"{fault}: it sent {content_type} that is not JSON, starting {_snippet(body)}"
            ) from None
        raise QueryError(f"{fault}: it sent {content_type} starting {_snippet(body)}") from None
    if not isinstance(data, dict):
        raise QueryError(f"{fault}: it sent JSON that is not an object: {_snippet(body)}")
    if "boolean" in data:
        return data
    head, results = data.get("head"), data.get("results")
    if not isinstance(head, dict) or not isinstance(head.get("vars"), list):
        raise QueryError(f"{fault}: it sent JSON without head.vars: {_snippet(body)}")
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise QueryError(f"{fault}: it sent JSON without results.bindings: {_snippet(body)}")
    return data


def _cut_short(error: ValueError, body: bytes | bytearray) -> bool:
    """Whether a JSON decoding error says the text ended too soon (not that it is wrong)."""
    if isinstance(error, UnicodeDecodeError):
        return error.reason == "unexpected end of data"
    if isinstance(error, json.JSONDecodeError):
        return error.pos >= len(error.doc.rstrip()) or error.msg.startswith("Unterminated string")
    return False


def _snippet(body: bytes | bytearray, size: int = 60) -> str:
    """The start of an answer, quoted, on one line: what the endpoint sent instead."""
    text = " ".join(bytes(body[: size * 4]).decode("utf-8", errors="replace").split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    return f"'{text[:size]}…'" if len(text) > size else f"'{text}'"


def _request(endpoint: str, sparql: str) -> Any:
    """The urllib request of one SELECT query, as SPARQLWrapper builds it: POST, JSON results."""
    from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper

    client = SPARQLWrapper(endpoint, returnFormat=JSON)
    client.setMethod(POST)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its query-type guess warns on unusual prologues
        client.setQuery(sparql)
    # The caller checked the form; never let a keyword in a comment turn it into an update.
    client.queryType = SELECT
    # Only the request: SPARQLWrapper would read the whole answer into memory, untimed.
    return client._createRequest()


# ---------------------------------------------------------------------------
# One HTTP exchange, bounded in time and size (queries here, pushes in push.py)
# ---------------------------------------------------------------------------


class HttpAnswer(NamedTuple):
    """One HTTP answer (error statuses included), read within its deadline and size limit."""

    status: int
    reason: str
    headers: Any  # an email.message.Message
    body: bytes | bytearray


class AnswerTooLarge(Exception):
    """The body of an answer is larger than the limit set for it."""


class AnswerTooSlow(TimeoutError):
    """The time ran out while the body of an answer was still coming."""

    def __init__(self, received: int) -> None:
        super().__init__(f"the answer was cut after {received} bytes")
        self.received = received


class _Deadline:
    """Shuts the sockets of one exchange when its time is up, wherever it is blocked.

    Socket timeouts bound each connect, send or read on its own: an endpoint that sends a
    byte a second, or an endless answer, never trips them. Shutting the sockets down from a
    timer thread ends a blocked call at once, so the deadline holds for the whole exchange.
    """

    def __init__(self, seconds: float) -> None:
        import threading

        self.expired = False
        self._done = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: Any) -> None:
        """Shut sock down when the time runs out (at once if it has)."""
        with self._lock:
            if not self._done:
                self._sockets.append(sock)
                if self.expired:
                    self._shut(sock)

    def finish(self) -> bool:
        """Stop watching (before the sockets close: their numbers may be reused); return
        whether the time ran out."""
        with self._lock:
            self._done = True
            self._timer.cancel()
            self._sockets.clear()
            return self.expired

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: Any) -> None:
        import contextlib
        import socket

        # Already closed, or detached when TLS wrapped it: nothing to do.
        with contextlib.suppress(OSError):
            # The plain socket's shutdown, also for a TLS socket: no TLS goodbye from here.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _opener(deadline: _Deadline) -> Any:
    """An urllib opener (proxies and redirects as usual) whose connections deadline watches."""
    import urllib.request

    def watched(base: Any) -> Any:
        class Watched(base):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                create: Any = getattr(self, "_create_connection")  # noqa: B009 - untyped

                def create_watched(*args: Any, **kwargs: Any) -> Any:
                    sock = create(*args, **kwargs)
                    deadline.watch(sock)  # from the start: the TLS handshake too
                    return sock

                setattr(self, "_create_connection", create_watched)  # noqa: B010 - untyped

            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)  # the TLS socket that replaced the plain one

        return Watched

    class Http(urllib.request.HTTPHandler):
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            return super().do_open(watched(http_class), req, **kwargs)

    class Https(urllib.request.HTTPSHandler):
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            return super().do_open(watched(http_class), req, **kwargs)

    return urllib.request.build_opener(Http, Https)


def http_exchange(request: Any, timeout: float, limit: int, *, partial: bool = False) -> HttpAnswer:
    """Send an urllib request and read its answer, all within timeout seconds and limit bytes.

    An error status is an answer too; of its body only the first 64 KiB are read. With
    partial=True the body is a message, not data: reading stops quietly at the limit or when
    the time runs out. Otherwise raises AnswerTooLarge past the limit and AnswerTooSlow when
    the time runs out during the body; TimeoutError (or urllib's URLError holding one) when it
    runs out before, and urllib's, http.client's and the OS's errors as they come.
    """
    import http.client
    import urllib.error

    deadline = _Deadline(timeout)
    response: Any = None
    try:
        try:
            response = _opener(deadline).open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            response, limit, partial = exc, min(limit, _ERROR_BYTES), True
        except (OSError, http.client.HTTPException):
            if deadline.finish():
                raise TimeoutError(f"no answer within {timeout:g} s") from None
            raise
        if deadline.expired:  # http.client takes headers cut short for complete ones
            raise TimeoutError(f"no answer within {timeout:g} s")
        body = _read(response, limit, partial, deadline)
        return HttpAnswer(response.status, str(response.reason or ""), response.headers, body)
    finally:
        deadline.finish()
        if response is not None:
            response.close()


def _read(response: Any, limit: int, partial: bool, deadline: _Deadline) -> bytearray:
    """Read a body in chunks, up to limit bytes and until the deadline (see http_exchange)."""
    import http.client

    announced = response.headers.get("Content-Length", "")
    if not partial and announced.isdigit() and int(announced) > limit:
        raise AnswerTooLarge(limit)  # said before a byte of it comes
    body = bytearray()  # grows in place: no second copy of a large answer
    try:
        while chunk := response.read(min(_CHUNK, limit + 1 - len(body))):
            body += chunk
            if len(body) > limit:
                if not partial:
                    raise AnswerTooLarge(limit)
                del body[limit:]
                break
    except http.client.IncompleteRead:
        pass  # a chunked answer that ended early: judged as it is, unless time ran out
    except (OSError, http.client.HTTPException):
        if not deadline.finish():
            raise
    if deadline.finish() and not partial:
        raise AnswerTooSlow(len(body))
    return body


def _first_line(body: bytes | bytearray) -> str:
    """The first line of a server's error message, without Oxigraph's character-class lists."""
    text = _message_text(body)
    return _shorten(_oxigraph_message(text)) if text else ""


def answer_message(body: bytes | bytearray) -> str:
    """What an error answer says: its first line of text, or the title of its HTML page."""
    return _shorten(_message_text(body))


def _message_text(body: bytes | bytearray) -> str:
    """The first line of a body's text, or the title (else first heading, else text) of an
    HTML page; empty if there is none."""
    text = bytes(body).decode("utf-8", errors="replace").strip()
    if text.startswith("<") and _HTML_START.search(text[:1000]):
        for match in _HTML_HEADING.finditer(text):
            if words := " ".join(_unescape(_HTML_TAG.sub(" ", match[2])).split()):
                return words
        text = _unescape(_HTML_TAG.sub(" ", _HTML_CODE.sub(" ", text)))
        return " ".join(text.split())
    return text.splitlines()[0].strip() if text else ""


def _unescape(text: str) -> str:
    """Replace HTML character references (&amp;, &#233;) by their characters."""
    import html

    return html.unescape(text)


def _shorten(line: str) -> str:
    """A line cut to 200 characters."""
    return line if len(line) <= 200 else line[:199] + "…"


def _reason(error: object) -> str:
    """Why a connection failed, in a few words (the OS message, not the errno wrapper)."""
    return str(getattr(error, "strerror", None) or error) or type(error).__name__


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
