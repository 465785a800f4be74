"""The statistics of the synthetic graphs: the shared data sets and each state's figures.

The shared block holds the statistical data sets of the bundled data/ttl/mx/statistics.ttl (the
same IRIs and the same triples), so a synthetic state and Zacatecas add observations to one
data set and `govgraph compare` puts their figures side by side. Each state's report gets a
section "Tendencias migratorias" (report/sec-tendencias) with five footnotes (notes 1-9: the
councils' notes are 10-89), the areas of its three most populous municipalities (area/) and 49
observations (observation/) in the 26 data sets, as docs/model.md ("Statistics") models them:
area, period and the breakdown a data set has (sex, country of origin or destination, cause),
value and unit, a rank's total or a change's base period, the note or section it comes from, a
synthetic quote that holds the value as the report writes it (1.622.138, 49,1) and its order.

The numbers come from a random generator of their own, seeded with (seed, j), drawn with integer
arithmetic only (the same bytes on every platform), and hang together: a percentage is that of
its counts, the shares of a breakdown add up to less than 100, a rank follows the size.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from govgraph import resources
from govgraph.errors import GovgraphError
from govgraph.namespaces import PREFIXES, T
from govgraph.synth.catalog import templates
from govgraph.synth.writer import (
    DESC,
    EVIDENCE,
    FEDERAL,
    ORDER,
    PART_OF,
    SECTION_NUMBER,
    SOURCE,
    T_LOCATION,
    T_SECTION,
    A,
    State,
    concept,
    integer,
    lit,
    plain,
    quoted,
    typed,
)

DATASETS = FEDERAL + "dataset/"  # the shared data sets, as data/ttl/mx/statistics.ttl has them
T_OBSERVATION = concept("qb", "Observation")
DATA_SET = concept("qb", "dataSet")
REF_AREA = concept("sdmx-dimension", "refArea")
REF_PERIOD = concept("sdmx-dimension", "refPeriod")
VALUE = concept("sdmx-measure", "obsValue")
UNIT = concept("sdmx-attribute", "unitMeasure")
RANK_OUT_OF = concept("gg", "rankOutOf")
BASE_PERIOD = concept("gg", "basePeriod")
# A breakdown's kind: its dimension, and the prefix of its codes
BREAKDOWNS = {
    "sex": (concept("sdmx-dimension", "sex"), PREFIXES["sdmx-code"] + "sex-"),
    "origin": (concept("gg", "countryOfOrigin"), PREFIXES["country"]),
    "destination": (concept("gg", "countryOfDestination"), PREFIXES["country"]),
    "cause": (concept("gg", "emigrationCause"), PREFIXES["cause"]),
}
VOCABULARIES = ("sex.ttl", "countries.ttl", "emigration-causes.ttl")  # the codes' labels
ORIGINS = ("can", "col", "cub", "ven", "gtm", "hnd", "slv", "nic")  # besides the USA
NATIONALITIES = ("gtm", "hnd", "slv", "nic", "cub", "ven", "col")  # of the people presented
CAUSES = (
    "reunificacion-familiar",
    "oferta-empleo",
    "busqueda-empleo",
    "union-matrimonio",
    "estudios",
    "inseguridad",
)
OUT_OF = 32  # the federal entities a rank is among
# National totals the shares are of (2020 Census and administrative records, rounded)
NATIONAL = {
    "poblacion": 126_014_024,
    "extranjeros": 1_212_252,
    "emigrantes": 802_807,
    "repatriaciones": 184_000,
}
POPULATION = (700_000, 17_000_000)  # the range of a state's population
NOTES = range(1, 10)  # the numbers the statistics' footnotes take


class Figure(NamedTuple):
    """One observation to write."""

    dataset: str  # the data set's slug
    period: str  # the period's slug (its label too)
    value: int  # a count, a rank, or a percentage in tenths (unit porcentaje)
    unit: str
    source: str  # the note or section (IRI in angle brackets)
    quote: str
    breakdown: tuple[str, str] | None = None  # (kind of BREAKDOWNS, code)
    area: int = 0  # 0: the state; i: its municipality municipio-i
    out_of: int | None = None
    base: str | None = None  # a change's base period


# --- The shared data sets and the labels of the codes ------------------------------------------


class _Statement(NamedTuple):
    """A statement of a bundled file: subject and predicate IRIs, the object in N-Triples form,
    and the object's value and language (a literal's)."""

    subject: str
    predicate: str
    term: str
    value: str
    language: str


def _statements(path: Path) -> Iterator[_Statement]:
    """The statements of a bundled Turtle file, in the file's order (IRIs and literals only)."""
    import pyoxigraph

    try:
        for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            s, p, o = quad.subject, quad.predicate, quad.object
            if not isinstance(s, pyoxigraph.NamedNode):
                raise GovgraphError(f"{path}: {s} is not an IRI (a blank node?)")
            if isinstance(o, pyoxigraph.NamedNode):
                yield _Statement(s.value, p.value, f"<{o.value}>", o.value, "")
            elif isinstance(o, pyoxigraph.Literal):
                if o.language:
                    term = lit(o.value, o.language)
                elif o.datatype.value == PREFIXES["xsd"] + "string":
                    term = quoted(o.value)
                else:
                    term = f"{quoted(o.value)}^^<{o.datatype.value}>"
                yield _Statement(s.value, p.value, term, o.value, o.language or "")
            else:
                raise GovgraphError(f"{path}: {o} is not an IRI or a literal (a blank node?)")
    except (OSError, SyntaxError) as exc:
        raise GovgraphError(f"cannot read {path}: {exc}") from None


@functools.cache
def shared_datasets() -> tuple[tuple[str, ...], dict[str, tuple[str, str]]]:
    """The lines of the bundled data sets (data/ttl/mx/statistics.ttl, in its order) and the
    Spanish and English labels of each by slug."""
    path = resources.data_dir() / "mx" / "statistics.ttl"
    lines: list[str] = []
    labels: dict[str, dict[str, str]] = {}
    for s in _statements(path):
        lines.append(f"<{s.subject}> <{s.predicate}> {s.term} .\n")
        if s.predicate == T.skos_prefLabel and s.subject.startswith(DATASETS):
            labels.setdefault(s.subject.removeprefix(DATASETS), {})[s.language] = s.value
    return tuple(lines), {slug: (names["es"], names["en"]) for slug, names in labels.items()}


@functools.cache
def code_labels() -> dict[str, tuple[str, str]]:
    """The Spanish and English labels of the codes of the breakdowns (sex, country, cause)."""
    labels: dict[str, dict[str, str]] = {}
    for name in VOCABULARIES:
        for s in _statements(resources.vocab_dir() / name):
            if s.predicate == T.skos_prefLabel:
                labels.setdefault(s.subject, {})[s.language] = s.value
    return {iri: (names["es"], names["en"]) for iri, names in labels.items()}


# --- Numbers as integers, and as the report writes them ----------------------------------------


def _skewed(rng: random.Random, low: int, high: int) -> int:
    """A whole number between low and high, small ones likelier (as the states' sizes are)."""
    k = rng.randint(0, 1000)
    return low + (high - low) * k * k // 1_000_000


def _rank(value: int, low: int, high: int) -> int:
    """The place (1 the largest) among OUT_OF areas of a value between low and high, on the
    scale _skewed draws on."""
    k = math.isqrt(max(0, min(value, high) - low) * 1_000_000 // (high - low))
    return max(1, OUT_OF - (OUT_OF - 1) * k // 1000)


def _share(part: int, whole: int) -> int:
    """part as a percentage of whole, in tenths, rounded half up (at least 0.1)."""
    return max(1, (2000 * part + whole) // (2 * whole))


def _change(now: int, before: int) -> int:
    """The change from before to now as a percentage, in tenths, rounded half away from 0."""
    tenths = (2000 * abs(now - before) + before) // (2 * before)
    return tenths if now >= before else -tenths


def _shares(rng: random.Random, count: int, first: tuple[int, int]) -> list[int]:
    """count percentages in tenths, the largest first, adding up to less than 100."""
    values = [rng.randint(*first)]
    budget = 1000 - values[0] - 1
    for left in range(count - 1, 0, -1):
        cap = max(1, min(values[-1], budget // left))
        values.append(rng.randint(max(1, cap // 3), cap))
        budget -= values[-1]
    return values


def es_number(value: int, tenths: bool = False) -> str:
    """A number as a Spanish report writes it (1.622.138; 49,1; 42 for 42.0)."""
    whole, rest = divmod(abs(value), 10) if tenths else (abs(value), 0)
    text = f"{whole:,}".replace(",", ".") + (f",{rest}" if rest else "")
    return f"-{text}" if value < 0 else text


def _percent(tenths: int) -> str:
    """A percentage literal: xsd:integer when whole (42), else xsd:decimal (49.1)."""
    whole, rest = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return integer(tenths // 10) if not rest else typed(f"{sign}{whole}.{rest}", "decimal")


def _listed(items: list[str]) -> str:
    """Items joined as Spanish writes a list: "a, b y c" ("e" before an i- sound)."""
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    sound = last.lower()
    conjunction = "e" if sound.startswith(("i", "hi")) and not sound.startswith("hie") else "y"
    return f"{', '.join(items[:-1])} {conjunction} {last}"


# --- One state's statistics ---------------------------------------------------------------------


class _Paragraphs:
    """The figures being drawn, in the report's order: each sentence's note (or section) and
    quote are those of the figures added after it."""

    def __init__(self, st: State) -> None:
        self.st, self.figures = st, list[Figure]()
        self.source = self.quote = ""
        self.quotes = templates().statistics_quotes

    def say(self, key: str, **values: str) -> None:
        """The next sentence: its quote, template `key` filled with the state and the values."""
        self.quote = self.quotes[key].format(E=self.st.es, de=str(OUT_OF), **values)

    def add(
        self,
        dataset: str,
        period: str,
        value: int,
        unit: str,
        breakdown: tuple[str, str] | None = None,
        *,
        area: int = 0,
        out_of: int | None = None,
        base: str | None = None,
    ) -> None:
        """A figure of the sentence."""
        source, quote = self.source, self.quote
        self.figures.append(
            Figure(dataset, period, value, unit, source, quote, breakdown, area, out_of, base)
        )

    def shares(
        self, dataset: str, period: str, kind: str, codes: list[str], values: list[int]
    ) -> None:
        """The percentages of a breakdown, one figure per code."""
        for code, value in zip(codes, values, strict=True):
            self.add(dataset, period, value, "porcentaje", (kind, code))

    def listed(self, kind: str, codes: list[str], values: list[int]) -> str:
        """A breakdown as a quote lists it: "Guatemala (53,8%), Honduras (23,3%) y Cuba (2,5%)"."""
        names = [code_names(kind, code)[0] for code in codes]
        return _listed([f"{name} ({_pct(v)}%)" for name, v in zip(names, values, strict=True)])


def code_names(kind: str, code: str) -> tuple[str, str]:
    """The Spanish and English names of a breakdown's code as a label or a quote gives them:
    a country as named ("Canadá"), a sex or a cause in lower case ("hombres", "estudios")."""
    es, en = code_labels()[BREAKDOWNS[kind][1] + code]
    if kind in ("sex", "cause"):
        es, en = es[0].lower() + es[1:], en[0].lower() + en[1:]
    return es, en


def _n(value: int) -> str:
    return es_number(value)


def _pct(tenths: int) -> str:
    return es_number(tenths, tenths=True)


def _sexes(men: int) -> dict[str, str]:
    """The men's and women's shares (men in tenths of a percent) as a quote gives them."""
    return {"hombres": _pct(men), "mujeres": _pct(1000 - men)}


def _change_words(tenths: int) -> str:
    return "una disminución" if tenths < 0 else "un aumento"


def _figures(st: State, rng: random.Random, notes: dict[str, str]) -> list[Figure]:
    """The state's figures in the report's order, with their notes and quotes."""
    p = _Paragraphs(st)
    sex = ["M", "F"]

    # Population and the foreign-born (the census)
    p.source = notes["censo"]
    people = _skewed(rng, *POPULATION)
    share = _share(people, NATIONAL["poblacion"])
    p.say("poblacion", poblacion=_n(people), porcentaje=_pct(share))
    p.add("poblacion", "2020", people, "personas")
    p.add("poblacion-porcentaje-nacional", "2020", share, "porcentaje")
    born, men = people * rng.randint(200, 2000) // 100_000, rng.randint(470, 530)
    share = _share(born, people)
    p.say("extranjeros", nacidos=_n(born), porcentaje=_pct(share), **_sexes(men))
    p.add("poblacion-nacida-extranjero", "2020", born, "personas")
    p.add("poblacion-nacida-extranjero-porcentaje", "2020", share, "porcentaje")
    p.shares("poblacion-nacida-extranjero-sexo", "2020", "sex", sex, [men, 1000 - men])
    codes = ["usa", *rng.sample(ORIGINS, 4)]
    values = _shares(rng, len(codes), (600, 950))
    p.say("origen", paises=p.listed("origin", codes, values))
    p.shares("poblacion-nacida-extranjero-pais", "2020", "origin", codes, values)
    place, share = _rank(born, 1_400, 340_000), _share(born, NATIONAL["extranjeros"])
    p.say("inmigrantes", lugar=str(place), porcentaje=_pct(share))
    p.add("inmigrantes-lugar-nacional", "2020", place, "lugar", out_of=OUT_OF)
    p.add("poblacion-extranjera-porcentaje-nacional", "2020", share, "porcentaje")

    # Humanitarian cards, presentations before the migration authority
    p.source = notes["movilidad"]
    cards = (rng.randint(1, 400), rng.randint(50, 5000))
    p.say("tarjetas", t2020=_n(cards[0]), t2021=_n(cards[1]))
    p.add("tarjetas-visitante-razones-humanitarias", "2020", cards[0], "tarjetas")
    p.add("tarjetas-visitante-razones-humanitarias", "2021", cards[1], "tarjetas")
    events = (rng.randint(100, 8000), rng.randint(100, 12000))
    p.say("presentaciones", p2019=_n(events[0]), p2021=_n(events[1]))
    p.add("presentaciones-autoridad-migratoria", "2019", events[0], "eventos")
    p.add("presentaciones-autoridad-migratoria", "2021", events[1], "eventos")
    codes = rng.sample(NATIONALITIES, 5)
    values = _shares(rng, len(codes), (350, 650))
    p.say("nacionalidades", paises=p.listed("origin", codes, values))
    p.shares("presentaciones-autoridad-migratoria-pais", "2019-2021", "origin", codes, values)

    # Emigration (the census, and the yearbook for the national comparison)
    p.source = notes["emigracion"]
    before = people * rng.randint(150, 2000) // 100_000
    drift = rng.randint(-400, 150)
    drift = -10 if -10 < drift < 10 else drift  # a change of 1 % at least
    emigrants, men = before + before * drift // 1000, rng.randint(600, 800)
    p.say("emigrantes", emigrantes=_n(emigrants), **_sexes(men))
    p.add("emigrantes", "2015-2020", emigrants, "personas")
    p.shares("emigrantes-sexo", "2015-2020", "sex", sex, [men, 1000 - men])
    change = _change(emigrants, before)
    p.say(
        "variacion", cambio=_change_words(change), variacion=_pct(abs(change)), anterior=_n(before)
    )
    p.add("emigrantes-variacion", "2015-2020", change, "porcentaje", base="2010-2015")
    p.add("emigrantes", "2010-2015", before, "personas")
    destination = rng.randint(700, 985)
    p.say("destino", destino=_pct(destination))
    p.shares("emigrantes-pais-destino", "2015-2020", "destination", ["usa"], [destination])
    codes = rng.sample(CAUSES, len(CAUSES))
    values = _shares(rng, len(codes), (250, 450))
    p.say("causas", causas=p.listed("cause", codes, values))
    p.shares("emigrantes-causa", "2015-2020", "cause", codes, values)
    p.source = notes["anuario"]
    share, place = _share(emigrants, NATIONAL["emigrantes"]), _rank(emigrants, 1_000, 340_000)
    p.say("emigracion-nacional", porcentaje=_pct(share), lugar=str(place))
    p.add("emigrantes-porcentaje-nacional", "2015-2020", share, "porcentaje")
    p.add("emigrantes-lugar-nacional", "2015-2020", place, "lugar", out_of=OUT_OF)

    # Repatriation and return
    p.source = notes["retorno"]
    repatriated, men = rng.randint(800, 25_000), rng.randint(850, 960)
    p.say("repatriaciones", eventos=_n(repatriated), **_sexes(men))
    p.add("repatriaciones", "2020", repatriated, "eventos")
    p.shares("repatriaciones-sexo", "2020", "sex", sex, [men, 1000 - men])
    share = _share(repatriated, NATIONAL["repatriaciones"])
    p.say("repatriaciones-nacional", porcentaje=_pct(share))
    p.add("repatriaciones-porcentaje-nacional", "2020", share, "porcentaje")
    returned, men = people * rng.randint(100, 1200) // 100_000, rng.randint(650, 800)
    p.say("retorno", retornados=_n(returned), **_sexes(men))
    p.add("migrantes-retorno", "2015-2020", returned, "personas")
    p.shares("migrantes-retorno-sexo", "2015-2020", "sex", sex, [men, 1000 - men])
    change = rng.randint(-450, 100)
    change = -10 if -10 < change < 10 else change
    p.say("retorno-variacion", cambio=_change_words(change), variacion=_pct(abs(change)))
    p.add("migrantes-retorno-variacion", "2015-2020", change, "porcentaje", base="2010-2015")
    place = _rank(returned, 700, 204_000)
    p.say("retorno-lugar", lugar=str(place))
    p.add("migrantes-retorno-lugar-nacional", "2015-2020", place, "lugar", out_of=OUT_OF)

    # The state's rank and its three most populous municipalities (administrative structure)
    p.source = f"<{st.base}report/sec-estructura>"
    place = _rank(people, *POPULATION)
    p.say("poblacion-lugar", lugar=str(place))
    p.add("poblacion-lugar-nacional", "2020", place, "lugar", out_of=OUT_OF)
    sizes = [people * rng.randint(800, 2500) // 10_000]
    for _ in range(2):
        sizes.append(sizes[-1] * rng.randint(500, 950) // 1000)
    towns = st.towns
    p.say("municipios", primero=towns[0], segundo=towns[1], tercero=towns[2],
          p1=_n(sizes[0]), p2=_n(sizes[1]), p3=_n(sizes[2]))  # fmt: skip
    for i, size in enumerate(sizes, start=1):
        p.add("poblacion", "2020", size, "personas", area=i)
    return p.figures


ORDINALS = (
    ("", ""),
    ("el más poblado", "the most populous"),
    ("el segundo más poblado", "the second most populous"),
    ("el tercero más poblado", "the third most populous"),
)


def write_statistics(st: State, seed: int) -> None:
    """The state's "Tendencias migratorias": the section, its footnotes, the areas of the three
    most populous municipalities and the observations. Written last in the state, from a random
    generator of their own, so every earlier draw and line stays as it was."""
    rng = random.Random(f"govgraph-synth-statistics:{seed}:{st.j}")
    tpl, (_, datasets) = templates(), shared_datasets()
    out, t, base, j = st.out, st.out.t, st.base, st.j
    state = concept("juris", f"syn-{j}")
    section = f"<{base}report/sec-tendencias>"
    order = st.order + 1
    t(section, A, T_SECTION)
    t(section, PART_OF, f"<{base}report/igm-syn-{j}>")
    out.labels(section, "Tendencias migratorias", "Migration trends")
    t(section, ORDER, integer(order))
    notes: dict[str, str] = {}
    first = rng.randint(NOTES.start, NOTES.stop - len(tpl.statistics_notes))
    for number, (key, citation) in enumerate(tpl.statistics_notes, start=first):
        iri, order = f"<{base}report/fn-{number}>", order + 1
        t(iri, A, T_SECTION)
        t(iri, PART_OF, section)
        out.labels(iri, f"Nota {number}", f"Footnote {number}")
        t(iri, SECTION_NUMBER, plain(f"nota {number}"))
        t(iri, DESC, lit(st.fill(citation), "es"))
        t(iri, ORDER, integer(order))
        notes[key] = iri
    areas = {0: (state, st.es, st.en, f"syn-{j}")}
    for i in range(1, len(ORDINALS)):
        iri, town = f"<{base}area/municipio-{i}>", st.towns[i - 1]
        areas[i] = (iri, f"{town} ({st.es})", f"{town} ({st.en})", f"municipio-{i}")
        t(iri, A, T_LOCATION)
        out.labels(iri, areas[i][1], areas[i][2])
        es, en = ORDINALS[i]
        t(iri, DESC, lit(f"Municipio sintético del {st.es}, {es} según el Censo 2020.", "es"))
        t(iri, DESC, lit(f"A synthetic municipality of {st.en}, {en} in the 2020 Census.", "en"))
        t(iri, PART_OF, state)
        t(iri, SOURCE, f"<{base}report/sec-estructura>")
    for position, f in enumerate(_figures(st, rng, notes), start=1):
        area, area_es, area_en, area_slug = areas[f.area]
        label_es, label_en = datasets[f.dataset]
        label_es, label_en = (
            f"{label_es} — {area_es}, {f.period}",
            f"{label_en} — {area_en}, {f.period}",
        )
        slug, breakdown = f"{f.dataset}-{area_slug}-{f.period}", None
        if f.breakdown:
            kind, code = f.breakdown
            dimension, prefix = BREAKDOWNS[kind]
            breakdown = (dimension, f"<{prefix}{code}>")
            code_es, code_en = code_names(kind, code)
            label_es, label_en = f"{label_es}, {code_es}", f"{label_en}, {code_en}"
            slug += f"-{code.lower()}"
        iri = f"<{base}observation/{slug}>"
        t(iri, A, T_OBSERVATION)
        t(iri, DATA_SET, f"<{DATASETS}{f.dataset}>")
        t(iri, REF_AREA, area)
        t(iri, REF_PERIOD, concept("period", f.period))
        if breakdown:
            t(iri, *breakdown)
        t(iri, VALUE, _percent(f.value) if f.unit == "porcentaje" else integer(f.value))
        t(iri, UNIT, concept("unit", f.unit))
        if f.out_of is not None:
            t(iri, RANK_OUT_OF, integer(f.out_of))
        if f.base is not None:
            t(iri, BASE_PERIOD, concept("period", f.base))
        out.labels(iri, label_es, label_en)
        t(iri, ORDER, integer(position))
        t(iri, SOURCE, f.source)
        t(iri, EVIDENCE, lit(f.quote, "es"))
