"""The table of vocabulary terms (govgraph.namespaces.T) and its use by the generator."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from govgraph.namespaces import PREFIXES, T, curie
from govgraph.synth import writer

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(name for name in vars(T) if not name.startswith("_"))


@pytest.mark.parametrize("name", NAMES)
def test_each_term_is_named_after_its_curie(name: str) -> None:
    """T.prefix_local is prefix:local (a '-' of the local name written '_')."""
    prefix, local = curie(getattr(T, name)).split(":", 1)
    assert prefix in PREFIXES
    assert f"{prefix}_{local.replace('-', '_')}" == name


def test_govgraph_terms_are_in_the_ontology_or_vocabularies() -> None:
    """Every gg:, migof: and assess: term of the table is declared by the bundled files."""
    graph = Graph()
    for path in [
        ROOT / "ontology" / "govgraph.ttl",
        *sorted((ROOT / "ontology" / "vocab").glob("*.ttl")),
    ]:
        graph.parse(path)
    subjects = set(graph.subjects())
    own = [getattr(T, n) for n in NAMES if n.split("_", 1)[0] in ("gg", "migof", "assess")]
    assert own
    assert [iri for iri in own if URIRef(iri) not in subjects] == []


def test_the_generator_writes_the_terms_of_the_table() -> None:
    """The N-Triples terms of govgraph.synth are the table's IRIs in angle brackets."""
    assert f"<{T.rdf_type}>" == writer.A
    assert f"<{T.skos_prefLabel}>" == writer.PREF
    assert f"<{T.org_member}>" == writer.MEMBER
    assert f"<{T.gg_Council}>" == writer.T_COUNCIL
    assert f"<{T.assess_bien_desarrollado}>" == writer.WELL
