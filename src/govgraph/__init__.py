"""govgraph: a knowledge graph of migration-governance actors and laws, and its toolkit."""
