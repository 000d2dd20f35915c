"""A chart that names settings says so at its top, not only in its foot; an anonymised chart
says nothing of the kind (issue 31, a committee reader's last findings: "internal use only"
was read, if at all, after the names it warned of)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from selfeval.charts.frame import INTERNAL_HEAD, Caption
from selfeval.report.summary import INTERNAL

from .drawn import drawn


def _foot(page: Figure) -> str:
    return " ".join(" ".join(t.get_text() for t in page.texts).split())


def test_the_internal_note_goes_under_the_title_too_and_never_on_codes() -> None:
    caption = Caption("Settings and quality indicators: 17 self-evaluations", "Source.")
    named = caption.internal(INTERNAL)
    assert named.title.split("\n") == [caption.title, INTERNAL_HEAD]
    assert "Internal use only: names each setting beside its levels" in named.source
    assert caption.internal("") == caption


@pytest.mark.parametrize("by", [None, "stage"])
def test_every_chart_naming_settings_says_internal_use_at_its_top(
    demo40: Path, tmp_path: Path, by: str | None
) -> None:
    split = ["--by", by] if by else []
    pages_of = drawn(str(demo40), "-o", str(tmp_path / "out"), *split)
    naming = {name for name, pages in pages_of.items() if "Internal use only" in _foot(pages[0])}
    assert any(name.startswith("heatmap-") for name in naming)  # a row per named setting
    assert by or any(name.startswith("small-multiples-") for name in naming)  # radars
    for name in naming:
        for page in pages_of[name]:
            top = page.get_suptitle().split("\n")
            assert INTERNAL_HEAD in top[:4], (name, top)  # under the title, above the chart
            assert "Internal use only" in _foot(page), name  # and at length in the foot
    for name, pages in pages_of.items():  # counts alone: nothing to warn of
        if name not in naming:
            assert all(INTERNAL_HEAD not in page.get_suptitle() for page in pages), name


@pytest.mark.parametrize("by", [None, "stage"])
def test_no_anonymised_chart_says_internal_use(
    demo40: Path, tmp_path: Path, by: str | None
) -> None:
    split = ["--by", by] if by else []
    pages_of = drawn(str(demo40), "-o", str(tmp_path / "out"), "--anonymise", *split)
    assert pages_of
    for name, pages in pages_of.items():
        for page in pages:
            words = " ".join(t.get_text() for t in page.findobj(Text))
            assert "nternal use" not in words, name
