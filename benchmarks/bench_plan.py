"""The Word plan of a full secondary evaluation, against importing matplotlib and saving a figure.

Run: python benchmarks/bench_plan.py [REPEAT]   (default 5 runs of each, the best kept)
Both figures are whole fresh processes measured in the same run: `selfeval plan FULL -o
plan.docx` (load, score, draw the radar, write the Word file with the chart inside) against
`import matplotlib.pyplot` and one `savefig` of a small PNG, the least any plan with a chart
costs. The target is a ratio of at most 1.5.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table, run_measured

from selfeval.evaluation import Answer, Evaluation, dump_evaluation
from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.model import QIJudgement, Setting
from selfeval.evaluation.reconcile import stamp
from selfeval.framework import Framework
from selfeval.framework.catalog import find_framework
from selfeval.scoring import score

MATPLOTLIB_SAVEFIG = """
import io
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
figure, axes = plt.subplots(figsize=(8, 6))
axes.plot([1, 2, 3], [2, 3, 1])
figure.savefig(io.BytesIO(), format="png", dpi=150)
"""


def full_secondary(framework: Framework) -> Evaluation:
    """A secondary school's evaluation with every statement answered (rated with evidence and
    notes, a few not applicable with a reason), every QI with a level agreed, a target and two
    actions on each: the largest plan a secondary school makes."""
    rng = random.Random(2026)
    when = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    answers = {}
    for statement in framework.statements_for("secondary"):
        if rng.random() < 0.04 and not statement.critical:
            answers[statement.id] = Answer(
                not_applicable=True, why_not_applicable="We have no senior phase yet.", updated=when
            )
            continue
        answers[statement.id] = Answer(
            rating=rng.choice([2, 3, 4, 4, 5, 5, 6]),
            evidence="Learning walks, learner focus groups and the tracking of STEM courses.",
            notes="Share this with the cluster at the March in-service day.",
            updated=when,
        )
    evaluation = Evaluation(
        setting=Setting(name="Benchmark High School", stage="secondary", synthetic=True),
        framework=stamp(framework),
        status="complete",
        created=when,
        updated=when,
        answers=answers,
        completed_by="Headteacher",
    )
    qis = [qi for qi in score(evaluation, framework).qis if qi.suggested is not None]
    evaluation = evaluation.model_copy(
        update={
            "qi": {
                qi.key: QIJudgement(suggested=qi.suggested, confirmed=qi.suggested, updated=when)
                for qi in qis
            }
        }
    )
    for n, qi in enumerate(qis):
        evaluation = evaluation.with_target(qi.key, Target(level=5, by=date(2027, 6, 30)))
        for m, step in enumerate(qi.next_steps[:2]):
            evaluation = evaluation.with_action(
                Action(
                    id=f"a{n}-{m}",
                    qi=qi.key,
                    text=step.text,
                    source=step.action_id,
                    outcome="Learners say STEM is for them.",
                    lead="Principal teacher of science",
                    due=date(2027, 3, 31),
                    measure="Uptake of STEM courses by girls and by learners in SIMD 1-2.",
                    status="under-way",
                    review_date=date(2027, 1, 15),
                )
            )
    return evaluation


def _measured(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak MB of ``python ARGV``: on a shared
    machine the CPU time is the steadier figure, as waiting for a core is not counted."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, peak = run_measured(argv)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, peak


def rows(repeat: int = 5) -> list[Row]:
    """The plan's process against matplotlib's import and one savefig, best of *repeat* each,
    in wall time and in CPU time."""
    _, framework = find_framework("stem")
    evaluation = full_secondary(framework)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "benchmark-high-school.toml"
        source.write_text(dump_evaluation(evaluation), encoding="utf-8")
        plan = ["-m", "selfeval", "plan", str(source), "-o", f"{tmp}/plan.docx"]
        baseline = ["-c", MATPLOTLIB_SAVEFIG]
        run_measured(plan)  # warm the disk cache for both before timing
        run_measured(baseline)
        plans, baselines = [], []
        for _ in range(repeat):  # interleaved, so a busy moment costs both alike
            plans.append(_measured(plan))
            baselines.append(_measured(baseline))
    size = f"{len(evaluation.answers)} answers, {len(evaluation.actions)} actions"
    note = f"{size}; peak {max(p for _, _, p in plans):.0f} MB"
    figure, against = "selfeval plan, full secondary, .docx", "import pyplot + savefig"
    return [
        Row(f"{figure} (wall)", min(w for w, _, _ in plans), against,
            min(w for w, _, _ in baselines), note),
        Row(f"{figure} (CPU)", min(c for _, c, _ in plans), against,
            min(c for _, c, _ in baselines), "target: ratio at most 1.5"),
    ]  # fmt: skip


def main() -> None:
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 5))


if __name__ == "__main__":
    main()
