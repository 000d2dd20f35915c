"""Calibration: a school's self-evaluated level of a QI beside its latest inspection grade.

Joined by SEED code, counted per QI as higher, the same or lower than the inspection grade;
never listed by school. A STEM self-evaluation of a QI and a whole-school inspection grade of it
are not the same measure, and the inspection may be years old: the counts are a prompt for a
professional conversation about how a setting calibrates its judgements, not a score.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from selfeval.compare.disclosure import small_counts
from selfeval.compare.records import GRADED_AGAINST, INSPECTION, SELF, Collection, Record

__all__ = [
    "CALIBRATED_QIS",
    "LOCKDOWN",
    "NOT_THE_SAME",
    "Calibration",
    "Crosstab",
    "calibrate",
    "crosstab",
    "joined_said",
    "paired",
]

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

    def shown(self, min_group: int) -> dict[str, int | None]:
        """The counts by name ("higher", "same", "lower") as they may be shown: a count of
        fewer than *min_group* (but some) is None, and with the number of schools shown, so
        are the smallest others until those not shown hold at least *min_group* together
        (else a hidden count is the total less the rest); all None where fewer than
        *min_group* schools have both."""
        counts = {"higher": self.higher, "same": self.same, "lower": self.lower}
        if self.schools < min_group:
            return dict.fromkeys(counts) if self.schools else dict(counts)
        hidden = small_counts(counts, min_group)
        return {name: None if name in hidden else n for name, n in counts.items()}


def calibrate(collection: Collection) -> list[Calibration]:
    """Per calibrated QI in *collection*, the counts over every school with a self-evaluation
    and an inspection record of the same SEED code (empty when no school has both). Only
    self-evaluations against the QIs inspections grade (HGIOS4) are set beside the grades."""
    pairs = paired(collection)
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


LOCKDOWN = date(2020, 3, 1)
"""Inspections stopped in March 2020 and came back in another form: a grade from before then
is of a school as it was before the pandemic, so the table says how many are."""


@dataclass(frozen=True)
class Crosstab:
    """Every calibrated QI of every school with both, as one table: how many self-evaluated
    levels at each level (rows) sat beside each inspection grade (columns); with how old the
    grades were when the schools evaluated themselves."""

    levels: tuple[int, ...]
    """The scale's levels, lowest first: the rows and the columns."""
    cells: dict[tuple[int, int], int | None]
    """(self-evaluated level, inspection grade) to the count of QIs of schools; None where
    fewer than `min_group`, or withheld so that such a cell cannot be worked out from the
    total less the others."""
    pairs: int
    """QIs of schools counted: the table's total."""
    schools: int
    min_group: int
    median_years: float | None
    """The median age, in years, of the grades counted, at the date of each self-evaluation
    (None where no dates are known)."""
    before_lockdown: int
    """Schools whose grade counted is from before March 2020 (`LOCKDOWN`)."""
    dated: int
    """Schools whose inspection date is known."""

    @property
    def suppressed(self) -> bool:
        """Whether some cell is not shown."""
        return any(v is None for v in self.cells.values())

    def age(self) -> str:
        """The age of the grades in words, for a table's caption."""
        if not self.dated or self.median_years is None:
            return "dates of the inspections are not known"
        return (
            f"grades were a median of {self.median_years:.1f} years old when the schools "
            f"evaluated themselves; {self.before_lockdown} of {self.dated} schools were graded "
            f"before {LOCKDOWN:%B %Y}"
        )


def crosstab(
    collection: Collection, levels: Sequence[int], min_group: int, today: date | None = None
) -> Crosstab | None:
    """The table of every school with both a self-evaluation (against HGIOS4) and a grade, over
    the calibrated QIs (None when no school has both); a grade's age is counted to the date of
    the self-evaluation (or *today* where it has none)."""
    pairs = paired(collection)
    if not pairs:
        return None
    counts = {(own, grade): 0 for own in levels for grade in levels}
    counted = 0
    for own, inspection in pairs:
        for qi in CALIBRATED_QIS:
            level, grade = own.level(qi), inspection.level(qi)
            if level is not None and grade is not None and (level, grade) in counts:
                counts[(level, grade)] += 1
                counted += 1
    when = today or date.today()
    ages = [
        ((own.when or when) - inspection.when).days / 365.25
        for own, inspection in pairs
        if inspection.when is not None
    ]
    old = sum(1 for _, i in pairs if i.when is not None and i.when < LOCKDOWN)
    return Crosstab(
        tuple(levels), _protected(counts, min_group), counted, len(pairs), min_group,
        statistics.median(ages) if ages else None, old, len(ages),
    )  # fmt: skip


def _protected(
    counts: dict[tuple[int, int], int], min_group: int
) -> dict[tuple[int, int], int | None]:
    """*counts* with each cell of fewer than *min_group* (but some) hidden, and then, in each
    part of the table whose total is shown elsewhere (the cells above, on and below the
    diagonal are the higher, same and lower counts per QI added up), the smallest shown cells
    too, until the hidden ones of that part hold at least *min_group* together: else a hidden
    cell would be the part's total less the rest."""
    hidden: set[tuple[int, int]] = set()
    for part in (-1, 0, 1):
        inside = {c: n for c, n in counts.items() if (c[0] > c[1]) - (c[0] < c[1]) == part}
        hidden |= small_counts(inside, min_group)
    return {cell: None if cell in hidden else n for cell, n in counts.items()}


def paired(collection: Collection) -> list[tuple[Record, Record]]:
    """Each school's self-evaluation against HGIOS4 beside its inspection record, joined by
    SEED code: the one join of the two kinds, for the calibration's counts and for what its
    charts say of the schools joined."""
    graded = {r.seed_code: r for r in collection.of_kind(INSPECTION) if r.seed_code}
    return [
        (own, graded[own.seed_code])
        for own in collection.of_kind(SELF)
        if own.seed_code and own.seed_code in graded and own.against == GRADED_AGAINST
    ]


def joined_said(collection: Collection) -> str:
    """How many schools' self-evaluations were joined to their inspection grades, where both
    kinds are compared ("" otherwise): "3 of the 17 schools' self-evaluations against HGIOS4
    are joined to their inspection grades by SEED code", said on the terminal and in the
    brief, so a reader knows how many the calibration (or the lack of it) rests on. Nothing in
    an anonymised one: its codes carry no SEED code, and "0 of the 253" read as if no school
    had given one (the brief says why there is no calibration)."""
    if collection.anonymised:
        return ""
    own = {r.name for r in collection.of_kind(SELF) if r.against == GRADED_AGAINST}
    if not own or not collection.of_kind(INSPECTION):
        return ""
    pairs = paired(collection)
    joined = len({record.name for record, _ in pairs})
    said = (
        f"{joined} of the {len(own)} schools' self-evaluations against HGIOS4 "
        f"{'is' if joined == 1 else 'are'} joined to their inspection grades by SEED code."
    )
    doubts = [
        f"{own.name}'s ({own.seed_code}) is {graded.name}"
        f"{f' ({graded.authority})' if graded.authority else ''}"
        for own, graded in pairs
        if not _words(own.name) & _words(graded.name)
    ]
    if doubts:  # a mistyped code would set another school's grades in a committee paper
        said += (
            f" Check {'these SEED codes' if len(doubts) > 1 else 'this SEED code'}, whose "
            f"school has another name in the inspection grades: {'; '.join(doubts)}."
        )
    return said


_KINDS = frozenset(
    (
        "primary",
        "school",
        "academy",
        "high",
        "secondary",
        "nursery",
        "the",
        "and",
        "of",
        "st",
        "rc",
        "community",
        "centre",
        "early",
        "years",
        "family",
        "learning",
        "class",
        "campus",
        "additional",
        "support",
        "needs",
        "grammar",
        "junior",
        "infant",
    )
)
"""Words that say what kind of school a name is, not which: two schools sharing only these
are not the same school."""


def _words(name: str) -> set[str]:
    """The words of a school's name that say which school it is ("ardlea" of "Ardlea
    Primary School"), for doubting a SEED code that joins two names sharing none."""
    return {w for w in re.findall(r"[a-z']+", name.casefold()) if w not in _KINDS}


def no_calibration(collection: Collection) -> str:
    """Why a comparison with inspection grades sets no self-evaluation beside a grade, and
    what to do about it ("" where some school is calibrated, or there are no grades): said
    in the brief and on the terminal, so a missing calibration is never silent."""
    graded = collection.of_kind(INSPECTION) or collection.older_grades
    if not graded or not collection.of_kind(SELF) or paired(collection):
        return ""  # grades alone, or self-evaluations alone, have nothing to set beside
    if collection.anonymised:
        return (
            "Calibration is withheld in an anonymised paper: the SEED codes would be joined "
            "back to the published grades, which name the schools. A named comparison, for "
            "internal use only, has it."
        )
    own = [r for r in collection.of_kind(SELF) if r.against == GRADED_AGAINST]
    if not own:
        return "No self-evaluation is against HGIOS4, the quality indicators inspections grade."
    coded = [r for r in own if r.seed_code]
    if not coded:
        return (
            "No self-evaluation has a SEED code, so none is set beside an inspection grade: "
            "add SEED codes (the start screen's school list fills them in) to join with "
            "inspection grades."
        )
    if collection.older_grades:
        return (
            f"None of the {len(coded)} schools with a SEED code has a grade from an inspection "
            f"since the date asked for (--inspected-since left out {collection.older_grades} "
            "schools' older grades): give an earlier date to set them beside those."
        )
    return (
        f"None of the {len(coded)} SEED codes of the self-evaluations is among the schools "
        "with an HGIOS4 grade: check each school's code (the start screen's school list "
        "fills it in)."
    )
