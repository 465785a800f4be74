"""Former IRIs: a redirect page at each old path, and the table the servers answer 301 from.

An IRI under the base that has no rdf:type and is owl:sameAs an entity with a page is a former
IRI of that entity (data/ttl/mx-zac/moved.ttl: the federal and international entities the
Zacatecas profile minted before they moved to the shared levels). The site writes a small page
at the old path that refreshes to the new page and names the new IRI as canonical (a host
with no rewrite rules still gets readers there), the hidden table MOVED_FILE (old path, new
path) that govgraph's own server reads, and the same table as 301 rules in nginx.conf and
.htaccess (publish/serverconf.py), for the old path with and without a format suffix.
"""

from __future__ import annotations

from typing import NamedTuple

from govgraph.namespaces import T, curie
from govgraph.publish.conneg import MOVED_FILE
from govgraph.publish.core import Link, _Core
from govgraph.publish.terms import _SAFE_SEGMENT, RDF_TYPE

# MOVED_FILE, the site's table of former IRIs: "old path<TAB>new path" per line, paths under
# the base without their suffix. A dot-file: no server serves it (publish/conneg.py reads it).


class Move(NamedTuple):
    """A former IRI under the base and the entity it is now, as site paths without suffix."""

    old_iri: str
    new_iri: str
    old: str  # e.g. id/mx-zac/body/inm
    new: str  # e.g. id/mx/body/inm


class _MovedPages(_Core):
    """The redirect pages, and the table of former IRIs for the servers."""

    def moves(self) -> list[Move]:
        """Every former IRI under the base whose entity has a page of its own, by old path."""
        if "_moves" in self.__dict__:
            return list(self.__dict__["_moves"])
        found = []
        for subject, statements in self.graph.out.items():
            if not subject.startswith(self.base) or subject in self.entities:
                continue
            if any(p == RDF_TYPE for p, _ in statements):
                continue
            local = subject[len(self.base) :]
            if "#" in local or not all(_SAFE_SEGMENT.match(s) for s in local.split("/")):
                continue
            targets = sorted(
                iri
                for iri in self.graph.iris(subject, T.owl_sameAs)
                if (entity := self.entities.get(iri)) is not None and entity.fragment is None
            )
            if targets:
                new = self.entities[targets[0]].path.removesuffix(".html")
                found.append(Move(subject, targets[0], local, new))
        found.sort(key=lambda move: move.old)
        self.__dict__["_moves"] = found
        return list(found)

    def moved_table(self) -> str:
        """The text of MOVED_FILE."""
        return "".join(f"{move.old}\t{move.new}\n" for move in self.moves())

    def redirect_pages(self) -> None:
        """Write a page at each former IRI's path that leads to the entity's page."""
        for move in self.moves():
            path = f"{move.old}.html"
            name, language = self.label(move.new_iri)
            target = Link(name, self.href(path, f"{move.new}.html"), self.lang_of(language))
            self.page(
                path,
                "moved.html",
                title=name,
                crumbs=[("index.html", self.ui["home"])],
                target=target,
                canonical=move.new_iri,
                old=curie(move.old_iri),
                new=curie(move.new_iri),
            )
        if self.moves():
            self.write(MOVED_FILE, self.moved_table())
