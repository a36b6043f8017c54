"""Reads and writes, one module per entity: `queries.claims.get_claim(session, 12)`.

Every function takes a session first and never commits: the workflow that calls it owns the transaction."""
from db.queries import accounts, claims, evidence, history, matches, report, reviewers, search, settings, sources, training

__all__ = ["accounts", "claims", "evidence", "history", "matches", "report", "reviewers", "search", "settings", "sources", "training"]
