"""Saved SPARQL files: the `#+ key: value` header at their top."""

from __future__ import annotations

import re

from govgraph.errors import QueryError

_KEY = re.compile(r"^#\+ ?([A-Za-z][\w-]*):\s*(.*?)\s*$")
_MORE = re.compile(r"^#\+\s{2,}(\S.*?)\s*$")  # an indented line continues the previous key


def parse_header(text: str, source: str) -> dict[str, str]:
    """Read the leading `#+ key: value` lines of a query; a malformed one is a QueryError."""
    header: dict[str, str] = {}
    key: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends where the query starts
            continue
        if not line.startswith("#+") or not line[2:].strip():
            continue
        if (more := _MORE.match(line)) and key is not None:
            header[key] = f"{header[key]}\n{more.group(1)}".strip()
        elif match := _KEY.match(line):
            key = match.group(1)
            header[key] = match.group(2)
        else:
            raise QueryError(f"{source}:{number}: malformed header line {line!r}")
    return header
