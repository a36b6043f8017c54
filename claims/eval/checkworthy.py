"""Evaluation of check-worthiness scoring on labelled sentences (JSON lines).

Input rows: {"id", "doc", "speaker", "text", "label"} with label 1 = check-worthy
(the layout of ../shared/data/checkworthy/*/train.jsonl). Figures:
  f1         F1 of the positive class at the decision threshold
  ap         average precision over all sentences (ranking quality)
  map_doc    mean average precision per document (rank each debate's
             sentences; rows without "doc" form one document)
The measures live in claims.text.measures and claims.text.labelled (training uses them too);
the CLI (claims/cli/extract.py) prints them.
"""
from __future__ import annotations


def format_metrics(name: str, m: dict[str, float]) -> str:
    return (f"{name}: n={int(m['n'])} positives={int(m['positives'])} threshold={m['threshold']:.2f}  "
            f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  "
            f"AP={m['ap']:.3f}  mean AP per document={m['map_doc']:.3f} ({int(m['docs'])} docs)")
