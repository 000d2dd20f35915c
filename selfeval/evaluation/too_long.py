"""Text a user typed that an evaluation file cannot hold, refused before anything is saved.

The models would refuse it only when the file is next read, by every command; checked here
first, the session never claims a save that could not be read back.
"""

from __future__ import annotations

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import FREE_TEXT_LIMIT

__all__ = ["TextNotSaved", "refuse_too_long"]

_TOO_LONG = {
    "evidence": "the evidence (How do we know?)",
    "notes": "the notes (What are we going to do now?)",
    "why_not_applicable": "why it does not apply",
    "reason": "the reason",
}


def refuse_too_long(fields: dict[str, object]) -> None:
    """Refuse, before anything is saved, text longer than the file format holds (so a save is
    never claimed for a file every command would then refuse)."""
    for name, value in fields.items():
        if isinstance(value, str) and len(value) > FREE_TEXT_LIMIT:
            raise TextNotSaved(
                f"{_TOO_LONG.get(name, name)} is too long to save ({len(value):,} characters)",
                f"keep it under {FREE_TEXT_LIMIT:,} characters: put a long document in a file "
                "and say here where it is",
            )


class TextNotSaved(SelfevalError):
    """A change that cannot be saved as typed (e.g. longer than the file format allows)."""
