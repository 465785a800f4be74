"""The network, publishing and benchmark commands, in-process on the real graph."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from conftest import free_port
from govgraph.cli import govgraph
from govgraph.publish.serve import Server
from govgraph.store import SparqlBackend


def invoke(*args: str) -> Result:
    """Run govgraph in-process; never a traceback."""
    result = CliRunner().invoke(govgraph, list(args))
    assert "Traceback" not in result.output
    return result


def test_analyze_interlocks_top_5() -> None:
    """The five most central bodies of the interlocks view, SEZAMI first."""
    result = invoke("analyze", "interlocks", "--top", "5", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "curie,label,kind,level,jurisdiction_id,degree,betweenness,cross_level,component,community"
    )
    top = [line.split(",")[0] for line in lines[1:]]
    assert top[0] == "body:sezami"
    assert {"body:cdhez", "body:gobierno-zacatecas"} <= set(top)
    assert len(top) == 5


def test_analyze_summary_and_filters() -> None:
    """--summary gives the measures; --around keeps the ego network."""
    summary = invoke("analyze", "councils", "--summary", "--format", "json")
    measures = {r["measure"]: r["value"] for r in json.loads(summary.stdout)}
    assert (measures["nodes"], measures["edges"]) == (53, 56)
    around = invoke("analyze", "councils", "--around", "SEZAMI", "--format", "csv")
    assert {line.split(",")[0] for line in around.stdout.splitlines()[1:]} == {
        "body:sezami",
        "council:consejo-interinstitucional",
        "council:covam",
        "council:comision-nna-migrantes",
    }
    unknown = invoke("analyze", "councils", "--dimension", "no such dimension")
    assert unknown.exit_code == 2
    assert "no dimension matches" in unknown.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_network(tmp_path: Path, fmt: str) -> None:
    """A view written for Gephi / notebooks parses back with the same nodes and edges."""
    out = tmp_path / f"councils.{fmt}"
    result = invoke("export-network", "councils", "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "graphml":
        graph = nx.read_graphml(out)
    elif fmt == "gexf":
        graph = nx.read_gexf(out)
    else:
        graph = nx.node_link_graph(json.loads(out.read_text("utf-8")), edges="edges")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (53, 56)


def test_export_is_reproducible(tmp_path: Path) -> None:
    """Two exports of the same graph are byte-identical."""
    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    assert invoke("export", "-f", "nq", "-o", str(first)).exit_code == 0
    assert invoke("export", "-f", "nq", "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_push_then_query_back() -> None:
    """push replaces each jurisdiction's named graph on a writable Oxigraph server (one line
    each); the data can be queried; --graph puts everything into one graph."""
    with Server(free_port(), writable=True, empty=True) as server:
        result = invoke("push", "--endpoint", server.store_url)
        assert result.exit_code == 0, result.output
        assert [line.split(" with ")[0] for line in result.stderr.splitlines()] == [
            "replaced <https://w3id.org/govgraph/graph/int>",
            "replaced <https://w3id.org/govgraph/graph/mx>",
            "replaced <https://w3id.org/govgraph/graph/mx-zac>",
        ]
        remote = SparqlBackend(server.query_url)
        rows = remote.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/govgraph/graph/mx-zac> "
            "{ ?m a <http://www.w3.org/ns/org#Membership> } }"
        ).rows
        assert rows == [("56",)]
        one = invoke("push", "--endpoint", server.store_url, "--graph", "https://example.org/g")
        assert one.exit_code == 0, one.output
        assert one.stderr.startswith("replaced <https://example.org/g> with ")
        rows = remote.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/g> "
            "{ ?m a <http://www.w3.org/ns/org#Membership> } }"
        ).rows
        assert rows == [("56",)]
    refused = invoke(
        "push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--timeout", "2"
    )
    assert refused.exit_code == 2
    assert len(refused.stderr.strip().splitlines()) == 1


def test_serve_command_answers_and_stops_on_ctrl_c() -> None:
    """`govgraph serve` in its own process answers a query, then stops cleanly on SIGINT."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "govgraph.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, process.stderr.read() if process.stderr else ""
                time.sleep(0.2)
        members = SparqlBackend(f"http://127.0.0.1:{port}/query").query(
            "SELECT ?m WHERE { ?m <http://www.w3.org/ns/org#organization> "
            "<https://w3id.org/govgraph/id/mx-zac/council/covam> }"
        )
        assert len(members.rows) == 7
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert f"http://127.0.0.1:{port}/" in out


def test_bench_generate(tmp_path: Path) -> None:
    """The scale generator writes a graph the commands answer on."""
    out = tmp_path / "syn.nt"
    result = invoke("bench", "generate", "--jurisdictions", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("wrote ")
    councils = invoke("--data", str(out), "councils", "--format", "json")
    assert len(json.loads(councils.stdout)) >= 16


def test_viz_writes_an_offline_page_and_pictures(tmp_path: Path) -> None:
    """viz writes one HTML file (usual permissions, no external reference) and PNG/SVG stills."""
    import re
    import stat

    page, png, svg = tmp_path / "councils.html", tmp_path / "councils.png", tmp_path / "c.svg"
    result = invoke(
        "viz", "councils", "-o", str(page), "--png", str(png), "--svg", str(svg), "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # messages go to stderr
    assert result.stderr.splitlines() == [
        f"wrote {page} (53 nodes, 56 edges)",
        f"wrote {png}",
        f"wrote {svg}",
    ]
    text = page.read_text("utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://""", text, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?https?://", text, re.IGNORECASE)
    assert stat.S_IMODE(page.stat().st_mode) & 0o044  # readable by others, not mkstemp's 0600
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.read_text("utf-8").lstrip().startswith(("<svg", "<?xml"))


def test_viz_filters_and_bad_view() -> None:
    """Filters go through entity resolution; an unknown view is a usage error."""
    result = invoke("viz", "all", "--around", "nothing like this", "-o", "/dev/null")
    assert result.exit_code == 2
    assert "no entity matches" in result.stderr
    assert invoke("viz", "nope").exit_code == 2


def test_publish_command(tmp_path: Path) -> None:
    """`govgraph publish` writes the site and says how much it wrote; a bad target is refused."""
    site = tmp_path / "site"
    result = invoke("publish", str(site))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the summary is a message: on stderr
    assert result.stderr.startswith("wrote ")
    assert " pages (" in result.stderr
    assert (site / "id/mx-zac/council/covam.html").is_file()
    assert (site / "id/mx-zac/council/covam.ttl").is_file()
    assert (site / "void.ttl").is_file()
    occupied = tmp_path / "mine"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("keep me", "utf-8")
    refused = invoke("publish", str(occupied))
    assert refused.exit_code == 2
    assert (occupied / "notes.txt").read_text("utf-8") == "keep me"
