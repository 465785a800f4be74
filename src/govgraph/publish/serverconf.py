"""Content negotiation for nginx and Apache as tables of patterns that choose as `negotiate`.

Neither server compares q-values, so the choice is spelt as a chain of lookups, each one
"the first pattern that matches this string gives that value" (an nginx ``map``; in Apache a
run of ``RewriteCond``/``RewriteRule [E=...,S=n]``). Per class of media range (exact names
of a format with their aliases, ``type/*``, ``*/*``) four lookups find the highest q among
the ranges of that class, one digit at a time (``1``, ``0.9``, ``0.95``, ``0.953`` as
``1000``, ``0900``, ``0950``, ``0953``); the most specific class present gives each format its
q; a format that has no file gets ``0000``; two comparisons of fixed-width digits (with a
back-reference to the common prefix) find the highest, ties to the earlier format. The
patterns read the grammar of `conneg` (OWS, TOKEN, QVALUE). `choose` runs the same tables in
Python: the tests hold it equal to `negotiate` and the real servers equal to both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govgraph.publish.conneg import MEDIA_ALIASES, NEGOTIATED, OWS, QVALUE, TOKEN

# A parameter that is not q; the last q parameter of a range is the one that counts.
_NOT_Q = f"(?!{OWS}q{OWS}(?:[=;,]|$))[^;,]*"
_END = f"(?:;{_NOT_Q})*(?:,|$)"
_ANY_PARAMS = "(?:;[^;,]*)*"
_Q1 = r"1(?:\.0{0,3})?"
_Q0 = r"0(?:\.[0-9]{0,3})?"
_VALID_MEDIA = rf"(?:\*/\*|(?!\*/){TOKEN}/{TOKEN})"
_PLACEHOLDER = re.compile(r"\{(accept|c1|v:[a-z0-9_]+)\}")


@dataclass(frozen=True)
class Table:
    """One lookup: the first pattern (case-insensitive) matching source gives its value.

    source and the values are templates: ``{accept}`` is the Accept header, ``{v:NAME}``
    another table's value (or one the server sets: ``gg_has_html`` ... 1 when the file
    exists), ``{c1}`` the first capture of the pattern that matched.
    """

    name: str
    source: str
    entries: tuple[tuple[str, str], ...]
    default: str


def _range(media: str, q: str, optional: bool = False) -> str:
    """A pattern for one item of Accept: media, then a last q parameter matching q.

    optional: a range without a q parameter matches too (its q is 1).
    """
    weight = f"{_ANY_PARAMS};{OWS}q{OWS}={OWS}{q}{OWS}"
    if optional:
        weight = f"(?:{weight})?"
    return f"{OWS}{media}{OWS}{weight}{_END}"


def _key(suffix: str) -> str:
    return suffix.lstrip(".")


def classes() -> dict[str, tuple[tuple[str, str], ...]]:
    """For each negotiated suffix, its classes of ranges from most to least specific.

    Each class is (table name, pattern of the media range): the exact names (the type and
    its aliases), then ``type/*``, then ``*/*``.
    """
    table: dict[str, tuple[tuple[str, str], ...]] = {}
    for media, suffix in NEGOTIATED:
        names = "|".join(re.escape(name) for name in (media, *MEDIA_ALIASES.get(media, ())))
        kind = media.partition("/")[0]
        table[suffix] = (
            (f"gg_{_key(suffix)}", f"(?:{names})"),
            (f"gg_{kind}", f"{re.escape(kind)}/\\*"),
            ("gg_any", r"\*/\*"),
        )
    return table


def _highest_q(name: str, media: str) -> list[Table]:
    """The highest q among the ranges of one class, as four digits, or "" if none."""
    first = Table(
        f"{name}_0",
        "{accept}",
        (
            ("(?:^|,)" + _range(media, _Q1, optional=True), "1"),
            ("(?:^|,)" + _range(media, _Q0), "0"),
        ),
        "",
    )
    digits = [first]
    # Decimal n (1, 2, 3): the greatest digit among the ranges that share the n-1 found.
    for n, (prefix, rest) in enumerate(
        (("", "[0-9]{0,2}"), ("[0-9]", "[0-9]?"), ("[0-9]{2}", "")), 1
    ):
        previous = f"{name}_{n - 1}"
        entries: list[tuple[str, str]] = [("^:", ""), ("^1", "1" + "0" * n)]
        for d in range(9, 0, -1):
            if prefix:
                q = "0\\.(?:\\1)" + str(d) + rest
                entries.append((f"^0({prefix}):(?:.*,)?" + _range(media, q), "0{c1}" + str(d)))
            else:
                q = "0\\." + str(d) + rest
                entries.append(("^0:(?:.*,)?" + _range(media, q), "0" + str(d)))
        digits.append(
            Table(
                f"{name}_{n}", f"{{v:{previous}}}:{{accept}}", tuple(entries), f"{{v:{previous}}}0"
            )
        )
    return digits


def _greater() -> str:
    """Matches "XAAAA:BBBB" (X one digit) when the digits BBBB are greater than AAAA."""
    steps = "|".join(rf"{d}[0-9]*:(?:\1)[{d + 1}-9]" for d in range(9))
    return rf"^[0-9]([0-9]*)(?:{steps})"


def tables() -> list[Table]:
    """Every lookup, each after the ones it reads; the last (``gg_suffix``) is the choice.

    ``gg_suffix`` is the suffix of the file to serve, "" when none is acceptable (406).
    """
    found: list[Table] = [
        Table(
            "gg_valid",
            "{accept}",
            (("(?:^|,)" + _range(_VALID_MEDIA, QVALUE, optional=True), "1"),),
            "0",
        )
    ]
    done: set[str] = set()
    for levels in classes().values():
        for name, media in levels:
            if name not in done:
                done.add(name)
                found += _highest_q(name, media)
    suffixes = [suffix for _, suffix in NEGOTIATED]
    for suffix, levels in classes().items():
        key = _key(suffix)
        top = ":".join(f"{{v:{name}_3}}" for name, _ in levels)
        entries = tuple(
            ("^" + ":" * i + "([0-9]{4})" + (":" if i < len(levels) - 1 else "$"), "{c1}")
            for i in range(len(levels))
        )
        found.append(Table(f"gg_top_{key}", top, entries, "0000"))
        found.append(
            Table(
                f"gg_q_{key}",
                f"{{v:gg_has_{key}}}{{v:gg_top_{key}}}",
                (("^1([0-9]{4})$", "{c1}"),),
                "0000",
            )
        )
    best = f"0{{v:gg_q_{_key(suffixes[0])}}}"
    for index, suffix in enumerate(suffixes[1:], 1):
        here = f"{{v:gg_q_{_key(suffix)}}}"
        found.append(
            Table(f"gg_best_{index}", f"{best}:{here}", ((_greater(), f"{index}{here}"),), best)
        )
        best = f"{{v:gg_best_{index}}}"
    has = "".join(f"{{v:gg_has_{_key(suffix)}}}" for suffix in suffixes)
    choice: list[tuple[str, str]] = [
        (f"^0:{'0' * i}1", suffix) for i, suffix in enumerate(suffixes)
    ]
    choice += [("^0:", ""), ("^1:[01]*:[0-9]0000$", "")]
    choice += [(f"^1:[01]*:{i}", suffix) for i, suffix in enumerate(suffixes)]
    found.append(Table("gg_suffix", f"{{v:gg_valid}}:{has}:{best}", tuple(choice), ""))
    return found


def _fill(template: str, variables: dict[str, str], capture: str = "") -> str:
    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name == "accept":
            return variables["accept"]
        if name == "c1":
            return capture
        return variables.get(name[2:], "")

    return _PLACEHOLDER.sub(one, template)


def choose(accept: str | None, available: set[str]) -> str | None:
    """The suffix the generated rules serve (None: 406), run here with Python's re."""
    variables = {"accept": accept or ""}
    for suffix in (suffix for _, suffix in NEGOTIATED):
        variables[f"gg_has_{_key(suffix)}"] = "1" if suffix in available else "0"
    for table in tables():
        source = _fill(table.source, variables)
        value = _fill(table.default, variables)
        for pattern, result in table.entries:
            match = re.search(pattern, source, re.IGNORECASE | re.ASCII)
            if match:
                value = _fill(result, variables, (match.groups() or ("",))[0] or "")
                break
        variables[table.name] = value
    return variables["gg_suffix"] or None


def spell(template: str, engine: str) -> str:
    """A template (source or value) in the syntax of engine ("nginx" or "apache")."""
    nginx = engine == "nginx"

    def one(found: re.Match[str]) -> str:
        name = found.group(1)
        if name == "accept":
            return "$http_accept" if nginx else "%{HTTP_ACCEPT}"
        if name == "c1":
            return "$1" if nginx else "%1"
        return f"${{{name[2:]}}}" if nginx else f"%{{ENV:{name[2:]}}}"

    return _PLACEHOLDER.sub(one, template)


def variants() -> list[tuple[str, str, str]]:
    """The negotiated formats as (key, suffix, media type), in the server's order."""
    return [(_key(suffix), suffix, media) for media, suffix in NEGOTIATED]


def _links(has: str, name: str) -> str:
    """The Link header value for the formats present (has: "101" ...), quotes escaped."""
    return ", ".join(
        f'<{name}{suffix}>; rel=\\"alternate\\"; type=\\"{media}\\"'
        for (_, suffix, media), present in zip(variants(), has, strict=True)
        if present == "1"
    )


def _unacceptable(has: str, name: str) -> str:
    """The body of a 406 for the formats present, as the Python server writes it."""
    lines = "".join(
        f"{media}: {name}{suffix}\\n"
        for (_, suffix, media), present in zip(variants(), has, strict=True)
        if present == "1"
    )
    return "None of the available representations is acceptable:\\n" + lines


def moved_rules(engine: str, moves: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The 301 redirects of former IRIs: (old, new) site paths without suffix → (pattern,
    target) pairs, for nginx a map entry on $uri (regular expressions: exact keys this long
    outgrow the default map_hash_bucket_size), for Apache a RewriteRule relative to the site.

    The old path with a format's suffix (.html, .ttl, .jsonld) goes to the new path with it.
    """
    ends = "|".join(re.escape(suffix) for _, suffix in NEGOTIATED)
    if engine == "nginx":
        return [(f"~^/{re.escape(old)}((?:{ends})?)$", f"/{new}$1") for old, new in moves]
    return [(f"^{re.escape(old)}((?:{ends})?)$", f"{new}$1") for old, new in moves]


def context(engine: str, moves: Sequence[tuple[str, str]] = ()) -> dict[str, object]:
    """What the nginx.conf.txt or htaccess.txt template needs, in the syntax of engine.

    moves: the former IRIs of the site as (old, new) paths under its root (publish/moved.py).
    """
    count = len(NEGOTIATED)
    combos = [format(n, f"0{count}b") for n in range(1, 2**count)]
    rendered = []
    for table in tables():
        entries = [(pattern, spell(value, engine)) for pattern, value in table.entries]
        rendered.append(
            {
                "name": table.name,
                "source": spell(table.source, engine),
                "default": spell(table.default, engine),
                "entries": entries,
                "accept": "{accept}" in table.source,
            }
        )
    name = "${gg_name}" if engine == "nginx" else "%{gg_name}e"
    redirected = "%{REDIRECT_gg_name}e"
    return {
        "tables": rendered,
        "variants": variants(),
        "links": [(has, _links(has, name), _links(has, redirected)) for has in combos],
        "unacceptable": [(has, _unacceptable(has, name)) for has in combos],
        "nothing": "0" * count,
        "moved": moved_rules(engine, moves),
    }
