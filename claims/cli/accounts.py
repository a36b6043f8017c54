"""Accounts: `claims user add|list|set-role|disable|enable|password`.

Every change names the acting admin with --reviewer; a desk without an admin takes its first
admin without one. Passwords come on standard input (--password-stdin), never on the command
line where `ps` and the shell history would keep them."""
from __future__ import annotations

import argparse
import sys

from claims import accounts
from claims.cli.common import call, command, fail, open_db
from claims.text.vocab import ROLES


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    user = command(sub, "user", "manage accounts and their roles (viewer, reviewer, editor, admin)",
                   "printf '%s\\n' \"$PW\" | claims user add ana --role reviewer --password-stdin --reviewer admin")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION")
    user.set_defaults(func=lambda a: _missing(user))

    p = command(user_sub, "add", "add an account",
                "printf '%s\\n' \"$PW\" | claims user add ana --role reviewer --password-stdin --reviewer admin")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of standard input")
    p.add_argument("--email", help="sign-in through the identity provider (st.login) with this e-mail")
    p.add_argument("--reviewer", help="the acting admin (not needed for a desk's first admin)")
    p.set_defaults(func=cmd_add)

    p = command(user_sub, "list", "list the accounts", "claims user list")
    p.set_defaults(func=cmd_list)

    p = command(user_sub, "set-role", "change an account's role", "claims user set-role ana editor --reviewer admin")
    p.add_argument("name")
    p.add_argument("role", choices=ROLES)
    p.add_argument("--reviewer", required=True, help="the acting admin")
    p.set_defaults(func=cmd_set_role)

    for name, active, words in (("disable", False, "disable an account (signs it out everywhere)"),
                                ("enable", True, "enable a disabled account")):
        p = command(user_sub, name, words, f"claims user {name} ana --reviewer admin")
        p.add_argument("name")
        p.add_argument("--reviewer", required=True, help="the acting admin")
        p.set_defaults(func=cmd_active, active=active)

    p = command(user_sub, "password", "set an account's password (admins: anyone's; others: their own)",
                "printf '%s\\n' \"$PW\" | claims user password ana --password-stdin --reviewer ana")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", required=True)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_password)


def _missing(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _password(args: argparse.Namespace) -> str | None:
    if not args.password_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise fail("no password on standard input")
    return line


def cmd_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    a = call(accounts.AccountError, accounts.add_user, db, args.name, args.role, _password(args),
             by=args.reviewer, email=args.email)
    print(f"added {a.name} ({a.role})")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    users = accounts.list_users(db)
    if not users:
        print("no accounts yet: `claims init` prints a link that creates the first admin")
    for a in users:
        how = ", ".join(w for w, on in (("password", a.has_password), (f"e-mail {a.email}", bool(a.email))) if on) or "no sign-in"
        print(f"{a.name:<20} {a.role:<9} {'active' if a.active else 'disabled':<9} {how}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    db = open_db(args)
    a = call(accounts.AccountError, accounts.set_role, db, args.name, args.role, by=args.reviewer)
    print(f"{a.name} is now {a.role}")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    db = open_db(args)
    a = call(accounts.AccountError, accounts.set_active, db, args.name, args.active, by=args.reviewer)
    print(f"{a.name} is {'enabled' if a.active else 'disabled'}")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    db = open_db(args)
    password = _password(args)
    a = call(accounts.AccountError, accounts.set_password, db, args.name, password or "", by=args.reviewer)
    print(f"password of {a.name} changed (its other sessions are signed out)")
    return 0
