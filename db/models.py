"""SQLAlchemy 2 typed models: the whole Claimdesk schema.

Portable SQL only. The one database-specific object (the full-text index over
statements) is created by db/fts.py, not here.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Statuses and kinds are plain strings (portable, readable in SQL); the allowed values are the
# desk's one vocabulary, a leaf module that imports nothing (the one thing db/ takes from claims/).
from claims.text.vocab import (  # noqa: F401
    ALL_CLAIM_STATUSES,
    CLAIM_STATUSES,
    DISMISSED,
    ROLES,
    SOURCE_KINDS,
    STANCES,
    STATEMENT_KINDS,
)


class Base(DeclarativeBase):
    pass


class Reviewer(Base):
    """An account: a person who reads or reviews, with a role (see vocab.PERMISSIONS).

    The table keeps its old name: history, evidence and claims point at it."""

    __tablename__ = "reviewers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), server_default="reviewer")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    # argon2 hash; None: cannot sign in with a password (OIDC only, or a name from before accounts).
    password_hash: Mapped[Optional[str]] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    # The identity provider's e-mail, for st.login (OIDC) sign-in.
    email: Mapped[Optional[str]] = mapped_column(String(300), unique=True)
    # Bumped by sign-out and disable: every session token carrying an older epoch is void.
    session_epoch: Mapped[int] = mapped_column(Integer, server_default="0")


class Draft(Base):
    """What a reviewer typed on a claim and has not saved yet (verdict, rationale, evidence notes)."""

    __tablename__ = "drafts"

    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    # "verdict", "rationale", or "note:<statement id>"
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Reservation(Base):
    """A claim held by the reviewer who opened it, until expires_at (UTC), so no one else reviews it too."""

    __tablename__ = "reservations"
    __table_args__ = (Index("ix_reservations_expires", "expires_at"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime] = mapped_column(DateTime)

    reviewer: Mapped["Reviewer"] = relationship()


class Source(Base):
    """One article (or one imported fact-check)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), server_default="article")
    title: Mapped[str] = mapped_column(String(1000), server_default="")
    outlet: Mapped[Optional[str]] = mapped_column(String(300))
    url: Mapped[Optional[str]] = mapped_column(String(2000))
    author: Mapped[Optional[str]] = mapped_column(String(500))
    published: Mapped[Optional[date]] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # sha256 of the normalised text: the same article ingested twice adds nothing.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[Optional[str]] = mapped_column(String(1000))
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    statements: Mapped[list["Statement"]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="Statement.seq"
    )
    speakers: Mapped[list["Speaker"]] = relationship(
        back_populates="source", cascade="all, delete-orphan"
    )


class Speaker(Base):
    """A person or institution quoted in one source, stored once per source."""

    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("source_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    title: Mapped[Optional[str]] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), server_default="person")

    source: Mapped[Source] = relationship(back_populates="speakers")


class Statement(Base):
    """A sentence or quote unit of a source: the pool claims are matched against."""

    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_source_seq", "source_id", "seq"),
        Index("ix_statements_speaker", "speaker_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)  # order within the source
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)  # char offsets into sources.text
    end: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer, server_default="0")
    kind: Mapped[str] = mapped_column(String(20), server_default="narration")
    speaker_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL")
    )
    cue: Mapped[Optional[str]] = mapped_column(String(100))
    stated_on: Mapped[Optional[date]] = mapped_column(Date)
    date_text: Mapped[Optional[str]] = mapped_column(String(200))
    checkworthy: Mapped[float] = mapped_column(Float, server_default="0")
    reasons: Mapped[Optional[str]] = mapped_column(Text)  # JSON list of strings
    # Reviewer's own decision (True: a claim, False: not a claim); training data.
    reviewer_label: Mapped[Optional[bool]] = mapped_column(Boolean)
    # The checkable part of the sentence without its attribution frame ('"X," he said on
    # May 7' -> 'X'), with exact offsets into sources.text like start/end; and the context it
    # was said in (the whole quote, or the sentence itself). NULL only in rows written by hand:
    # migration 0006 backfilled the older rows and every writer fills them.
    claim_text: Mapped[Optional[str]] = mapped_column(Text)
    claim_start: Mapped[Optional[int]] = mapped_column(Integer)
    claim_end: Mapped[Optional[int]] = mapped_column(Integer)
    context_start: Mapped[Optional[int]] = mapped_column(Integer)
    context_end: Mapped[Optional[int]] = mapped_column(Integer)
    # Normalised claim text: what the full-text index and the fuzzy re-ranker see.
    norm_text: Mapped[str] = mapped_column(Text, server_default="")

    source: Mapped[Source] = relationship(back_populates="statements")
    speaker: Mapped[Optional[Speaker]] = relationship()
    claim: Mapped[Optional["Claim"]] = relationship(back_populates="statement", uselist=False)


class Rating(Base):
    """One value of the desk's rating scale (stored, so a desk can edit it)."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    # A final verdict closes the claim and needs a rationale.
    final: Mapped[bool] = mapped_column(Boolean, server_default=true())
    # ClaimReview ratingValue (1 worst .. 5 best); None for "Unverifiable" and the like.
    score: Mapped[Optional[int]] = mapped_column(Integer)
    description: Mapped[Optional[str]] = mapped_column(Text)


class Claim(Base):
    """A statement promoted to the review queue."""

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_status", "status"),
        Index("ix_claims_rating", "rating_id"),
        Index("ix_claims_unmatched", "id", sqlite_where=text("matched_at IS NULL"), postgresql_where=text("matched_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20), server_default="unreviewed")
    rating_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ratings.id", ondelete="RESTRICT"))
    rationale: Mapped[Optional[str]] = mapped_column(Text)
    reviewer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("reviewers.id"))
    assigned_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("reviewers.id"))
    origin: Mapped[str] = mapped_column(String(20), server_default="auto")  # auto | reviewer
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    reviewed_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    # Optimistic locking: every write is UPDATE ... WHERE version = :seen.
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    # When its cached matches (claim_matches) were last written, in the same transaction;
    # NULL = queued for matching (shown as "matching..."), repaired by `claims rematch --missing`.
    matched_at: Mapped[Optional[datetime]] = mapped_column(DateTime)

    statement: Mapped[Statement] = relationship(back_populates="claim")
    rating: Mapped[Optional[Rating]] = relationship()
    reviewer: Mapped[Optional[Reviewer]] = relationship(foreign_keys=[reviewer_id])
    assigned_to: Mapped[Optional[Reviewer]] = relationship(foreign_keys=[assigned_to_id])
    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan"
    )
    history: Mapped[list["VerdictHistory"]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="VerdictHistory.id"
    )


class VerdictHistory(Base):
    """Append-only log: one row per change to a claim."""

    __tablename__ = "verdict_history"
    __table_args__ = (Index("ix_history_claim", "claim_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    # verdict | reuse | import | evidence | assign | promote | dismiss | relabel
    action: Mapped[str] = mapped_column(String(30))
    old_verdict: Mapped[Optional[str]] = mapped_column(String(100))
    new_verdict: Mapped[Optional[str]] = mapped_column(String(100))
    old_status: Mapped[Optional[str]] = mapped_column(String(20))
    new_status: Mapped[Optional[str]] = mapped_column(String(20))
    rationale: Mapped[Optional[str]] = mapped_column(Text)
    note: Mapped[Optional[str]] = mapped_column(Text)
    reviewer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("reviewers.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    claim: Mapped[Claim] = relationship(back_populates="history")
    reviewer: Mapped[Optional[Reviewer]] = relationship()


class Evidence(Base):
    """A link from a claim to a statement that supports, contradicts or relates to it."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("claim_id", "statement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    stance: Mapped[str] = mapped_column(String(20))
    note: Mapped[Optional[str]] = mapped_column(Text)
    score: Mapped[Optional[float]] = mapped_column(Float)
    reasons: Mapped[Optional[str]] = mapped_column(Text)  # JSON list
    reviewer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("reviewers.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    claim: Mapped[Claim] = relationship(back_populates="evidence")
    statement: Mapped[Statement] = relationship()
    reviewer: Mapped[Optional[Reviewer]] = relationship()


class ClaimMatch(Base):
    """Cached top matches of a claim (computed after ingest), so the queue can
    filter on "has contradictions" without searching 10,000 claims live."""

    __tablename__ = "claim_matches"
    __table_args__ = (
        Index("ix_claim_matches_stance", "stance", "claim_id"),
        # a verdict relabels the rows that list its statement (claims.match_cache.relabel_checked)
        Index("ix_claim_matches_statement", "statement_id"),
    )

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float)
    stance: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[Optional[str]] = mapped_column(Text)  # JSON list
    computed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Setting(Base):
    """Desk-wide settings (e.g. the check-worthiness threshold of the queue)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CheckworthyModel(Base):
    """A trained check-worthiness model (pickled scikit-learn pipeline)."""

    __tablename__ = "checkworthy_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    n_train: Mapped[int] = mapped_column(Integer)
    metrics: Mapped[Optional[str]] = mapped_column(Text)  # JSON
    blob: Mapped[bytes] = mapped_column(LargeBinary)
