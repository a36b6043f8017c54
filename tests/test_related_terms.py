"""Found when worded differently: related terms (claims.text.related) in the candidate step and
the re-ranking. Our own invented sentences, never text of the data sets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims import search as matching
from claims.ingest import ingest_article
from claims.text import normalize, ranking, related
from claims.text.records import Article
from db.engine import Database

CLAIM = "The army denied that any civilians died in the raid on Kelvaro."
PARAPHRASE = "In Kelvaro thirty-one villagers, most of them children, were killed when army units attacked the hamlet."


def _s(word: str) -> str:
    return normalize.stem(word)


def test_table_is_plain_data_with_weights_in_range() -> None:
    raw = json.loads((Path(related.__file__).parent / "data" / "related_terms.json").read_text(encoding="utf-8"))
    assert set(raw) == {"about", "terms"}
    links = [w for row in raw["terms"].values() for w in row.values()]
    assert links and all(0.0 < w <= 1.0 for w in links)
    assert all(a not in row for a, row in raw["terms"].items())  # no stem is its own relative


def test_hand_written_pairs_are_in_the_table() -> None:
    t = related.table()
    assert t[_s("died")][_s("killed")] == 1.0
    assert t[_s("denied")][_s("rejected")] == 1.0
    assert t[_s("civilians")][_s("villagers")] == 1.0


def test_expansions_add_related_stems_never_the_query_own() -> None:
    table = {"die": {"kill": 1.0, "dead": 0.5}, "kill": {"die": 1.0}, "raid": {"attack": 0.8}}
    out = related.expansions(["die", "kill", "raid"], {"die": 2.0, "kill": 1.0, "raid": 3.0},
                             limit=5, related=table)
    assert out == ["attack", "dead"]  # 3.0*0.8 before 2.0*0.5; "die"/"kill" are the query's own
    assert related.expansions(["die"], {"die": 2.0}, limit=0, related=table) == []
    assert related.expansions(["harbour"], {"harbour": 2.0}, limit=5, related=table) == []


def test_related_share_counts_only_terms_said_otherwise() -> None:
    table = {"die": {"kill": 1.0}, "civilian": {"villager": 0.5}}
    idf = {"die": 2.0, "civilian": 2.0, "kelvaro": 4.0}
    assert related.related_share(idf, {"die", "civilian", "kelvaro"}, table) == 0.0  # repeats every word
    assert related.related_share(idf, {"harbour", "festival"}, table) == 0.0  # shares nothing
    assert related.related_share(idf, {"kill", "villager", "kelvaro"}, table) == pytest.approx((2.0 + 1.0) / 8.0)


def test_exact_wording_scores_as_before_and_paraphrase_gains() -> None:
    q = normalize.index_text(CLAIM)
    idf = dict.fromkeys(normalize.content_terms(q), 2.0)
    exact = ranking.features(q, idf, q, 1.0)
    assert exact.related == 0.0
    plain = ranking.Weights(related=0.0)
    assert exact.fused() == exact.fused(plain)
    para = ranking.features(q, idf, normalize.index_text(PARAPHRASE), 0.5)
    assert para.related > 0.1  # most of the claim said otherwise, in proportion to the words it shares
    assert para.fused() > para.fused(plain)


def _store(db: Database, fillers: int) -> None:
    # Many reports that share the claim's place, "army" and "raid" fill the full-text top; the one
    # report of the deaths uses other words for them, and shares only the place and the army.
    filler = " ".join(f"Kelvaro army raid bulletin {i} listed the opening hours of the district office."
                      for i in range(fillers))
    ingest_article(db, Article(title="Kelvaro bulletins", outlet="District Gazette", text=filler))
    ingest_article(db, Article(title="Kelvaro deaths", outlet="Hill Courier", text=PARAPHRASE))
    ingest_article(db, Article(title="Kelvaro football", outlet="Sports Daily",
                               text="The Kelvaro army football club opened a new stadium in the spring."))


def test_paraphrase_found_only_through_related_terms(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(db, fillers=30)
    hits = matching.search(db, CLAIM, limit=5, candidates=20)
    assert any("villagers" in h.text for h in hits)
    monkeypatch.setattr(matching, "EXPANSION_TERMS", 0)
    alone = matching.search(db, CLAIM, limit=50, candidates=20)
    assert alone and not any("villagers" in h.text for h in alone)


def test_paraphrase_ranks_above_a_statement_sharing_only_the_place(db: Database) -> None:
    _store(db, fillers=2)
    hits = matching.search(db, CLAIM, limit=10, per_article=None)
    order = [h.text for h in hits]
    para = next(k for k, t in enumerate(order) if "villagers" in t)
    football = next(k for k, t in enumerate(order) if "football" in t)
    assert para < football


def test_fts_candidates_require_one_of_the_story_terms(db: Database) -> None:
    from db import fts

    _store(db, fillers=2)
    with db.read() as s:
        both = fts.candidates(s, [_s("villagers"), _s("stadium")], require_any=["kelvaro"], limit=10)
        neither = fts.candidates(s, [_s("villagers")], require_any=["harbour"], limit=10)
        only_own = fts.candidates(s, ["kelvaro"], require_any=["kelvaro"], limit=10)
    assert len(both) == 2  # the deaths report and the football club, never a bulletin
    assert neither == [] and only_own == []
