"""Synthetic graphs in the govgraph application profile, for scale tests and benchmarks.

``generate(n, out, seed=...)`` streams N-Triples for n synthetic jurisdictions written exactly as
docs/model.md says: the same classes, properties, public types (rule 5), IRI layout and
vocabulary concepts as the Zacatecas graph, so the bundled ontology, vocabularies, SHACL shapes,
SPARQL checks and every saved query work on the result.

* Jurisdiction j lives under ``https://w3id.org/govgraph/id/syn-<j>/`` (report/, body/, group/,
  council/, membership/, law/, program/, agreement/, collaboration/, mandate/, finding/, area/,
  observation/), about 4,000 triples: a report with chapters, sections x.1 / x.2 and footnotes,
  ~60 bodies, 11 classes of actors, 8 councils with ~6 memberships each, 26 laws with 21
  articles and fractions, ~15 programs, 5 agreements, 10 collaborations, 15 mandates, ~30
  findings, and its statistics (synth.statistics): a section "Tendencias migratorias" with 5
  footnotes, the areas of its 3 most populous municipalities and 49 RDF Data Cube observations
  in the 26 shared data sets, each with its dimensions, value, unit, source note and quote.
* A shared block (federal bodies, federal laws and a national council under
  ``https://w3id.org/govgraph/id/mx/``, international bodies and instruments under ``.../id/int/``,
  the IRIs the bundled data's shared levels use) is written once: federal bodies sit on state
  councils, run state programs and sign state agreements, and the secretariat for migrants of
  every state sits on the national council, so interlocks and brokers cross jurisdictions. It
  ends with the statistical data sets of the bundled data/ttl/mx/statistics.ttl, triple for
  triple, so the states' figures sit in the data sets Zacatecas' do (``govgraph compare`` puts
  them side by side).
* Every entity carries ``gg:jurisdiction`` of the jurisdiction its IRI names; state j has its
  concept ``juris:syn-<j>`` in the jurisdictions scheme, which its laws (``eli:jurisdiction``)
  and public bodies (``dcterms:spatial``) name too.
* The names, relations and texts come from the templates in ``synth.toml``; a random generator
  seeded with (seed, j) picks among them. The statistics come last in each state, from a
  generator of their own (seeded with (seed, j) too), so every line before them is what it was
  without them. The bytes depend only on (jurisdictions, seed), and jurisdiction j does not
  depend on how many follow it.
* Lines are written directly, one jurisdiction at a time (no rdflib graph in memory).
  N-Triples is also valid Turtle: a path ending in ``.nt`` or ``.ttl`` gets the same bytes.

Evidence quotes, footnotes and figures are synthetic (plausibly sized, and consistent: a
percentage is that of its counts, a breakdown's shares add up to 100 at most).

The modules: catalog (the templates of synth.toml), writer (terms, literals, lines), report,
bodies, laws, councils, programs (and agreements, collaborations, mandates), statistics (the
shared data sets and each state's figures), federal (the shared block) and states (one state,
its parts in a fixed order: the random draws depend on it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from govgraph.errors import GovgraphError
from govgraph.files import STDOUT, open_output
from govgraph.synth.catalog import templates
from govgraph.synth.federal import federal_block
from govgraph.synth.states import jurisdiction
from govgraph.synth.writer import DIM, FEDERAL, HUB, jurisdiction_base

__all__ = [
    "FEDERAL",
    "SUFFIXES",
    "chunks",
    "example_values",
    "generate",
    "jurisdiction_base",
    "templates",
]

SUFFIXES = (".nt", ".ttl")


def chunks(jurisdictions: int, seed: int = 0) -> Iterator[tuple[str, int]]:
    """The graph as N-Triples text with triple counts: the federal block, then each state."""
    if jurisdictions < 0:
        raise GovgraphError(f"the number of jurisdictions must be 0 or more, not {jurisdictions}")
    text, count, federal = federal_block()
    yield text, count
    for j in range(1, jurisdictions + 1):
        lines = jurisdiction(j, seed, federal).lines
        yield "".join(lines), len(lines)


def generate(jurisdictions: int, out: Path | str | TextIO, *, seed: int = 0) -> int:
    """Write a synthetic graph of `jurisdictions` states as N-Triples; return the triple count.

    out is a path ending in ``.nt`` or ``.ttl`` (N-Triples is valid Turtle), ``-`` for standard
    output, or an open text stream. A path is written as govgraph.files writes one: streamed
    into a temporary file beside it and renamed at the end, so a failure (a full disk) leaves
    no partial file; a FIFO or a device is written into. The output depends only on
    (jurisdictions, seed).
    """
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        if os.fspath(out) != STDOUT and path.suffix not in SUFFIXES:
            raise GovgraphError(
                f"cannot write {path}: give a file name ending in {' or '.join(SUFFIXES)}"
            )
        with open_output(out) as stream:
            return _write(jurisdictions, lambda text: stream.write(text.encode("utf-8")), seed)
    return _write(jurisdictions, out.write, seed)


def _write(jurisdictions: int, write: Callable[[str], object], seed: int) -> int:
    write(
        "# govgraph synthetic graph (N-Triples, also valid Turtle): "
        f"{jurisdictions} jurisdictions, seed {seed}\n"
    )
    total = 0
    for text, count in chunks(jurisdictions, seed):
        write(text)
        total += count
    return total


def example_values(jurisdiction: int = 1) -> dict[str, str]:
    """Values for the saved queries' parameters that give rows on any synthetic graph.

    Keyed by parameter name (council, body, law, dimension, label, min); entities are full IRIs.
    The body is the state's secretariat for migrants: it presides councils, runs programs, and
    is party to an agreement and a collaboration in every jurisdiction.
    """
    base = jurisdiction_base(jurisdiction)
    return {
        "council": f"{base}council/consejo-interinstitucional",
        "body": f"{base}body/{HUB}",
        "law": f"{FEDERAL}law/ley-migracion-2011",
        "dimension": DIM[3][1:-1],
        "label": f"SEMIG{jurisdiction}",
        "min": "2",
    }
