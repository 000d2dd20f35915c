"""Synthetic evaluations of a fictitious authority, for trying selfeval and for benchmarks.

Every setting made here is flagged ``synthetic = true`` and named as demonstration data, so it
can never be mistaken for a real school's self-evaluation. The shapes follow the real inspection
grades (domain notes §5.2): a setting's level is drawn around 4 with a spread of about 0.8, each
QI is that level or one either side, and statements vary around their QI's level.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfeval.demo.text import completed_by, evidence, leads, measures, reviews
from selfeval.errors import SelfevalError
from selfeval.evaluation.action_tags import adopted_tags
from selfeval.evaluation.actions import Action, ActionStatus
from selfeval.evaluation.carry import still_to_do
from selfeval.evaluation.model import Answer, Evaluation, QIJudgement, Setting
from selfeval.evaluation.reconcile import stamp
from selfeval.evaluation.store import EvaluationStore, load_evaluation, school_year
from selfeval.framework.model import Framework
from selfeval.scoring import score

__all__ = ["AUTHORITY", "DemoPlan", "make_demo"]

AUTHORITY = "Demoshire Council (synthetic)"
_FIRST = ["Glen", "Bal", "Kil", "Auch", "Inver", "Strath", "Dun", "Craig", "Loch", "Ard", "Tor"]
_SECOND = ["brae", "more", "burn", "field", "side", "haven", "wood", "ton", "muir", "bank", "lea"]
_KIND = {
    "elc": ["Nursery", "Early Years Centre", "Family Centre"],
    "primary": ["Primary School"],
    "secondary": ["High School", "Academy"],
    "asn": ["School (additional support needs)"],
}
_STAGE_SHARE = {"elc": 0.45, "primary": 0.40, "secondary": 0.10, "asn": 0.05}


@dataclass(frozen=True)
class DemoPlan:
    """How many settings and years to make, and the seed that makes it repeatable."""

    settings: int = 40
    years: int = 1
    seed: int = 2026


def make_demo(folder: Path, framework: Framework, plan: DemoPlan) -> list[Path]:
    """Write *plan.settings* by *plan.years* synthetic evaluations to *folder*; return the paths."""
    rng = random.Random(plan.seed)
    store = EvaluationStore(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stages = [s.id for s in framework.stages]
    names: set[str] = set()
    made = []
    today = datetime.now(UTC).replace(microsecond=0)
    clusters = _clusters(plan)
    for number in range(plan.settings):
        setting = _setting(rng, stages, names, number).model_copy(
            update={"cluster": clusters[number]}
        )
        level = rng.gauss(4.0, 0.8)
        previous: Evaluation | None = None
        for year in range(plan.years):
            when = today - timedelta(days=365 * (plan.years - 1 - year))
            evaluation = _evaluation(rng, framework, setting, level + 0.2 * year, when)
            # its own stream: adding actions left every earlier demo's answers as they were
            past = year < plan.years - 1
            acting = random.Random(f"{plan.seed}/{number}/{year}")
            evaluation = _carried(previous, _act(acting, evaluation, framework, past))
            previous = evaluation
            path = store.path_for(setting, framework.id, school_year(when))
            _refuse_real(path)  # every file checked before any is written: all or nothing
            made.append((evaluation, path))
    for evaluation, path in made:
        store.save(evaluation, path)
    return [path for _, path in made]


CLUSTER_SIZE = 14
"""Settings in a demo cluster, about: a secondary, its feeder primaries and their nurseries, as an
authority's associated schools groups are (drawn at random, a cluster of one or two settings
each left `compare --by cluster` nothing it could show)."""


def _clusters(plan: DemoPlan) -> list[str]:
    """Each setting's cluster: about `CLUSTER_SIZE` settings to a cluster, each named after
    a town of its own, from a stream of their own (every other value of a demo is as it was)."""
    rng = random.Random(f"{plan.seed}/clusters")
    count = max(1, round(plan.settings / CLUSTER_SIZE))
    towns = rng.sample([f"{a}{b}" for a in _FIRST for b in _SECOND], min(count, 121))
    return [f"{towns[n % len(towns)]} cluster" for n in _shuffled(rng, plan.settings, len(towns))]


def _shuffled(rng: random.Random, settings: int, clusters: int) -> list[int]:
    """A cluster number for each of *settings*, as evenly as they go, in a random order."""
    numbers = [n % clusters for n in range(settings)]
    rng.shuffle(numbers)
    return numbers


def _refuse_real(path: Path) -> None:
    """Never replace a real setting's evaluation with made-up data."""
    if not path.exists():
        return
    try:
        synthetic = load_evaluation(path).setting.synthetic
    except SelfevalError:
        synthetic = False
    if not synthetic:
        raise SelfevalError(
            f"{path} is a real evaluation; demonstration data will not replace it",
            "write the demonstration into a folder of its own, e.g. selfeval demo demo-data",
        )


def _setting(rng: random.Random, stages: list[str], names: set[str], number: int) -> Setting:
    weights = [_STAGE_SHARE.get(stage, 0.1) for stage in stages]
    stage = rng.choices(stages, weights)[0]
    kind = rng.choice(_KIND.get(stage, ["Setting"]))
    name = f"{rng.choice(_FIRST)}{rng.choice(_SECOND)} {kind}"
    if name in names:  # two of a name in one authority: tell them apart by their village
        name = f"{name} ({rng.choice(_FIRST)}{rng.choice(_SECOND)} {number + 1})"
    names.add(name)
    return Setting(
        name=name,
        stage=stage,
        local_authority=AUTHORITY,
        # drawn as ever, so the rest of a demo is as it was; `_clusters` gives the one kept
        cluster=f"{rng.choice(_FIRST)}{rng.choice(_SECOND)} cluster",
        synthetic=True,
    )


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _evaluation(
    rng: random.Random, framework: Framework, setting: Setting, level: float, when: datetime
) -> Evaluation:
    scale = framework.rating_scale
    low, high = scale.lowest, scale.highest
    finished = rng.random() < 0.8
    share = 1.0 if finished else rng.uniform(0.3, 0.9)
    answers: dict[str, Answer] = {}
    for section in framework.sections:
        qi_level = level + rng.choice([-1, 0, 0, 1])
        for statement in section.statements:
            if not statement.applies_to(setting.audience) or rng.random() > share:
                continue
            if rng.random() < 0.05:
                answers[statement.id] = Answer(not_applicable=True, updated=when)
                continue
            rating = _clip(qi_level + rng.choice([-1, 0, 0, 0, 1]), low, high)
            answers[statement.id] = Answer(
                rating=rating, evidence=rng.choice(evidence(setting.stage)), updated=when
            )
    evaluation = Evaluation(
        setting=setting,
        framework=stamp(framework),
        status="complete" if finished else "in-progress",
        created=when,
        updated=when,
        answers=answers,
        completed_by=completed_by(setting.stage) if finished else None,
    )
    if finished:
        evaluation = _confirm(rng, evaluation, framework, low, high)
    return evaluation


def _carried(previous: Evaluation | None, evaluation: Evaluation) -> Evaluation:
    """*evaluation* with last year's actions not yet done carried into it, as the app carries
    them into a new year's (so a two-year demo's report tells one story)."""
    if previous is None:
        return evaluation
    carried = still_to_do(previous)
    taken = {action.id for action in carried}
    free = (f"a{n}" for n in range(1, 1000) if f"a{n}" not in taken)
    renumbered = [action.model_copy(update={"id": next(free)}) for action in evaluation.actions]
    return evaluation.model_copy(update={"actions": [*carried, *renumbered]})


def _act(
    rng: random.Random, evaluation: Evaluation, framework: Framework, past: bool
) -> Evaluation:
    """Two or three of the next steps adopted as actions, with lead, date and measure; in a
    past year each has since been reviewed (done, under way or dropped), this year's are
    planned or under way. An evaluation without agreed levels has none."""
    if not evaluation.qi:
        return evaluation
    steps = [(qi.key, step) for qi in score(evaluation, framework).qis for step in qi.next_steps]
    chosen = rng.sample(steps, min(len(steps), rng.choice([2, 3])))
    when = evaluation.updated
    statuses: list[ActionStatus] = (
        ["done", "done", "under-way", "dropped"] if past else ["planned", "under-way"]
    )
    stage = evaluation.setting.stage
    said = reviews(stage)
    actions = []
    for n, (qi, step) in enumerate(chosen, start=1):
        status = rng.choice(statuses)
        actions.append(
            Action(
                id=f"a{n}",
                qi=qi,
                text=step.text,
                source=step.action_id,
                tags=adopted_tags(framework, step.action_id),
                lead=rng.choice(leads(stage)),
                due=(when + timedelta(days=rng.choice([90, 150, 240]))).date(),
                measure=rng.choice(measures(stage)),
                status=status,
                review=said.get(status, "") if past else "",
                updated=when,
            )
        )
    return evaluation.model_copy(update={"actions": actions})


def _confirm(
    rng: random.Random, evaluation: Evaluation, framework: Framework, low: int, high: int
) -> Evaluation:
    judgements = {}
    for qi in score(evaluation, framework).qis:
        if qi.suggested is None:
            continue
        confirmed = qi.suggested
        if rng.random() < 0.15:
            confirmed = _clip(qi.suggested + rng.choice([-1, 1]), low, high)
        reason = "" if confirmed == qi.suggested else "Agreed at the staff moderation session."
        judgements[qi.key] = QIJudgement(
            suggested=qi.suggested, confirmed=confirmed, reason=reason, updated=evaluation.updated
        )
    return evaluation.model_copy(update={"qi": judgements})
