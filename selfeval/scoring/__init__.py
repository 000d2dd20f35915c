"""Turn a setting's answers into suggested QI levels, strengths and next steps: pure functions.

The rules, stated once (the README repeats them for users):

* **Suggested level of a QI**: the balance of its statement ratings, lowered where the HGIOS
  level definitions rule a level out (a weak statement rules out very good; strengths that do
  not outweigh the areas for improvement rule out good; ...). `levels` states the rule in full;
  the numbers that tune it are data in the scale (`Scale.judgement`). Every result says why
  (`QIResult.why`), naming the statements that capped it.
* **Enough evidence**: only statements that apply (asked, not marked not applicable) count;
  a level needs enough of them rated and some evidence, else the result says "no level yet"
  and why.
* **Themes are never graded** (HGIOS grades whole QIs): they get a profile, the count at each level.
* **Strengths**: statements rated at or above the scale's ``strength_from`` (very good or better).
* **Next steps**: the framework's improvement actions whose target is rated at or below their
  threshold, for the setting's stage, ordered by how far below "good" the target is.

The suggestion is a starting point for professional judgement; the setting confirms or changes
it, and both are kept (see `Evaluation.qi`).

Modules: `counting` (the facts of a QI's answers the rule weighs), `levels` (the level rule,
shared by the full and the fast path), `score` (one
evaluation in full), `results` (the dataclasses it returns), `why` (the reason in words), `words`
(proportion words, the spread, the narrative). Everything is a pure function: no I/O, no printing.
"""

from selfeval.scoring.levels import median_level, suggest, suggest_levels
from selfeval.scoring.results import QIResult, Result
from selfeval.scoring.score import score, score_group, score_section
from selfeval.scoring.words import WORDS_FROM, proportion_word, spread

__all__ = [
    "WORDS_FROM",
    "QIResult",
    "Result",
    "median_level",
    "proportion_word",
    "score",
    "score_group",
    "score_section",
    "spread",
    "suggest",
    "suggest_levels",
]
