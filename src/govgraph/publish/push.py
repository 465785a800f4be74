"""Replace named graphs on any SPARQL 1.1 Graph Store Protocol endpoint, one request each.

A graph travels as N-Triples in a single HTTP PUT to `ENDPOINT?graph=IRI`: the store swaps
the graph whole or not at all, so a failed push leaves the old graph in place. `push` puts
all the data (and, if asked, the ontology) into one graph; `push_graphs` puts each named graph
of the published dataset (one per jurisdiction, govgraph.load.graph_of) into its own graph,
one after the other, and stops at the first refusal, saying which graphs were replaced. Credentials
come from the environment (GOVGRAPH_TOKEN, or GOVGRAPH_USER and GOVGRAPH_PASSWORD) or from
~/.netrc, never from the command line, where other users could read them. A user name and
password go as HTTP digest authentication when the store asks for it (Virtuoso's
/sparql-graph-crud-auth does), else as basic authentication.
"""

from __future__ import annotations

import base64
import netrc
import os
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph

from govgraph.errors import PublishError
from govgraph.load import load_dataset
from govgraph.namespaces import DATA_GRAPH
from govgraph.publish.export import FORMATS, serialize

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 1e7  # seconds, as for queries
TOKEN = "GOVGRAPH_TOKEN"
USER = "GOVGRAPH_USER"
PASSWORD = "GOVGRAPH_PASSWORD"
_BAD_IRI = set('<>"{}|^`\\ ')
_MESSAGE_BYTES = 64 * 2**10  # of an answer only its message is read


def push(
    endpoint: str,
    graph_iri: str = DATA_GRAPH,
    *,
    paths: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    data_only: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Replace the named graph graph_iri at endpoint with all the data (one HTTP PUT).

    Every jurisdiction's data goes into that one graph (push_graphs keeps them apart); with
    data_only=False the ontology and vocabularies go into it too. Returns the
    number of triples sent; raises PublishError (one sentence) when the endpoint refuses.
    """
    graph_url(endpoint, graph_iri)  # a bad URL or IRI is refused before the graph is read
    _check_timeout(timeout)
    dataset = load_dataset(paths, ontology=ontology, data_only=data_only)
    return _push_one(endpoint, graph_iri, dataset, timeout)


def _check_timeout(timeout: float) -> None:
    """Refuse a timeout that is not a number of seconds above 0 (and at most MAX_TIMEOUT)."""
    if not 0 < timeout <= MAX_TIMEOUT:
        raise PublishError(
            f"invalid timeout {timeout!r}: give a number of seconds above 0 "
            f"(at most {MAX_TIMEOUT:g})"
        )


def _push_one(endpoint: str, graph_iri: str, dataset: pyoxigraph.Dataset, timeout: float) -> int:
    """Replace graph_iri at endpoint with the union of dataset's graphs; return the triples."""
    url = graph_url(endpoint, graph_iri)
    _check_timeout(timeout)
    headers = {"Content-Type": f"{FORMATS['nt']}; charset=utf-8", **authorization(endpoint)}
    body, count = serialize(dataset, "nt")
    # With a user name and password, ask first which scheme the store wants: a digest store
    # never sees the password, and the graph is uploaded once.
    started = time.monotonic()
    login = _login(endpoint)
    if login is not None and (challenge := _digest_challenge(url, endpoint, graph_iri, timeout)):
        headers["Authorization"] = _digest(url, *login, challenge)
    # One timeout for the whole push, the question included.
    left = max(timeout - (time.monotonic() - started), 0.001)
    _put(url, body, headers, endpoint, graph_iri, (left, timeout))
    return count


def push_graphs(
    endpoint: str,
    *,
    paths: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    data_only: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    done: Callable[[str, int], object] | None = None,
) -> dict[str, int]:
    """Replace each named graph of the dataset at endpoint (one PUT each, in IRI order).

    The graphs are those of govgraph.load.load_dataset: one per jurisdiction's data folder,
    and the ontology's unless data_only. done(graph, triples) is called after each graph is
    replaced. Returns {graph IRI: triples sent}; a refusal is a PublishError that names the
    graphs replaced before it (they stay replaced: each PUT is atomic, the series is not).
    timeout holds for each graph's exchange.
    """
    graph_url(endpoint, DATA_GRAPH)  # a bad URL is refused before the graph is read
    _check_timeout(timeout)
    dataset = load_dataset(paths, ontology=ontology, data_only=data_only)
    graphs = sorted({str(quad.graph_name.value) for quad in dataset})
    sent: dict[str, int] = {}
    for graph_iri in graphs:
        part = pyoxigraph.Dataset(
            quad for quad in dataset if quad.graph_name == pyoxigraph.NamedNode(graph_iri)
        )
        try:
            sent[graph_iri] = _push_one(endpoint, graph_iri, part, timeout)
        except PublishError as exc:
            if sent:
                replaced = ", ".join(f"<{g}>" for g in sent)
                raise PublishError(f"{exc} (already replaced: {replaced})") from None
            raise
        if done is not None:
            done(graph_iri, sent[graph_iri])
    return sent


def graph_url(endpoint: str, graph_iri: str) -> str:
    """Return the Graph Store Protocol URL of one graph: endpoint?graph=IRI.

    An endpoint URL with a user name or password in it is refused without repeating it:
    shell history and process lists keep command lines.
    """
    try:
        parts: urllib.parse.SplitResult | None = urllib.parse.urlsplit(endpoint)
    except ValueError:  # e.g. an unclosed [IPv6 address
        parts = None
    if "@" in (parts.netloc if parts is not None else endpoint):
        raise PublishError(
            "the Graph Store endpoint URL must not hold a user name or password: set "
            f"{TOKEN}, or {USER} and {PASSWORD}, or give its host a ~/.netrc entry"
        )
    if parts is None or parts.scheme not in ("http", "https") or not _hostname(parts):
        shown = "" if "@" in endpoint else f" {endpoint!r}"  # it may hold a password
        raise PublishError(
            f"invalid Graph Store endpoint URL{shown}: give an http:// or https:// URL"
        )
    iri = urllib.parse.urlsplit(graph_iri)
    if not iri.scheme or not graph_iri.isprintable() or _BAD_IRI & set(graph_iri):
        raise PublishError(f"invalid graph IRI {graph_iri!r}: give an absolute IRI")
    query = urllib.parse.urlencode({"graph": graph_iri})
    return urllib.parse.urlunsplit(
        parts._replace(query=f"{parts.query}&{query}" if parts.query else query)
    )


def _hostname(parts: urllib.parse.SplitResult) -> str | None:
    """The host of a URL, or None when there is none or its port is not a number."""
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    return parts.hostname


def authorization(endpoint: str) -> dict[str, str]:
    """The Authorization header for endpoint: GOVGRAPH_TOKEN (bearer), GOVGRAPH_USER and
    GOVGRAPH_PASSWORD (basic), else the ~/.netrc entry of its host; none if there is none."""
    if token := os.environ.get(TOKEN):
        return {"Authorization": f"Bearer {token}"}
    login = _login(endpoint)
    return _basic(*login) if login is not None else {}


def _login(endpoint: str) -> tuple[str, str] | None:
    """The user name and password for endpoint (none with a token): GOVGRAPH_USER and
    GOVGRAPH_PASSWORD, else the ~/.netrc entry of its host."""
    if os.environ.get(TOKEN):
        return None
    user, password = os.environ.get(USER), os.environ.get(PASSWORD)
    if user or password:
        if not (user and password):
            raise PublishError(f"set both {USER} and {PASSWORD}, or neither")
        return user, password
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        where = f" (line {exc.lineno})" if exc.lineno else ""
        raise PublishError(f"cannot read {exc.filename or '~/.netrc'}: {exc.msg}{where}") from None
    except OSError as exc:
        raise PublishError(f"cannot read ~/.netrc: {exc.strerror or exc}") from None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return entry[0], entry[2]


def _basic(user: str, password: str) -> dict[str, str]:
    """A basic-authentication header."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def _digest_challenge(url: str, endpoint: str, graph: str, timeout: float) -> str | None:
    """The digest challenge of the store's answer to a HEAD of the graph URL, if it sends one.

    Only asked when a user name and password are set; a store that answers otherwise gets
    basic authentication with the PUT, which reports what goes wrong. No answer within
    timeout is a PublishError: nothing was sent yet.
    """
    import http.client
    import urllib.error
    import urllib.request

    from govgraph.store import http_exchange

    request = urllib.request.Request(url, method="HEAD")
    try:
        answer = http_exchange(request, timeout, _MESSAGE_BYTES, partial=True)
    except (TimeoutError, urllib.error.URLError) as exc:
        if isinstance(exc, TimeoutError) or isinstance(exc.reason, TimeoutError):
            raise PublishError(
                f"the Graph Store endpoint at {endpoint} did not answer within {timeout:g} s: "
                f"graph <{graph}> was not replaced"
            ) from None
        return None
    except (OSError, http.client.HTTPException):
        return None
    if answer.status != 401:
        return None
    for value in answer.headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = str(value).strip().partition(" ")
        if scheme.lower() == "digest":
            return rest
    return None


def _digest(url: str, user: str, password: str, challenge: str) -> str:
    """The digest-authentication header value of a PUT to url, answering challenge (RFC 7616)."""
    import urllib.request

    keys = urllib.request.parse_keqv_list(urllib.request.parse_http_list(challenge))
    passwords = urllib.request.HTTPPasswordMgr()
    passwords.add_password(keys.get("realm", ""), url, user, password)
    handler = urllib.request.HTTPDigestAuthHandler(passwords)
    request = urllib.request.Request(url, method="PUT")
    answer = handler.get_authorization(request, keys)
    if answer is None:  # an algorithm urllib does not know, or no realm or nonce
        raise PublishError(
            "the Graph Store endpoint asks for digest authentication of a kind govgraph cannot "
            f"answer: {_shorten(challenge)}"
        )
    return f"Digest {answer}"


def _put(
    url: str,
    body: bytes,
    headers: dict[str, str],
    endpoint: str,
    graph: str,
    timeouts: tuple[float, float],
) -> None:
    """Send the one PUT; turn every failure into a one-sentence PublishError.

    timeouts are the seconds left for the exchange, the graph's upload included, and the
    push's whole timeout (said in the message); of the answer only its message is read (at
    most 64 KiB), so an endless answer cannot fill memory.
    """
    import http.client  # HTTP and TLS cost 60 ms to import: only when a push goes out
    import urllib.error
    import urllib.request

    from govgraph.store import answer_message, http_exchange

    where = f"the Graph Store endpoint at {endpoint}"
    request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
    try:
        answer = http_exchange(request, timeouts[0], _MESSAGE_BYTES, partial=True)
    except (TimeoutError, urllib.error.URLError) as exc:
        reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            # The request may have arrived: say so rather than guess.
            raise PublishError(
                f"{where} did not answer within {timeouts[1]:g} s: graph <{graph}> may or may not "
                "have been replaced"
            ) from None
        raise PublishError(f"cannot reach {where}: {_reason(reason)}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise PublishError(f"cannot reach {where}: {_reason(exc)}") from None
    if not 200 <= answer.status < 300:
        message = answer_message(answer.body) or answer.reason
        raise PublishError(_refusal(where, answer.status, message, answer.headers, graph, headers))


def _refusal(
    where: str,
    code: int,
    message: str,
    answer: object,
    graph: str,
    sent: dict[str, str],
) -> str:
    """The sentence for an HTTP error answer."""
    if code == 401:
        if "Authorization" in sent:
            return f"{where} refused the credentials (HTTP 401): {message}"
        return (
            f"{where} asks for credentials (HTTP 401): set {TOKEN}, or {USER} and {PASSWORD}, "
            "or give its host a ~/.netrc entry"
        )
    if code == 403:
        return f"{where} does not allow replacing graph <{graph}> (HTTP 403): {message}"
    if code == 404:
        return (
            f"{where} has no Graph Store there (HTTP 404): give the store URL itself, "
            f"e.g. http://127.0.0.1:7878/store for Oxigraph"
        )
    if 300 <= code < 400:
        location = getattr(answer, "get", lambda *_: None)("Location") or "another URL"
        return f"{where} redirects to {location} (HTTP {code}): push to that URL instead"
    return f"{where} refused graph <{graph}> (HTTP {code}): {message}"


def _reason(error: object) -> str:
    """Why a connection failed, in a few words (the OS message, not the errno wrapper)."""
    return str(getattr(error, "strerror", None) or error) or type(error).__name__


def _shorten(text: str) -> str:
    """A line cut to 120 characters."""
    return text if len(text) <= 120 else text[:119] + "…"
