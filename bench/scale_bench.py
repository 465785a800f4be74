"""Scale benchmark: govgraph vs raw pyoxigraph vs rdflib at 10k to 10M triples.

Run by `make bench` (not by `make test`). For each size, a deterministic synthetic graph in
the application profile (`govgraph bench generate`, seed 0) is written once as N-Triples, and
every measurement runs in a fresh worker process (so each has its own peak memory):

* load: govgraph's cold start (hash the files, bulk-load them with the ontology into the
  on-disk cache) vs raw pyoxigraph bulk-loading the same file (into an on-disk store, as
  govgraph does, and into memory) vs rdflib parsing it;
* every saved query with the generator's example values: govgraph (`queries.run` on the cached
  store, rows converted and list columns sorted) vs raw pyoxigraph (`Store.query` with
  substitutions on the same on-disk store, and on an in-memory store, solutions read) vs
  rdflib (`Graph.query` with initBindings, stopped after RDFLIB_TIMEOUT seconds);
* `viz interlocks`: the projection and the HTML page; `analyze interlocks`: every measure, with
  sampled betweenness checked against the exact value where exact still finishes;
* the CLI on the real graph with a warm cache vs `python -c "import click, pyoxigraph"`;
* whole commands (issue 13), each in a fresh process as a user runs them: the first run and
  the cached run at 1M against raw pyoxigraph load + query, listing queries in memory, on the
  memory image and on the entry on disk at 1M and 10M, `viz`/`analyze interlocks` at 1M and
  10M, and the analyst commands on 50 generated jurisdictions.

Medians of RUNS runs; at 10M one run of govgraph's two ways. Ratios compare numbers of one run.
The report is printed and written to bench/RESULTS.md. Exits 1 when a target is missed.

    python bench/scale_bench.py [--sizes 10k,100k,1m,10m] [--runs 3] [--work DIR]
    python bench/scale_bench.py --only commands [--quick]   # whole commands only (--quick: no 10M)
    python bench/scale_bench.py --only commands --reuse --redo network --sizes 10m --work DIR
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("RESULTS.md")
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
RUNS = 3
LARGEST = 10_000_000  # one run of govgraph's two ways only (see measure_size)
AGREEMENT_SIZE = 250_000  # ~2,500 interlock nodes: sampled betweenness, exact still finishes
NETWORK_TIMEOUT = 900.0
RDFLIB_MAX = 1_000_000  # rdflib needs ~25 s and 1.2 GB per 1M triples: not run above
RDFLIB_TIMEOUT = 20.0  # seconds per rdflib query; a stopped query is reported as "> 20 s"
WORKER_TIMEOUT = 1_800.0
CLI_RUNS = 15
# Targets (issue 6)
LOAD_QUERY_VS_RAW = 1.3
VS_RDFLIB = 10.0
CLI_VS_IMPORT = 1.5
VIZ_HTML_S = 5.0
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


# --- workers (each runs in its own process) ---------------------------------------------------


class Stopped(BaseException):
    """An rdflib query stopped after RDFLIB_TIMEOUT seconds."""


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def _sources(file: str) -> list[Path]:
    from govgraph.resources import default_sources

    return default_sources([file])


def _ontology(file: str) -> list[Path]:
    """The bundled ontology and vocabulary files, which govgraph loads with any data."""
    return [
        t for p in _sources(file)[:-1] for t in ([p] if p.is_file() else sorted(p.glob("*.ttl")))
    ]


def _raw_load(store: Any, file: str) -> None:
    """What a pyoxigraph user would write: bulk-load the file and the ontology files."""
    import pyoxigraph

    store.bulk_load(path=file, format=pyoxigraph.RdfFormat.N_TRIPLES)
    for ttl in _ontology(file):
        store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)


def _saved() -> list[Any]:
    from govgraph.queries import saved_queries

    return saved_queries()


def _values(query: Any) -> dict[str, str]:
    from govgraph.synth import example_values

    values = example_values()
    return {p.name: values[p.name] for p in query.params if p.name in values}


def _median_run(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(runs):
        seconds, value = _timed(fn)
        times.append(seconds)
    return statistics.median(times), value


def work_load(file: str, tool: str) -> dict[str, Any]:
    """Load the file once with one tool; seconds, triples and peak memory."""
    if tool in ("govgraph", "govgraph-memory"):
        from govgraph.store import OxigraphBackend

        cache = tool == "govgraph"
        seconds, backend = _timed(lambda: OxigraphBackend.load(_sources(file), cache=cache))
        triples = backend.triple_count()
    elif tool in ("pyoxigraph-disk", "pyoxigraph-memory"):
        import pyoxigraph

        def load() -> Any:
            where = os.environ["GOVGRAPH_CACHE_DIR"] + "/raw" if tool.endswith("disk") else None
            if where:
                Path(where).mkdir(parents=True)
            store = pyoxigraph.Store(where)
            _raw_load(store, file)
            if where:
                store.flush()
            return store

        seconds, store = _timed(load)
        triples = len(store)
    else:
        import rdflib

        def parse() -> Any:
            graph = rdflib.Graph().parse(file, format="nt")
            for ttl in _ontology(file):
                graph.parse(ttl, format="turtle")
            return graph

        seconds, graph = _timed(parse)
        triples = len(graph)
    return {"seconds": seconds, "triples": triples, "peak_mib": _peak_mib()}


def _pyoxigraph_terms(query: Any, values: dict[str, str]) -> dict[Any, Any]:
    import pyoxigraph

    bound: dict[Any, Any] = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if param.kind == "integer":
            term = pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD_INTEGER))
        elif param.kind in ("lang", "string"):
            term = pyoxigraph.Literal(value)
        else:
            term = pyoxigraph.NamedNode(value)
        bound[pyoxigraph.Variable(param.name)] = term
    return bound


def work_queries(file: str, tool: str, runs: int) -> dict[str, Any]:
    """Every saved query with one tool: median seconds and row count per query."""
    out: dict[str, Any] = {}
    saved = _saved()
    if tool in ("govgraph", "govgraph-memory"):
        from govgraph.queries import run
        from govgraph.store import OxigraphBackend

        # govgraph: the cached store the load built; govgraph-memory: --no-cache
        backend = OxigraphBackend.load(_sources(file), cache=tool == "govgraph")
        for query in saved:
            values = _values(query)
            seconds, result = _median_run(lambda q=query, v=values: run(backend, q, v), runs)
            out[query.name] = {"seconds": seconds, "rows": len(result.rows)}
    elif tool in ("pyoxigraph-disk", "pyoxigraph-memory"):
        import pyoxigraph

        from govgraph.store import with_prefixes

        if tool.endswith("disk"):
            store = pyoxigraph.Store.read_only(os.environ["GOVGRAPH_CACHE_DIR"] + "/raw")
        else:
            store = pyoxigraph.Store()
            _raw_load(store, file)
        for query in saved:
            text = with_prefixes(query.text)
            bound = _pyoxigraph_terms(query, _values(query))

            def ask(text: str = text, bound: dict[Any, Any] = bound) -> list[Any]:
                solutions = store.query(text, substitutions=bound)
                names = solutions.variables
                return [[s[v] for v in names] for s in solutions]

            seconds, rows = _median_run(ask, runs)
            out[query.name] = {"seconds": seconds, "rows": len(rows)}
    else:
        import rdflib

        from govgraph.store import MemoryBackend

        graph = rdflib.Graph().parse(file, format="nt")
        for ttl in _ontology(file):
            graph.parse(ttl, format="turtle")
        backend = MemoryBackend(graph)

        def stop(*_: Any) -> None:
            raise Stopped  # not an Exception: no error handler on the way may swallow it

        signal.signal(signal.SIGALRM, stop)
        from govgraph.queries import run

        for query in saved:
            values = _values(query)
            signal.setitimer(signal.ITIMER_REAL, RDFLIB_TIMEOUT * runs)
            try:
                seconds, result = _median_run(lambda q=query, v=values: run(backend, q, v), runs)
            except Stopped:
                out[query.name] = {"seconds": None, "rows": None}
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            out[query.name] = {"seconds": seconds, "rows": len(result.rows)}
    return {"queries": out, "peak_mib": _peak_mib()}


def work_network(file: str) -> dict[str, Any]:
    """viz interlocks (projection, HTML) and analyze interlocks, as the commands do them."""
    from govgraph import network, render
    from govgraph.network import analyze
    from govgraph.store import OxigraphBackend

    backend = OxigraphBackend.load(_sources(file), cache=True)
    project_s, graph = _timed(lambda: network.project("interlocks", backend))
    html_s, page = _timed(lambda: render.render(graph))
    analyze_s, _ = _timed(lambda: analyze.analyze(graph))
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "project_s": project_s,
        "html_s": html_s,
        "html_mib": len(page.encode()) / 2**20,
        "analyze_s": analyze_s,
        "sampled": graph.number_of_nodes() > analyze.EXACT_LIMIT,
        "peak_mib": _peak_mib(),
    }


def work_agreement(file: str) -> dict[str, Any]:
    """Sampled betweenness (as analyze computes it above EXACT_LIMIT) against the exact value."""
    import networkx as nx

    from govgraph import network
    from govgraph.network import analyze
    from govgraph.store import OxigraphBackend

    graph = network.project("interlocks", OxigraphBackend.load(_sources(file), cache=False))
    flat = analyze.simple(graph)
    sampled_s, sampled = _timed(lambda: analyze.betweenness(flat))
    exact_s, truth = _timed(lambda: nx.betweenness_centrality(flat))
    return {
        "nodes": flat.number_of_nodes(),
        "edges": flat.number_of_edges(),
        "sampled_s": sampled_s,
        "exact_s": exact_s,
        **_agreement(sampled, truth),
    }


def _agreement(sampled: dict[str, float], truth: dict[str, float]) -> dict[str, Any]:
    """Top-10 overlap, Spearman rank correlation and largest absolute error."""
    nodes = sorted(truth)

    def ranks(values: dict[str, float]) -> dict[str, float]:
        order = sorted(nodes, key=lambda n: values[n])
        out, i = {}, 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out

    a, b = ranks(sampled), ranks(truth)
    mean = (len(nodes) - 1) / 2
    cov = sum((a[n] - mean) * (b[n] - mean) for n in nodes)
    var = (sum((a[n] - mean) ** 2 for n in nodes) * sum((b[n] - mean) ** 2 for n in nodes)) ** 0.5
    top = set(sorted(nodes, key=lambda n: -truth[n])[:10])
    top_sampled = set(sorted(nodes, key=lambda n: -sampled[n])[:10])
    return {
        "spearman": cov / var if var else 1.0,
        "top10_overlap": len(top & top_sampled),
        "max_abs_error": max(abs(sampled[n] - truth[n]) for n in nodes),
    }


def work_listing(file: str, how: str, names: list[str]) -> dict[str, Any]:
    """Listing queries, as `queries.run` runs them, on one store: how is "memory" (--no-cache),
    "image" (a live memory image of the files) or "disk" (the cache entry, no image)."""
    from govgraph.queries import load_query, run
    from govgraph.store import OxigraphBackend
    from govgraph.store.image import RemoteStore

    opened_s, backend = _timed(lambda: OxigraphBackend.load(_sources(file), cache=how != "memory"))
    remote = isinstance(backend.store, RemoteStore)
    if remote != (how == "image"):
        raise SystemExit(f"asked for {how}, got {'an image' if remote else 'a store'}")
    out = {}
    for name in names:
        query = load_query(name)
        seconds, result = _timed(partial(run, backend, query, _values(query)))
        out[name] = {"seconds": seconds, "rows": len(result.rows)}
    return {"open_s": opened_s, "queries": out, "peak_mib": _peak_mib()}


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "listing": work_listing,
    "load": work_load,
    "queries": work_queries,
    "network": work_network,
    "agreement": work_agreement,
}


# --- the driver -----------------------------------------------------------------------------


def worker(
    name: str,
    cache: Path,
    timeout: float = WORKER_TIMEOUT,
    environ: dict[str, str] | None = None,
    **kwargs: Any,
) -> Any:
    """Run one worker in a fresh process; its JSON answer, or None when it failed or timed out."""
    env = dict(os.environ, GOVGRAPH_CACHE_DIR=str(cache), **(environ or {}))
    command = [sys.executable, __file__, "--worker", name, json.dumps(kwargs)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"  {name} {kwargs}: stopped after {timeout:.0f} s", file=sys.stderr)
        return None
    if done.returncode:
        print(f"  {name} {kwargs} failed: {done.stderr.strip()[-600:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def dataset(work: Path, size: int) -> tuple[Path, int]:
    """The synthetic N-Triples file nearest to size triples (written once, then reused)."""
    from govgraph import synth

    counts = [count for _, count in synth.chunks(2)]
    federal, per = counts[0], statistics.mean(counts[1:])
    jurisdictions = max(1, round((size - federal) / per))
    path = work / f"synthetic-{jurisdictions}.nt"
    if not path.exists():
        partial = path.with_suffix(".part.nt")
        started = time.perf_counter()
        triples = synth.generate(jurisdictions, partial)
        partial.rename(path)
        print(
            f"  generated {triples:,} triples in {time.perf_counter() - started:.1f} s", flush=True
        )
    return path, jurisdictions


def measure_size(label: str, size: int, work: Path, runs: int) -> dict[str, Any]:
    """Every measurement at one size."""
    print(f"{label}: {size:,} triples", flush=True)
    path, jurisdictions = dataset(work, size)
    file = str(path)
    largest = size >= LARGEST
    # At 10M the question is whether everything answers, and in how much memory: govgraph
    # both ways, one run each. The ratios to raw pyoxigraph and rdflib are measured at 1M.
    tools = ["govgraph", "govgraph-memory"]
    if not largest:
        tools[1:1] = ["pyoxigraph-disk"]
        tools.append("pyoxigraph-memory")
    if size <= RDFLIB_MAX:
        tools.append("rdflib")
    load_runs = 1 if largest else runs
    loads: dict[str, Any] = {}
    for tool in tools:
        samples = []
        for i in range(1 if tool == "rdflib" and size >= RDFLIB_MAX else load_runs):
            cache = work / "cache" / f"{label}-{tool}-{i}"
            shutil.rmtree(cache, ignore_errors=True)
            samples.append(worker("load", cache, file=file, tool=tool))
            if i or tool not in ("govgraph", "pyoxigraph-disk"):
                shutil.rmtree(cache, ignore_errors=True)  # keep run 0: the queries use it
        done = [s for s in samples if s]
        loads[tool] = (
            {
                "seconds": statistics.median(s["seconds"] for s in done),
                "peak_mib": max(s["peak_mib"] for s in done),
                "triples": done[0]["triples"],
                "runs": len(done),
            }
            if done
            else None
        )
        print(f"  load {tool}: {loads[tool]}", flush=True)
    # Large files: the first run left a memory image that builds the entry; the queries of
    # "govgraph (cache)" are those of the entry on disk, so wait for it and stop the image.
    _entry_built(work / "cache" / f"{label}-govgraph-0", WORKER_TIMEOUT)
    _stop_images(work / "cache" / f"{label}-govgraph-0")
    queries: dict[str, Any] = {}
    for tool in tools:
        cache = work / "cache" / f"{label}-{'pyoxigraph-disk' if 'disk' in tool else 'govgraph'}-0"
        tool_runs = 1 if largest or (tool == "rdflib" and size >= RDFLIB_MAX) else runs
        # the on-disk entry as it is: no memory image loaded from it in the background
        queries[tool] = worker(
            "queries", cache, environ=NO_IMAGE, file=file, tool=tool, runs=tool_runs
        )
        print(f"  queries {tool}: done", flush=True)
    net = worker(
        "network",
        work / "cache" / f"{label}-govgraph-0",
        timeout=NETWORK_TIMEOUT,
        environ=NO_IMAGE,
        file=file,
    )
    print(f"  network: {net}", flush=True)
    for tool in ("govgraph", "pyoxigraph-disk"):
        shutil.rmtree(work / "cache" / f"{label}-{tool}-0", ignore_errors=True)
    return {
        "label": label,
        "size": size,
        "jurisdictions": jurisdictions,
        "file_mib": path.stat().st_size / 2**20,
        "loads": loads,
        "queries": queries,
        "network": net,
    }


def _reused(path: Path, reuse: bool, measure: Callable[[], Any]) -> Any:
    """A result saved by an earlier run (with --reuse), else measured now and saved."""
    if reuse and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    value = measure()
    path.write_text(json.dumps(value, indent=1), encoding="utf-8")
    return value


def _measure_agreement(work: Path) -> Any:
    print(f"agreement: {AGREEMENT_SIZE:,} triples", flush=True)
    path, _ = dataset(work, AGREEMENT_SIZE)
    return worker("agreement", work / "cache" / "agreement", file=str(path))


def cli_timing(work: Path) -> dict[str, float]:
    """Warm cache, real graph: `govgraph members COVAM --format csv` vs the bare imports."""
    cache = work / "cache" / "cli"
    env = dict(os.environ, GOVGRAPH_CACHE_DIR=str(cache))
    # An installed package has its bytecode compiled (pip does it); so must this checkout.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GOVGRAPH_NO_RESIDENT", None)
    govgraph = [str(Path(sys.executable).with_name("govgraph")), "members", "COVAM"]
    commands = {
        "cli": ([*govgraph, "--format", "csv"], env),
        "ordinary": ([*govgraph, "--format", "csv"], {**env, "GOVGRAPH_NO_RESIDENT": "1"}),
        "import": ([sys.executable, "-c", "import click, pyoxigraph"], env),
    }
    # Warm the cache; the first run leaves a resident (govgraph.resident): wait until it listens.
    subprocess.run(commands["cli"][0], env=env, capture_output=True, check=True)
    from govgraph.resident import client, identity

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        ident = identity()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    deadline = time.monotonic() + 20
    while (sock := client.connect(ident)) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if sock is not None:
        sock.close()
    times: dict[str, list[float]] = {name: [] for name in commands}
    try:
        for _ in range(CLI_RUNS):
            for name, (command, environment) in commands.items():  # interleaved: same machine
                started = time.perf_counter()
                subprocess.run(command, env=environment, capture_output=True, check=True)
                times[name].append(time.perf_counter() - started)
    finally:
        client.stop(ident)
    return {name: statistics.median(values) for name, values in times.items()}


# --- whole commands (issue 13) ------------------------------------------------------------------

# The acceptance check's query (bars/scale-ratio): bodies on two councils or more.
ORG_QUERY = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?body (COUNT(DISTINCT ?c) AS ?n) WHERE { ?m org:member ?body ; org:organization ?c }
GROUP BY ?body HAVING (COUNT(DISTINCT ?c) >= 2)
"""
RAW_COMMAND = """import sys, pyoxigraph as ox
s = ox.Store(); s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
print(len(list(s.query(open(sys.argv[2]).read()))))"""
LISTING = ("bodies-by-level", "councils", "laws", "findings", "programs")
FIRST_VS_RAW = 1.3
CACHED_VS_RAW = 0.3
DISK_VS_MEMORY = 3.0
JURISDICTION_S = 2.0
NETWORK_COMMAND_S = 600.0
PEAK_MIB = 8 * 1024
JURISDICTIONS = 50
PER_SIZE = "## Per-size tables"
# For a missed target of the whole-commands section: what it would take (by words of the target).
WOULD_TAKE = {
    "first run": "less before the answer: the files are hashed (0.2 s at 1M) before loading "
    "and the ontology loaded into its own graph; hashing could overlap the load",
    "cached run": "the image answers at memory speed; on disk, pyoxigraph would need a larger "
    "RocksDB block cache (not exposed to Python)",
    "listing queries": "the image: a large entry opened on disk starts loading one in the "
    "background, so only the first command after a pause runs on disk; on disk itself, "
    "pyoxigraph would need a larger RocksDB block cache (not exposed to Python)",
    "viz interlocks": "a smaller projection and page at 10M (the network and render helpers' "
    "work): the command's own memory, not the store's",
    "analyze interlocks": "cheaper measures on the projection (the network helpers' work)",
    "compare": "fewer or cheaper aspect queries per profile (compare.py, queries/compare/): "
    "on a memory image or with --no-cache it ran about 2x faster than on disk here",
    "warm CLI": "the resident process (govgraph.resident) listening: it starts in the "
    "background after a command run the ordinary way; without it (GOVGRAPH_NO_RESIDENT=1): "
    "python, click and pyoxigraph 40 ms; govgraph's modules ~18; opening the cached store 15-22",
    "peak": "the store in memory is ~400 bytes a triple: above ~15M triples, disk only",
}
NO_IMAGE = {"GOVGRAPH_NO_IMAGE": "1"}  # the entry on disk alone (see govgraph.store.image)


def command(args: list[str], cache: Path, timeout: float = NETWORK_COMMAND_S) -> dict[str, Any]:
    """One whole command in a fresh process: seconds, peak MiB (GNU time) and its output."""
    env = dict(os.environ, GOVGRAPH_CACHE_DIR=str(cache), GOVGRAPH_IMAGE_IDLE="600")
    # The command runs here, in the timed process: in a resident's child (govgraph.resident)
    # its peak memory would be outside the process tree that GNU time measures.
    env.setdefault("GOVGRAPH_NO_RESIDENT", "1")
    env.pop("GOVGRAPH_NO_CACHE", None)
    timer = ["/usr/bin/time", "-f", "peak-kib %M"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [*timer, *args], env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mib": None, "ok": False, "stdout": ""}
    seconds = time.perf_counter() - started
    peak = [line for line in done.stderr.splitlines() if line.startswith("peak-kib ")]
    return {
        "seconds": seconds,
        "peak_mib": int(peak[-1].split()[1]) / 1024 if peak else None,
        "ok": done.returncode == 0,
        "stdout": done.stdout,
        "stderr": done.stderr[-400:],
    }


def _govgraph() -> str:
    return str(Path(sys.executable).with_name("govgraph"))


def _entry_built(cache: Path, timeout: float) -> float | None:
    """Wait for the image to build the cache entry; the seconds waited, None if it never came."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        stores = cache / "stores"
        if stores.is_dir() and any((p / "meta.json").exists() for p in stores.iterdir()):
            return time.perf_counter() - started
        time.sleep(0.5)
    return None


def _stop_images(cache: Path) -> None:
    """Stop the memory images kept for the cache (so that the next run opens the entry)."""
    env = dict(os.environ, GOVGRAPH_CACHE_DIR=str(cache))
    code = "from govgraph.store import cache, image; image.stop_all(cache.cache_dir() / 'stores')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def first_and_cached(work: Path, label: str, runs: int) -> dict[str, Any]:
    """The check's query on one size: raw pyoxigraph (load + query in memory) against
    govgraph's first run (fresh cache), the run right after (its image), and a run once the
    image is gone (the entry on disk); medians of runs, each ratio within one round."""
    path, _ = dataset(work, SIZES[label])
    query = work / "org.rq"
    query.write_text(ORG_QUERY, encoding="utf-8")
    ask = [_govgraph(), "--data", str(path), "query", str(query), "--format", "csv"]
    rounds = []
    for i in range(runs):
        cache = work / "cache" / f"first-{label}-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        raw = command([sys.executable, "-c", RAW_COMMAND, str(path), str(query)], cache)
        first = command(ask, cache)
        cached = command(ask, cache)
        built = _entry_built(cache, WORKER_TIMEOUT)
        _stop_images(cache)
        disk = command(ask, cache)
        rows = {len(r["stdout"].splitlines()) - 1 for r in (first, cached, disk)}
        rounds.append(
            {
                "raw": raw["seconds"],
                "first": first["seconds"],
                "cached": cached["seconds"],
                "disk": disk["seconds"],
                "build_wait": built,
                "rows_agree": rows == {int(raw["stdout"].strip() or -1)},
                "peak_first": first["peak_mib"],
                "peak_raw": raw["peak_mib"],
            }
        )
        shutil.rmtree(cache, ignore_errors=True)
        print(f"  first/cached {label} round {i}: {rounds[-1]}", flush=True)
    return {"label": label, "size": SIZES[label], "rounds": rounds}


def listing(work: Path, label: str) -> dict[str, Any]:
    """Listing queries on one size: in memory, on the image of the first run, on the entry."""
    path, _ = dataset(work, SIZES[label])
    cache = work / "cache" / f"listing-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    file, names = str(path), list(LISTING)
    out: dict[str, Any] = {"label": label, "size": SIZES[label]}
    out["memory"] = worker("listing", cache, file=file, how="memory", names=names)
    print(f"  listing {label} memory: {out['memory']}", flush=True)
    query = work / "org.rq"
    query.write_text(ORG_QUERY, encoding="utf-8")
    first = command([_govgraph(), "--data", file, "query", str(query), "--format", "csv"], cache)
    out["first"] = {k: first[k] for k in ("seconds", "peak_mib", "ok")}
    out["image"] = worker("listing", cache, file=file, how="image", names=names)
    print(f"  listing {label} image: {out['image']}", flush=True)
    out["network"] = network_commands(work, label, file, cache)
    out["build_wait"] = _entry_built(cache, WORKER_TIMEOUT)
    _stop_images(cache)
    out["disk"] = worker("listing", cache, environ=NO_IMAGE, file=file, how="disk", names=names)
    print(f"  listing {label} disk: {out['disk']}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    return out


def network_commands(work: Path, label: str, file: str, cache: Path) -> dict[str, Any]:
    """`viz interlocks` and `analyze interlocks` while the first run's image lives: seconds,
    peak MiB and the load average (1 minute) after each."""
    out = {}
    for name, args in (
        ("viz interlocks", ["viz", "interlocks", "-o", str(work / f"viz-{label}.html")]),
        ("analyze interlocks", ["analyze", "interlocks", "--format", "csv"]),
    ):
        done = command([_govgraph(), "--data", file, *args], cache, timeout=NETWORK_COMMAND_S)
        out[name] = {k: v for k, v in done.items() if k in ("seconds", "peak_mib", "ok", "stderr")}
        out[name]["load"] = os.getloadavg()[0]
    print(f"  network {label}: {out}", flush=True)
    return out


def network_again(work: Path, label: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The network commands of one size measured again (--redo network): a fresh cache, a
    first run that leaves the memory image they ask, then the commands, as listing does; and
    that first run's seconds and peak MiB."""
    path, _ = dataset(work, SIZES[label])
    cache = work / "cache" / f"network-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    query = work / "org.rq"
    query.write_text(ORG_QUERY, encoding="utf-8")
    first = command(
        [_govgraph(), "--data", str(path), "query", str(query), "--format", "csv"], cache
    )
    print(f"  first run {label}: {first['seconds']} s, {first['peak_mib']} MiB", flush=True)
    network = network_commands(work, label, str(path), cache)
    _entry_built(cache, WORKER_TIMEOUT)
    _stop_images(cache)
    shutil.rmtree(cache, ignore_errors=True)
    return network, {k: first[k] for k in ("seconds", "peak_mib", "ok")}


def many_jurisdictions(work: Path) -> dict[str, Any]:
    """50 generated jurisdictions, warm cache: compare and the analyst lists of one of them."""
    from govgraph import synth

    path = work / f"jurisdictions-{JURISDICTIONS}.ttl"
    if not path.exists():
        partial = path.with_suffix(".part.ttl")
        synth.generate(JURISDICTIONS, partial)
        partial.rename(path)
    cache = work / "cache" / "jurisdictions"
    shutil.rmtree(cache, ignore_errors=True)
    commands = {"compare": ["compare", "--format", "csv"]}
    for name in ("councils", "laws", "programs", "findings"):
        commands[f"{name} --jurisdiction syn-1"] = [
            name,
            "--jurisdiction",
            "syn-1",
            "--format",
            "csv",
        ]
    out = {}
    for name, args in commands.items():
        full = [_govgraph(), "--data", str(path), *args]
        command(full, cache)  # warm: the cache entry and the name index
        samples = [command(full, cache) for _ in range(3)]
        ok = all(s["ok"] for s in samples)
        seconds = [s["seconds"] for s in samples if s["seconds"] is not None]
        out[name] = {
            "seconds": statistics.median(seconds) if seconds and ok else None,
            "rows": len(samples[0]["stdout"].splitlines()) - 1,
            "error": "" if ok else samples[0]["stderr"],
        }
        print(f"  {name}: {out[name]}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    return out


def _held(ok: bool | None) -> str:
    return "—" if ok is None else ("held" if ok else "missed")


def commands_report(
    firsts: list[dict[str, Any]],
    listings: list[dict[str, Any]],
    jurisdictions: dict[str, Any] | None,
    cli: dict[str, float] | None,
) -> list[str]:
    """The whole-commands section of the report, each target held or missed."""
    lines = [
        "## Whole commands (issue 13)",
        "",
        f"`make bench` (bench/scale_bench.py), {date.today()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {_versions()}. Each command in a fresh process, "
        "as a user runs it; the machine was shared with other work, so only ratios within a "
        "round mean anything.",
        "",
        "How the store is chosen (docs/reliability.md): the first run on files of 64 MiB or "
        "more loads them into memory and answers, leaving a *memory image* (a forked child "
        "holding that store) which answers later runs over a Unix socket and builds the on-disk "
        "cache entry meanwhile (niced); it exits once the entry is built and nobody asked for "
        "GOVGRAPH_IMAGE_IDLE seconds (120; 600 here). Later runs open the entry on disk; "
        "from 5M triples, opening it also starts loading an image in the background "
        "(the disk rows below are measured without: GOVGRAPH_NO_IMAGE=1).",
        "",
        "### First run and cached run: the ORG query of bars/scale-ratio",
        "",
        "| triples | raw pyoxigraph load+query | govgraph first run | ratio (≤ 1.3) "
        "| run right after (image) | ratio (≤ 0.3) | run on the entry (disk) | ratio "
        "| entry built after | rows agree | peak MiB first / raw |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    targets: list[str] = []
    for f in firsts:
        rounds = [r for r in f["rounds"] if r["raw"] and r["first"] and r["cached"]]
        if not rounds:
            lines.append(f"| {f['size']:,} | failed | | | | | | | | | |")
            targets.append(f"missed: first run at {f['label']}: did not run")
            continue

        def med(key: str, rounds: list[dict[str, Any]] = rounds) -> float:
            values = [r[key] for r in rounds if r[key] is not None]
            return float(statistics.median(values)) if values else float("nan")

        def ratio(key: str, rounds: list[dict[str, Any]] = rounds) -> float:
            return float(statistics.median(r[key] / r["raw"] for r in rounds if r[key] is not None))

        agree = all(r["rows_agree"] for r in rounds)
        lines.append(
            f"| {f['size']:,} | {_s(med('raw'))} | {_s(med('first'))} | {ratio('first'):.2f}x "
            f"| {_s(med('cached'))} | {ratio('cached'):.2f}x | {_s(med('disk'))} "
            f"| {ratio('disk'):.2f}x | {_s(med('build_wait'))} | {'yes' if agree else 'NO'} "
            f"| {med('peak_first'):,.0f} / {med('peak_raw'):,.0f} |"
        )
        if f["size"] == 1_000_000:
            first_ok = ratio("first") <= FIRST_VS_RAW and agree
            cached_ok = ratio("cached") <= CACHED_VS_RAW and ratio("disk") <= CACHED_VS_RAW
            targets.append(
                f"{_held(first_ok)}: first run at 1M {ratio('first'):.2f}x raw (target ≤ 1.3x)"
            )
            targets.append(
                f"{_held(cached_ok)}: cached run at 1M {ratio('cached'):.2f}x raw from the image, "
                f"{ratio('disk'):.2f}x from the entry on disk (target ≤ 0.3x)"
            )
    lines += [
        "",
        f"Medians of {len(firsts[0]['rounds']) if firsts else 0} rounds. *entry built after*: "
        "how long after the run right after the first the image had the entry in place.",
    ]
    for li in listings:
        lines += [
            "",
            f"### Listing queries at {li['size']:,} triples",
            "",
            "`queries.run` in one process per store: in memory (`--no-cache`), on the memory "
            "image left by the first run, and on the cache entry on disk once the image is "
            "gone. Opening: the time to get the store (loading, for memory).",
            "",
            "| query | rows | memory | image | disk | image / memory | disk / memory (≤ 3x) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        worst = 0.0
        for name in LISTING:
            sec = {
                h: _get(li.get(h), "queries", name, "seconds") for h in ("memory", "image", "disk")
            }
            rows = _get(li.get("memory"), "queries", name, "rows")
            if sec["disk"] and sec["memory"]:
                worst = max(worst, sec["disk"] / sec["memory"])
            lines.append(
                f"| {name} | {rows if rows is None else f'{rows:,}'} | {_s(sec['memory'])} "
                f"| {_s(sec['image'])} | {_s(sec['disk'])} | {_ratio(sec['image'], sec['memory'])} "
                f"| {_ratio(sec['disk'], sec['memory'])} |"
            )
        opened = {h: _get(li.get(h), "open_s") for h in ("memory", "image", "disk")}
        peaks = {h: _get(li.get(h), "peak_mib") for h in ("memory", "image", "disk")}
        lines += [
            "| (opening) | | "
            + " | ".join(_s(opened[h]) for h in ("memory", "image", "disk"))
            + " | | |",
            "",
            "Peak MiB of the query process: "
            + ", ".join(f"{h} {v:,.0f}" for h, v in peaks.items() if v)
            + f"; first run (`query`, leaves the image) {_s(_get(li, 'first', 'seconds'))}, "
            f"peak {_get(li, 'first', 'peak_mib') or 0:,.0f} MiB (its image, a fork of it, "
            "holds as much); the entry was in place "
            f"{_s(li.get('build_wait'))} after the image's queries and commands ended. The "
            "entry built by an image is compacted (`Store.optimize`): the same queries on an "
            "uncompacted 10M store took 20-40x memory (bodies-by-level 267 s against 11 s, "
            "2026-11-25, below).",
            "",
            "| command (image alive) | seconds (≤ 600 s) | peak MiB (≤ 8 GiB) | load (1 min) |",
            "|---|---:|---:|---:|",
        ]
        for name, n in (li.get("network") or {}).items():
            load = f"{n['load']:.1f}" if n.get("load") is not None else "—"
            lines.append(
                f"| `govgraph {name}` | {_s(n['seconds']) if n['ok'] else 'failed/stopped'} "
                f"| {n['peak_mib'] or 0:,.0f} | {load} |"
            )
            ok = bool(n["ok"] and n["seconds"] and n["seconds"] <= NETWORK_COMMAND_S)
            ok = ok and (n["peak_mib"] or 0) < PEAK_MIB
            targets.append(f"{_held(ok)}: `{name}` at {li['label']} (≤ 600 s, < 8 GiB)")
        if li.get("network_measured"):
            again = li.get("network_first") or {}
            lines += [
                "",
                f"These two commands were measured again on {li['network_measured']} (`--redo "
                "network`: a fresh first run, "
                f"{_s(again.get('seconds')) if again.get('seconds') else '?'} and "
                f"{again.get('peak_mib') or 0:,.0f} MiB this time, leaves the image they ask); "
                "the rows above them are from the earlier run. Peak MiB: the command's process "
                "(GNU time), which starts no other; the image and the child building the entry "
                "are apart.",
            ]
        if li["size"] >= LARGEST:
            disk_ok = 0 < worst <= DISK_VS_MEMORY
            targets.append(
                f"{_held(disk_ok)}: listing queries at {li['label']} on disk, worst "
                f"{worst:.1f}x memory (target ≤ 3x)"
            )
            peak = max([v for v in peaks.values() if v] + [_get(li, "first", "peak_mib") or 0])
            targets.append(
                f"{_held(peak < PEAK_MIB)}: peak {peak:,.0f} MiB at {li['label']} (< 8 GiB)"
            )
    if jurisdictions:
        lines += [
            "",
            f"### {JURISDICTIONS} generated jurisdictions, warm cache",
            "",
            "| command | rows | seconds (< 2 s) |",
            "|---|---:|---:|",
        ]
        for name, j in jurisdictions.items():
            cell = _s(j["seconds"]) if j["seconds"] else "failed"
            lines.append(f"| `govgraph {name}` | {j['rows']:,} | {cell} |")
            ok = bool(j["seconds"] and j["seconds"] < JURISDICTION_S)
            targets.append(f"{_held(ok)}: `{name}` on {JURISDICTIONS} jurisdictions (< 2 s)")
    if cli:
        ratio_cli = cli["cli"] / cli["import"]
        lines += [
            "",
            "### Warm CLI",
            "",
            f"`govgraph members COVAM --format csv`, warm cache: {_s(cli['cli'])} "
            + (
                f"(run by the resident process; {_s(cli['ordinary'])} with "
                f"`GOVGRAPH_NO_RESIDENT=1`, {cli['ordinary'] / cli['import']:.2f}x); "
                if "ordinary" in cli  # (a result saved before the resident has none)
                else ""
            )
            + f'`python -c "import click, pyoxigraph"`: {_s(cli["import"])}; '
            f"ratio {ratio_cli:.2f}x (medians of {CLI_RUNS} interleaved runs).",
        ]
        targets.append(
            f"{_held(ratio_cli <= CLI_VS_IMPORT)}: warm CLI {ratio_cli:.2f}x the imports "
            "(target ≤ 1.5x)"
        )
    lines += ["", "### Targets of issue 13", ""]
    for target in targets:
        note = next((n for key, n in WOULD_TAKE.items() if key in target), "")
        missed = target.startswith("missed") and note
        lines.append(f"- {target}" + (f": what it would take: {note}" if missed else ""))
    return lines


def splice(text: str, section: list[str]) -> str:
    """The report with its whole-commands section replaced (or put first, after the title)."""
    head = section[0]
    body = "\n".join(section) + "\n"
    if head in text:
        before, _, rest = text.partition(head)
        after = rest.split("\n## ", 1)
        return before + body + ("\n## " + after[1] if len(after) > 1 else "")
    title, _, rest = text.partition("\n")
    if not title.startswith("# "):
        return body + "\n" + text
    if PER_SIZE not in rest:
        rest = f"\n{PER_SIZE}\n{rest}"
    return f"{title}\n\n{body}{rest}"


# --- the report -----------------------------------------------------------------------------


def _s(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.01:
        return f"{value * 1000:.2f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "—"


# (govgraph way, the raw pyoxigraph way that does the same work)
PAIRS = (("govgraph", "pyoxigraph-disk"), ("govgraph-memory", "pyoxigraph-memory"))
NAMES = {
    "govgraph": "govgraph (cache)",
    "pyoxigraph-disk": "raw disk",
    "govgraph-memory": "govgraph --no-cache",
    "pyoxigraph-memory": "raw memory",
    "rdflib": "rdflib",
}
INTRO = """\
Synthetic graphs from `govgraph bench generate` (seed 0, N-Triples) in the application
profile, plus the bundled ontology and vocabularies. Each measurement runs in a fresh
process; medians of {runs} runs (rdflib at 1M: 1 run). At 10M, where the question is whether
every query answers and in how much memory, govgraph's two ways only, one run each.

Two pairs do the same work, so their ratio is govgraph's own cost:

* *govgraph (cache)*, the default: the first run hashes the files and bulk-loads them into
  an on-disk (RocksDB) store in the cache (from 64 MiB of files: into memory, leaving a
  memory image that builds the entry: see "Whole commands"); queries run through
  `queries.run` (parameters bound, rows converted, list columns sorted) on the entry on
  disk, which later runs open in ~50 ms. *raw disk*: pyoxigraph bulk-loading the same
  files into an on-disk store and querying it with the values as pyoxigraph
  `substitutions` (govgraph binds them in a `VALUES` block instead, which Oxigraph's
  planner sees: see docs/queries.md).
* *govgraph --no-cache*: the files bulk-loaded into an in-memory store, queried as above.
  *raw memory*: `pyoxigraph.Store()` and `bulk_load`, queried the same way.

rdflib parses the same files into a `Graph` and answers through govgraph's rdflib backend;
its queries are stopped after {timeout:.0f} s ('stopped'). "x slower" compares rdflib with
govgraph --no-cache (both in memory)."""


def _get(result: dict[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(result, dict):
            return None
        result = result.get(key)
    return result


def _load_rows(results: list[dict[str, Any]], missed: list[str]) -> list[str]:
    tools = [t for pair in PAIRS for t in pair] + ["rdflib"]
    head = ["triples", "file", *[NAMES[t] for t in tools], "cache / raw disk"]
    head += ["no-cache / raw memory", "rdflib x slower", *[f"peak MiB {NAMES[t]}" for t in tools]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in results:
        sec = {t: _get(r["loads"], t, "seconds") for t in tools}
        mib = {t: _get(r["loads"], t, "peak_mib") for t in tools}
        triples = _get(r["loads"], "govgraph", "triples") or r["size"]
        ratios = [_ratio(sec[a], sec[b]) for a, b in PAIRS]
        slower = _ratio(sec["rdflib"], sec["govgraph-memory"])
        cells = [f"{triples:,}", f"{r['file_mib']:.0f} MiB", *[_s(sec[t]) for t in tools]]
        cells += [*ratios, slower, *[f"{mib[t]:,.0f}" if mib[t] else "—" for t in tools]]
        lines.append("| " + " | ".join(cells) + " |")
        if r["size"] != 1_000_000:
            continue
        for (a, b), ratio in zip(PAIRS, ratios, strict=True):
            if sec[a] and sec[b] and sec[a] > LOAD_QUERY_VS_RAW * sec[b]:
                missed.append(f"1M load: {NAMES[a]} {ratio} {NAMES[b]} (target ≤ 1.3x)")
        memory = sec["govgraph-memory"]
        if sec["rdflib"] and memory and sec["rdflib"] < VS_RDFLIB * memory:
            missed.append(f"1M load: rdflib only {slower} slower (target ≥ 10x)")
    return lines


def _query_rows(r: dict[str, Any], missed: list[str]) -> list[str]:
    tools = [t for pair in PAIRS for t in pair]
    answers = {t: _get(r["queries"], t, "queries") or {} for t in [*tools, "rdflib"]}
    rdflib_ran = _get(r["queries"], "rdflib", "queries") is not None
    head = ["query", "rows", *[NAMES[t] for t in tools], "rdflib", "cache / raw disk"]
    head += ["no-cache / raw memory", "rdflib x slower"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    names = sorted(set().union(*answers.values()))
    for name in names:
        sec = {t: _get(answers[t], name, "seconds") for t in answers}
        rows = _get(answers["govgraph"], name, "rows")
        for t in answers:
            other = _get(answers[t], name, "rows")
            if other is not None and rows is not None and other != rows:
                missed.append(f"{name} at {r['label']}: {NAMES[t]} gave {other} rows, not {rows}")
        stopped = rdflib_ran and sec["rdflib"] is None
        fast = sec["govgraph-memory"]
        if stopped:
            slower = f"> {RDFLIB_TIMEOUT / fast:,.0f}x" if fast else "—"
        else:
            slower = f"{sec['rdflib'] / fast:,.0f}x" if sec["rdflib"] and fast else "—"
        ratios = [_ratio(sec[a], sec[b]) for a, b in PAIRS]
        rdflib_cell = "stopped" if stopped else _s(sec["rdflib"])
        cells = [name, f"{rows:,}" if rows is not None else "—", *[_s(sec[t]) for t in tools]]
        lines.append("| " + " | ".join([*cells, rdflib_cell, *ratios, slower]) + " |")
        if r["size"] != 1_000_000:
            continue
        for (a, b), ratio in zip(PAIRS, ratios, strict=True):
            # below 2 ms the difference is the fixed cost of binding and converting rows
            if (
                sec[a]
                and sec[b]
                and sec[a] > LOAD_QUERY_VS_RAW * sec[b]
                and sec[a] - sec[b] > 0.002
            ):
                missed.append(f"1M {name}: {NAMES[a]} {ratio} {NAMES[b]} (target ≤ 1.3x)")
        if rdflib_ran and not stopped and fast and sec["rdflib"] < VS_RDFLIB * fast:
            missed.append(f"1M {name}: rdflib only {slower} slower (target ≥ 10x)")
    if not answers["govgraph"] or len(names) < len(_saved()):
        missed.append(f"{r['label']}: not every saved query was answered")
    peaks = {t: _get(r["queries"], t, "peak_mib") for t in answers}
    lines += [
        "",
        "Peak memory of the query process: "
        + ", ".join(f"{NAMES[t]} {v:,.0f} MiB" for t, v in peaks.items() if v)
        + ".",
    ]
    return lines


def _network_rows(results: list[dict[str, Any]], missed: list[str]) -> list[str]:
    lines = [
        "| triples | nodes | edges | projection | HTML | page | analyze | betweenness | peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        n = r["network"]
        if not n:
            lines.append(
                f"| {r['size']:,} | — | — | — | — | — | — | "
                f"stopped after {NETWORK_TIMEOUT:.0f} s | — |"
            )
            missed.append(f"{r['label']}: viz/analyze interlocks did not finish")
            continue
        lines.append(
            f"| {r['size']:,} | {n['nodes']:,} | {n['edges']:,} | {_s(n['project_s'])} "
            f"| {_s(n['html_s'])} | {n['html_mib']:.1f} MiB | {_s(n['analyze_s'])} "
            f"| {'sampled' if n['sampled'] else 'exact'} | {n['peak_mib']:,.0f} |"
        )
    return lines


def _agreement_lines(agreement: dict[str, Any] | None) -> list[str]:
    if not agreement:
        return ["Sampled against exact betweenness: not measured (the worker failed)."]
    a = agreement
    return [
        f"Sampled against exact betweenness on the interlocks view at {AGREEMENT_SIZE:,} "
        f"triples ({a['nodes']:,} nodes, {a['edges']:,} edges): Spearman rank correlation "
        f"{a['spearman']:.3f}, top 10 shared {a['top10_overlap']}/10, largest absolute error "
        f"{a['max_abs_error']:.4f}; sampled {_s(a['sampled_s'])}, exact {_s(a['exact_s'])}.",
    ]


def report(
    results: list[dict[str, Any]],
    cli: dict[str, float],
    runs: int,
    agreement: dict[str, Any] | None = None,
) -> tuple[str, list[str]]:
    """The Markdown report and the targets missed."""
    missed: list[str] = []
    lines = [
        "# Scale benchmark",
        "",
        PER_SIZE,
        "",
        f"`make bench` (bench/scale_bench.py), {date.today()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {_versions()}.",
        "",
        INTRO.format(runs=runs, timeout=RDFLIB_TIMEOUT),
        "",
        "## Load",
        "",
        *_load_rows(results, missed),
    ]
    for r in results:
        lines += [
            "",
            f"## Saved queries at {r['size']:,} triples ({r['jurisdictions']} jurisdictions)",
            "",
            *_query_rows(r, missed),
        ]
    lines += [
        "",
        "## `viz interlocks` and `analyze interlocks`",
        "",
        f"Betweenness is exact up to {_exact_limit():,} nodes and sampled above; the sample is "
        "checked against the exact value where that still finishes.",
        "",
        *_network_rows(results, missed),
        "",
        *_agreement_lines(agreement),
    ]
    ratio = cli["cli"] / cli["import"]
    lines += [
        "",
        "## Warm start, real graph",
        "",
        f"`govgraph members COVAM --format csv` with a warm cache: {_s(cli['cli'])}; "
        f'`python -c "import click, pyoxigraph"`: {_s(cli["import"])}; ratio {ratio:.2f}x '
        f"(target ≤ {CLI_VS_IMPORT}x, medians of {CLI_RUNS} interleaved runs).",
        "",
        "The browser side of `viz` (physics in Chromium at 5,000 nodes) is in bench/RENDER.md.",
    ]
    if ratio > CLI_VS_IMPORT:
        missed.append(f"warm CLI: {ratio:.2f}x the import time (target ≤ {CLI_VS_IMPORT}x)")
    lines += ["", "## Targets", ""]
    lines += [f"- missed: {m}" for m in missed] or ["All targets measured here are met."]
    return "\n".join(lines) + "\n", missed


def _exact_limit() -> int:
    from govgraph.network.analyze import EXACT_LIMIT

    return EXACT_LIMIT


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib", "networkx", "govgraph"))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(WORKERS[sys.argv[2]](**json.loads(sys.argv[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: 10k,100k,1m,10m")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--work", type=Path, help="where the synthetic files go (kept)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the results a previous run saved in --work"
    )
    parser.add_argument(
        "--only",
        choices=("commands",),
        help="only the whole-commands section, spliced into the existing report",
    )
    parser.add_argument(
        "--quick", action="store_true", help="whole commands: leave out 10M (minutes, not an hour)"
    )
    parser.add_argument(
        "--redo",
        choices=("network",),
        help="with --only commands: measure the network commands of the --sizes among 1m and "
        "10m again (a first run leaves the image they ask), the rest reused with --reuse",
    )
    args = parser.parse_args()
    unknown = [s for s in args.sizes.split(",") if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r} (choose from {', '.join(SIZES)})")
    work = args.work or Path(tempfile.gettempdir()) / "govgraph-bench"
    work.mkdir(parents=True, exist_ok=True)
    text, missed = "", list[str]()
    if args.only is None:
        results = [
            _reused(
                work / f"result-{label}.json",
                args.reuse,
                lambda label=label: measure_size(label, SIZES[label], work, args.runs),
            )
            for label in args.sizes.split(",")
        ]
        agreement = _reused(
            work / "result-agreement.json", args.reuse, lambda: _measure_agreement(work)
        )
        cli = cli_timing(work)
        text, missed = report(results, cli, args.runs, agreement)
    else:
        cli = _reused(work / "result-cli.json", args.reuse, lambda: cli_timing(work))
        text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    big = ["1m"] if args.quick else ["1m", "10m"]
    firsts = [
        _reused(
            work / f"result-first-{label}.json",
            args.reuse,
            partial(first_and_cached, work, label, args.runs),
        )
        for label in ["1m"]
    ]
    listings = [
        _reused(
            work / f"result-listing-{label}.json",
            args.reuse,
            partial(listing, work, label),
        )
        for label in big
    ]
    if args.redo == "network":
        for li in listings:
            if li["label"] in args.sizes.split(","):
                li["network"], li["network_first"] = network_again(work, li["label"])
                li["network_measured"] = date.today().isoformat()
                saved = work / f"result-listing-{li['label']}.json"
                saved.write_text(json.dumps(li, indent=1), encoding="utf-8")
    jurisdictions = _reused(
        work / "result-jurisdictions.json", args.reuse, lambda: many_jurisdictions(work)
    )
    section = commands_report(firsts, listings, jurisdictions, cli)
    text = splice(text, section)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    missed += [line for line in section if line.startswith("- missed")]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
