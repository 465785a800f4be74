"""The statistics page of each jurisdiction: its RDF Data Cube observations as bar charts.

A data set with two or more observations (and no negative value) is a chart: one bar per
observation, labelled with what tells the bars apart (sex, country, cause, area or period) and
with its value, drawn as inline SVG (statistics.html) beside a table of the same figures; the
other figures are one table. Python computes the geometry; the template writes the markup.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from govgraph.publish.core import Link, _Core
from govgraph.publish.terms import _NS, EVIDENCE, RDF_TYPE, SOURCE

OBSERVATION = _NS["qb"] + "Observation"
DATA_SET = _NS["qb"] + "dataSet"
JURISDICTION = _NS["gg"] + "jurisdiction"
AREA = _NS["sdmx-dimension"] + "refArea"
PERIOD = _NS["sdmx-dimension"] + "refPeriod"
SEX = _NS["sdmx-dimension"] + "sex"
VALUE = _NS["sdmx-measure"] + "obsValue"
UNIT = _NS["sdmx-attribute"] + "unitMeasure"
RANK_OUT_OF = _NS["gg"] + "rankOutOf"
BASE_PERIOD = _NS["gg"] + "basePeriod"
NOTATION = _NS["skos"] + "notation"
# The dimensions that may tell the observations of one data set apart, in label order.
BREAKDOWNS = (
    _NS["gg"] + "countryOfOrigin",
    _NS["gg"] + "countryOfDestination",
    _NS["gg"] + "emigrationCause",
    SEX,
    AREA,
    PERIOD,
)

# The chart's geometry (SVG user units): a label line above each bar, its value after it.
WIDTH = 640
PAD = 8
VALUE_ROOM = 120  # right of the longest bar, for its value
ROW = 44  # one bar: its label line and the bar
BAR = 18
LABEL_BASELINE = 15
BAR_TOP = 21

WORDS: dict[str, dict[str, str]] = {
    "es": {
        "heading": "Estadísticas",
        "intro": (
            "Las cifras que el informe da sobre la población y la movilidad humana, como "
            "observaciones del RDF Data Cube del W3C: cada una con su conjunto de datos, su "
            "área, su período, su unidad y la nota o sección del informe de la que proviene."
        ),
        "charts": "Gráficos",
        "other": "Otras cifras",
        "chart": "Gráfico de barras",
        "category": "Categoría",
        "value": "Valor",
        "unit": "Unidad",
        "dataset": "Conjunto de datos",
        "area": "Área",
        "period": "Período",
        "source": "Fuente",
        "observation": "Observación",
        "note": "Nota",
        "out_of": "de",
        "base": "respecto a",
        "sources": "Fuentes",
        "figures": "cifras",
    },
    "en": {
        "heading": "Statistics",
        "intro": (
            "The figures the report gives on population and human mobility, as observations "
            "of the W3C RDF Data Cube: each with its data set, area, period, unit and the "
            "footnote or section of the report it comes from."
        ),
        "charts": "Charts",
        "other": "Other figures",
        "chart": "Bar chart",
        "category": "Category",
        "value": "Value",
        "unit": "Unit",
        "dataset": "Data set",
        "area": "Area",
        "period": "Period",
        "source": "Source",
        "observation": "Observation",
        "note": "Note",
        "out_of": "of",
        "base": "compared with",
        "sources": "Sources",
        "figures": "figures",
    },
}


class Figure(NamedTuple):
    """One observation as the page shows it."""

    iri: str
    dataset: str
    value: Decimal
    shown: str  # the value as text, in the page's language, with its unit symbol
    unit: str
    dimensions: dict[str, str]  # dimension property → value IRI
    extra: str  # a rank's total or a change's base period, as text ("" if none)
    source: str | None
    quote: str | None


def number(value: Decimal, lang: str) -> str:
    """A value as the report writes it: 18.031 and 93,3 in Spanish, 18,031 and 93.3 in English."""
    text = f"{value:,f}" if value == value.to_integral_value() else f"{value.normalize():,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "es":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


class _StatisticsPages(_Core):
    """The statistics pages (statistics/<jurisdiction>.html), one per jurisdiction with figures."""

    def figures(self) -> dict[str, list[Figure]]:
        """The observations of each jurisdiction (gg:jurisdiction), in the report's order."""
        found: dict[str, list[Figure]] = defaultdict(list)
        for iri in sorted(self.graph.subjects(RDF_TYPE, OBSERVATION), key=self.order):
            figure = self.figure(iri)
            if figure is None:
                continue
            for jurisdiction in self.graph.iris(iri, JURISDICTION):
                found[jurisdiction].append(figure)
        return dict(sorted(found.items()))

    def figure(self, iri: str) -> Figure | None:
        """One observation, or None when it lacks a data set, a unit or a numeric value."""
        datasets = self.graph.iris(iri, DATA_SET)
        units = self.graph.iris(iri, UNIT)
        values = self.graph.literals(iri, VALUE)
        if not datasets or not units or not values:
            return None
        try:
            value = Decimal(values[0].value)
        except InvalidOperation:
            return None
        unit = units[0]
        notation = self.graph.literals(unit, NOTATION)
        symbol = notation[0].value if notation else ""
        shown = number(value, self.lang) + (f" {symbol}" if symbol else "")
        extra = ""
        out_of = self.graph.literals(iri, RANK_OUT_OF)
        if out_of:
            extra = f"{self.words['out_of']} {out_of[0].value}"
        base = self.graph.iris(iri, BASE_PERIOD)
        if base:
            extra = f"{self.words['base']} {self.label(base[0])[0]}"
        sources = sorted(self.graph.iris(iri, SOURCE), key=self.order)
        quotes = self.graph.literals(iri, EVIDENCE)
        dimensions = {p: v[0] for p in BREAKDOWNS if (v := self.graph.iris(iri, p))}
        return Figure(
            iri,
            datasets[0],
            value,
            shown,
            unit,
            dimensions,
            extra,
            sources[0] if sources else None,
            quotes[0].value if quotes else None,
        )

    @property
    def words(self) -> dict[str, str]:
        """The words of the statistics pages in the site's language."""
        return WORDS[self.lang]

    def statistics_pages(self) -> list[Link]:
        """Write a statistics page per jurisdiction with figures; return links from the home."""
        links = []
        for jurisdiction, figures in self.figures().items():
            slug = posixpath.basename(jurisdiction.rstrip("/"))
            path = f"statistics/{slug}.html"
            self.statistics_page(path, jurisdiction, figures)
            name, language = self.label(jurisdiction)
            links.append(Link(name, path, self.lang_of(language)))
        return links

    def statistics_page(self, path: str, jurisdiction: str, figures: list[Figure]) -> None:
        """Write one jurisdiction's page: a chart per data set of several figures, one table."""
        by_dataset: dict[str, list[Figure]] = defaultdict(list)
        for figure in figures:
            by_dataset[figure.dataset].append(figure)
        charts: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        for dataset in sorted(by_dataset, key=self.order):
            members = by_dataset[dataset]
            if len(members) > 1 and all(f.value >= 0 for f in members):
                charts.append(self.chart(path, dataset, members, len(charts) + 1))
            else:
                others.extend(self.row(path, f, []) for f in members)
        name = self.label(jurisdiction)[0]
        self.page(
            path,
            "statistics.html",
            title=f"{self.words['heading']}: {name}",
            heading=self.link(path, jurisdiction),
            crumbs=[("index.html", self.ui["home"])],
            words=self.words,
            charts=charts,
            others=others,
            count=len(figures),
        )

    def varying(self, figures: list[Figure]) -> list[str]:
        """The dimensions whose values differ between the figures of a chart (else the period)."""
        return [p for p in BREAKDOWNS if len({f.dimensions.get(p) for f in figures}) > 1] or list(
            BREAKDOWNS[-1:]
        )

    def category(self, figure: Figure, dimensions: list[str]) -> str:
        """What tells a figure apart from the others of its chart, as text."""
        return ", ".join(
            self.label(figure.dimensions[p])[0] for p in dimensions if p in figure.dimensions
        )

    def row(self, page: str, figure: Figure, dimensions: list[str]) -> dict[str, Any]:
        """A figure as a row of a table: category is what dimensions tell it apart by."""
        dims = figure.dimensions
        breakdown = [p for p in BREAKDOWNS if p in dims and p not in (AREA, PERIOD)]
        category = self.category(figure, dimensions)
        return {
            "dataset": self.link(page, figure.dataset),
            "category": category,
            "category_link": self.link(page, figure.iri, category or self.words["observation"]),
            "breakdown": self.category(figure, breakdown),
            "area": self.link(page, dims[AREA]) if AREA in dims else None,
            "period": self.label(dims[PERIOD])[0] if PERIOD in dims else "",
            "value": figure.shown,
            "unit": self.label(figure.unit)[0],
            "extra": figure.extra,
            "source": self.link(page, figure.source) if figure.source else None,
            "observation": self.link(page, figure.iri, self.words["observation"]),
            "quote": figure.quote,
        }

    def chart(self, page: str, dataset: str, figures: list[Figure], number_: int) -> dict[str, Any]:
        """A data set of several figures as a horizontal bar chart and a table."""
        dimensions = self.varying(figures)
        largest = max(f.value for f in figures) or Decimal(1)
        span = WIDTH - 2 * PAD - VALUE_ROOM
        bars = []
        for i, figure in enumerate(figures):
            top = PAD + i * ROW
            length = max(1, round(float(figure.value / largest) * span))
            bars.append(
                {
                    "label": self.category(figure, dimensions),
                    "value": figure.shown,
                    "label_y": top + LABEL_BASELINE,
                    "bar_y": top + BAR_TOP,
                    "bar_width": length,
                    "value_x": PAD + length + 6,
                    "value_y": top + BAR_TOP + BAR - 4,
                }
            )
        name = self.label(dataset)[0]
        unit = self.label(figures[0].unit)[0]
        periods = sorted(
            {self.label(f.dimensions[PERIOD])[0] for f in figures if PERIOD in f.dimensions}
        )
        areas = sorted({self.label(f.dimensions[AREA])[0] for f in figures if AREA in f.dimensions})
        sources = sorted({f.source for f in figures if f.source}, key=self.order)
        summary = "; ".join(f"{b['label']}: {b['value']}" for b in bars)
        return {
            "id": f"chart-{number_}",
            "dataset": self.link(page, dataset),
            "title": name,
            "desc": f"{self.words['chart']} ({unit}; {', '.join(areas + periods)}). {summary}.",
            "width": WIDTH,
            "height": 2 * PAD + len(figures) * ROW,
            "x0": PAD,
            "bar_height": BAR,
            "bars": bars,
            "unit": unit,
            "context": ", ".join(
                [
                    *(areas if AREA not in dimensions else []),
                    *(periods if PERIOD not in dimensions else []),
                ]
            ),
            "sources": [self.link(page, s) for s in sources],
            "rows": [self.row(page, f, dimensions) for f in figures],
        }
