"""A facility's self-assessment: models, scope, scoring and the file store (plain Python, no Qt)."""
