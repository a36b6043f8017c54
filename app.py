"""Claimdesk's review desk: `streamlit run app.py`. A router only; pages live in ui/."""
import streamlit as st

from ui import common

st.set_page_config(page_title="Claimdesk", page_icon=":material/fact_check:", layout="wide")
common.init_state()
pages = st.navigation(
    [
        st.Page("ui/queue_page.py", title="Queue", icon=":material/inbox:", url_path="queue", default=True),
        st.Page("ui/claim_page.py", title="Claim", icon=":material/gavel:", url_path="claim"),
        st.Page("ui/search_page.py", title="Search", icon=":material/search:", url_path="search"),
        st.Page("ui/sources_page.py", title="Sources", icon=":material/article:", url_path="sources"),
        st.Page("ui/report_page.py", title="Report", icon=":material/bar_chart:", url_path="report"),
        st.Page("ui/settings_page.py", title="Settings", icon=":material/settings:", url_path="settings"),
    ]
)
common.sidebar()
pages.run()
