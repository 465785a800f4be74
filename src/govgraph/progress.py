"""A progress bar on stderr for work that takes more than a second, only on a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

DELAY = 1.0  # seconds of quiet before a bar appears
WIDTH = 30


class Progress:
    """Count work done out of a total; draw a bar on a terminal once DELAY has passed."""

    def __init__(self, label: str, total: float, *, unit: str = "", stream: TextIO | None = None):
        self.label = label
        self.total = max(total, 1e-9)
        self.unit = unit
        self.stream = stream or sys.stderr
        self.done = 0.0
        self.started = time.monotonic()
        self.drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.drawn:
            if kind is None:
                self.done = self.total
                self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, amount: float = 1.0) -> None:
        """Record progress and redraw when it is time to show it."""
        self.done += amount
        if self._visible():
            self._draw()

    def _visible(self) -> bool:
        """Only on a terminal, and only for work that lasts longer than DELAY."""
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty()) and time.monotonic() - self.started >= DELAY

    def _draw(self) -> None:
        """Redraw the bar in place."""
        share = min(self.done / self.total, 1.0)
        filled = int(share * WIDTH)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%} {elapsed:5.1f} s"
        )
        self.stream.flush()
        self.drawn = True
