"""`python -m govgraph.cli`: the same command line as the `govgraph` script."""

from govgraph.cli import main

if __name__ == "__main__":
    main()
