"""A progress bar on stderr for work that takes more than a second, only on a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

DELAY = 1.0  # seconds of quiet before a bar appears
INTERVAL = 0.1  # seconds between redraws: a terminal gets at most ten a second
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
        self.last_drawn = float("-inf")
        isatty = getattr(self.stream, "isatty", None)
        self.terminal = bool(isatty and isatty())

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
        """Record progress and redraw when it is time to show it (at most every INTERVAL)."""
        self.done += amount
        if not self.terminal:
            return
        now = time.monotonic()
        if now - self.started >= DELAY and now - self.last_drawn >= INTERVAL:
            self._draw()

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
        self.last_drawn = time.monotonic()
