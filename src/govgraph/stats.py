"""Counts of what the graph holds: classes, MGI dimensions, triples."""

from __future__ import annotations

from govgraph.errors import QueryError
from govgraph.namespaces import LANGS, curie
from govgraph.store import Backend

CLASSES = [
    "org:Organization",
    "cv:PublicOrganisation",
    "gg:ActorGroup",
    "gg:Council",
    "org:Membership",
    "eli:LegalResource",
    "eli:LegalResourceSubdivision",
    "gg:Program",
    "gg:Agreement",
    "gg:Collaboration",
    "gg:Mandate",
    "gg:Finding",
    "gg:ReportSection",
    "skos:Concept",
]

# Instances of each class, subclasses included (the ontology states the hierarchy). The
# VALUES list is built from the constant CURIEs above, never from user input. Classes with
# no instances are filled in Python: rdflib drops unmatched rows of OPTIONAL after VALUES.
CLASS_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?instance) AS ?count) WHERE {{
  VALUES ?class {{ {" ".join(CLASSES)} }}
  ?instance rdf:type/rdfs:subClassOf* ?class .
}}
GROUP BY ?class
ORDER BY ?class
"""

# The six MGI dimensions, each with the number of resources about it, labelled in ?lang
# (bound, so projected and grouped), else in Spanish, else by IRI. ?notation is projected
# because rdflib ignores ORDER BY on a grouped variable it does not project.
DIMENSIONS = """
SELECT ?dimension ?label ?notation (COUNT(DISTINCT ?resource) AS ?count) ?lang WHERE {
  ?dimension skos:inScheme <https://w3id.org/govgraph/vocab/migof/dimensiones> .
  OPTIONAL { ?dimension skos:prefLabel ?wanted . FILTER(LANGMATCHES(LANG(?wanted), ?lang)) }
  OPTIONAL { ?dimension skos:prefLabel ?spanish . FILTER(LANGMATCHES(LANG(?spanish), "es")) }
  BIND(COALESCE(?wanted, ?spanish, STR(?dimension)) AS ?label)
  OPTIONAL { ?dimension skos:notation ?notation }
  OPTIONAL { ?resource dcterms:subject ?dimension }
}
GROUP BY ?dimension ?label ?notation ?lang
ORDER BY ?notation ?dimension
"""

FINDINGS = """
SELECT ?dimension ?assessment (COUNT(DISTINCT ?finding) AS ?count) WHERE {
  ?finding a gg:Finding ; dcterms:subject ?dimension ; gg:assessment ?assessment .
}
GROUP BY ?dimension ?assessment
ORDER BY ?dimension ?assessment
"""

ASSESSMENTS = {
    "https://w3id.org/govgraph/vocab/assessment/bien-desarrollado": {
        "es": "bien desarrollado",
        "en": "well developed",
    },
    "https://w3id.org/govgraph/vocab/assessment/potencial-desarrollo": {
        "es": "potencial de desarrollo",
        "en": "potential for development",
    },
}

StatsRow = tuple[str, str, int]
COLUMNS = ["section", "item", "count"]


def _count(value: str | None) -> int:
    """Read a COUNT value."""
    return int(value or 0)


def stats(backend: Backend, lang: str = "es") -> list[StatsRow]:
    """Return (section, item, count) rows: classes, dimensions (findings, total), triples.

    Dimensions and assessments are named in lang (es or en); the rest are identifiers.
    """
    if lang not in LANGS:
        raise QueryError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    counts = {curie(c or ""): _count(n) for c, n in backend.query(CLASS_COUNTS).rows}
    rows: list[StatsRow] = [("class", c, counts.get(c, 0)) for c in CLASSES]
    findings = {(d, a): _count(n) for d, a, n in backend.query(FINDINGS).rows}
    for dimension, label, _notation, total, _lang in backend.query(DIMENSIONS, {"lang": lang}).rows:
        section = f"dimension: {label}"
        for assessment, names in ASSESSMENTS.items():
            rows.append((section, names[lang], findings.get((dimension, assessment), 0)))
        rows.append((section, "total", _count(total)))
    rows.append(("graph", "triples", backend.triple_count()))
    return rows
