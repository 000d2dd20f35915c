"""A first look at a setting's saved evaluation, read as plain TOML without its models: enough
to draw the statement it stopped at while the models (and pydantic) load.

The look is only ever a preview of what opening the file then shows (`open_setting` reads and
checks it in full straight after). It is taken only where it can be trusted: the file is the
setting's own evaluation (not a colleague's view), every value the screen shows has the type
the model requires and lies within the model's own bounds (`selfeval.framework.limits`,
`selfeval.evaluation.limits`; the framework's scale is checked by `selfeval.tui.reopen`), and
no other window holds the file; anything else gives no glance, and the
evaluation opens the full way, with its full messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from selfeval.errors import EvaluationError, SelfevalError
from selfeval.evaluation.folder import evaluation_files
from selfeval.evaluation.limits import FREE_TEXT_LIMIT, NAME_LIMIT
from selfeval.evaluation.lock import held
from selfeval.evaluation.years import SCHOOL_YEAR, school_year
from selfeval.files.toml import read_toml
from selfeval.framework.limits import HIGHEST_VALUE, LOWEST_VALUE

__all__ = ["MOST_FILES", "Glance", "SavedAnswer", "glance"]

_SCHOOL_YEAR = re.compile(SCHOOL_YEAR)

MOST_FILES = 200
"""A folder with more evaluations than this (an authority's, not a setting's) gets no first
look: reading them all twice, once to look and once to open, would cost more than it saves."""


@dataclass(frozen=True)
class SavedAnswer:
    """A statement's answer as the file holds it (the fields `Answer` has of the same names)."""

    rating: int | None = None
    not_applicable: bool = False
    evidence: str = ""
    notes: str = ""
    why_not_applicable: str = ""

    @property
    def is_answered(self) -> bool:
        """Whether a rating or "not applicable" has been given."""
        return self.rating is not None or self.not_applicable


_UNANSWERED = SavedAnswer()


@dataclass(frozen=True)
class Glance:
    """What a setting's saved evaluation shows before it is opened."""

    path: Path
    name: str
    """The setting's name, as saved."""
    audience: str
    """Its stage, with its age range where it has one ("asn:primary-age")."""
    against: str | None
    """The reference framework it is judged against, where it chose one."""
    position: str | None
    """The statement it stopped at."""
    updated: datetime
    year: str
    """The school year it evaluates (`Evaluation.year`)."""
    answers: dict[str, SavedAnswer] = field(default_factory=dict)

    @property
    def whose(self) -> str:
        """Whose evaluation it is: the setting's (a colleague's view gets no glance)."""
        return self.name

    def answer(self, statement_id: str) -> SavedAnswer:
        """The answer to *statement_id*, empty if there is none."""
        return self.answers.get(statement_id, _UNANSWERED)


def glance(folder: Path, framework_id: str, name: str) -> Glance | None:
    """The evaluation of the setting *name* (any case) for *framework_id* in *folder* of the
    latest school year (the newest of that year), as `open_setting` would choose it; None
    where it cannot be told without the models."""
    wanted = name.strip().casefold()
    if not folder.is_dir():
        return None
    files = list(evaluation_files(folder))
    if len(files) > MOST_FILES:
        return None
    found: list[Glance] = []
    for path in files:
        try:
            data = read_toml(path, EvaluationError, "evaluation", fast=True).data
        except SelfevalError:
            continue
        setting, framework = data.get("setting"), data.get("framework")
        if not (isinstance(setting, dict) and isinstance(framework, dict)):
            continue
        if framework.get("id") != framework_id or "contributor" in data:
            continue
        named = setting.get("name")
        if isinstance(named, str) and len(named) <= NAME_LIMIT and named.casefold() == wanted:
            seen = _seen(path, data, setting)
            if seen is None:
                return None  # the one it may open is unusual: leave it to the full checks
            found.append(seen)
    if not found:
        return None
    newest = max(found, key=lambda g: (g.year, g.updated.timestamp()))  # as `open_setting`
    if sum(1 for g in found if g.year == newest.year) > 1:
        return None  # copies of one evaluation: `open_setting` chooses, and says which
    return None if held(newest.path) else newest


def _seen(path: Path, data: dict[str, Any], setting: dict[str, Any]) -> Glance | None:
    stage, ages = setting.get("stage"), setting.get("age_range")
    against = setting.get("qi_framework")
    updated, position = data.get("updated"), data.get("position")
    answers = data.get("answers", {})
    if not (
        isinstance(stage, str)
        and _optional(ages, str)
        and _optional(against, str)
        and _optional(position, str)
        and isinstance(updated, datetime)
        and updated.tzinfo is not None
        and isinstance(answers, dict)
    ):
        return None
    year = _year(data)
    if year is None:
        return None
    saved = {}
    for sid, raw in answers.items():
        answer = _answer(raw)
        if answer is None:
            return None
        saved[sid] = answer
    return Glance(
        path=path,
        name=setting["name"],
        audience=f"{stage}:{ages}" if ages else stage,
        against=against,
        position=position,
        updated=updated,
        year=year,
        answers=saved,
    )


def _year(data: dict[str, Any]) -> str | None:
    """The school year the file evaluates, as `Evaluation.year` tells it."""
    recorded, created = data.get("school_year"), data.get("created")
    if recorded is not None:
        good = isinstance(recorded, str) and len(recorded) == 7 and _SCHOOL_YEAR.match(recorded)
        return recorded if good else None
    return school_year(created.date()) if isinstance(created, datetime) else None


def _answer(raw: object) -> SavedAnswer | None:
    if not isinstance(raw, dict):
        return None
    rating = raw.get("rating")
    na, evidence, notes, why = (
        raw.get("not_applicable", False),
        raw.get("evidence", ""),
        raw.get("notes", ""),
        raw.get("why_not_applicable", ""),
    )
    if not (
        (rating is None or (type(rating) is int and LOWEST_VALUE <= rating <= HIGHEST_VALUE))
        and type(na) is bool
        and not (rating is not None and na)
        and all(_text(text) for text in (evidence, notes, why))
    ):
        return None
    return SavedAnswer(rating, na, evidence, notes, why)


def _text(value: object) -> bool:
    """Whether *value* is text the model would keep (`FreeText`)."""
    return isinstance(value, str) and len(value) <= FREE_TEXT_LIMIT


def _optional(value: object, kind: type) -> bool:
    return value is None or isinstance(value, kind)
