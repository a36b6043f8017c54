"""The desk's one vocabulary: every status, stance, kind, role and sort order, and the
word lists several text modules share. Defined here once and imported everywhere
(db/models.py, the workflows, the CLI choices, the UI labels).

This module imports nothing, so even db/ may import it without learning any text logic.
Values are plain strings: portable, readable in SQL and in exported CSV.
"""
from __future__ import annotations

# --- claims ----------------------------------------------------------------------------
UNREVIEWED, IN_REVIEW, REVIEWED = "unreviewed", "in_review", "reviewed"
CLAIM_STATUSES: tuple[str, ...] = (UNREVIEWED, IN_REVIEW, REVIEWED)
# "Not a claim": off the queue, out of reports and exports, never deleted (its history and
# evidence are the desk's record). Listed only when asked for by name.
DISMISSED = "dismissed"
ALL_CLAIM_STATUSES: tuple[str, ...] = (*CLAIM_STATUSES, DISMISSED)

# --- statements and sources ---------------------------------------------------------------
DIRECT_QUOTE, INDIRECT_QUOTE, NARRATION = "direct_quote", "indirect_quote", "narration"
STATEMENT_KINDS: tuple[str, ...] = (DIRECT_QUOTE, INDIRECT_QUOTE, NARRATION)
ARTICLE, FACTCHECK = "article", "factcheck"
SOURCE_KINDS: tuple[str, ...] = (ARTICLE, FACTCHECK)

# --- stances: how a matched statement stands towards a claim -------------------------------
SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"
STANCES: tuple[str, ...] = (SUPPORTS, CONTRADICTS, RELATED)
# Display order: what a fact-checker needs first.
STANCE_ORDER: tuple[str, ...] = (CONTRADICTS, SUPPORTS, RELATED)
# Not a stance: the match list's section for the claim's own words elsewhere (reprints, repeats).
REPEAT = "repeat"

# --- people ---------------------------------------------------------------------------------
# Roles in rising order: each may do what the ones before it may, and more.
VIEWER, REVIEWER, EDITOR, ADMIN = "viewer", "reviewer", "editor", "admin"
ROLES: tuple[str, ...] = (VIEWER, REVIEWER, EDITOR, ADMIN)
ROLE_LABELS: dict[str, str] = {VIEWER: "Viewer", REVIEWER: "Reviewer", EDITOR: "Editor", ADMIN: "Admin"}

# What each action needs: the lowest role allowed to do it (claims/accounts.py enforces it in the
# workflows; the UI only greys out what would be refused). The words complete "cannot ...".
PERMISSIONS: dict[str, tuple[str, str]] = {
    "read": (VIEWER, "read the desk"),
    "export": (VIEWER, "export reports"),
    "verdict": (REVIEWER, "save verdicts"),
    "evidence": (REVIEWER, "attach evidence"),
    "claims": (REVIEWER, "change the queue (promote, dismiss, assign)"),
    "ingest": (REVIEWER, "add articles"),
    # A claim that already has a final verdict was published or is about to be: only an editor
    # changes it. A reviewer may still set the first final verdict of a claim.
    "final_verdict": (EDITOR, "change a final verdict"),
    "scale": (EDITOR, "edit the rating scale"),
    "settings": (EDITOR, "change the desk's settings"),
    "publish": (EDITOR, "publish ClaimReview"),
    "accounts": (ADMIN, "manage accounts"),
}

# --- the queue's sort orders (db/queries/claims.py maps each to its ORDER BY) --------------
SORT_LABELS: dict[str, str] = {
    "checkworthy": "Most check-worthy",
    "newest": "Newest",
    "oldest": "Oldest",
    "published": "Published (newest)",
    "updated": "Recently updated",
}
SORTS: tuple[str, ...] = tuple(SORT_LABELS)
DEFAULT_SORT = "checkworthy"

# --- history actions that record a verdict decision (reports count these) ------------------
VERDICT_ACTIONS: tuple[str, ...] = ("verdict", "reuse")

# --- words ----------------------------------------------------------------------------------
# Words that negate the clause they are in. "without" negates for retrieval (a stop word that
# flips meaning) but stance treats it apart, so it is listed on its own.
NEGATION_WORDS = frozenset("not no never none nobody nothing neither nor cannot".split())
NEGATIONS_FOR_SEARCH = NEGATION_WORDS | {"without"}
# The verbs of saying that name a sentence's speaker when several cues share it, and that
# frame a quote ending in "!" or "?" (segmenting and speakers both read them).
CORE_SPEECH_CUES: frozenset[str] = frozenset(
    "said says say told tells added adds wrote writes stated asked replied explained noted reported reports".split())
# Reporting verbs that deny what their clause reports ("Orlo denied that officers fired"):
# extraction keeps the verb in the claim text, stance reads it as a denial.
DENYING_VERBS = frozenset("""deny denied denies denying reject rejected rejects rejecting dismiss
    dismissed dismisses dismissing refute refuted refutes refuting rebut rebutted rebuts dispute
    disputed disputes disputing contradict contradicted contradicts debunk debunked debunks""".split())

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_NAMES: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December")
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
# Lower-case month and day names: a time, never a speaker or a content word.
CALENDAR_WORDS = frozenset(n.lower() for n in MONTH_NAMES + WEEKDAY_NAMES)


def speaker_label(name: str | None, title: str | None = None, *, unknown: str = "") -> str:
    """'Selina Korr (Finance Minister)': a speaker as every page, report and command shows one."""
    if not name:
        return unknown
    return f"{name} ({title})" if title else name
