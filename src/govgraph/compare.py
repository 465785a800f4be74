"""Jurisdictions side by side: one row per aspect, one column per jurisdiction.

The aspects are what the MGI local profiles exist to compare: how much each profile states,
its councils and who presides each, whether a migrant-specific secretariat or institute
exists, the councils where diaspora organisations have a vote, the well-developed areas and
those with potential for development per MGI dimension, and the federal and international
actors the profiles share, and the statistics each profile gives. Every figure comes from
the saved queries in queries/compare/ (and figures.rq), filtered by `gg:jurisdiction` (so it
works on any endpoint).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from govgraph import queries, resources
from govgraph.errors import QueryError
from govgraph.jurisdictions import NAMESPACE as JURIS
from govgraph.jurisdictions import identifier
from govgraph.namespaces import LANGS

if TYPE_CHECKING:
    from govgraph.store import Backend

SHARED = ("mx", "int")  # the levels every profile shares, never compared as a profile
EMPTY = "—"

# The names of the sections and aspects, in each language of LANGS.
WORDS: dict[str, tuple[str, str]] = {
    "profile": ("perfil", "profile"),
    "report": ("informe", "report"),
    "counts": ("tamaño", "size"),
    "councils": ("consejos", "councils"),
    "bodies": ("instituciones", "bodies"),
    "groups": ("clases de actores", "classes of actors"),
    "laws": ("leyes", "laws"),
    "programs": ("programas", "programs"),
    "agreements": ("convenios", "agreements"),
    "collaborations": ("colaboraciones", "collaborations"),
    "findings": ("hallazgos", "findings"),
    "chairs": ("quién preside", "who presides"),
    "institution": ("institución para personas migrantes", "migrant-specific institution"),
    "diaspora": ("voto de la diáspora", "diaspora vote"),
    "dimension": ("dimensión IGM", "MGI dimension"),
    "shared": ("actores compartidos", "shared actors"),
    "figures": ("estadísticas", "statistics"),
    "links": ("vínculos", "links"),
}
COUNTED = (
    "councils",
    "bodies",
    "groups",
    "laws",
    "programs",
    "agreements",
    "collaborations",
    "findings",
)


class Comparison(NamedTuple):
    """The table: its columns (section, aspect, then one per jurisdiction id) and rows."""

    columns: list[str]
    rows: list[tuple[str, ...]]


def word(key: str, lang: str) -> str:
    """The name of a section or aspect in a language of LANGS."""
    return WORDS[key][LANGS.index(lang)]


def rows_of(backend: Backend, name: str, lang: str) -> list[dict[str, str | None]]:
    """The rows of queries/compare/NAME.rq as dicts."""
    query = queries.load_query(name, resources.queries_dir() / "compare")
    values = {"lang": lang} if any(p.name == "lang" for p in query.params) else {}
    result = queries.run(backend, query, values)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def profiles(backend: Backend, lang: str = LANGS[0]) -> dict[str, tuple[str, str]]:
    """Every jurisdiction with a profile: id → (its label, its report's label)."""
    return {
        identifier(str(row["jurisdiction_id"])): (
            str(row["jurisdiction"] or row["id"]),
            str(row["report"] or ""),
        )
        for row in rows_of(backend, "profiles", lang)
        if identifier(str(row["jurisdiction_id"])) not in SHARED
    }


def choose(known: dict[str, tuple[str, str]], wanted: Sequence[str]) -> list[str]:
    """The jurisdiction ids to compare among the known profiles: those wanted (checked), else
    every one."""
    if not known:
        raise QueryError("no profile to compare: the graph holds no report with a jurisdiction")
    if not wanted:
        return sorted(known)
    unknown = [j for j in wanted if j not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none"
        raise QueryError(f"no profile for jurisdiction {unknown[0]!r} (profiles: {listed})")
    return list(dict.fromkeys(wanted))


def compare(backend: Backend, wanted: Sequence[str] = (), lang: str = LANGS[0]) -> Comparison:
    """Compare the profiles of the wanted jurisdictions (default: all) side by side."""
    known = profiles(backend, lang)
    ids = choose(known, wanted)
    where = {JURIS + j: i for i, j in enumerate(ids)}

    def per_jurisdiction(name: str) -> list[tuple[int, dict[str, str | None]]]:
        """The rows of a compare query that belong to a compared jurisdiction, with its column."""
        found = []
        for row in rows_of(backend, name, lang):
            at = where.get(str(row["jurisdiction_id"]))
            if at is not None:
                found.append((at, row))
        return found

    def listed(name: str, column: str) -> list[str]:
        """Per jurisdiction, the distinct values of a column joined by "; ", or EMPTY."""
        cells: list[dict[str, None]] = [{} for _ in ids]
        for at, row in per_jurisdiction(name):
            cells[at][str(row[column])] = None
        return ["; ".join(cell) or EMPTY for cell in cells]

    rows: list[tuple[str, ...]] = [
        (word("profile", lang), word("report", lang), *(known[j][1] or EMPTY for j in ids))
    ]
    counts = {kind: ["0"] * len(ids) for kind in COUNTED}
    for at, row in per_jurisdiction("counts"):
        if row["kind"] in counts:
            counts[str(row["kind"])][at] = str(row["n"])
    rows += [(word("counts", lang), word(kind, lang), *counts[kind]) for kind in COUNTED]

    chairs: list[dict[str, None]] = [{} for _ in ids]
    for at, row in per_jurisdiction("councils"):
        chair = str(row["chair"] or EMPTY) + (f" ({row['post']})" if row["post"] else "")
        chairs[at][f"{row['council']}: {chair}"] = None
    rows += [
        (word("councils", lang), word("chairs", lang), *("; ".join(c) or EMPTY for c in chairs)),
        (
            word("councils", lang),
            word("institution", lang),
            *listed("migrant-institutions", "body"),
        ),
        (word("councils", lang), word("diaspora", lang), *listed("diaspora-vote", "council")),
    ]

    findings: dict[str, list[dict[str, str]]] = {}
    for row in rows_of(backend, "findings", lang):  # in the order of the dimensions
        by_assessment = findings.setdefault(str(row["dimension"]), [{} for _ in ids])
        column = where.get(str(row["jurisdiction_id"]))
        if column is not None:
            by_assessment[column][str(row["assessment"])] = str(row["n"])
    rows += [
        (
            word("findings", lang),
            dimension,
            *(" / ".join(f"{n} {a}" for a, n in c.items()) or EMPTY for c in by_assessment),
        )
        for dimension, by_assessment in findings.items()
    ]

    links: dict[tuple[str, str], list[str]] = defaultdict(lambda: [EMPTY] * len(ids))
    for at, row in per_jurisdiction("shared"):
        links[(str(row["actor"] or row["actor_id"]), str(row["actor_id"]))][at] = str(row["links"])
    enough = min(2, len(ids))  # shared by two of them, or linked at all when there is one
    rows += [
        (word("shared", lang), actor, *cells)
        for (actor, _), cells in sorted(links.items())
        if sum(cell != EMPTY for cell in cells) >= enough
    ]
    rows += _figures(backend, ids, known, lang)
    return Comparison(["section", "aspect", *ids], rows)


def _figures(
    backend: Backend, ids: list[str], known: dict[str, tuple[str, str]], lang: str
) -> list[tuple[str, ...]]:
    """The statistics side by side: one row per indicator, period and breakdown (and area,
    when a profile gives a figure of another area, such as the national one)."""
    query = queries.load_query("figures")
    result = queries.run(backend, query, {"lang": lang})
    where = {j: i for i, j in enumerate(ids)}
    table: dict[str, list[str]] = {}
    for values in result.rows:
        row = dict(zip(result.columns, values, strict=True))
        at = where.get(identifier(str(row["jurisdiction_id"])))
        if at is None:
            continue
        parts = [row["dataset"], row["period"], row["sex"], row["breakdown"]]
        if row["area"] != known[ids[at]][0]:
            parts.append(row["area"])
        cells = table.setdefault(" · ".join(str(p) for p in parts if p), [EMPTY] * len(ids))
        value = f"{row['value']} {row['unit'] or ''}".strip()
        if row["out_of"]:
            value += f" / {row['out_of']}"
        cells[at] = value if cells[at] == EMPTY else f"{cells[at]}; {value}"
    return [(word("figures", lang), key, *cells) for key, cells in table.items()]
