"""Build claims/text/data/cue_lexicon.json and common_words.json from PolNeAR train.

cue_lexicon.json: attribution cue words learned from PolNeAR train ("words"), and the
  verbs that, right after a sentence's subject, make that subject a source ("subject_verbs":
  "Sanders defended his plan", "Trump blasted the deal"), and the same by verb stem over all
  forms together ("subject_stems": "opposes", "is pledging", "does not expect" count with
  "opposed", "pledged", "expects"; speakers.verb_stem), kept at a higher share
  (MIN_SUBJECT_STEM_SHARE, tuned on train: at 0.5 narration clean fell to 0.949).
common_words.json: words that are nearly always written lower case inside a sentence
("recently", "minutes", "after"), so that a capitalised one opening a sentence or a
headline ("Recently, Tom Emanuel ...") is not taken for a name.

    .venv/bin/python bench/build_cue_lexicon.py [../shared/data/attribution/polnear/train.jsonl]

For every lower-case word of the training articles: how often it is part of an
annotated cue, against how often it occurs at all. A word kept (enough cue uses,
a high enough share) becomes a cue verb for claims/text/speakers.py, beside its
hand-written CUE_VERBS. Function words are never cues on their own ("to", "has").
Deterministic: the same input gives the same file (sorted keys, rounded shares).
Only counts are stored, no text of the articles.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "train.jsonl"
OUT = ROOT / "claims" / "text" / "data" / "cue_lexicon.json"
OUT_COMMON = ROOT / "claims" / "text" / "data" / "common_words.json"
OUT_NAMES = ROOT / "claims" / "text" / "data" / "first_names.json"
MIN_COMMON_COUNT = 3       # lower-case uses needed to call a word common
MIN_LOWER_SHARE = 0.9      # of its uses inside a sentence, at least this share lower case

MIN_CUE_COUNT = 4      # a word seen as a cue fewer times is noise
MIN_SHARE = 0.5        # of its occurrences, at least this share inside a cue
# Words that are parts of cues but never cues alone (auxiliaries, particles, pronouns).
FUNCTION_WORDS = frozenset(
    """to has have had is was are were be been being of a an the on in at for about with by from
    as that this it its his her their he she they we i you not no also would will could can may
    might should did does do don didn doesn t s up out over off into so just even still now then
    again later already only very more most all one new first last long much never often once
    recently previously repeatedly publicly widely increasingly like back down make made put took
    gave went time case week monday tuesday wednesday thursday friday saturday sunday campaign
    trump clinton debate speech vote twitter interview statement message attention focus""".split()
)
# Kept by the counts but not verbs: nouns and adjectives of attribution phrases.
NOT_CUES = frozenset(
    """footage assertion assumption complaints inclination outspoken wary eager impassioned convinced
    titled listed similarly chants""".split()
)
_WORD = re.compile(r"[A-Za-z]+")


def build(train: Path) -> dict:
    cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            total.update(w for w in _WORD.findall(d["text"]) if w.islower())
            for a in d["attributions"]:
                if a.get("cue_text"):
                    cue.update(w for w in _WORD.findall(a["cue_text"]) if w.islower())
    words = {w: round(c / total[w], 3) for w, c in cue.items()
             if c >= MIN_CUE_COUNT and w not in FUNCTION_WORDS and w not in NOT_CUES
             and not w.endswith("ly") and total[w] and c / total[w] >= MIN_SHARE}
    return {"source": "PolNeAR v1.0.0 train (counts only)", "min_cue_count": MIN_CUE_COUNT,
            "min_share": MIN_SHARE, "words": dict(sorted(words.items()))}


MIN_SUBJECT_VERB_COUNT = 4
MIN_SUBJECT_VERB_SHARE = 0.5
# Auxiliaries and adverbs skipped between a subject and its verb.
SKIPPED = frozenset(
    """has have had is was are were be been being will would could should may might can also still
    already now then later just not never often repeatedly reportedly recently once again even
    quickly publicly privately first last further especially particularly openly consistently
    previously initially immediately largely clearly specifically newly""".split()
)
# Words seen after a subject that continue it (nouns), not verbs.
NOT_VERBS = frozenset(
    """newspaper lawsuit experts rights advisers operatives leader columnist chief spokesman
    spokeswoman aides officials polls leaders senators pollster polling insiders press
    politicians nominee reporter person neurosurgeon intelligence general enforcement employee
    contenders allies governor ad supporters manager law source letter half average talks poll
    himself campaign front-runner strategists police across presidential nor groups statement
    recent speaker quick news camp call two-thirds third side photo inquiry familiar executives
    campaign’s campaigns broken book chairman see tend try push authorities earlier likely long
    results since chair herself himself critical increasingly aren't isn't wasn't laid percent voters
    shows""".split()
)
# Actions, not stances: kept out although often annotated in the training set, because a
# desk would not file "Trump went to Ohio" as something Trump said.
ACTIONS = frozenset(
    """ran went bought played fired cast keeping drawing using relying sent signed launched
    blocked adopted delivered spoke found began voted appears filed charged provided""".split()
)
_VERB_WORD = re.compile(r"[A-Za-z’'-]+")


def _subject_sentences(train: Path) -> Iterator[tuple[str, re.Match[str], bool]]:
    """Every training sentence whose subject the speaker rules find: (the sentence with its labels
    blanked, the subject match, whether the subject overlaps an annotated source)."""
    sys.path.insert(0, str(ROOT))
    from claims.text.segment import segment
    from claims.text.speakers import _subject_at_start, blank_labels

    with train.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            t = d["text"]
            sources = [a["source"] for a in d["attributions"] if a.get("source")]
            for s, e, _ in segment(t):
                sent = blank_labels(t[s:e])
                m = _subject_at_start(sent)
                if m is not None:
                    ss, se = s + m.start("subj"), s + m.end("subj")
                    yield sent, m, any(a < se and b > ss for a, b in sources)


def build_subject_verbs(train: Path) -> dict[str, float]:
    """Share of sentences whose subject is an annotated source, by the verb after the subject."""
    pos: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for sent, m, is_source in _subject_sentences(train):
        verb = next((w for w in _VERB_WORD.findall(sent[m.end():m.end() + 80])
                     if w.lower() not in SKIPPED), None)
        if not verb or not verb.islower() or verb in NOT_VERBS or verb in ACTIONS or verb.endswith("ly"):
            continue
        tot[verb] += 1
        pos[verb] += is_source
    return {v: round(pos[v] / tot[v], 3) for v in sorted(tot)
            if tot[v] >= MIN_SUBJECT_VERB_COUNT and pos[v] / tot[v] >= MIN_SUBJECT_VERB_SHARE}


_MID_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b(?!['\u2019])")  # not "aren" of "aren't"


MIN_SUBJECT_STEM_COUNT = 3
MIN_SUBJECT_STEM_SHARE = 0.7


def count_subject_stems(train: Path) -> tuple[Counter[str], Counter[str]]:
    """Per verb stem (speakers.verb_stem): sentences whose subject is an annotated source, and all
    sentences, with that verb after the subject. The verb is found as the speaker rule finds it:
    past auxiliaries and adverbs, and a negation ("does not expect", "didn't respond"); a
    participle after "is"/"was" is a passive ("was released") and not counted."""
    from claims.text.speakers import NEGATING_AUXILIARIES, verb_stem

    skipped = SKIPPED | NEGATING_AUXILIARIES
    actions = {verb_stem(w) for w in ACTIONS}
    pos: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for sent, m, is_source in _subject_sentences(train):
        passive = False
        verb = None
        for w in _VERB_WORD.findall(sent[m.end():m.end() + 80]):
            lw = w.lower().replace("\u2019", "'")
            if lw in skipped:
                passive = passive or lw in ("was", "were", "is", "are", "been", "being")
                continue
            verb = w
            break
        if not verb or not verb.islower() or verb in NOT_VERBS or verb.endswith("ly") \
                or (passive and verb.endswith("ed")):
            continue
        stem = verb_stem(verb)
        if stem in actions:
            continue
        tot[stem] += 1
        pos[stem] += is_source
    return pos, tot


def build_subject_stems(train: Path) -> dict[str, float]:
    pos, tot = count_subject_stems(train)
    return {v: round(pos[v] / tot[v], 3) for v in sorted(tot)
            if tot[v] >= MIN_SUBJECT_STEM_COUNT and pos[v] / tot[v] >= MIN_SUBJECT_STEM_SHARE}


def build_common(train: Path) -> dict:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            for w in _MID_WORD.findall(json.loads(line)["text"]):
                (lower if w.islower() else upper)[w.lower()] += 1
    kept = {w for w, c in lower.items() if c >= MIN_COMMON_COUNT and c / (c + upper[w]) >= MIN_LOWER_SHARE}
    # the plural of a common word is common too when it is never capitalised inside a
    # sentence ("Moments later, ..." although "moments" itself is rare)
    plurals = {w + "s" for w in kept if len(w) > 3 and not w.endswith("s") and not upper[w + "s"]}
    words = sorted(kept | plurals)
    return {"source": "PolNeAR v1.0.0 train (counts only)", "min_count": MIN_COMMON_COUNT,
            "min_lower_share": MIN_LOWER_SHARE, "words": words}


MIN_NAME_COUNT = 2       # articles telling a first name's gender
MIN_NAME_SHARE = 0.9     # of them, at least this share for one gender
_HONORIFIC_SURNAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_FULL_NAME = re.compile(r"\b([A-Z][a-z]{2,}) (?:[A-Z]\. )?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_AFTER_WORD = re.compile(r"\b([A-Za-z]+) ([A-Z][a-z]+)\b")
_PLACE_WORDS = frozenset("the in".split())
MAX_PLACED_SHARE = 0.05
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_FIRST_NAME = re.compile(r"[A-Z][a-z]{2,}")
# Capitalised words before a surname that are not first names.
NOT_FIRST_NAMES = frozenset("""president senator secretary governor speaker but for when and the former
    sen rep gov mr mrs ms miss dr candidate nominee chairman general judge justice attorney prime
    lee""".split())  # ("Lee" is a given name of either gender and a surname)


def build_first_names(train: Path, common: set[str]) -> dict:
    """First names and the gender the articles give them: an annotated "she" whose speaker
    (resolved by PolNeAR's coreference) is "Hillary Clinton" counts one for Hillary as
    female, once an article; so does an article calling a person "Mrs. Clinton" and naming
    "Hillary Clinton" (only surnames with one gender in the article: not "Mr. Trump" beside
    "Ivanka Trump"). Names also used as common words ("Prime Minister") or mostly after
    "the"/"in" (places, bodies) are left out."""
    votes: dict[str, Counter[str]] = {}
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            t = d["text"]
            # the annotated "he" / "she" sources and the full name they were resolved to
            told: set[tuple[str, str]] = set()
            for a in d["attributions"]:
                g = _PRONOUN_GENDER.get((a.get("source_text") or "").strip().lower())
                words = (a.get("speaker") or "").split()
                if g and a.get("speaker_kind") == "resolved" and len(words) >= 2 \
                        and _FIRST_NAME.fullmatch(words[0]) and (words[0], g) not in told:
                    told.add((words[0], g))
                    votes.setdefault(words[0].lower(), Counter())[g] += 1
            by_surname: dict[str, set[str]] = {}
            for m in _HONORIFIC_SURNAME.finditer(t):
                by_surname.setdefault(m.group(2), set()).add(_HONORIFIC_GENDER[m.group(1)])
            seen: set[tuple[str, str]] = set()
            for m in _FULL_NAME.finditer(t):
                first, last = m.group(1), m.group(2)
                if first.lower() in NOT_FIRST_NAMES:
                    continue
                genders = by_surname.get(last)
                if genders is None or len(genders) != 1 or (first, last) in seen:
                    continue
                seen.add((first, last))
                votes.setdefault(first.lower(), Counter())[next(iter(genders))] += 1
    # places and bodies ("Florida Sen. ...", "House Speaker ...") are written after "in" or
    # "the"; first names hardly ever are
    placed: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line)["text"]
            for m in _AFTER_WORD.finditer(t):
                capital[m.group(2).lower()] += 1
                placed[m.group(2).lower()] += m.group(1).lower() in _PLACE_WORDS
    out: dict[str, list[str]] = {"m": [], "f": []}
    for name, c in sorted(votes.items()):
        if placed[name] > MAX_PLACED_SHARE * capital[name] or name in common:
            continue  # "Prime Minister", "Team Trump": a common word, not a first name
        g, n = c.most_common(1)[0]
        if n >= MIN_NAME_COUNT and n / sum(c.values()) >= MIN_NAME_SHARE and name not in NOT_FIRST_NAMES:
            out[g].append(name)
    return {"source": "PolNeAR v1.0.0 train (counts only)", "min_count": MIN_NAME_COUNT,
            "min_share": MIN_NAME_SHARE, **out}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", nargs="?", default=str(DEFAULT_TRAIN))
    args = ap.parse_args()
    data = build(Path(args.train))
    data["subject_verbs"] = build_subject_verbs(Path(args.train))
    data["min_subject_verb_count"] = MIN_SUBJECT_VERB_COUNT
    data["min_subject_verb_share"] = MIN_SUBJECT_VERB_SHARE
    data["subject_stems"] = build_subject_stems(Path(args.train))
    data["min_subject_stem_count"] = MIN_SUBJECT_STEM_COUNT
    data["min_subject_stem_share"] = MIN_SUBJECT_STEM_SHARE
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(data['words'])} cue words, {len(data['subject_verbs'])} subject verbs -> {OUT.relative_to(ROOT)}")
    common = build_common(Path(args.train))
    OUT_COMMON.write_text(json.dumps(common, indent=0) + "\n", encoding="utf-8")
    print(f"{len(common['words'])} common words -> {OUT_COMMON.relative_to(ROOT)}")
    names = build_first_names(Path(args.train), set(common["words"]))
    OUT_NAMES.write_text(json.dumps(names, indent=0) + "\n", encoding="utf-8")
    print(f"{len(names['m'])} + {len(names['f'])} first names -> {OUT_NAMES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
