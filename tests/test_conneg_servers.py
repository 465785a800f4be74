"""The shipped nginx.conf and .htaccess on real nginx and Apache choose as `negotiate` does.

One published site; nginx (its nginx.conf included in an http block, as a deployer would) and
Apache 2.4 (its .htaccess read through AllowOverride) serve it on 127.0.0.1, beside the Python
server. Each is asked with the Accept headers of real clients and of q-value cases; status,
Content-Type, Vary, Content-Location, Link and body must be what `negotiate` says, the same on
the three. A missing nginx or Apache skips, or fails under CI=true (`make system` installs
both).
"""

from __future__ import annotations

import random
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port, missing
from govgraph import publish
from govgraph.publish import serverconf
from publish_support import SEZAMI, fetch, serving

START_S = 15.0
APACHE_MODULES = Path("/usr/lib/apache2/modules")

# (client, Accept header or None for no header, the suffix served or None for 406)
CLIENTS: list[tuple[str, str | None, str | None]] = [
    (
        "rapper",
        "application/rdf+xml, text/turtle;q=1.0, application/x-turtle;q=0.9, text/html;q=0.5,"
        " */*;q=0.1",
        ".ttl",
    ),
    (
        "rdflib-with-html",  # the header of the acceptance check
        "application/rdf+xml, text/n3, text/turtle, application/n-triples, application/ld+json,"
        " text/html;q=0.5",
        ".ttl",
    ),
    (
        "rdflib-7",  # rdflib.parser.URLInputSource, no format: every parser's media type
        "application/rdf+xml, text/n3, text/turtle, application/n-triples, application/ld+json,"
        " application/n-quads, application/trix, application/trig",
        ".ttl",
    ),
    ("rdflib-7-turtle", "text/turtle, application/x-turtle, */*;q=0.1", ".ttl"),
    ("rdflib-7-json-ld", "application/ld+json, application/json;q=0.9, */*;q=0.1", ".jsonld"),
    ("curl", "*/*", ".html"),
    (
        "chromium",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
        "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
        ".html",
    ),
    (
        "jena-riot",  # WebContent.defaultRDFAcceptHeader: application/ld+json twice
        "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,"
        "application/rdf+xml;q=0.7,application/trig,application/n-quads;q=0.9,"
        "text/x-nquads;q=0.8,application/x-trig;q=0.7,application/ld+json;q=0.5,*/*;q=0.5",
        ".ttl",
    ),
    ("no-html", "text/html;q=0, text/turtle", ".ttl"),
    ("json-ld-preferred", "application/ld+json;q=0.9, text/turtle;q=0.1", ".jsonld"),
    ("json-ld-by-a-digit", "application/ld+json;q=0.953, text/turtle;q=0.95", ".jsonld"),
    (
        "json-ld-highest-repeat",
        "text/turtle;q=0.5, application/ld+json;q=0.2, application/ld+json;q=0.6",
        ".jsonld",
    ),
    ("n-triples-only", "application/n-triples", None),
    ("rdf-xml-only", "application/rdf+xml", None),
    ("nothing", "*/*;q=0", None),
    ("no-accept", None, ".html"),
    ("text-star", "text/*", ".html"),
    ("specific-wins", "text/*;q=0.3, text/html;q=0.2", ".ttl"),
    ("application-star", "application/*", ".jsonld"),
    ("json", "application/json", ".jsonld"),
    ("xhtml", "application/xhtml+xml", ".html"),
    ("x-turtle", "application/x-turtle;q=0.8, text/html;q=0.7", ".ttl"),
    ("tie", "text/turtle;q=0.4, application/ld+json;q=0.4", ".ttl"),
    ("case-and-space", "TEXT/Turtle ; Q=1", ".ttl"),
    ("invalid-q-dropped", "text/turtle;q=0.5000, application/ld+json;q=0.1", ".jsonld"),
]

# IRIs of the site with the formats each one has.
PATHS = {
    SEZAMI: (".html", ".ttl", ".jsonld"),
    "/dimension/derechos-migrantes": (".html",),
    "/void": (".ttl",),
    "/context": (".jsonld",),
    "/dumps/govgraph": (".ttl", ".jsonld"),
}


def _binary(name: str, path: str) -> str:
    """The server's executable; missing, skip, or fail under CI=true."""
    found = shutil.which(name) or (path if Path(path).is_file() else None)
    if not found:
        missing(f"{name} is missing: apt-get install nginx-light apache2 (make system)")
    return found


def _wait(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Poll (bounded) until the server accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + START_S
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not start within {START_S:g} s")
            time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def nginx_conf(site: Path, work: Path, port: int) -> Path:
    """A main configuration that includes the shipped nginx.conf in its http block.

    As the acceptance check does: the listen and root lines replaced, no module loaded.
    """
    shipped = (site / "nginx.conf").read_text("utf-8")
    snippet = re.sub(r"listen[^;]*;", f"listen 127.0.0.1:{port};", shipped, count=1)
    snippet = re.sub(r"(?m)^(\s*)root\s[^;]*;", rf"\g<1>root {site};", snippet)
    (work / "snippet.conf").write_text(snippet, "utf-8")
    shutil.copy("/etc/nginx/mime.types", work / "mime.types")
    temp = " ".join(
        f"{kind}_temp_path {work};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = work / "nginx.conf"
    conf.write_text(
        f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\ndaemon off;\nevents {{}}\n"
        f"http {{ access_log off; {temp}\ninclude {work}/snippet.conf; }}\n",
        "utf-8",
    )
    return conf


def apache_conf(site: Path, work: Path, port: int) -> Path:
    """A whole Apache 2.4 configuration: the modules the .htaccess needs, the site as root."""
    modules = ("mpm_event", "authz_core", "mime", "dir", "rewrite", "headers")
    loads = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules)
    conf = work / "httpd.conf"
    conf.write_text(
        f"""ServerRoot "{work}"
PidFile "{work}/httpd.pid"
ErrorLog "{work}/error.log"
LogLevel warn
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{loads}
TypesConfig /etc/mime.types
DocumentRoot "{site}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{site}">
    AllowOverride FileInfo Indexes Options=Indexes,MultiViews
    Require all granted
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
""",
        "utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    """The site published once, where the servers' workers can read it.

    Run as root, nginx's workers are nobody and Apache is uid -1: pytest's temporary
    directories (mode 700) are closed to them, so the site goes into a directory of mode 755.
    """
    top = Path(tempfile.mkdtemp(prefix="gg-conneg-"))
    try:
        top.chmod(0o755)
        publish.publish(top / "site")
        yield top / "site"
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    binary = _binary("nginx", "/usr/sbin/nginx")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = nginx_conf(site, work, port)
    log = work / "error.log"
    with (work / "stderr.log").open("wb") as err:
        process = subprocess.Popen([binary, "-c", str(conf), "-p", str(work)], stderr=err)
    try:
        _wait(process, port, work / "stderr.log")
        yield "127.0.0.1", port
    finally:
        _stop(process)
    assert "[emerg]" not in (log.read_text() if log.exists() else "")


@pytest.fixture(scope="module")
def apache(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    binary = _binary("apache2", "/usr/sbin/apache2")
    if not (APACHE_MODULES / "mod_rewrite.so").is_file():
        _binary("mod_rewrite", str(APACHE_MODULES / "mod_rewrite.so"))
    work = tmp_path_factory.mktemp("apache")
    port = free_port()
    conf = apache_conf(site, work, port)
    with (work / "stderr.log").open("wb") as err:
        process = subprocess.Popen([binary, "-f", str(conf), "-X"], stderr=err, cwd=work)
    try:
        _wait(process, port, work / "error.log")
        yield "127.0.0.1", port
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def python_server(site: Path) -> Iterator[tuple[str, int]]:
    with serving(site) as address:
        yield address


SERVERS = ["python", "nginx", "apache"]


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> tuple[str, tuple[str, int]]:
    name = request.param
    return name, request.getfixturevalue("python_server" if name == "python" else name)


def _links(path: str) -> str:
    name = path.rsplit("/", 1)[1]
    media = {suffix: media for media, suffix in publish.NEGOTIATED}
    return ", ".join(
        f'<{name}{suffix}>; rel="alternate"; type="{media[suffix]}"' for suffix in PATHS[path]
    )


def _reference(accept: str | None, path: str = SEZAMI) -> str | None:
    """The suffix `negotiate` chooses among the formats path has (None: 406)."""
    by_media = dict(publish.NEGOTIATED)
    choice = publish.negotiate(accept, [m for m, s in publish.NEGOTIATED if s in PATHS[path]])
    return by_media[choice] if choice else None


@pytest.mark.parametrize(("client", "accept", "expected"), CLIENTS, ids=[c[0] for c in CLIENTS])
def test_clients_get_what_negotiate_chooses(
    server: tuple[str, tuple[str, int]],
    site: Path,
    client: str,
    accept: str | None,
    expected: str | None,
) -> None:
    name, address = server
    assert _reference(accept) == expected, "the case list disagrees with negotiate()"
    status, headers, body = fetch(address, SEZAMI, accept)
    assert headers.get("vary") == "Accept", (name, status, headers, body[:300])
    assert headers.get("link") == _links(SEZAMI), name
    if expected is None:
        assert status == 406, (name, status, headers.get("content-location"))
        assert "content-location" not in headers
        if name != "apache":  # Apache writes its own HTML error page
            assert headers["content-type"] == "text/plain; charset=utf-8"
            assert b"text/turtle: sezami.ttl" in body
        return
    assert status == 200, (name, status)
    assert headers["content-type"] == publish.CONTENT_TYPES[expected], name
    assert headers.get("content-location") == f"sezami{expected}", name
    assert body == (site / f"id/mx-zac/body/sezami{expected}").read_bytes()


def test_a_file_is_itself(server: tuple[str, tuple[str, int]], site: Path) -> None:
    name, address = server
    status, headers, body = fetch(address, SEZAMI + ".ttl", "text/html")
    assert status == 200, name
    assert headers["content-type"] == "text/turtle; charset=utf-8"
    assert "vary" not in headers, name
    assert "content-location" not in headers, name
    assert body == (site / "id/mx-zac/body/sezami.ttl").read_bytes()
    status, headers, body = fetch(address, "/", "text/turtle")
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8"), name
    assert body == (site / "index.html").read_bytes()
    # a law is also the directory of its articles: the IRI still negotiates
    status, headers, _ = fetch(address, "/id/mx-zac/law/ley-atencion-migrantes-2018", "text/turtle")
    assert (status, headers.get("content-location")) == (200, "ley-atencion-migrantes-2018.ttl")
    assert fetch(address, "/id/mx-zac/body/no-such-body")[0] == 404, name
    assert fetch(address, "/id/mx-zac/body/")[0] == 404, name  # no listings
    assert fetch(address, "/.htaccess")[0] in (403, 404), name


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/id/mx-zac/body/inm", "/id/mx/body/inm"),  # a former IRI (data/ttl/mx-zac/moved.ttl)
        ("/id/mx-zac/body/inm.ttl", "/id/mx/body/inm.ttl"),
        ("/id/mx-zac/body/inm.html", "/id/mx/body/inm.html"),  # not its redirect page: 301
        ("/id/mx-zac/law/cpeum-1917/art-73", "/id/mx/law/cpeum-1917/art-73"),
        ("/id/mx-zac/law/migof-2015.jsonld", "/id/int/law/migof-2015.jsonld"),
        ("/vocab/jurisdiction/internacional", "/vocab/jurisdiction/int"),
    ],
)
def test_a_former_iri_answers_301_to_the_new_one(
    server: tuple[str, tuple[str, int]], old: str, new: str
) -> None:
    """The three servers redirect an IRI an entity had before it moved to a shared level,
    whatever the Accept header; the new IRI then negotiates as any other."""
    name, address = server
    for accept in ("text/turtle", "text/html", None):
        status, headers, _ = fetch(address, old, accept)
        assert status == 301, (name, old, status)
        assert urllib.parse.urlsplit(headers["location"]).path == new, (name, headers)
    status, _, _ = fetch(address, new, "text/turtle")
    assert status == 200, (name, new)
    assert fetch(address, "/id/mx-zac/body/sezami")[0] == 200, name  # not a former IRI


@pytest.mark.parametrize("path", sorted(PATHS))
def test_only_the_formats_there(server: tuple[str, tuple[str, int]], path: str) -> None:
    """An IRI with fewer formats (a dimension page, void, the context) chooses among those."""
    name, address = server
    for accept in ("text/html", "text/turtle", "application/ld+json", "*/*", None):
        expected = _reference(accept, path)
        status, headers, _ = fetch(address, path, accept)
        leaf = path.rsplit("/", 1)[1]
        got = None if status == 406 else headers.get("content-location", "?")[len(leaf) :]
        assert (got, headers.get("vary"), headers.get("link")) == (
            expected,
            "Accept",
            _links(path),
        ), (name, path, accept, status)


def _random_accept(rnd: random.Random) -> str:
    media = [
        "text/html", "application/xhtml+xml", "text/turtle", "application/x-turtle",
        "application/ld+json", "application/json", "text/*", "application/*", "*/*",
        "image/png", "*/html", "text/html/x", "", " TEXT/Turtle ",
    ]  # fmt: skip
    weights = [
        "", ";q=0", ";q=1", ";q=0.5", ";q=0.50", ";q=0.5000", ";q=.5", ";q=1.0", ";q=1.001",
        ";Q=0.3", "; q = 0.25 ", ";q=0.999", ";q=0.001", ";level=1", ";q=0.2;q=0.7", ";q=x",
        ";q", ";charset=utf-8;q=0.4", ";q=0.95", ";q=0.953", ";q=0.954", ";qq=0.1",
    ]  # fmt: skip
    return ",".join(
        rnd.choice(media) + "".join(rnd.choice(weights) for _ in range(rnd.randint(0, 2)))
        for _ in range(rnd.randint(1, 5))
    )


def test_the_three_servers_agree_on_random_headers(
    python_server: tuple[str, int], nginx: tuple[str, int], apache: tuple[str, int]
) -> None:
    """300 seeded random Accept headers on IRIs with one to three formats: one choice."""
    rnd = random.Random(11)
    servers = {"python": python_server, "nginx": nginx, "apache": apache}
    wrong = []
    for _ in range(300):
        accept, path = _random_accept(rnd), rnd.choice(sorted(PATHS))
        expected = _reference(accept, path)
        assert serverconf.choose(accept, set(PATHS[path])) == expected, accept
        leaf = path.rsplit("/", 1)[1]
        for name, address in servers.items():
            status, headers, _ = fetch(address, path, accept)
            got = None if status == 406 else headers.get("content-location", "?")[len(leaf) :]
            if got != expected or headers.get("vary") != "Accept":
                wrong.append((name, accept, path, expected, status, got))
    assert not wrong, wrong[:10]
