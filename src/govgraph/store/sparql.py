"""The SPARQL backend: a remote endpoint over HTTP, and one bounded HTTP exchange."""

from __future__ import annotations

import json
import re
import urllib.parse
import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple

from govgraph.errors import GovgraphError, QueryError
from govgraph.store.base import (
    _STRINGS,
    Result,
    Value,
    _not_projected,
    _oxigraph_message,
    _user_position,
    with_prefixes,
)
from govgraph.store.binding import Term, inject_values, query_form
from govgraph.store.limits import (
    DEFAULT_MAX_RESPONSE,
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
    format_size,
)

_ERROR_BYTES = 64 * 2**10  # of an error answer only its message is read
_CHUNK = 64 * 2**10
_JSON_TYPES = ("application/sparql-results+json", "application/json")
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_BOOLEANS = {"1": "true", "0": "false"}
# An HTML page: its title or first heading says what went wrong; scripts and styles do not.
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|title)\b", re.IGNORECASE)
_HTML_HEADING = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")


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
        """Turn a SPARQL JSON term into a plain value (a boolean in its canonical form)."""
        if term is None:
            return None
        if term.get("type") == "bnode":
            return f"_:{term['value']}"
        value = str(term["value"])  # Virtuoso writes an xsd:boolean true as "1"
        return _BOOLEANS.get(value, value) if term.get("datatype") == _BOOLEAN else value

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
    client.queryType = SELECT  # checked by the caller: a keyword in a comment is no update
    return client._createRequest()  # not its answer: SPARQLWrapper reads it whole, untimed


# --- One HTTP exchange, bounded in time and size (queries here, pushes in push.py) ---


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
    import http.client
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

            # An answer sent before the body was read (Virtuoso's 401 to a PUT) is still read.
            def request(self, *args: Any, **kwargs: Any) -> None:
                self.send_error: OSError | None = None
                try:
                    super().request(*args, **kwargs)
                except (BrokenPipeError, ConnectionResetError) as exc:
                    self.send_error = exc

            def getresponse(self) -> Any:
                error = getattr(self, "send_error", None)
                try:
                    response = super().getresponse()
                except (OSError, http.client.HTTPException) as exc:
                    raise (error or exc) from None
                if error is not None and response.status < 300:
                    response.close()
                    raise error
                return response

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
