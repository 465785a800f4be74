"""The graph indexed both ways (by subject and by IRI object), and the entities that get pages."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph

from govgraph.errors import PublishError
from govgraph.publish.export import canonical_quads
from govgraph.publish.terms import (
    _SAFE_IRI,
    RDF_TYPE,
    Term,
)


def _key(term: Any) -> str:
    """An IRI as itself, a blank node as _:id (IRIs never start with "_:")."""
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else str(term.value)


def _term_order(term: Any) -> tuple[int, str, str]:
    if isinstance(term, pyoxigraph.NamedNode):
        return (0, term.value, "")
    if isinstance(term, pyoxigraph.BlankNode):
        return (1, term.value, "")
    return (2, term.value, term.language or term.datatype.value)


class _Graph:
    """The union of a dataset's graphs: statements by subject and by (IRI) object, sorted."""

    def __init__(self, dataset: pyoxigraph.Dataset) -> None:
        triples = {quad.triple for quad in canonical_quads(dataset)}
        self.triples = sorted(
            triples,
            key=lambda t: (_term_order(t.subject), t.predicate.value, _term_order(t.object)),
        )
        self.out: dict[str, list[tuple[str, Term]]] = defaultdict(list)
        self.inc: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for triple in self.triples:
            subject, obj = _key(triple.subject), triple.object
            if isinstance(obj, pyoxigraph.Triple):
                raise PublishError(f"cannot publish the RDF 1.2 triple term {obj}")
            self.out[subject].append((triple.predicate.value, obj))
            if isinstance(obj, pyoxigraph.NamedNode):
                self.inc[obj.value].append((triple.predicate.value, subject))

    def values(self, subject: str, predicate: str) -> list[Term]:
        return [o for p, o in self.out.get(subject, ()) if p == predicate]

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [
            o.value for o in self.values(subject, predicate) if isinstance(o, pyoxigraph.NamedNode)
        ]

    def types(self, subject: str) -> list[str]:
        return self.iris(subject, RDF_TYPE)

    def literals(self, subject: str, predicate: str) -> list[pyoxigraph.Literal]:
        return [o for o in self.values(subject, predicate) if isinstance(o, pyoxigraph.Literal)]

    def text(self, subject: str, predicate: str, lang: str) -> pyoxigraph.Literal | None:
        """The literal in lang, else Spanish, else English, else untagged, else the first."""
        found = self.literals(subject, predicate)
        for want in (lang, "es", "en", ""):
            for literal in found:
                if (literal.language or "").lower().split("-")[0] == want:
                    return literal
        return found[0] if found else None

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return [s for p, s in self.inc.get(obj, ()) if p == predicate]

    def first_int(self, subject: str, predicate: str) -> int | None:
        for literal in self.literals(subject, predicate):
            with contextlib.suppress(ValueError):
                return int(literal.value)
        return None


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _sort_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Accents and case ignored, numbers in numeric order ("Artículo 2" before "Artículo 14")."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", plain)
        if part
    )


def _is_web(iri: str) -> bool:
    return bool(_SAFE_IRI.match(iri))


def _prune_context(document: dict[str, Any]) -> dict[str, Any]:
    """Keep only the context entries a small JSON-LD document uses (terms and prefixes)."""
    context = document.get("@context")
    if not isinstance(context, dict):
        return document
    keys: set[str] = set()
    strings: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.add(value)

    walk(document.get("@graph"))
    keep = {key for key in keys if key in context}
    for key in list(keep):
        definition = context[key]
        if isinstance(definition, dict):
            strings.update(v for v in definition.values() if isinstance(v, str))
        elif isinstance(definition, str):
            strings.add(definition)
    keep |= {
        text.split(":", 1)[0]
        for text in strings | keys
        if ":" in text and isinstance(context.get(text.split(":", 1)[0]), str)
    }
    pruned = {key: value for key, value in context.items() if key in keep}
    return {**document, "@context": pruned}


# ---------------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------------


@dataclass
class _Entity:
    iri: str
    doc: str  # the IRI of the page (the IRI without its fragment)
    path: str  # site path of the page, e.g. id/mx-zac/body/sezami.html
    fragment: str | None
    kind: str
