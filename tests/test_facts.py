"""The real Zacatecas graph, checked against what the report says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govgraph import resources
from govgraph.namespaces import curie, expand
from govgraph.store import IRI, OxigraphBackend

REPORT = Path(__file__).resolve().parents[1] / "data/source/igm-local-zacatecas.txt"
ID = "https://w3id.org/govgraph/id/mx-zac/"


@pytest.fixture(scope="module")
def kg() -> OxigraphBackend:
    """The bundled ontology, vocabularies and Zacatecas data in one store."""
    return OxigraphBackend.load()


def select(kg: OxigraphBackend, sparql: str, **bindings: str) -> list[tuple[str | None, ...]]:
    """Rows of a query with CURIEs in place of IRIs, for readable assertions."""
    params = {k: IRI(v) for k, v in bindings.items()}
    rows = kg.query(sparql, params).rows
    return [tuple(curie(v) if v and v.startswith("http") else v for v in row) for row in rows]


def seats(kg: OxigraphBackend, council: str) -> dict[str, tuple[str | None, ...]]:
    """Member → (role, vote, seat count, legal basis) for one council."""
    rows = select(
        kg,
        """SELECT ?member ?role ?vote ?n ?basis ?council WHERE {
             ?m org:organization ?council ; org:member ?member ; org:role ?role .
             OPTIONAL { ?m gg:votingRight ?vote } OPTIONAL { ?m gg:seatCount ?n }
             OPTIONAL { ?m gg:legalBasis ?basis } }""",
        council=ID + "council/" + council,
    )
    return {row[0]: row[1:-1] for row in rows}  # type: ignore[misc]


def test_counts(kg: OxigraphBackend) -> None:
    """Counts per class: what the report holds, give or take nothing."""
    rows = select(
        kg,
        """SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
             VALUES ?type { org:Organization gg:ActorGroup gg:Council org:Membership
                            eli:LegalResource eli:LegalResourceSubdivision gg:Program
                            gg:Agreement gg:Collaboration gg:Mandate gg:Finding gg:ReportSection }
             ?s a ?type } GROUP BY ?type""",
    )
    counts = {t: int(n) for t, n in rows}  # type: ignore[arg-type]
    assert counts["gg:Council"] == 11  # with the Sistema Nacional de Búsqueda de Personas
    assert counts["org:Membership"] == 56  # no seat read from a body's name (SIPINNA)
    assert counts["eli:LegalResourceSubdivision"] == 52
    assert counts["gg:Agreement"] == 6
    assert counts["gg:Finding"] == 59
    assert counts["org:Organization"] >= 90  # every body the report names
    assert counts["eli:LegalResource"] >= 59
    assert counts["gg:Program"] >= 27


def test_consejo_interinstitucional_is_footnote_36(kg: OxigraphBackend) -> None:
    """Footnote 36 in full, SEZAMI presiding, universities with voice but no vote."""
    art14 = "law:ley-atencion-migrantes-2018/art-14/frac-vi"
    assert seats(kg, "consejo-interinstitucional") == {
        "body:sezami": ("role:presidencia", None, None, None),
        "body:coordinacion-estatal-planeacion": ("role:secretaria-ejecutiva", None, None, None),
        "body:secretaria-salud": ("role:vocal", None, None, None),
        "body:secretaria-educacion": ("role:vocal", None, None, None),
        "body:secretaria-desarrollo-social": ("role:vocal", None, None, None),
        "body:secretaria-economia": ("role:vocal", None, None, None),
        "body:legislatura-comision-atencion-migrantes": ("role:integrante", None, None, None),
        "body:cdhez": ("role:integrante", None, None, None),
        "group:presidencias-municipales-consejo-interinstitucional": (
            "role:integrante",
            None,
            "3",
            None,
        ),
        "group:universidades-estudios-migracion": (
            "role:invitado",
            "vote:voz-sin-voto",
            None,
            art14,
        ),
        "group:osc-migracion-ddhh": (
            "role:invitado",
            None,
            None,
            "law:ley-atencion-migrantes-2018/art-14",
        ),
    }


def test_covam(kg: OxigraphBackend) -> None:
    """COVAM: SEZAMI presides; four diaspora organisations vote; four municipalities."""
    covam = seats(kg, "covam")
    assert covam["body:sezami"][0] == "role:presidencia"
    assert covam["group:organizaciones-migrantes-covam"][:3] == (
        "role:integrante",
        "vote:voz-y-voto",
        "4",
    )
    assert covam["group:municipios-covam"][2] == "4"
    assert {
        "body:secretaria-finanzas",
        "body:secretaria-funcion-publica",
        "body:coordinacion-estatal-planeacion",
        "body:secretaria-obras-publicas",
    } < set(covam)
    assert len(covam) == 7


def test_presidents(kg: OxigraphBackend) -> None:
    """Who presides what."""
    rows = select(
        kg,
        "SELECT ?c ?b WHERE { ?m org:organization ?c ; org:member ?b ; "
        "org:role role:presidencia } ORDER BY ?c",
    )
    assert rows == [
        ("council:consejo-estatal-proteccion-civil", "body:gobierno-zacatecas"),
        ("council:consejo-estatal-trata", "body:gobierno-zacatecas"),
        ("council:consejo-interinstitucional", "body:sezami"),
        ("council:covam", "body:sezami"),
        ("council:sistema-estatal-atencion-victimas", "body:gobierno-zacatecas"),
    ]


def test_members_per_council(kg: OxigraphBackend) -> None:
    """Members per council (footnotes 34, 36, 47, 54 and the text)."""
    rows = select(
        kg,
        "SELECT ?c (COUNT(?m) AS ?n) WHERE { ?c a gg:Council . "
        "OPTIONAL { ?m org:organization ?c } } GROUP BY ?c",
    )
    assert {c: int(n) for c, n in rows} == {  # type: ignore[arg-type]
        "council:consejo-interinstitucional": 11,
        "council:covam": 7,
        "council:comision-nna-migrantes": 6,
        "council:sipinna": 0,  # composition unstated
        "mx-council:ccpm": 4,
        "council:consejo-estatal-proteccion-civil": 6,
        "council:sistema-estatal-proteccion-civil": 0,
        "council:comite-estatal-emergencias": 1,
        "council:sistema-estatal-atencion-victimas": 4,
        "council:consejo-estatal-trata": 17,
        "mx-council:sistema-nacional-busqueda": 0,  # composition unstated
    }


def test_council_facts(kg: OxigraphBackend) -> None:
    """Sessions, installation, legal basis and declared size as the report gives them."""
    rows = select(
        kg,
        """SELECT ?c ?sessions ?installed ?created ?declared WHERE { ?c a gg:Council .
        OPTIONAL { ?c gg:minSessionsPerYear ?sessions } OPTIONAL { ?c gg:installedOn ?installed }
        OPTIONAL { ?c dcterms:created ?created }
        OPTIONAL { ?c gg:declaredMemberCount ?declared } }""",
    )
    facts = {row[0]: row[1:] for row in rows}
    assert facts["council:consejo-interinstitucional"] == ("4", "2022-10", None, None)
    assert facts["council:covam"][0] == "2"
    assert facts["mx-council:ccpm"][0] == "3"
    assert facts["council:comision-nna-migrantes"] == (None, None, "2022", "18")
    assert select(
        kg, "SELECT ?l WHERE { council:consejo-interinstitucional gg:establishedBy ?l }"
    ) == [("law:ley-atencion-migrantes-2018",)]


def test_articles_per_law(kg: OxigraphBackend) -> None:
    """The articles and fractions the report cites, per law."""
    rows = select(
        kg,
        "SELECT ?law ?sub WHERE { ?sub eli:is_part_of+ ?law . "
        "FILTER NOT EXISTS { ?law a eli:LegalResourceSubdivision } }",
    )
    per_law: dict[str, set[str]] = {}
    for law, sub in rows:
        per_law.setdefault(law, set()).add(sub.rsplit(law.split(":")[1], 1)[1].strip(">"))  # type: ignore[union-attr]
    assert per_law["law:ley-atencion-migrantes-2018"] == {
        "/art-1",
        "/art-14",
        "/art-14/frac-vi",
        "/art-16",
        "/art-17",
        "/art-18",
        "/art-19",
    }
    assert per_law["law:ley-organica-administracion-publica-zacatecas"] == {
        "/art-25",
        "/art-41",
        "/art-41/frac-xiv",
        "/art-47",
        "/art-48",
    }
    assert per_law["law:ley-proteccion-civil-zacatecas-2018"] == {
        "/art-3",
        "/art-12",
        "/art-13",
        "/art-14",
        "/art-22",
        "/art-40",
        "/art-41",
    }
    assert per_law["mx-law:ley-general-salud-1984"] == {
        "/art-13",
        "/art-13/apt-b",
        "/art-13/apt-b/frac-i",
    }
    assert per_law["mx-law:cpeum-1917"] == {
        "/art-3",
        "/art-73",
        "/art-73/sec-xvi",
        "/art-73/sec-xxix-e",
        "/art-73/sec-xxix-p",
        "/art-117",
    }


def test_contradictory_years_are_kept(kg: OxigraphBackend) -> None:
    """The report cites the state public-administration law as 2012, 2016 and 2017."""
    rows = select(
        kg,
        "SELECT ?y WHERE { law:ley-organica-administracion-publica-zacatecas gg:year ?y } "
        "ORDER BY ?y",
    )
    assert rows == [("2012",), ("2016",), ("2017",)]


def test_program_operators(kg: OxigraphBackend) -> None:
    """Who runs each flagship program, and when it started."""
    rows = select(kg, "SELECT ?p ?op WHERE { ?p cv:hasCompetentAuthority ?op }")
    operators: dict[str, set[str]] = {}
    for p, op in rows:
        operators.setdefault(p, set()).add(op)  # type: ignore[arg-type]
    assert operators["program:2x1-migrantes"] == {"body:sezami"}
    assert operators["mx-program:heroes-paisanos"] == {"mx-body:inm"}
    assert operators["program:repatriados-trabajando"] == {"body:sezami"}
    assert operators["program:fondo-plata"] == {"body:secretaria-economia"}
    assert operators["mx-program:movilidad-laboral-jornaleros"] == {"mx-body:stps"}
    assert select(kg, "SELECT ?y WHERE { program:repatriados-trabajando dcterms:created ?y }") == [
        ("2023",)
    ]
    # CPSV-AP relates services with cv:relatedService; gg:partOfProgram (a subproperty) says
    # which one is the part
    for relation in ("gg:partOfProgram", "cv:relatedService"):
        query = f"SELECT ?p WHERE {{ program:padrino-migrante {relation} ?p }}"
        assert select(kg, query) == [("program:fondo-plata",)]


def test_agreements(kg: OxigraphBackend) -> None:
    """Agreements with their parties and dates."""
    rows = select(
        kg,
        "SELECT ?a ?date (GROUP_CONCAT(STRAFTER(STR(?p), '/body/'); separator=' ') AS ?parties) "
        "WHERE { "
        "?a a gg:Agreement ; gg:party ?p . OPTIONAL { ?a dcterms:date ?date } } "
        "GROUP BY ?a ?date",
    )
    by_parties = {frozenset(str(parties).split()): date for _, date, parties in rows}
    assert len(rows) == 6
    assert by_parties[frozenset({"sezami", "finabien"})] == "2022-02"
    assert by_parties[frozenset({"gobierno-zacatecas", "uaz"})] == "2021"
    assert by_parties[frozenset({"ime", "sezami"})] == "2023"


def test_casa_del_migrante_collaborations(kg: OxigraphBackend) -> None:
    """Who works with the Casa del Migrante Sembrando Esperanza (section 3.1)."""
    rows = select(
        kg,
        "SELECT DISTINCT ?other WHERE { ?c a gg:Collaboration ; "
        "gg:participant body:casa-migrante-sembrando-esperanza , ?other . "
        "FILTER(?other != body:casa-migrante-sembrando-esperanza) }",
    )
    assert {"body:secretaria-salud", "mx-body:inm", "body:dif-zacatecas", "body:cdhez"} <= {
        r[0] for r in rows
    }


def test_findings_cover_every_section(kg: OxigraphBackend) -> None:
    """Every x.1 and x.2 section has findings of its own assessment and dimension."""
    rows = select(
        kg,
        "SELECT ?section (COUNT(?f) AS ?n) WHERE { ?f a gg:Finding ; "
        "dcterms:source ?section } GROUP BY ?section",
    )
    per_section = {s: int(n) for s, n in rows}  # type: ignore[arg-type]
    for chapter in range(1, 7):
        for part in (1, 2):
            assert per_section.get(f"report:sec-{chapter}-{part}", 0) >= 3, (chapter, part)


def test_every_relationship_has_source_and_verbatim_evidence(kg: OxigraphBackend) -> None:
    """Each relationship node is traceable: a section and a quote found in the report."""
    report = re.sub(r"\s+", " ", REPORT.read_text(encoding="utf-8"))
    rows = kg.query("""SELECT ?s ?section ?quote WHERE {
        VALUES ?t { org:Membership gg:Agreement gg:Collaboration gg:Mandate gg:Finding }
        ?s a ?t .
        OPTIONAL { ?s dcterms:source ?section } OPTIONAL { ?s gg:evidence ?quote } }""").rows
    assert len(rows) > 150
    for s, section, quote in rows:
        assert section, s
        assert section.startswith(ID + "report/"), s
        assert quote, s
        assert re.sub(r"\s+", " ", quote).strip() in report, (s, quote)


def test_labels_are_bilingual(kg: OxigraphBackend) -> None:
    """Every named entity carries a Spanish and an English preferred label."""
    rows = kg.query("""SELECT ?s WHERE {
        VALUES ?t { org:Organization gg:ActorGroup gg:Council eli:LegalResource
                    eli:LegalResourceSubdivision gg:Program gg:Agreement gg:Finding skos:Concept }
        ?s a ?t .
        FILTER NOT EXISTS { ?s skos:prefLabel ?en . FILTER(LANG(?en) = "en") } }""").rows
    assert rows == []


def test_bundled_sources_are_the_repository_files() -> None:
    """The default sources are the ontology, the vocabularies and data/ttl."""
    sources = resources.default_sources()
    assert {"govgraph.ttl", "vocab"} <= {p.name for p in sources}
    assert sources[-1] == resources.data_dir()
    root = resources.data_dir()
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*.ttl")) == [
        # the international level: organisations, instruments, the OIM's strategy
        "int/institutions.ttl",
        "int/laws.ttl",
        "int/programs.ttl",
        # the Zacatecas profile ("mx-zac/" sorts before "mx/")
        "mx-zac/agreements.ttl",
        "mx-zac/collaborations.ttl",
        "mx-zac/councils.ttl",
        "mx-zac/findings.ttl",
        "mx-zac/institutions.ttl",
        "mx-zac/laws.ttl",
        "mx-zac/mandates.ttl",
        "mx-zac/moved.ttl",  # the former IRIs of the shared entities (owl:sameAs)
        "mx-zac/programs.ttl",
        "mx-zac/report.ttl",
        "mx-zac/statistics.ttl",  # the observations
        # Mexico's federal level, shared by every profile
        "mx/councils.ttl",
        "mx/institutions.ttl",
        "mx/laws.ttl",
        "mx/programs.ttl",
        "mx/statistics.ttl",  # the data sets every profile shares
    ]


# --- audit fixes ------------------------------------------------------------------------


def test_ontology_alignments(kg: OxigraphBackend) -> None:
    """Last amendment is a version date, not a repeal date; a partner is not the operator."""
    aligned = select(
        kg,
        "SELECT ?p ?o WHERE { VALUES ?p { gg:lastAmended gg:partner } "
        "?p rdfs:seeAlso|skos:closeMatch|rdfs:subPropertyOf ?o }",
    )
    assert ("gg:lastAmended", "eli:date_no_longer_in_force") not in aligned
    assert ("gg:lastAmended", "eli:version_date") in aligned
    assert ("gg:partner", "cv:hasCompetentAuthority") not in aligned
    assert ("gg:partner", "cv:hasParticipation") in aligned


def test_every_ontology_property_is_aligned_or_says_why_not(kg: OxigraphBackend) -> None:
    """Each gg: property points at a public term, or says in es and en that none fits."""
    rows = select(
        kg,
        """SELECT ?p WHERE {
             VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
             ?p a ?kind . FILTER(STRSTARTS(STR(?p), "https://w3id.org/govgraph/ontology#"))
             FILTER NOT EXISTS { ?p rdfs:seeAlso|skos:closeMatch|rdfs:subPropertyOf ?public }
             FILTER NOT EXISTS { ?p rdfs:comment ?es , ?en .
                                 FILTER(LANG(?es) = "es" && LANG(?en) = "en") } }""",
    )
    assert rows == []


def test_protection_civil_sector_representatives_are_members(kg: OxigraphBackend) -> None:
    """Footnote 47: the Consejo "está integrado por" them, at the invitation of its officers."""
    pc = seats(kg, "consejo-estatal-proteccion-civil")
    assert pc["group:representantes-sectores-proteccion-civil"][0] == "role:integrante"
    assert (
        select(
            kg,
            "SELECT ?s WHERE { group:representantes-sectores-proteccion-civil "
            "org:classification ?s . ?s skos:inScheme sector:sectores }",
        )
        == []
    )  # "sectores público, privado y social": no single sector


def test_classifications_the_report_does_not_state_are_flagged(kg: OxigraphBackend) -> None:
    """Only the CDHEZ is called autonomous; other autonomous bodies say where that comes from."""
    rows = select(
        kg,
        "SELECT ?b WHERE { ?b org:classification sector:autonomo "
        "FILTER NOT EXISTS { ?b skos:editorialNote ?note } }",
    )
    assert {r[0] for r in rows} == {"body:cdhez", "body:cdhez-cuarta-visitaduria"}
    assert (
        select(
            kg,
            "SELECT ?b WHERE { VALUES ?b { body:casa-migrante-sembrando-esperanza body:uaz } "
            "?b org:classification ?l . ?l skos:inScheme level:niveles }",
        )
        == []
    )  # a civil-society organisation and a university: no level of government


def test_unnamed_municipalities_are_not_the_58(kg: OxigraphBackend) -> None:
    """Los municipios / autoridades municipales: an uncounted class, not all 58."""
    partners = {r[0] for r in select(kg, "SELECT ?p WHERE { program:fondo-plata gg:partner ?p }")}
    assert partners == {
        "body:gobierno-zacatecas",
        "mx-body:gobierno-federal",
        "group:autoridades-municipales",
    }
    for collab in ("dif-municipios-sezami-albergues-nna", "autoridades-diaspora-2x1"):
        participants = {
            r[0]
            for r in select(
                kg, "SELECT ?p ?c WHERE { ?c gg:participant ?p }", c=ID + "collaboration/" + collab
            )
        }
        assert "group:autoridades-municipales" in participants
        assert "group:municipios-zacatecas" not in participants
    assert select(kg, "SELECT ?n WHERE { group:autoridades-municipales gg:memberCount ?n }") == []
    assert select(kg, "SELECT ?n WHERE { group:municipios-zacatecas gg:memberCount ?n }") == [
        ("58",)
    ]


def test_human_rights_programme_has_no_year_of_its_consultation(kg: OxigraphBackend) -> None:
    """2019 dates the consultation document (footnote 31), not the 2020-2024 programme."""
    assert (
        select(
            kg, "SELECT ?y WHERE { mx-law:programa-nacional-derechos-humanos-2020-2024 gg:year ?y }"
        )
        == []
    )


def test_no_collaboration_from_co_authorship_alone(kg: OxigraphBackend) -> None:
    """Co-authors of a cited source are not a described collaboration."""
    rows = select(
        kg,
        "SELECT ?c WHERE { ?c a gg:Collaboration ; gg:participant ?a , ?b . "
        "VALUES (?a ?b) { (mx-body:conapo int-body:bbva) "
        "(mx-body:consejo-nacional-inclusion-financiera mx-body:comite-educacion-financiera) } }",
    )
    assert rows == []


def test_findings_mention_the_actors_they_refer_to(kg: OxigraphBackend) -> None:
    """Areas with potential for development that refer back to named programs and actors."""
    mentions: dict[str, set[str]] = {}
    for f, m in select(
        kg,
        "SELECT ?f ?m WHERE { VALUES ?f { finding:6-2-capacitacion-policia-migracion "
        "finding:4-2-emprendimiento-extranjeros finding:1-2-bienvenida-extranjeros } "
        "?f gg:mentions ?m }",
    ):
        mentions.setdefault(f, set()).add(m)  # type: ignore[arg-type]
    assert mentions["finding:6-2-capacitacion-policia-migracion"] == {"group:policia-local"}
    assert mentions["finding:4-2-emprendimiento-extranjeros"] == {
        "program:asesoria-emprendimiento-secretaria-economia",
        "program:fondo-plata",
        "program:padrino-migrante",
        "body:secretaria-economia",
    }
    assert mentions["finding:1-2-bienvenida-extranjeros"] == {
        "mx-program:heroes-paisanos",
        "body:sezami",
    }


def test_english_names_are_consistent(kg: OxigraphBackend) -> None:
    """One English name for the Cuarta Visitaduría and for a Secretaría."""
    rows = kg.query("""SELECT ?l WHERE { ?s skos:prefLabel ?l . FILTER(LANG(?l) = "en")
        FILTER(CONTAINS(?l, "Visitor") || CONTAINS(?l, "Ministry")) }""").rows
    assert rows == []


def test_convenio_documents_are_legal_resources(kg: OxigraphBackend) -> None:
    """The three convenios of the bibliography are ELI documents the agreements rest on."""
    rows = select(
        kg,
        "SELECT ?a ?doc ?year WHERE { ?a a gg:Agreement ; gg:legalBasis ?doc . "
        "?doc a eli:LegalResource ; eli:type_document doctype:convenio ; gg:year ?year }",
    )
    assert set(rows) == {
        (
            "agreement:servicios-salud-zacatecas-inm-2018",
            "law:convenio-segob-inm-servicios-salud-zacatecas-2018",
            "2018",
        ),
        (
            "agreement:gobierno-zacatecas-uaz-2021",
            "law:convenio-marco-gobierno-zacatecas-uaz-2021",
            "2021",
        ),
        ("agreement:sezami-finabien-2022", "law:convenio-sezami-telecomm-2022", "2022"),
    }
    assert ("gg:Agreement", "eli:LegalResource") in select(
        kg,
        "SELECT ?c ?o WHERE { ?c rdfs:seeAlso ?o }",
        c="https://w3id.org/govgraph/ontology#Agreement",
    )


def test_ramo_33_is_sourced_to_the_financing_section(kg: OxigraphBackend) -> None:
    """The report's one funding mechanism, with its section and a verbatim quote."""
    rows = select(
        kg,
        "SELECT ?f ?by WHERE { ?f a gg:FundingMechanism ; prov:wasAttributedTo ?by ; "
        "dcterms:source report:sec-estructura-financiamiento ; gg:evidence ?quote }",
    )
    assert {r[1] for r in rows} == {"mx-body:gobierno-federal"}
    assert {r[0] for r in rows} == {"mx-funding:ramo-33"}


def test_smaller_gaps_filled(kg: OxigraphBackend) -> None:
    """ODS, the national search system, the IOM strategy and the labour mobility directorate."""
    alts = {r[0] for r in select(kg, "SELECT ?l WHERE { int-law:agenda-2030 skos:altLabel ?l }")}
    assert {"ODS", "Agenda 2030"} == alts  # one per language (plain "ODS", "Agenda 2030"@es)
    hidden = select(kg, "SELECT ?l WHERE { int-law:agenda-2030 skos:hiddenLabel ?l }")
    assert hidden == [("Objetivos de Desarrollo Sostenible",)]
    # the bibliography gives the acuerdo's number, not who issued it (nor what "SNBP" stands for)
    assert select(kg, "SELECT ?p WHERE { mx-law:acuerdo-snbp-002-2020 dcterms:publisher ?p }") == []
    # the report thanks the State for its commitment to the strategy; it names no operator
    assert not select(
        kg,
        "SELECT ?op WHERE { int-program:estrategia-gobernanza-migratoria-local "
        "cv:hasParticipation [ cv:hasParticipant ?op ] }",
    )
    assert not select(
        kg,
        "SELECT ?op WHERE { int-program:estrategia-gobernanza-migratoria-local "
        "cv:hasCompetentAuthority ?op }",
    )
    assert select(
        kg, "SELECT ?p WHERE { mx-body:direccion-movilidad-laboral org:subOrganizationOf ?p }"
    ) == [("mx-body:unidad-servicio-nacional-empleo",)]


# --- issue 12, item 6: fidelity (what the report states, nothing more) ---------------------


def test_every_quote_in_the_graph_is_verbatim(kg: OxigraphBackend) -> None:
    """Every gg:evidence, on a relationship node or on an entity (a council's legal basis, a
    body's parent, a post), is a substring of the report."""
    report = re.sub(r"\s+", " ", REPORT.read_text(encoding="utf-8"))
    rows = kg.query("SELECT ?s ?quote WHERE { ?s gg:evidence ?quote }").rows
    assert len(rows) > 300
    for s, quote in rows:
        assert re.sub(r"\s+", " ", quote or "").strip() in report, (curie(s or ""), quote)


def quotes(kg: OxigraphBackend, entity: str) -> set[str]:
    """The gg:evidence quotes of one entity (a CURIE)."""
    rows = kg.query("SELECT ?q ?e WHERE { ?e gg:evidence ?q }", {"e": IRI(expand(entity))}).rows
    return {str(row[0]) for row in rows}


def test_legal_bases_and_parents_carry_source_and_quote(kg: OxigraphBackend) -> None:
    """A council's legal basis and establishing instrument, and a body's org:subOrganizationOf,
    are plain triples: the entity's own dcterms:source and gg:evidence source them."""
    unsourced = select(
        kg,
        """SELECT DISTINCT ?s WHERE {
             { ?s a gg:Council } UNION { ?s org:subOrganizationOf ?parent }
             FILTER NOT EXISTS { ?s dcterms:source ?section ; gg:evidence ?quote } }""",
    )
    assert unsourced == []
    with_basis = select(kg, "SELECT DISTINCT ?c WHERE { ?c a gg:Council ; gg:legalBasis ?l }")
    assert len(with_basis) == 8  # the eight links the audit found without a quote
    inm = quotes(kg, "mx-body:inm")
    assert "la Secretaría de Gobernación a través del Instituto Nacional de Migración" in inm
    trata = quotes(kg, "council:consejo-estatal-trata")
    assert any("(Art. 29)" in q for q in trata)
    assert any("(Art. 32)" in q for q in trata)


def test_no_operator_the_report_does_not_name(kg: OxigraphBackend) -> None:
    """SEZAMI made a portal about the financial-orientation program; the OIM thanks the State
    for its commitment to its strategy; the Programas Especiales are ordered by the Governor;
    the STyPS and the State launched the call of the Programa de Apoyo al Empleo. None of
    these makes an operator: no competent authority, no operating participant, and a note."""
    for program in (
        "program:orientacion-financiera-exterior",
        "int-program:estrategia-gobernanza-migratoria-local",
        "program:programas-especiales-proteccion-civil",
        "mx-program:programa-apoyo-empleo",
    ):
        iri = expand(program)
        assert not select(kg, "SELECT ?a ?p WHERE { ?p cv:hasCompetentAuthority ?a }", p=iri)
        assert not select(kg, "SELECT ?x ?p WHERE { ?p cv:hasParticipation ?x }", p=iri)
        (note,) = select(kg, "SELECT ?n ?p WHERE { ?p skos:editorialNote ?n }", p=iri)
        assert "no nombra" in str(note[0]), program
    partners = select(kg, "SELECT ?b WHERE { mx-program:programa-apoyo-empleo gg:partner ?b }")
    assert {b for (b,) in partners} == {"mx-body:stps", "body:gobierno-zacatecas"}


def test_no_program_the_report_does_not_name(kg: OxigraphBackend) -> None:
    """Free medical care is a service the report describes, not a program it names."""
    assert not select(kg, "SELECT ?p ?o WHERE { program:atencion-medica-migrantes ?p ?o }")
    assert not select(kg, "SELECT ?s WHERE { ?s ?p program:atencion-medica-migrantes }")


def test_planning_documents_and_regulations_are_not_a_programs_legal_basis(
    kg: OxigraphBackend,
) -> None:
    """A sectoral programme that plans Repatriados Trabajando is not its legal basis; the
    CDHEZ's internal regulation assigns its Fourth Inspectorate (a mandate), not the advice."""
    planning = select(
        kg,
        """SELECT ?p ?doc WHERE { ?p cv:hasLegalResource|gg:legalBasis|gg:establishedBy ?doc .
             FILTER NOT EXISTS { ?p a gg:Mandate }
             ?doc eli:is_part_of* ?law . ?law eli:type_document ?type .
             VALUES ?type { doctype:programa doctype:plan } }""",
    )
    assert planning == []
    assert not select(
        kg, "SELECT ?l WHERE { program:asesoria-migrantes-cdhez cv:hasLegalResource ?l }"
    )
    assert select(kg, "SELECT ?l WHERE { mandate:cdhez-reglamento-cdhez gg:legalBasis ?l }") == [
        ("law:reglamento-interno-cdhez",)
    ]


def test_nothing_read_from_a_name_or_a_bibliography_code(kg: OxigraphBackend) -> None:
    """No SIPINNA seat for the executive secretariat named in footnote 34, no SIPINNA parent
    for the Comisión (only its acuerdo's code says "SIPINNAZ"), no "SNBP" for the national
    search system (only an acuerdo's number in the bibliography says it)."""
    assert not select(kg, "SELECT ?m WHERE { ?m org:organization council:sipinna }")
    assert select(kg, "SELECT ?v WHERE { council:sipinna gg:compositionUnstated ?v }") == [
        ("true",)
    ]
    assert not select(
        kg, "SELECT ?p WHERE { council:comision-nna-migrantes org:subOrganizationOf ?p }"
    )
    assert not select(
        kg,
        "SELECT ?l WHERE { mx-council:sistema-nacional-busqueda "
        "skos:altLabel|skos:hiddenLabel ?l }",
    )
    assert not select(
        kg, "SELECT ?s WHERE { ?s dcterms:publisher mx-council:sistema-nacional-busqueda }"
    )


def test_posts_hold_the_seats_the_report_gives_them(kg: OxigraphBackend) -> None:
    """ "Presidido por el Gobernador del Estado": the seat's member is the state government and
    its post the Governor (W3C ORG org:Post, org:postIn the government)."""
    rows = select(
        kg,
        """SELECT ?seat ?member ?post ?in WHERE { ?seat gg:post ?post ; org:member ?member .
             ?post a org:Post ; org:postIn ?in }""",
    )
    assert len(rows) == 10
    assert all(member == body for _, member, _, body in rows)  # the post is in the member
    governor = {seat for seat, _, post, _ in rows if post == "post:gobernador"}
    assert governor == {
        "seat:consejo-estatal-proteccion-civil-gobierno-zacatecas",
        "seat:sistema-estatal-atencion-victimas-gobierno-zacatecas",
    }
    assert (
        select(kg, "SELECT ?p WHERE { seat:consejo-estatal-trata-gobierno-zacatecas gg:post ?p }")
        == []
    )  # "el Ejecutivo Estatal": no post named
    hidden = {
        label
        for (label,) in select(
            kg, "SELECT ?l WHERE { body:gobierno-zacatecas skos:hiddenLabel ?l }"
        )
    }
    assert "Gobernador del Estado" not in hidden  # the post's name now


def test_named_things_have_nodes(kg: OxigraphBackend) -> None:
    """The estaciones migratorias, the more than 270 associations, the Política Estatal for
    migrant children: nodes with a source and a quote, mentioned by their findings."""
    assert select(
        kg,
        "SELECT ?n ?fed ?g WHERE { ?g gg:memberCountAbove ?n ; gg:classification sector:diaspora . "
        "?fed foaf:member ?g }",
        g=expand("group:asociaciones-zacatecanos-migrantes"),
    ) == [("270", "group:federaciones-zacatecanas", "group:asociaciones-zacatecanos-migrantes")]
    assert (
        select(kg, "SELECT ?n WHERE { group:asociaciones-zacatecanos-migrantes gg:memberCount ?n }")
        == []
    )
    assert select(kg, "SELECT ?t WHERE { site:estaciones-migratorias a ?t }") == [("org:Site",)]
    assert select(
        kg, "SELECT ?t WHERE { law:politica-estatal-proteccion-nna-migrantes eli:type_document ?t }"
    ) == [("doctype:politica",)]
    for entity in (
        "group:asociaciones-zacatecanos-migrantes",
        "site:estaciones-migratorias",
        "law:politica-estatal-proteccion-nna-migrantes",
    ):
        iri = expand(entity)
        assert select(kg, "SELECT ?q ?e WHERE { ?e gg:evidence ?q }", e=iri), entity
        assert select(kg, "SELECT ?s ?e WHERE { ?e dcterms:source ?s }", e=iri), entity
        assert select(kg, "SELECT ?f ?e WHERE { ?f a gg:Finding ; gg:mentions ?e }", e=iri), entity


def test_no_two_entities_share_a_preferred_label(kg: OxigraphBackend) -> None:
    """The state and the federal Secretaría de Economía were both "Secretaría de Economía"."""
    rows = select(
        kg,
        """SELECT ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
             VALUES ?t { org:Organization gg:ActorGroup gg:Council gg:Program org:Post }
             ?s a ?t ; skos:prefLabel ?label } GROUP BY ?label HAVING (COUNT(DISTINCT ?s) > 1)""",
    )
    assert rows == []
    assert select(
        kg, "SELECT ?l WHERE { body:secretaria-economia skos:prefLabel ?l } ORDER BY ?l"
    ) == [
        ("Secretariat of Economy of the State of Zacatecas",),
        ("Secretaría de Economía del Estado de Zacatecas",),  # í sorts after i
    ]
