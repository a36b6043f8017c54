"""Run the `claims` command line and kill it with SIGKILL at a named point (for tests/test_crash.py).

    python -m tests.crashpoint POINT N claims-arguments...

The Nth call of the function POINT names kills the process (SIGKILL to itself: what `kill -9`
does, at an exact step instead of a guessed moment). Only the test's own process is patched;
the product has no crash hook.
"""
from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Any, Callable

# point -> (module, function, when): "after" kills once the call has done its work inside the
# still-open transaction; "before" kills as the call starts.
POINTS: dict[str, tuple[str, str, str]] = {
    # an article's rows are inserted, its transaction not committed
    "mid-ingest": ("claims.ingest", "store_prepared", "after"),
    # a file's articles are committed, their claims not yet queued for matching
    "after-commit": ("claims.worker", "enqueue", "before"),
    # a match job's rows are written, its transaction not committed (the job is off the queue)
    "mid-match": ("db.queries.matches", "replace_claim_matches", "after"),
    # a verdict's claim row and history row are written, the transaction not committed
    "mid-save": ("db.queries.history", "add_history", "after"),
}


def arm(point: str, nth: int) -> None:
    module_name, name, when = POINTS[point]
    module = importlib.import_module(module_name)
    real: Callable[..., Any] = getattr(module, name)
    calls = {"n": 0}

    def crashing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == nth and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if calls["n"] == nth and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(module, name, crashing)


def main(argv: list[str]) -> int:
    point, nth, *claims_args = argv
    arm(point, int(nth))
    from claims.cli.main import main as claims_main

    return claims_main(claims_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
