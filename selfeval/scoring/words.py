"""The inspectors' words for proportions, and the one-sentence narrative of a QI."""

from __future__ import annotations

from selfeval.framework.model import Scale
from selfeval.scoring.results import WHOLE_QI, NextStep, QIResult

__all__ = [
    "NO_LEVEL",
    "narrative",
    "no_evidence",
    "proportion_word",
    "qi_context",
    "spread",
    "step_reason",
]


NO_LEVEL = "no level yet"
"""What every screen and document says where a QI has no suggested level; its reason (too
few ratings, no evidence, everything marked not applicable) is in `QIResult.why`."""


def proportion_word(part: int, whole: int) -> str:
    """The inspectors' word for a proportion: all, almost all, most, the majority, … none."""
    if whole <= 0 or part <= 0:
        return "none"
    if part >= whole:
        return "all"
    if 2 * part == whole:
        return "half"  # "the majority (3 of 6)" reads as a mistake
    share = part / whole
    if share > 0.9:
        return "almost all"
    if share >= 0.75:
        return "most"
    if share >= 0.5:
        return "the majority"
    if share >= 0.15:
        return "less than half"
    return "few"


def narrative(
    rated: int, good: int, asked: int, not_applicable: int, scale: Scale, why: str = ""
) -> str:
    """ "Most of the statements rated (6 of 7) were good or better." and what is left: what
    did not apply, what is unanswered. The share good or better is left out where the reason
    for the level (*why*) says it already ("most of the ratings (6 of 8) are good or
    better"), so that every output says it once."""
    at_least_good = (scale.word(v) for v in scale.values if v >= scale.good_from)
    parts = []
    if rated == 0:
        parts.append("No statements have been rated yet.")
    elif not any(f"({good} of {rated}) are {word}" in why for word in at_least_good):
        word = proportion_word(good, rated)
        verb = "was" if word in ("none",) or rated == 1 else "were"
        parts.append(
            f"{word.capitalize()} of the statements rated ({good} of {rated}) {verb} "
            f"{scale.word(scale.good_from)} or better."
        )
    if not_applicable:
        parts.append(f"{_statements(not_applicable)} did not apply.")
    unanswered = asked - rated - not_applicable
    if unanswered > 0:
        parts.append(f"{_statements(unanswered)} {'is' if unanswered == 1 else 'are'} not yet "
                     "answered.")  # fmt: skip
    return " ".join(parts)


def _statements(count: int) -> str:
    return f"{count} statement{'' if count == 1 else 's'}"


def spread(counts: dict[int, int], scale: Scale) -> str:
    """The ratings at each level, highest first, zeros left out: "6 very good, 1 unsatisfactory".

    Beside a level it shows at a glance whether a QI is even or polarised.
    """
    parts = [f"{counts[v]} {scale.word(v)}" for v in scale.values if counts.get(v)]
    return ", ".join(parts) if parts else "none rated"


def no_evidence(count: int) -> str:
    """ "3 ratings have no evidence yet (How do we know?)"."""
    return f"{count} rating{'s have' if count != 1 else ' has'} no evidence yet (How do we know?)"


def qi_context(qi: QIResult) -> str:
    """E.g. "Brings together our STEM work on Self-evaluation for self-improvement, Leadership
    of learning and Leadership of change. Lead inspectorate: Education Scotland (HM
    Inspectors)." (empty where there is nothing to add)."""
    parts = []
    titles = [title for _, title in qi.sections]
    if len(titles) > 1:
        listed = ", ".join(titles[:-1]) + f" and {titles[-1]}"
        parts.append(f"Brings together our STEM work on {listed}.")
    elif titles and titles[0] != qi.title:
        parts.append(f"Our STEM work on {titles[0]}.")
    if qi.lead:
        parts.append(f"Lead inspectorate: {qi.lead}.")
    return " ".join(parts)


def step_reason(step: NextStep, scale: Scale) -> str:
    """Why a next step is offered: "we rated “…” weak", or, for one set off by the QI's level
    (suggested or agreed, not a rating), "the quality indicator as a whole is at weak"."""
    word = scale.word(step.rating)
    if step.because == WHOLE_QI:
        return f"{step.because} is at {word}"
    return f"we rated {step.because} {word}"
