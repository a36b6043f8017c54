"""The `claims` command line, one module per area: parse, call one workflow, print."""
from claims.cli.main import main

__all__ = ["main"]
