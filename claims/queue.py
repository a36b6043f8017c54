"""Queue workflow: pages of claims with filters, and everything one claim page shows."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping, Optional, Sequence

from claims.text.vocab import CLAIM_STATUSES, DEFAULT_SORT, SORTS
from db import queries
from db.engine import Database
from db.queries.claims import ClaimFilter

# Ids are 64-bit integers in both databases; a bigger number is no claim (not an overflow).
MAX_ID = 2**63 - 1


def _flag(raw: str) -> bool:
    if raw not in ("yes", "no"):
        raise ValueError(raw)
    return raw == "yes"


# A queue slice in a URL: query parameter, ClaimFilter field, how to read it, how to write it.
# So Back, a reload or a shared link shows the same slice (the UI keeps it in st.query_params).
FILTER_PARAMS: tuple[tuple[str, str, Callable[[str], Any], Callable[[Any], str]], ...] = (
    ("status", "status", str, str),
    ("verdict", "verdict", str, str),
    ("outlet", "outlet", str, str),
    ("assigned", "assigned_to", str, str),
    ("speaker", "speaker", str, str),
    ("text", "text", str, str),
    ("from", "date_from", date.fromisoformat, date.isoformat),
    ("to", "date_to", date.fromisoformat, date.isoformat),
    ("min_score", "min_checkworthy", float, lambda v: f"{v:g}"),
    ("contradicts", "has_contradictions", _flag, lambda v: "yes" if v else "no"),
    ("source", "source_id", int, str),
)


def filter_params(filters: ClaimFilter) -> dict[str, str]:
    """The filters as query parameters (only those set)."""
    out = {}
    for param, name, _, write in FILTER_PARAMS:
        value = getattr(filters, name)
        if value is not None and value != "":
            out[param] = write(value)
    return out


def filter_from_params(params: Mapping[str, Any]) -> ClaimFilter:
    """The filters named in query parameters; a value that does not read (a hand-edited
    link) is left out rather than failing the page."""
    values: dict[str, Any] = {}
    for param, name, read, _ in FILTER_PARAMS:
        raw = params.get(param)
        if raw in (None, ""):
            continue
        try:
            values[name] = read(str(raw))
        except ValueError:
            continue
    if values.get("status") not in (None, *CLAIM_STATUSES):
        values.pop("status")
    return ClaimFilter(**values)


def sort_from_params(params: Mapping[str, Any], default: str = "checkworthy") -> str:
    raw = params.get("sort")
    return raw if raw in SORTS else default


def describe(filters: ClaimFilter) -> str:
    """A slice in words, for "next in: unreviewed, speaker Korr"."""
    words = {"status": lambda v: v.replace("_", " "), "speaker": lambda v: f"speaker {v}",
             "verdict": lambda v: "no verdict" if v == "none" else f"verdict {v}", "outlet": lambda v: f"outlet {v}",
             "assigned_to": lambda v: "unassigned" if v == "none" else f"assigned to {v}",
             "text": lambda v: f"text “{v}”", "date_from": lambda v: f"from {v}", "date_to": lambda v: f"until {v}",
             "min_checkworthy": lambda v: f"check-worthiness ≥ {v:g}",
             "has_contradictions": lambda v: "contradicted" if v else "not contradicted",
             "source_id": lambda v: f"source {v}"}
    parts = [fmt(getattr(filters, name)) for name, fmt in words.items() if getattr(filters, name) not in (None, "")]
    return ", ".join(parts) or "the whole queue"


def unreviewed_left(db: Database, filters: ClaimFilter | None = None) -> int:
    """How many unreviewed claims the slice still holds."""
    f = ClaimFilter(**{**(filters or ClaimFilter()).__dict__, "status": "unreviewed"})
    with db.read() as s:
        return queries.claims.count_claims(s, f)


@dataclass
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    counts: dict[str, int] = field(default_factory=dict)  # per status, under the other filters
    page: int = 1
    per_page: int = 50

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_claims(
    db: Database, filters: ClaimFilter | None = None, *, sort: str = "checkworthy", page: int = 1, per_page: int = 50
) -> QueuePage:
    filters = filters or ClaimFilter()
    if page < 1 or not 1 <= per_page <= 1000:
        raise ValueError("page starts at 1 and per_page is 1..1000")
    with db.read() as s:
        rows = queries.claims.claim_rows(s, filters, sort=sort, limit=per_page, offset=(page - 1) * per_page)
        total = queries.claims.count_claims(s, filters)
        any_status = ClaimFilter(**{**filters.__dict__, "status": None})
        counts = {st: 0 for st in CLAIM_STATUSES} | queries.claims.status_counts(s, any_status)
    for r in rows:
        r["reasons"] = json.loads(r["reasons"]) if r.get("reasons") else []
        r["matching"] = r["matched_at"] is None  # queued: its cached matches are not written yet
    return QueuePage(rows, total, counts, page, per_page)


def next_unreviewed(
    db: Database,
    filters: ClaimFilter | None = None,
    *,
    assigned_to: Optional[str] = None,
    after_id: Optional[int] = None,
    skip: frozenset[int] | set[int] = frozenset(),
    sort: str = DEFAULT_SORT,
) -> Optional[int]:
    """The next unreviewed claim in the queue's order (`sort`, most check-worthy first by
    default) that comes after `after_id`, wrapping round to the top; within the queue's
    filters; passing over the claims in `skip` (those another reviewer holds: claims.reservations).

    With a reviewer, claims assigned to them come first, then unassigned ones.
    """
    base = filters or ClaimFilter()
    if sort != DEFAULT_SORT:
        return _next_in_order(db, base, sort, assigned_to=assigned_to, after_id=after_id, skip=skip)
    with db.read() as s:

        def position(cid: int) -> Optional[tuple[float, int]]:
            rows = queries.claims.claim_rows(s, ClaimFilter(claim_ids=[cid]), limit=1)
            return (rows[0]["checkworthy"], cid) if rows else None

        after = position(after_id) if after_id is not None else None
        for who in ([assigned_to, "none"] if assigned_to else [base.assigned_to]):
            f = ClaimFilter(**{**base.__dict__, "status": "unreviewed", "assigned_to": who})
            pos, wrapped = after, after is None
            for _ in range(len(skip) + 3):  # each pass steps over one skipped claim, or wraps once
                found = queries.claims.next_claim_id(s, f, after=pos)
                if found is None:
                    if wrapped:
                        break
                    pos, wrapped = None, True  # wrap round to the top
                    continue
                if found == after_id:
                    break  # round the whole slice: nothing else
                if found in skip:
                    pos = position(found)
                    continue
                return found
    return None


def missing_claims(db: Database, claim_ids: Sequence[int]) -> list[int]:
    """Those of `claim_ids` that are no claim of the desk (dismissed claims exist)."""
    wanted = sorted({c for c in claim_ids if 1 <= c <= MAX_ID})
    with db.read() as s:
        found = set(queries.claims.existing_claim_ids(s, wanted)) if wanted else set()
    return [c for c in dict.fromkeys(claim_ids) if c not in found]


def _next_in_order(db: Database, base: ClaimFilter, sort: str, *, assigned_to: Optional[str],
                   after_id: Optional[int], skip: frozenset[int] | set[int]) -> Optional[int]:
    """next_unreviewed for the sorts without a keyset: the slice's ids in that order (every
    status, so the claim just saved still marks the place), the first unreviewed one after it."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    with db.read() as s:
        for who in ([assigned_to, "none"] if assigned_to else [base.assigned_to]):
            rows = queries.claims.ordered_ids(s, ClaimFilter(**{**base.__dict__, "status": None, "assigned_to": who}),
                                              sort)
            at = next((i for i, (cid, _st) in enumerate(rows) if cid == after_id), -1)
            for cid, status in rows[at + 1:] + rows[:at + 1]:  # after it, then round from the top
                if status == "unreviewed" and cid != after_id and cid not in skip:
                    return cid
    return None


def claim_detail(db: Database, claim_id: int) -> Optional[dict[str, Any]]:
    """The claim with its speaker, source, the source paragraph (with offsets), evidence and history."""
    with db.read() as s:
        rows = queries.claims.claim_rows(s, ClaimFilter(claim_ids=[claim_id], include_dismissed=True), limit=1)
        if not rows:
            return None
        d = rows[0]
        d["reasons"] = json.loads(d["reasons"]) if d.get("reasons") else []
        d["matching"] = d["matched_at"] is None
        claim = queries.claims.get_claim(s, claim_id)
        assert claim is not None
        source_text = claim.statement.source.text
        # the paragraph(s) around the whole quote the claim sentence belongs to
        d["paragraph_text"], d["paragraph_start"] = paragraph_around(source_text, d["context_start"], d["context_end"])
        d["evidence"] = [dict(r._mapping) for r in queries.evidence.claim_evidence(s, claim_id)]
        d["history"] = [dict(r._mapping) for r in queries.history.claim_history(s, claim_id)]
        return d


def paragraph_around(text: str, start: int, end: int, around: int = 1) -> tuple[str, int]:
    """The paragraph(s) of `text` holding [start, end) with `around` paragraphs on each side
    (a claim is read in its context), and where that text begins."""
    cut = text.rfind("\n\n", 0, start)
    p_start = 0 if cut < 0 else cut + 2
    cut = text.find("\n\n", end)
    p_end = len(text) if cut < 0 else cut
    for _ in range(around):
        if p_start > 0:  # p_start - 2 is the break before this paragraph
            cut = text.rfind("\n\n", 0, p_start - 2)
            p_start = 0 if cut < 0 else cut + 2
        if p_end < len(text):  # p_end is the break after it
            cut = text.find("\n\n", p_end + 2)
            p_end = len(text) if cut < 0 else cut
    return text[p_start:p_end], p_start


def filter_options(db: Database) -> dict[str, list[str]]:
    """Values for the queue's and report's pickers."""
    with db.read() as s:
        return {
            "outlets": queries.sources.outlets(s),
            "speakers": queries.sources.speaker_names(s),
            "reviewers": queries.reviewers.reviewer_names(s),
            "verdicts": [r.label for r in queries.settings.ratings(s)],
        }
