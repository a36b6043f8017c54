"""`claims eval ...`: the product's own code run on public data, figures beside a baseline."""
