"""A level's reason says what keeps it from the level above and never praises a weak one;
proportion words ("the majority", "all") only of five or more, the plain count below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.scoring import QIResult, score_section
from selfeval.scoring.words import share

from .test_scoring import PRIMARY_IDS, SCALE, SECTION, STEM, _rated

_BELOW_GOOD = "|".join(SCALE.word(v) for v in SCALE.values if v < SCALE.good_from)
_PRAISE = re.compile(
    rf"(?<!only )(?<!than )\b(all|almost all|most|the majority|half|\d+) of the (\d+ )?ratings"
    rf"( \(\d+ of \d+\))? (is|are) ({_BELOW_GOOD})\b"
)
_WORDS = re.compile(r"\b(all|almost all|most|the majority|half|less than half|few) of the ")


def _scored(ratings: list[int]) -> QIResult:
    """QI 1.3 of a primary with *ratings* on its first statements, each evidenced."""
    return score_section(STEM, SECTION, "primary", _rated(dict(zip(PRIMARY_IDS, ratings))))  # noqa: B905


@given(st.lists(st.integers(1, 6), min_size=1, max_size=len(PRIMARY_IDS)))
def test_the_reason_says_what_keeps_a_level_from_the_one_above(ratings: list[int]) -> None:
    qi = _scored(ratings)
    if qi.suggested is None:
        return
    level, why = qi.suggested, qi.why
    assert not _PRAISE.search(why), why  # "all of the ratings are weak or better" is no reason
    if level < SCALE.highest:
        above = SCALE.word(level + 1)
        said = (f"not {above}", f"not {SCALE.label(level + 1)}", f"at most {SCALE.word(level)}")
        assert any(words in why for words in said), why
    if len(ratings) < 5:
        assert not _WORDS.search(why), why


def test_two_ratings_are_counted_not_called_a_majority() -> None:
    nouns = ("rating", "ratings")
    assert share(1, 2, nouns, "good or better") == "1 of the 2 ratings is good or better"
    assert share(1, 1, nouns, "good") == "the one rating is good"
    assert share(0, 3, nouns, "good") == "none of the 3 ratings is good"
    assert share(3, 8, nouns, "good or better") == (
        "less than half of the ratings (3 of 8) are good or better"
    )


def test_a_satisfactory_level_says_why_not_good() -> None:
    """The brief's case: too few good or better for good, said as the shortfall."""
    qi = _scored([4, 4, 4, 3, 3, 3, 3])
    assert qi.why == (
        "Suggested 3 satisfactory, not 4 good: less than half of the ratings (3 of 7) are good "
        "or better."
    )


def test_a_comparison_of_few_settings_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --min-group 1 a group of two is shown: "1 of the 2 settings with a level is good
    or better", never "half" or "all" of two."""
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "8"]) == 0
    out = tmp_path / "out"
    args = ["compare", str(demo), "-o", str(out), "--by", "stage", "--min-group", "1"]
    assert main([*args, "--chart-format", "svg"]) == 0
    capsys.readouterr()
    lines = (out / "summary.md").read_text(encoding="utf-8").splitlines()
    said = [line for line in lines if line.startswith("- ") and "with a level" in line]
    few = [line for line in said if re.search(r"of the [1-4] settings with a level", line)]
    assert few, said
    assert not any(_WORDS.search(line) for line in few), few
