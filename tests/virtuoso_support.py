"""A real Virtuoso Open Source 7 server for the tests, in a temporary directory of its own.

`virtuoso-t` (Debian package virtuoso-opensource) runs with its own virtuoso.ini: the
database, logs and temporary files in the directory, the SQL (ISQL) and HTTP ports on
127.0.0.1 only, no Unix socket, no directory outside its own allowed. At first start the dba
password is changed from the default through isql (on its standard input, never in a
command line). The server runs in a process group of its own, killed at teardown.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import free_port, missing

START_S = 60.0  # a new database takes about 4 s on two cores
STOP_S = 15.0
DEFAULT_PASSWORD = "dba"  # of every new Virtuoso database: changed at once
INI = """\
[Database]
DatabaseFile       = {root}/virtuoso.db
ErrorLogFile       = {root}/virtuoso.log
LockFile           = {root}/virtuoso.lck
TransactionFile    = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {root}/virtuoso-temp.db
TransactionFile    = {root}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 8
CheckpointInterval   = 0
O_DIRECT             = 0
CaseMode             = 2
AllowOSCalls         = 0
DirsAllowed          = {root}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {root}
MaxClientConnections = 8
ServerThreads        = 8
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 60
"""


def virtuoso_executable() -> str:
    """virtuoso-t on PATH (or Debian's /usr/bin); missing, skip, or fail under CI=true."""
    found = shutil.which("virtuoso-t") or shutil.which("virtuoso-t", path="/usr/bin")
    isql = shutil.which("isql-vt") or shutil.which("isql-vt", path="/usr/bin")
    if not (found and isql):
        missing(
            "virtuoso-t and isql-vt are missing: apt-get install virtuoso-opensource (make system)"
        )
    return found


@dataclass
class Virtuoso:
    """A running Virtuoso: its directory, ports and dba password."""

    root: Path
    sql_port: int
    http_port: int
    password: str
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        """The HTTP server's root URL."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def crud_url(self) -> str:
        """The Graph Store Protocol endpoint that takes writes (HTTP digest, user dba)."""
        return f"{self.base}/sparql-graph-crud-auth"

    def sparql_url(self, *graphs: str) -> str:
        """The query endpoint, with a default-graph-uri parameter for each graph given."""
        query = urllib.parse.urlencode([("default-graph-uri", g) for g in graphs])
        return f"{self.base}/sparql" + (f"?{query}" if query else "")

    def isql(self, sql: str, password: str | None = None) -> str:
        """Run SQL statements through isql-vt (on its standard input); return its output."""
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", password or self.password],
            input=sql,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            pytest.fail(f"isql failed: {(done.stdout + done.stderr).strip()}", pytrace=False)
        return done.stdout

    def log(self) -> str:
        """The server's log (its last 2000 characters)."""
        path = self.root / "virtuoso.log"
        return path.read_text("utf-8", errors="replace")[-2000:] if path.exists() else ""


@contextmanager
def running_virtuoso(root: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso on a new database in root; stop it (its whole process group) after."""
    executable = virtuoso_executable()
    root.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(INI.format(root=root, sql_port=sql_port, http_port=http_port), "utf-8")
    with (root / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [executable, "+configfile", str(ini), "+foreground"],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole at the end
        )
    server = Virtuoso(root, sql_port, http_port, DEFAULT_PASSWORD, process)
    try:
        _wait_until_it_answers(server)
        password = "gg-" + secrets.token_hex(8)
        server.isql(f"USER_SET_PASSWORD('dba', '{password}');\n")
        server.password = password
        yield server
    finally:
        _stop(process)


def _wait_until_it_answers(server: Virtuoso) -> None:
    """Poll the SPARQL endpoint (bounded in time) until it answers a query."""
    deadline = time.monotonic() + START_S
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    while True:
        if server.process.poll() is not None:
            pytest.fail(f"virtuoso-t stopped at start: {server.log()}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{server.base}/sparql?{query}", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"virtuoso-t did not answer within {START_S:g} s: {server.log()}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group: TERM, then KILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=STOP_S)
            break
        except subprocess.TimeoutExpired:
            continue
    if process.poll() is None:
        process.wait(timeout=STOP_S)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A running Virtuoso on an empty database (apart from its own system graphs), for the
    tests of one module; stopped after them."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso") / "db") as server:
        yield server
