"""Content negotiation (RFC 9110 §12.5.1) and a small HTTP server that applies it."""

from __future__ import annotations

import email.utils
import http.server
import os
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# What an entity IRI negotiates to, in the server's order of preference (HTML first).
NEGOTIATED: tuple[tuple[str, str], ...] = (
    ("text/html", ".html"),
    ("text/turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
)
# Other names clients use for the same formats.
MEDIA_ALIASES: dict[str, tuple[str, ...]] = {
    "text/html": ("application/xhtml+xml",),
    "text/turtle": ("application/x-turtle",),
    "application/ld+json": ("application/json",),
}
# Content-Type by suffix. Text types say their charset; JSON, N-Triples and N-Quads are
# UTF-8 by definition and their registrations define no charset parameter.
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".conf": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


# The Accept grammar (RFC 9110 §5.6, §12.4.2, §12.5.1) that `negotiate` reads and that the
# generated nginx and Apache rules (`serverconf`) read with the same patterns: whitespace is
# space or tab, a media range is token/token ("*" as a type only in "*/*"), the last q
# parameter counts and is a qvalue of at most three decimals; a range with any other q is
# dropped. Items are split on "," and parameters on ";" (no quoted strings).
OWS = r"[ \t]*"
TOKEN = "[-!#$%&'*+.^_`|~0-9a-z]+"
QVALUE = r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)"
_MEDIA_RANGE = re.compile(f"({TOKEN})/({TOKEN})", re.ASCII)
_QVALUE = re.compile(QVALUE, re.ASCII)


@dataclass(frozen=True)
class _Range:
    kind: str
    subtype: str
    q: float

    def matches(self, media: str) -> int:
        """How specifically this range matches a media type: 3 exact, 2 type/*, 1 */*, 0 not."""
        kind, _, subtype = media.partition("/")
        if self.kind == "*" and self.subtype == "*":
            return 1
        if self.kind == kind and self.subtype == "*":
            return 2
        if self.kind == kind and self.subtype == subtype:
            return 3
        return 0


def _ranges(accept: str) -> list[_Range]:
    """Parse an Accept header; malformed ranges and ranges with an invalid q are skipped."""
    ranges = []
    for item in accept.split(","):
        media, *params = (part.strip(" \t") for part in item.split(";"))
        found = _MEDIA_RANGE.fullmatch(media.lower())
        if found is None:
            continue
        kind, subtype = found.groups()
        if kind == "*" and subtype != "*":
            continue
        q = "1"
        for param in params:
            name, _, value = param.partition("=")
            if name.strip(" \t").lower() == "q":
                q = value.strip(" \t")
        if _QVALUE.fullmatch(q):
            ranges.append(_Range(kind, subtype, float(q)))
    return ranges


def negotiate(accept: str | None, available: Sequence[str]) -> str | None:
    """Choose among available media types (in the server's order of preference) by Accept.

    No Accept header (or an empty one) takes the first. Each type gets the q-value of the most
    specific range that matches it or one of its aliases (application/json for JSON-LD); the
    highest q wins, ties go to the earlier type; None when every type has q=0 (406).
    """
    if accept is None or not accept.strip():
        return available[0] if available else None
    ranges = _ranges(accept)
    if not ranges:
        return available[0] if available else None
    best, best_q = None, 0.0
    for media in available:
        q = 0.0
        specific = 0
        for name in (media, *MEDIA_ALIASES.get(media, ())):
            for accepted in ranges:
                level = accepted.matches(name)
                if name != media and level < 3:
                    continue  # an alias counts only when named (application/* is not HTML)
                if level > specific or (level == specific and level and accepted.q > q):
                    specific, q = level, accepted.q
        if q > best_q:
            best, best_q = media, q
    return best


class NegotiatingHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a published site: an IRI path without suffix is negotiated by Accept.

    GET /id/mx-zac/body/sezami answers with sezami.html, .ttl or .jsonld (Content-Location,
    Vary: Accept, Link to the alternates); 406 when none is acceptable. Existing files are
    served as they are; dot-files, directory listings and paths outside the site are 404.
    """

    server_version = "govgraph"
    quiet = True
    # Former IRIs: old site path → new site path, both without suffix (publish/moved.py);
    # the old path, with or without a format's suffix, answers 301 to the new one.
    moved: Mapping[str, str] = {}
    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}  # noqa: RUF012

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def _local(self) -> tuple[Path, str] | None:
        """The file system path of the request and its URL path, or None if it is not allowed."""
        raw = urllib.parse.urlsplit(self.path).path
        decoded = urllib.parse.unquote(raw, errors="strict") if "%" in raw else raw
        if "\x00" in decoded or "\\" in decoded:
            return None
        segments = [s for s in decoded.split("/") if s]
        if any(s.startswith(".") for s in segments):
            return None
        return Path(self.directory).joinpath(*segments), decoded

    def send_head(self) -> IO[bytes] | None:  # type: ignore[override]
        try:
            found = self._local()
        except UnicodeDecodeError:
            found = None
        if found is None:
            self.send_error(404)
            return None
        target, url_path = found
        if (moved := self._moved(url_path)) is not None:
            self.send_response(301)
            self.send_header("Location", urllib.parse.quote(moved))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if url_path.endswith("/") or url_path == "":
            index = target / "index.html"
            if index.is_file():
                return self._file(index)
            self.send_error(404)
            return None
        if target.is_file():
            return self._file(target)
        variants = [
            (media, target.with_name(target.name + suffix))
            for media, suffix in NEGOTIATED
            if target.with_name(target.name + suffix).is_file()
        ]
        if not variants:
            if target.is_dir() and (target / "index.html").is_file():
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_error(404)
            return None
        choice = negotiate(self.headers.get("Accept"), [media for media, _ in variants])
        links = ", ".join(
            f'<{urllib.parse.quote(path.name)}>; rel="alternate"; type="{media}"'
            for media, path in variants
        )
        if choice is None:
            body = (
                "None of the available representations is acceptable:\n"
                + "".join(f"{media}: {path.name}\n" for media, path in variants)
            ).encode("utf-8")
            self.send_response(406)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            self.send_header("Link", links)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None
        path = dict(variants)[choice]
        return self._file(
            path,
            {
                "Vary": "Accept",
                "Content-Location": urllib.parse.quote(path.name),
                "Link": links,
            },
        )

    def _moved(self, url_path: str) -> str | None:
        """The new URL path of a former IRI's path (with its suffix, if any), else None."""
        local = url_path.lstrip("/")
        if local in self.moved:
            return "/" + self.moved[local]
        for _, suffix in NEGOTIATED:
            if local.endswith(suffix) and local[: -len(suffix)] in self.moved:
                return "/" + self.moved[local[: -len(suffix)]] + suffix
        return None

    def _file(self, path: Path, headers: Mapping[str, str] | None = None) -> IO[bytes] | None:
        try:
            handle = path.open("rb")
        except OSError:
            self.send_error(404)
            return None
        stat = os.fstat(handle.fileno())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        return handle

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")


# The site's table of former IRIs (written by publish/moved.py; a dot-file, never served).
MOVED_FILE = ".moved.tsv"


def read_moved(site: Path) -> dict[str, str]:
    """The former IRIs of a published site: old path → new path (empty without a table)."""
    try:
        text = (site / MOVED_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    table = {}
    for line in text.splitlines():
        old, tab, new = line.partition("\t")
        if tab and old and new:
            table[old] = new
    return table


def make_server(
    directory: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 0
) -> http.server.ThreadingHTTPServer:
    """An HTTP server (one thread per request) for a published site; call serve_forever()."""
    root = str(Path(directory).resolve())
    table = read_moved(Path(root))

    class Handler(NegotiatingHandler):
        moved = table

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=root, **kwargs)

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
