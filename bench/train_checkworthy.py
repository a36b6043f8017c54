"""Rebuild the shipped default check-worthiness model, deterministically.

    python bench/train_checkworthy.py [--data ../shared/data/checkworthy] [--out PATH]

Trains claims.text.checkworthy_model.fit_default (the recipe the evaluation
cross-validates) on the shared training files -- the ClaimBuster spotter split and
the CheckThat! 2019 debates -- and writes claims/text/data/checkworthy_default.json
(terms with idf and weight, rule weights, intercept: data, never code). Running it
twice gives the same bytes; it prints the file's size and SHA-256.

The honest figures for this recipe come from cross-validation, each fold's model
trained without that fold:
    claims eval checkworthy DATA/checkthat2019-debates/train.jsonl --cv 5 --also DATA/claimbuster/train.jsonl
    claims eval checkworthy DATA/claimbuster/train.jsonl --cv 5 --also DATA/checkthat2019-debates/train.jsonl
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.text import checkworthy_model  # noqa: E402
from claims.text.labelled import read_jsonl  # noqa: E402

# The first file is the reference domain: its intercept is kept, so a score of 0.5 means what
# it means in ClaimBuster (about a quarter of debate sentences worth checking); the other file
# trains with its own intercept (CheckThat! marks only the 2.7% that fact-checkers chose).
FILES = ("claimbuster/train.jsonl", "checkthat2019-debates/train.jsonl")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "checkworthy"))
    ap.add_argument("--out", default=str(checkworthy_model.DEFAULT_MODEL_PATH))
    args = ap.parse_args(argv)
    rows = []
    domains: list[str] = []
    record: list[dict[str, object]] = []
    for k, name in enumerate(FILES):
        path = Path(args.data) / name
        try:
            got = read_jsonl(path)
        except (OSError, ValueError) as exc:
            print(f"train_checkworthy: {exc}", file=sys.stderr)
            return 2
        print(f"{name}: {len(got)} sentences, {sum(r.label for r in got)} check-worthy", file=sys.stderr)
        rows += got
        record.append({"file": name, "sentences": len(got), "positives": sum(r.label for r in got),
                       "fingerprint": checkworthy_model.fingerprint([r.text for r in got])})
        domains += [name if k else ""] * len(got)
    model = checkworthy_model.fit_default([r.text for r in rows], [r.label for r in rows], domains)
    model.meta["trained_on"] = record
    data = model.to_json().encode("utf-8")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"{out}: {len(data):,} bytes, {len(model.term_idf):,} terms, "
          f"sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
