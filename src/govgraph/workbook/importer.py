"""Import a workbook: read it, check every cell, write Turtle aside, validate, swap into place.

Nothing is written when anything is wrong: the problems of the cells (all of them, each with
sheet, row and column) come first; then the Turtle files are written into a temporary
directory beside the output and validated as `govgraph validate` does (SHACL shapes and SPARQL
checks, with the ontology and the shared data the profile points at); a violation is mapped
back to the row (and column) it came from. Only a profile that passes both takes the output
directory's place, whole.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.errors import GovgraphError
from govgraph.namespaces import curie
from govgraph.workbook.build import Built, build
from govgraph.workbook.cells import Problem, WorkbookError
from govgraph.workbook.context import ID, Context
from govgraph.workbook.read import read_workbook
from govgraph.workbook.turtle import turtle

TOPICS = {
    "jurisdiction.ttl": "The jurisdiction of the profile",
    "report.ttl": "The source report, its sections and footnotes",
    "institutions.ttl": "Institutions, classes of actors, posts and sites",
    "councils.ttl": "Councils and their seats",
    "laws.ttl": "Laws, their texts and articles",
    "programs.ttl": "Programs, participations and funding",
    "agreements.ttl": "Agreements",
    "collaborations.ttl": "Collaborations",
    "mandates.ttl": "Mandates",
    "findings.ttl": "Findings",
    "statistics.ttl": "Statistics (RDF Data Cube observations) and their areas",
    "shared.ttl": "What the report says of shared federal and international entities",
    "moved.ttl": "Former IRIs of the profile and what they name now (owl:sameAs)",
}


@dataclass
class Imported:
    """What an import wrote: the jurisdiction, the files and triples, and the validation."""

    jurisdiction: str
    outdir: Path
    files: dict[str, int] = field(default_factory=dict)  # file name → triples
    checks: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        """Every triple written."""
        return sum(self.files.values())


def turtle_files(built: Built, source: str = "") -> dict[str, str]:
    """The Turtle text of each file of a built workbook."""
    origin = f" from {source}" if source else ""
    files = {}
    for name, triples in built.files.items():
        if not triples:
            continue
        topic = TOPICS.get(name, name)
        heading = "\n".join(
            textwrap.wrap(
                f"{topic} (jurisdiction {built.jurisdiction}), written by `govgraph workbook "
                f"import`{origin}. Edit the workbook and import it again rather than this file.",
                width=96,
            )
        )
        files[name] = turtle(triples, built.jurisdiction, heading)
    return files


def shared_sources(jurisdiction: str, data: Sequence[Path | str] | None = None) -> list[Path]:
    """The data a profile is validated with, as `govgraph validate` would see it beside the
    profile: the --data paths, else every bundled folder (the shared levels and the other
    profiles), the profile's own folder left out (the import replaces it)."""
    from govgraph.resources import data_dir

    if data:
        return [Path(p) for p in data if Path(p).name != jurisdiction]
    root = data_dir()
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name != jurisdiction)


def _violations(built: Built, report: object) -> tuple[list[Problem], list[str]]:
    """The validation's violations as problems in the cells the triples came from; those of
    other data (not the workbook's subjects, nor in its namespace) as warnings."""
    problems, elsewhere = [], []
    own = f"{ID}{built.jurisdiction}/"
    for violation in getattr(report, "violations", []):
        focus, path = violation.focus, violation.path or ""
        message = f"{violation.message} [{violation.source}]"
        origin = built.origin.get(focus)
        if origin is None and not focus.startswith(own):
            elsewhere.append(f"{curie(focus)}: {message} (not in this workbook)")
            continue
        if origin is None:
            problems.append(Problem("", 0, "", "", f"{curie(focus)}: {message}"))
            continue
        table, row = origin
        column = next((c for c in table.sheet.columns if c.pred and c.iri == path), None)
        if column is None:
            where = f"{curie(path)}: " if path else ""
            problems.append(table.problem(row.number, "", where + message))
        else:
            problems.append(table.problem(row.number, column.id, message))
    return problems, elsewhere


def import_workbook(
    source: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    *,
    context: Context,
    data: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    jurisdiction: str | None = None,
    force: bool = False,
    check: bool = True,
) -> Imported:
    """Turn a workbook (.xlsx or a CSV folder) into Turtle files in outdir, or raise.

    context: the lists and shared entities (govgraph.workbook.open_context). data: the data
    the profile is validated with, not written (default: the bundled shared levels; see
    shared_sources). ontology: the ontology sources (default: the bundled ones). outdir
    must be new or empty (or force). Raises WorkbookError with every problem (cells, then
    validation), GovgraphError when it cannot run; nothing is written then.
    """
    from govgraph import resources
    from govgraph.files import check_directory, output_directory
    from govgraph.validate import validate

    check_directory(outdir, GovgraphError, force=force)
    built = build(read_workbook(source), context, jurisdiction)
    if built.problems:
        raise WorkbookError(built.problems)
    files = turtle_files(built, Path(source).name)
    if not files:
        raise WorkbookError([Problem("", 0, "", "", "the workbook has no rows")])
    ontology_paths = [Path(p) for p in (ontology or resources.ontology_sources())]
    imported = Imported(built.jurisdiction, Path(outdir))
    with output_directory(outdir, GovgraphError, force=force) as building:
        for name, text in files.items():
            (building / name).write_text(text, encoding="utf-8")
        if check:
            target = Path(outdir).resolve()  # what the import replaces is not beside it
            shared = [p for p in shared_sources(built.jurisdiction, data) if p.resolve() != target]
            paths = [*ontology_paths, *shared, building]
            report = validate(paths, ontology=ontology_paths)
            problems, elsewhere = _violations(built, report)
            if problems:
                raise WorkbookError(problems, "the profile (validation)")
            imported.checks = report.checks
            own = f"{ID}{built.jurisdiction}/"
            imported.warnings = elsewhere + [
                f"{curie(w.focus)}: {w.message}"
                for w in report.warnings
                if w.focus in built.origin or w.focus.startswith(own)
            ]
    imported.files = {name: len(built.files[name]) for name in files}
    return imported
