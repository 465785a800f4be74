"""Export of a network view as GraphML, GEXF or node-link JSON, the same bytes for one graph."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Sequence
from typing import IO, Any

import networkx as nx

from govgraph import files
from govgraph.errors import GovgraphError
from govgraph.queries import SEPARATOR

EXPORT_FORMATS = ("graphml", "gexf", "json")
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def _scalar(value: Any) -> Any:
    """A value GraphML and GEXF accept: lists joined with "; ", None as "", dicts as k=v."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return SEPARATOR.join(f"{k}={v}" for k, v in value.items())
    return value


def _uniform(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Scalar attributes with one type per name (text wherever one value is text)."""
    scalars = [{k: _scalar(v) for k, v in record.items()} for record in records]
    text = {k for record in scalars for k, v in record.items() if not isinstance(v, int | float)}
    return [{k: (str(v) if k in text else v) for k, v in record.items()} for record in scalars]


def _edge_order(item: tuple[str, str, dict[str, Any]]) -> tuple[str, ...]:
    """Sort key of an edge: its ends, then its attributes."""
    u, v, data = item
    return (u, v, json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _canonical(graph: nx.Graph, scalars: bool) -> nx.Graph:
    """A copy with sorted nodes and edges (each edge low end first), ready to write."""
    edges = sorted(
        ((min(u, v), max(u, v), dict(data)) for u, v, data in graph.edges(data=True)),
        key=_edge_order,
    )
    nodes = sorted(graph.nodes(data=True))
    node_data = [dict(data) for _, data in nodes]
    edge_data = [data for _, _, data in edges]
    graph_data = dict(graph.graph)
    if scalars:
        node_data, edge_data = _uniform(node_data), _uniform(edge_data)
        graph_data = _uniform([graph_data])[0]
    out = nx.MultiGraph() if graph.is_multigraph() else nx.Graph()
    out.graph.update(graph_data)
    for (iri, _), data in zip(nodes, node_data, strict=True):
        out.add_node(iri, **data)
    for key, ((u, v, _), data) in enumerate(zip(edges, edge_data, strict=True)):
        if out.is_multigraph():
            out.add_edge(u, v, key=key, **data)  # one key per edge: GEXF edge ids are unique
        else:
            out.add_edge(u, v, **data)
    return out


def to_text(graph: nx.Graph, fmt: str) -> str:
    """The graph as GraphML, GEXF or node-link JSON text; the same graph gives the same text."""
    if fmt not in EXPORT_FORMATS:
        raise GovgraphError(
            f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})"
        )
    if fmt == "json":
        data = nx.node_link_data(_canonical(graph, scalars=False), edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # The writers of networkx, not its generate_* functions: those escape every non-ASCII
    # character; these write UTF-8 with an XML declaration.
    out = io.BytesIO()
    write = nx.write_graphml_xml if fmt == "graphml" else nx.write_gexf
    write(_canonical(graph, scalars=True), out, encoding="utf-8")
    text = out.getvalue().decode("utf-8")
    # GEXF stamps the day it was written: leave the date out, so the output is reproducible.
    return _GEXF_DATE.sub("", text, count=1).rstrip("\n") + "\n"


def export(graph: nx.Graph, fmt: str, target: str | os.PathLike[str] | IO[Any]) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON (UTF-8) to a path or a stream.

    A path is written as govgraph.files writes one ('-' is standard output): whole or not at
    all, never over a FIFO or a device.
    """
    if isinstance(target, str | os.PathLike):
        files.check_output(target)
    text = to_text(graph, fmt)
    if isinstance(target, str | os.PathLike):
        files.write_output(target, text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase) or hasattr(target, "encoding"):
        target.write(text)
    else:
        target.write(text.encode("utf-8"))
