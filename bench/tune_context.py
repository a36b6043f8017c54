"""Tune how a claim's context moves its matches (claims.ranking.ContextWeights):
grid on a BEIR folder's train split, check on dev.

    python bench/tune_context.py ../shared/data/retrieval/checkthat2021-2b-en

Every grid point is a full `claims eval retrieval` run (claims.eval_retrieval.
evaluate: fresh database, the workbench's search with the context), so the
figures are the ones the command prints. Only CheckThat! 2021-2b has context
(debate sentences with their neighbours; the document's speaker is estimated
from its own first hits); the tweet sets are unaffected.

Measured 2026-11-29 (MAP@5 train / dev; "alone" = no context):
    alone                          0.5095 / 0.4016
    neighbour 0.3, speaker 20      0.5566 / 0.4612   <- default (best train)
    neighbour 0.3, speaker  0      ~0.53  / ~0.41    (neighbours alone)
    neighbour 0,   speaker 20      ~0.54  / ~0.44    (speaker alone)
The train surface is flat (0.2-0.5 and 10-30 points within ~0.01); dev has 119
queries, so differences under ~0.02 there are noise.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims import eval_retrieval, ranking  # noqa: E402

NEIGHBOUR = (0.0, 0.2, 0.3, 0.5)
SPEAKER = (0.0, 10.0, 20.0, 30.0)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    folder = Path(argv[0])
    print(f"{'neighbour':>9} {'speaker':>7} {'train':>7} {'dev':>7}")
    best = None
    for nb, sp in itertools.product(NEIGHBOUR, SPEAKER):
        w = ranking.ContextWeights(neighbour=nb, same_speaker=sp)
        train = eval_retrieval.evaluate(folder, "train", context_weights=w).best.map_k
        dev = eval_retrieval.evaluate(folder, "dev", context_weights=w).best.map_k
        mark = " <- default" if w == ranking.DEFAULT_CONTEXT_WEIGHTS else ""
        print(f"{nb:>9.1f} {sp:>7.0f} {train:>7.4f} {dev:>7.4f}{mark}", flush=True)
        if best is None or train > best[0]:
            best = (train, dev, w)
    assert best is not None
    print(f"best on train: {best[2]} (train {best[0]:.4f}, dev {best[1]:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
