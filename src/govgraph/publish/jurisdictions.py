"""A page per jurisdiction with a profile (jurisdiction/<id>.html) and the comparison page.

A jurisdiction's page gathers what its profile states: its report, how many councils, bodies,
laws, ... (gg:jurisdiction of the jurisdiction itself), its councils and who presides each, its
migrant-specific institution, the councils where the diaspora votes, its findings per MGI
dimension, the federal and international actors it links to, and its statistics page.
compare.html is govgraph.compare's table of every profile. The figures come from the saved
queries of queries/compare/ (govgraph.compare.rows_of), run on the site's graph, so the pages
say what `govgraph compare` says; the links come from the graph.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from govgraph.publish.core import Link, _Core
from govgraph.publish.graph import _sort_key
from govgraph.publish.search import Entry
from govgraph.publish.terms import _NS, _SAFE_SEGMENT, ASSESSMENT, SUBJECT

if TYPE_CHECKING:
    from govgraph.store import Backend

JURISDICTION = _NS["gg"] + "jurisdiction"
FINDING = _NS["gg"] + "Finding"
ORGANIZATION = _NS["org"] + "organization"
MEMBER = _NS["org"] + "member"
ROLE = _NS["org"] + "role"
POST = _NS["gg"] + "post"
PRESIDENCY = _NS["role"] + "presidencia"
COMPARE_PAGE = "compare.html"

WORDS: dict[str, dict[str, str]] = {
    "es": {
        "profile": "Perfil",
        "intro": (
            "Lo que el perfil de los Indicadores de Gobernanza de la Migración (IGM) a nivel "
            "local afirma de esta jurisdicción: lo que lleva su gg:jurisdiction. Los actores "
            "federales e internacionales son compartidos entre los perfiles y se cuentan aparte."
        ),
        "report": "Informe",
        "size": "Tamaño del perfil",
        "kind": "Tipo",
        "count": "Número",
        "councils": "Consejos y quién los preside",
        "council": "Consejo",
        "chair": "Preside",
        "post": "Cargo",
        "institution": "Institución para personas migrantes",
        "institution_none": "El perfil no nombra una secretaría, instituto u oficina para "
        "personas migrantes.",
        "diaspora": "Consejos en que la diáspora tiene voz y voto",
        "findings": "Hallazgos por dimensión de los IGM",
        "dimension": "Dimensión",
        "total": "Total",
        "shared": "Actores federales e internacionales con los que se vincula",
        "actor": "Actor",
        "level": "Nivel",
        "links": "Vínculos",
        "statistics": "Estadísticas del perfil",
        "none": "Ninguno.",
        "compare_intro": (
            "Los perfiles lado a lado: tamaño, consejos, institución para personas migrantes, "
            "voto de la diáspora, hallazgos por dimensión, actores federales e internacionales "
            "compartidos (número de vínculos) y estadísticas. Es la tabla de «govgraph compare»."
        ),
        "compare_caption": "Comparación de {n} perfiles",
        "section": "Sección",
        "aspect": "Aspecto",
    },
    "en": {
        "profile": "Profile",
        "intro": (
            "What the local Migration Governance Indicators (MGI) profile states about this "
            "jurisdiction: what carries its gg:jurisdiction. Federal and international actors "
            "are shared between the profiles and counted apart."
        ),
        "report": "Report",
        "size": "Size of the profile",
        "kind": "Kind",
        "count": "Count",
        "councils": "Councils and who presides them",
        "council": "Council",
        "chair": "Presided by",
        "post": "Post",
        "institution": "Migrant-specific institution",
        "institution_none": "The profile names no secretariat, institute or office for migrants.",
        "diaspora": "Councils where the diaspora has a voice and a vote",
        "findings": "Findings per MGI dimension",
        "dimension": "Dimension",
        "total": "Total",
        "shared": "Federal and international actors it links to",
        "actor": "Actor",
        "level": "Level",
        "links": "Links",
        "statistics": "Statistics of the profile",
        "none": "None.",
        "compare_intro": (
            "The profiles side by side: size, councils, migrant-specific institution, diaspora "
            "vote, findings per dimension, shared federal and international actors (number of "
            "links) and statistics. It is the table of `govgraph compare`."
        ),
        "compare_caption": "Comparison of {n} profiles",
        "section": "Section",
        "aspect": "Aspect",
    },
}


class Profile(NamedTuple):
    """A jurisdiction with a profile: its id, IRI, page (site path, or '' when it has none)."""

    id: str
    iri: str
    path: str
    label: str
    report: str


class _JurisdictionPages(_Core):
    """The page of each jurisdiction with a profile, and the comparison of every profile."""

    _backend: Backend | None = None
    _rows: dict[str, dict[str, list[dict[str, str | None]]]] | None = None

    @property
    def backend(self) -> Backend:
        """The site's graph in an Oxigraph store, for saved queries (built once)."""
        if self._backend is None:
            import pyoxigraph

            from govgraph.store import OxigraphBackend

            store = pyoxigraph.Store()
            store.extend(
                pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
                for t in self.graph.triples
            )
            self._backend = OxigraphBackend(store)
        return self._backend

    @property
    def profile_words(self) -> dict[str, str]:
        """The words of the jurisdiction and comparison pages in the site's language."""
        return WORDS[self.lang]

    def profiles(self) -> list[Profile]:
        """Every jurisdiction with a profile (govgraph.compare.profiles), by id."""
        from govgraph import compare
        from govgraph.jurisdictions import NAMESPACE

        found = []
        for ident, (label, report) in sorted(compare.profiles(self.backend, self.lang).items()):
            path = f"jurisdiction/{ident}.html" if _SAFE_SEGMENT.match(ident) else ""
            found.append(Profile(ident, NAMESPACE + ident, path, label, report))
        return found

    def rows(self, name: str, profile: Profile) -> list[dict[str, str | None]]:
        """The rows of queries/compare/NAME.rq that belong to one jurisdiction (run once)."""
        from govgraph import compare

        if self._rows is None:
            self._rows = {}
        if name not in self._rows:
            by_jurisdiction: dict[str, list[dict[str, str | None]]] = defaultdict(list)
            for row in compare.rows_of(self.backend, name, self.lang):
                by_jurisdiction[str(row["jurisdiction_id"])].append(row)
            self._rows[name] = by_jurisdiction
        return self._rows[name].get(profile.iri, [])

    def jurisdiction_page(self, profile: Profile, statistics: Sequence[str]) -> None:
        """Write one jurisdiction's page; statistics: the statistics pages written."""
        from govgraph import compare

        path = profile.path
        words = self.profile_words
        reports = sorted(
            (
                r
                for r in self.graph.subjects(JURISDICTION, profile.iri)
                if _NS["gg"] + "Report" in self.graph.types(r)
            ),
            key=self.order,
        )
        counts = {str(row["kind"]): str(row["n"]) for row in self.rows("counts", profile)}
        size = [
            (_capital(compare.word(kind, self.lang)), counts.get(kind, "0"))
            for kind in compare.COUNTED
        ]
        councils = sorted(
            {str(row["council_id"]) for row in self.rows("councils", profile)}, key=self.order
        )
        institutions = sorted(
            {str(row["body_id"]) for row in self.rows("migrant-institutions", profile)},
            key=self.order,
        )
        diaspora = sorted(
            {str(row["council_id"]) for row in self.rows("diaspora-vote", profile)},
            key=self.order,
        )
        shared = [
            {
                "actor": self.link(path, str(row["actor_id"])),
                "level": self.link(path, str(row["actor_jurisdiction_id"])),
                "links": str(row["links"]),
            }
            for row in sorted(
                self.rows("shared", profile),
                key=lambda r: (_sort_key(self.label(str(r["actor_id"]))[0]), str(r["actor_id"])),
            )
        ]
        stats = f"statistics/{profile.id}.html"
        self.page(
            path,
            "jurisdiction.html",
            title=f"{words['profile']}: {profile.label}",
            heading=self.link(path, profile.iri, profile.label),
            crumbs=[("index.html", self.ui["home"]), (COMPARE_PAGE, self.ui["profiles"])],
            words=words,
            reports=[self.link(path, r) for r in reports],
            size=size,
            councils=[self.council(path, c) for c in councils],
            institutions=[self.link(path, b) for b in institutions],
            diaspora=[self.link(path, c) for c in diaspora],
            findings=self.findings_table(path, profile),
            shared=shared,
            statistics=self.href(path, stats) if stats in statistics else "",
            compare=self.href(path, COMPARE_PAGE),
        )

    def council(self, page: str, council: str) -> dict[str, Any]:
        """A council with the members that preside it and the posts through which they do."""
        seats = [
            s
            for s in self.graph.subjects(ORGANIZATION, council)
            if PRESIDENCY in self.graph.iris(s, ROLE)
        ]
        chairs = sorted({m for s in seats for m in self.graph.iris(s, MEMBER)}, key=self.order)
        posts = sorted({p for s in seats for p in self.graph.iris(s, POST)}, key=self.order)
        return {
            "council": self.link(page, council),
            "chairs": [self.link(page, c) for c in chairs],
            "posts": [self.link(page, p) for p in posts],
        }

    def findings_table(self, page: str, profile: Profile) -> dict[str, Any]:
        """The profile's findings per MGI dimension and assessment: counts and links."""
        findings = [
            f
            for f in self.graph.subjects(JURISDICTION, profile.iri)
            if FINDING in self.graph.types(f)
        ]
        cells: dict[tuple[str, str], list[str]] = defaultdict(list)
        for finding in findings:
            for dimension in self.graph.iris(finding, SUBJECT) or [""]:
                for assessment in self.graph.iris(finding, ASSESSMENT) or [""]:
                    cells[(dimension, assessment)].append(finding)
        dimensions = sorted({d for d, _ in cells}, key=lambda d: self.order(d) if d else ())
        assessments = sorted({a for _, a in cells}, key=lambda a: self.order(a) if a else ())
        rows = []
        for dimension in dimensions:
            row = []
            for assessment in assessments:
                members = sorted(cells.get((dimension, assessment), []), key=self.order)
                row.append([self.link(page, f) for f in members])
            rows.append(
                {
                    "dimension": self.dimension_page_link(page, dimension) if dimension else None,
                    "cells": row,
                    "total": len({f for cell in row for f in cell}),
                }
            )
        return {
            "assessments": [self.link(page, a) if a else None for a in assessments],
            "rows": rows,
            "totals": [
                len({f for (_, a), members in cells.items() if a == assessment for f in members})
                for assessment in assessments
            ],
            "total": len(findings),
        }

    def dimension_page_link(self, page: str, dimension: str) -> Link:
        """A link to a dimension's page (dimension/<slug>.html), else to its concept."""
        link = self.link(page, dimension)
        if dimension in self.dimension_list:
            slug = posixpath.basename(dimension)
            return link._replace(href=self.href(page, f"dimension/{slug}.html"), external=False)
        return link

    def compare_page(self, profiles: Sequence[Profile]) -> None:
        """Write compare.html: govgraph.compare's table of every profile."""
        from govgraph import compare

        path = COMPARE_PAGE
        words = self.profile_words
        table = compare.compare(self.backend, [p.id for p in profiles], self.lang)
        sections: list[tuple[str, list[tuple[str, list[list[str]]]]]] = []
        for section, aspect, *values in table.rows:
            if not sections or sections[-1][0] != _capital(section):
                sections.append((_capital(section), []))
            sections[-1][1].append((_capital(aspect), [value.split("; ") for value in values]))
        self.page(
            path,
            "compare.html",
            title=self.ui["compare"],
            crumbs=[("index.html", self.ui["home"])],
            words=words,
            caption=words["compare_caption"].format(n=len(profiles)),
            columns=[
                Link(p.label, self.href(path, p.path)) if p.path else Link(p.label)
                for p in profiles
            ],
            sections=sections,
        )

    def profile_links(self, page: str, profiles: Sequence[Profile]) -> list[Link]:
        """Links from a page to the jurisdiction pages."""
        return [Link(p.label, self.href(page, p.path)) for p in profiles if p.path]

    def search_entries(self, profiles: Sequence[Profile]) -> list[Entry]:
        """The jurisdiction pages and the comparison as items of the search index."""
        from govgraph.namespaces import curie

        words = self.profile_words
        entries = [
            Entry(
                p.path,
                "profile",
                words["profile"],
                p.label,
                curie(p.iri).strip("<>"),
                self.other_label(p.iri) or "",
            )
            for p in profiles
            if p.path
        ]
        if profiles:
            entries.append(Entry(COMPARE_PAGE, "profile", words["profile"], self.ui["compare"], ""))
        return entries


def _capital(text: str) -> str:
    """A section or aspect name as a heading: its first letter in capitals."""
    return text[:1].upper() + text[1:]
