"""Streamlit pages of the review desk (widgets and display only; the work is in claims/)."""
