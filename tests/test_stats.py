"""govgraph stats on the fixture graph, the same on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.stats import stats
from govgraph.store import LOCAL_BACKENDS, open_backend

GOBIERNO = "dimension: Enfoque de gobierno integral"
DERECHOS = "dimension: Derechos de las personas migrantes"
EXPECTED = [
    ("class", "org:Organization", 2),
    ("class", "cv:PublicOrganisation", 1),
    ("class", "gg:ActorGroup", 1),
    ("class", "gg:Council", 1),
    ("class", "org:Membership", 2),
    ("class", "eli:LegalResource", 1),
    ("class", "eli:LegalResourceSubdivision", 1),
    ("class", "gg:Program", 0),
    ("class", "gg:Agreement", 0),
    ("class", "gg:Collaboration", 0),
    ("class", "gg:Mandate", 0),
    ("class", "gg:Finding", 1),
    ("class", "gg:ReportSection", 1),
    ("class", "skos:Concept", 6),
    (DERECHOS, "bien desarrollado", 0),
    (DERECHOS, "potencial de desarrollo", 0),
    (DERECHOS, "total", 0),
    (GOBIERNO, "bien desarrollado", 1),
    (GOBIERNO, "potencial de desarrollo", 0),
    (GOBIERNO, "total", 4),
    ("graph", "triples", 67),
]


@pytest.mark.parametrize("name", sorted(LOCAL_BACKENDS))
def test_stats(sources: list[Path], name: str) -> None:
    assert stats(open_backend(name, sources)) == EXPECTED
