"""Turn a setting's answers into suggested QI levels, strengths and next steps: pure functions.

The rules, stated once (the README repeats them for users):

* **Suggested level of a QI** = the *lower median* of the ratings given to its statements. The
  median ignores a single outlier either way; taking the lower of the two middle values when
  the count is even keeps the suggestion cautious. Statements marked not applicable, and those
  not yet answered, are left out.
* **Enough evidence**: a QI gets a suggested level only when at least `MIN_RATED` statements are
  rated *and* they are at least `MIN_COVERAGE` of the statements asked of the setting's stage.
  Otherwise the result says "not enough evidence" instead of a level.
* **Themes are never graded** (HGIOS grades whole QIs): they get a profile, the count at each level.
* **Strengths**: statements rated at or above the scale's ``strength_from`` (very good or better).
* **Next steps**: the framework's improvement actions whose target is rated at or below their
  threshold, for the setting's stage, ordered by how far below "good" the target is.

The suggestion is a starting point for professional judgement; the setting confirms or changes
it, and both are kept (see `Evaluation.qi`).

Modules: `levels` (the level rule, shared by the full and the fast path), `score` (one
evaluation in full), `results` (the dataclasses it returns), `words` (proportion words and the
narrative). Everything is a pure function: no I/O, no printing.
"""

from selfeval.scoring.levels import lower_median, suggest, suggest_levels
from selfeval.scoring.results import QIResult, Result
from selfeval.scoring.score import score, score_section
from selfeval.scoring.words import proportion_word

__all__ = [
    "QIResult",
    "Result",
    "lower_median",
    "proportion_word",
    "score",
    "score_section",
    "suggest",
    "suggest_levels",
]
