"""The Standards and Quality report of two years against the plan of one (issue 33's target:
at most 1.5x).

Run: python benchmarks/bench_report.py [REPEAT]   (default 5 runs of each, the best kept)
Both are whole fresh processes in the same run, on the same full secondary evaluation (last
year's a copy of it a year back, its actions reviewed): `selfeval report THIS -o report.docx`
(finds, reads and scores both years, writes Word) against `selfeval plan THIS -o plan.docx`
(reads and scores one year, draws the radar, writes Word).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table, run_measured
from bench_plan import _measured, full_secondary

from selfeval.evaluation import dump_evaluation
from selfeval.framework.catalog import find_framework


def rows(repeat: int = 5) -> list[Row]:
    """The report's process against the plan's, best of *repeat* each, wall and CPU."""
    _, framework = find_framework("stem")
    this = full_secondary(framework).model_copy(update={"school_year": "2026-27"})
    reviewed = [a.model_copy(update={"status": "done", "review": "Done."}) for a in this.actions]
    last = this.model_copy(update={"school_year": "2025-26", "actions": reviewed})
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "benchmark-high-school.stem.2026-27.toml"
        source.write_text(dump_evaluation(this), encoding="utf-8")
        before = Path(tmp) / "benchmark-high-school.stem.2025-26.toml"
        before.write_text(dump_evaluation(last), encoding="utf-8")
        report = ["-m", "selfeval", "report", str(source), "-o", f"{tmp}/report.docx"]
        plan = ["-m", "selfeval", "plan", str(source), "-o", f"{tmp}/plan.docx"]
        run_measured(report)  # warm the disk cache for both before timing
        run_measured(plan)
        reports, plans = [], []
        for _ in range(repeat):  # interleaved, so a busy moment costs both alike
            reports.append(_measured(report))
            plans.append(_measured(plan))
    figure, against = "selfeval report, two years, .docx", "selfeval plan, one year, .docx"
    return [
        Row(f"{figure} (wall)", min(w for w, _, _ in reports), against,
            min(w for w, _, _ in plans), "target: ratio at most 1.5"),
        Row(f"{figure} (CPU)", min(c for _, c, _ in reports), against,
            min(c for _, c, _ in plans)),
    ]  # fmt: skip


def main() -> None:
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 5))


if __name__ == "__main__":
    main()
