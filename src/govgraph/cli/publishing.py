"""Publishing commands: export the graph, publish the site, serve and push it."""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli.common import count, ontology, sources
from govgraph.cli.errors import DomainError
from govgraph.cli.options import lang_option


@click.command("export")
@click.option(
    "-f",
    "--to",
    "rdf_format",
    type=click.Choice(["ttl", "nt", "nq", "jsonld", "rdfxml"]),
    default="ttl",
    show_default=True,
    help="Serialization.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, replaced atomically (default and -: standard output).",
)
@click.option("--data-only", is_flag=True, help="Only the data, not the ontology and vocabularies.")
@click.option(
    "--context-url",
    metavar="URL",
    help="JSON-LD: reference the context at this absolute URL instead of embedding it.",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    rdf_format: str,
    output: str | None,
    data_only: bool,
    context_url: str | None,
) -> None:
    """Export the whole graph (ontology, vocabularies, data) as RDF, byte for byte reproducible.

    N-Quads put the ontology and vocabularies in the named graph
    https://w3id.org/govgraph/graph/ontology and each jurisdiction's data in its
    own (.../graph/mx-zac, .../graph/mx, .../graph/int).

    \b
    Example:
      govgraph export -f ttl -o govgraph.ttl
      govgraph export -f jsonld --data-only > zacatecas.jsonld
      govgraph export -f nq | gzip > govgraph.nq.gz
    """
    from govgraph.publish.export import export

    if context_url is not None and rdf_format != "jsonld":
        raise DomainError("--context-url applies to -f jsonld only")
    if output == "":
        raise DomainError(
            "--output is empty: give a file name, or leave it out for standard output"
        )
    written = export(
        rdf_format,
        output,
        data_only=data_only,
        paths=sources(ctx.obj),
        ontology=ontology(ctx.obj),
        context_url=context_url,
    )
    if output and output != "-":
        click.echo(f"wrote {count(written, 'statement')} to {output}", err=True)


@click.command("publish")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-iri",
    default="https://w3id.org/govgraph/",
    show_default=True,
    help="Where the site will be served: the root of the entity IRIs.",
)
@click.option(
    "--sparql-endpoint",
    metavar="URL",
    help="A SPARQL endpoint to announce in void.ttl and on the pages.",
)
@lang_option("Language of the pages.")
@click.pass_context
def publish_command(
    ctx: click.Context, outdir: Path, base_iri: str, sparql_endpoint: str | None, lang: str
) -> None:
    """Write a static linked-data site: a page per entity with its Turtle and JSON-LD.

    Index pages per type and MGI dimension, a home page with the network view,
    the ontology documented, void.ttl (VoID/DCAT) and dumps, and server
    configuration for content negotiation (.htaccess, nginx). The site is built
    beside OUTDIR and swapped into place: a failure leaves the previous site.

    \b
    Example:
      govgraph publish site/
      govgraph publish site/ --base-iri https://example.org/govgraph/
    """
    from govgraph.publish import publish

    summary = publish(
        outdir,
        base_iri=base_iri,
        paths=sources(ctx.obj),
        ontology=ontology(ctx.obj),
        lang=lang,
        sparql_endpoint=sparql_endpoint,
    )
    click.echo(str(summary), err=True)


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (127.0.0.1: this machine only).",
)
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes.")
@click.pass_context
def serve_command(ctx: click.Context, port: int, host: str, writable: bool) -> None:
    """Serve the graph as a SPARQL endpoint (Oxigraph) with its query page at /.

    The ontology and the data go into named graphs; the default graph is their
    union. Read-only unless --writable. Stops cleanly on Ctrl-C.

    \b
    Example:
      govgraph serve
      govgraph serve --port 8080 --writable
    """
    from govgraph.publish.serve import serve

    serve(port, host, writable, sources(ctx.obj), ontology=ontology(ctx.obj))


@click.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The Graph Store Protocol URL, e.g. http://host:7878/store.",
)
@click.option(
    "--graph",
    "graph_iri",
    default=None,
    metavar="IRI",
    help="Put everything into this one named graph (default: each jurisdiction's data into "
    "its own graph, https://w3id.org/govgraph/graph/<id>).",
)
@click.option("--with-ontology", is_flag=True, help="Push the ontology and vocabularies too.")
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds for the whole exchange, the upload included.",
)
@click.pass_context
def push_command(
    ctx: click.Context, endpoint: str, graph_iri: str | None, with_ontology: bool, timeout: float
) -> None:
    """Replace named graphs on any SPARQL 1.1 Graph Store endpoint, one request each.

    Each jurisdiction's data (data/ttl/<id>/) replaces its own named graph
    (https://w3id.org/govgraph/graph/<id>), the ontology its graph with
    --with-ontology; --graph puts everything into one graph instead. A failed
    request leaves its graph as it was. Credentials come from the environment
    (GOVGRAPH_TOKEN, or GOVGRAPH_USER and GOVGRAPH_PASSWORD) or from ~/.netrc,
    never from the command line.

    \b
    Example:
      govgraph push --endpoint http://127.0.0.1:7878/store
      GOVGRAPH_TOKEN=... govgraph push --endpoint https://example.org/store --graph https://example.org/g
    """
    from govgraph.publish.push import push, push_graphs

    def done(graph: str, triples: int) -> None:
        click.echo(f"replaced <{graph}> with {count(triples, 'triple')}", err=True)

    if graph_iri is None:
        push_graphs(
            endpoint,
            paths=sources(ctx.obj),
            ontology=ontology(ctx.obj),
            data_only=not with_ontology,
            timeout=timeout,
            done=done,
        )
        return
    replaced = push(
        endpoint,
        graph_iri,
        paths=sources(ctx.obj),
        ontology=ontology(ctx.obj),
        data_only=not with_ontology,
        timeout=timeout,
    )
    done(graph_iri, replaced)
