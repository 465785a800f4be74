"""How the command line shows errors: one sentence on stderr, escaped, and warnings once."""

from __future__ import annotations

from typing import Any

import click

from govgraph.errors import GovgraphError, GovgraphWarning, escape_controls


class DomainError(click.ClickException):
    """A domain error shown as one sentence on stderr; exit code 2 (could not load or run)."""

    exit_code = 2


class GovgraphGroup(click.Group):
    """A click group that turns every GovgraphError into a DomainError (no traceback).

    Every error message it lets out, click's usage errors included, has its control characters
    escaped (they may come from a file, a file name or an argument); each GovgraphWarning the
    library issues is printed once on stderr as `warning: ...`.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options; a usage error has its control characters escaped."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            exc.message = escape_controls(exc.message)  # type: ignore[misc]  # Final to click
            raise

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, translating domain errors and printing library warnings."""
        import warnings  # already loaded by govgraph.store: costs nothing here

        shown: set[str] = set()
        default_show = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
            if not issubclass(category, GovgraphWarning):
                default_show(message, category, *args, **kw)
            elif (text := escape_controls(str(message))) not in shown:
                shown.add(text)  # a file is checked by each load: say it once
                click.echo(f"warning: {text}", err=True)

        with warnings.catch_warnings():
            warnings.simplefilter("always", GovgraphWarning)
            warnings.showwarning = show
            try:
                return super().invoke(ctx)
            except GovgraphError as exc:
                raise DomainError(escape_controls(str(exc))) from None
            except click.ClickException as exc:  # usage errors quote the value given
                exc.message = escape_controls(exc.message)  # type: ignore[misc]  # Final to click
                raise
