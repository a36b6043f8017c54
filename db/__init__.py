"""Storage: typed models, engine and sessions, query functions. No text logic, no UI."""
