"""Desk settings: the check-worthiness threshold from which ingested statements join the queue,
where the desk is served (claim links in reports) and how the newsroom publishes ClaimReview.
(The rating scale is the review workflow's: claims.review.)"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy.orm import Session

from claims import accounts
from claims.text.export import CLAIM_ID_FIELD, fact_check_url, http_url
from claims.text.extract import DEFAULT_THRESHOLD
from db import queries
from db.engine import Database

THRESHOLD_KEY = "checkworthy_threshold"
DESK_URL_KEY = "desk_url"
NEWSROOM_KEY = "newsroom_name"
NEWSROOM_URL_KEY = "newsroom_url"
FACT_CHECK_URL_KEY = "fact_check_url"
MAX_NAME = 200
MAX_URL = 1000


class SettingsError(ValueError):
    """A setting refused; the message says why."""


def threshold(session: Session) -> float:
    """The threshold inside a transaction the caller holds (ingest reads it with the write)."""
    value = queries.settings.get_setting(session, THRESHOLD_KEY)
    return float(value) if value is not None else DEFAULT_THRESHOLD


def get_threshold(db: Database) -> float:
    with db.read() as s:
        return threshold(s)


def set_threshold(db: Database, value: float, *, reviewer: str) -> float:
    """Check-worthiness from which ingested statements join the queue (0..1); an editor's to set."""
    accounts.authorize(db, reviewer, "settings")
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"the threshold is a score from 0 to 1, not {value}")
    with db.write() as s:
        queries.settings.set_setting(s, THRESHOLD_KEY, f"{value:.3f}")
    return value


@dataclass(frozen=True)
class Publishing:
    """Where the desk is served and who publishes its fact-checks ("" = not set)."""

    desk_url: str = ""  # the UI's address: reports link to {desk_url}/claim?id=N
    newsroom: str = ""  # ClaimReview author (an Organization)
    newsroom_url: str = ""
    fact_check_url: str = ""  # the published fact-check of a claim, with {claim_id}

    def missing(self) -> list[str]:
        """What ClaimReview still needs, as `claims settings` options."""
        return [opt for opt, value in (("--newsroom", self.newsroom), ("--fact-check-url", self.fact_check_url))
                if not value]


_PUBLISHING_KEYS = {"desk_url": DESK_URL_KEY, "newsroom": NEWSROOM_KEY, "newsroom_url": NEWSROOM_URL_KEY,
                    "fact_check_url": FACT_CHECK_URL_KEY}


def publishing_in(session: Session) -> Publishing:
    return Publishing(**{f: queries.settings.get_setting(session, k) or "" for f, k in _PUBLISHING_KEYS.items()})


def publishing(db: Database) -> Publishing:
    with db.read() as s:
        return publishing_in(s)


def _checked(field: str, value: str) -> str:
    value = value.strip()
    if not value:
        return ""  # clears the setting
    if field == "newsroom":
        if len(value) > MAX_NAME:
            raise SettingsError(f"the newsroom's name is at most {MAX_NAME} characters")
        return " ".join(value.split())
    if len(value) > MAX_URL:
        raise SettingsError(f"a URL is at most {MAX_URL} characters")
    if field == "fact_check_url":
        if CLAIM_ID_FIELD not in value:
            raise SettingsError(f"the fact-check URL pattern needs {CLAIM_ID_FIELD} where the claim's id goes, "
                                f"e.g. https://news.example/fact-checks/{CLAIM_ID_FIELD}")
        if fact_check_url(value, 1) is None:
            raise SettingsError(f"the fact-check URL pattern must be an http(s) URL, not {value!r}")
        return value
    if http_url(value) is None:
        raise SettingsError(f"{field.replace('_', ' ')} must be an http(s) URL, not {value!r}")
    return value.rstrip("/") if field == "desk_url" else value


def set_publishing(db: Database, *, reviewer: str, **values: Optional[str]) -> Publishing:
    """Set the given publishing settings (None: unchanged, "": cleared); an editor's to set.
    Every value is checked before any is written."""
    unknown = set(values) - set(_PUBLISHING_KEYS)
    if unknown:
        raise SettingsError(f"unknown setting {sorted(unknown)[0]!r}")
    checked = {f: _checked(f, v) for f, v in values.items() if v is not None}
    accounts.authorize(db, reviewer, "settings")
    with db.write() as s:
        for field, value in checked.items():
            if value:
                queries.settings.set_setting(s, _PUBLISHING_KEYS[field], value)
            else:
                queries.settings.delete_setting(s, _PUBLISHING_KEYS[field])
        return publishing_in(s)


def remember_desk_url(db: Database, url: str) -> Optional[str]:
    """`claims init --url`: where the desk is served, kept for claim links unless one is set
    already (an editor's `claims settings --desk-url` is not undone by the next `make run`).
    Returns the desk URL in force."""
    with db.write() as s:
        current = queries.settings.get_setting(s, DESK_URL_KEY)
        if current:
            return current
        try:
            value = _checked("desk_url", url)
        except SettingsError:
            return None
        if value:
            queries.settings.set_setting(s, DESK_URL_KEY, value)
        return value or None
