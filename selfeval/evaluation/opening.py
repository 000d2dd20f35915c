"""The evaluation a setting named on the command line means: resumed if it exists, else new.

Front ends (the app, the plain conversation) open a setting by name, stage and person; which
file that is, and the checks of a new one's stage and ages, are kept apart from the session that
edits the file once it is open.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from selfeval.errors import SelfevalError, first_line
from selfeval.evaluation.alike import identity, original_first
from selfeval.evaluation.limits import NAME_LIMIT
from selfeval.evaluation.model import Contributor, Setting, now
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore, Stored
from selfeval.evaluation.years import PLANNING_MONTHS, next_year, school_year
from selfeval.framework.model import Framework

__all__ = ["open_setting", "year_to_start"]


def open_setting(
    store: EvaluationStore,
    framework: Framework,
    name: str,
    stage: str | None,
    contributor: Contributor | None = None,
    age_range: str | None = None,
) -> EvaluationSession:
    """The session for a setting named on the command line: resumed if it exists, else new;
    with *contributor*, that person's contribution to the setting's evaluation; *age_range*
    for a new evaluation at a stage that offers age ranges.

    Without *stage* only an existing evaluation can be opened (a contributor's stage comes
    from the setting's own evaluation, so colleagues need not know it); with it a new one may
    start.
    """
    stages = [s.id for s in framework.stages]
    found = store.list()
    same_setting, mine = _stored(found, framework, name, contributor)
    anonymous = contributor is not None and contributor.name is None
    new_year = _new_year(mine, stage is not None, contributor)
    if mine and not anonymous and new_year is None:
        return _resumed(store, framework, mine)
    if stage is None and contributor is not None and same_setting:
        assert same_setting[0].evaluation is not None
        stage = same_setting[0].evaluation.setting.stage
        age_range = age_range or same_setting[0].evaluation.setting.age_range
    if stage is None:
        whose = f" from {contributor.key}" if contributor else ""
        start = f"add --stage with one of: {', '.join(stages)}"
        unreadable = [stored for stored in found if stored.error is not None]
        if unreadable:  # it may be one of these: say so rather than "start a new one"
            first = unreadable[0]
            assert first.error is not None
            files = "a file" if len(unreadable) == 1 else f"{len(unreadable)} files (the first)"
            raise SelfevalError(
                f"there is no evaluation for {name!r}{whose} in {store.folder} that can be "
                f"read, and {files} there cannot be: {first_line(first.error)}",
                f"if it is this setting's, correct it (`selfeval score {first.path}` lists "
                f"every problem); to start a new evaluation instead, {start}",
            )
        raise SelfevalError(
            f"there is no evaluation for {name!r}{whose} in {store.folder} yet",
            f"to start one, {start}",
        )
    if stage not in stages:
        raise SelfevalError(
            f"{stage!r} is not a stage of the {framework.title} framework",
            f"use one of: {', '.join(stages)}",
        )
    _check_age_range(framework, stage, age_range)
    try:
        setting = Setting(name=name, stage=stage, age_range=age_range)
    except ValidationError:
        if any(not c.isprintable() for c in name):
            raise SelfevalError(
                "the setting's name has a line break or control character in it",
                "give the name on one line, as plain text",
            ) from None
        if not name.strip():
            raise SelfevalError(
                "the setting's name is blank", 'give the school\'s name, e.g. --setting "Oakfield"'
            ) from None
        raise SelfevalError(
            f"the setting's name is {len(name.strip()):,} characters long; it may have at most "
            f"{NAME_LIMIT}",
            "give the school's name as people know it",
        ) from None
    setting = _as_before(setting, mine or same_setting)
    session = EvaluationSession.start(store, framework, setting, contributor, new_year)
    if anonymous:
        session.earlier_views = tuple(s.path for s in mine if s.path != session.path)
    return session


def year_to_start(
    store: EvaluationStore, framework: Framework, name: str, contributor: Contributor | None
) -> str | None:
    """The school year the start screen's Start opens for the setting *name* (a stage is
    always chosen there), as `open_setting` would: the newest of its evaluations, or the new
    school year's to start beside them; None for this school year's."""
    _, mine = _stored(store.list(), framework, name, contributor)
    if contributor is not None and contributor.name is None:
        return None  # an anonymous view is always a new file of this year
    new_year = _new_year(mine, True, contributor)
    newest = mine[0].evaluation if mine else None
    return new_year or (newest.year if newest else None)


def _stored(
    found: Sequence[Stored], framework: Framework, name: str, contributor: Contributor | None
) -> tuple[list[Stored], list[Stored]]:
    """Of *found*: the evaluations of the setting *name* on *framework*, and of those the
    ones of *contributor*'s view (the setting's own for None), the latest school year's
    first, then the most recently changed: last year's, its reviews written up after this
    year's was started, is not resumed for this year's."""
    wanted = name.strip().casefold()
    same_setting = [
        stored
        for stored in found
        if stored.evaluation is not None
        and stored.evaluation.framework.id == framework.id
        and stored.evaluation.setting.name.casefold() == wanted
    ]
    mine = [
        s
        for s in same_setting
        if s.evaluation and _same_view(s.evaluation.contributor, contributor)
    ]
    mine.sort(key=lambda s: s.evaluation.year if s.evaluation else "", reverse=True)
    return same_setting, mine


def _as_before(setting: Setting, earlier: list[Stored]) -> Setting:
    """*setting* (a new school year's, or a colleague's view) with what the setting's earlier
    files say of it that the command line does not (its authority, cluster, SEED code, QIs,
    and whether it is demonstration data): a new year's file that dropped them fell out of
    its authority's and cluster's comparisons."""
    before = next((s.evaluation.setting for s in earlier if s.evaluation), None)
    if before is None:
        return setting
    if before.stage != setting.stage:  # another stage: its ages and QIs are to choose again
        before = before.model_copy(update={"age_range": None, "qi_framework": None})
    given = setting.model_dump(exclude_none=True, exclude_defaults=True)
    return before.model_copy(update=given)


def _resumed(store: EvaluationStore, framework: Framework, mine: list[Stored]) -> EvaluationSession:
    """The session of the newest of *mine*; where other files hold the same evaluation (a
    copy under a name a sync or a person made), the one selfeval named is opened and the
    others are left alone, and said (`EvaluationSession.left_alone`)."""
    newest = mine[0].evaluation
    assert newest is not None
    same = identity(newest)
    paths = [s.path for s in mine if s.evaluation and identity(s.evaluation) == same]
    chosen, *others = original_first(paths) if same is not None else [mine[0].path]
    session = EvaluationSession.open(store, framework, chosen)
    session.left_alone = tuple(others)
    return session


def _new_year(mine: list[Stored], starting: bool, contributor: Contributor | None) -> str | None:
    """The school year to start beside the setting's own evaluations *mine*, when *starting*
    (a stage is given) (last year's plan is carried into it, `selfeval.evaluation.carry`); None
    to resume the newest of *mine*.

    This school year's, where all of *mine* are of earlier years. And next school year's
    from June, where this year's is marked complete: a school plans its next year in June
    (its Standards and Quality report and improvement plan are due then), and until August
    Start only reopened the year just finished.
    """
    if not starting or contributor is not None:
        return None
    today = now()
    this_year = school_year(today)
    years = [s.evaluation.year if s.evaluation else "" for s in mine]
    if all(year < this_year for year in years):
        return this_year
    done = all(
        s.evaluation.status == "complete"
        for s in mine
        if s.evaluation and s.evaluation.year == this_year
    )
    if today.month in PLANNING_MONTHS and done and max(years) == this_year:
        return next_year(this_year)
    return None


def _same_view(stored: Contributor | None, wanted: Contributor | None) -> bool:
    """Whether a file of *stored*'s is the one *wanted* resumes: the setting's own for no
    contributor, else the same person as typed another day ("ms reid" is "Ms Reid")."""
    if stored is None or wanted is None:
        return stored is wanted
    return stored.same_person(wanted)


def _check_age_range(framework: Framework, stage: str, age_range: str | None) -> None:
    """An age range is one the stage offers, and a stage that offers them gets one."""
    offered = [a.id for a in framework.stage(stage).age_ranges]
    if age_range is None and offered:
        raise SelfevalError(
            f"say which ages the setting serves: the {stage} stage asks different statements "
            "of different ages",
            f"add --ages with one of: {', '.join(offered)}",
        )
    if age_range is not None and age_range not in offered:
        raise SelfevalError(
            f"{age_range!r} is not an age range of the {stage} stage",
            f"use one of: {', '.join(offered)}"
            if offered
            else f"leave out --ages: the {stage} stage does not ask it",
        )
