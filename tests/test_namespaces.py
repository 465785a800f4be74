"""The prefix table: one table, equal to docs/model.md; CURIEs round-trip."""

from __future__ import annotations

import pytest

from conftest import REPO
from govgraph.errors import ResolveError
from govgraph.namespaces import PREFIXES, curie, expand, sparql_prefixes, turtle_prefixes


def test_table_is_the_block_in_the_model() -> None:
    assert turtle_prefixes() in (REPO / "docs" / "model.md").read_text("utf-8")


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_curie_expand_round_trip(prefix: str) -> None:
    iri = PREFIXES[prefix] + "some-local_name.2"
    assert curie(iri) == f"{prefix}:some-local_name.2"
    assert expand(curie(iri)) == iri


@pytest.mark.parametrize(
    "iri",
    [
        "http://example.org/not-in-the-table",
        "https://w3id.org/govgraph/id/mx-zac/body/ends-with-dot.",
    ],
)
def test_iri_that_is_no_curie_stays_an_iri(iri: str) -> None:
    assert curie(iri) == f"<{iri}>"
    assert expand(curie(iri)) == iri


def test_article_curies_keep_their_slashes() -> None:
    """Articles read as people write them: law:ley-x/art-14/frac-vi, and expand back."""
    iri = "https://w3id.org/govgraph/id/mx-zac/law/ley-atencion-migrantes-2018/art-14/frac-vi"
    assert curie(iri) == "law:ley-atencion-migrantes-2018/art-14/frac-vi"
    assert expand(curie(iri)) == iri


def test_known_curies() -> None:
    assert curie("http://www.w3.org/ns/org#Membership") == "org:Membership"
    assert curie("https://w3id.org/govgraph/id/mx-zac/program/2x1-migrantes") == (
        "program:2x1-migrantes"
    )
    assert expand("seat:covam-sezami") == (
        "https://w3id.org/govgraph/id/mx-zac/membership/covam-sezami"
    )


@pytest.mark.parametrize(
    ("iri", "short"),
    [
        ("https://w3id.org/govgraph/id/mx-gua/body/sezami", "mx-gua-body:sezami"),
        ("https://w3id.org/govgraph/id/mx-gua/law/ley-x/art-2", "mx-gua-law:ley-x/art-2"),
        ("https://w3id.org/govgraph/id/syn-12/council/cepm", "syn-12-council:cepm"),
        ("https://w3id.org/govgraph/id/mx/body/inm", "mx-body:inm"),  # a prefix of the table
        ("https://w3id.org/govgraph/id/mx-zac/body/sezami", "body:sezami"),
    ],
)
def test_a_new_profile_gets_derived_curies(iri: str, short: str) -> None:
    """A profile imported from a workbook has no prefixes in the table: its entities read as
    <jurisdiction>-<kind>:<slug>, the way the shared levels' prefixes are named."""
    assert curie(iri) == short
    assert expand(short) == iri


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/govgraph/id/MX-GUA/body/x",  # not a jurisdiction's identifier
        "https://w3id.org/govgraph/id/mx-gua/body/",  # no slug
        "https://w3id.org/govgraph/id/mx-gua/body-type/x",  # not a kind
    ],
)
def test_no_derived_curie_without_jurisdiction_kind_and_slug(iri: str) -> None:
    assert curie(iri) == f"<{iri}>"


@pytest.mark.parametrize("name", ["foo:bar", "no-colon", "MX-body:x", "mx-gua-:x", "zz9-body:x"])
def test_expand_unknown_prefix(name: str) -> None:
    with pytest.raises(ResolveError, match="unknown prefix"):
        expand(name)


def test_sparql_prefixes_exclude() -> None:
    text = sparql_prefixes(exclude={"gg"})
    assert "PREFIX org: <http://www.w3.org/ns/org#>\n" in text
    assert "PREFIX gg:" not in text
    assert text.count("\n") == len(PREFIXES) - 1
