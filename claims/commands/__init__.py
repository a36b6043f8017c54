"""Subcommands of the `claims` command line, one module per area.

Each module has `register(sub, eval_sub)`: `sub` is the top-level subparsers
object, `eval_sub` the subparsers of `claims eval`. A command's handler is set
with `parser.set_defaults(func=handler)` and receives the parsed args; it
returns an exit code.
"""
