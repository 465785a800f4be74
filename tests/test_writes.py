"""Every command that writes goes through govgraph.files: as `cp` and a shell redirect do.

A regular file is replaced whole or not at all (keeping its permissions); a symbolic link is
followed; a FIFO, a character device or `-` is written into as a stream and never renamed
over; a missing parent directory or a parent that is a file is refused with one sentence; a
full or read-only file system gives one sentence, no traceback and no empty file.

The devices are made with os.mknod inside tmp_path (1,3 is /dev/null, 1,7 is /dev/full); the
full and read-only file systems are small tmpfs mounts inside tmp_path (we run as root).
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import missing
from govgraph import files
from govgraph.cli import govgraph
from govgraph.errors import GovgraphError

Args = Callable[[str], list[str]]

# Every command that writes a file the user names, by the arguments that write it to a path.
WRITERS: dict[str, Args] = {
    "export": lambda p: ["export", "-f", "nt", "-o", p],
    "export-network-json": lambda p: ["export-network", "councils", "-f", "json", "-o", p],
    "export-network-graphml": lambda p: ["export-network", "councils", "-f", "graphml", "-o", p],
    "viz": lambda p: ["viz", "councils", "-o", p],
    "bench-generate": lambda p: ["bench", "generate", "--jurisdictions", "1", "-o", p],
}
# The same, plus the writers whose place is refused before any work (run in tmp_path).
REFUSERS: dict[str, Args] = {
    **WRITERS,
    "viz-png": lambda p: ["viz", "councils", "--png", p],
    "viz-svg": lambda p: ["viz", "councils", "--svg", p],
    "publish": lambda p: ["publish", p],
}
NAME = "out.nt"  # a name every writer takes (bench generate wants .nt or .ttl)


def invoke(*args: str) -> Result:
    """Run govgraph in-process; a failure must be a sentence, never an exception."""
    result = CliRunner().invoke(govgraph, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def reference(writer: str, tmp_path: Path) -> bytes:
    """What the writer puts in a plain new file."""
    plain = tmp_path / "reference" / NAME
    plain.parent.mkdir()
    result = invoke(*WRITERS[writer](str(plain)))
    assert result.exit_code == 0, result.output
    data = plain.read_bytes()
    assert data
    return data


def names(folder: Path) -> list[str]:
    """The names in a folder, sorted."""
    return sorted(p.name for p in folder.iterdir())


def device(path: Path, minor: int) -> Path:
    """A character device node at path: (1,3) is a null device, (1,7) a full one."""
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return path


def is_device(path: Path, minor: int) -> bool:
    info = path.lstat()
    return stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, minor)


class Reader(threading.Thread):
    """Reads a FIFO to its end, as the other side of a shell pipe would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.data = b""

    def run(self) -> None:
        with self.path.open("rb") as fifo:
            self.data = fifo.read()


@contextmanager
def reading(fifo: Path) -> Iterator[Reader]:
    """A reader on the FIFO; if no writer ever came, it is released with an empty read."""
    reader = Reader(fifo)
    reader.start()
    try:
        yield reader
    finally:
        reader.join(timeout=60)
        if reader.is_alive():  # nobody opened the FIFO to write: release the reader
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=10)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs mounted inside tmp_path (unmounted afterwards)."""
    mount = tmp_path / "fs"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        missing(f"cannot mount a tmpfs here: {done.stderr.strip()}")  # CI runs as root
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def full_fs(small_fs: Path) -> Path:
    """A file system with an old out.nt and no space left."""
    (small_fs / NAME).write_bytes(b"old\n")
    with (small_fs / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass
    return small_fs


@pytest.fixture
def readonly_fs(small_fs: Path) -> Path:
    """A read-only file system with an old out.nt."""
    (small_fs / NAME).write_bytes(b"old\n")
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    return small_fs


# --- devices, FIFOs and links are written into, never replaced -------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_device_stays_a_device_and_the_error_is_one_sentence(
    writer: str, tmp_path: Path
) -> None:
    node = device(tmp_path / NAME, 7)
    result = invoke(*WRITERS[writer](str(node)))
    assert result.exit_code in (1, 2)
    assert result.stderr == f"Error: cannot write {node}: No space left on device\n"
    assert is_device(node, 7)
    assert names(tmp_path) == [NAME]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_null_device_is_written_into(writer: str, tmp_path: Path) -> None:
    node = device(tmp_path / NAME, 3)
    result = invoke(*WRITERS[writer](str(node)))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {node}") or f" to {node}" in result.stderr
    assert is_device(node, 3)
    assert names(tmp_path) == [NAME]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_is_streamed_to_its_reader(writer: str, tmp_path: Path) -> None:
    expected = reference(writer, tmp_path)
    fifo = tmp_path / NAME
    os.mkfifo(fifo)
    with reading(fifo) as reader:
        result = invoke(*WRITERS[writer](str(fifo)))
    assert result.exit_code == 0, result.output
    assert reader.data == expected
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_is_followed_and_stays_a_link(writer: str, tmp_path: Path) -> None:
    """The link's target gets the bytes, keeps its permissions; the link is left as it was."""
    expected = reference(writer, tmp_path)
    target = tmp_path / "real.nt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / NAME
    link.symlink_to("real.nt")
    result = invoke(*WRITERS[writer](str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert link.readlink() == Path("real.nt")
    assert target.read_bytes() == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == [NAME, "real.nt", "reference"]


def test_a_link_to_a_fifo_streams_into_the_fifo(tmp_path: Path) -> None:
    expected = reference("export", tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / NAME
    link.symlink_to(fifo)
    with reading(fifo) as reader:
        result = invoke("export", "-f", "nt", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert reader.data == expected
    assert link.is_symlink()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    """As a shell redirect does: the file the link names is created, the link stays."""
    link = tmp_path / NAME
    link.symlink_to("new.nt")
    result = invoke("export", "-f", "nt", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "new.nt").read_bytes().startswith(b"<")


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / NAME
    out.write_bytes(b"old\n")
    out.chmod(0o600)
    result = invoke("export", "-f", "nt", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert names(tmp_path) == [NAME]


@pytest.mark.parametrize("writer", WRITERS)
def test_dash_is_standard_output(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = reference(writer, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = invoke(*WRITERS[writer]("-"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected
    assert not (tmp_path / "-").exists()
    assert "standard output" in result.stderr or result.stderr == ""


# --- one rule for the place: refused before any work, nothing created ------------------------


@pytest.mark.parametrize("writer", REFUSERS)
def test_a_missing_parent_directory_is_refused_not_created(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "missing" / "deep" / NAME
    result = invoke(*REFUSERS[writer](str(out)))
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: cannot write {out}: the directory {out.parent} does not exist\n"
    )
    assert names(tmp_path) == []  # not even viz's page: refused before the work


@pytest.mark.parametrize("writer", REFUSERS)
def test_a_parent_that_is_a_file_is_named(
    writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    file = tmp_path / "notes.txt"
    file.write_text("keep me", "utf-8")
    out = file / NAME
    result = invoke(*REFUSERS[writer](str(out)))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {out}: {file} is not a directory\n"
    assert names(tmp_path) == ["notes.txt"]
    assert file.read_text("utf-8") == "keep me"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    """Through the library too (click refuses it first on the command line)."""
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder)
    for path in (folder, link):
        with pytest.raises(GovgraphError, match=rf"^cannot write {path}: it is a directory$"):
            files.write_output(path, b"x")
    assert names(folder) == []
    assert link.is_symlink()


# --- full and read-only file systems ---------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_leaves_the_old_file_and_no_empty_one(writer: str, full_fs: Path) -> None:
    old, new = full_fs / NAME, full_fs / "new.nt"
    for out in (old, new):
        result = invoke(*WRITERS[writer](str(out)))
        assert result.exit_code == 2
        assert result.stderr == f"Error: cannot write {out}: No space left on device\n"
    assert old.read_bytes() == b"old\n"
    assert names(full_fs) == ["filler", NAME]  # no temporary, no 0-byte file


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_file_system_is_one_sentence(writer: str, readonly_fs: Path) -> None:
    old, new = readonly_fs / NAME, readonly_fs / "new.nt"
    for out in (old, new):
        result = invoke(*WRITERS[writer](str(out)))
        assert result.exit_code == 2
        assert result.stderr == f"Error: cannot write {out}: Read-only file system\n"
    assert old.read_bytes() == b"old\n"
    assert names(readonly_fs) == [NAME]


def test_a_failed_block_leaves_the_old_file(tmp_path: Path) -> None:
    """open_output renames only when its block ends well: an error keeps the old bytes."""
    out = tmp_path / NAME
    out.write_bytes(b"old\n")

    def half_then_fail() -> None:
        with files.open_output(out) as stream:
            stream.write(b"half")
            raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        half_then_fail()
    assert out.read_bytes() == b"old\n"
    assert names(tmp_path) == [NAME]


# --- pictures (headless Chromium) ------------------------------------------------------------


def test_viz_pictures_on_a_full_disk_leave_no_file(
    full_fs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    png, svg = full_fs / "councils.png", full_fs / "councils.svg"
    result = invoke("viz", "councils", "-o", "page.html", "--png", str(png), "--svg", str(svg))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "wrote page.html (53 nodes, 56 edges)",
        f"Error: cannot write {png}: No space left on device",
    ]
    assert names(full_fs) == ["filler", NAME]


def test_viz_page_to_stdout_and_pictures_through_a_fifo_and_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pictures come from the page itself: -o may be standard output or a FIFO."""
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    (tmp_path / "real.svg").write_text("old", "utf-8")
    (tmp_path / "link.svg").symlink_to("real.svg")
    with reading(fifo) as reader:
        result = invoke("viz", "councils", "-o", "-", "--png", str(fifo), "--svg", "link.svg")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stderr.splitlines() == [
        "wrote standard output (53 nodes, 56 edges)",
        f"wrote {fifo}",
        "wrote link.svg",
    ]
    assert reader.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (tmp_path / "link.svg").is_symlink()
    assert (tmp_path / "real.svg").read_text("utf-8").lstrip().startswith(("<svg", "<?xml"))
    assert names(tmp_path) == ["link.svg", "pipe.png", "real.svg"]


# --- messages on stderr, data on stdout; small refusals --------------------------------------


def test_messages_go_to_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """viz and cache clear say what they did on stderr (publish, push: test_cli_publish)."""
    page = tmp_path / "councils.html"
    drawn = invoke("viz", "councils", "-o", str(page))
    assert (drawn.stdout, drawn.stderr) == ("", f"wrote {page} (53 nodes, 56 edges)\n")
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    cleared = invoke("cache", "clear")
    assert cleared.exit_code == 0, cleared.output
    assert (cleared.stdout, cleared.stderr) == (
        "",
        f"removed 0 cached stores from {tmp_path}/cache\n",
    )


def test_viz_open_needs_a_file() -> None:
    result = invoke("viz", "councils", "-o", "-", "--open")
    assert result.exit_code == 2
    assert result.stderr == "Error: --open needs a file to open, not standard output (-o -)\n"


def test_bench_generate_needs_a_jurisdiction(tmp_path: Path) -> None:
    result = invoke("bench", "generate", "--jurisdictions", "0", "-o", str(tmp_path / NAME))
    assert result.exit_code == 2
    assert "'--jurisdictions': 0 is not in the range x>=1" in result.stderr
    assert names(tmp_path) == []
