"""Copies recognised by what they hold, whatever their names.

A sync client or a person can copy an evaluation under a name nobody can foresee ("Kilbride
backup.toml", a council's asset tag after the name). Two files are the same evaluation when
they are of the same setting (its name without regard to case or spacing), framework and
school year, and are the setting's own or the same person's view (a view is known by the id
written when it was started; a named one from before ids by its person). Lists then name both
files, so the person choosing can tell them apart; opening a setting by name keeps to the file
selfeval named and says the other was left alone; moderation refuses to choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.store import Stored
from selfeval.files.copies import original_first

__all__ = ["alike", "identity", "original_first"]

Identity = tuple[str, str, str, str]


def identity(evaluation: Evaluation) -> Identity | None:
    """What makes *evaluation* one evaluation whatever its file is called; None for an
    anonymous view from before views had ids (two of those cannot be told apart)."""
    who = evaluation.contributor
    if who is None:
        person = ""
    elif who.id:
        person = f"id:{who.id}"
    elif who.name:
        person = "person:" + " ".join(who.key.split()).casefold()
    else:
        return None
    name = " ".join(evaluation.setting.name.split()).casefold()
    return (name, evaluation.framework.id, evaluation.year, person)


def alike(stored: Iterable[Stored]) -> set[Path]:
    """The files among *stored* that hold the same evaluation as another file there."""
    seen: dict[Identity, list[Path]] = {}
    for found in stored:
        key = identity(found.evaluation) if found.evaluation is not None else None
        if key is not None:
            seen.setdefault(key, []).append(found.path)
    return {path for paths in seen.values() if len(paths) > 1 for path in paths}
