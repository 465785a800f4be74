"""Resolving names, acronyms, CURIEs and IRIs to one entity, and searching, on the real graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph import resolve
from govgraph.errors import ResolveError
from govgraph.namespaces import curie, expand
from govgraph.resolve import Resolver, normalise
from govgraph.store import MemoryBackend, OxigraphBackend

SEZAMI = "https://w3id.org/govgraph/id/mx-zac/body/sezami"
LAW = "https://w3id.org/govgraph/id/mx-zac/law/ley-atencion-migrantes-2018"

UNSAFE = """\
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix gg:      <https://w3id.org/govgraph/ontology#> .
@prefix body:    <https://w3id.org/govgraph/id/mx-zac/body/> .

body:x a org:Organization ;
    skos:prefLabel "<script>alert('x')</script> \\"Comillas\\""@es ;
    skos:altLabel "X\\"Y" .
"""


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(OxigraphBackend.load())


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("SEZAMI", "any", "body:sezami"),
        ("sezami", "any", "body:sezami"),
        ("  SEZAMI ", "agent", "body:sezami"),
        ("COVAM", "any", "council:covam"),
        ("covam", "council", "council:covam"),
        ("CDHEZ", "agent", "body:cdhez"),
        ("Secretaría del Zacatecano Migrante", "any", "body:sezami"),
        ("secretaria del zacatecano migrante", "agent", "body:sezami"),
        ("Zacatecano Migrante", "any", "body:sezami"),
        ("body:sezami", "agent", "body:sezami"),
        (SEZAMI, "any", "body:sezami"),
        (f"<{SEZAMI}>", "agent", "body:sezami"),
        ("Consejo Interinstitucional", "council", "council:consejo-interinstitucional"),
        ("Consejo Interinstitucional", "any", "council:consejo-interinstitucional"),
        (
            "Ley para la Atención de los Zacatecanos Migrantes",
            "law",
            "law:ley-atencion-migrantes-2018",
        ),
        ("2x1", "program", "program:2x1-migrantes"),
        ("alianzas", "dimension", "migof:alianzas"),
        ("migof:alianzas", "dimension", "migof:alianzas"),
        # A label with a colon and spaces is a name, not a CURIE.
        (
            "SEZAMI: invitar a OSC al Consejo Interinstitucional",
            "any",
            "mandate:sezami-ley-atencion-migrantes-art-14",
        ),
    ],
)
def test_resolve(resolver: Resolver, text: str, kind: str, expected: str) -> None:
    assert resolver.resolve(text, kind) == expand(expected)


def test_exact_beats_substring(resolver: Resolver) -> None:
    # "Consejo Interinstitucional" is also part of findings, mandates, seats and a law's
    # labels, but it is the council's altLabel: the exact match wins at any kind.
    council = expand("council:consejo-interinstitucional")
    assert resolver.resolve("consejo interinstitucional") == council


def test_ambiguous_lists_every_candidate(resolver: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve("2x1")
    assert str(error.value) == (
        "“2x1” matches 6 entities: "
        "Autoridades estatales y municipales – diáspora zacatecana (Programa 2x1) "  # noqa: RUF001
        "(collab:autoridades-diaspora-2x1), "
        "Comité de Validación y Atención a Migrantes (council:covam), "
        "Federaciones zacatecanas, COVAM y SEZAMI en el Programa 2x1 para Migrantes "
        "(collab:federaciones-covam-2x1), "
        "Programa 2x1 para Migrantes (program:2x1-migrantes), "
        "Reglas de Operación del Programa 2x1 para Migrantes (2021) "
        "(law:reglas-operacion-2x1-2021), "
        "Vinculación con la diáspora mediante el Programa 2x1 para Migrantes "
        "(finding:3-1-diaspora-2x1)"
    )


def test_ambiguous_lists_ten_and_counts_the_rest(resolver: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve("Secretaría", "agent")
    assert str(error.value) == (
        "“Secretaría” matches 28 agents: "
        "Secretaría de Administración (body:secretaria-administracion), "
        "Secretaría de Desarrollo Social (body:secretaria-desarrollo-social), "
        "Secretaría de Desarrollo Urbano, Vivienda y Ordenamiento Territorial "
        "(body:secretaria-desarrollo-urbano), "
        "Secretaría de Economía (mx-body:secretaria-economia-federal), "
        "Secretaría de Economía del Estado de Zacatecas (body:secretaria-economia), "
        "Secretaría de Educación (body:secretaria-educacion), "
        "Secretaría de Educación Pública (mx-body:sep), "
        "Secretaría de Finanzas (body:secretaria-finanzas), "
        "Secretaría de Gobernación (mx-body:segob), "
        "Secretaría de Hacienda y Crédito Público (mx-body:shcp) and 18 more"
    )


def test_ambiguous_any_kind(resolver: Resolver) -> None:
    with pytest.raises(ResolveError, match=r"^“Secretaría” matches \d+ entities: .* and \d+ more$"):
        resolver.resolve("Secretaría")


def test_ambiguous_in_english(resolver: Resolver) -> None:
    english = Resolver(OxigraphBackend.load(), lang="en")
    with pytest.raises(
        ResolveError,
        match=r"^“2x1” matches 6 entities: 2x1 Program for Migrants \(program:2x1-migrantes\), ",
    ):
        english.resolve("2x1")
    assert english.label(SEZAMI) == "Secretariat of the Zacatecan Migrant"


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("SEZAMY", "any", "no entity matches “SEZAMY”; did you mean: SEZAMI?"),
        ("SEZAMY", "agent", "no agent matches “SEZAMY”; did you mean: SEZAMI?"),
        ("xyzzy", "law", "no law matches “xyzzy”"),
        ("foo:bar", "any", "no entity matches “foo:bar”"),
        ("SEZAMI", "council", "no council matches “SEZAMI”"),
        ("body:nope", "any", "no entity has the IRI body:nope"),
        (
            "body:sezami",
            "council",
            "body:sezami (Secretaría del Zacatecano Migrante) is not a council",
        ),
        ("https://example.org/x", "any", "no entity has the IRI <https://example.org/x>"),
        ("¿?", "any", "no name to look up in “¿?”"),
        (
            "SEZAMI",
            "body",
            "unknown entity kind 'body' (choose from council, agent, law, program, dimension, any)",
        ),
    ],
)
def test_resolve_errors(resolver: Resolver, text: str, kind: str, message: str) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve(text, kind)
    assert str(error.value) == message


def test_normalise() -> None:
    assert (
        normalise("  Secretaría  del Zacatecano—Migrante! ") == "secretaria del zacatecano migrante"
    )
    assert normalise("NIÑAS, Niños") == "ninas ninos"
    assert normalise("2x1_migrantes") == "2x1 migrantes"


def test_kinds(resolver: Resolver) -> None:
    kinds = {curie(e.iri): e.kind for e in resolver.entities}
    assert kinds["council:covam"] == "council"
    assert kinds["body:sezami"] == "agent"
    assert kinds["group:federaciones-zacatecanas"] == "agent"
    assert kinds["law:ley-atencion-migrantes-2018"] == "law"
    assert kinds[curie(LAW + "/art-14")] == "law"
    assert kinds["program:2x1-migrantes"] == "program"
    assert kinds["migof:alianzas"] == "dimension"
    assert kinds["migof:principio-3"] == "other"  # a MiGOF principle, not an MGI dimension
    assert kinds["seat:covam-sezami"] == "other"
    assert sum(k == "dimension" for k in kinds.values()) == 6


def test_search_words_in_any_order(resolver: Resolver) -> None:
    hits = resolver.search("zacatecano migrante")
    iris = [m.iri for m in hits]
    assert iris[0] == SEZAMI  # the only label holding the phrase itself
    assert LAW in iris
    assert hits[0].kind == "agent"
    assert hits[0].label == hits[0].matched == "Secretaría del Zacatecano Migrante"


def test_search_is_accent_and_case_insensitive(resolver: Resolver) -> None:
    plain = resolver.search("secretaria", limit=500)
    assert (
        plain
        == resolver.search("Secretaría", limit=500)
        == resolver.search("SECRETARÍA", limit=500)
    )
    assert SEZAMI in [m.iri for m in plain]
    assert len(plain) > 50
    assert len(resolver.search("secretaria")) == 50


def test_search_ranks_exact_then_prefix_then_rest(resolver: Resolver) -> None:
    hits = resolver.search("covam")
    assert hits[0].iri == expand("council:covam")
    assert hits[0].matched == "COVAM"
    assert hits[0].label == "Comité de Validación y Atención a Migrantes"
    ranked = [normalise(m.matched) for m in hits]
    assert ranked[0] == "covam"
    prefix = [i for i, text in enumerate(ranked) if text.startswith("covam ")]
    inside = [i for i, text in enumerate(ranked) if not text.startswith("covam")]
    assert not prefix or not inside or max(prefix) < min(inside)


def test_search_kinds_and_limit(resolver: Resolver) -> None:
    assert [curie(m.iri) for m in resolver.search("2x1", kinds=["program"])] == [
        "program:2x1-migrantes"
    ]
    assert len(resolver.search("2x1", kinds=["any"])) == 6
    assert len(resolver.search("migrantes", limit=3)) == 3
    assert resolver.search("  ") == []
    with pytest.raises(ResolveError, match="unknown entity kind 'nope'"):
        resolver.search("x", kinds=["nope"])


def test_memory_backend_builds_the_same_index(resolver: Resolver) -> None:
    memory = Resolver(MemoryBackend.load())
    assert memory.entities == resolver.entities
    assert memory.resolve("sezami") == SEZAMI
    assert memory.resolve("Ley para la Atención de los Zacatecanos Migrantes", "law") == LAW


@pytest.mark.parametrize("backend", [OxigraphBackend, MemoryBackend])
def test_unsafe_labels_are_data(tmp_path: Path, backend: type[OxigraphBackend]) -> None:
    (tmp_path / "unsafe.ttl").write_text(UNSAFE, "utf-8")
    unsafe = Resolver(backend.load([tmp_path]))
    x = expand("body:x")
    assert unsafe.resolve("<script>", "agent") == x  # no scheme inside: a name, not an <iri>
    assert unsafe.resolve('X"Y') == x
    assert unsafe.resolve("comillas") == x
    [hit] = unsafe.search("alert('x')")
    assert hit.label == hit.matched == "<script>alert('x')</script> \"Comillas\""


OUTSIDE = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix gg:   <https://w3id.org/govgraph/ontology#> .
@prefix ex:   <https://example.org/kg/id/t/> .

ex:c a gg:Council , org:Organization ; skos:prefLabel "Consejo C"@es ; skos:altLabel "CC" .
ex:b a org:Organization ; skos:prefLabel "Oficina B"@es .
"""


@pytest.mark.parametrize("backend", [OxigraphBackend, MemoryBackend])
def test_index_covers_every_namespace(tmp_path: Path, backend: type[OxigraphBackend]) -> None:
    """A graph given with --data may name its entities anywhere, not only under w3id.org."""
    (tmp_path / "outside.ttl").write_text(OUTSIDE, "utf-8")
    outside = Resolver(backend.load([tmp_path]))
    council = "https://example.org/kg/id/t/c"
    assert outside.resolve(council, "council") == council
    assert outside.resolve("Consejo C", "council") == council
    assert outside.resolve("cc") == council
    assert outside.resolve("c", "council") == council  # the slug
    assert outside.resolve("Oficina", "agent") == "https://example.org/kg/id/t/b"
    assert [m.iri for m in outside.search("consejo c")] == [council]


def test_kind_order_of_search(resolver: Resolver) -> None:
    """Institutions and classes of actors, councils, programs, laws, dimensions; the rest
    (articles too: a law subdivision comes after the laws) last."""
    order = {curie(e.iri): e.order for e in resolver.entities}
    assert order["body:sezami"] == order["group:federaciones-zacatecanas"] == 0
    assert order["council:covam"] == 1
    assert order["program:2x1-migrantes"] == 2
    assert order["law:ley-atencion-migrantes-2018"] == 3
    assert order["migof:alianzas"] == 4
    assert order[curie(LAW + "/art-14")] == order["seat:covam-sezami"] == 5
    assert order["mandate:sezami-ley-atencion-migrantes-art-14"] == 5


KINDS_IN_ORDER = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix eli:  <http://data.europa.eu/eli/ontology#> .
@prefix gg:   <https://w3id.org/govgraph/ontology#> .
@prefix ex:   <https://example.org/> .

ex:a-finding a gg:Finding ; skos:prefLabel "Alianza con la oficina zeta"@es .
ex:article a eli:LegalResourceSubdivision ; skos:prefLabel "Artículo 1 (Ley zeta)"@es .
ex:law a eli:LegalResource ; skos:prefLabel "Ley zeta"@es .
ex:program a gg:Program ; skos:prefLabel "Programa zeta"@es .
ex:council a gg:Council ; skos:prefLabel "Consejo zeta"@es .
ex:office a org:Organization ; skos:prefLabel "Oficina zeta"@es .
ex:zetas a org:Organization ; skos:prefLabel "Zetas unidas"@es .
ex:zeta a gg:Finding ; skos:prefLabel "Hallazgo de zeta"@es .
"""


def test_search_ranks_match_then_kind_then_label(tmp_path: Path) -> None:
    """The slug or a label equal to the text, a label beginning with it, the text as a word,
    the start of a word; within each, institutions, councils, programs, laws, then the rest
    (an article after its law, though "Artículo" sorts before "Ley")."""
    (tmp_path / "kinds.ttl").write_text(KINDS_IN_ORDER, "utf-8")
    found = [
        m.iri.removeprefix("https://example.org/")
        for m in Resolver(OxigraphBackend.load([tmp_path])).search("zeta")
    ]
    assert found == ["zeta", "office", "council", "program", "law", "a-finding", "article", "zetas"]


def test_search_ignores_words_of_one_character(resolver: Resolver) -> None:
    assert resolver.search("a | b") == []
    assert resolver.search("y") != []  # the text itself: one character on its own counts
    words = {m.iri for m in resolver.search("consejo y", limit=500)}
    assert words == {m.iri for m in resolver.search("consejo", limit=500)}


def test_exact_names_resolve_without_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached store keeps a name map: an acronym resolves without reading the index."""

    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path))
    backend = OxigraphBackend.load(cache=True)
    assert Resolver(backend).resolve("COVAM", "council") == expand("council:covam")
    assert backend.folder is not None
    assert (backend.folder / resolve.NAMES_FILE).is_file()

    def no_index(*args: object) -> None:
        raise AssertionError("the index was read")

    monkeypatch.setattr(resolve.index, "saved_index", no_index)
    again = Resolver(OxigraphBackend.load(cache=True))
    assert again.resolve("covam", "council") == expand("council:covam")
    assert again.resolve("SEZAMI", "agent") == expand("body:sezami")


def test_the_name_map_agrees_with_the_index(resolver: Resolver) -> None:
    """For every name of every entity, the shortcut gives what the full search gives."""
    from govgraph.resolve import KINDS

    keys = {key for e in resolver.entities for key in {e.slug, *(n for n, _ in e.labels)}}
    for key in keys - {""}:
        hits = resolver._exact(key)
        assert hits
        for kind in KINDS:
            fast = {iri for iri, kinds in hits if kind in kinds}
            pool = [e for e in resolver.entities if kind in e.kinds]
            full = {e.iri for e in pool if key == e.slug or any(key == n for n, _ in e.labels)}
            assert fast == full, (key, kind)
