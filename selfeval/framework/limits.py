"""The bounds of a rating scale's values, in one place: the models enforce them, and a first
look at a saved evaluation (`selfeval.digest.glance`), taken before the models load, checks
the same numbers."""

__all__ = ["HIGHEST_VALUE", "LOWEST_VALUE"]

LOWEST_VALUE = 1
"""The lowest value any scale may have: the key a user presses for its lowest level."""
HIGHEST_VALUE = 20
"""The highest value any scale may have (a framework's own scale says its real top)."""
