"""Fit an evaluation to the framework it is opened with: check it, carry answers across versions.

Frameworks change (statements added, reworded under a new id, removed). An evaluation answered
against an older version keeps every answer it can: renamed statements move to their new id,
answers to removed statements are kept as orphans, and the user is told what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from selfeval.errors import EvaluationError, Problem
from selfeval.evaluation.action_tags import Retagged, retagged
from selfeval.evaluation.model import Answer, Evaluation, FrameworkStamp, Setting
from selfeval.files.explain import ProblemAt, locator
from selfeval.files.locate import LineIndex
from selfeval.files.toml import TomlText
from selfeval.framework.model import Framework, version_key

__all__ = ["Changes", "check_against", "reconcile", "stamp"]


def stamp(framework: Framework) -> FrameworkStamp:
    """What an evaluation records about the framework it is answered against."""
    return FrameworkStamp(
        id=framework.id, version=framework.version, content_hash=framework.content_hash
    )


@dataclass(frozen=True)
class Changes:
    """What differs between the framework an evaluation was answered against and the current one."""

    old_version: str
    new_version: str
    renamed: list[tuple[str, str]] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    added_in: list[str] = field(default_factory=list)
    """The QIs the added statements belong to, as the setting knows them ("1.4", "2.1")."""
    edited: bool = False
    kept_on: str | None = None
    """The reference framework an older evaluation stays judged against because levels were
    agreed against it (an ELC setting's HGIOELC levels), where its stage now defaults to
    another."""
    moved_qis: list[str] = field(default_factory=list)
    """The QIs whose agreed level, target or actions moved with them, where parts of the
    framework now feed other broad QIs (titles as the setting sees them)."""
    tags: Retagged = field(default_factory=Retagged)
    """The tags on the team's actions renamed by the framework, and those it does not know."""

    @property
    def any(self) -> bool:
        """Whether there is anything to tell the user."""
        return bool(
            self.renamed
            or self.orphaned
            or self.added
            or self.edited
            or self.kept_on
            or self.moved_qis
            or self.tags.renamed
            or self.tags.unknown
        )

    def describe(self) -> list[str]:
        """Plain sentences for the user."""
        lines = []
        if self.old_version != self.new_version:
            lines.append(
                f"This evaluation was started with version {self.old_version} of the framework; "
                f"it is now version {self.new_version}."
            )
        elif self.edited:
            lines.append("The framework has been edited since this evaluation was last saved.")
        if self.added:
            where = f" in QI{'s' if len(self.added_in) > 1 else ''} {_and(self.added_in)}"
            lines.append(
                f"{_count(len(self.added), 'new statement')}{where if self.added_in else ''} "
                "to answer."
            )
        if self.renamed:
            lines.append(f"{_count(len(self.renamed), 'answer')} moved to reworded statements.")
        if self.kept_on:
            lines.append(
                f"Your agreed levels are for the quality indicators of {self.kept_on}, so this "
                "evaluation keeps them; a new evaluation uses the current framework."
            )
        if self.moved_qis:
            lines.append(
                "Parts of the framework now feed other quality indicators; your agreed levels, "
                f"targets and actions for {_and(self.moved_qis)} are kept with them."
            )
        if self.tags.renamed:
            now = "; ".join(f"“{old}” is now “{new}”" for old, new in self.tags.renamed)
            lines.append(f"Tags on your actions that the framework renamed moved with it: {now}.")
        if self.tags.unknown:
            unknown = ", ".join(f"“{tag}”" for tag in self.tags.unknown)
            lines.append(f"Tags on your actions the framework does not know are kept: {unknown}.")
        if self.orphaned:
            lines.append(
                f"{_count(len(self.orphaned), 'answer')} to statements that no longer exist "
                "kept in the file under [orphans]."
            )
        return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _and(items: list[str]) -> str:
    """ "1.4", "1.4 and 2.1", "1.4, 2.1 and 3.3"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def check_against(evaluation: Evaluation, framework: Framework, doc: TomlText | None) -> None:
    """Raise `EvaluationError` if *evaluation* cannot be used with *framework* at all."""
    problem_at = locator(doc.path if doc else None, LineIndex(doc.text) if doc else None)
    problems: list[Problem] = []
    if evaluation.framework.id != framework.id:
        problems.append(
            problem_at(
                ("framework", "id"),
                f"this evaluation was answered against the `{evaluation.framework.id}` framework, "
                f"not `{framework.id}`",
                f"open it with --framework {evaluation.framework.id}",
                True,
            )
        )
    stages = [stage.id for stage in framework.stages]
    if evaluation.setting.stage not in stages:
        problems.append(
            problem_at(
                ("setting", "stage"),
                f"stage `{evaluation.setting.stage}` is not a stage of this framework",
                f"use one of: {', '.join(stages)}",
                True,
            )
        )
    problems += _choice_problems(evaluation, framework, problem_at)
    scale = framework.rating_scale
    for at, what, value, fix in _levels_given(evaluation):
        if value not in scale.by_value:
            problems.append(
                problem_at(
                    at,
                    f"{what} {value} is not on the {scale.title} ({scale.lowest} to "
                    f"{scale.highest})",
                    fix,
                    True,
                )
            )
    if problems:
        raise EvaluationError(problems)


def _levels_given(evaluation: Evaluation) -> Iterator[tuple[tuple[str, ...], str, int, str]]:
    """Every level the file gives: where, what it is, the level, and how to mend it if it is
    off the scale. Ratings, colleagues' views, agreed and suggested QI levels and targets must
    all be on the framework's scale, or the plan and comparisons meet a level they cannot name."""
    leave = "correct it, or delete the line to leave it unanswered"
    for table in ("answers", "orphans"):
        for sid, answer in getattr(evaluation, table).items():
            if answer.rating is not None:
                yield (table, sid, "rating"), "rating", answer.rating, leave
            for key, view in answer.views.items():
                if view.rating is not None:
                    yield (
                        (table, sid, "views", key, "rating"),
                        "a view's rating",
                        view.rating,
                        leave,
                    )
    for key, judgement in evaluation.qi.items():
        unagreed = f"correct it, or delete the [qi.{key}] table to leave the level unagreed"
        yield ("qi", key, "confirmed"), "agreed level", judgement.confirmed, unagreed
        if judgement.suggested is not None:
            fix = "correct it, or delete the line"
            yield ("qi", key, "suggested"), "suggested level", judgement.suggested, fix
    for key, target in evaluation.targets.items():
        fix = f"correct it, or delete the [targets.{key}] table"
        yield ("targets", key, "level"), "target", target.level, fix


def _choice_problems(
    evaluation: Evaluation, framework: Framework, problem_at: ProblemAt
) -> list[Problem]:
    """The setting's age range and chosen quality indicators must be ones its stage offers."""
    setting = evaluation.setting
    if all(s.id != setting.stage for s in framework.stages):
        return []  # reported as an unknown stage
    stage = framework.stage(setting.stage)
    ages = [a.id for a in stage.age_ranges]
    qis = [stage.qi_framework, *stage.other_qi_frameworks]
    checks = [
        (
            "age_range",
            setting.age_range,
            ages,
            f"age range `{setting.age_range}` is not one of the {setting.stage} stage's",
            f"use one of: {', '.join(ages)}" if ages else "remove `age_range`",
        ),
        (
            "qi_framework",
            setting.qi_framework,
            qis,
            f"`{setting.qi_framework}` is not a set of quality indicators the {setting.stage} "
            "stage is judged against",
            f"use one of: {', '.join(qis)}, or delete the line to use {qis[0]}",
        ),
    ]
    return [
        problem_at(("setting", key), message, hint, True)
        for key, chosen, offered, message, hint in checks
        if chosen is not None and chosen not in offered
    ]


def _qis_of(statement_ids: list[str], framework: Framework, audience: str) -> list[str]:
    """The QIs the statements belong to, in order, by their HGIOS4 or HGIOELC numbers (the
    framework's own sections, which even a broad framework's settings work through)."""
    found: list[str] = []
    for sid in statement_ids:
        qi = framework.section_group(framework.section_of[sid], audience).ref.id
        if qi not in found:
            found.append(qi)
    return found


def _rekeyed(evaluation: Evaluation, framework: Framework) -> tuple[Evaluation, list[str]]:
    """*evaluation* with its agreed levels, targets and actions under the keys of the QIs they
    belong to now, and the titles of the QIs moved.

    A QI's key changes when a section or theme moves between the QIs of a broad framework (the
    2025 ELC framework's "Nurturing care and support" lost personalised support to
    "Wellbeing, inclusion and equality"). A key the file uses that no current QI has is moved to
    the QI it was for (`QIGroup.earlier_keys`), where that QI has nothing under its own key and
    exactly one earlier key is in the file: nothing is merged or guessed at.
    """
    used = {*evaluation.qi, *evaluation.targets, *(a.qi for a in evaluation.actions)}
    if not used:
        return evaluation, []  # most files in a comparison: nothing agreed yet
    setting = evaluation.setting
    if all(s.id != setting.stage for s in framework.stages):
        return evaluation, []
    groups = framework.groups(setting.audience, setting.qi_framework)
    current = {g.key for g in groups}
    if used <= current or not _judged_broadly(used, setting, framework):
        return evaluation, []
    moves: dict[str, str] = {}
    titles = []
    for group in groups:
        earlier = [k for k in group.earlier_keys if k in used and k not in current]
        if group.key not in used and len(earlier) == 1 and earlier[0] not in moves:
            moves[earlier[0]] = group.key
            titles.append(group.indicator.title)
    if not moves:
        return evaluation, []
    moved = evaluation.model_copy(
        update={
            "qi": {moves.get(k, k): v for k, v in evaluation.qi.items()},
            "targets": {moves.get(k, k): v for k, v in evaluation.targets.items()},
            "actions": [
                a.model_copy(update={"qi": moves[a.qi]}) if a.qi in moves else a
                for a in evaluation.actions
            ],
        }
    )
    return moved, titles


def _judged_broadly(used: set[str], setting: Setting, framework: Framework) -> bool:
    """Whether the keys *used* show levels agreed against the broad framework the setting is
    judged against: one at least is that framework's own ("elc-qif:curriculum"). Keys of an
    evaluation from before the stage offered it are section ids of the narrow QIs, and stay
    for `_keep_agreed_framework` to keep on those."""
    against = framework.judged_against(setting.stage, setting.qi_framework)
    if against is None or not framework.reference(against).broad:
        return False
    return any(key.startswith(f"{against}:") for key in used)


def _keep_agreed_framework(evaluation: Evaluation, framework: Framework) -> Setting:
    """The setting, told to stay with the QIs its levels were agreed against.

    An evaluation from before its stage offered a choice of QIs has no `qi_framework`. Where
    the stage's default is now a broad framework (ELC: the 2025 one), levels, targets and
    actions the team agreed per HGIOELC QI would no longer have a QI to belong to; such an
    evaluation keeps the narrow framework it was judged against. One with nothing agreed
    simply moves to the default; so does one whose keys the default explains at least as well
    (one action left behind by a QI no longer in any framework must not move a nursery's whole
    2025 evaluation to HGIOELC, where none of its levels would have a QI).
    """
    setting = evaluation.setting
    if setting.qi_framework is not None or all(s.id != setting.stage for s in framework.stages):
        return setting
    keys = {*evaluation.qi, *evaluation.targets, *(a.qi for a in evaluation.actions)}
    default = {g.key for g in framework.groups(setting.audience)}
    if not keys or keys <= default:
        return setting  # nothing agreed (most files: checked first), or all still has a QI
    stage = framework.stage(setting.stage)
    for narrow in (f for f in stage.other_qi_frameworks if not framework.reference(f).broad):
        theirs = {g.key for g in framework.groups(setting.audience, narrow)}
        if len(keys & theirs) > len(keys & default):
            return setting.model_copy(update={"qi_framework": narrow})
    return setting


def _moved(
    evaluation: Evaluation, framework: Framework
) -> tuple[dict[str, Answer], dict[str, Answer], list[tuple[str, str]]]:
    """The answers under the framework's statement ids, the orphans, and what was renamed."""
    if not evaluation.orphans and evaluation.answers.keys() <= framework.statements.keys():
        return dict(evaluation.answers), {}, []  # as nearly every file is: nothing to move
    return _moved_each(evaluation, framework)


def _moved_each(
    evaluation: Evaluation, framework: Framework
) -> tuple[dict[str, Answer], dict[str, Answer], list[tuple[str, str]]]:
    """`_moved`, answer by answer."""
    known = framework.statements
    answers: dict[str, Answer] = {}
    orphans = dict(evaluation.orphans)
    renamed: list[tuple[str, str]] = []
    for sid, answer in evaluation.answers.items():
        target = sid if sid in known else framework.renamed.get(sid)
        if target is not None and target in known and target not in answers:
            answers[target] = answer
            if target != sid:
                renamed.append((sid, target))
        else:
            orphans[sid] = answer
    for sid in list(orphans):  # an earlier orphan may have come back
        target = sid if sid in known else framework.renamed.get(sid)
        if target in known and target not in answers and target is not None:
            answers[target] = orphans.pop(sid)
    return answers, orphans, renamed


def reconcile(evaluation: Evaluation, framework: Framework) -> tuple[Evaluation, Changes]:
    """*evaluation* moved onto the current *framework*, and what changed on the way."""
    known = framework.statements
    answers, orphans, renamed = _moved(evaluation, framework)
    old = version_key(evaluation.framework.version)
    added = (
        []  # no statement is newer than its framework (`since` is checked on loading)
        if old >= version_key(framework.version)
        else [
            s.id
            for s in framework.statements_for(evaluation.setting.audience)
            if s.since is not None and version_key(s.since) > old and s.id not in answers
        ]
    )
    position = evaluation.position
    if position is not None and position not in known:
        position = framework.renamed.get(position)
    evaluation, moved_qis = _rekeyed(evaluation, framework)
    evaluation, tags = retagged(evaluation, framework)
    setting = _keep_agreed_framework(evaluation, framework)
    changes = Changes(
        old_version=evaluation.framework.version,
        new_version=framework.version,
        renamed=renamed,
        orphaned=sorted(set(orphans) - set(evaluation.orphans)),
        added=added,
        added_in=_qis_of(added, framework, evaluation.setting.audience),
        edited=evaluation.framework.content_hash != framework.content_hash,
        moved_qis=moved_qis,
        tags=tags,
        kept_on=(
            framework.reference(setting.qi_framework).short_title
            if setting is not evaluation.setting and setting.qi_framework
            else None
        ),
    )
    migrated = evaluation.model_copy(
        update={
            "setting": setting,
            "answers": answers,
            "orphans": orphans,
            "position": position,
            "framework": stamp(framework),
        }
    )
    return migrated, changes
