"""Write a profile's triples as Turtle in the layout of data/ttl/mx-zac: the prefix block, then one
block per subject (rdf:type first, predicates in the order of the sheet's columns).

IRIs are written as CURIEs only where the local part is a plain Turtle name (no '/', as
docs/model.md rule 7 asks); everything else in full. Literals are escaped, so any text from a
cell (quotes, backslashes, markup, line breaks) stays the text it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from govgraph.namespaces import PREFIXES, T
from govgraph.workbook.context import ID, SHARED_LEVELS

if TYPE_CHECKING:
    import rdflib

    from govgraph.workbook.build import Triple

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TO_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_BARE = {
    "http://www.w3.org/2001/XMLSchema#integer": re.compile(r"^[+-]?\d+$"),
    "http://www.w3.org/2001/XMLSchema#boolean": re.compile(r"^(true|false)$"),
}
# The prefix of each kind of IRI (body, council, membership...), as Zacatecas names them.
_EXAMPLE = ID + "mx-zac/"
KIND_PREFIXES = {
    namespace[len(_EXAMPLE) :].strip("/"): name
    for name, namespace in PREFIXES.items()
    if namespace.startswith(_EXAMPLE)
}


def prefixes(jurisdiction: str) -> dict[str, str]:
    """The prefix table of a profile's files: the vocabularies, its own kinds, the shared ones."""
    table = {name: ns for name, ns in PREFIXES.items() if not ns.startswith(ID)}
    table |= {name: f"{ID}{jurisdiction}/{kind}/" for kind, name in KIND_PREFIXES.items()}
    shared = tuple(f"{ID}{level}/" for level in SHARED_LEVELS)
    for name, namespace in PREFIXES.items():
        if namespace.startswith(shared) and name not in table:
            table[name] = namespace
    return table


def _escape(text: str) -> str:
    return _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


class _Writer:
    def __init__(self, table: dict[str, str]) -> None:
        self.table = sorted(table.items(), key=lambda item: len(item[1]), reverse=True)

    def iri(self, iri: str) -> str:
        if iri == T.rdf_type:
            return "a"
        for name, namespace in self.table:
            if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
                return f"{name}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def term(self, node: rdflib.term.Node) -> str:
        import rdflib

        if isinstance(node, rdflib.Literal):
            text = f'"{_escape(str(node))}"'
            if node.language:
                return f"{text}@{node.language}"
            if node.datatype is not None:
                datatype = str(node.datatype)
                if (bare := _BARE.get(datatype)) and bare.match(str(node)):
                    return str(node)
                return f"{text}^^{self.iri(datatype)}"
            return text
        return self.iri(str(node))


def turtle(triples: Iterable[Triple], jurisdiction: str, heading: str = "") -> str:
    """The triples as a Turtle document with the profile's prefix block."""
    table = prefixes(jurisdiction)
    writer = _Writer(table)
    width = max(len(name) for name in table) + 2
    head = "".join(f"@prefix {(name + ':').ljust(width)}<{ns}> .\n" for name, ns in table.items())
    subjects: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        predicates = subjects.setdefault(writer.term(s), {})
        objects = predicates.setdefault(writer.iri(str(p)), [])
        if (written := writer.term(o)) not in objects:
            objects.append(written)
    blocks = []
    for subject, predicates in subjects.items():
        order = sorted(predicates, key=lambda name: name != "a")  # rdf:type first
        lines = []
        for name in order:
            line = f"{name} {' , '.join(predicates[name])}"
            if len(line) > 96 and len(predicates[name]) > 1:  # one object per line, as by hand
                line = f"{name} " + " ,\n        ".join(predicates[name])
            lines.append(line)
        blocks.append(f"{subject} " + " ;\n    ".join(lines) + " .\n")
    comment = "".join(f"# {line}\n" for line in heading.splitlines())
    return head + "\n" + (comment + "\n" if comment else "") + "\n".join(blocks)
