"""The build: every file of the site written into one directory."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from govgraph.errors import GovgraphError, PublishError
from govgraph.progress import Progress
from govgraph.publish.export import serialize
from govgraph.publish.indexes import _IndexPages
from govgraph.publish.jsonld import context_file
from govgraph.publish.ontology import _OntologyPages
from govgraph.publish.search import write_files as write_search
from govgraph.publish.terms import (
    DUMPS,
)
from govgraph.publish.void import _Void


class _Site(_OntologyPages, _IndexPages, _Void):
    """Everything one build needs: the graph, what has a page where, and the files written."""

    # --- the build ------------------------------------------------------------------------

    def build(self, root: Path) -> None:
        """Write every file of the site into the directory root."""
        self.root = root
        docs = sorted(self.docs)
        kinds = self.kinds
        dimensions = self.dimension_list
        steps = len(docs) + len(kinds) + len(dimensions) + 7
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
            self.home(kinds, dimensions)
            progress.advance()
            write_search(self)  # the search box's script and index
            progress.advance()

    # --- data files -----------------------------------------------------------------------

    def network(self) -> None:
        """The councils view as network.html (self-contained; vis-network inlined)."""
        from govgraph import render
        from govgraph.network import project
        from govgraph.store import OxigraphBackend

        store = pyoxigraph.Store()
        store.extend(
            pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
            for t in self.graph.triples
        )
        try:
            view = project("councils", OxigraphBackend(store), lang=self.lang)
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

        apache = serverconf.context("apache")
        self.write(".htaccess", render("govgraph.publish", "htaccess.txt", **apache))
        nginx = serverconf.context("nginx")
        self.write("nginx.conf", render("govgraph.publish", "nginx.conf.txt", **nginx))
