"""The synthetic jurisdictions as profile workbooks: what `bench generate --format xlsx|csv` writes.

The output directory holds ``shared.nt`` (the shared federal and international block, the data
the workbooks refer to by acronym or name) and one workbook per jurisdiction: ``<id>.xlsx``, or
a folder ``<id>/`` of CSV files. Each is the jurisdiction's graph exported exactly as
``govgraph workbook export`` exports a real profile, so importing it gives the same triples:

    govgraph --data DIR/shared.nt workbook import DIR/syn-1.xlsx -o syn-1/
"""

from __future__ import annotations

import os
from pathlib import Path

from govgraph.errors import GovgraphError

SHARED_FILE = "shared.nt"


def shared_level() -> str:
    """The IRI segment of the synthetic shared block (id/<level>/...)."""
    from govgraph.synth.writer import FEDERAL, ID

    return FEDERAL[len(ID) :].split("/", 1)[0]


def write_workbooks(
    jurisdictions: int,
    outdir: str | os.PathLike[str],
    *,
    seed: int = 0,
    fmt: str = "xlsx",
    force: bool = False,
) -> int:
    """Write the shared block and one workbook (or CSV folder) per jurisdiction; return how
    many workbooks. The directory is built aside and swapped into place whole."""
    import rdflib

    from govgraph.files import output_directory
    from govgraph.load import load_store
    from govgraph.resources import ontology_sources
    from govgraph.store import OxigraphBackend
    from govgraph.synth import chunks
    from govgraph.workbook import SHARED_LEVELS, Context, csv_files, export_rows, xlsx_bytes
    from govgraph.workbook.export import jurisdictions as namespaces

    if fmt not in ("xlsx", "csv"):
        raise GovgraphError(f"unknown workbook format {fmt!r} (xlsx or csv)")
    parts = chunks(jurisdictions, seed)
    shared_text, _ = next(parts)
    levels = tuple(dict.fromkeys((*SHARED_LEVELS, shared_level())))
    written = 0
    with output_directory(outdir, GovgraphError, force=force) as building:
        shared = building / SHARED_FILE
        shared.write_text(shared_text, encoding="utf-8")
        store = load_store([*ontology_sources(), shared])
        context = Context(OxigraphBackend(store), shared=levels)
        for text, _ in parts:
            graph = rdflib.Graph()
            graph.parse(data=text, format="nt")
            (jurisdiction,) = [n for n in namespaces(graph) if n not in levels]
            exported = export_rows(graph, jurisdiction, context)
            _name_jurisdiction(exported.rows, jurisdiction)
            if exported.missing:  # what the workbook adds (gg:jurisdiction...) is fine
                raise GovgraphError(
                    f"synthetic jurisdiction {jurisdiction} does not fit the workbook: "
                    f"{len(exported.missing)} triples left out"
                )
            if fmt == "xlsx":
                (building / f"{jurisdiction}.xlsx").write_bytes(xlsx_bytes(exported.rows, context))
            else:
                folder = building / jurisdiction
                folder.mkdir()
                for name, data in csv_files(exported.rows).items():
                    (folder / name).write_bytes(data)
            written += 1
    return written


def _name_jurisdiction(rows: dict[str, list[dict[str, str]]], jurisdiction: str) -> None:
    """Name a synthetic jurisdiction the vocabulary does not have (as the generator does)."""
    (row,) = rows["jurisdiction"]
    if not row.get("name_es"):
        number = jurisdiction.rsplit("-", 1)[-1]
        row.update(
            name_es=f"Estado Sintético {number}",
            name_en=f"Synthetic State {number}",
            level="estatal",
            definition_es=f"Jurisdicción sintética {number} del generador de govgraph.",
            definition_en=f"Synthetic jurisdiction {number} of govgraph's generator.",
        )


def workbook_paths(outdir: str | os.PathLike[str]) -> list[Path]:
    """The workbooks (or CSV folders) write_workbooks wrote, in jurisdiction order."""
    root = Path(outdir)
    found = [p for p in root.iterdir() if p.suffix == ".xlsx" or p.is_dir()]
    return sorted(
        found, key=lambda p: int(p.stem.rsplit("-", 1)[-1]) if p.stem[-1:].isdigit() else 0
    )
