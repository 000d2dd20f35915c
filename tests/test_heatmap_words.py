"""The heatmaps say what a cell with no level is in the words summary.md uses: an inspection's
QI that its (short) model did not grade is "not graded at their inspection", never "no level"."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import ANNOTATE_ROWS, heatmap_pages
from selfeval.compare.records import INSPECTION, NOT_GRADED, SELF, Record
from selfeval.digest.framework import QIColumn
from selfeval.framework.catalog import find_framework

_COLUMNS = [QIColumn("1.1", "QI 1.1", framework="hgios4"),
            QIColumn("1.3", "QI 1.3", framework="hgios4")]  # fmt: skip


def _records(kind: str, count: int) -> list[Record]:
    return [
        Record(f"School {n}", kind, Path(f"s{n}"), against="hgios4",  # type: ignore[arg-type]
               suggested={"1.1": None if n % 3 else 4, "1.3": 3 + n % 3})
        for n in range(count)
    ]  # fmt: skip


def _said(kind: str, count: int) -> str:
    scale = find_framework()[1].rating_scale
    pages = heatmap_pages(_records(kind, count), _COLUMNS, scale, Caption("T", "S"))
    texts = [t.get_text() for page in pages for ax in page.axes for t in ax.get_yticklabels()]
    keys = [ax.get_legend() for page in pages for ax in page.axes]
    texts += [t.get_text() for key in keys if key is not None for t in key.texts]
    texts += [t.get_text() for page in pages for t in page.texts]
    return "\n".join(texts)


@pytest.mark.parametrize("count", [12, ANNOTATE_ROWS + 10])
def test_an_inspection_heatmap_says_not_graded_at_their_inspection(count: int) -> None:
    said = _said(INSPECTION, count)
    assert NOT_GRADED in said and "no level" not in said


def test_a_self_evaluation_heatmap_says_no_level() -> None:
    said = _said(SELF, 12)
    assert "- no level" in said and NOT_GRADED not in said
