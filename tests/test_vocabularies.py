"""SKOS and PROV-O as their specifications define them, on the bundled graph.

SKOS: the integrity conditions of the SKOS Reference (S9, S13, S14, S27, S46) and the habits of
our schemes (every concept in a scheme, labelled in Spanish and English, top concepts stated
both ways). PROV-O: the domains and ranges of the PROV terms the graph uses, applied by an RDFS
reasoner (owlrl), make nothing both an entity and an activity, which PROV-DM keeps apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from govgraph.load import load_graph

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    """The bundled ontology, vocabularies and data in one rdflib graph."""
    return load_graph()


def _concepts(graph: rdflib.Graph) -> set[rdflib.term.Node]:
    return set(graph.subjects(RDF.type, SKOS.Concept))


def test_concept_schemes_are_not_concepts(graph: rdflib.Graph) -> None:
    """S9: skos:ConceptScheme is disjoint with skos:Concept."""
    both = _concepts(graph) & set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert not both


def test_no_literal_is_two_kinds_of_label_of_one_resource(graph: rdflib.Graph) -> None:
    """S13: pref, alt and hidden labels of one resource are pairwise disjoint."""
    kinds: dict[tuple[rdflib.term.Node, rdflib.term.Node], set[rdflib.term.Node]] = defaultdict(set)
    for prop in LABELS:
        for subject, label in graph.subject_objects(prop):
            kinds[subject, label].add(prop)
    clashes = sorted(f"{s} {o!r}" for (s, o), props in kinds.items() if len(props) > 1)
    assert not clashes


def test_one_preferred_label_per_language(graph: rdflib.Graph) -> None:
    """S14: a resource has no more than one skos:prefLabel per language tag."""
    seen: dict[tuple[rdflib.term.Node, str | None], list[str]] = defaultdict(list)
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        assert isinstance(label, rdflib.Literal)
        seen[subject, label.language].append(str(label))
    doubled = {key: labels for key, labels in seen.items() if len(labels) > 1}
    assert not doubled


def _broader_transitive(graph: rdflib.Graph) -> Iterator[tuple[rdflib.term.Node, ...]]:
    """Every (concept, ancestor) pair of skos:broader (and the inverse of skos:narrower)."""
    parents: dict[rdflib.term.Node, set[rdflib.term.Node]] = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        parents[child].add(parent)
    for parent, child in graph.subject_objects(SKOS.narrower):
        parents[child].add(parent)
    for concept in list(parents):
        stack, seen = list(parents[concept]), set()
        while stack:
            ancestor = stack.pop()
            if ancestor in seen:
                continue
            seen.add(ancestor)
            yield concept, ancestor
            stack.extend(parents.get(ancestor, ()))


def test_related_is_disjoint_with_broader_transitive(graph: rdflib.Graph) -> None:
    """S27: skos:related is disjoint with skos:broaderTransitive (both directions)."""
    related = {(a, b) for a, b in graph.subject_objects(SKOS.related)}
    related |= {(b, a) for a, b in related}
    clashes = [pair for pair in _broader_transitive(graph) if pair in related]
    assert not clashes


def test_no_concept_is_its_own_ancestor(graph: rdflib.Graph) -> None:
    """A broader hierarchy without cycles (SKOS allows them, our schemes are trees)."""
    assert not [c for c, ancestor in _broader_transitive(graph) if c == ancestor]


def test_exact_match_is_disjoint_with_broad_and_related_match(graph: rdflib.Graph) -> None:
    """S46: skos:exactMatch is disjoint with skos:broadMatch and skos:relatedMatch."""
    exact = {(a, b) for a, b in graph.subject_objects(SKOS.exactMatch)}
    other = {
        (a, b) for p in (SKOS.broadMatch, SKOS.relatedMatch) for a, b in graph.subject_objects(p)
    }
    assert not exact & other


def test_every_concept_is_in_a_scheme_and_labelled_in_both_languages(
    graph: rdflib.Graph,
) -> None:
    """Our schemes' habits: skos:inScheme (or topConceptOf) and a prefLabel in es and en."""
    missing = []
    for concept in sorted(_concepts(graph)):
        schemes = set(graph.objects(concept, SKOS.inScheme)) | set(
            graph.objects(concept, SKOS.topConceptOf)
        )
        languages = {
            label.language
            for label in graph.objects(concept, SKOS.prefLabel)
            if isinstance(label, rdflib.Literal)
        }
        if not schemes or not {"es", "en"} <= languages:
            missing.append(str(concept))
    assert not missing


def test_top_concepts_are_stated_both_ways(graph: rdflib.Graph) -> None:
    """skos:hasTopConcept and skos:topConceptOf are inverses: each is stated with the other."""
    down = set(graph.subject_objects(SKOS.hasTopConcept))
    up = {(scheme, concept) for concept, scheme in graph.subject_objects(SKOS.topConceptOf)}
    assert down, "the schemes state no top concepts"
    assert down == up


# The domains and ranges PROV-O declares for the PROV properties the graph uses.
PROV_AXIOMS = """
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
prov:wasAttributedTo rdfs:domain prov:Entity ; rdfs:range prov:Agent .
prov:wasAssociatedWith rdfs:domain prov:Activity ; rdfs:range prov:Agent .
prov:wasDerivedFrom rdfs:domain prov:Entity ; rdfs:range prov:Entity .
prov:wasGeneratedBy rdfs:domain prov:Entity ; rdfs:range prov:Activity .
prov:used rdfs:domain prov:Activity ; rdfs:range prov:Entity .
prov:value rdfs:domain prov:Entity .
"""


def test_prov_under_rdfs_keeps_entities_and_activities_apart(graph: rdflib.Graph) -> None:
    """With PROV-O's domains and ranges, RDFS makes nothing both a prov:Entity and an Activity."""
    import owlrl

    closed = rdflib.Graph()
    for triple in graph:
        closed.add(triple)
    closed.parse(data=PROV_AXIOMS, format="turtle")
    used = {p for p in closed.predicates() if str(p).startswith(str(PROV))}
    assert used, "the graph uses no PROV property"
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(closed)
    entities = set(closed.subjects(RDF.type, PROV.Entity))
    activities = set(closed.subjects(RDF.type, PROV.Activity))
    assert entities, "no PROV entity in the graph"
    assert not sorted(str(x) for x in entities & activities)
    # a class of ours is placed in PROV by a subclass axiom, so its members are PROV things
    placed = {c for c in closed.subjects(RDFS.subClassOf, PROV.Entity) if c != PROV.Entity}
    assert placed
