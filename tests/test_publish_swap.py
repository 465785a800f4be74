"""The directory transaction: a rebuild replaces the site whole, a failure or a signal keeps the
previous one, leftovers of dead processes go, what publish did not write is never replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import DATA, ONTOLOGY
from govgraph import files, publish
from govgraph.errors import PublishError
from publish_support import (
    MINI,
    _dead_pid,
    cli,
    files_of,
)


def test_rebuild_replaces_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    (out / "stale.html").write_text("old", "utf-8")
    summary = publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert not (out / "stale.html").exists()
    assert summary.files == len(files_of(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failing_step_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)

    def boom(self: object) -> str:
        raise RuntimeError("the VoID step failed")

    monkeypatch.setattr(publish._Site, "void_turtle", boom)
    with pytest.raises(RuntimeError, match="VoID step failed"):
        publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failing_swap_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    rename = os.rename

    def fail_moving_the_new_site_in(
        src: str | os.PathLike[str], dst: str | os.PathLike[str]
    ) -> None:
        if Path(src).name.startswith(".site.new-"):
            raise OSError(28, "No space left on device")
        rename(src, dst)

    monkeypatch.setattr(files, "_exchange", lambda a, b: False)  # the two-rename fallback
    monkeypatch.setattr(os, "rename", fail_moving_the_new_site_in)
    with pytest.raises(PublishError, match="No space left on device"):
        publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_what_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", "utf-8")
    with pytest.raises(PublishError, match="not a site written by govgraph publish"):
        publish.publish(precious, paths=MINI, ontology=[ONTOLOGY])
    assert (precious / "thesis.txt").read_text("utf-8") == "years of work"
    file = tmp_path / "file"
    file.write_text("x", "utf-8")
    with pytest.raises(PublishError, match="not a directory"):
        publish.publish(file, paths=MINI, ontology=[ONTOLOGY])
    with pytest.raises(PublishError, match="base IRI"):
        publish.publish(tmp_path / "x", base_iri="https://example.org/no-slash")
    with pytest.raises(PublishError, match="unknown language"):
        publish.publish(tmp_path / "x", lang="fr")


def test_a_base_without_entities_is_refused_and_the_site_kept(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    result = cli("publish", str(out), "--base-iri", "https://example.org/kg/")
    assert result.exit_code == 2
    assert result.stderr == "Error: no entity IRI under https://example.org/kg/\n"
    assert result.stdout == ""
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_parent_directory_must_exist(tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "deep" / "site"
    result = cli("publish", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: cannot write {target}: the directory {target.parent} does not exist\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_a_build_removes_it_and_keeps_the_site(tmp_path: Path) -> None:
    """SIGTERM in the middle of a build: the build directory goes, the previous site stays,
    and the process dies of the signal."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "site"
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    before = files_of(out)
    script = (
        "import os, signal, sys, time\n"
        "from govgraph import publish\n"
        "def stop(self):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        "publish._Site.void_turtle = stop\n"
        "publish.publish(sys.argv[1], paths=sys.argv[2:4], ontology=sys.argv[3:4])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(out), str(DATA), str(ONTOLOGY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert done.stderr == ""
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_dead_processes_are_removed(tmp_path: Path) -> None:
    """A build directory of a process that is gone (SIGKILL) goes on the next run; one of a
    running process stays, and so does anything else. A site moved aside stays as long as
    there is no site: it may be the only copy."""
    out = tmp_path / "site"
    dead, alive = _dead_pid(), os.getpid()
    building, moved = tmp_path / f".site.new-{dead}-abc123", tmp_path / f".site.old-{dead}-def456"
    kept = [tmp_path / f".site.new-{alive}-ghi789", tmp_path / ".other.new-1-x", tmp_path / "notes"]
    for directory in [building, moved, *kept]:
        (directory / "id").mkdir(parents=True)
        (directory / "id" / "page.html").write_text("half written", "utf-8")
    names = sorted(["site", *(p.name for p in kept)])
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names, moved.name])
    publish.publish(out, paths=MINI, ontology=[ONTOLOGY])
    assert sorted(p.name for p in tmp_path.iterdir()) == names
