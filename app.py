"""Claimdesk's review desk: `streamlit run app.py [-- --db URL]`. A router only; pages live in ui/."""
import argparse
import os
import sys

import streamlit as st

from ui import auth, common
from ui.text import md_escape

# `streamlit run app.py -- --db URL` works as the CLI's --db; else $CLAIMS_DATABASE_URL,
# else claimdesk.db in the working folder.
_parser = argparse.ArgumentParser(prog="streamlit run app.py --", add_help=False)
_parser.add_argument("--db")
# (sys.argv is the script's own only under `streamlit run`; under AppTest it is pytest's.)
_args, _unknown = _parser.parse_known_args(sys.argv[1:] if sys.argv[0].endswith("app.py") else [])
if _args.db:
    os.environ["CLAIMS_DATABASE_URL"] = _args.db

st.set_page_config(page_title="Claimdesk", page_icon=":material/fact_check:", layout="wide")
if _unknown:
    st.error(f"Unknown arguments after `--`: {' '.join(_unknown)} (the only one is --db URL).")
common.init_state()
# Nobody reads or changes anything before signing in: the workflows check the role again.
try:
    account = auth.current()
except Exception as exc:  # noqa: BLE001 - a desk that cannot be read says why in one line
    st.error(md_escape(common.failure("The desk cannot be opened", exc)))
    st.stop()
auth.write_cookie()
st.session_state["account"] = account
pages = st.navigation(
    [
        st.Page("ui/queue_page.py", title="Queue", icon=":material/inbox:", url_path="queue", default=True),
        st.Page("ui/claim_page.py", title="Claim", icon=":material/gavel:", url_path="claim"),
        st.Page("ui/search_page.py", title="Search", icon=":material/search:", url_path="search"),
        st.Page("ui/sources_page.py", title="Sources", icon=":material/article:", url_path="sources"),
        st.Page("ui/report_page.py", title="Report", icon=":material/bar_chart:", url_path="report"),
        st.Page("ui/settings_page.py", title="Settings", icon=":material/settings:", url_path="settings"),
    ],
    # Before sign-in no page is listed, but the one in the URL is kept: a link to a claim opens
    # that claim once signed in.
    position="sidebar" if account else "hidden",
)
if account is None:
    auth.sign_in_page()
    st.stop()
# Which page the previous run drew: a page drawn afresh (arrived from another page, Back) reloads
# what it keeps outside the widgets (the claim page's drafts).
st.session_state["page_before"] = st.session_state.get("page_now")
st.session_state["page_now"] = pages.url_path
if pages.url_path != "claim":
    common.let_go_of_hold()  # left the claim page: its claim is free for colleagues again
common.sidebar()
try:
    pages.run()
except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback or SQL
    st.error(md_escape(common.failure("This page could not be shown", exc)))
finally:
    common.drop_flash()
