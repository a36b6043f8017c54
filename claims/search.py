"""Search workflow: find the statements that repeat, support or contradict a text.

Two stages: the full-text index (db.fts) proposes candidates from the query's
rarer terms, then claims.text.ranking re-scores them with fuzzy scores fused with the
full-text score, and claims.text.stance labels each hit with its reasons. This
module only wires the stages to the database; the scoring is pure.
"""
from __future__ import annotations

import re
import time
import weakref
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from claims.text import normalize, ranking, related
from claims.text import stance as stance_mod
from claims.text.vocab import CONTRADICTS, STANCE_ORDER, STANCES
from db import fts, queries
from db.engine import Database

# Re-ranked candidates. 100 and 200 give the same MAP@5 (and Recall@50 within 0.001) on the
# train and dev splits of all three CheckThat! sets (the fused top 50 always
# lies within the full-text top 100), and 100 halves the re-ranking and the
# norm_text fetch (~1.5 ms of ~30 ms at 100k statements).
CANDIDATES = 100
# Only the first characters of a query are used: a pasted article is not a
# claim, and fuzzy scores grow with length.  20,000 characters is ~3,000 words.
MAX_QUERY_CHARS = 20_000
# From this score a reviewed claim's verdict is shown with the match, ready to reuse.
VERDICT_THRESHOLD = 60.0
# Found when worded differently: up to EXPANSION_TERMS related stems of the query's terms
# (claims.text.related, "killed" for "died") are searched too, in statements that also hold one of
# the query's own candidate terms (the same story), and up to EXPANSION_CANDIDATES statements found
# only that way join the re-ranking, their full-text score discounted by EXPANSION_DISCOUNT: a
# related word is weaker evidence than the claim's own. 0 terms: the words alone.
EXPANSION_TERMS = 8
EXPANSION_CANDIDATES = 30
EXPANSION_DISCOUNT = 0.5
# How many statements of one news article a match list shows before the other articles' best.
PER_ARTICLE = 1
# Nearby claims used as context, nearest first: each costs one more candidate
# stage (~15-30 ms at 1M statements). On CheckThat! 2021-2b, 2 and 4 give the
# same MAP@5 (train 0.560 / 0.558, dev 0.465 / 0.465).
MAX_NEIGHBOURS = 2
# How far (in statements of the source) a neighbour may be.
NEIGHBOUR_WINDOW = 10
# A neighbour's matches that count: its full-text top 30 (of the CANDIDATES its
# search re-ranks, so a batch can share it as that claim's own search). 30 beats
# 100 on 2021-2b train and dev alike (MAP@5 0.560 / 0.557, 0.465 / 0.461).
NEIGHBOUR_CANDIDATES = 30
# Below this own score the context lifts nothing: a fact-check that shares only the
# story with a claim is noise on its page. 0, 10 and 15 are within 0.001 MAP@5 on
# 2021-2b train (dev 0.465 / 0.465 / 0.462); 10 drops the weakest lifts on the
# sample data at no cost there.
LIFT_FLOOR = 10.0


class _DfCache:
    """Document frequencies of common terms, per database.

    fts5vocab counts a term's documents by reading its whole posting list, so
    the frequency of a term in 100k statements costs ~10 ms, for every query
    that contains it. Frequent terms are the ones queries share, and their
    frequency barely moves with a few inserts or deletes, so they are cached
    (exact counts for rare terms are cheap and always read afresh). The cache
    is dropped when the store grows or shrinks by more than 5% or after
    10 minutes; it only feeds term selection and IDF, never which statements
    exist.
    """

    MIN_DF = 1_000
    MAX_AGE_S = 600.0
    DRIFT = 0.05

    def __init__(self) -> None:
        self.n_docs = 0
        self.born = 0.0
        self.dfs: dict[str, int] = {}

    def lookup(self, session: Session, terms: list[str], n_docs: int) -> dict[str, int]:
        now = time.monotonic()
        if (abs(n_docs - self.n_docs) > self.DRIFT * max(self.n_docs, 1)
                or now - self.born > self.MAX_AGE_S):
            self.n_docs, self.born, self.dfs = n_docs, now, {}
        missing = [t for t in terms if t not in self.dfs]
        fresh = fts.doc_freqs(session, missing) if missing else {}
        if len(self.dfs) < 200_000:
            self.dfs.update((t, df) for t, df in fresh.items() if df >= self.MIN_DF)
        return {t: self.dfs[t] if t in self.dfs else fresh.get(t, 0) for t in terms}


_DF_CACHES: "weakref.WeakKeyDictionary[Database, _DfCache]" = weakref.WeakKeyDictionary()


def _df_cache(db: Database) -> _DfCache:
    cache = _DF_CACHES.get(db)
    if cache is None:
        cache = _DF_CACHES[db] = _DfCache()
    return cache


class SearchError(ValueError):
    """A query that cannot be searched, with the reason."""


class ClaimNotFound(SearchError):
    pass


@dataclass
class Match:
    statement_id: int
    text: str
    speaker: Optional[str]
    speaker_title: Optional[str]
    source_id: int
    source_title: str
    outlet: Optional[str]
    score: float  # 0-100
    stance: str  # supports | contradicts | related
    reasons: list[str] = field(default_factory=list)
    claim_id: Optional[int] = None
    verdict: Optional[str] = None  # rating label of a reviewed claim scoring >= VERDICT_THRESHOLD
    # Why the context placed it above where its own score would ("same speaker").
    context: list[str] = field(default_factory=list)
    # The rating of a checked match (a fact-check, a reviewed claim) at any score;
    # `verdict` is the same rating only when the match is close enough to reuse.
    rated: Optional[str] = None
    published: Optional[date] = None  # the source's publication date
    # The match's sentence without its attribution frame: what was compared with the query.
    claim_text: str = ""
    cue: Optional[str] = None  # its reporting cue: "denied" reverses what claim_text says

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        return out


@dataclass(frozen=True)
class HitFilter:
    """Which hits a search keeps, applied before the limit (so 20 asked are 20 shown when
    that many pass): the speaker's name has `speaker` as whole words, the outlet is `outlet`, the
    source was published between `date_from` and `date_to` (inclusive)."""
    speaker: Optional[str] = None
    outlet: Optional[str] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None

    def __bool__(self) -> bool:
        return any(v not in (None, "") for v in (self.speaker, self.outlet, self.date_from, self.date_to))

    def keeps(self, row: queries.search.CandidateRow) -> bool:
        who = " ".join((self.speaker or "").split())
        # whole words of the name, as the queue's speaker filter: "Tal" is not "Hospital"
        if who and not re.search(rf"(?<!\w){re.escape(who)}(?!\w)", row.speaker or "", re.I):
            return False
        if self.outlet and row.outlet != self.outlet:
            return False
        if (self.date_from or self.date_to) and row.published is None:
            return False
        if self.date_from and row.published is not None and row.published < self.date_from:
            return False
        return not (self.date_to and row.published is not None and row.published > self.date_to)


@dataclass(frozen=True)
class ClaimContext:
    """What the desk knows about a claim beyond its words.

    neighbours: (statement id or None, text) of the claims near it in its source,
    nearest first; a neighbour's own statement is never its match.
    speaker: who said it, compared by name with the candidates' speakers.
    source_id: the claim's own source (its statements are never lifted).
    The context lifts only checked statements: see _ranked.
    """

    neighbours: tuple[tuple[Optional[int], str], ...] = ()
    speaker: Optional[str] = None
    source_id: Optional[int] = None

    def __bool__(self) -> bool:
        return bool(self.neighbours or (self.speaker and self.speaker.strip()))


def prepare_query(text: str) -> tuple[str, list[str]]:
    """(normalised query, content terms); SearchError if nothing is searchable."""
    if not isinstance(text, str):
        raise SearchError(f"the query must be text, not {type(text).__name__}")
    if not text.strip():
        raise SearchError("the query is empty")
    norm = normalize.index_text(text[:MAX_QUERY_CHARS])
    terms = normalize.content_terms(norm)
    if not terms:
        raise SearchError(
            "the query has no searchable words (only stop words, punctuation or symbols)"
        )
    return norm, terms


def candidate_stage(
    db: Database, terms: list[str], *, candidates: int = CANDIDATES,
    exclude_statement_id: Optional[int] = None,
) -> tuple[dict[str, float], list[tuple[int, float, str]], float]:
    """Stage one: (IDF of the query's known terms, full-text hits as (id, score, norm_text),
    the share of the query's weight that the store knows at all)."""
    with db.read() as session:
        n_docs = fts.doc_count(session)
        cache = _df_cache(db)
        dfs = cache.lookup(session, terms[: fts.MAX_TERMS], n_docs)
        chosen = ranking.select_terms(terms, dfs)
        hits = fts.candidates(session, chosen, limit=candidates + 1)
        if exclude_statement_id is not None:
            hits = [h for h in hits if h[0] != exclude_statement_id]
        hits = hits[:candidates]
        if EXPANSION_TERMS and chosen and hits:
            hits += _expanded(session, cache, terms, dfs, chosen, hits, n_docs, exclude_statement_id)
        norms = queries.search.norm_texts(session, [h[0] for h in hits])
    q_idf = {t: ranking.idf(df, n_docs) for t, df in dfs.items() if df > 0}
    known = ranking.known_share(q_idf, [t for t in terms[: fts.MAX_TERMS] if not dfs.get(t)], n_docs)
    return q_idf, [(i, bm, norms[i]) for i, bm in hits if i in norms], known


def _expanded(session: Session, cache: _DfCache, terms: list[str], dfs: dict[str, int], chosen: list[str],
              hits: list[tuple[int, float]], n_docs: int, exclude: Optional[int]) -> list[tuple[int, float]]:
    """Statements that say the query's story with related terms, not among its own hits."""
    weights = {t: ranking.idf(dfs[t], n_docs) for t in terms[: fts.MAX_TERMS] if dfs.get(t)}
    extra = related.expansions(list(weights), weights, limit=EXPANSION_TERMS)
    if not extra:
        return []
    extra = ranking.select_terms(extra, cache.lookup(session, extra, n_docs))
    if not extra:
        return []
    have = {i for i, _ in hits} | {exclude}
    found = fts.candidates(session, extra, require_any=chosen,
                           limit=len(hits) + EXPANSION_CANDIDATES + 1)
    best = max(bm for _, bm in hits)
    new = [(i, EXPANSION_DISCOUNT * min(bm, best)) for i, bm in found if i not in have]
    return new[:EXPANSION_CANDIDATES]


_Scored = tuple[str, dict[str, float], float, list[tuple[int, float, str]], dict[int, float]]


class SearchMemo:
    """Stage results shared by the searches of one batch (a match refresh): a
    claim's own search is its neighbours' context search, so a source's claims
    cost one candidate stage each, not 1 + MAX_NEIGHBOURS. Only for a batch that does not
    change statements while it runs."""

    MAX = 5_000

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], _Scored] = {}

    def get(self, key: tuple[object, ...]) -> Optional[_Scored]:
        hit = self._found.get(key)
        if hit is None:
            return None
        norm, q_idf, known, hits, scores = hit
        return norm, q_idf, known, hits, dict(scores)  # callers change the score dict

    def put(self, key: tuple[object, ...], value: _Scored) -> None:
        if len(self._found) >= self.MAX:
            self._found.clear()
        self._found[key] = value


def _scored(
    db: Database, text: str, *, candidates: int, exclude_statement_id: Optional[int],
    weights: ranking.Weights, memo: Optional[SearchMemo] = None,
) -> _Scored:
    """One text through both stages: (norm, IDF, known share, hits, id -> score 0-100)."""
    key = (text, exclude_statement_id, candidates, weights)
    if memo is not None and (found := memo.get(key)) is not None:
        return found
    norm, terms = prepare_query(text)
    q_idf, hits, known = candidate_stage(db, terms, candidates=candidates,
                                         exclude_statement_id=exclude_statement_id)
    # The fused score is relative to the query's best candidate; scaling it by how
    # much of the query the store knows at all keeps "<script>alert(1)</script>"
    # from scoring 86 on a sentence that merely says "one". Same order, honest figure.
    scores = {i: s * known for i, s, _f in ranking.rerank(norm, q_idf, hits, weights=weights)}
    if memo is not None:
        memo.put(key, (norm, q_idf, known, hits, dict(scores)))
    return norm, q_idf, known, hits, scores


def _ranked(
    db: Database, text: str, *, candidates: int, exclude_statement_id: Optional[int],
    weights: ranking.Weights, context: Optional[ClaimContext],
    context_weights: ranking.ContextWeights, memo: Optional[SearchMemo] = None,
) -> list[ranking.Boosted]:
    norm, q_idf, known, _hits, own = _scored(
        db, text, candidates=candidates, exclude_statement_id=exclude_statement_id, weights=weights,
        memo=memo)
    if not context:
        return ranking.with_context(own, [], set())
    neighbour_scores: list[dict[int, float]] = []
    found_by_neighbours: dict[int, str] = {}  # id -> norm_text of candidates the claim missed
    # The same sentence twice (or the claim itself) counts once.
    seen = {text.strip()}
    unique = []
    for sid, ntext in context.neighbours:
        if ntext.strip() not in seen:
            seen.add(ntext.strip())
            unique.append((sid, ntext))
    for sid, ntext in unique[:MAX_NEIGHBOURS]:
        try:
            _n, _i, _k, n_hits, scores = _scored(
                db, ntext, candidates=candidates, exclude_statement_id=sid, weights=weights, memo=memo)
        except SearchError:
            continue  # a neighbour of only stop words says nothing
        n_hits = n_hits[:NEIGHBOUR_CANDIDATES]  # full-text order, best first
        scores = {i: scores[i] for i, _bm, _n in n_hits if i in scores}
        if exclude_statement_id is not None:
            scores.pop(exclude_statement_id, None)  # the claim is not its own match
        neighbour_scores.append(scores)
        found_by_neighbours.update((i, cn) for i, _bm, cn in n_hits if i not in own and i in scores)
    # The context lifts only checked statements (published fact-checks, claims the
    # desk has reviewed) of other sources: it helps find the earlier check of a
    # claim. Unchecked news around it is ranked on its own words, or a claim's
    # neighbours (same story) and its speaker's other sentences would push the
    # contradicting report out of view.
    with db.read() as session:
        origin = queries.search.checked_origins(session, [*own, *found_by_neighbours])
    liftable = {i for i, o in origin.items() if o.source_id != context.source_id}
    # A checked statement only the neighbours found still gets an honest own
    # score: its fuzzy similarity to the claim (no full-text score: the claim's
    # own search did not rank it).
    for i, cand_norm in found_by_neighbours.items():
        if i in liftable:
            score = ranking.features(norm, q_idf, cand_norm, 0.0).fused(weights) * known
            if score >= LIFT_FLOOR:
                own[i] = score
    liftable = {i for i in liftable if own.get(i, 0.0) >= LIFT_FLOOR}
    speaker = (context.speaker or "").strip()
    same = {i for i in liftable
            if speaker and origin[i].speaker and ranking.same_person(origin[i].speaker or "", speaker)}
    return ranking.with_context(own, neighbour_scores, same, liftable=liftable, weights=context_weights)


def label(text: str, match_text: str, score: float, *, rated: Optional[str] = None,
          rating_score: Optional[int] = None, cue: Optional[str] = None,
          match_cue: Optional[str] = None) -> stance_mod.Stance:
    """The stance of a match towards a searched text: the one place the claim page,
    `claims search`, `claims matches` and the match cache get their labels from.
    `rated`: the match's verdict when it was checked (a fact-check, a reviewed claim).
    `cue`, `match_cue`: the reporting cues of the two claim texts ("denied" reverses one)."""
    text = stance_mod.asserted(text[:MAX_QUERY_CHARS], cue)
    match_text = stance_mod.asserted(match_text, match_cue)
    st = stance_mod.stance(text, match_text, similarity=score)
    return stance_mod.checked(st, rated, rating_score, claim=text, match=match_text) if rated else st


def search(
    db: Database,
    text: str,
    *,
    limit: int = 20,
    stance: Optional[str] = None,
    exclude_statement_id: Optional[int] = None,
    candidates: int = CANDIDATES,
    weights: ranking.Weights = ranking.DEFAULT_WEIGHTS,
    context: Optional[ClaimContext] = None,
    context_weights: ranking.ContextWeights = ranking.DEFAULT_CONTEXT_WEIGHTS,
    memo: Optional[SearchMemo] = None,
    hits: HitFilter = HitFilter(),
    min_score: Optional[float] = None,
    per_article: Optional[int] = PER_ARTICLE,
    cue: Optional[str] = None,
) -> list[Match]:
    """Statements matching `text`, best first, each with a stance and its reasons.

    `per_article` statements of one news article at most come before every other article's
    best (see diversify); None keeps the plain score order.

    `hits` keeps only statements by a speaker, in an outlet, or published in a date range;
    the CLI and the UI pass the same filter, so both mean the same by it.
    `min_score` drops the matches scoring below it from the `limit` shown, before their
    stance is computed (the match cache's floor: the same list as filtering afterwards).

    With a context (the claim's neighbours in its source, its speaker) the order
    also weighs what the context says; each match's score stays its own
    similarity to `text`, and `Match.context` says what moved it.

    `cue` is the reporting cue of a claim's text ("denied"), for its stance: see label.
    """
    if stance is not None and stance not in STANCES:
        raise SearchError(f"unknown stance {stance!r}; expected one of {', '.join(STANCES)}")
    if limit <= 0:
        raise SearchError("limit must be a positive number")
    ranked = _ranked(db, text, candidates=candidates, exclude_statement_id=exclude_statement_id,
                     weights=weights, context=context, context_weights=context_weights, memo=memo)
    # Display rows only for what can be shown: the top `limit`, or all when
    # a stance or hit filter may skip some.
    if min_score is not None:  # the floor first, so `limit` counts only what passes it
        ranked = [b for b in ranked if round(b.score, 1) >= min_score]
    if per_article:
        with db.read() as session:
            article = queries.search.article_of(session, [b.statement_id for b in ranked])
        ranked = diversify(ranked, article, per_article)
    shown = ranked if stance is not None or hits else ranked[:limit]
    with db.read() as session:
        rows = queries.search.candidate_rows(session, [b.statement_id for b in shown])
    out: list[Match] = []
    for b in shown:
        row = rows.get(b.statement_id)
        if row is None or not hits.keeps(row):  # deleted between the two reads, or filtered out
            continue
        st = label(text, row.claim_text, b.score, rated=row.rated, rating_score=row.rating_score,
                   cue=cue, match_cue=row.cue)
        if stance is not None and st.label != stance:
            continue
        why = []
        if b.moved_up:
            if b.same_speaker:
                why.append(f"same speaker ({row.speaker})")
            if b.neighbour > 0:
                why.append("also matches the claims around it")
        out.append(Match(
            statement_id=b.statement_id, text=row.text, claim_text=row.claim_text, speaker=row.speaker,
            speaker_title=row.speaker_title, source_id=row.source_id,
            source_title=row.source_title, outlet=row.outlet, score=round(b.score, 1),
            stance=st.label, reasons=st.reasons, claim_id=row.claim_id,
            verdict=row.rated if b.score >= VERDICT_THRESHOLD else None,
            context=why, rated=row.rated, published=row.published, cue=row.cue,
        ))
        if len(out) >= limit:
            break
    return out


def diversify(ranked: list[ranking.Boosted], article: dict[int, int], per_article: int) -> list[ranking.Boosted]:
    """The ranking with each article's statements past its best `per_article` moved behind
    every other article's best (order otherwise kept). A long article on the same story, or
    the claim's own, would otherwise fill the list with its sentences and push the other
    outlets, where a contradiction is found, out of view: on FNC-1 dev, the share of related
    headline-body pairs with the body in the top 10 rises from 0.81 to 0.89 with one per article.
    Statements outside articles (fact-check corpora) each stand alone."""
    seen: dict[int, int] = {}
    first: list[ranking.Boosted] = []
    later: list[ranking.Boosted] = []
    for b in ranked:
        src = article.get(b.statement_id)
        if src is not None:
            seen[src] = seen.get(src, 0) + 1
            if seen[src] > per_article:
                later.append(b)
                continue
        first.append(b)
    return first + later


def matches_for_claim(db: Database, claim_id: int, limit: int = 20, *,
                      stance: Optional[str] = None, use_context: bool = True,
                      memo: Optional[SearchMemo] = None, min_score: Optional[float] = None) -> list[Match]:
    """Matches of a claim's statement, without the statement itself, ranked with
    its context: its speaker and the other claims near it in its source."""
    return claim_and_matches(db, claim_id, limit, stance=stance, use_context=use_context,
                             memo=memo, min_score=min_score)[1]


def claim_and_matches(db: Database, claim_id: int, limit: int = 20, *,
                      stance: Optional[str] = None, use_context: bool = True,
                      memo: Optional[SearchMemo] = None, min_score: Optional[float] = None,
                      ) -> tuple[queries.search.ClaimPlace, list[Match]]:
    """The claim's statement (as read for the search) and its matches (see matches_for_claim)."""
    with db.read() as session:
        place = queries.search.claim_place(session, claim_id, window=NEIGHBOUR_WINDOW, limit=MAX_NEIGHBOURS)
    if place is None:
        raise ClaimNotFound(f"no claim with id {claim_id}")
    context = None
    if use_context:
        context = ClaimContext(neighbours=tuple(place.neighbours), speaker=place.speaker, source_id=place.source_id)
    return place, search(db, place.text, limit=limit, stance=stance, exclude_statement_id=place.statement_id,
                         context=context, memo=memo, min_score=min_score, cue=place.cue)


# --- a match list a reviewer can read ----------------------------------------------------

# Two statements are one entry (a reprint, a wire copy) from this rapidfuzz ratio
# of their normalised texts: reprints differ by a dateline or an outlet's name.
NEAR_IDENTICAL = 90.0
_STANCE_RANK = {s: i for i, s in enumerate(STANCE_ORDER)}


@dataclass
class MatchGroup:
    """One entry of a match list: the best-scoring statement and its near-identical copies."""

    top: Match
    copies: list[Match] = field(default_factory=list)
    own: bool = False  # from the claim's own article
    # The claim's own words elsewhere (a reprint, a wire copy, the speaker repeating it): the same
    # statement, not independent support; the claim page shows these as repeats.
    repeat: bool = False

    @property
    def count(self) -> int:
        return 1 + len(self.copies)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(m.outlet or m.source_title for m in (self.top, *self.copies)))


def group_matches(matches: list[Match], *, own_source_id: Optional[int] = None,
                  near_identical: float = NEAR_IDENTICAL, by_stance: bool = True,
                  repeat_of: Optional[str] = None) -> list[MatchGroup]:
    """Matches as a reviewer reads them: near-identical statements folded into one entry
    with a count and their outlets; other sources first, then (by_stance) contradictions,
    supports, related, each by score; the claim's own article last (own=True).
    Without by_stance the entries keep the order given (a search's ranking, which its
    context may have changed), each led by its best-ranked statement. An entry whose claim
    text is near-identical to `repeat_of` (the claim's) and that does not contradict it is
    marked a repeat."""
    groups: list[MatchGroup] = []
    keys: list[str] = []
    for m in (sorted(matches, key=lambda m: -m.score) if by_stance else matches):
        key = normalize.index_text(m.text)
        own = own_source_id is not None and m.source_id == own_source_id
        for g, k in zip(groups, keys):
            if g.own == own and g.top.stance == m.stance and fuzz.ratio(key, k) >= near_identical:
                g.copies.append(m)
                break
        else:
            groups.append(MatchGroup(m, own=own))
            keys.append(key)
    if repeat_of:
        mine = normalize.index_text(repeat_of)
        for g in groups:
            # a checked one (a fact-check of the claim) is a verdict, not a reprint
            g.repeat = (not g.own and g.top.stance != CONTRADICTS and not g.top.rated
                        and fuzz.ratio(mine, normalize.index_text(g.top.claim_text or g.top.text)) >= near_identical)
    if not by_stance:
        return sorted(groups, key=lambda g: g.own)  # stable: the given order within each part

    def order(g: MatchGroup) -> tuple[bool, int, float]:
        return g.own, _STANCE_RANK.get(g.top.stance, len(STANCE_ORDER)), -g.top.score

    return sorted(groups, key=order)
