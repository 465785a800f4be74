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


@dataclass(frozen=True)
class Violation:
    """One result: the focus node, the property path if any, a message, and what found it.

    focus is an IRI, `[ ]` (a blank node) with where it hangs from, or a literal in N-Triples
    form; path is an IRI, or a SPARQL property path in CURIEs starting with `(` or `^`, or None.
    """

    focus: str
    path: str | None
    message: str
    source: str

    def sort_key(self) -> tuple[str, str, str, str]:
        """Order by focus, path (none first), message and source; None never meets a str."""
        return (self.focus, self.path or "", self.message, self.source)


def _ordered(found: list[Violation]) -> list[Violation]:
    """Sorted, each violation once (pySHACL may report one defect twice, e.g. sh:node and sh:or)."""
    return sorted(dict.fromkeys(found), key=Violation.sort_key)


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
        found = _shacl_violation(results, node, data)
        severity = results.value(node, _iri("resultSeverity"))
        (violations if str(severity) == SH + "Violation" else warnings).append(found)
    return _ordered(violations), _ordered(warnings), len(data)


def _iri(name: str, rdf: bool = False) -> rdflib.URIRef:
    """Return a SHACL (or, with rdf=True, an RDF) term."""
    import rdflib

    return rdflib.RDF[name] if rdf else rdflib.URIRef(SH + name)


def _shacl_violation(
    results: rdflib.Graph, node: rdflib.term.Node, data: rdflib.Graph
) -> Violation:
    """Turn one sh:ValidationResult into a Violation; any of its parts may be missing."""
    import rdflib

    shape = results.value(node, _iri("sourceShape"))
    component = results.value(node, _iri("sourceConstraintComponent"))
    found_by = curie(str(component)) if isinstance(component, rdflib.URIRef) else "SHACL"
    messages = sorted(str(m) for m in results.objects(node, _iri("resultMessage")))
    value = results.value(node, _iri("value"))
    if not messages and value is not None:
        messages = [f"value {_node_text(value, data)} not allowed ({found_by})"]
    return Violation(
        focus=_node_text(results.value(node, _iri("focusNode")), data),
        path=_path_text(results, results.value(node, _iri("resultPath"))),
        message=messages[0] if messages else found_by,
        source=curie(str(shape)) if isinstance(shape, rdflib.URIRef) else found_by,
    )


def _node_text(node: rdflib.term.Node | None, data: rdflib.Graph, depth: int = 0) -> str:
    """An IRI as it is; a blank node as `[ ]` with the first IRI (sorted) it hangs from.

    pySHACL's blank node labels change from run to run and name nothing in the file, so a
    blank node is shown by the subject and predicate that lead to it: stable, and findable.
    """
    import rdflib

    if node is None:
        return "(no focus node)"
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if isinstance(node, rdflib.BNode):
        referrers = sorted(
            ((s, p) for s, p in data.subject_predicates(node) if s != node),
            key=lambda pair: (isinstance(pair[0], rdflib.BNode), str(pair[0]), str(pair[1])),
        )
        if not referrers or depth >= 5:
            return "[ ]"
        subject, predicate = referrers[0]
        where = _short(_node_text(subject, data, depth + 1))
        return f"[ ] (object of {where} {curie(str(predicate))})"
    return node.n3()  # a literal, e.g. with sh:targetObjectsOf


def _short(text: str) -> str:
    """A CURIE for an IRI; a described blank node or a literal as it is."""
    return curie(text) if text.startswith(("http://", "https://")) else text


# SHACL property paths other than a plain IRI, as SPARQL operators after the path.
_PATH_SUFFIX = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}


def _path_text(results: rdflib.Graph, path: rdflib.term.Node | None, depth: int = 0) -> str | None:
    """A result path: an IRI as it is, a complex path as SPARQL in CURIEs, None when absent."""
    import rdflib
    from rdflib.collection import Collection

    if path is None or depth > 10:
        return None
    if isinstance(path, rdflib.URIRef):
        return str(path) if depth == 0 else curie(str(path))
    if not isinstance(path, rdflib.BNode):
        return None

    def part(node: rdflib.term.Node) -> str:
        return _path_text(results, node, depth + 1) or "?"

    if (inverse := results.value(path, _iri("inversePath"))) is not None:
        return f"^{part(inverse)}"
    if (alternatives := results.value(path, _iri("alternativePath"))) is not None:
        return "(" + "|".join(part(p) for p in Collection(results, alternatives)) + ")"
    for name, suffix in _PATH_SUFFIX.items():
        if (inner := results.value(path, _iri(name))) is not None:
            return f"({part(inner)}){suffix}"
    if results.value(path, rdflib.RDF.first) is not None:
        return "(" + "/".join(part(p) for p in Collection(results, path)) + ")"
    return None


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
            focus = row[0] or "(no focus)"
            found.append(Violation(focus, None, message or summary, f"checks/{file.name}"))
    return _ordered(found), len(files)


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
