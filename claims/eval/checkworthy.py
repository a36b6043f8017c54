"""Evaluation of check-worthiness scoring on labelled sentences (JSON lines).

Input rows: {"id", "doc", "speaker", "text", "label"} with label 1 = check-worthy
(the layout of ../shared/data/checkworthy/*/train.jsonl). Figures:
  f1         F1 of the positive class at the decision threshold
  ap         average precision over all sentences (ranking quality)
  map_doc    mean average precision per document (rank each debate's
             sentences; rows without "doc" form one document)
Scorers, all in the same run (evaluate()): the hand-written rules, the
product's default (the shipped model; in cross-validation its recipe retrained
without each test fold), and a plain TF-IDF + logistic regression baseline.
The measures live in claims.text.measures and claims.text.labelled (training uses them too);
the CLI (claims/cli/extract.py) prints them.
"""
from __future__ import annotations

import time
from typing import Callable, Optional, Sequence

from claims.text.labelled import Extra, LabelledSentence, cross_val_scores, fit_rows, metrics

Trainer = Callable[..., object]


def evaluate(rows: Sequence[LabelledSentence], *, threshold: float = 0.5, cv: Optional[int] = None,
             train_rows: Optional[Sequence[LabelledSentence]] = None, also: Sequence[Extra] = (),
             progress: Callable[[str, int], None] | None = None) -> dict[str, dict[str, float]]:
    """Figures of every scorer on the same sentences, in one run.

    Without cv or train_rows: the rules and the shipped default as they are (for held-out
    data; the shipped model was trained on the shared training files). With cv=K:
    K-fold cross-validation (whole documents per fold) of the default's recipe and of the
    baseline, each fold's models trained without that fold (the default also on the extra
    data sets, each its own domain; the baseline on FILE alone, and with --also pooled
    in as well). With train_rows: the same, trained on train_rows instead of the folds."""
    from claims.text import checkworthy, checkworthy_model

    texts = [r.text for r in rows]
    out: dict[str, dict[str, float]] = {}
    t0 = time.perf_counter()
    rule_scores = [checkworthy.score_rules(t).score for t in texts]
    rules_rate = len(texts) / max(time.perf_counter() - t0, 1e-9)
    out["rules"] = metrics(rows, rule_scores, threshold) | {"sentences_per_s": rules_rate}
    if cv is None and train_rows is None:
        t0 = time.perf_counter()
        default_scores = [checkworthy.score_text(t).score for t in texts]
        rate = len(texts) / max(time.perf_counter() - t0, 1e-9)
        model = checkworthy_model.default_model()
        seen = checkworthy_model.trained_on(model, texts) if model is not None else None
        shipped = ("rules: no shipped model" if model is None else
                   f"shipped model, IN-SAMPLE: trained on {seen}; use --cv" if seen else "shipped model")
        out[f"default ({shipped})"] = metrics(rows, default_scores, threshold) | {"sentences_per_s": rate}
        return out
    where = "the --train file" if train_rows is not None else f"{cv}-fold CV"
    runs: list[tuple[str, Trainer, Sequence[Extra], bool]] = [
        (f"baseline TF-IDF+LR ({where})", checkworthy_model.train_baseline, (), False)]
    if also:
        runs.append((f"baseline TF-IDF+LR ({where}, + --also pooled)", checkworthy_model.train_baseline, also,
                     False))
    runs.append((f"default ({where}{', + --also' if also else ''})", checkworthy_model.train_default_scorer, also,
                 True))
    for name, trainer, extra, domains in runs:
        if train_rows is not None:
            model = fit_rows(trainer, train_rows, extra, domains)
            scores = model.predict(texts)  # type: ignore[attr-defined]
        else:
            assert cv is not None
            step = (lambda n, name=name: progress(name, n)) if progress else None
            scores = cross_val_scores(rows, trainer, k=cv, progress=step, also=extra, domains=domains)
        out[name] = metrics(rows, scores, threshold)
    return out




def format_metrics(name: str, m: dict[str, float]) -> str:
    line = (f"{name}: n={int(m['n'])} positives={int(m['positives'])} threshold={m['threshold']:.2f}  "
            f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  "
            f"AP={m['ap']:.3f}  mean AP per document={m['map_doc']:.3f} ({int(m['docs'])} docs)")
    if "sentences_per_s" in m:
        line += f"  {m['sentences_per_s']:,.0f} sentences/s"
    return line


def format_report(out: dict[str, dict[str, float]]) -> str:
    """One line per scorer, then the default against the baseline and the rules."""
    lines = [format_metrics(name, m) for name, m in out.items()]
    default = next((n for n in out if n.startswith("default")), None)
    for other in [n for n in out if n.startswith("baseline")] + ["rules"]:
        if default and other in out:
            d, o = out[default], out[other]
            lines.append(f"default - {other}: mean AP per document {d['map_doc'] - o['map_doc']:+.3f}, "
                         f"AP {d['ap'] - o['ap']:+.3f}, F1 {d['f1'] - o['f1']:+.3f}")
    return "\n".join(lines)
