"""The build: every file of the site written into one directory."""

from __future__ import annotations

from pathlib import Path

from govgraph.errors import GovgraphError, PublishError
from govgraph.progress import Progress
from govgraph.publish.export import serialize
from govgraph.publish.indexes import _IndexPages
from govgraph.publish.jsonld import context_file
from govgraph.publish.jurisdictions import COMPARE_PAGE, _JurisdictionPages
from govgraph.publish.moved import _MovedPages
from govgraph.publish.ontology import _OntologyPages
from govgraph.publish.search import write_files as write_search
from govgraph.publish.statistics import _StatisticsPages
from govgraph.publish.terms import (
    DUMPS,
)
from govgraph.publish.void import _Void


class _Site(_OntologyPages, _IndexPages, _StatisticsPages, _JurisdictionPages, _MovedPages, _Void):
    """Everything one build needs: the graph, what has a page where, and the files written."""

    # --- the build ------------------------------------------------------------------------

    def build(self, root: Path) -> None:
        """Write every file of the site into the directory root."""
        self.root = root
        docs = sorted(self.docs)
        kinds = self.kinds
        dimensions = self.dimension_list
        profiles = self.profiles()
        steps = len(docs) + len(kinds) + len(dimensions) + len(profiles) + 10
        with Progress("publish", steps, unit="files") as progress:
            for doc in docs:
                path, head = self.entity_files(doc)
                if self.is_hash_doc(doc):
                    self.ontology_page(doc, path, head)
                else:
                    self.entity_page(doc, path, head)
                progress.advance()
            for kind, members in kinds.items():
                self.type_index(kind, members)
                progress.advance()
            for dimension in dimensions:
                self.dimension_page(dimension)
                progress.advance()
            self.redirect_pages()  # the former IRIs of moved entities
            progress.advance()
            statistics = self.statistics_pages()
            progress.advance()
            written = [link.href for link in statistics]  # paths: the links are from the root
            for profile in profiles:
                if profile.path:
                    self.jurisdiction_page(profile, written)
                progress.advance()
            if profiles:
                self.compare_page(profiles)
            progress.advance()
            self.network()
            progress.advance()
            self.dumps()
            progress.advance()
            self.write("void.ttl", self.void_turtle())
            progress.advance()
            self.server_config()
            progress.advance()
            self.write(self.context_path, context_file().read_bytes())
            progress.advance()
            self.home(
                kinds,
                dimensions,
                statistics,
                self.profile_links("index.html", profiles),
                COMPARE_PAGE if profiles else "",
            )
            progress.advance()
            write_search(self, self.search_entries(profiles))  # the search box's script and index
            progress.advance()

    # --- data files -----------------------------------------------------------------------

    def network(self) -> None:
        """The councils view as network.html (self-contained; vis-network inlined)."""
        from govgraph import render
        from govgraph.network import project

        try:
            view = project("councils", self.backend, lang=self.lang)
            page = render.render(view, lang=self.lang)
        except GovgraphError as exc:
            raise PublishError(f"cannot draw the councils network: {exc}") from exc
        self.write("network.html", page)

    def dumps(self) -> None:
        for fmt, _ in DUMPS:
            body, _ = serialize(self.dataset, fmt)
            self.write(f"dumps/govgraph.{fmt}", body)

    def server_config(self) -> None:
        """Write the content negotiation rules for Apache and nginx."""
        from govgraph.publish import serverconf
        from govgraph.templating import render

        moves = [(move.old, move.new) for move in self.moves()]
        apache = serverconf.context("apache", moves)
        self.write(".htaccess", render("govgraph.publish", "htaccess.txt", **apache))
        nginx = serverconf.context("nginx", moves)
        self.write("nginx.conf", render("govgraph.publish", "nginx.conf.txt", **nginx))
