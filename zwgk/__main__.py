"""`python -m zwgk` runs the command line."""

from zwgk.cli import run_cli

run_cli()
