"""The progress bar redraws at most ten times a second, however many items go by."""

from __future__ import annotations

import io

import pytest

from govgraph import progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def test_redraws_are_throttled(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 items over two seconds: about twenty redraws, then the final 100%, not 10,000."""
    clock = Clock()
    monkeypatch.setattr(progress, "time", clock)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    shown = Terminal()
    with progress.Progress("publish", 10_000, stream=shown) as bar:
        for _ in range(10_000):
            clock.now += 0.0002
            bar.advance()
    drawn = shown.getvalue()
    assert drawn.count("\r") == 21  # 2 s at one redraw per 0.1 s, and the last one at exit
    assert drawn.endswith("100%   2.0 s\n")


def test_first_redraw_once_the_delay_has_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing during the first second; the bar appears at once after it."""
    clock = Clock()
    monkeypatch.setattr(progress, "time", clock)
    shown = Terminal()
    with progress.Progress("loading", 100, stream=shown) as bar:
        for _ in range(99):
            clock.now += 0.001
            bar.advance()
        assert shown.getvalue() == ""
        clock.now += 1.0
        bar.advance()
        assert shown.getvalue().count("\r") == 1
        assert "100%" in shown.getvalue()
