"""Domain errors: library modules raise these, only cli.py turns them into exit codes."""


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
