"""The graph as a static linked-data site: a page per entity, its RDF beside it, conneg.

``publish(outdir)`` writes, for every typed IRI under the base (``https://w3id.org/govgraph/``):

- ``<path>.html``: a page at the path of the IRI under the base (``id/mx-zac/body/sezami.html``)
  with its labels, every relationship in both directions as links, the report section and
  verbatim quote behind each relationship node, and its description as embedded JSON-LD;
- ``<path>.ttl`` and ``<path>.jsonld``: that description (the entity's own statements and the
  labels of what they point at) in Turtle and in JSON-LD;

hash IRIs (the ontology's terms) are anchors on the page of their document (``ontology.html``).
Beside them: an index page per type and per MGI dimension, a home page (``index.html``) with
counts and the councils network (``network.html``), the dumps (``dumps/govgraph.{ttl,nt,nq,
jsonld}``), a VoID and DCAT description (``void.ttl``), the JSON-LD context, and content
negotiation rules for Apache (``.htaccess``) and nginx (``nginx.conf``). A former IRI (one
``owl:sameAs`` an entity with a page, and untyped itself: ``id/mx-zac/body/inm``, now
``id/mx/body/inm``) gets a page that refreshes to its entity's (``publish/moved.py``), and
the servers answer 301 for it (``.moved.tsv``, and rules in ``.htaccess`` and ``nginx.conf``).
``NegotiatingHandler`` serves a published site with the same rules (``make_server``).

The site is built in a temporary directory beside ``outdir`` and swapped into place whole: a
failure leaves the previous site as it was. The same graph gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import PublishError
from govgraph.files import umask
from govgraph.load import load_dataset
from govgraph.namespaces import LANGS
from govgraph.publish.conneg import (
    CONTENT_TYPES,
    MEDIA_ALIASES,
    MOVED_FILE,
    NEGOTIATED,
    NegotiatingHandler,
    make_server,
    negotiate,
    read_moved,
)
from govgraph.publish.site import _Site
from govgraph.publish.swap import (
    _check_target,
    _cleanup_on_signals,
    _remove_stale,
    _swap,
    _temporary_prefix,
)
from govgraph.publish.terms import _SAFE_IRI, DEFAULT_BASE, GENERATOR, LICENSE

__all__ = [
    "CONTENT_TYPES",
    "DEFAULT_BASE",
    "GENERATOR",
    "LICENSE",
    "MEDIA_ALIASES",
    "MOVED_FILE",
    "NEGOTIATED",
    "NegotiatingHandler",
    "Summary",
    "load_dataset",
    "make_server",
    "negotiate",
    "publish",
    "read_moved",
]


@dataclass(frozen=True)
class Summary:
    """What publish() wrote."""

    outdir: Path
    pages: int  # HTML pages
    entities: int  # typed IRIs under the base that have a page or an anchor on one
    triples: int  # triples in the graph
    files: int  # every file of the site
    bytes: int  # their total size
    skipped: tuple[str, ...] = ()  # typed IRIs under the base whose path is not a safe file name

    def __str__(self) -> str:
        return (
            f"wrote {self.pages} pages ({self.entities} entities, {self.triples} triples; "
            f"{self.files} files, {self.bytes / 1e6:.1f} MB) to {self.outdir}"
        )


# ---------------------------------------------------------------------------------------------
# publish(): build in a temporary directory, then swap it into place
# ---------------------------------------------------------------------------------------------


def publish(
    outdir: str | os.PathLike[str],
    *,
    base_iri: str = DEFAULT_BASE,
    paths: Sequence[Path | str] | None = None,
    ontology: Sequence[Path | str] | None = None,
    lang: str = "es",
    sparql_endpoint: str | None = None,
) -> Summary:
    """Write the static linked-data site of the graph to outdir, replacing a previous one whole.

    paths and ontology choose the files as govgraph.load does (default: the bundled graph).
    base_iri: the IRIs that get pages (their path under it is the page's path). lang: the
    language of the pages (es or en; labels in the other language are shown beside).
    sparql_endpoint: announced in void.ttl and on the home page (an absolute http(s) URL).
    outdir's parent directory must exist. Raises PublishError (among others when no typed
    IRI lies under base_iri) and LoadError for a graph that cannot be read.
    """
    if lang not in LANGS:
        raise PublishError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")
    if not _SAFE_IRI.match(base_iri) or not base_iri.endswith("/"):
        raise PublishError(f"the base IRI must be an http(s) IRI ending in '/': {base_iri!r}")
    if sparql_endpoint is not None and not _is_absolute_url(sparql_endpoint):
        raise PublishError(
            f"the SPARQL endpoint must be an absolute http(s) URL: {sparql_endpoint!r}"
        )
    target = Path(outdir).absolute()
    if target.is_symlink():
        target = target.resolve()  # publish into the directory the link points to
    from govgraph.files import check_parent  # the rule of every command that writes

    check_parent(target, PublishError)  # missing: refused, never created; a file: not a directory
    _check_target(target)
    site = _Site(
        load_dataset(paths, ontology=ontology),
        base=base_iri,
        lang=lang,
        endpoint=sparql_endpoint,
    )
    if not site.entities:
        skipped = len(site.skipped)
        raise PublishError(
            f"no entity IRI under {base_iri}"
            + (f" whose path is a plain file name ({skipped} skipped)" if skipped else "")
        )
    _remove_stale(target)
    with _cleanup_on_signals():
        try:
            building = Path(tempfile.mkdtemp(dir=target.parent, prefix=_temporary_prefix(target)))
            building.chmod(0o777 & ~umask())  # mkdtemp makes it 0700: a web server reads it
        except OSError as exc:
            raise PublishError(f"cannot write {target}: {exc.strerror or exc}") from None
        try:
            site.build(building)
            _swap(building, target)
        except BaseException as exc:
            shutil.rmtree(building, ignore_errors=True)
            if isinstance(exc, OSError):
                raise PublishError(
                    f"cannot write the site to {target}: {exc.strerror or exc}"
                ) from None
            raise
    return Summary(
        outdir=target,
        pages=sum(1 for name in site.written if name.endswith(".html")),
        entities=len(site.entities),
        triples=len(site.graph.triples),
        files=len(site.written),
        bytes=sum(site.written.values()),
        skipped=tuple(site.skipped),
    )


def _is_absolute_url(text: str) -> bool:
    """An absolute http(s) URL with a host and nothing a Turtle IRI cannot hold."""
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https") and bool(parts.hostname) and bool(_SAFE_IRI.match(text))
    )
