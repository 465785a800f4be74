"""Everything the graph says about one entity, in both directions, with the source of each fact.

``describe()`` returns presentation rows with CURIEs already applied (an IRI outside the
prefix table stays ``<iri>``; a literal is its text; a blank node is ``_:id``), so every caller
prints the same thing. Columns:

- ``direction``: ``out`` (the entity's own triples), ``in`` (a resource that points at the
  entity: a finding's gg:mentions, a program's cv:hasCompetentAuthority, an article's
  eli:is_part_of, anything's dcterms:source), or ``via`` (a relationship node that points at
  the entity: one row per other property of the node).
- ``property``: the property CURIE; for ``via`` rows "<link> → <other>", e.g.
  "org:member → org:organization" or "org:member → org:role".
- ``value``, ``value_label``: the other end and its skos:prefLabel in lang (else in es).
- ``via``: the relationship node (``via`` rows only).
- ``source``: the dcterms:source of the entity (``out``), of the referrer (``in``) or of the
  node (``via``); several are joined with "; ", sorted.

Relationship nodes are org:Membership, gg:Agreement, gg:Collaboration and gg:Mandate: their
other ends (council, role, voting right, seats, parties, legal basis) are what the entity is
linked to. A gg:Finding is shown as one ``in`` row instead (its label says what it found),
because a finding mentions up to a dozen resources and one row per co-mention would bury the
rest. Literals are kept in lang or without a language; a property with no literal in lang
keeps all of its literals. No match yields no rows.
"""

from __future__ import annotations

from govgraph.namespaces import curie
from govgraph.store import IRI, Backend, Result

COLUMNS = ["direction", "property", "value", "value_label", "via", "source"]
RELATIONSHIPS = ("org:Membership", "gg:Agreement", "gg:Collaboration", "gg:Mandate")
_ORDER = {"out": 0, "in": 1, "via": 2}

# ?entity and ?lang are bound by the backend and projected. Each UNION branch binds ?entity
# with its own triple pattern and ?lang is read only by the label OPTIONALs of the outer group,
# so a VALUES block at the start of the WHERE clause (Oxigraph, an endpoint) gives the same
# rows as rdflib's initBindings (docs/queries.md: binding and scope).
DESCRIBE = f"""
SELECT ?entity ?lang ?direction ?link ?property ?value ?literal ?valueLang ?valueLabel
       ?via ?source
WHERE {{
  {{
    ?entity ?property ?value .
    OPTIONAL {{ ?entity dcterms:source ?source }}
    BIND("out" AS ?direction)
  }} UNION {{
    ?value ?property ?entity .
    FILTER(?property IN (rdf:type, dcterms:source)
           || NOT EXISTS {{ VALUES ?node {{ {" ".join(RELATIONSHIPS)} }} ?value a ?node }})
    OPTIONAL {{ ?value dcterms:source ?source }}
    BIND("in" AS ?direction)
  }} UNION {{
    VALUES ?class {{ {" ".join(RELATIONSHIPS)} }}
    ?via ?link ?entity ; a ?class ; ?property ?value .
    FILTER(?link NOT IN (rdf:type, dcterms:source) && ?property NOT IN (rdf:type, dcterms:source))
    FILTER(isIRI(?value) || ?property = gg:seatCount)
    FILTER(?property != ?link || ?value != ?entity)
    OPTIONAL {{ ?via dcterms:source ?source }}
    BIND("via" AS ?direction)
  }}
  OPTIONAL {{ ?value skos:prefLabel ?inLang . FILTER(LANGMATCHES(LANG(?inLang), ?lang)) }}
  OPTIONAL {{ ?value skos:prefLabel ?inEs . FILTER(LANGMATCHES(LANG(?inEs), "es")) }}
  # The BINDs after the OPTIONALs: before them, Virtuoso 7 loses a literal ?value.
  BIND(COALESCE(?inLang, ?inEs) AS ?valueLabel)
  BIND(isLiteral(?value) AS ?literal)
  BIND(IF(isLiteral(?value), LANG(?value), "") AS ?valueLang)
}}
ORDER BY ?direction ?via ?link ?property ?value ?source
"""

Fact = tuple[str, str, str, str | None, str | None]  # direction, property, value, label, via


def _name(value: str, literal: bool) -> str:
    """Return a CURIE for an IRI, the text of a literal, a blank node as it is."""
    return value if literal or value.startswith("_:") else curie(value)


def describe(backend: Backend, iri: str, lang: str = "es") -> Result:
    """Return every out, in and via relationship of one entity, with labels and sources."""
    result = backend.query(DESCRIBE, {"entity": IRI(iri), "lang": lang})
    facts: dict[Fact, set[str]] = {}
    languages: dict[tuple[str, str, str], str | None] = {}  # a literal's language; None: IRI
    for record in result.rows:
        row = dict(zip(result.columns, record, strict=True))
        direction, prop, value = row["direction"], row["property"], row["value"]
        if direction is None or prop is None or value is None:
            continue
        literal = row["literal"] in ("true", "1")  # Virtuoso: isLiteral() is 1 or 0
        name = curie(prop)
        if direction == "via" and row["link"]:
            name = f"{curie(row['link'])} → {name}"
        via = curie(row["via"]) if row["via"] else None
        fact: Fact = (direction, name, _name(value, literal), row["valueLabel"], via)
        sources = facts.setdefault(fact, set())
        if row["source"]:
            sources.add(curie(row["source"]))
        languages[fact[:3]] = (row["valueLang"] or "").lower() if literal else None
    lang = lang.lower()
    said_in_lang = {key[:2] for key, language in languages.items() if language == lang}

    def keep(fact: Fact) -> bool:
        language = languages[fact[:3]]
        return language in (None, "", lang) or fact[:2] not in said_in_lang

    ordered = sorted(
        (fact for fact in facts if keep(fact)),
        key=lambda f: (_ORDER[f[0]], f[4] or "", f[1], f[2], f[3] or ""),
    )
    rows: list[tuple[str | None, ...]] = [
        (*fact, "; ".join(sorted(facts[fact])) or None) for fact in ordered
    ]
    return Result(list(COLUMNS), rows)
