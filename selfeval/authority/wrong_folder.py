"""Whether an inbox folder looks like the wrong one for a setting to hand in to: it holds
another setting's hand-ins, or folders of hand-ins (the inbox's top folder, where each
setting has a folder of its own). Said before handing in, never refused: the authority may
keep one folder for all."""

from __future__ import annotations

import os
from pathlib import Path

from selfeval.authority.submission import submission_base
from selfeval.evaluation.model import Evaluation
from selfeval.files.submitted import submission_version

__all__ = ["folder_doubt"]

LOOKED_AT = 200
"""The most subfolders looked into (a top folder of a whole authority has many)."""


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
    return None


def _has_hand_ins(folder: str) -> bool:
    try:
        with os.scandir(folder) as found:
            return any(submission_version(Path(e.name)) is not None for e in found)
    except OSError:
        return False
