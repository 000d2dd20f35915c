"""Reopening a saved evaluation from the command line with its statement drawn at once.

A headteacher goes back to an evaluation with `selfeval --setting "Oakfield Primary"`. Opening
it in full needs the models, and loading them (pydantic with them) was a fifth of the start;
here the statement it stopped at is drawn from a first look at the file and the statement
screen's facts kept beside the compiled framework, and the session opens straight after the
first frame. Where that look cannot be trusted (no such evaluation yet, a colleague's view,
an unusual file, a file open in another window) there is no reopening, and the evaluation
opens the full way before the app starts, with its full messages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.digest.framework import Digest, framework_digest
from selfeval.digest.wording import wording
from selfeval.evaluation.years import PLANNING_MONTHS, school_year
from selfeval.tui.opening import Reopening

if TYPE_CHECKING:
    from selfeval.digest.glance import Glance
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["reopening"]


def reopening(
    framework_spec: str | None,
    responses: Path,
    setting: str,
    stage: str | None,
    age_range: str | None,
) -> Reopening | None:
    """How to reopen *setting*'s saved evaluation with its statement drawn first; None where
    it must open the full way (or is new)."""
    from selfeval.digest.glance import glance
    from selfeval.framework.catalog import DEFAULT_FRAMEWORK

    spec = framework_spec or DEFAULT_FRAMEWORK
    facts = framework_digest(spec)
    seen = glance(responses, facts.id, setting)
    if seen is None or not _offered(facts, seen):
        return None
    today = datetime.now(UTC).date()
    if stage is not None and (seen.year < school_year(today) or today.month in PLANNING_MONTHS):
        return None  # this year's (or, from June, next year's) may start: `open_setting` decides

    def open_in_full() -> EvaluationSession:
        from selfeval.evaluation.opening import open_setting
        from selfeval.evaluation.store import EvaluationStore
        from selfeval.framework.catalog import find_framework

        _, framework = find_framework(framework_spec)
        return open_setting(EvaluationStore(responses), framework, setting, stage, None, age_range)

    words = wording(spec, seen.audience, seen.against)
    on_scale = set(words.levels.values)
    if any(a.rating is not None and a.rating not in on_scale for a in seen.answers.values()):
        return None  # opening it in full says which rating is off the scale
    return Reopening(seen, words, open_in_full)


def _offered(facts: Digest, seen: Glance) -> bool:
    """Whether the framework offers the stage, age range and quality indicators the file
    names (else opening it in full says what is wrong with it)."""
    stage_id, _, ages = seen.audience.partition(":")
    stage = facts.stage(stage_id)
    if stage is None or ages not in ("", *(a for a, _ in stage.ages)):
        return False
    return seen.against is None or seen.against in (ref for ref, _ in stage.choices)
