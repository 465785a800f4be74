"""govgraph: a knowledge graph of migration-governance actors and laws, and its toolkit."""

__version__ = "0.1.0"
