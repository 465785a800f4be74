"""Validation: the SHACL shapes (pySHACL) and the SPARQL checks (queries/checks/*-violation.rq)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph import resources
from govgraph.errors import QueryError, ValidationError
from govgraph.load import load_graph
from govgraph.namespaces import curie
from govgraph.queries import parse
from govgraph.store import open_backend

if TYPE_CHECKING:
    import rdflib

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One result: the focus node, the property path if any, a message, and what found it."""

    focus: str
    path: str | None
    message: str
    source: str


@dataclass(frozen=True)
class Report:
    """Violations (they fail validation), warnings (they do not), and what was checked."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    triples: int = 0
    checks: int = 0

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings allowed)."""
        return not self.violations


def _shacl_results(
    paths: Sequence[Path | str], ontology: Sequence[Path | str], shapes: Path
) -> tuple[list[Violation], list[Violation], int]:
    """Run pySHACL; return violations, warnings and the size of the data graph."""
    import pyshacl
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError

    data = load_graph(paths)
    ont = load_graph(ontology)
    shapes_graph = load_graph([shapes])
    try:
        # inference "none": sh:targetClass and sh:class already follow rdfs:subClassOf through
        # the ontology in the data graph, and RDFS entailment (domain/range) would add types the
        # profile requires to be stated, so a missing rdf:type would pass unnoticed.
        _, results, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=ont,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
    except (ConstraintLoadError, ReportableRuntimeError, ShapeLoadError) as exc:
        raise ValidationError(f"{shapes}: {exc}") from None
    violations: list[Violation] = []
    warnings: list[Violation] = []
    for node in results.subjects(_iri("type", rdf=True), _iri("ValidationResult")):
        found = _shacl_violation(results, node)
        severity = results.value(node, _iri("resultSeverity"))
        (violations if str(severity) == SH + "Violation" else warnings).append(found)
    return sorted(violations), sorted(warnings), len(data)


def _iri(name: str, rdf: bool = False) -> rdflib.URIRef:
    """Return a SHACL (or, with rdf=True, an RDF) term."""
    import rdflib

    return rdflib.RDF[name] if rdf else rdflib.URIRef(SH + name)


def _shacl_violation(results: rdflib.Graph, node: rdflib.term.Node) -> Violation:
    """Turn one sh:ValidationResult into a Violation."""
    import rdflib

    path = results.value(node, _iri("resultPath"))
    shape = results.value(node, _iri("sourceShape"))
    component = str(results.value(node, _iri("sourceConstraintComponent")))
    messages = sorted(str(m) for m in results.objects(node, _iri("resultMessage")))
    return Violation(
        focus=str(results.value(node, _iri("focusNode"))),
        path=str(path) if isinstance(path, rdflib.URIRef) else None,
        message=messages[0] if messages else curie(component),
        source=curie(str(shape)) if isinstance(shape, rdflib.URIRef) else curie(component),
    )


def _check_results(paths: Sequence[Path | str], checks: Path) -> tuple[list[Violation], int]:
    """Run every *-violation.rq in checks; each row is a violation, ?focus first."""
    if not checks.is_dir():
        raise ValidationError(f"checks directory not found: {checks}")
    files = sorted(checks.glob("*-violation.rq"))
    backend = open_backend("oxigraph", paths)
    found: list[Violation] = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        try:
            summary = parse(text, file.name).summary
            result = backend.query(text)
        except QueryError as exc:
            raise ValidationError(f"check {file}: {exc}") from None
        message_at = result.columns.index("message") if "message" in result.columns else None
        for row in result.rows:
            message = row[message_at] if message_at is not None else None
            found.append(Violation(row[0] or "", None, message or summary, f"checks/{file.name}"))
    return sorted(found), len(files)


def validate(
    paths: Sequence[Path | str] | None = None,
    *,
    ontology: Sequence[Path | str] | None = None,
    shapes: Path | None = None,
    checks: Path | None = None,
) -> Report:
    """Validate the graph (default: the bundled sources) with SHACL shapes and SPARQL checks."""
    ontology = list(ontology or resources.ontology_sources())
    paths = list(paths or resources.default_sources(ontology=ontology))
    shapes = shapes or resources.shapes_file()
    violations, warnings, triples = _shacl_results(paths, ontology, shapes)
    failed, count = _check_results(paths, checks or resources.checks_dir())
    return Report(violations + failed, warnings, triples, count)
