"""RDF files and directories → an rdflib Graph or an Oxigraph Store, all or nothing.

Turtle, N-Triples, N-Quads and JSON-LD are read, chosen by file suffix. The bundled ontology
and vocabularies go in one named graph (ONTOLOGY_GRAPH), each jurisdiction's data folder
(data/ttl/<id>/) in its own (graph_of), the named graphs of N-Quads stay theirs; in the
Oxigraph store and in a published dataset (load_dataset: export -f nq, serve, push) alike.
Queries without GRAPH see the union of the graphs; rdflib (load_graph) merges them. Nothing is
fetched from the network: a JSON-LD file whose @context is a URL is refused. A file that
holds no triples loads, with a GovgraphWarning (the CLI prints it on stderr), on every
command, from the cache or not.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph

from govgraph import resources
from govgraph.errors import GovgraphWarning, LoadError
from govgraph.namespaces import (
    DEFAULT_DATA_GRAPH,
    JURISDICTION_ID,
    ONTOLOGY_GRAPH,
    PREFIXES,
    data_graph,
)

if TYPE_CHECKING:
    import rdflib

# suffix → (pyoxigraph format, rdflib format)
FORMATS: dict[str, tuple[pyoxigraph.RdfFormat, str]] = {
    ".ttl": (pyoxigraph.RdfFormat.TURTLE, "turtle"),
    ".nt": (pyoxigraph.RdfFormat.N_TRIPLES, "nt"),
    ".nq": (pyoxigraph.RdfFormat.N_QUADS, "nquads"),
    ".jsonld": (pyoxigraph.RdfFormat.JSON_LD, "json-ld"),
}
_SUFFIXES = ", ".join(FORMATS)

# How each parser words an undeclared prefix; both become "unknown prefix 'foo:'".
_RDFLIB_PREFIX = re.compile(r'^Prefix "([^"]*)" not bound')
_OXIGRAPH_PREFIX = re.compile(r"^The prefix (\S*) has not been declared")
# pyoxigraph puts the location in front of its message: "Parser error at line 3 ...: why".
_OXIGRAPH_LOCATION = re.compile(r"^Parser error (?:at|between) [^:]*: ")
# pyoxigraph's word for a JSON-LD @context (or @import) that names a remote document.
_REMOTE_CONTEXT = "LoadDocumentCallback"


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and directories (recursively, sorted) into a list of RDF files."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in FORMATS and p.is_file())
            if not files:
                raise LoadError(f"no RDF files ({_SUFFIXES}) in {path}")
            found.extend(files)
        elif path.is_file():
            if path.suffix not in FORMATS:
                raise LoadError(f"{path}: unknown RDF format {path.suffix!r} (use {_SUFFIXES})")
            found.append(path)
        elif path.suffix:
            raise LoadError(f"file not found: {path}")
        else:
            raise LoadError(f"data directory not found: {path}")
    files = list(dict.fromkeys(found))  # a file named twice is loaded once, first place wins
    for file in files:
        _warn_if_no_triples(file)
    return files


def _warn_if_no_triples(path: Path) -> None:
    """Warn (GovgraphWarning) about a file that holds no triples: almost always a mistake.

    Done here, where every load starts, so that a warm start from the cache warns too. The
    parser stops at the first triple: measured here 0.07 ms a file, 0.2 ms for a 43 MB file.
    """
    try:
        size = path.stat().st_size
        if size:
            fmt = FORMATS[path.suffix][0]
            for _ in pyoxigraph.parse(
                path=str(path), format=fmt, base_iri=path.absolute().as_uri()
            ):
                return
    except (SyntaxError, ValueError, OSError):
        return  # not this check's business: loading the file reports it
    why = "it is empty" if not size else "nothing but prefixes, comments or white space"
    if path.suffix == ".jsonld" and size:
        why = "nothing but a context or empty objects"
    warnings.warn(f"{path}: no triples in this file ({why})", GovgraphWarning, stacklevel=3)


def _prefix_message(why: str, pattern: re.Pattern[str]) -> str:
    """Reword a parser's undeclared-prefix message; leave any other message as it is."""
    match = pattern.match(why)
    return f"unknown prefix '{match.group(1)}'" if match else why


def _parse_rdflib(path: Path) -> rdflib.Graph:
    """Parse one file into its own rdflib Graph (the named graphs of N-Quads merged)."""
    import rdflib
    from rdflib.plugins.parsers.notation3 import BadSyntax

    fmt = FORMATS[path.suffix][1]
    if fmt == "json-ld":
        # rdflib's JSON-LD parser fetches a remote @context; Oxigraph's never opens a connection.
        triples = (
            pyoxigraph.Triple(q.subject, q.predicate, q.object)
            for q in _parse_oxigraph(path, pyoxigraph.DefaultGraph())
        )
        graph = rdflib.Graph()
        graph.parse(
            data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt"
        )
        return graph
    parsed: rdflib.Graph = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
    try:
        parsed.parse(path, format=fmt)
    except BadSyntax as exc:
        # BadSyntax counts lines from 0 and keeps the bare reason in _why.
        why = _prefix_message(str(exc._why), _RDFLIB_PREFIX)
        raise LoadError(f"{path}:{exc.lines + 1}: {why}") from None
    except Exception as exc:
        raise LoadError(f"{path}: {exc}") from None
    if fmt != "nquads":
        return parsed
    graph = rdflib.Graph()
    for s, p, o, _ in parsed.quads((None, None, None, None)):  # type: ignore[attr-defined]
        graph.add((s, p, o))
    return graph


def _syntax_error(path: Path, exc: SyntaxError) -> LoadError:
    """A pyoxigraph syntax error as one line naming the file and the line (when it has one)."""
    if _REMOTE_CONTEXT in exc.msg:
        return _remote_context(path)
    why = _prefix_message(_OXIGRAPH_LOCATION.sub("", exc.msg), _OXIGRAPH_PREFIX)
    return LoadError(f"{path}:{exc.lineno}: {why}" if exc.lineno else f"{path}: {why}")


def _remote_context(path: Path) -> LoadError:
    """The refusal of a JSON-LD file whose @context (or @import) names a remote document."""
    where = ""
    try:
        url = _remote_reference(json.loads(path.read_bytes()))
        where = f" {url!r}" if url else ""
    except (OSError, ValueError, RecursionError):
        pass
    return LoadError(
        f"{path}: the JSON-LD context{where} is a separate document, and govgraph opens no "
        "connection to fetch it: put the context in the file"
    )


def _remote_reference(node: object) -> str | None:
    """A string given as an @context or @import in a JSON-LD document, if there is one."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key in ("@context", "@import"):
                value = item.get(key)
                if isinstance(value, str):
                    return value
                if isinstance(value, list):
                    strings = [v for v in value if isinstance(v, str)]
                    if strings:
                        return strings[0]
            stack.extend(item.values())
    return None


Graph = pyoxigraph.NamedNode | pyoxigraph.DefaultGraph
GraphName = pyoxigraph.NamedNode | pyoxigraph.BlankNode


def _parse_oxigraph(path: Path, graph: Graph) -> list[pyoxigraph.Quad]:
    """Parse one file into a list of quads: the default graph's in graph, named graphs kept."""
    try:
        return [
            q
            if isinstance(q.graph_name, pyoxigraph.NamedNode)
            else pyoxigraph.Quad(q.subject, q.predicate, q.object, graph)
            for q in pyoxigraph.parse(
                path=str(path), format=FORMATS[path.suffix][0], base_iri=path.resolve().as_uri()
            )
        ]
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
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
    """Bulk-load every file into a new in-memory Oxigraph Store (raises LoadError).

    All or nothing: after a LoadError the new store is dropped, never returned. The bulk
    loader parses in Rust; building Python quads first took 3x the time and memory at 1M.
    """
    store = pyoxigraph.Store()
    bulk_load(store, discover(paths or resources.default_sources()))
    return store


def graph_for(path: Path, ontology: set[Path]) -> pyoxigraph.NamedNode:
    """The named graph of a file: ONTOLOGY_GRAPH for one of ontology (resolved paths), else
    its folder's (graph_of)."""
    return pyoxigraph.NamedNode(ONTOLOGY_GRAPH if path.resolve() in ontology else graph_of(path))


def bulk_load(
    store: pyoxigraph.Store,
    files: Sequence[Path],
    advance: Callable[[int], object] | None = None,
    ontology: set[Path] | None = None,
) -> None:
    """Stream files into a fresh store (in memory or on disk) with Oxigraph's bulk loader.

    Each file goes in its named graph (graph_for; ontology: resolved paths, by default the
    bundled ontology and vocabularies), then each triple is kept in one graph (_one_copy).
    The caller owns all-or-nothing: on a LoadError it throws the store away. `advance` is
    called with the number of bytes read as the files are read (for a progress bar).
    """
    if ontology is None:
        ontology = {path.resolve() for path in discover(resources.ontology_sources())}
    sizes: dict[GraphName, int] = {}
    for path in files:
        fmt = FORMATS[path.suffix][0]
        graph = graph_for(path, ontology)
        sizes[graph] = sizes.get(graph, 0) + path.stat().st_size
        try:
            if fmt == pyoxigraph.RdfFormat.N_QUADS:
                store.bulk_extend(_parse_oxigraph(path, graph))
                if advance:
                    advance(path.stat().st_size)
            elif advance is None:
                store.bulk_load(
                    path=str(path),
                    format=fmt,
                    base_iri=path.resolve().as_uri(),
                    to_graph=graph,
                )
            else:
                with path.open("rb", buffering=0) as raw:
                    store.bulk_load(
                        io.BufferedReader(_Counted(raw, advance), BUFFER),
                        format=fmt,
                        base_iri=path.resolve().as_uri(),
                        to_graph=graph,
                    )
        except SyntaxError as exc:
            raise _syntax_error(path, exc) from None
        except (ValueError, OSError) as exc:
            raise LoadError(f"{path}: {exc}") from None
    _one_copy(store, sizes)


# The copy in $graph of each triple that another graph holds as well.
_ELSEWHERE = (
    "DELETE { GRAPH $graph { ?s ?p ?o } } WHERE { GRAPH $graph { ?s ?p ?o } "
    "FILTER EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != $graph) } }"
)


def _scanned(sizes: dict[GraphName, int], present: Iterable[GraphName]) -> list[GraphName]:
    """The graphs whose copies of triples held elsewhere go, in that order (_one_copy)."""
    named = list(sizes) + [g for g in present if g not in sizes]
    largest = max(named, key=lambda graph: sizes.get(graph, 0), default=None)
    return [graph for graph in reversed(named) if graph != largest]


def _one_copy(store: pyoxigraph.Store, sizes: dict[GraphName, int]) -> None:
    """Keep a triple stated in several graphs in one of them, so that queries over their union
    count it once (Oxigraph's union default graph repeats it per graph).

    sizes: bytes of the files per graph, in load order. The largest graph keeps its copies,
    otherwise the first graph loaded; only the smaller graphs are scanned: at 1M triples in
    one file the check costs the ontology's few thousand lookups.
    """
    for graph in _scanned(sizes, store.named_graphs()):
        store.update(_ELSEWHERE.replace("$graph", str(graph)))


BUFFER = 1 << 20  # measured here: as fast as bulk_load(path=...) at 100k triples


class _Counted(io.RawIOBase):
    """A raw file that reports how many bytes each read returned."""

    def __init__(self, raw: io.RawIOBase, advance: Callable[[int], object]) -> None:
        self.raw = raw
        self.advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        count = self.raw.readinto(buffer)
        if count:
            self.advance(count)
        return count


def split_sources(
    paths: Sequence[Path | str] | None = None, *, ontology: Sequence[Path | str] | None = None
) -> tuple[list[Path], list[Path]]:
    """Return the RDF files of paths as (ontology files, data files).

    paths defaults to the bundled sources; a file is ontology when it is one of the
    ontology sources (default: the bundled ontology and vocabularies), data otherwise.
    """
    ontology = list(ontology or resources.ontology_sources())
    files = discover(paths or resources.default_sources(ontology=ontology))
    known = {path.resolve() for path in discover(ontology)}
    return (
        [path for path in files if path.resolve() in known],
        [path for path in files if path.resolve() not in known],
    )


def graph_of(path: Path) -> str:
    """The named graph of a data file: its jurisdiction's when its folder is named after one
    (data/ttl/mx-zac/laws.ttl → .../graph/mx-zac), else DEFAULT_DATA_GRAPH (.../graph/data)."""
    folder = path.absolute().parent.name
    return data_graph(folder) if JURISDICTION_ID.match(folder) else DEFAULT_DATA_GRAPH


def load_dataset(
    paths: Sequence[Path | str] | None = None,
    *,
    ontology: Sequence[Path | str] | None = None,
    data_only: bool = False,
) -> pyoxigraph.Dataset:
    """Parse every file, then return one dataset of them all; raises LoadError.

    The ontology and vocabularies go in ONTOLOGY_GRAPH, each data file in its folder's graph
    (graph_of: one named graph per jurisdiction), each triple in one graph (bulk_load); only
    the data with data_only. Nothing is returned unless every file parsed.
    """
    ontology_files, data_files = split_sources(paths, ontology=ontology)
    known = {path.resolve() for path in ontology_files}
    # A Dataset, not a Store: a Store keeps a number's value, not its lexical form ("+7").
    dataset = pyoxigraph.Dataset()
    sizes: dict[GraphName, int] = {}
    for path in data_files if data_only else ontology_files + data_files:
        graph = graph_for(path, known)
        sizes[graph] = sizes.get(graph, 0) + path.stat().st_size
        for quad in _parse_oxigraph(path, graph):
            dataset.add(quad)
    graphs = {
        q.graph_name for q in dataset if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)
    }
    for scanned in _scanned(sizes, graphs):  # as _one_copy does in a store
        for quad in list(dataset.quads_for_graph_name(scanned)):
            if any(
                other.graph_name != scanned
                and other.predicate == quad.predicate
                and other.object == quad.object
                for other in dataset.quads_for_subject(quad.subject)
            ):
                dataset.remove(quad)
    return dataset
