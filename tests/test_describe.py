"""describe(): an entity's own facts, what points at it and what links to it through nodes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from govgraph.describe import COLUMNS, describe
from govgraph.errors import QueryError
from govgraph.namespaces import expand
from govgraph.store import IRI, Backend, MemoryBackend, OxigraphBackend, Result, Term

SEZAMI = expand("body:sezami")
COVAM = expand("council:covam")

UNSAFE = """\
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix gg:      <https://w3id.org/govgraph/ontology#> .
@prefix body:    <https://w3id.org/govgraph/id/mx-zac/body/> .
@prefix council: <https://w3id.org/govgraph/id/mx-zac/council/> .
@prefix seat:    <https://w3id.org/govgraph/id/mx-zac/membership/> .
@prefix report:  <https://w3id.org/govgraph/id/mx-zac/report/> .

body:x a org:Organization ;
    skos:prefLabel "<script>alert('x')</script> \\"Comillas\\""@es ;
    dcterms:description "a } b \\" ?s ?p ?o { c"@es .
council:c a gg:Council ; skos:prefLabel "Consejo <b>\\"C\\"</b>"@es .
seat:c-x a org:Membership ; org:organization council:c ; org:member body:x ;
    dcterms:source report:fn-1 .
"""


class ValuesBackend:
    """Bind like a remote endpoint: a VALUES block at the start of the outer WHERE group."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Result:
        names = " ".join(f"?{n}" for n in bindings or {})
        terms = " ".join(
            f"<{v}>" if isinstance(v, IRI) else f'"{v}"' for v in (bindings or {}).values()
        )
        block = f"VALUES ({names}) {{ ({terms}) }}" if bindings else ""
        return self.inner.query(re.sub(r"\bWHERE\s*\{", "WHERE {" + block, sparql, count=1))

    def triple_count(self) -> int:
        return self.inner.triple_count()


@pytest.fixture(scope="module")
def oxigraph() -> OxigraphBackend:
    return OxigraphBackend.load()


@pytest.fixture(scope="module")
def memory() -> MemoryBackend:
    return MemoryBackend.load()


@pytest.fixture(scope="module")
def sezami(oxigraph: OxigraphBackend) -> list[tuple[str | None, ...]]:
    result = describe(oxigraph, SEZAMI)
    assert result.columns == COLUMNS
    return result.rows


def test_own_facts(sezami: list[tuple[str | None, ...]]) -> None:
    # the body's own dcterms:source: the sections that state its parent (Art. 25, footnote 27)
    # and its remit as the migrant-specific institution (the summary)
    source = "report:fn-27; report:sec-estructura; report:sec-resumen"
    assert ("out", "skos:altLabel", "SEZAMI", None, None, source) in sezami
    assert (
        "out",
        "org:subOrganizationOf",
        "body:gobierno-zacatecas",
        "Gobierno del Estado de Zacatecas",
        None,
        source,
    ) in sezami
    quotes = {r[2] for r in sezami if r[1] == "gg:evidence"}
    assert "Secretaría de las Mujeres y Secretaría del Zacatecano Migrante" in quotes
    labels = [r[2] for r in sezami if r[1] == "skos:prefLabel"]
    assert labels == ["Secretaría del Zacatecano Migrante"]  # only the label in lang


def test_memberships_with_roles(sezami: list[tuple[str | None, ...]]) -> None:
    council = "council:consejo-interinstitucional"
    label = "Consejo Interinstitucional de Atención a los Zacatecanos Migrantes"
    seat = "seat:consejo-interinstitucional-sezami"
    assert ("via", "org:member → org:organization", council, label, seat, "report:fn-36") in sezami
    assert (
        "via",
        "org:member → org:role",
        "role:presidencia",
        "Presidencia",
        seat,
        "report:fn-36",
    ) in sezami
    covam = "Comité de Validación y Atención a Migrantes"
    for row in [
        ("via", "org:member → org:organization", "council:covam", covam, "seat:covam-sezami"),
        ("via", "org:member → org:role", "role:presidencia", "Presidencia", "seat:covam-sezami"),
    ]:
        assert (*row, "report:sec-3-1") in sezami
    roles = {r[4]: r[2] for r in sezami if r[1] == "org:member → org:role"}
    assert roles == {
        "seat:comision-nna-migrantes-sezami": "role:integrante",
        "seat:consejo-interinstitucional-sezami": "role:presidencia",
        "seat:covam-sezami": "role:presidencia",
    }


def test_programs_it_operates(sezami: list[tuple[str | None, ...]]) -> None:
    operated = {r[2]: r[5] for r in sezami if r[:2] == ("in", "cv:hasCompetentAuthority")}
    assert operated == {
        "program:2x1-migrantes": "report:fn-37; report:sec-2-1; report:sec-3-1; report:sec-resumen",
        "program:asesoria-juridica-sezami": "report:sec-1-1; report:sec-1-2; report:sec-resumen",
        "program:repatriados-trabajando": "report:sec-4-1; report:sec-6-1; report:sec-resumen",
    }


def test_agreements_and_collaborations(sezami: list[tuple[str | None, ...]]) -> None:
    parties = {r[4]: r[2] for r in sezami if r[1] == "gg:party → gg:party"}
    assert parties == {
        "agreement:ime-sezami-2023": "mx-body:ime",
        "agreement:sezami-conocer": "mx-body:conocer",
        "agreement:sezami-finabien-2022": "mx-body:finabien",
    }
    assert (
        "via",
        "gg:participant → gg:program",
        "mx-program:heroes-paisanos",
        "Programa Héroes Paisanos",
        "collab:inm-sezami-heroes-paisanos",
        "report:sec-1-1",
    ) in sezami


def test_findings_that_mention_it(sezami: list[tuple[str | None, ...]]) -> None:
    assert (
        "in",
        "gg:mentions",
        "finding:2-1-sezami-autoridad-migratoria",
        "SEZAMI como autoridad responsable de la política estatal de migración",
        None,
        "report:sec-2-1",
    ) in sezami
    assert sum(r[1] == "gg:mentions" for r in sezami) >= 15
    assert not any(r[1].startswith("gg:mentions →") for r in sezami if r[1])


def test_rows_are_ordered(sezami: list[tuple[str | None, ...]]) -> None:
    directions = [r[0] for r in sezami]
    assert directions == sorted(directions, key=["out", "in", "via"].index)
    vias = [r[4] for r in sezami if r[0] == "via"]
    assert vias == sorted(vias)  # a node's rows stay together


def test_council_members(oxigraph: OxigraphBackend) -> None:
    rows = describe(oxigraph, COVAM).rows
    members = {r[2] for r in rows if r[1] == "org:organization → org:member"}
    assert members == {
        "body:sezami",
        "body:secretaria-finanzas",
        "body:secretaria-funcion-publica",
        "body:coordinacion-estatal-planeacion",
        "body:secretaria-obras-publicas",
        "group:organizaciones-migrantes-covam",
        "group:municipios-covam",
    }
    seat = "seat:covam-organizaciones-migrantes"
    assert ("via", "org:organization → gg:seatCount", "4", None, seat, "report:sec-2-1") in rows
    assert (
        "via",
        "org:organization → gg:votingRight",
        "vote:voz-y-voto",
        "Voz y voto",
        seat,
        "report:sec-2-1",
    ) in rows
    sources = "report:fn-37; report:sec-2-1; report:sec-3-1; report:sec-fuentes"
    assert ("out", "skos:altLabel", "COVAM", None, None, sources) in rows


def test_english(oxigraph: OxigraphBackend) -> None:
    rows = describe(oxigraph, COVAM, lang="en").rows
    assert [r[2] for r in rows if r[1] == "skos:prefLabel"] == [
        "Migrant Validation and Assistance Committee"
    ]
    member = next(r for r in rows if r[4] == "seat:covam-sezami" and r[1].endswith("org:member"))
    assert member[3] == "Secretariat of the Zacatecan Migrant"
    # No description in English: the Spanish one is kept rather than nothing.
    assert [r[2][:16] for r in rows if r[1] == "dcterms:description"] == ["Órgano colegiado"]


def test_nothing_known(oxigraph: OxigraphBackend) -> None:
    assert describe(oxigraph, "https://example.org/nothing").rows == []


def test_iri_is_bound_not_spliced(oxigraph: OxigraphBackend) -> None:
    with pytest.raises(QueryError, match=r"^invalid IRI to bind"):
        describe(oxigraph, SEZAMI + "> } ?s ?p ?o { <x")


@pytest.mark.parametrize("iri", [SEZAMI, COVAM, expand("report:fn-36")])
def test_every_binding_gives_the_same_rows(
    oxigraph: OxigraphBackend, memory: MemoryBackend, iri: str
) -> None:
    expected = describe(oxigraph, iri, "en")
    assert expected.rows
    assert describe(memory, iri, "en") == expected
    assert describe(ValuesBackend(oxigraph), iri, "en") == expected


@pytest.mark.parametrize("backend", [OxigraphBackend, MemoryBackend])
def test_unsafe_labels_are_data(tmp_path: Path, backend: type[OxigraphBackend]) -> None:
    (tmp_path / "unsafe.ttl").write_text(UNSAFE, "utf-8")
    graph = backend.load([tmp_path])
    rows = describe(graph, expand("council:c")).rows
    assert (
        "via",
        "org:organization → org:member",
        "body:x",
        "<script>alert('x')</script> \"Comillas\"",
        "seat:c-x",
        "report:fn-1",
    ) in rows
    own = describe(graph, expand("body:x")).rows
    assert ("out", "dcterms:description", 'a } b " ?s ?p ?o { c', None, None, None) in own
    assert (
        "out",
        "skos:prefLabel",
        "<script>alert('x')</script> \"Comillas\"",
        None,
        None,
        None,
    ) in own
