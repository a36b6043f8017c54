"""Claimdesk's domain: text logic (pure) and the workflows that store and review claims."""
