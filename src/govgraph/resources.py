"""Where the bundled ontology, vocabularies, shapes, data and queries live."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

SHAPES = "shapes.ttl"


def _root() -> Path:
    """Return the bundle inside an installed wheel, else the repository root (editable checkout).

    The package is always installed as files (pip unpacks wheels), so its directory is where
    importlib.resources.files would point; this avoids that module's import cost at start-up.
    """
    package = Path(__file__).resolve().parent
    bundle = package / "_bundle"
    return bundle if bundle.is_dir() else package.parents[1]


def ontology_dir() -> Path:
    """Return the directory of the OWL ontology and the SHACL shapes."""
    return _root() / "ontology"


def vocab_dir() -> Path:
    """Return the directory of the SKOS vocabularies."""
    return ontology_dir() / "vocab"


def shapes_file() -> Path:
    """Return the SHACL shapes file."""
    return ontology_dir() / SHAPES


def data_dir() -> Path:
    """Return the directory of the graph's Turtle data (data/ttl in the repository)."""
    root = _root()
    return root / "data" if root.name == "_bundle" else root / "data" / "ttl"


def queries_dir() -> Path:
    """Return the directory of saved SPARQL queries."""
    return _root() / "queries"


def checks_dir() -> Path:
    """Return the directory of the SPARQL checks (*-violation.rq)."""
    return queries_dir() / "checks"


def ontology_sources() -> list[Path]:
    """Return the ontology Turtle files (without the shapes) and the vocabulary directory."""
    root = ontology_dir()
    if not root.is_dir():
        return [root]  # let load.discover report it missing
    return [p for p in sorted(root.glob("*.ttl")) if p.name != SHAPES] + [vocab_dir()]


def default_sources(
    data: Sequence[Path | str] | None = None, ontology: Sequence[Path | str] | None = None
) -> list[Path]:
    """Return ontology + vocab + data paths; data and ontology replace the bundled ones."""
    return [Path(p) for p in (*(ontology or ontology_sources()), *(data or [data_dir()]))]
