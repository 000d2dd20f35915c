"""Whether an inbox folder looks like the wrong one for a setting to hand in to: it holds
another setting's hand-ins, or folders of hand-ins (the inbox's top folder, where each
setting has a folder of its own). Said before handing in, never refused: the authority may
keep one folder for all."""

from __future__ import annotations

import os
import re
from pathlib import Path

from selfeval.authority.submission import submission_base
from selfeval.evaluation.model import Evaluation
from selfeval.files.submitted import submission_version

__all__ = ["folder_doubt"]

LOOKED_AT = 200
"""The most subfolders looked into (a top folder of a whole authority has many)."""

SETTING_WORDS = frozenset(
    {
        *("school", "schools", "primary", "academy", "high", "secondary", "grammar"),
        *("nursery", "centre", "center", "elc", "elcc", "early", "years", "family"),
        *("learning", "community", "college", "infant", "infants", "playgroup"),
        *("kindergarten", "children", "childrens", "campus", "rc", "st", "saint"),
        *("the", "of", "and"),
    }
)
"""Words a setting's name is made of besides its own name ("Ardlea Primary School"): a
folder's name with one of these looks like a setting's, and they never make two names one."""


def folder_doubt(evaluation: Evaluation, inbox: Path) -> str | None:
    """Why *inbox* may be the wrong folder for *evaluation*'s hand-in, in a sentence, or
    None. Reads only the folder's names (and those of its subfolders), never a file."""
    try:
        with os.scandir(inbox) as found:
            entries = list(found)
    except OSError:
        return None  # the hand-in itself says why it cannot be written
    setting = submission_base(evaluation).split(".", 1)[0]
    others = sorted(
        {
            e.name.split(".", 1)[0]
            for e in entries
            if e.is_file() and submission_version(Path(e.name)) is not None
        }
        - {setting}
    )
    if others:
        named = ", ".join(others[:3]) + (" and others" if len(others) > 3 else "")
        return (
            f"this folder already holds another setting's hand-ins ({named}): it may be "
            "another setting's folder, or the inbox's top folder"
        )
    holding = [e.name for e in entries[:LOOKED_AT] if e.is_dir() and _has_hand_ins(e.path)]
    if holding:
        return (
            f"this folder holds folders of hand-ins ({', '.join(sorted(holding)[:3])}): it "
            "looks like the inbox's top folder, not your setting's own"
        )
    return _named_otherwise(evaluation.setting.name, inbox.absolute().name)


def _named_otherwise(setting: str, folder: str) -> str | None:
    """That *folder* is named like another setting ("Dunbank Primary School" for Ardlea
    Primary): a setting's word in it, and none of the words that make *setting*'s name its
    own. Said even of an empty folder, where nothing else gives the mistake away."""
    words = _words(folder)
    own = words - SETTING_WORDS
    if not (words & SETTING_WORDS) or not own or own & _words(setting):
        return None
    shown = "".join(c if c.isprintable() else "?" for c in folder)
    shown = shown if len(shown) <= 80 else shown[:79] + "…"
    return f"this folder is called '{shown}', not {setting}'s"


def _words(name: str) -> set[str]:
    """*name*'s words, in one case and without apostrophes ("St Mary's" as st, marys)."""
    return set(re.findall(r"[^\W_]+", re.sub("['\u2019]", "", name.casefold())))


def _has_hand_ins(folder: str) -> bool:
    try:
        with os.scandir(folder) as found:
            return any(submission_version(Path(e.name)) is not None for e in found)
    except OSError:
        return False
