"""The graph as Turtle, N-Triples, N-Quads, JSON-LD or RDF/XML, the same bytes on every run.

Statements are sorted (and blank nodes, if any, relabelled canonically: trees of blank nodes in
linear time, anything else by RDFC-1.0) before they are written, so an export only changes when
the graph does. N-Triples, N-Quads and RDF/XML come from pyoxigraph; Turtle from rdflib, which
groups a subject's statements and sorts them (blank nodes nested TURTLE_NESTING deep at most);
JSON-LD is compacted here with the published context (ontology/context.jsonld).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph

from govgraph import files
from govgraph.errors import PublishError
from govgraph.load import load_dataset
from govgraph.namespaces import PREFIXES
from govgraph.publish.jsonld import RDF_TYPE, _jsonld
from govgraph.publish.jsonld import XSD_STRING as XSD_STRING
from govgraph.publish.jsonld import context_file as context_file

if TYPE_CHECKING:
    import rdflib

# Format name → media type (what `govgraph push` and a web server announce).
FORMATS: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# The ontology declares its own metadata with VANN, a prefix the data never needs.
EXPORT_PREFIXES: dict[str, str] = {**PREFIXES, "vann": "http://purl.org/vocab/vann/"}

# A scheme, then something, and none of what an IRI cannot hold (RFC 3987).
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$")


def export(
    fmt: str,
    out: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    data_only: bool = False,
    paths: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    context_url: str | None = None,
) -> int:
    """Write the graph in fmt (ttl, nt, nq, jsonld, rdfxml) to out; return how many statements.

    out: a path (as govgraph.files writes one), '-' or None for standard output, or a binary
    stream.

    The graph is the ontology, vocabularies and data (only the data with data_only), loaded
    from paths and ontology as govgraph.load does. Returns the number of statements written.
    """
    _check_context_url(fmt, context_url)
    if isinstance(out, str | os.PathLike):
        if not _file_name(out):
            raise PublishError(f"cannot write {str(out)!r}: give a file name")
        files.check_output(out, PublishError)  # before the work: a missing directory, ...
    dataset = load_dataset(paths, ontology=ontology, data_only=data_only)
    body, count = serialize(dataset, fmt, context_url=context_url)
    if out is None or isinstance(out, str | os.PathLike):
        files.write_output(files.STDOUT if out is None else out, body, PublishError)
    else:
        out.write(body)
    return count


def serialize(
    dataset: pyoxigraph.Dataset,
    fmt: str,
    *,
    context_url: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> tuple[bytes, int]:
    """Serialize a dataset in fmt; return the bytes and the number of statements.

    N-Quads keeps the named graphs; every other format writes the union of the graphs.
    JSON-LD embeds the context, or refers to context_url when it is given. prefixes: the
    prefix table of Turtle (default EXPORT_PREFIXES).
    """
    if fmt not in FORMATS:
        raise PublishError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    _check_context_url(fmt, context_url)
    quads = canonical_quads(dataset)
    if fmt == "nq":
        return _sorted_lines(quads, pyoxigraph.RdfFormat.N_QUADS), len(quads)
    triples = sorted({quad.triple for quad in quads}, key=_triple_key)
    if fmt == "nt":
        return _sorted_lines(triples, pyoxigraph.RdfFormat.N_TRIPLES), len(triples)
    if fmt == "rdfxml":
        body = pyoxigraph.serialize(
            triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=EXPORT_PREFIXES
        )
        return body or b"", len(triples)
    if fmt == "ttl":
        return _turtle(triples, prefixes or EXPORT_PREFIXES), len(triples)
    return _jsonld(triples, context_url), len(triples)


def _check_context_url(fmt: str, context_url: str | None) -> None:
    """A context URL is for JSON-LD, and must be absolute: a relative one would be read against
    wherever the document is copied to."""
    if context_url is None:
        return
    if fmt != "jsonld":
        raise PublishError(f"a JSON-LD context URL applies to the jsonld format only, not {fmt}")
    if not _ABSOLUTE_IRI.match(context_url):
        raise PublishError(
            f"the JSON-LD context URL must be an absolute IRI such as "
            f"https://w3id.org/govgraph/context.jsonld: {context_url!r}"
        )


def _file_name(path: str | os.PathLike[str]) -> bool:
    """Whether a path names a file: not empty, not ending in a slash, not . or .."""
    text = os.fspath(path)
    return (
        bool(text) and not text.endswith(("/", os.sep)) and Path(text).name not in ("", ".", "..")
    )


def canonical_quads(dataset: pyoxigraph.Dataset) -> list[pyoxigraph.Quad]:
    """Return the dataset's quads with canonical blank node labels (trees b0, b1, ...; the rest
    by RDFC-1.0)."""
    quads = list(dataset)
    if not any(
        isinstance(term, pyoxigraph.BlankNode)
        for quad in quads
        for term in (quad.subject, quad.object, quad.graph_name)
    ):
        return quads
    # Parsers label blank nodes at random; canonical labels make the output repeatable.
    if any(
        isinstance(quad.graph_name, pyoxigraph.BlankNode)
        or isinstance(quad.subject, pyoxigraph.Triple)
        or isinstance(quad.object, pyoxigraph.Triple)
        for quad in quads
    ):
        return _rdfc(quads)  # rare shapes the tree labelling does not cover
    labels = _tree_labels(quads)
    plain: list[pyoxigraph.Quad] = []
    rest: list[pyoxigraph.Quad] = []
    for quad in quads:
        subject, obj = quad.subject, quad.object
        blanks = [t for t in (subject, obj) if isinstance(t, pyoxigraph.BlankNode)]
        if not blanks:
            plain.append(quad)
        elif any(t.value not in labels for t in blanks):
            rest.append(quad)  # a blank node tree never shares a statement with another one
        else:
            subject, obj = _relabel(subject, labels), _relabel(obj, labels)
            plain.append(pyoxigraph.Quad(subject, quad.predicate, obj, quad.graph_name))
    return plain + (_rdfc(rest) if rest else [])


def _rdfc(quads: list[pyoxigraph.Quad]) -> list[pyoxigraph.Quad]:
    """Relabel the blank nodes of quads by RDFC-1.0 (c14n0, c14n1, ...)."""
    dataset = pyoxigraph.Dataset(quads)
    # Cubic or worse for large blank node structures, hence only for what is not a tree.
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _relabel(term: Any, labels: dict[str, str]) -> Any:
    """A blank node under its new label; any other term as it is."""
    if isinstance(term, pyoxigraph.BlankNode):
        return pyoxigraph.BlankNode(labels[term.value])
    return term


def _tree_labels(quads: list[pyoxigraph.Quad]) -> dict[str, str]:
    """Label the blank nodes that form trees (the `[ ]` of Turtle) in O(n log n), without
    recursion: old label -> b0, b1, ...

    A tree is a set of blank nodes, each the object of at most one statement, reached from one
    root (a blank node no blank node points at) without a cycle. Each node gets a digest of its
    statements, children first; trees are numbered depth first, roots ordered by the statement
    that points at them and their digest, children by predicate and digest. Two nodes that tie
    have equal subtrees under the same parent, so either order writes the same statements.
    """
    out: dict[str, list[pyoxigraph.Quad]] = defaultdict(list)
    pointed: dict[str, list[pyoxigraph.Quad]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.subject, pyoxigraph.BlankNode):
            out[quad.subject.value].append(quad)
        if isinstance(quad.object, pyoxigraph.BlankNode):
            pointed[quad.object.value].append(quad)
    digest: dict[str, str] = {}
    roots: list[tuple[tuple[str, ...], str]] = []
    for node in out.keys() | pointed.keys():  # any order: the roots are sorted below
        above = pointed.get(node, [])
        if len(above) > 1 or (above and isinstance(above[0].subject, pyoxigraph.BlankNode)):
            continue  # not a root
        order, stack, tree = [], [node], True
        while stack:  # depth first, each node once: it has one parent at most
            current = stack.pop()
            if len(pointed.get(current, ())) > 1:
                tree = False  # shared with another statement: RDFC-1.0 labels the component
                break
            order.append(current)
            stack.extend(_blank_children(out.get(current, ())))
        if not tree:
            continue
        for current in reversed(order):  # children before their parent
            digest[current] = _digest(out.get(current, ()), digest)
        context = (
            (str(above[0].subject), str(above[0].predicate), str(above[0].graph_name))
            if above
            else ("", "", "")
        )
        roots.append(((*context, digest[node]), node))
    labels: dict[str, str] = {}
    for _, root in sorted(roots):
        stack = [root]
        while stack:
            current = stack.pop()
            labels[current] = f"b{len(labels)}"
            children = sorted(
                (str(q.graph_name), str(q.predicate), digest[q.object.value], q.object.value)
                for q in out.get(current, ())
                if isinstance(q.object, pyoxigraph.BlankNode)
            )
            stack.extend(child for *_, child in reversed(children))
    return labels


def _digest_term(term: Any, digest: dict[str, str]) -> str:
    """An IRI or literal in N-Triples; a blank node by the digest of its statements."""
    return f"_:{digest[term.value]}" if isinstance(term, pyoxigraph.BlankNode) else str(term)


def _blank_children(statements: Iterable[pyoxigraph.Quad]) -> list[str]:
    """The labels of the blank node objects of statements."""
    return [q.object.value for q in statements if isinstance(q.object, pyoxigraph.BlankNode)]


def _digest(statements: Iterable[pyoxigraph.Quad], digest: dict[str, str]) -> str:
    """A digest of a blank node's statements, its blank objects by their own digest."""
    lines = sorted(
        f"{q.predicate} {_digest_term(q.object, digest)} {q.graph_name}" for q in statements
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _triple_key(triple: pyoxigraph.Triple) -> tuple[Any, ...]:
    """Sort by subject, rdf:type first, then predicate and object."""
    return (
        _term_key(triple.subject),
        triple.predicate.value != RDF_TYPE,
        triple.predicate.value,
        _term_key(triple.object),
    )


def _term_key(term: Any) -> tuple[int, str, str]:
    """IRIs by IRI (body:cdhez before body:cdhez-x), then blank nodes, then literals."""
    if isinstance(term, pyoxigraph.NamedNode):
        return (0, term.value, "")
    if isinstance(term, pyoxigraph.BlankNode):
        return (1, term.value, "")
    if isinstance(term, pyoxigraph.Literal):
        return (2, term.value, term.language or term.datatype.value)
    return (3, str(term), "")


def _sorted_lines(
    statements: Iterable[pyoxigraph.Triple] | Iterable[pyoxigraph.Quad],
    fmt: pyoxigraph.RdfFormat,
) -> bytes:
    """Write N-Triples or N-Quads, one statement a line, lines in byte order."""
    lines = (pyoxigraph.serialize(statements, format=fmt) or b"").splitlines(keepends=True)
    return b"".join(sorted(lines))


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to path whole or not at all, as govgraph.files does (PublishError otherwise)."""
    files.write_output(path, data, PublishError)


# ---------------------------------------------------------------------------
# Turtle (rdflib)
# ---------------------------------------------------------------------------


def _turtle(triples: list[pyoxigraph.Triple], prefixes: Mapping[str, str]) -> bytes:
    """Turtle with the prefix table; rdflib sorts subjects, predicates and objects."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add((_rdflib(triple.subject), _rdflib(triple.predicate), _rdflib(triple.object)))
    stream = io.BytesIO()
    _turtle_serializer()(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue()


# Blank nodes nest as `[ ]` up to this depth (rdflib's own maxDepth); a deeper one is written
# by its label and gets a statement of its own, so no depth of data reaches the recursion limit.
TURTLE_NESTING = 10
_XSD = "http://www.w3.org/2001/XMLSchema#"
# Turtle's short forms, each read back with exactly its text as the lexical form.
_SHORT_FORMS = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}


@functools.cache
def _turtle_serializer() -> type[Any]:
    """rdflib's Turtle serializer, with blank nodes nested TURTLE_NESTING deep at most."""
    from rdflib.plugins.serializers.turtle import SUBJECT, TurtleSerializer
    from rdflib.term import BNode, Literal

    class Serializer(TurtleSerializer):
        """rdflib's Turtle, blank nodes nested TURTLE_NESTING deep at most (deeper by label)."""

        def reset(self) -> None:
            super().reset()
            self._nesting = 0
            self._deferred: deque[Any] = deque()

        def serialize(
            self,
            stream: IO[bytes],
            base: str | None = None,
            encoding: str | None = None,
            spacious: bool | None = None,
            **kwargs: Any,
        ) -> None:
            # rdflib's loop, but a blank node that is the object of one statement comes after
            # every other subject, so the statement that points at it writes it first.
            self.reset()
            self.stream = stream
            self.base = base if base is not None else self.store.base
            if spacious is not None:
                self._spacious = spacious
            self.preprocess()
            subjects = self.orderSubjects()
            self.startDocument()
            owned = {s for s in subjects if isinstance(s, BNode) and self._references[s] == 1}
            for subject in sorted(subjects, key=owned.__contains__):  # stable: rdflib's order
                self._write_statement(subject)
                while self._deferred:  # the blank nodes too deep to nest in it
                    self._write_statement(self._deferred.popleft())
            self.endDocument()
            stream.write(b"\n")
            self.base = None

        def _write_statement(self, subject: Any) -> None:
            if not self.isDone(subject):
                self.statement(subject)
                self.write("\n")

        def label(self, node: Any, position: int) -> str:
            text = str(super().label(node, position))
            if isinstance(node, Literal) and not text.startswith('"'):
                # rdflib writes 1.5e3 as 1.5e+03 and "1"^^xsd:decimal as 1.0: other terms.
                form = _SHORT_FORMS.get(str(node.datatype))
                if text != str(node) or form is None or not form.fullmatch(text):
                    return str(
                        node._literal_n3(
                            use_plain=False, qname_callback=lambda uri: self.get_pname(uri, False)
                        )
                    )
            return text

        def p_squared(self, node: Any, position: int, newline: bool = False) -> bool:
            if (
                self._nesting >= TURTLE_NESTING
                and isinstance(node, BNode)
                and position != SUBJECT
                and node not in self._serialized
                and self._references[node] <= 1
            ):
                self._deferred.append(node)
                return False  # written by its label here, and later as a subject
            self._nesting += 1
            try:
                return bool(super().p_squared(node, position, newline))
            finally:
                self._nesting -= 1

    return Serializer


def _rdflib(term: Any) -> rdflib.term.Identifier:
    """Turn a pyoxigraph term into the rdflib term with the same value."""
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return rdflib.Literal(term.value)  # rdflib keeps plain and xsd:string apart
        return rdflib.Literal(
            term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False
        )
    raise PublishError(f"cannot export the RDF 1.2 triple term {term}")
