"""JSON-LD compacted with the published context (ontology/context.jsonld), sorted."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph

from govgraph import resources
from govgraph.errors import PublishError

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CONTEXT_FILE = "context.jsonld"


def context_file() -> Path:
    """Return the JSON-LD context file (ontology/context.jsonld)."""
    return resources.ontology_dir() / _CONTEXT_FILE


@dataclass(frozen=True)
class _Term:
    """A context term: its name and what values it takes (an IRI, a language map, a datatype)."""

    name: str
    kind: str  # "id", "language", "datatype" or "any"
    datatype: str | None = None

    def takes(self, value: Any) -> bool:
        """Whether the term can carry this value without changing its meaning."""
        if self.kind == "any":
            return True
        if self.kind == "id":
            return isinstance(value, pyoxigraph.NamedNode | pyoxigraph.BlankNode)
        if not isinstance(value, pyoxigraph.Literal):
            return False
        if self.kind == "language":
            return bool(value.language)
        return not value.language and value.datatype.value == self.datatype


class _Context:
    """The part of a JSON-LD context the exporter writes with: prefixes and typed terms."""

    def __init__(self, document: dict[str, Any]) -> None:
        definitions = document.get("@context")
        if not isinstance(definitions, dict):
            raise PublishError(f"{context_file()} has no @context object")
        self.document = document
        self.prefixes: dict[str, str] = {}
        self.terms: dict[str, list[_Term]] = {}
        self.aliases: dict[str, str] = {}
        for name, definition in definitions.items():
            if isinstance(definition, str) and definition.startswith("@"):
                self.aliases[definition] = name
            elif isinstance(definition, str) and definition[-1:] in ("/", "#"):
                self.prefixes[name] = definition
            elif isinstance(definition, dict) and set(definition) <= {"@id", "@type", "@container"}:
                continue  # read below, once every prefix is known
            else:
                raise PublishError(
                    f"{context_file()}: the exporter cannot write with term {name!r}"
                )
        self._by_length = sorted(self.prefixes.items(), key=lambda item: -len(item[1]))
        for name, definition in definitions.items():
            if isinstance(definition, dict):
                self.terms.setdefault(self._expand(definition["@id"]), []).append(
                    self._term(name, definition)
                )

    def _expand(self, value: str) -> str:
        """Expand a CURIE of the context (or return an IRI as it is)."""
        prefix, _, local = value.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else value

    def _term(self, name: str, definition: dict[str, str]) -> _Term:
        """Read one expanded term definition."""
        coerce, container = definition.get("@type"), definition.get("@container")
        if container == "@language" and coerce is None:
            return _Term(name, "language")
        if container is None and coerce == "@id":
            return _Term(name, "id")
        if container is None and coerce is not None and not coerce.startswith("@"):
            return _Term(name, "datatype", self._expand(coerce))
        if container is None and coerce is None:
            return _Term(name, "any")
        raise PublishError(f"{context_file()}: the exporter cannot write with term {name!r}")

    def iri(self, iri: str) -> str:
        """Shorten an IRI to a compact IRI with the longest prefix, else keep it."""
        for prefix, namespace in self._by_length:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    def node_id(self, term: Any) -> str:
        """The @id of a node: a compact IRI, or _:label for a blank node."""
        if isinstance(term, pyoxigraph.BlankNode):
            return f"_:{term.value}"
        return self.iri(term.value)

    def value(self, term: Any, how: _Term | None) -> Any:
        """Write a value for a term that takes it, or in full (how is None)."""
        if how is not None and how.kind in ("id", "datatype"):
            return self.node_id(term) if how.kind == "id" else term.value
        if not isinstance(term, pyoxigraph.Literal):
            return {self.aliases.get("@id", "@id"): self.node_id(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.iri(term.datatype.value)}

    def node(self, subject: Any, statements: list[tuple[str, Any]]) -> dict[str, Any]:
        """One node object: id, type, then every property under its term or compact IRI."""
        node: dict[str, Any] = {self.aliases.get("@id", "@id"): self.node_id(subject)}
        types = [o for p, o in statements if p == RDF_TYPE and isinstance(o, pyoxigraph.NamedNode)]
        if types:
            node[self.aliases.get("@type", "@type")] = _one_or_list(
                [self.iri(t.value) for t in types]
            )
        properties: dict[str, list[Any]] = {}
        languages: dict[str, dict[str, list[str]]] = {}
        for predicate, obj in statements:
            if predicate == RDF_TYPE and isinstance(obj, pyoxigraph.NamedNode):
                continue
            how = next((t for t in self.terms.get(predicate, []) if t.takes(obj)), None)
            if how is not None and how.kind == "language":
                languages.setdefault(how.name, {}).setdefault(obj.language, []).append(obj.value)
                continue
            key = how.name if how is not None else self.iri(predicate)
            properties.setdefault(key, []).append(self.value(obj, how))
        for key, by_language in languages.items():
            languages_map = {lang: _one_or_list(by_language[lang]) for lang in sorted(by_language)}
            properties[key] = [languages_map]
        for key in sorted(properties):
            node[key] = _one_or_list(properties[key])
        return node


def _one_or_list(values: list[Any]) -> Any:
    """One value as itself, several as a list (as JSON-LD compaction writes them)."""
    return values[0] if len(values) == 1 else values


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are unique: a second "role" would silently replace the first."""
    keys = [key for key, _ in pairs]
    if repeated := sorted({key for key in keys if keys.count(key) > 1}):
        raise ValueError(f"key {repeated[0]!r} is defined twice")
    return dict(pairs)


@functools.cache
def _load_context() -> _Context:
    """Read and check the published JSON-LD context."""
    path = context_file()
    try:
        document = json.loads(path.read_text("utf-8"), object_pairs_hook=_no_duplicates)
    except OSError as exc:
        raise PublishError(f"cannot read the JSON-LD context {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise PublishError(f"{path} is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise PublishError(f"{path} has no @context object")
    return _Context(document)


def _jsonld(triples: list[pyoxigraph.Triple], context_url: str | None) -> bytes:
    """A JSON-LD document: the context (or its URL) and one node per subject, sorted."""
    context = _load_context()
    nodes: list[dict[str, Any]] = []
    subject: Any = None
    statements: list[tuple[str, Any]] = []
    for triple in triples:  # sorted by subject: a subject's statements are consecutive
        if triple.subject != subject:
            if statements:
                nodes.append(context.node(subject, statements))
            subject, statements = triple.subject, []
        statements.append((triple.predicate.value, triple.object))
    if statements:
        nodes.append(context.node(subject, statements))
    document = {"@context": context_url or context.document["@context"], "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
