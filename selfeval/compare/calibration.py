"""Calibration: a school's self-evaluated level of a QI beside its latest inspection grade.

Joined by SEED code, counted per QI as higher, the same or lower than the inspection grade;
never listed by school. A STEM self-evaluation of a QI and a whole-school inspection grade of it
are not the same measure, and the inspection may be years old: the counts are a prompt for a
professional conversation about how a setting calibrates its judgements, not a score.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval.compare.records import GRADED_AGAINST, INSPECTION, SELF, Collection, Record

__all__ = ["CALIBRATED_QIS", "NOT_THE_SAME", "Calibration", "calibrate"]

CALIBRATED_QIS = ("1.3", "2.3", "3.1", "3.2")
"""The HGIOS4 quality indicators graded at full-model school inspections."""

NOT_THE_SAME = (
    "A STEM self-evaluation of a quality indicator and a whole-school inspection grade of it "
    "are not the same measure, and an inspection may be years old: read these counts as a "
    "prompt for a conversation about calibration, not as a score."
)


@dataclass(frozen=True)
class Calibration:
    """One QI: how many schools' self-evaluated levels sit above, at or below their grade."""

    qi: str
    title: str
    higher: int
    same: int
    lower: int

    @property
    def schools(self) -> int:
        """Schools with both a self-evaluated level and an inspection grade for this QI."""
        return self.higher + self.same + self.lower


def calibrate(collection: Collection) -> list[Calibration]:
    """Per calibrated QI in *collection*, the counts over every school with a self-evaluation
    and an inspection record of the same SEED code (empty when no school has both). Only
    self-evaluations against the QIs inspections grade (HGIOS4) are set beside the grades."""
    graded = {r.seed_code: r for r in collection.of_kind(INSPECTION) if r.seed_code}
    pairs = [
        (own, graded[own.seed_code])
        for own in collection.of_kind(SELF)
        if own.seed_code and own.seed_code in graded and own.against == GRADED_AGAINST
    ]
    if not pairs:
        return []
    titles = {c.id: c.title for c in collection.columns if c.framework == GRADED_AGAINST}
    return [_count(qi, titles.get(qi, qi), pairs) for qi in CALIBRATED_QIS if qi in titles]


def _count(qi: str, title: str, pairs: list[tuple[Record, Record]]) -> Calibration:
    higher = same = lower = 0
    for own, inspection in pairs:
        level, grade = own.level(qi), inspection.level(qi)
        if level is None or grade is None:
            continue
        if level > grade:
            higher += 1
        elif level < grade:
            lower += 1
        else:
            same += 1
    return Calibration(qi, title, higher, same, lower)
