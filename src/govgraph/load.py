"""Turtle files and directories → an rdflib Graph or an Oxigraph Store, all or nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from govgraph import resources
from govgraph.errors import LoadError
from govgraph.namespaces import PREFIXES

if TYPE_CHECKING:
    import rdflib

# How each parser words an undeclared prefix; both become "unknown prefix 'foo:'".
_RDFLIB_PREFIX = re.compile(r'^Prefix "([^"]*)" not bound')
_OXIGRAPH_PREFIX = re.compile(r"^The prefix (\S*) has not been declared")
# pyoxigraph puts the location in front of its message: "Parser error at line 3 ...: why".
_OXIGRAPH_LOCATION = re.compile(r"^Parser error (?:at|between) [^:]*: ")


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and directories (recursively, *.ttl, sorted) into a list of Turtle files."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            turtle = sorted(p for p in path.rglob("*.ttl") if p.is_file())
            if not turtle:
                raise LoadError(f"no Turtle files in {path}")
            found.extend(turtle)
        elif path.is_file():
            found.append(path)
        elif path.suffix:
            raise LoadError(f"file not found: {path}")
        else:
            raise LoadError(f"data directory not found: {path}")
    return list(dict.fromkeys(found))  # a file named twice is loaded once, first place wins


def _prefix_message(why: str, pattern: re.Pattern[str]) -> str:
    """Reword a parser's undeclared-prefix message; leave any other message as it is."""
    match = pattern.match(why)
    return f"unknown prefix '{match.group(1)}'" if match else why


def _parse_rdflib(path: Path) -> rdflib.Graph:
    """Parse one Turtle file into its own rdflib Graph."""
    import rdflib
    from rdflib.plugins.parsers.notation3 import BadSyntax

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except BadSyntax as exc:
        # BadSyntax counts lines from 0 and keeps the bare reason in _why.
        why = _prefix_message(str(exc._why), _RDFLIB_PREFIX)
        raise LoadError(f"{path}:{exc.lines + 1}: {why}") from None
    except (ValueError, OSError) as exc:
        raise LoadError(f"{path}: {exc}") from None
    return graph


def _parse_oxigraph(path: Path) -> list[pyoxigraph.Quad]:
    """Parse one Turtle file into a list of quads (default graph)."""
    try:
        return list(
            pyoxigraph.parse(
                path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()
            )
        )
    except SyntaxError as exc:
        why = _prefix_message(_OXIGRAPH_LOCATION.sub("", exc.msg), _OXIGRAPH_PREFIX)
        raise LoadError(f"{path}:{exc.lineno}: {why}") from None
    except (ValueError, OSError) as exc:
        raise LoadError(f"{path}: {exc}") from None


def load_graph(paths: Sequence[Path | str] | None = None) -> rdflib.Graph:
    """Parse every file first, then merge them into one rdflib Graph (raises LoadError)."""
    import rdflib

    parts = [_parse_rdflib(p) for p in discover(paths or resources.default_sources())]
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for part in parts:
        graph += part
    return graph


def load_store(paths: Sequence[Path | str] | None = None) -> pyoxigraph.Store:
    """Parse every file first, then build an in-memory Oxigraph Store (raises LoadError)."""
    parts = [_parse_oxigraph(p) for p in discover(paths or resources.default_sources())]
    store = pyoxigraph.Store()
    for quads in parts:
        store.extend(quads)
    return store
