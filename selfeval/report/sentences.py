"""Joining text someone typed (or a framework's words) to a label or a sentence of the plan.

Text may end in a full stop, a question mark, an ellipsis or a closing quotation mark, or in
nothing at all; what the plan adds after it must read as one piece of punctuation, never
"…next steps.: Invite" or "…information. (very good)." Every such join in the plan goes
through these functions.
"""

from __future__ import annotations

__all__ = ["before_aside", "ends_sentence", "lead_in", "sentence"]

_STOPS = ".!?…"
_CLOSERS = "\"'”\u2019)]"
"""What may close a sentence after its full stop: “…said so.” (as we did.)"""


def ends_sentence(text: str) -> bool:
    """Whether *text* already ends a sentence (a full stop, ?, ! or …, perhaps inside quotation
    marks or brackets)."""
    return text.rstrip().rstrip(_CLOSERS)[-1:] in tuple(_STOPS)


def sentence(text: str) -> str:
    """*text* as a whole sentence: a full stop added only where it has no ending of its own."""
    text = text.rstrip()
    return text if not text or ends_sentence(text) else text + "."


def lead_in(text: str) -> str:
    """*text* introducing what follows it: "We plan STEM together:" for "We plan STEM
    together." and for "We plan STEM together"; a question or an exclamation keeps its own
    mark ("Do we plan STEM together?"), as "?:" reads as a mistake."""
    text = text.rstrip()
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1] + ":"
    return text if ends_sentence(text) else text + ":"


def before_aside(text: str) -> tuple[str, str]:
    """*text* split for a bracketed aside before its full stop: ("We weigh up evidence", ".")
    so that it reads "We weigh up evidence (very good)."; after a question, an ellipsis or a
    quotation the aside follows the text whole ("Is it fair? (very good)")."""
    text = text.rstrip()
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1], "."
    return text, "" if ends_sentence(text) else "."
