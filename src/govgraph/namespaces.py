"""The one prefix table of govgraph (the block in docs/model.md) and CURIE helpers."""

from __future__ import annotations

import re
from collections.abc import Collection

from govgraph.errors import ResolveError

PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "cv": "http://data.europa.eu/m8g/",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "sh": "http://www.w3.org/ns/shacl#",
    "gg": "https://w3id.org/govgraph/ontology#",
    "migof": "https://w3id.org/govgraph/vocab/migof/",
    "level": "https://w3id.org/govgraph/vocab/level/",
    "sector": "https://w3id.org/govgraph/vocab/sector/",
    "role": "https://w3id.org/govgraph/vocab/role/",
    "vote": "https://w3id.org/govgraph/vocab/vote/",
    "doctype": "https://w3id.org/govgraph/vocab/doctype/",
    "subdiv": "https://w3id.org/govgraph/vocab/subdivision/",
    "assess": "https://w3id.org/govgraph/vocab/assessment/",
    "juris": "https://w3id.org/govgraph/vocab/jurisdiction/",
    "report": "https://w3id.org/govgraph/id/mx-zac/report/",
    "body": "https://w3id.org/govgraph/id/mx-zac/body/",
    "group": "https://w3id.org/govgraph/id/mx-zac/group/",
    "council": "https://w3id.org/govgraph/id/mx-zac/council/",
    "seat": "https://w3id.org/govgraph/id/mx-zac/membership/",
    "law": "https://w3id.org/govgraph/id/mx-zac/law/",
    "program": "https://w3id.org/govgraph/id/mx-zac/program/",
    "agreement": "https://w3id.org/govgraph/id/mx-zac/agreement/",
    "collab": "https://w3id.org/govgraph/id/mx-zac/collaboration/",
    "mandate": "https://w3id.org/govgraph/id/mx-zac/mandate/",
    "finding": "https://w3id.org/govgraph/id/mx-zac/finding/",
    "funding": "https://w3id.org/govgraph/id/mx-zac/funding/",
}

# The named graphs of a published graph (N-Quads export, `govgraph serve`, `govgraph push`):
# the ontology and vocabularies in one, the Zacatecas data in the other.
ONTOLOGY_GRAPH = "https://w3id.org/govgraph/graph/ontology"
DATA_GRAPH = "https://w3id.org/govgraph/graph/mx-zac"
# Where the JSON-LD context (ontology/context.jsonld) is to be published.
CONTEXT_IRI = "https://w3id.org/govgraph/context.jsonld"

# The local part of a CURIE as people read and type it: PN_LOCAL characters plus "/", so
# an article reads law:ley-x/art-14/frac-vi. For display and input only: Turtle and SPARQL
# files write such IRIs in full (docs/model.md rule 7).
_LOCAL = re.compile(r"^(?:[\w:](?:[\w.:/-]*[\w:/-])?)?$")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def sparql_prefixes(exclude: Collection[str] = ()) -> str:
    """Return the prefix table as SPARQL PREFIX lines, leaving out the prefixes in exclude."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in exclude)


def turtle_prefixes() -> str:
    """Return the prefix table as Turtle @prefix lines, aligned as in docs/model.md."""
    return "".join(f"@prefix {(p + ':').ljust(8)} <{iri}> .\n" for p, iri in PREFIXES.items())


def curie(iri: str) -> str:
    """Shorten an IRI with the longest matching namespace, or return it as <iri>."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def expand(name: str) -> str:
    """Turn a CURIE (or an <iri>) back into a full IRI; an unknown prefix is a ResolveError."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ResolveError(f"unknown prefix '{prefix}:' in {name!r}")
    return PREFIXES[prefix] + local
