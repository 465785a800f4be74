"""The limits of an endpoint exchange, and sizes as people write them (light: the CLI's options
import it without the SPARQL backend)."""

from __future__ import annotations

import re

from govgraph.errors import QueryError

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 1e7  # seconds (16 weeks): beyond, timers and sockets overflow or it is a typo
# The largest endpoint answer read (bytes): an endless or huge answer stops there, not at the
# end of memory. Its rows take several times as much once decoded.
DEFAULT_MAX_RESPONSE = 256 * 2**20
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Read a size in bytes: 1000000, 512K, 256M, 1.5G (K, M, G and T count in 1024s)."""
    match = _SIZE.fullmatch(text)
    size = int(float(match[1]) * _UNITS[match[2].lower()]) if match else 0
    if size < 1:
        raise QueryError(
            f"{text!r} is not a size: give a number of bytes above 0, "
            "or one with K, M or G (e.g. 256M)"
        )
    return size


def format_size(size: int) -> str:
    """A size as people say it: 256 MB, 1.5 GB, 64 KB, 900 bytes (in 1024s)."""
    for unit, name in ((2**40, "TB"), (2**30, "GB"), (2**20, "MB"), (2**10, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return "1 byte" if size == 1 else f"{size} bytes"
