"""The site's search index: every page's names in both languages, acronyms, CURIE, path, kind.

publish writes it as search-index.js: one JSON object that static/search.js reads once a
reader first uses the search box of a page. A script rather than a JSON file fetched: a
browser loads scripts, not fetches, from file:// too, so the search also works offline from
the directory. The object holds text only; search.js puts it in the page with textContent.

    {"v": 1, "kinds": {"body": "Organización", ...},
     "dirs": ["id/mx-zac/council/", "id/mx-zac/body/", ...],
     "fields": ["dir", "file", "kind", "label", "curie", "other", "alt", "lang", "names"],
     "items": [[1, "sezami.html", "body", "Secretaría del Zacatecano Migrante", "body:sezami",
                "Secretariat of the Zacatecan Migrant", ["SEZAMI"]], ...]}

An item's page is dirs[dir] + file (a path from the root of the site, with a #fragment for a
term of the ontology). label is the page language's name (lang: its language when another),
other the name in the other language, alt the acronyms and other names (skos:altLabel), names
any further labels (skos:hiddenLabel, rdfs:label, names in other languages). Empty fields at
the end of an item are left out. Items come in the order results are shown when they match
equally well: the pages that document no one resource first (each profile's page and the
comparison, kind "profile": publish/jurisdictions.py), then by kind (councils, institutions,
...), then by name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.resources import files
from typing import Any, NamedTuple

from govgraph.namespaces import curie
from govgraph.publish.core import SEARCH_INDEX, SEARCH_SCRIPT, _Core
from govgraph.publish.graph import _sort_key
from govgraph.publish.terms import HIDDEN, KINDS, PREF, RDFS_LABEL

FIELDS = ("dir", "file", "kind", "label", "curie", "other", "alt", "lang", "names")
VERSION = 1
GLOBAL = "govgraphSearchIndex"


class Entry(NamedTuple):
    """A page that documents no one resource (a jurisdiction's profile, ...) as an item."""

    path: str  # from the root of the site
    kind: str
    kind_name: str
    label: str
    curie: str
    other: str = ""


def index(site: _Core, extra: Sequence[Entry] = ()) -> dict[str, Any]:
    """The search index of a site: one item per resource that has a page or an anchor, after
    the extra pages."""
    rank = {slug: i for i, (slug, *_) in enumerate(KINDS)}
    dirs: dict[str, int] = {}
    items: list[list[Any]] = []
    kinds: dict[str, str] = {}
    for entry in extra:
        folder, _, file = entry.path.rpartition("/")
        folder = folder + "/" if folder else ""
        item: list[Any] = [
            dirs.setdefault(folder, len(dirs)),
            file,
            entry.kind,
            entry.label,
            entry.curie,
            entry.other,
        ]
        items.append(item if entry.other else item[:5])
        kinds.setdefault(entry.kind, entry.kind_name)
    for iri in sorted(
        site.entities,
        key=lambda i: (rank.get(site.entities[i].kind, len(rank)), *site.order(i)),
    ):
        target = site.page_of(iri)
        if target is None:
            continue
        label, language = site.label(iri)
        other = site.other_label(iri) or ""
        alt = site.acronyms(iri)
        shown = {label, other, *alt}
        names = sorted(
            {
                literal.value
                for predicate in (PREF, HIDDEN, RDFS_LABEL)
                for literal in site.graph.literals(iri, predicate)
            }
            - shown,
            key=_sort_key,
        )
        folder, _, file = target.rpartition("/")
        folder = folder + "/" if folder else ""
        item = [
            dirs.setdefault(folder, len(dirs)),
            file,
            site.entities[iri].kind,
            label,
            curie(iri).strip("<>"),
            other,
            alt,
            site.lang_of(language),
            names,
        ]
        while len(item) > 5 and not item[-1]:  # the empty fields at the end
            item.pop()
        items.append(item)
    used = {item[2] for item in items}
    return {
        "v": VERSION,
        "kinds": kinds | {slug: kind_name(site, slug) for slug, *_ in KINDS if slug in used},
        "dirs": list(dirs),
        "fields": list(FIELDS),
        "items": items,
    }


def kind_name(site: _Core, slug: str) -> str:
    """The name of one resource of a kind: its class's label, else the kind's plural title."""
    for kind, cls, _, _ in KINDS:
        if kind == slug and cls:
            name = site.label(cls)[0]
            if ":" not in name and "/" not in name:
                return name[:1].upper() + name[1:]
    return site.kind_title(slug)


def index_script(site: _Core, extra: Sequence[Entry] = ()) -> str:
    """The index as a script that hands the JSON object to the page's search box."""
    text = json.dumps(index(site, extra), ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript since ES2019; these two separators are escaped for older parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"self.{GLOBAL} = {text};\n"


def script() -> bytes:
    """The search box's script (static/search.js), copied to the site as it is."""
    return (files("govgraph.publish") / "static" / "search.js").read_bytes()


def write_files(site: _Core, extra: Sequence[Entry] = ()) -> None:
    """Write the search box's script and the site's index (extra pages first) at the root."""
    site.write(SEARCH_SCRIPT, script())
    site.write(SEARCH_INDEX, index_script(site, extra))
