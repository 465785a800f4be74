"""Saved SPARQL queries: discover them, read their `#+` header, bind parameters, run them.

The header format is documented in docs/queries.md. Parameters are SPARQL variables of the
same name, bound by the backend (never spliced into the text).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from govgraph import jurisdictions, resources
from govgraph.errors import QueryError
from govgraph.namespaces import LANGS, expand
from govgraph.store import IRI, Backend, Result, Term

KEYS = ("summary", "description", "param", "example", "lists")
KINDS = ("entity", "iri", "string", "integer", "lang", "jurisdiction")
ENTITY_KINDS = ("council", "agent", "law", "program", "dimension", "any")
SEPARATOR = "; "

_LINE = re.compile(r"^#\+\s*([A-Za-z][\w-]*):\s?(.*?)\s*$")
_PARAM = re.compile(r"^(\w+) \((\w+)(?::(\w+))?(?:, default ([^)]+))?\): (.+)$")
_NAME = re.compile(r"^[\w-]+$")

# Resolves a user's text (acronym, name, CURIE, IRI) to an entity IRI, given an entity kind.
Resolve = Callable[[str, str], str]


# A NamedTuple, not a dataclass: each frozen dataclass costs ~1 ms at start-up (exec).
class Param(NamedTuple):
    """A query parameter: its variable name, kind, default value and description."""

    name: str
    kind: str
    entity: str | None
    default: str | None
    description: str


class SavedQuery(NamedTuple):
    """A SPARQL query with its header."""

    name: str
    source: str
    text: str
    summary: str
    description: str = ""
    params: tuple[Param, ...] = ()
    example: Mapping[str, str] = MappingProxyType({})
    lists: tuple[str, ...] = ()


def _param(value: str, where: str) -> Param:
    """Parse `NAME (KIND[:ENTITY][, default VALUE]): description`."""
    match = _PARAM.match(value)
    if not match:
        raise QueryError(f"{where}: a param reads `name (kind[, default value]): description`")
    name, kind, entity, default, description = match.groups()
    if kind not in KINDS:
        raise QueryError(f"{where}: unknown parameter kind {kind!r} (one of {', '.join(KINDS)})")
    if entity is not None and (kind != "entity" or entity not in ENTITY_KINDS):
        raise QueryError(f"{where}: unknown entity kind {entity!r}")
    return Param(name, kind, entity or ("any" if kind == "entity" else None), default, description)


def parse(text: str, source: str, name: str | None = None, *, saved: bool = True) -> SavedQuery:
    """Read a query's `#+` header; a malformed or unknown line is a QueryError naming the line.

    A saved query must have a summary; an ad-hoc one (a file or stdin) may have no header.
    """
    fields: dict[str, list[str]] = {key: [] for key in KEYS}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends where the query starts
            continue
        if not stripped.startswith("#+"):
            continue
        match = _LINE.match(stripped)
        if not match or match.group(1) not in KEYS:
            raise QueryError(f"{source}:{number}: malformed header line {stripped!r}")
        key, value = match.groups()
        if key == "param":
            params.append(_param(value, f"{source}:{number}"))
        else:
            fields[key].append(value)
    if saved and not fields["summary"]:
        raise QueryError(f"{source}: the query has no `#+ summary:` line")
    example = dict(pair.split("=", 1) for part in fields["example"] for pair in part.split())
    names = [p.name for p in params]
    if unknown := sorted(set(example) - set(names)):
        raise QueryError(f"{source}: example names unknown parameter {unknown[0]!r}")
    return SavedQuery(
        name=name or Path(source).stem,
        source=source,
        text=text,
        summary=" ".join(fields["summary"]),
        description=" ".join(fields["description"]),
        params=tuple(params),
        example=example,
        lists=tuple(c.strip() for part in fields["lists"] for c in part.split(",") if c.strip()),
    )


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    """Every saved query in the queries directory (not the checks), sorted by name."""
    folder = directory or resources.queries_dir()
    return [_read(path) for path in sorted(folder.glob("*.rq"))]


def _read(path: Path, saved: bool = True) -> SavedQuery:
    """Read and parse one .rq file."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise QueryError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise QueryError(f"{path} is not UTF-8") from None
    return parse(text, str(path), saved=saved)


def _stdin() -> SavedQuery:
    """The query on standard input, read as UTF-8 bytes (never as surrogate escapes)."""
    if sys.stdin is None:  # started with standard input closed
        raise QueryError("no query on standard input")
    stream = getattr(sys.stdin, "buffer", None)
    try:
        text = stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
    except UnicodeDecodeError:
        raise QueryError("standard input is not UTF-8") from None
    if not text.strip():
        raise QueryError("no query on standard input")
    return parse(text, "<stdin>", name="stdin", saved=False)


def load_query(spec: str, directory: Path | None = None) -> SavedQuery:
    """A saved query by name, a .rq file by path, or `-` for a query on standard input."""
    if spec == "-":
        return _stdin()
    path = Path(spec)
    if path.is_file():
        return _read(path, saved=False)
    folder = directory or resources.queries_dir()
    if _NAME.match(spec) and (folder / f"{spec}.rq").is_file():
        return _read(folder / f"{spec}.rq")
    if path.is_dir():
        raise QueryError(f"{spec} is a directory, not a query file")
    if path.suffix == ".rq" or len(path.parts) > 1:
        raise QueryError(f"no such file: {spec}")
    names = [q.stem for q in sorted(folder.glob("*.rq"))]
    raise QueryError(f"no saved query named {spec!r} (see `govgraph queries`: {', '.join(names)})")


def bindings(
    query: SavedQuery, values: Mapping[str, str], resolve: Resolve | None = None
) -> dict[str, Term]:
    """Check the given values against the query's parameters and turn them into terms."""
    declared = {p.name: p for p in query.params}
    if extra := sorted(set(values) - set(declared)):
        known = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {extra[0]!r} (parameters: {known})")
    bound: dict[str, Term] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            raise QueryError(f"{query.name} needs a value for {param.name!r}: {param.description}")
        if param.kind == "jurisdiction" and value == jurisdictions.ALL:
            continue  # left unbound: every jurisdiction
        bound[param.name] = _term(param, value, resolve)
    return bound


def _term(param: Param, value: str, resolve: Resolve | None) -> Term:
    """Turn a text value into the term its parameter kind asks for."""
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"{param.name} must be an integer, not {value!r}")
        return int(value)
    if param.kind == "lang":
        if value not in LANGS:
            raise QueryError(f"{param.name} must be one of {', '.join(LANGS)}, not {value!r}")
        return value
    if param.kind == "string":
        return value
    if param.kind == "jurisdiction":
        return IRI(jurisdictions.iri(value))
    if param.kind == "iri" or resolve is None:
        if value.startswith("<") and value.endswith(">"):
            return IRI(value[1:-1])
        return IRI(value if re.match(r"^https?://", value) else expand(value))
    return IRI(resolve(value, param.entity or "any"))


def run(
    backend: Backend,
    query: SavedQuery,
    values: Mapping[str, str] | None = None,
    resolve: Resolve | None = None,
) -> Result:
    """Bind the parameters, run the query, and sort the items of its list columns."""
    bound = bindings(query, values or {}, resolve)
    try:
        result = backend.query(query.text, bound)
    except QueryError as exc:
        if not str(exc).startswith("invalid SPARQL"):
            raise
        raise QueryError(f"{query.source}: {exc}") from None  # where the syntax error is
    return sort_lists(result, query.lists)


def sort_lists(result: Result, columns: Sequence[str]) -> Result:
    """Sort the `; `-separated items of GROUP_CONCAT columns (SPARQL leaves their order open)."""
    at = [result.columns.index(c) for c in columns if c in result.columns]
    if not at:
        return result
    rows = [
        tuple(
            SEPARATOR.join(sorted(v.split(SEPARATOR))) if i in at and v else v
            for i, v in enumerate(row)
        )
        for row in result.rows
    ]
    return Result(result.columns, rows, result.datatypes)
