"""The bounds of what an evaluation file may hold, in one place: the models enforce them, and a
first look at a saved evaluation (`selfeval.digest.glance`), taken before the models load,
checks the same numbers."""

__all__ = ["FREE_TEXT_LIMIT", "NAME_LIMIT", "STATEMENT_ID_LIMIT", "VIEW_KEY_LIMIT"]

NAME_LIMIT = 300
"""The most characters a name (of a setting, a person, a role) may have."""
STATEMENT_ID_LIMIT = 80
"""The most characters a statement's id may have."""
FREE_TEXT_LIMIT = 100_000
"""The most characters evidence, notes or a reason may hold: pages of text, not documents."""
VIEW_KEY_LIMIT = 620
"""The most characters the key of a colleague's view may have (role and name, joined)."""
