"""Jurisdictions: the identifiers of the profiles (mx-zac, ...) and of the shared levels (mx, int).

A jurisdiction is a concept of the jurisdictions scheme, `juris:<id>`; what a profile states
carries `gg:jurisdiction` of it (docs/model.md). Commands take the identifier, a CURIE or an
IRI, and check it against the jurisdictions the graph knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from govgraph.errors import QueryError
from govgraph.namespaces import PREFIXES, expand

if TYPE_CHECKING:
    from govgraph.store import Backend

NAMESPACE = PREFIXES["juris"]
SCHEME = NAMESPACE + "jurisdicciones"
ENTITIES = "https://w3id.org/govgraph/id/"  # entity IRIs: ENTITIES + <id>/<kind>/<slug>
ALL = "all"  # the value of a jurisdiction parameter that leaves it unbound

# The jurisdictions the graph knows: the concepts of the scheme, and what gg:jurisdiction names.
_KNOWN = f"""
SELECT DISTINCT ?jurisdiction WHERE {{
  {{ ?jurisdiction <{PREFIXES["skos"]}inScheme> <{SCHEME}> }}
  UNION {{ ?x <{PREFIXES["gg"]}jurisdiction> ?jurisdiction }}
}}
"""


def iri(text: str) -> str:
    """The IRI of a jurisdiction given as an identifier (mx-zac), a CURIE or an IRI."""
    given = text.strip()
    if given.startswith("<") and given.endswith(">"):
        return given[1:-1]
    if given.startswith(("http://", "https://")):
        return given
    if ":" in given:
        return expand(given)  # an unknown prefix is a ResolveError naming it
    return NAMESPACE + given


def identifier(value: str) -> str:
    """The short identifier of a jurisdiction IRI (mx-zac), or the IRI when it has none."""
    return value.removeprefix(NAMESPACE)


def of_entity(iri: str) -> str | None:
    """The identifier of the jurisdiction whose profile mints an entity IRI (id/<id>/...), or
    None for a term of the ontology or a vocabulary (the jurisdiction-mismatch check keeps
    gg:jurisdiction and the IRI in agreement)."""
    head, sep, rest = iri.partition(ENTITIES)
    return rest.split("/", 1)[0] if sep and not head and "/" in rest else None


def known(backend: Backend) -> list[str]:
    """The IRIs of every jurisdiction the graph knows, sorted."""
    return sorted(str(row[0]) for row in backend.query(_KNOWN).rows if row[0])


def check(backend: Backend, texts: Sequence[str]) -> list[str]:
    """The IRIs of the jurisdictions given (in order, once each); an unknown one is an error."""
    if not texts:
        return []
    have = known(backend)
    wanted: dict[str, None] = {}
    for text in texts:
        value = iri(text)
        if value not in have:
            names = ", ".join(identifier(k) for k in have) or "none"
            raise QueryError(f"unknown jurisdiction {text!r} (known: {names})")
        wanted[value] = None
    return list(wanted)
