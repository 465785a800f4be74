"""Issue 9: names resolved as `search` ranks them, vocabulary terms kept out of names, two
bodies of one name told apart (and narrowed with --level), an empty network view refused,
and one owner of resolution (the library; the CLI passes the user's text on)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govgraph import resolve
from govgraph.cli import govgraph
from govgraph.errors import ResolveError
from govgraph.namespaces import curie, expand
from govgraph.network import project
from govgraph.resolve import TERM, Resolver
from govgraph.store import MemoryBackend, OxigraphBackend

LAW = expand("law:ley-atencion-migrantes-2018")
ECONOMIA = expand("body:secretaria-economia")
ECONOMIA_FEDERAL = expand("mx-body:secretaria-economia-federal")
COUNCIL_CLASS = expand("gg:Council")
# The state one goes by its full name (issue 12): the labels tell the two apart.
TWO_ECONOMIAS = (
    "“Secretaría de Economía” matches 2 agents: "
    "Secretaría de Economía (mx-body:secretaria-economia-federal), "
    "Secretaría de Economía del Estado de Zacatecas (body:secretaria-economia)"
)
FOUR_COUNCILS = (
    "mx-council:ccpm",
    "council:consejo-estatal-proteccion-civil",
    "council:consejo-estatal-trata",
    "council:consejo-interinstitucional",
)

# Two councils whose names hold the same words, a finding that quotes one of them, a program
# with the whole word "Migra", and a vocabulary term that nothing else is called.
WORDS = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix gg:   <https://w3id.org/govgraph/ontology#> .
@prefix ex:   <https://example.org/> .

ex:estatal a gg:Council ; skos:prefLabel "Consejo Estatal de Migración y Desarrollo"@es .
ex:municipal a gg:Council ; skos:prefLabel "Consejo Municipal de Migración y Desarrollo"@es .
ex:hallazgo a gg:Finding ;
    skos:prefLabel "Sesiones del Consejo Estatal de Migración y Desarrollo"@es .
ex:programa a gg:Program ; skos:prefLabel "Programa Migra y Desarrollo"@es .
ex:tesoreria a skos:Concept ; skos:prefLabel "Tesorería"@es .
"""


@pytest.fixture(scope="module")
def kg() -> OxigraphBackend:
    return OxigraphBackend.load()


@pytest.fixture(scope="module")
def resolver(kg: OxigraphBackend) -> Resolver:
    return Resolver(kg)


@pytest.fixture
def words(tmp_path: Path) -> Resolver:
    (tmp_path / "words.ttl").write_text(WORDS, "utf-8")
    return Resolver(OxigraphBackend.load([tmp_path]))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(govgraph, list(args))


def one_line_error(result: Result, code: int = 2) -> str:
    """The error sentence of a failed command (one line on stderr, nothing on stdout)."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1
    return result.stderr.removeprefix("Error: ").rstrip("\n")


# --- 1. resolution ranks as search does and takes an unambiguous best match ------------------


@pytest.mark.parametrize("kind", ["law", "any"])
def test_words_of_a_law_in_another_order_name_the_law(resolver: Resolver, kind: str) -> None:
    text = "ley atencion zacatecanos migrantes"
    assert resolver.resolve(text, kind) == LAW
    assert resolver.search(text, [kind])[0].iri == LAW  # what resolve takes is search's first


def test_cli_laws_with_the_words_of_a_law_lists_its_articles() -> None:
    result = invoke("laws", "ley atencion zacatecanos migrantes", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "law:ley-atencion-migrantes-2018/art-14," in result.stdout
    assert result.stdout.startswith("jurisdiction_id,provision_id,provision,summary,sources\n")


def test_a_part_or_record_quoting_the_name_does_not_tie(words: Resolver) -> None:
    """The finding quotes the state council's name: the council, not a tie, is the answer."""
    assert words.resolve("migracion desarrollo estatal") == "https://example.org/estatal"
    assert words.resolve("estatal consejo", "council") == "https://example.org/estatal"


def test_a_better_match_wins_whatever_the_kind(words: Resolver) -> None:
    """A whole word of the program's name (migra), only the start of one in the councils'."""
    assert words.resolve("desarrollo migra") == "https://example.org/programa"


def test_two_equally_good_matches_list_the_candidates_best_first(words: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        words.resolve("desarrollo migracion consejo")
    assert str(error.value) == (
        "“desarrollo migracion consejo” matches 3 entities: "
        "Consejo Estatal de Migración y Desarrollo (<https://example.org/estatal>), "
        "Consejo Municipal de Migración y Desarrollo (<https://example.org/municipal>), "
        "Sesiones del Consejo Estatal de Migración y Desarrollo (<https://example.org/hallazgo>)"
    )


def test_every_word_must_occur(resolver: Resolver) -> None:
    with pytest.raises(ResolveError, match=r"^no law matches “ley atencion zacatecanos marte”"):
        resolver.resolve("ley atencion zacatecanos marte", "law")


def test_a_substring_of_several_names_stays_ambiguous(words: Resolver) -> None:
    """The ranking is for the fallback only: a text inside several names is no guess."""
    with pytest.raises(ResolveError, match=r"^“migracion y desarrollo” matches 3 entities: "):
        words.resolve("migracion y desarrollo")


# --- 2. vocabulary terms are not what a name stands for -------------------------------------


def test_consejo_is_not_the_owl_class(resolver: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve("Consejo")
    assert "gg:Council" not in str(error.value)
    assert str(error.value).startswith("“Consejo” matches ")
    assert resolver.resolve("gg:Council") == COUNCIL_CLASS  # its CURIE still names it
    assert resolver.resolve(f"<{COUNCIL_CLASS}>") == COUNCIL_CLASS
    with pytest.raises(ResolveError, match=r"^gg:Council \(Consejo\) is not a council$"):
        resolver.resolve("gg:Council", "council")


def test_no_name_resolves_to_a_vocabulary_term(resolver: Resolver) -> None:
    """Classes, properties, schemes and concepts (roles, levels, sectors, jurisdictions):
    every label of theirs resolves to an entity or to nothing, their CURIE to them."""
    terms = [e for e in resolver.entities if TERM in e.kinds]
    assert {curie(e.iri) for e in terms} >= {
        "gg:Council",
        "gg:votingRight",
        "role:presidencia",
        "level:estatal",
        "juris:mx-zac",
        "sector:privado",
    }
    assert all(e.kind == "other" for e in terms)
    iris = {e.iri for e in terms}
    answers = 0
    for term in terms:
        assert resolver.resolve(curie(term.iri)) == term.iri
        for _, written in term.labels:
            with contextlib.suppress(ResolveError):
                assert resolver.resolve(written) not in iris, written
                answers += 1
    assert answers > 0  # "Sector privado" names the class of actors, not sector:privado
    assert resolver.resolve("Sector privado") == expand("group:sector-privado")


def test_a_name_of_a_term_only_says_so(words: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        words.resolve("Tesorería")
    assert str(error.value) == (
        "no entity matches “Tesorería” "
        "(<https://example.org/tesoreria>: a vocabulary term, named by its CURIE only)"
    )


def test_cli_describe_consejo_lists_entities_and_gg_council_describes_the_class() -> None:
    message = one_line_error(invoke("describe", "Consejo"))
    assert message.startswith("“Consejo” matches ")
    assert "mx-council:ccpm" in message
    assert "gg:Council" not in message
    result = invoke("describe", "gg:Council", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "out,rdf:type,owl:Class,,," in result.stdout.splitlines()


def test_cli_around_consejo_lists_the_councils_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    message = one_line_error(invoke("viz", "councils", "--around", "Consejo", "-o", str(page)))
    assert message.startswith("“Consejo” matches ")
    assert all(council in message for council in FOUR_COUNCILS)
    assert "gg:Council" not in message
    assert "seat:" not in message  # only the nodes of the view
    assert not page.exists()
    members = one_line_error(invoke("members", "Consejo"))
    assert members.startswith("“Consejo” matches 4 councils: ")
    assert all(council in members for council in FOUR_COUNCILS)


def test_around_a_term_by_its_curie_is_not_in_the_view(kg: OxigraphBackend) -> None:
    with pytest.raises(ResolveError, match=r"^Consejo \(gg:Council\) is not in the councils view$"):
        project("councils", kg, around="gg:Council")


# --- 3. two entities of one name: told apart, narrowed by level ------------------------------


def test_two_bodies_of_one_name_show_their_levels(resolver: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve("Secretaría de Economía", "agent")
    assert str(error.value) == TWO_ECONOMIAS


def test_articles_of_one_name_show_their_laws(resolver: Resolver) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve("Artículo 14", "law")
    assert str(error.value) == (
        "“Artículo 14” matches 3 laws: "
        "Artículo 14 (part of Ley para la Atención de los Zacatecanos Migrantes y sus Familias "
        "(2018), law:ley-atencion-migrantes-2018/art-14), "
        "Artículo 14 (part of Ley de Atención a Víctimas del Estado de Zacatecas (2014), "
        "law:ley-atencion-victimas-zacatecas-2014/art-14), "
        "Artículo 14 (part of Ley de Protección Civil del Estado y Municipios de Zacatecas "
        "(2018), law:ley-proteccion-civil-zacatecas-2018/art-14)"
    )


@pytest.mark.parametrize(
    ("text", "kind", "level", "expected"),
    [
        ("Secretaría de Economía", "agent", "estatal", ECONOMIA),
        ("Secretaría de Economía", "any", "federal", ECONOMIA_FEDERAL),
        ("Secretaría de Economía del Estado de Zacatecas", "agent", "estatal", ECONOMIA),
        ("SEZAMI", "agent", "estatal", expand("body:sezami")),
        ("Artículo 2", "law", "federal", expand("mx-law:ley-general-educacion-2019/art-2")),
        ("Artículo 2", "law", "estatal", expand("law:constitucion-zacatecas-1998/art-2")),
        ("mx-body:secretaria-economia-federal", "agent", "federal", ECONOMIA_FEDERAL),
    ],
)
def test_a_level_narrows_the_match(
    resolver: Resolver, text: str, kind: str, level: str, expected: str
) -> None:
    assert resolver.resolve(text, kind, level=level) == expected


@pytest.mark.parametrize(
    ("text", "level", "message"),
    [
        (
            "Secretaría de Economía del Estado de Zacatecas",
            "federal",
            "no agent of level federal matches “Secretaría de Economía del Estado de Zacatecas”; "
            "did you mean: Secretaría de Economía?",
        ),
        (
            "body:secretaria-economia",
            "federal",
            "body:secretaria-economia (Secretaría de Economía del Estado de Zacatecas) is of level "
            "estatal, not federal",
        ),
        ("SEZAMI", "state", "unknown level 'state' (choose from internacional, federal, "),
    ],
)
def test_a_level_that_does_not_fit(resolver: Resolver, text: str, level: str, message: str) -> None:
    with pytest.raises(ResolveError) as error:
        resolver.resolve(text, "agent", level=level)
    assert str(error.value).startswith(message)


def test_the_name_map_keeps_the_levels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exact name with a level is still answered from the name map, without the index."""
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path))
    first = Resolver(OxigraphBackend.load(cache=True))
    assert first.resolve("Secretaría de Economía", level="federal") == ECONOMIA_FEDERAL

    def no_index(*args: object) -> None:
        raise AssertionError("the index was read")

    monkeypatch.setattr(resolve.index, "saved_index", no_index)
    again = Resolver(OxigraphBackend.load(cache=True))
    assert again.resolve("Secretaría de Economía", "agent", level="estatal") == ECONOMIA
    assert again.resolve("COVAM", "council") == expand("council:covam")


def test_both_backends_give_the_same_levels_and_parents(resolver: Resolver) -> None:
    memory = Resolver(MemoryBackend.load())
    assert memory.entities == resolver.entities
    by_iri = {e.iri: e for e in resolver.entities}
    assert by_iri[ECONOMIA].level == "estatal"
    assert by_iri[ECONOMIA].parent == expand("body:gobierno-zacatecas")
    assert by_iri[LAW].level == "estatal"  # its jurisdiction's level
    assert by_iri[LAW + "/art-14/frac-vi"].level == "estatal"  # its law's
    assert by_iri[LAW + "/art-14/frac-vi"].parent == LAW + "/art-14"
    for entity in resolver.entities:
        keys = {entity.slug, *(n for n, _ in entity.labels)} - {""}
        for key in keys:
            assert (entity.iri, sorted(entity.kinds), entity.level) in [
                (iri, sorted(kinds), level) for iri, kinds, level in resolver._named(key)
            ]


def test_cli_two_bodies_of_one_name_and_level() -> None:
    assert one_line_error(invoke("memberships", "Secretaría de Economía")) == TWO_ECONOMIAS
    state = invoke("memberships", "Secretaría de Economía", "--level", "estatal", "--format", "csv")
    assert state.exit_code == 0, state.output
    assert "council:consejo-interinstitucional," in state.stdout
    federal = invoke(
        "memberships", "Secretaría de Economía", "--level", "federal", "--format", "csv"
    )
    assert federal.exit_code == 0, federal.output
    assert federal.stdout == (
        "jurisdiction_id,council_id,council,role,post,vote,seats,legal_basis,sources\n"
    )
    described = invoke(
        "describe", "Secretaría de Economía", "--level", "federal", "--format", "csv"
    )
    assert described.exit_code == 0, described.output
    assert "out,org:classification,level:federal," in described.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["members", "COVAM", "--level", "federal"], "no council of level federal matches “COVAM”"),
        (["programs", "--level", "federal"], "--level narrows the BODY given: give one"),
        (
            ["laws", "Ley General de Población", "--level", "estatal"],
            "no law of level estatal matches “Ley General de Población”",
        ),
        (["agreements", "SEZAMI", "--level", "nacional"], "Invalid value for '--level'"),
    ],
)
def test_cli_level_errors(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert message in result.stderr


def test_level_is_offered_where_an_entity_has_one() -> None:
    for command in ("members", "memberships", "describe", "programs", "laws", "agreements"):
        assert "--level" in invoke(command, "--help").stdout, command
    assert "No such option '--level'" in invoke("findings", "alianzas", "--level", "federal").stderr


# --- 4. an empty view -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["viz", "--level", "internacional"],
        ["export-network", "councils", "-f", "json", "--level", "internacional"],
        ["export-network", "councils", "-f", "graphml", "--level", "internacional"],
    ],
)
def test_an_empty_view_is_an_error_and_writes_nothing(tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "view.out"
    result = invoke(*args, "-o", str(target))
    assert one_line_error(result, code=1) == (
        "the councils view is empty with --level internacional: nothing written"
    )
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    to_stdout = invoke(*args[:-2], "--level", "internacional") if args[0] != "viz" else None
    if to_stdout is not None:
        assert one_line_error(to_stdout, code=1).startswith("the councils view is empty")


def test_an_empty_graph_gives_an_empty_view(tmp_path: Path) -> None:
    data = tmp_path / "one-body.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        '<https://example.org/b> a org:Organization ; skos:prefLabel "B"@es .\n',
        "utf-8",
    )
    page = tmp_path / "agreements.html"
    result = invoke("--no-cache", "--data", str(data), "viz", "agreements", "-o", str(page))
    assert one_line_error(result, code=1) == (
        "the agreements view of this graph is empty: nothing written"
    )
    assert not page.exists()


def test_an_empty_analysis_prints_no_rows_and_says_why() -> None:
    result = invoke("analyze", "--level", "internacional", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "curie,label,kind,level,jurisdiction_id,degree,betweenness,cross_level,component,community\n"
    )
    assert result.stderr == (
        "the interlocks view is empty with --level internacional: nothing to analyse\n"
    )


# --- 5. one owner of resolution: the library ---------------------------------------------------


def test_around_is_looked_up_among_the_view_first(kg: OxigraphBackend, resolver: Resolver) -> None:
    """In the interlocks view one member's name holds "Protección Civil"; 24 entities' do."""
    with pytest.raises(ResolveError, match=r"^“Protección Civil” matches 24 entities: "):
        resolver.resolve("Protección Civil")
    graph = project("interlocks", kg, around="Protección Civil", depth=0)
    assert graph.graph["filters"]["around"] == "body:coordinacion-proteccion-civil"
    # The CLI passes the text on rather than resolving it in the whole graph first.
    result = invoke("analyze", "interlocks", "--around", "Protección Civil", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "\nbody:coordinacion-proteccion-civil," in result.stdout


def test_the_level_filter_tells_apart_two_of_one_name_for_around(kg: OxigraphBackend) -> None:
    graph = project("all", kg, levels=["estatal"], around="Secretaría de Economía", depth=0)
    assert list(graph) == [ECONOMIA]


def test_the_cli_says_what_the_library_says(kg: OxigraphBackend, tmp_path: Path) -> None:
    """The CLI passes the user's text on: its message is the library's, word for word."""
    with pytest.raises(ResolveError) as error:
        project("councils", kg, around="Consejo")
    result = invoke("viz", "councils", "--around", "Consejo", "-o", str(tmp_path / "x.html"))
    assert one_line_error(result) == str(error.value)
    with pytest.raises(ResolveError) as error:
        project("councils", kg, dimension="no such dimension")
    result = invoke("analyze", "councils", "--dimension", "no such dimension")
    assert one_line_error(result) == str(error.value)


def test_a_node_iri_needs_no_index(kg: OxigraphBackend) -> None:
    """An IRI of a node of the view is taken as it is, even one the index does not know."""
    resolver = Resolver(kg)
    assert resolver.resolve(LAW, among={LAW}) == LAW
    assert "entities" not in resolver.__dict__
    unknown = "https://example.org/untyped"
    assert resolver.resolve(unknown, among={unknown}) == unknown
    with pytest.raises(ResolveError, match=r"^no entity has the IRI <https://example.org/untyped>"):
        resolver.resolve(unknown)
