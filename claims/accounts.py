"""Accounts and roles: who may do what, enforced here for the CLI and the UI alike.

Roles rise viewer < reviewer < editor < admin; vocab.PERMISSIONS names the lowest role of each
action. Passwords are argon2 hashes (argon2-cffi). A signed-in browser holds a session token
signed with itsdangerous (see issue_token for why our own and not a sign-in library).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from claims.text.vocab import ADMIN, PERMISSIONS, ROLES
from db import queries
from db.engine import Database
from db.models import Reviewer

# A working day and a night: a reload the next morning still finds the desk signed in.
SESSION_MAX_AGE = timedelta(days=7)
# The first-admin link printed by `claims init` on a desk without an admin.
FIRST_ADMIN_MAX_AGE = timedelta(hours=24)
MIN_PASSWORD = 8
MAX_NAME = 200
_SECRET_KEY = "session_secret"
_FIRST_ADMIN_KEY = "first_admin_link"
_hasher = PasswordHasher()


class AccountError(ValueError):
    """An account action that cannot be done; the message says why (one line)."""


class PermissionDenied(AccountError):
    pass


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    active: bool
    has_password: bool
    email: Optional[str]

    def can(self, action: str) -> bool:
        return self.active and can(self.role, action)


def _account(r: Reviewer) -> Account:
    return Account(r.id, r.name, r.role, bool(r.active), r.password_hash is not None, r.email)


def can(role: str, action: str) -> bool:
    """Whether a role may do an action: its rank reaches the action's lowest role."""
    needed, _ = PERMISSIONS[action]
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def _now() -> datetime:
    # Naive UTC, as the database stores it.
    return datetime.now(timezone.utc).replace(tzinfo=None)


def check_name(name: Optional[str]) -> str:
    name = (name or "").strip()
    if not name:
        raise AccountError("a name is required")
    if len(name) > MAX_NAME:
        raise AccountError(f"a name is at most {MAX_NAME} characters")
    if any(ord(c) < 32 for c in name):
        raise AccountError("a name cannot contain control characters")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    return role


def _hash(password: Optional[str]) -> str:
    if password is None or len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


# ---------------------------------------------------------------- who may act


def authorize_in(session: Session, name: Optional[str], action: str) -> Reviewer:
    """The active account NAME, if its role allows ACTION; else PermissionDenied saying why."""
    name = (name or "").strip()
    if not name:
        raise PermissionDenied("name the acting account (--reviewer NAME, or sign in)")
    r = queries.accounts.by_name(session, name)
    if r is None:
        raise PermissionDenied(f"no account named {name!r} (an admin adds it: claims user add NAME --role reviewer --password-stdin)")
    if not r.active:
        raise PermissionDenied(f"the account {name!r} is disabled")
    if not can(r.role, action):
        needed, words = PERMISSIONS[action]
        raise PermissionDenied(f"{name} is a {r.role} and cannot {words}, which needs a role of {needed} or above")
    return r


def authorize(db: Database, name: Optional[str], action: str) -> Account:
    with db.read() as s:
        return _account(authorize_in(s, name, action))


def get(db: Database, name: str) -> Optional[Account]:
    with db.read() as s:
        r = queries.accounts.by_name(s, name)
        return _account(r) if r else None


def list_users(db: Database) -> list[Account]:
    with db.read() as s:
        return [_account(r) for r in queries.accounts.all_accounts(s)]


# ---------------------------------------------------------------- managing accounts


def add_user(db: Database, name: str, role: str, password: Optional[str], *, by: Optional[str],
             email: Optional[str] = None) -> Account:
    """Add an account. `by` must be an admin; a desk with no active admin yet takes its first
    admin without one (that is how `claims user add` starts a desk from the command line)."""
    name, role = check_name(name), check_role(role)
    email = (email or "").strip() or None
    if password is None and email is None:
        raise AccountError("give a password (--password-stdin) or an e-mail for sign-in through the identity provider")
    pw_hash = _hash(password) if password is not None else None
    with db.write() as s:
        if queries.accounts.count_active(s, ADMIN) == 0:
            if role != ADMIN:
                raise AccountError("this desk has no admin yet: add one first (--role admin)")
        else:
            authorize_in(s, by, "accounts")
        if queries.accounts.by_name(s, name) is not None:
            raise AccountError(f"an account named {name!r} already exists")
        if email and queries.accounts.by_email(s, email) is not None:
            raise AccountError(f"an account with the e-mail {email!r} already exists")
        r = queries.accounts.add(s, name, role, pw_hash, email)
        if r is None:  # taken, maybe by a creation of the same name a moment ago
            if queries.accounts.by_name(s, name) is not None:
                raise AccountError(f"an account named {name!r} already exists")
            raise AccountError(f"an account with the e-mail {email!r} already exists")
        return _account(r)


def _target(s: Session, name: str) -> Reviewer:
    r = queries.accounts.by_name(s, check_name(name))
    if r is None:
        raise AccountError(f"no account named {name!r}")
    return r


def _keep_an_admin(s: Session, r: Reviewer) -> None:
    if r.role == ADMIN and r.active and queries.accounts.count_active(s, ADMIN) == 1:
        raise AccountError(f"{r.name} is the last active admin; make another admin first")


def set_role(db: Database, name: str, role: str, *, by: Optional[str]) -> Account:
    role = check_role(role)
    with db.write() as s:
        authorize_in(s, by, "accounts")
        r = _target(s, name)
        if role != ADMIN:
            _keep_an_admin(s, r)
        r.role = role
        return _account(r)


def set_active(db: Database, name: str, active: bool, *, by: Optional[str]) -> Account:
    """Disable (or enable again) an account; disabling also ends its open sessions."""
    with db.write() as s:
        authorize_in(s, by, "accounts")
        r = _target(s, name)
        if not active:
            _keep_an_admin(s, r)
            _end_sessions(s, r)
        r.active = active
        return _account(r)


def set_password(db: Database, name: str, password: str, *, by: Optional[str]) -> Account:
    """Admins set anyone's password; everyone else only their own."""
    pw_hash = _hash(password)
    with db.write() as s:
        if (by or "").strip() != name:
            authorize_in(s, by, "accounts")
        else:
            authorize_in(s, by, "read")
        r = _target(s, name)
        r.password_hash = pw_hash
        _end_sessions(s, r)  # a new password signs out every other browser
        return _account(r)


# ---------------------------------------------------------------- signing in


def sign_in(db: Database, name: str, password: str) -> Account:
    """The account, when the name and password match an active account; else one vague error
    (it never says which of the two was wrong)."""
    with db.write() as s:
        r = queries.accounts.by_name(s, (name or "").strip())
        ok = False
        if r is not None and r.password_hash and r.active:
            try:
                ok = _hasher.verify(r.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                ok = False
        else:
            _hasher.hash(password or "x")  # same time either way: no hint that the name exists
        if not ok or r is None:
            raise AccountError("wrong name or password, or the account is disabled")
        if _hasher.check_needs_rehash(r.password_hash or ""):
            r.password_hash = _hasher.hash(password)
        return _account(r)


def sign_in_oidc(db: Database, email: Optional[str]) -> Account:
    """The active account whose e-mail the identity provider vouched for (st.login)."""
    if not email:
        raise AccountError("the identity provider gave no e-mail address")
    with db.read() as s:
        r = queries.accounts.by_email(s, email)
        if r is None or not r.active:
            raise AccountError(f"no active account for {email}; an admin adds it: claims user add NAME --email {email}")
        return _account(r)


_secrets: dict[str, str] = {}


def _secret(db: Database) -> str:
    """The key that signs session tokens. It lives in the database, so every server process of
    one desk (and a restart) accepts the same tokens; $CLAIMS_SESSION_SECRET overrides it where
    secrets are kept elsewhere. Read once per process and database."""
    env = os.environ.get("CLAIMS_SESSION_SECRET")
    if env:
        return env
    if db.url not in _secrets:
        with db.read() as s:
            secret = queries.settings.get_setting(s, _SECRET_KEY)
        if not secret:
            with db.write() as s:  # the first token ever: make the key (once; a racing process's wins)
                secret = queries.settings.get_setting(s, _SECRET_KEY) or secrets.token_urlsafe(32)
                queries.settings.set_setting(s, _SECRET_KEY, secret)
        _secrets[db.url] = secret
    return _secrets[db.url]


def _serializer(db: Database) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(db), salt="claimdesk-session")


def issue_token(db: Database, account_id: int) -> str:
    """A signed, timed token naming the account and its session epoch.

    Our own on top of itsdangerous rather than streamlit-authenticator: the accounts and roles
    must live in the desk's database (the CLI enforces the same roles), not in a YAML file, and
    signing a small payload is all a session needs. Bumping the epoch (sign-out, disable, new
    password) voids every token issued before."""
    serializer = _serializer(db)
    with db.read() as s:
        r = queries.accounts.by_id(s, account_id)
        if r is None:
            raise AccountError(f"no account with id {account_id}")
        return str(serializer.dumps({"a": r.id, "e": r.session_epoch}))


def account_from_token(db: Database, token: Optional[str], *, max_age: timedelta = SESSION_MAX_AGE) -> Optional[Account]:
    """The account a token signs in, or None (bad signature, expired, signed out, disabled)."""
    if not token:
        return None
    try:
        data = _serializer(db).loads(token, max_age=int(max_age.total_seconds()))
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    with db.read() as s:
        r = queries.accounts.by_id(s, data["a"])
        if r is None or not r.active or r.session_epoch != data.get("e"):
            return None
        return _account(r)


def _end_sessions(s: Session, r: Reviewer) -> None:
    """Void every token issued to the account so far, and let go of the claims it held: a
    claim left open in a browser that is signed out is no one's any more."""
    r.session_epoch += 1
    queries.accounts.release_all(s, r.id)


def sign_out(db: Database, account_id: int) -> None:
    """End the account's sessions: every token issued before is void (all its browsers)."""
    with db.write() as s:
        r = queries.accounts.by_id(s, account_id)
        if r is not None:
            _end_sessions(s, r)


# ---------------------------------------------------------------- the first admin


def needs_first_admin(db: Database) -> bool:
    with db.read() as s:
        return queries.accounts.count_active(s, ADMIN) == 0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def first_admin_link(db: Database, base_url: str) -> Optional[str]:
    """On a desk with no active admin: a new one-time link that lets its opener create the
    admin account (as Datasette's --root does). Never a default password. None once an admin exists."""
    token = secrets.token_urlsafe(24)
    with db.write() as s:
        if queries.accounts.count_active(s, ADMIN) > 0:
            return None
        # Only the digest is stored: reading the database does not give the link.
        queries.settings.set_setting(s, _FIRST_ADMIN_KEY, f"{_now().isoformat()} {_digest(token)}")
    return f"{base_url.rstrip('/')}/?first_admin={token}"


def first_admin_token_valid(db: Database, token: Optional[str]) -> bool:
    with db.read() as s:
        return _first_admin_ok(s, token)


def _first_admin_ok(s: Session, token: Optional[str]) -> bool:
    stored = queries.settings.get_setting(s, _FIRST_ADMIN_KEY)
    if not token or not stored or queries.accounts.count_active(s, ADMIN) > 0:
        return False
    made, digest = stored.split(" ", 1)
    if _now() - datetime.fromisoformat(made) > FIRST_ADMIN_MAX_AGE:
        return False
    return hmac.compare_digest(digest, _digest(token))


def create_first_admin(db: Database, token: Optional[str], name: str, password: str) -> Account:
    """Redeem the one-time link: create the admin and void the link."""
    name, pw_hash = check_name(name), _hash(password)
    with db.write() as s:
        if not _first_admin_ok(s, token):
            raise AccountError("this sign-in link is used, expired or wrong; run `claims init` for a new one")
        if queries.accounts.by_name(s, name) is not None:
            r = queries.accounts.by_name(s, name)
            assert r is not None
            r.role, r.active, r.password_hash = ADMIN, True, pw_hash
        else:
            r = queries.accounts.add(s, name, ADMIN, pw_hash)
            if r is None:  # created meanwhile by another redemption: the link is spent
                raise AccountError("this sign-in link is used, expired or wrong; run `claims init` for a new one")
        queries.settings.set_setting(s, _FIRST_ADMIN_KEY, "")
        return _account(r)
