"""The govgraph command line: parse arguments, call the library, print rows and exit codes.

The group knows each command's family module and imports it only when the command runs:
answering a query loads the analysts' commands, not the publishing ones. Heavy libraries
(rdflib, pyshacl, networkx, pyvis) are imported inside the commands that need them.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from govgraph.cli.errors import DomainError, GovgraphGroup

__all__ = ["COMMANDS", "DomainError", "GovgraphGroup", "LazyGroup", "govgraph", "main"]

# Each command: (its family module under govgraph.cli, the click command in it).
COMMANDS: dict[str, tuple[str, str]] = {
    "stats": ("graph", "stats_command"),
    "validate": ("graph", "validate_command"),
    "queries": ("graph", "queries_command"),
    "query": ("graph", "query_command"),
    "councils": ("analyst", "councils_command"),
    "members": ("analyst", "members_command"),
    "memberships": ("analyst", "memberships_command"),
    "interlocks": ("analyst", "interlocks_command"),
    "programs": ("analyst", "programs_command"),
    "laws": ("analyst", "laws_command"),
    "agreements": ("analyst", "agreements_command"),
    "findings": ("analyst", "findings_command"),
    "compare": ("analyst", "compare_command"),
    "figures": ("statistics", "figures_command"),
    "search": ("analyst", "search_command"),
    "describe": ("analyst", "describe_command"),
    "viz": ("views", "viz_command"),
    "analyze": ("views", "analyze_command"),
    "export-network": ("views", "export_network_command"),
    "export": ("publishing", "export_command"),
    "publish": ("publishing", "publish_command"),
    "serve": ("publishing", "serve_command"),
    "push": ("publishing", "push_command"),
    "workbook": ("workbook", "workbook_group"),
    "bench": ("admin", "bench_group"),
    "cache": ("admin", "cache_group"),
}


class LazyGroup(GovgraphGroup):
    """A GovgraphGroup whose commands are imported from their family module when needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted (the eager ones added with .command too)."""
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of this name, its family module imported on first use."""
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"govgraph.cli.{module}"), name)
        assert isinstance(command, click.Command), (cmd_name, command)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="govgraph", prog_name="govgraph")
@click.option(
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Turtle file or directory to load instead of the bundled data (repeatable).",
)
@click.option(
    "--ontology",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Turtle file or directory to load instead of the bundled ontology and vocabularies "
    "(repeatable).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Load the files into memory instead of the cached on-disk store "
    "(also GOVGRAPH_NO_CACHE=1).",
)
@click.pass_context
def govgraph(
    ctx: click.Context, data: tuple[Path, ...], ontology: tuple[Path, ...], no_cache: bool
) -> None:
    """govgraph: a knowledge graph of migration-governance actors and laws (Zacatecas, Mexico)."""
    ctx.obj = {"data": data, "ontology": ontology, "cache": False if no_cache else None}


def main() -> None:
    """Run the govgraph command line."""
    govgraph(prog_name="govgraph")
