"""Whether the authority validated the submissions a comparison counts, as the brief and the
JSON say it: counts of settings, never a list of names (the brief names no setting by level,
and says nothing here that the CSV's `validated` column does not say per setting)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from selfeval.authority.validation import FEEDBACK_GIVEN, NOT_YET, VALIDATED, VALIDATION_WORDS
from selfeval.compare.records import SELF, Record

__all__ = ["validated_json", "validated_lines"]


def _counts(records: Sequence[Record]) -> Counter[str]:
    return Counter(r.validated for r in records if r.kind == SELF and r.validated)


def validated_lines(records: Sequence[Record]) -> list[str]:
    """The brief's line on validation (none where no counted evaluation was handed in)."""
    counts = _counts(records)
    handed_in = sum(counts.values())
    if not handed_in:
        return []
    settings = sum(1 for r in records if r.kind == SELF)
    return [
        f"Handed in to the authority: {handed_in} of the {settings} settings counted; validated "
        f"by the authority: yes {counts[VALIDATED]}, feedback given but not validated "
        f"{counts[FEEDBACK_GIVEN]}, no feedback yet {counts[NOT_YET]}.",
        "",
    ]


def validated_json(records: Sequence[Record]) -> dict[str, int] | None:
    """The settings counted whose submission was validated, given feedback, or neither."""
    counts = _counts(records)
    return {word: counts[word] for word in VALIDATION_WORDS} if counts else None
