"""Synthetic network views that follow docs/network.md, for tests and benchmarks."""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from govgraph.network import edge_attributes, node_attributes

BASE = "https://w3id.org/govgraph/id/synthetic/"
LEVELS = ("internacional", "federal", "estatal", "municipal", None)
SECTORS = ("publico", "autonomo", "sociedad-civil", "academico", "diaspora", "privado")
ROLES = ("Presidencia", "Secretaría Técnica", "Integrante", "Invitado permanente")
VOTES = ("voz-y-voto", "voz-sin-voto", None)
DIMENSIONS = ("alianzas", "gobierno-integral", "derechos-migrantes", "bienestar-socioeconomico")


def councils_view(
    n_nodes: int = 5000, n_councils: int = 150, n_edges: int = 8000, seed: int = 1
) -> nx.MultiGraph[str]:
    """A `councils` view: councils and the bodies and groups sitting on them (deterministic)."""
    rng = random.Random(seed)
    g: nx.MultiGraph[str] = nx.MultiGraph(
        view="councils",
        lang="es",
        title="Consejos sintéticos y sus integrantes",
        filters={},
    )
    councils = [f"{BASE}council/c{i}" for i in range(n_councils)]
    for i, iri in enumerate(councils):
        g.add_node(
            iri,
            label=f"Consejo sintético número {i} de atención a personas migrantes",
            kind="council",
            level=rng.choice(LEVELS[:4]),
            sector=None,
            curie=f"council:c{i}",
            acronym=f"CS{i}" if i % 3 == 0 else None,
            dimensions=[rng.choice(DIMENSIONS)],
        )
    actors = []
    for i in range(n_nodes - n_councils):
        kind = "group" if i % 10 == 0 else "body"
        iri = f"{BASE}{kind}/a{i}"
        actors.append(iri)
        g.add_node(
            iri,
            label=f"{'Grupo' if kind == 'group' else 'Institución'} sintética {i}",
            kind=kind,
            level=rng.choice(LEVELS),
            sector=rng.choice(SECTORS),
            curie=f"{kind}:a{i}",
            acronym=None,
            dimensions=[],
        )
    # Every actor sits on one council; the remaining seats go mostly to a few hubs.
    hubs = actors[: max(1, len(actors) // 50)]
    seat = 0

    def membership(member: str, council: str) -> None:
        nonlocal seat
        vote = rng.choice(VOTES)
        kind = g.nodes[member]["kind"]
        g.add_edge(
            member,
            council,
            relation="membership",
            label=rng.choice(ROLES),
            role=rng.choice(ROLES),
            vote=vote,
            seats=rng.randint(2, 5) if kind == "group" else None,
            date=None,
            title=None,
            councils=[],
            weight=1,
            sources=[f"sec-{rng.randint(1, 6)}-{rng.randint(1, 4)}"],
            via=f"{BASE}membership/m{seat}",
        )
        seat += 1

    for i, actor in enumerate(actors):
        membership(actor, councils[(i * 7 + rng.randrange(3)) % n_councils])
    while g.number_of_edges() < n_edges:
        actor = rng.choice(hubs) if rng.random() < 0.5 else rng.choice(actors)
        membership(actor, rng.choice(councils))
    return g


def mixed_view() -> nx.MultiGraph[str]:
    """A small `all` view with every kind of node and relation (and parallel edges)."""
    g: nx.MultiGraph[str] = nx.MultiGraph(
        view="all",
        lang="es",
        title="Vista mixta de prueba",
        filters={"levels": "estatal; municipal", "dimension": "alianzas"},
    )

    def node(key: str, kind: str, label: str, **extra: Any) -> str:
        iri = BASE + key
        curie = key.replace("/", ":", 1)
        g.add_node(iri, **node_attributes(iri, label=label, kind=kind, curie=curie, **extra))
        return iri

    def edge(u: str, v: str, relation: str, **extra: Any) -> None:
        g.add_edge(u, v, **edge_attributes(relation, **{"sources": ["sec-2-1"], **extra}))

    covam = node(
        "council/covam",
        "council",
        "Comité de Validación y Atención a Migrantes",
        level="estatal",
        acronym="COVAM",
        dimensions=["alianzas"],
    )
    ci = node(
        "council/ci",
        "council",
        "Consejo Interinstitucional de Atención a los Zacatecanos Migrantes",
        level="estatal",
    )
    sezami = node(
        "body/sezami",
        "body",
        "Secretaría del Zacatecano Migrante",
        level="estatal",
        sector="publico",
        acronym="SEZAMI",
    )
    cndh = node(
        "body/cndh",
        "body",
        "Comisión Nacional de los Derechos Humanos",
        level="federal",
        sector="autonomo",
    )
    oim = node(
        "body/oim",
        "body",
        "Organización Internacional para las Migraciones",
        level="internacional",
        sector="internacional",
        acronym="OIM",
    )
    municipio = node(
        "body/municipio-jerez", "body", "Municipio de Jerez", level="municipal", sector="publico"
    )
    orgs = node(
        "group/orgs",
        "group",
        "Organizaciones migrantes zacatecanas radicadas en el exterior",
        level=None,
        sector="diaspora",
    )
    univ = node(
        "group/univ",
        "group",
        "Universidades con estudios de migración",
        level="estatal",
        sector="academico",
    )
    program = node("program/2x1", "program", "Programa 2x1 para Migrantes")
    law = node(
        "law/ley-2018", "law", "Ley para la Atención de los Zacatecanos Migrantes", level="estatal"
    )
    art = node("law/ley-2018/art-14", "article", "Artículo 14")

    edge(
        sezami,
        covam,
        "membership",
        label="Presidencia",
        role="Presidencia",
        vote="voz-y-voto",
        sources=["sec-3-1"],
    )
    edge(
        orgs, covam, "membership", label="Integrante", role="Integrante", vote="voz-y-voto", seats=4
    )
    edge(municipio, covam, "membership", label="Integrante", role="Integrante")
    edge(sezami, ci, "membership", label="Presidencia", role="Presidencia", sources=["fn-36"])
    edge(
        univ,
        ci,
        "membership",
        label="Invitado",
        role="Invitado",
        vote="voz-sin-voto",
        sources=["sec-3-1", "fn-36"],
    )
    edge(cndh, ci, "membership", label="Integrante", role="Integrante", vote="voz-y-voto")
    edge(sezami, oim, "agreement", date="2022-02", title="Convenio SEZAMI - OIM (2022)")
    edge(sezami, oim, "collaboration", title="Colaboración en ferias de empleo")
    edge(program, sezami, "operator")
    edge(program, municipio, "partner")
    edge(ci, art, "establishedBy")
    edge(covam, art, "legalBasis")
    edge(program, art, "hasLegalResource")
    edge(sezami, art, "mandate", title="Atender a la población migrante")
    edge(art, law, "partOf")
    return g
