"""What every page of a build shares: the graph, its entities, labels, links and the page frame."""

from __future__ import annotations

import hashlib
import posixpath
from base64 import b64encode
from collections import defaultdict
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph

from govgraph.errors import PublishError
from govgraph.namespaces import CONTEXT_IRI, curie
from govgraph.publish.graph import _Entity, _Graph, _is_web, _key, _sort_key
from govgraph.publish.jsonld import XSD_STRING
from govgraph.publish.terms import (
    _CSS_NAME,
    _INDEX_CONTEXT,
    _NS,
    _SAFE_FRAGMENT,
    _SAFE_SEGMENT,
    ALT,
    DIMENSIONS,
    GENERATOR,
    IN_SCHEME,
    KINDS,
    LICENSE,
    ORDER,
    OWL_ONTOLOGY,
    PREF,
    RDF_TYPE,
    RDFS_LABEL,
    SUBJECT,
    TERM_LABELS,
    Term,
)
from govgraph.publish.ui import UI


class Link(NamedTuple):
    """A link to a resource (no href: plain text), its text in lang ('' for the page's)."""

    text: str
    href: str = ""
    lang: str = ""
    external: bool = False
    kind: str = "link"


class Text(NamedTuple):
    """A literal's text, its language ('' for the page's) and a title (its datatype)."""

    text: str
    lang: str = ""
    title: str = ""
    kind: str = "text"


class Blank(NamedTuple):
    """A blank node's statements (property link, value); more: nested too deep to show."""

    items: tuple[tuple[Link, Link | Text | Blank], ...]
    more: bool = False
    kind: str = "blank"


# The search box of every page: its script (static/search.js) and the index publish builds
# (publish/search.py), both at the root of the site.
SEARCH_SCRIPT = "search.js"
SEARCH_INDEX = "search-index.js"


def _css() -> str:
    """The site's stylesheet (inlined in every page)."""
    return (files("govgraph.publish") / "static" / _CSS_NAME).read_text(encoding="utf-8")


class _Core:
    """Everything one build needs: the graph, what has a page where, and the files written."""

    def __init__(
        self,
        dataset: pyoxigraph.Dataset,
        *,
        base: str,
        lang: str,
        endpoint: str | None,
    ) -> None:
        self.root = Path()  # where build() writes
        self.dataset = dataset
        self.base = base
        self.lang = lang
        self.other_lang = "en" if lang == "es" else "es"
        self.ui = UI[lang]
        self.endpoint = endpoint
        self.graph = _Graph(dataset)
        self.written: dict[str, int] = {}
        self.skipped: list[str] = []
        self.css = _css()
        digest = b64encode(hashlib.sha256(self.css.encode("utf-8")).digest()).decode("ascii")
        self.csp = "; ".join(
            [
                "default-src 'none'",
                # the search box's script and its index, files of the site itself
                "script-src 'self'",
                f"style-src 'sha256-{digest}'",
                "img-src data:",
                "frame-src 'self'",
                "base-uri 'none'",
                "form-action 'none'",
            ]
        )
        self._labels: dict[str, tuple[str, str | None]] = {}
        self.entities: dict[str, _Entity] = {}
        self.docs: dict[str, list[str]] = defaultdict(list)
        self._find_entities()
        self.kinds = self.by_kind()
        self.dimension_list = self.dimensions()
        self.ontology = self.find_ontology()
        # The JSON-LD context sits at its IRI when that is under the base, else at the root.
        self.context_path = (
            CONTEXT_IRI[len(base) :]
            if CONTEXT_IRI.startswith(base)
            else posixpath.basename(CONTEXT_IRI)
        )

    # --- what gets a page -----------------------------------------------------------------

    def _find_entities(self) -> None:
        for subject, statements in self.graph.out.items():
            if not subject.startswith(self.base) or not any(p == RDF_TYPE for p, _ in statements):
                continue
            doc, _, fragment = subject.partition("#")
            local = doc[len(self.base) :]
            segments = local.split("/")
            if (
                not local
                or not all(_SAFE_SEGMENT.match(s) for s in segments)
                or (fragment and not _SAFE_FRAGMENT.match(fragment))
                or ("#" in subject and not fragment)
            ):
                self.skipped.append(subject)
                continue
            self.entities[subject] = _Entity(
                subject, doc, f"{local}.html", fragment or None, self.kind(subject)
            )
            self.docs[doc].append(subject)
        self.skipped.sort()
        for members in self.docs.values():
            members.sort()

    def find_ontology(self) -> str | None:
        """The ontology the pages link to: one documented on this site, else its own IRI."""
        ontologies = sorted(self.graph.subjects(RDF_TYPE, OWL_ONTOLOGY))
        here = [o for o in ontologies if o in self.entities]
        elsewhere = [o for o in ontologies if _is_web(o)]
        found = here or elsewhere
        return found[0] if found else None

    def kind(self, iri: str) -> str:
        types = set(self.graph.types(iri))
        for slug, cls, _, _ in KINDS:
            if cls and cls in types:
                return slug
        return "other"

    def is_hash_doc(self, doc: str) -> bool:
        return any(self.entities[m].fragment for m in self.docs[doc])

    # --- labels and links -----------------------------------------------------------------

    def label(self, iri: str) -> tuple[str, str | None]:
        """The name of a resource in the page language (else es, en) and that language."""
        if iri in self._labels:
            return self._labels[iri]
        found: tuple[str, str | None] | None = None
        for predicate in (PREF, RDFS_LABEL):
            literal = self.graph.text(iri, predicate, self.lang)
            if literal is not None:
                found = (literal.value, (literal.language or "").lower() or None)
                break
        if found is None and iri in TERM_LABELS:
            es, en = TERM_LABELS[iri]
            found = (es if self.lang == "es" else en, self.lang)
        if found is None:
            short = curie(iri)
            found = (iri if short.startswith("<") else short, None)
        self._labels[iri] = found
        return found

    def other_label(self, iri: str) -> str | None:
        """The label in the other language, when it says something else."""
        literal = None
        for predicate in (PREF, RDFS_LABEL):
            literal = next(
                (
                    lit
                    for lit in self.graph.literals(iri, predicate)
                    if (lit.language or "").lower().split("-")[0] == self.other_lang
                ),
                None,
            )
            if literal is not None:
                break
        if literal is None or literal.value == self.label(iri)[0]:
            return None
        return literal.value

    def acronyms(self, iri: str) -> list[str]:
        return sorted({lit.value for lit in self.graph.literals(iri, ALT)}, key=_sort_key)

    def lang_of(self, language: str | None) -> str:
        """The language of a text when it is not the page language ('' otherwise)."""
        if language is None:
            return ""
        language = language.lower()
        return "" if language.split("-")[0] == self.lang else language

    def page_of(self, iri: str) -> str | None:
        """The site path (with #fragment) that documents an IRI, or None."""
        entity = self.entities.get(iri)
        if entity is not None:
            return entity.path + (f"#{entity.fragment}" if entity.fragment else "")
        return None

    def href(self, page: str, target: str) -> str:
        """A relative link from one site path to another (which may carry a #fragment)."""
        path, hash_mark, fragment = target.partition("#")
        if path == page and hash_mark:
            return f"#{fragment}"
        relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
        return relative + (f"#{fragment}" if hash_mark else "")

    def link(self, page: str, iri: str, text: str | None = None) -> Link:
        """A link to a resource: its page, an external link, or plain text for a non-web IRI."""
        if text is None:
            name, language = self.label(iri)
        else:
            name, language = text, self.lang
        lang = self.lang_of(language)
        target = self.page_of(iri)
        if target is not None:
            return Link(name, self.href(page, target), lang)
        if _is_web(iri):
            return Link(name, iri, lang, external=True)
        return Link(name, "", lang)

    def text(self, literal: pyoxigraph.Literal) -> Text:
        """A literal as text, with its language when that is not the page's."""
        return Text(literal.value, self.lang_of(literal.language))

    def value(self, page: str, term: Term) -> Link | Text | Blank:
        """An object of a statement: a link for an IRI, text for a literal."""
        if isinstance(term, pyoxigraph.NamedNode):
            return self.link(page, term.value)
        if isinstance(term, pyoxigraph.BlankNode):
            return self.blank(page, term)
        if term.language:
            return self.text(term)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Text(term.value)
        return Text(term.value, title=curie(datatype).strip("<>"))

    def blank(self, page: str, node: pyoxigraph.BlankNode, depth: int = 0) -> Blank:
        """A blank node as a nested list of its statements (bounded depth)."""
        if depth > 3:
            return Blank((), more=True)
        items = []
        for predicate, obj in self.graph.out.get(_key(node), ()):
            shown = (
                self.blank(page, obj, depth + 1)
                if isinstance(obj, pyoxigraph.BlankNode)
                else self.value(page, obj)
            )
            items.append((self.link(page, predicate), shown))
        return Blank(tuple(items))

    def order(self, iri: str) -> tuple[Any, ...]:
        """Sort resources by gg:order, then by name, then by IRI."""
        position = self.graph.first_int(iri, ORDER)
        return (position if position is not None else 1 << 62, _sort_key(self.label(iri)[0]), iri)

    def kind_title(self, kind: str) -> str:
        for slug, _, es, en in KINDS:
            if slug == kind:
                return es if self.lang == "es" else en
        return kind

    # --- writing --------------------------------------------------------------------------

    def write(self, path: str, data: bytes | str) -> None:
        """Write one file of the site; two files at one path is an error."""
        if path in self.written:
            raise PublishError(f"two files of the site would be written at {path}")
        body = data.encode("utf-8") if isinstance(data, str) else data
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.written[path] = len(body)

    def page(
        self,
        path: str,
        template: str,
        *,
        title: str,
        crumbs: Sequence[tuple[str, str]] = (),
        **context: Any,
    ) -> None:
        """Write a page from its template; crumbs (site path, text) lead to it."""
        from govgraph.templating import render

        nav = [self.link(path, self.ontology, self.ui["ontology"])] if self.ontology else []
        nav += [
            Link(self.ui["network"], self.href(path, "network.html")),
            Link(self.ui["data"], self.href(path, "void.ttl")),
        ]
        document = render(
            "govgraph.publish",
            template,
            lang=self.lang,
            other_lang=self.other_lang,
            ui=self.ui,
            csp=self.csp,
            generator=GENERATOR,
            css=self.css,
            title=title,
            root=self.href(path, "index.html"),
            nav=nav,
            crumbs=[Link(text, self.href(path, target)) for target, text in crumbs],
            search={
                "script": self.href(path, SEARCH_SCRIPT),
                "index": self.href(path, SEARCH_INDEX),
                "root": self.href(path, SEARCH_INDEX)[: -len(SEARCH_INDEX)],
            },
            license=LICENSE,
            triples=len(self.graph.triples),
            **context,
        )
        self.write(path, document)

    def by_kind(self) -> dict[str, list[str]]:
        """Slash entities (pages of their own) by kind, in the order of KINDS."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, entity in self.entities.items():
            if entity.fragment is None and not self.is_hash_doc(entity.doc):
                found[entity.kind].append(iri)
        return {
            slug: sorted(found[slug], key=self.index_order(slug))
            for slug, *_ in KINDS
            if found.get(slug)
        }

    def index_order(self, kind: str) -> Callable[[str], tuple[Any, ...]]:
        context = _INDEX_CONTEXT.get(kind)

        def key(iri: str) -> tuple[Any, ...]:
            first = sorted(self.graph.iris(iri, context)) if context else []
            group = _sort_key(self.label(first[0])[0]) if first else ()
            return (group, *self.order(iri))

        return key

    def dimensions(self) -> list[str]:
        """The MGI dimensions (concepts of migof:dimensiones) that have a page."""
        found = set(self.graph.subjects(IN_SCHEME, DIMENSIONS))
        return sorted((d for d in found if d in self.entities), key=self.order)

    def crumbs_for(self, kind: str) -> list[tuple[str, str]]:
        crumbs = [("index.html", self.ui["home"])]
        if kind != "ontology":
            crumbs.append((f"type/{kind}.html", self.kind_title(kind)))
        return crumbs

    def findings_of(self, dimension: str) -> list[str]:
        finding = _NS["gg"] + "Finding"
        return sorted(
            (s for s in self.graph.subjects(SUBJECT, dimension) if finding in self.graph.types(s)),
            key=self.order,
        )
