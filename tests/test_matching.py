"""The search workflow end to end: ingest, search, stance, verdicts, bad input, CLI.
Runs on SQLite, and on PostgreSQL when CLAIMS_TEST_DATABASE_URL is set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims import search as matching
from claims.cli import main
from claims.ingest import ingest_article
from claims.review import set_verdict
from claims.text import ranking
from claims.text.extract import extract_statements
from claims.text.records import Article, FactCheck
from db import queries
from db.engine import Database

# Our own short articles (the seed article is read from ../shared, never copied).
ARTICLES = [
    Article(title="Drevna fire toll", outlet="Daily Ledger", text=(
        "The fire in Drevna killed 16 civilians, the regional governor said on Monday.\n\n"
        "Firefighters needed nine hours to contain the blaze near the old mill.")),
    Article(title="Drevna toll disputed", outlet="Northline Times", text=(
        "The army said the fire in Drevna killed 20 civilians.\n\n"
        "The governor denied that soldiers started the fire in Drevna.")),
    Article(title="Jobs report", outlet="Daily Ledger", text=(
        "Unemployment in Seravel decreased to 6 percent in April, the statistics office said.\n\n"
        "The harbour of Askaran is expanding its container terminal.")),
]


def _ingest(db: Database, *articles: Article) -> None:
    for a in articles:
        ingest_article(db, a)


def _statement_id(db: Database, fragment: str) -> int:
    with db.read() as s:
        from sqlalchemy import select

        from db.models import Statement
        ids = s.scalars(select(Statement.id).where(Statement.text.contains(fragment))).all()
    assert ids, fragment
    return ids[0]


def test_finds_paraphrase_first_with_fields(db: Database) -> None:
    _ingest(db, *ARTICLES)
    hits = matching.search(db, "How many civilians did the Drevna fire kill?")
    assert hits and "Drevna" in hits[0].text
    top = hits[0]
    assert 0 <= top.score <= 100
    assert top.source_title in {"Drevna fire toll", "Drevna toll disputed"}
    assert top.outlet in {"Daily Ledger", "Northline Times"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_number_and_denial_contradictions(db: Database) -> None:
    _ingest(db, *ARTICLES)
    hits = matching.search(db, "The fire in Drevna killed 16 civilians.")
    by_text = {h.text: h for h in hits}
    twenty = next(h for t, h in by_text.items() if "20 civilians" in t)
    assert twenty.stance == "contradicts"
    assert any("16 vs 20" in r for r in twenty.reasons)
    same = next(h for t, h in by_text.items() if "16 civilians" in t)
    assert same.stance == "supports" and same.score > twenty.score


def test_antonym_contradiction_and_stance_filter(db: Database) -> None:
    _ingest(db, *ARTICLES)
    hits = matching.search(db, "Unemployment in Seravel increased in April", stance="contradicts")
    assert hits and all(h.stance == "contradicts" for h in hits)
    assert "decreased" in hits[0].text
    assert any("antonyms" in r for r in hits[0].reasons)


def test_seed_article_stance(db: Database, seed_article: Path) -> None:
    _ingest(db, Article(title="Cambodia-US relations", outlet="The Post",
                        text=seed_article.read_text(encoding="utf-8")), *ARTICLES)
    hits = matching.search(db, "This is not a Chinese military base in Cambodia")
    presence = [h for h in hits if "Chinese military presence" in h.text]
    assert presence, [h.text for h in hits]
    assert presence[0].stance == "contradicts"
    assert any("negation on one side only" in r for r in presence[0].reasons)
    assert hits.index(presence[0]) < 5

    # the critic's and the ambassador's statements contradict each other
    # (statements are sentences now: the critic's whole quote, its context, is the query)
    critic = _statement_id(db, "detention of political prisoners and workers")
    ambassador = _statement_id(db, "convicted for the offences they committed")
    seed = seed_article.read_text(encoding="utf-8")
    stmt = next(st for st in extract_statements(Article(text=seed))
                if "detention of political prisoners and workers" in st.text)
    critic_text = seed[stmt.context_start:stmt.context_end]
    found = {h.statement_id: h for h in matching.search(db, critic_text, exclude_statement_id=critic)}
    assert critic not in found
    # Matching reads claim text now: the two share no word outside their attribution frames
    # ("Cambodia", "ambassador ... issued a May 5 statement"), so the search no longer proposes
    # the pair; compared, the ambassador's claim still contradicts the critic.
    with db.read() as s:
        from db.models import Statement
        ambassador_claim = s.get(Statement, ambassador).claim_text
    assert ambassador_claim.startswith("the trade unionists were convicted")
    assert matching.label(critic_text, ambassador_claim, 50.0).label == "contradicts"


def test_seed_claim_does_not_match_on_its_frame(db: Database, seed_article: Path) -> None:
    """Issue 13: the base denial is matched on its claim text, so the statements that share
    only its frame ("he said, in a May 7 social media post") are no match of it."""
    _ingest(db, Article(title="Cambodia-US relations", outlet="The Post",
                        text=seed_article.read_text(encoding="utf-8")), *ARTICLES)
    cid, sid, text = _claim_of(db, "This is not a Chinese military base in Cambodia")
    assert text == "This is not a Chinese military base in Cambodia"
    page = matching.matches_for_claim(db, cid, limit=50)
    assert page and page[0].stance == "contradicts"
    # nothing is matched on "May 7", "social media" or "said"
    assert not [r for h in page for r in h.reasons if "social" in r or "May" in r or "said" in r]
    # the farewell post ("Murphy took to social media on May 7 to announce ...") was matched on
    # that frame; on its claim text it stays below the match cache's floor (shares "Cambodia")
    farewell = _statement_id(db, "took to social media")
    assert all(h.score < 35 for h in page if h.statement_id == farewell)
    with db.read() as s:
        from db.models import Statement
        framed = s.get(Statement, sid)
        assert "social media" in framed.text and "social" not in framed.norm_text


def _claim_of(db: Database, fragment: str) -> tuple[int, int, str]:
    sid = _statement_id(db, fragment)
    with db.write() as s:
        if queries.claims.claim_for_statement(s, sid) is None:
            queries.claims.add_claims(s, [sid])
        from db.models import Statement
        return queries.claims.claim_for_statement(s, sid).id, sid, s.get(Statement, sid).claim_text


def test_seed_article_claim_page_and_search_agree(db: Database, seed_article: Path) -> None:
    """Issue 12: the claim page (matches_for_claim) and `claims search` give one label and
    reason per match; the base denial finds Ro Vannak's statement as a contradiction;
    the farewell post (it shares only the 'May 7 social media' frame) is no support."""
    _ingest(db, Article(title="Cambodia-US relations", outlet="The Post",
                        text=seed_article.read_text(encoding="utf-8")), *ARTICLES)
    cid, sid, text = _claim_of(db, "This is not a Chinese military base in Cambodia")
    page = {h.statement_id: h for h in matching.matches_for_claim(db, cid)}
    found = {h.statement_id: h for h in matching.search(db, text, exclude_statement_id=sid)}
    both = set(page) & set(found)
    assert len(both) >= 10
    assert {i: (page[i].stance, page[i].reasons) for i in both} == {i: (found[i].stance, found[i].reasons) for i in both}
    presence = _statement_id(db, "Chinese military presence in Cambodia")
    assert page[presence].stance == "contradicts"
    assert any('"not" in the claim, about "Chinese, military, base"' in r for r in page[presence].reasons)
    farewell = _statement_id(db, "took to social media")
    assert farewell not in page or page[farewell].stance != "supports"
    assert all(h.reasons for h in page.values())


def test_a_denied_claim_text_is_compared_as_a_denial_on_the_claim_page_in_search_and_the_cache(db: Database) -> None:
    """Issue 12: "Orlo denied that officers had used live rounds" keeps its denying verb in the
    claim text (a reviewer must not read the denied clause as Orlo's claim), so the doctors'
    account contradicts it, seen from either side. (A claim text stored without the verb, by
    earlier extraction, gets the cue back in the stance: tests/test_stance.py.)"""
    _ingest(db,
            Article(title="Garrow clashes", outlet="Wire One", text=(
                "Interior Minister Sabine Orlo denied that officers had used live rounds at the Garrow mine.")),
            Article(title="Garrow doctors", outlet="Garrow Daily", text=(
                "Hospital doctors said officers had used live rounds at the Garrow mine on Tuesday.")))
    cid, sid, text = _claim_of(db, "denied that officers")
    assert text == "denied that officers had used live rounds at the Garrow mine."  # not the denied clause alone
    doctors = _statement_id(db, "Hospital doctors said")
    page = {h.statement_id: h for h in matching.matches_for_claim(db, cid)}
    assert page[doctors].stance == "contradicts"
    assert any('"denied" in the claim' in r for r in page[doctors].reasons), page[doctors].reasons
    place = queries.search.claim_place  # the search given the claim's text and cue agrees with the page
    with db.read() as s:
        cue = place(s, cid, window=1, limit=1).cue
    found = {h.statement_id: h for h in matching.search(db, text, exclude_statement_id=sid, cue=cue)}
    assert (found[doctors].stance, found[doctors].reasons) == (page[doctors].stance, page[doctors].reasons)
    # from the doctors' side, the minister's statement contradicts too
    dcid, dsid, dtext = _claim_of(db, "Hospital doctors said")
    back = {h.statement_id: h for h in matching.matches_for_claim(db, dcid)}
    assert back[sid].stance == "contradicts" and back[sid].cue == "denied"


def test_matches_for_claim_excludes_itself_and_carries_verdict(db: Database) -> None:
    _ingest(db, *ARTICLES)
    a = _statement_id(db, "killed 16 civilians")
    b = _statement_id(db, "killed 20 civilians")
    with db.write() as s:
        queries.claims.add_claims(s, [i for i in (a, b) if queries.claims.claim_for_statement(s, i) is None])
        claim_a = queries.claims.claim_for_statement(s, a).id
        claim_b = queries.claims.claim_for_statement(s, b).id
    set_verdict(db, claim_b, verdict="False", rationale="Hospital records list 16.", reviewer="ana")
    hits = matching.matches_for_claim(db, claim_a)
    assert a not in [h.statement_id for h in hits]
    hit_b = next(h for h in hits if h.statement_id == b)
    assert hit_b.claim_id == claim_b
    assert hit_b.verdict == "False"
    # an unreviewed claim carries no verdict
    assert all(h.verdict is None for h in matching.matches_for_claim(db, claim_b))
    with pytest.raises(matching.ClaimNotFound):
        matching.matches_for_claim(db, 999_999)


def test_new_and_deleted_statements_are_found_and_gone(db: Database) -> None:
    _ingest(db, *ARTICLES)
    assert all("zeppelin" not in h.text for h in matching.search(db, "zeppelin hangar Askaran", limit=5))
    _ingest(db, Article(title="Zeppelins", text="A zeppelin hangar opened in Askaran."))
    hits = matching.search(db, "zeppelin hangar")
    assert hits and "zeppelin" in hits[0].text
    with db.write() as s:
        from sqlalchemy import delete

        from db.models import Source
        s.execute(delete(Source).where(Source.title == "Zeppelins"))
    assert all("zeppelin" not in h.text for h in matching.search(db, "zeppelin hangar Askaran"))


BAD_QUERIES = [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("the of and to is", "no searchable words"),
    ("?!... --- ,,,", "no searchable words"),
    ("\U0001F600\U0001F525", "no searchable words"),
]


@pytest.mark.parametrize("text,message", BAD_QUERIES)
def test_unsearchable_queries_raise_a_clear_message(db: Database, text: str, message: str) -> None:
    _ingest(db, *ARTICLES)
    with pytest.raises(matching.SearchError, match=message):
        matching.search(db, text)


ODD_QUERIES = [
    '"Drevna',
    'Drevna NEAR(civilians killed)',
    "Drevna* fire -civilians",
    "fire:Drevna OR AND NOT",
    "^Drevna {fire} (civilians)",
    "Drevna fire \U0001F525\U0001F525",
    "\u202eDrevna\u202c fire",
    "حريق في دريفنا Drevna",
    "שריפה Drevna",
    "Drevna fire " + "lorem ipsum dolor " * 6000,  # ~100 KB
]


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_odd_queries_give_ranked_hits(db: Database, text: str) -> None:
    _ingest(db, *ARTICLES)
    hits = matching.search(db, text, limit=5)
    assert hits and "Drevna" in hits[0].text


def test_right_to_left_only_query_is_searched_not_rejected(db: Database) -> None:
    _ingest(db, Article(title="ar", text="اندلع حريق كبير في المدينة القديمة."), *ARTICLES)
    hits = matching.search(db, "حريق كبير")
    assert hits and "حريق" in hits[0].text


@pytest.mark.parametrize("kwargs,message", [
    ({"stance": "agrees"}, "unknown stance"),
    ({"limit": 0}, "limit"),
])
def test_bad_options_fail_early(db: Database, kwargs: dict, message: str) -> None:
    with pytest.raises(matching.SearchError, match=message):
        matching.search(db, "Drevna fire", **kwargs)


def test_cli_search_jsonl_and_table(schema_url: str, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(db, *ARTICLES)
    assert main(["--db", schema_url, "search", "Drevna fire civilians", "--limit", "2", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2
    assert {"statement_id", "text", "speaker", "source_title", "score", "stance", "reasons", "verdict"} <= set(rows[0])
    assert main(["--db", schema_url, "search", "Unemployment increased", "--stance", "contradicts"]) == 0
    out = capsys.readouterr().out
    assert "contradicts" in out and "antonyms" in out
    assert main(["--db", schema_url, "search", "the of and"]) == 2
    assert "no searchable words" in capsys.readouterr().err
    assert main(["--db", schema_url, "matches", "424242"]) == 1
    assert "no claim with id 424242" in capsys.readouterr().err


SELECT_CASES = [
    # (document frequencies, expected terms): rarest first, within the posting budget
    ({"a": 5, "b": 50, "c": 500}, ["a", "b", "c"]),
    ({"rare": 10, "common": 30_000, "commoner": 90_000}, ["rare", "common"]),  # 2nd term within the hard cap
    ({"x": 15_000, "y": 30_000, "z": 31_000}, ["x"]),  # 2nd term would pass the hard cap
    ({"only": 500_000}, ["only"]),  # the rarest term always goes
    ({"gone": 0, "here": 3}, ["here"]),  # unknown terms cannot match anything
    ({}, []),
]


@pytest.mark.parametrize("dfs,expected", SELECT_CASES)
def test_select_terms_respects_the_posting_budget(dfs: dict, expected: list) -> None:
    assert ranking.select_terms(list(dfs), dfs, budget=20_000, hard_cap=40_000) == expected


def test_rerank_scores_are_0_to_100_and_exact_copy_wins() -> None:
    q = "the fir in drevna kill 16 civilian"
    idf = {"fir": 1.0, "drevna": 2.0, "kill": 1.0, "16": 2.0, "civilian": 1.5}
    ranked = ranking.rerank(q, idf, [(1, 3.0, "a harbour festival"), (2, 9.0, q), (3, 5.0, "drevna fir")])
    assert [r[0] for r in ranked][0] == 2
    assert all(0 <= r[1] <= 100 for r in ranked)
    assert ranked[0][1] == pytest.approx(100.0)


# The sample articles' designed contradictions: (claim fragment, match fragment, reason fragment).
SAMPLE_CONTRADICTIONS = [
    ("Unemployment has fallen to 5.2 percent, down", "rose to 5.8 percent", "antonyms"),
    ("City authorities evacuated 1,200", "about 800 residents were evacuated", "1,200"),
    ("Corvel Chemicals has never been found in breach", "inspectors found 14 safety violations", "found, breach"),
    ("was paid for entirely from the national budget.", "Askara had paid 30 million", "contradicting"),
]
# Matched on claim text, Varga's "the Ministry of Defence had signed a 25-year lease for Pier 4 ... and
# that more than 900 Askaran sailors were now in the port" and Reyk's "the memorandum ran for five
# years, not 25, ..." share 2 of 12 terms (their frames' "told parliament" / "parliament's" made it
# 3): below stance's topic overlap, so "related", not "contradicts". A known miss until stance
# weighs a negated shared number on its own (or the claim text splits at "and that").
SAMPLE_KNOWN_MISSES = [("signed a 25-year lease", "five years, not 25")]
# Loosely related statements with a cue ("not", "no", a number) that must not contradict.
SAMPLE_NOT_CONTRADICTIONS = [
    ("Unemployment has fallen to 5.2 percent, down", "3.2 percent growth"),
    ("Brenn said the names of the dead", "Our first thoughts are with the families"),
    ("Harbour Master Jonas Pell", "no information at all"),
    ("There is no lease, there is no secret agreement", "I have seen the lease"),
]


def _claim_id(db: Database, fragment: str) -> int:
    from sqlalchemy import select

    from db.models import Claim, Statement
    with db.read() as s:
        ids = s.scalars(select(Claim.id).join(Statement, Statement.id == Claim.statement_id)
                        .where(Statement.text.contains(fragment))).all()
    assert ids, fragment
    return ids[0]


def test_sample_data_designed_contradictions(loaded_db: Database) -> None:
    for claim, match, reason in SAMPLE_CONTRADICTIONS:
        hits = matching.matches_for_claim(loaded_db, _claim_id(loaded_db, claim), limit=20)
        found = [h for h in hits if match in h.text]
        assert found, (claim, match, [h.text for h in hits])
        assert found[0].stance == "contradicts", (claim, match, found[0].reasons)
        assert any(reason in r for r in found[0].reasons), found[0].reasons
    for claim, match in SAMPLE_KNOWN_MISSES:
        hits = matching.matches_for_claim(loaded_db, _claim_id(loaded_db, claim), limit=20)
        found = [h for h in hits if match in h.text]
        assert found and found[0].stance == "related", (claim, match, [(h.text, h.stance) for h in hits])
    # Searched as statements (not only claims): whether a sentence crosses the check-worthiness
    # threshold is another module's call, and the stance must hold either way.
    from sqlalchemy import select

    from db.models import Statement
    for claim, match in SAMPLE_NOT_CONTRADICTIONS:
        with loaded_db.read() as s:
            sid, text = s.execute(select(Statement.id, Statement.text).where(Statement.text.contains(claim))).first()
        hits = matching.search(loaded_db, text, limit=50, exclude_statement_id=sid)
        assert all(h.stance != "contradicts" for h in hits if match in h.text), (claim, match)
        # Searched on claim text, a pair that shared only its frames ("told the Harbour Herald")
        # is no longer proposed; the stance of the pair must hold all the same.
        with loaded_db.read() as s:
            other = s.scalar(select(Statement.claim_text).where(Statement.text.contains(match)))
        assert matching.label(text, other, 50.0).label != "contradicts", (claim, match)


def test_decimal_numbers_are_one_index_term(db: Database) -> None:
    """'5.2' is one term for the document frequencies and for the index alike,
    so a claim's figure helps find its repeats."""
    from claims.ingest import ingest_article
    from claims.text.records import Article
    from db import fts

    ingest_article(db, Article(text="Unemployment has fallen to 5.2 percent, the minister said.", title="a"))
    with db.read() as s:
        assert fts.doc_freqs(s, ["5.2"]) == {"5.2": 1}
        assert [i for i, _ in fts.candidates(s, ["5.2"])]


def test_scores_say_how_much_of_the_query_the_store_knows(db: Database) -> None:
    from claims.ingest import ingest_article
    from claims.text.records import Article

    ingest_article(db, Article(text="It is one of the largest employers in the town.", title="a"))
    ingest_article(db, Article(text="The plant employs 380 people in the town.", title="b"))
    junk = matching.search(db, "<script>alert(1)</script>")
    assert junk and junk[0].score < 40 and junk[0].stance != "supports"
    good = matching.search(db, "The plant employs 380 people")
    assert good[0].score > 80


# --- context: a claim's neighbours and speaker ------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    ("Donald Trump", "Donald Trump", True),
    ("President Donald Trump", "donald trump", True),
    ("Trump", "Donald Trump", True),
    ("Donald Trump", "Donald Trump Jr.", False),
    ("Eric Trump", "Donald Trump", False),
    ("Vera Lind", "Vera Lindqvist", False),
    ("", "Vera Lind", False),
    ("Sen.", "Vera Lind", False),
    ("Finance Minister Selina Korr", "Selina Korr", True),
    ("Donald J. Trump", "Donald Trump", True),
    ("Beto O'Rourke", "O’Rourke", True),
    ("Alexandria Ocasio-Cortez", "Ocasio-Cortez", True),
    ("Jr.", "Donald Trump Jr.", False),
    ("Donald Trump Jr.", "Trump Jr.", True),
    ("Ministry of Defence", "Ministry of Defence", True),
    ("Ministry of Defence", "Ministry of Health", False),
])
def test_same_person(a: str, b: str, same: bool) -> None:
    assert ranking.same_person(a, b) is same
    assert ranking.same_person(b, a) is same


def test_context_adds_to_the_key_not_to_the_shown_score() -> None:
    own = {1: 50.0, 2: 45.0, 3: 30.0}
    w = ranking.ContextWeights(neighbour=0.5, same_speaker=10.0)
    ranked = ranking.with_context(own, [{3: 80.0}], {2}, weights=w)
    assert [b.statement_id for b in ranked] == [3, 2, 1]  # 30+40, 45+10, 50
    by_id = {b.statement_id: b for b in ranked}
    assert by_id[3].score == 30.0 and by_id[3].key == 70.0 and by_id[3].neighbour == 40.0
    assert by_id[2].same_speaker and not by_id[1].same_speaker
    assert [b.moved_up for b in ranked] == [True, False, False]  # 2 kept its place
    # no context: the own order
    assert [b.statement_id for b in ranking.with_context(own, [], set())] == [1, 2, 3]


def test_context_reorders_checked_statements_only_among_their_places() -> None:
    """A lifted fact-check passes other fact-checks, never a news statement
    (2 here): the report that contradicts a claim keeps its place."""
    own = {1: 70.0, 2: 60.0, 3: 50.0, 4: 20.0}
    w = ranking.ContextWeights(neighbour=0.5, same_speaker=10.0)
    ranked = ranking.with_context(own, [{4: 100.0}], {4}, liftable={1, 3, 4}, weights=w)
    assert [b.statement_id for b in ranked] == [4, 2, 1, 3]
    assert [b.moved_up for b in ranked] == [True, False, False, False]
    assert ranked[0].score == 20.0  # still its own score


def _factcheck(text: str, claimant: str, rating: str = "False") -> Article:
    return Article(title=f"Fact-check: {claimant}", text=text, kind="factcheck",
                   factcheck=FactCheck(rating=rating, claimant=claimant))


FACTCHECKS = [
    # the same talking point, checked for two speakers
    _factcheck("Says harbour fees in Askaran doubled since the new port authority took over.", "Vera Lind"),
    _factcheck("Says the port authority doubled harbour fees in Askaran.", "Tomas Brenn"),
    # what a fragment of a speech is about only its neighbours say
    _factcheck("Says spending by the member states on the coastal guard is falling year after year.", "Ilse Dorn"),
    _factcheck("Says the new bridge over the Vell is going up faster than planned.", "Marta Kell"),
]


SPEAKER_QUERY = "Harbour fees in Askaran doubled under the port authority"


def _leader_and_underdog(db: Database) -> tuple[tuple[int, str], tuple[int, str]]:
    """Lind's and Brenn's checks of the same talking point, ordered by their own
    score for SPEAKER_QUERY (which one leads depends on the full-text ranking:
    SQLite's bm25 and PostgreSQL's ts_rank differ)."""
    checks = [(_statement_id(db, "new port authority"), "Vera Lind"),
              (_statement_id(db, "the port authority doubled"), "Tomas Brenn")]
    alone = {h.statement_id: h.score for h in matching.search(db, SPEAKER_QUERY)}
    assert alone[checks[0][0]] != alone[checks[1][0]]
    leader, underdog = sorted(checks, key=lambda c: -alone[c[0]])
    return leader, underdog


def test_speaker_ranks_their_own_factcheck_first(db: Database) -> None:
    _ingest(db, *FACTCHECKS)
    (leader, leader_name), (underdog, name) = _leader_and_underdog(db)
    alone = {h.statement_id: h.score for h in matching.search(db, SPEAKER_QUERY)}
    surname = name.split()[-1]
    for speaker in (name, name.lower(), surname, f"Mrs. {name}"):
        hits = matching.search(db, SPEAKER_QUERY, context=matching.ClaimContext(speaker=speaker))
        assert hits[0].statement_id == underdog, speaker
        assert hits[0].context == [f"same speaker ({name})"]
        # the score shown is the statement's own similarity, whatever the context
        assert hits[0].score == alone[underdog]
    # the leader's check is first anyway: nothing moved, nothing to explain
    hits = matching.search(db, SPEAKER_QUERY, context=matching.ClaimContext(speaker=leader_name))
    assert hits[0].statement_id == leader and hits[0].context == []


def test_neighbours_say_what_a_fragment_is_about(db: Database) -> None:
    _ingest(db, *FACTCHECKS)
    fragment = "And now the spending is going up very substantially."
    guard = _statement_id(db, "coastal guard")
    alone = matching.search(db, fragment, limit=5)
    assert alone[0].statement_id != guard  # the bridge "going up" wins on words alone
    ctx = matching.ClaimContext(neighbours=(
        (None, "The member states were spending less and less on the coastal guard."),
        (None, "Year after year the coastal guard got less money from the member states."),))
    hits = matching.search(db, fragment, limit=5, context=ctx)
    assert hits[0].statement_id == guard
    assert "also matches the claims around it" in hits[0].context


def test_claim_context_comes_from_the_store_and_lifts_only_other_sources(db: Database) -> None:
    _ingest(db, *FACTCHECKS, Article(title="Speech", outlet="Daily Ledger", text=(
        "Vera Lind said the port authority doubled harbour fees in Askaran.\n\n"
        "Lind said harbour fees in Askaran are the highest on the coast.")))
    claim_id = _claim_id(db, "Vera Lind said the port authority")
    lind, brenn = _statement_id(db, "new port authority"), _statement_id(db, "Says the port authority doubled")

    def order(hits: list[matching.Match]) -> list[int]:
        return [h.statement_id for h in hits]

    plain = matching.matches_for_claim(db, claim_id, limit=10, use_context=False)
    assert order(plain).index(brenn) < order(plain).index(lind) and all(not h.context for h in plain)
    hits = matching.matches_for_claim(db, claim_id, limit=10)
    # her own fact-check passes Brenn's, through the claim's speaker taken from the store
    assert order(hits).index(lind) < order(hits).index(brenn)
    assert "same speaker (Vera Lind)" in hits[order(hits).index(lind)].context
    # her next sentence in the same article is a match on its own merits, never lifted
    same_article = [h for h in hits if "highest on the coast" in h.text]
    assert same_article and all(not h.context for h in same_article)


def test_cli_search_with_speaker_and_context(db: Database, schema_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(db, *FACTCHECKS)
    _leader, (_underdog, name) = _leader_and_underdog(db)
    assert main(["--db", schema_url, "search", SPEAKER_QUERY,
                 "--speaker", name, "--format", "jsonl", "--limit", "2"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["speaker"] == name and first["context"] == [f"same speaker ({name})"]
    assert main(["--db", schema_url, "search", "And now the spending is going up very substantially.",
                 "--context", "spending on the coastal guard fell",
                 "--context", "the member states cut the coastal guard", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "coastal guard" in out and "ranked up: also matches the claims around it" in out


def test_context_never_lifts_unchecked_news(db: Database) -> None:
    """The context finds the earlier check of a claim; news statements are ranked
    on their own words, so a claim's neighbours and its speaker's other sentences
    cannot push a contradicting report out of view."""
    _ingest(db, Article(title="Rally", outlet="Daily Ledger", text=(
        "Vera Lind said harbour fees in Askaran are the highest on the coast.")))
    news = _statement_id(db, "highest on the coast")
    ctx = matching.ClaimContext(speaker="Vera Lind", neighbours=((None, "Lind said harbour fees are the highest."),))
    hits = matching.search(db, "Harbour fees in Askaran doubled", context=ctx)
    assert [h.statement_id for h in hits] == [news] and hits[0].context == []


def test_a_shared_memo_changes_no_result(loaded_db: Database) -> None:
    """The match refresh shares stage results between a source's claims; each
    claim's matches must be what it gets searched alone."""
    from sqlalchemy import select

    from db.models import Claim
    with loaded_db.read() as s:
        ids = s.scalars(select(Claim.id).order_by(Claim.id)).all()[:40]
    memo = matching.SearchMemo()
    shared = [matching.matches_for_claim(loaded_db, cid, memo=memo) for cid in ids]
    again = [matching.matches_for_claim(loaded_db, cid, memo=memo) for cid in ids]
    alone = [matching.matches_for_claim(loaded_db, cid) for cid in ids]
    assert shared == alone == again


def test_repeated_neighbours_count_once(db: Database) -> None:
    _ingest(db, *FACTCHECKS)
    fragment = "And now the spending is going up very substantially."
    once = matching.ClaimContext(neighbours=((None, "Spending on the coastal guard fell."),))
    twice = matching.ClaimContext(neighbours=((None, "Spending on the coastal guard fell."),
                                              (None, " Spending on the coastal guard fell. "),
                                              (None, fragment)))
    assert matching.search(db, fragment, context=once) == matching.search(db, fragment, context=twice)


def test_cli_matches_without_context_and_too_many_context_sentences(
        db: Database, schema_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(db, *FACTCHECKS, Article(title="Speech", outlet="Daily Ledger", text=(
        "Vera Lind said the port authority doubled harbour fees in Askaran.")))
    cid = _claim_id(db, "Vera Lind said the port authority")
    assert main(["--db", schema_url, "matches", str(cid), "--format", "jsonl"]) == 0
    with_ctx = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["--db", schema_url, "matches", str(cid), "--no-context", "--format", "jsonl"]) == 0
    alone = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(h["context"] for h in with_ctx) and not any(h["context"] for h in alone)
    assert main(["--db", schema_url, "search", "harbour fees", "--context", "a", "--context", "b",
                 "--context", "c"]) == 0
    assert "the first 2 (the nearest) are used" in capsys.readouterr().err


@pytest.mark.parametrize("who,speaker,kept", [
    ("Tal", "Aren Tal", True),
    ("tal", "Anne-Marie Tal", True),
    ("Aren  Tal", "Aren Tal", True),
    ("Tal", "Hospital spokesperson", False),
    ("Tal", "Talbot Reyes", False),
    ("Tal", None, False),
    ("", None, True),
])
def test_hit_filter_speaker_is_whole_words(who: str, speaker: str | None, kept: bool) -> None:
    from datetime import date

    from db.queries.search import CandidateRow
    row = CandidateRow(1, "t", speaker, None, 1, "src", "Outlet", None, None, None, date(2026, 5, 1))
    assert matching.HitFilter(speaker=who).keeps(row) is kept
    assert matching.HitFilter(speaker=who, outlet="Other").keeps(row) is False
    assert matching.HitFilter(date_from=date(2026, 5, 2)).keeps(row) is False


def test_one_long_article_does_not_fill_the_list(db: Database) -> None:
    """A long report on the same story, sentence after sentence close to the claim, comes
    once before the other outlets; its other sentences follow them, nothing is dropped."""
    long_report = Article(title="Kessel dam, day by day", outlet="Arnby Courier", text="\n\n".join(
        f"The Kessel dam cracked on {day} and the Kessel dam engineers inspected the crack on {day}."
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")))
    denial = Article(title="Dam authority", outlet="Valley Post", text=(
        "The dam authority denied that the Kessel dam cracked at all."))
    for a in (long_report, denial):
        ingest_article(db, a)
    query = "The Kessel dam cracked and engineers inspected the crack."
    hits = matching.search(db, query, limit=10)
    outlets = [h.outlet for h in hits]
    assert outlets[:2] == ["Arnby Courier", "Valley Post"], outlets
    assert outlets.count("Arnby Courier") == 6  # the report's other sentences are still listed
    plain = matching.search(db, query, limit=10, per_article=None)
    assert [h.outlet for h in plain][:6] == ["Arnby Courier"] * 6  # what the list was before
    # a fact-check corpus is a collection: its items are not folded as one article's
    b = [ranking.Boosted(i, score, score, 0.0, False) for i, score in ((1, 90.0), (2, 80.0), (3, 70.0), (4, 60.0))]
    assert matching.diversify(b, {1: 7, 3: 7}, 1) == [b[0], b[1], b[3], b[2]]  # 1 and 3 share article 7
    assert matching.diversify(b, {}, 1) == b  # none in an article (fact-checks)


def test_a_checked_match_carries_its_verdict_not_a_green_support(loaded_db: Database) -> None:
    """Issue 12: the imported fact-check of Korr's unemployment claim, rated "Mostly false",
    asserts the claim's words, so its text alone says "supports"; the check found it false, so
    the claim page and `claims search` both label it "contradicts" and say why, and it is no
    "repeat" (a verdict, not a reprint)."""
    cid = _claim_id(loaded_db, "Unemployment has fallen to 5.2 percent.")  # Korr, quoted
    page = matching.matches_for_claim(loaded_db, cid, limit=20)
    checked = [h for h in page if h.rated == "Mostly false"]
    assert checked, [(h.text, h.rated) for h in page]
    assert all(h.stance == "contradicts" for h in checked), [(h.text, h.stance) for h in checked]
    assert any('checked and rated "Mostly false": the check found it false' in r for r in checked[0].reasons)
    assert not any(r.startswith("asserts the same") for r in checked[0].reasons)
    found = {h.statement_id: h for h in matching.search(loaded_db, "Unemployment has fallen to 5.2 percent")}
    assert found[checked[0].statement_id].stance == "contradicts"
    groups = matching.group_matches(page, repeat_of="Unemployment has fallen to 5.2 percent")
    assert not any(g.repeat for g in groups if g.top.statement_id == checked[0].statement_id)
