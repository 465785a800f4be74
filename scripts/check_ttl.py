"""Check data Turtle files: parse with rdflib and pyoxigraph, evidence quotes verbatim.

Usage: .venv/bin/python scripts/check_ttl.py data/ttl/mx-zac/FILE.ttl [...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph
import rdflib

ROOT = Path(__file__).resolve().parents[1]
GG = rdflib.Namespace("https://w3id.org/govgraph/ontology#")


def norm(text: str) -> str:
    """Collapse whitespace so quotes survive the report's line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def main(paths: list[str]) -> int:
    report = norm((ROOT / "data/source/igm-local-zacatecas.txt").read_text(encoding="utf-8"))
    failures = 0
    for p in paths:
        g = rdflib.Graph()
        try:
            g.parse(p, format="turtle")
        except Exception as exc:
            print(f"{p}: rdflib: {exc}")
            failures += 1
            continue
        try:
            n = len(list(pyoxigraph.parse(path=p, format=pyoxigraph.RdfFormat.TURTLE)))
        except Exception as exc:
            print(f"{p}: pyoxigraph: {exc}")
            failures += 1
            continue
        if n != len(g):
            print(f"{p}: rdflib {len(g)} triples, pyoxigraph {n}")
            failures += 1
        for s, q in g.subject_objects(GG.evidence):
            if norm(str(q)) not in report:
                print(f"{p}: evidence of {s} is not verbatim: {q!r}")
                failures += 1
        print(f"{p}: {len(g)} triples")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
