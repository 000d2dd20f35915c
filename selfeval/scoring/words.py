"""The inspectors' words for proportions, and the one-sentence narrative of a QI."""

from __future__ import annotations

from collections.abc import Iterable

from selfeval.framework.model import Scale
from selfeval.scoring.results import WHOLE_QI, NextStep, QIResult

__all__ = [
    "NO_LEVEL",
    "WORDS_FROM",
    "narrative",
    "no_evidence",
    "proportion_word",
    "qi_context",
    "share",
    "spread",
    "step_reason",
]


RATINGS = ("rating", "ratings")
RATED = ("statement rated", "statements rated")

NO_LEVEL = "no level yet"
"""What every screen and document says where a QI has no suggested level; its reason (too
few ratings, no evidence, everything marked not applicable) is in `QIResult.why`."""


WORDS_FROM = 5
"""The fewest there must be for a proportion word: "the majority (1 of 2)", "all (1 of 1)" say
more than two ratings or settings can; under this many, the plain count is said."""


def share(part: int, whole: int, nouns: tuple[str, str], what: str, past: bool = False) -> str:
    """A proportion as a clause, *nouns* (one, many) *what*: "most of the ratings (6 of 7) are
    good or better" from `WORDS_FROM` of them; under that, the plain count: "2 of the 3
    ratings are good or better", "the one rating is not good or better"."""
    one, many = ("was", "were") if past else ("is", "are")
    if whole >= WORDS_FROM:
        word = proportion_word(part, whole)
        return f"{word} of the {nouns[1]} ({part} of {whole}) {one if part == 0 else many} {what}"
    if whole == 1:
        return f"the one {nouns[0]} {one} {'' if part else 'not '}{what}"
    counted = "none" if part == 0 else str(part)
    return f"{counted} of the {whole} {nouns[1]} {many if part > 1 else one} {what}"


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
    elif not _said(good, rated, at_least_good, why):
        said = share(good, rated, RATED, f"{scale.word(scale.good_from)} or better", past=True)
        parts.append(f"{said[0].upper()}{said[1:]}.")
    if not_applicable:
        parts.append(f"{_statements(not_applicable)} did not apply.")
    unanswered = asked - rated - not_applicable
    if unanswered > 0:
        parts.append(f"{_statements(unanswered)} {'is' if unanswered == 1 else 'are'} not yet "
                     "answered.")  # fmt: skip
    return " ".join(parts)


def _said(good: int, rated: int, words: Iterable[str], why: str) -> bool:
    """Whether *why* already says how many ratings are good or better ("(6 of 7)" in proportion
    words, or "1 of the 3 ratings is good or better", "… are excellent")."""
    if rated >= WORDS_FROM:
        return f"({good} of {rated})" in why
    return any(
        share(good, rated, RATINGS, w) in why for word in words for w in (word, f"{word} or better")
    )


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
