"""The index pages: by type, by MGI dimension, and the home page."""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from govgraph.namespaces import curie
from govgraph.publish.core import Link
from govgraph.publish.export import FORMATS
from govgraph.publish.pages import _EntityPages
from govgraph.publish.terms import (
    _INDEX_CONTEXT,
    _NS,
    ASSESSMENT,
    DESCRIPTIONS,
    DUMPS,
    EVIDENCE,
    KINDS,
    MENTIONS,
    RDF_TYPE,
    SOURCE,
    SUBJECT,
)


class _IndexPages(_EntityPages):
    """The index pages: by type, by MGI dimension, and the home page."""

    def type_index(self, kind: str, members: list[str]) -> None:
        """Write the index of the resources of one kind."""
        path = f"type/{kind}.html"
        context = _INDEX_CONTEXT.get(kind)
        columns = [self.ui["name"], self.ui["english"], self.ui["acronym"]]
        if context:
            columns.append(self.label(context)[0].capitalize())
        columns.append(self.ui["identifier"])
        rows = []
        for iri in members:
            values = sorted(self.graph.iris(iri, context), key=self.order) if context else []
            rows.append(
                {
                    "link": self.link(path, iri),
                    "other": self.other_label(iri) or "",
                    "acronyms": " · ".join(self.acronyms(iri)),
                    "context": [self.link(path, v) for v in values] if context else None,
                    "curie": curie(iri).strip("<>"),
                }
            )
        title = self.kind_title(kind)
        self.page(
            path,
            "index.html",
            title=title,
            crumbs=[("index.html", self.ui["home"])],
            columns=columns,
            rows=rows,
        )

    def dimension_page(self, dimension: str) -> None:
        """Write the page of an MGI dimension: its findings by assessment, what is about it."""
        slug = posixpath.basename(dimension)
        path = f"dimension/{slug}.html"
        name, language = self.label(dimension)
        findings = self.findings_of(dimension)
        by_assessment: dict[str, list[str]] = defaultdict(list)
        for finding in findings:
            for assessment in self.graph.iris(finding, ASSESSMENT) or [""]:
                by_assessment[assessment].append(finding)
        assessments = [
            (
                self.link(path, assessment) if assessment else None,
                [self.finding_block(path, f) for f in by_assessment[assessment]],
            )
            for assessment in sorted(by_assessment, key=lambda a: self.order(a) if a else ())
        ]
        related: dict[str, list[str]] = defaultdict(list)
        sections: list[str] = []
        for subject in sorted(set(self.graph.subjects(SUBJECT, dimension)), key=self.order):
            if subject not in self.entities or subject in findings:
                continue
            kind = self.kind(subject)
            (sections if kind == "section" else related[kind]).append(subject)
        self.page(
            path,
            "dimension.html",
            title=name,
            heading=Link(name, "", self.lang_of(language)),
            crumbs=[("index.html", self.ui["home"])],
            header=self.header(path, dimension),
            descriptions=self.descriptions(dimension),
            findings=len(findings),
            assessments=assessments,
            related=[
                (self.kind_title(slug_), self.link_list(path, related[slug_]))
                for slug_, *_ in KINDS
                if related.get(slug_)
            ],
            sections=self.link_list(path, sections),
        )

    def finding_block(self, page: str, finding: str) -> dict[str, Any]:
        """A finding: its text, quotes, sources and what it mentions."""
        text = self.graph.text(finding, DESCRIPTIONS[0], self.lang)
        sources = sorted(self.graph.iris(finding, SOURCE), key=self.order)
        mentioned = sorted(self.graph.iris(finding, MENTIONS), key=self.order)
        return {
            "link": self.link(page, finding),
            "text": self.text(text) if text is not None else None,
            "quotes": [self.text(q) for q in self.graph.literals(finding, EVIDENCE)],
            "sources": [self.link(page, s) for s in sources],
            "mentions": [self.link(page, m) for m in mentioned],
        }

    def home(
        self,
        kinds: Mapping[str, list[str]],
        dimensions: list[str],
        statistics: Sequence[Link] = (),
        profiles: Sequence[Link] = (),
        comparison: str = "",
    ) -> None:
        """Write the home page: counts, indexes, profiles and their comparison, dimensions,
        statistics, the network and the data files."""
        path = "index.html"
        reports = sorted(self.graph.subjects(RDF_TYPE, _NS["gg"] + "Report"))
        rows = []
        for dimension in dimensions:
            findings = self.findings_of(dimension)
            assessed = Counter(a for f in findings for a in self.graph.iris(f, ASSESSMENT))
            name, language = self.label(dimension)
            rows.append(
                {
                    "link": Link(
                        name,
                        f"dimension/{posixpath.basename(dimension)}.html",
                        self.lang_of(language),
                    ),
                    "well": assessed.get(_NS["assess"] + "bien-desarrollado", 0),
                    "potential": assessed.get(_NS["assess"] + "potencial-desarrollo", 0),
                    "about": len(set(self.graph.subjects(SUBJECT, dimension))),
                }
            )
        dumps = [
            {
                "file": f"dumps/govgraph.{fmt}",
                "name": name,
                "media": FORMATS[fmt],
                "size": _size(self.written[f"dumps/govgraph.{fmt}"]),
            }
            for fmt, name in DUMPS
        ]
        self.page(
            path,
            "home.html",
            title=self.ui["tagline"],
            reports=[self.link(path, r) for r in reports],
            entities=len(self.entities),
            cards=[(kind, len(members), self.kind_title(kind)) for kind, members in kinds.items()],
            dimensions=rows,
            statistics=list(statistics),
            profiles=list(profiles),
            comparison=comparison,
            dumps=dumps,
            ontology_link=(
                self.link(path, self.ontology, self.ui["ontology"]) if self.ontology else None
            ),
            context=self.context_path,
            endpoint=self.endpoint or "",
        )


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"
