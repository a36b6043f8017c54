"""Pure text logic: text in, records out. Never imports db, sqlalchemy or streamlit."""
