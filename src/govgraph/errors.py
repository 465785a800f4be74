"""Domain errors: library modules raise these, only cli.py turns them into exit codes.

Warnings (GovgraphWarning) go through Python's warnings module: the CLI prints each one once
on stderr as `warning: ...`; a program using the library sees ordinary Python warnings.
"""

import re


class GovgraphError(Exception):
    """Base class of every error govgraph reports to its user."""


class LoadError(GovgraphError):
    """A Turtle file or directory could not be found or parsed."""


class QueryError(GovgraphError):
    """A SPARQL query is malformed, unsupported or failed to run."""


class ResolveError(GovgraphError):
    """A name, acronym, CURIE or IRI does not identify exactly one entity."""


class ValidationError(GovgraphError):
    """Validation could not run (a shapes file or a check query is broken)."""


class PublishError(GovgraphError):
    """A graph could not be exported or pushed to an endpoint."""


class ServeError(GovgraphError):
    """The Oxigraph server could not be started or stopped."""


class RenderError(GovgraphError):
    """A network view could not be drawn, written or photographed (e.g. no Chromium)."""


class GovgraphWarning(UserWarning):
    """Something that loads but is almost certainly a mistake (e.g. a data file with no triples)."""


# C0 controls but tab and newline, DEL, C1 controls, and lone surrogates (the bytes of a file
# name that is not UTF-8, as Python's surrogateescape keeps them).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    """One control character as \\xNN (a surrogate-escaped byte as the byte it stands for)."""
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Write control characters (ESC, DEL, CR, C1...) as \\xNN: a message shows, never acts."""
    return _CONTROLS.sub(_escaped, text)
