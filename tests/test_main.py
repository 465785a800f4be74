"""`python -m govgraph` runs the command line."""

from __future__ import annotations

import subprocess
import sys

from govgraph import __version__


def test_python_m_govgraph() -> None:
    """`python -m govgraph --version` prints the version, as the `govgraph` script does."""
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"govgraph, version {__version__}\n"
