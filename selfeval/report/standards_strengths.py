"""The strengths the Standards and Quality Report can show evidence for, kept readable.

A team often gives the same evidence ("Parent survey (62 responses)…") for many statements,
and a QI rated well can have a dozen strengths: listed one by one, the report's strengths ran
to pages with the same few lines repeated. So each QI shows its strongest few, those sharing
their evidence together with it said once, and says how many more there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval.scoring import Result

__all__ = ["SHOWN", "QIStrengths", "StrengthLine", "qi_strengths"]

SHOWN = 3
"""How many of a QI's strengths the report shows: the highest rated, in the framework's order."""


@dataclass(frozen=True)
class StrengthLine:
    """A statement rated very good or better this year."""

    text: str
    rating: str


@dataclass(frozen=True)
class QIStrengths:
    """One QI's strongest evidenced strengths, grouped by the evidence the team gave."""

    qi: str
    by_evidence: list[tuple[str, list[StrengthLine]]]
    """Each piece of evidence (said once) with the statements it shows, in order."""
    more: int
    """How many more evidenced strengths the QI has, not shown."""


def qi_strengths(result: Result) -> tuple[list[QIStrengths], int]:
    """Each QI's strengths with evidence (those with some), and how many strengths in all
    have none: counted, never shown, since a strength needs its evidence."""
    shown, unevidenced = [], 0
    for qi in result.qis:
        if not qi.asked:
            continue
        evidenced = [s for s in qi.strengths if s.evidence.strip()]
        unevidenced += len(qi.strengths) - len(evidenced)
        if not evidenced:
            continue
        strongest = sorted(evidenced, key=lambda s: -s.rating)[:SHOWN]  # stable: in order
        kept = [s for s in evidenced if s in strongest]
        groups: dict[str, list[StrengthLine]] = {}
        for s in kept:
            line = StrengthLine(s.text, f"{s.rating} {s.word}")
            groups.setdefault(" ".join(s.evidence.split()), []).append(line)
        shown.append(QIStrengths(qi.heading, list(groups.items()), len(evidenced) - len(kept)))
    return shown, unevidenced
