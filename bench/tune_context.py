"""Tune how a claim's context moves its matches (claims.text.ranking.ContextWeights):
grid on a BEIR folder's train split, check on dev.

    python bench/tune_context.py ../shared/data/retrieval/checkthat2021-2b-en

Every grid point is a full `claims eval retrieval` run (claims.eval.retrieval.
evaluate: fresh database, the workbench's search with the context), so the
figures are the ones the command prints. Only CheckThat! 2021-2b has context
(debate sentences with their neighbours; the document's speaker is estimated
from its own first hits); the tweet sets are unaffected.

Measured 2026-11-29 (MAP@5), when neighbours were up to 4 with 100 candidates
each and no lift floor; the shipped setting (2 neighbours, 30 candidates, lift
floor 10, claims.search) gives 0.5596 train / 0.4647 dev with the default weights:
    neighbour speaker   train     dev
          0.0       0  0.5095  0.4016
          0.0      10  0.5289  0.4328
          0.0      20  0.5381  0.4450
          0.0      30  0.5300  0.4492
          0.2       0  0.5274  0.4151
          0.2      10  0.5460  0.4391
          0.2      20  0.5500  0.4594
          0.2      30  0.5419  0.4661
          0.3       0  0.5329  0.4185
          0.3      10  0.5486  0.4433
          0.3      20  0.5566  0.4612 <- default
          0.3      30  0.5494  0.4673
          0.5       0  0.5178  0.4338
          0.5      10  0.5388  0.4664
          0.5      20  0.5503  0.4877
          0.5      30  0.5461  0.5035
    best on train: ContextWeights(neighbour=0.3, same_speaker=20.0) (train 0.5566, dev 0.4612)
The default is the best train point. The train surface is flat (0.2-0.5 and
10-30 points within ~0.01); dev has 119 queries, so its 0.43-0.50 spread is
mostly noise: the dev-best point (0.5, 30) is not chosen for it.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.eval import retrieval as eval_retrieval
from claims.text import ranking  # noqa: E402

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
