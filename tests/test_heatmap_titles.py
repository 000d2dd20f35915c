"""A heatmap says in its title whom and when it counts, as the distribution chart does, and a
count of 0 is printed as 0 (issue 31, a committee reader's last findings: the titles gave no n
or year, only the foot did, and a blank cell of the counting heatmap read as "not shown")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_pages
from selfeval.compare.inspections import InspectionFile, InspectionRecord, save_inspections
from selfeval.compare.records import SELF, Record
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO
from .drawn import drawn

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn(g.ref.id, g.indicator.title) for g in STEM.groups("primary")]


def _titles(pages_of: dict[str, list[Figure]], prefix: str) -> Iterator[str]:
    """The titles of the pages of the charts named *prefix*..., a line each as printed."""
    for name, pages in pages_of.items():
        if name.startswith(prefix):
            yield from (page.get_suptitle() for page in pages)


@pytest.mark.parametrize("options", [(), ("--anonymise",), ("--anonymise", "--by", "stage")])
def test_a_heatmap_of_self_evaluations_says_how_many_and_of_which_year_at_its_top(
    demo40: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    pages_of = drawn(str(demo40), "-o", str(tmp_path / "out"), *options)
    titles = [" ".join(title.split()) for title in _titles(pages_of, "heatmap-")]
    population = re.compile(r"(\d+) self-evaluations against (HGIOS4|ELC quality framework 2025)")
    counted = {  # the distribution's title gives the population (its first page: all)
        population.search(" ".join(pages[0].get_suptitle().split())).groups()  # type: ignore[union-attr]
        for name, pages in pages_of.items()
        if name.startswith("distribution-")
    }
    assert titles and len(counted) == 2  # schools and nurseries, each its own
    said = set()
    for title in titles:
        assert re.search(r"\d+ self-evaluations against .+, school year \d{4}-\d{2}", title), title
        said.add(population.search(title).groups())  # type: ignore[union-attr]
    assert said == counted


@pytest.mark.parametrize("anonymise", [False, True])
def test_a_heatmap_of_inspection_grades_says_whose_how_many_and_when_graded(
    tmp_path: Path, anonymise: bool
) -> None:
    grades = InspectionFile(
        source="test", imported=datetime(2025, 4, 1, tzinfo=UTC),
        records=tuple(InspectionRecord(seed_code=str(n), name=f"School {n}", authority="X",
                                       inspection_date=date(2019 + n % 4, 5, 1),
                                       grades={"2.3": 3 + n % 3, "3.2": 4})
                      for n in range(12)),
    )  # fmt: skip
    save_inspections(grades, tmp_path / "inspections.toml")
    argv = [str(tmp_path / "inspections.toml"), "-o", str(tmp_path / "out")]
    pages_of = drawn(*argv, *(["--anonymise"] if anonymise else []))
    (title,) = (" ".join(title.split()) for title in _titles(pages_of, "heatmap-"))
    when = "inspected 2018-19 to 2021-22" if anonymise else "inspected May 2019 to May 2022"
    assert f"Schools and quality indicators: schools in X, 12 with an HGIOS4 grade, {when}" in title


def _record(n: int, levels: dict[str, int | None]) -> Record:
    return Record(f"Setting {n}", SELF, Path(f"{n}.toml"), suggested=levels, coded=True)


def test_a_count_of_none_is_printed_0_and_a_withheld_cell_is_left_hatched() -> None:
    """The counting heatmap left a cell of no settings blank, as if not shown; a cell that
    is not shown is hatched, without a number."""
    first, second = COLUMNS[0].id, COLUMNS[1].id
    records = [  # 1.1: 6 at 4 and 6 at 5, none at 6; 1.2: 3 at 2 (too few), 9 no level
        _record(n, {first: 4 + n % 2, **({second: 2} if n < 3 else {})}) for n in range(12)
    ]
    (figure,) = heatmap_pages(records, COLUMNS[:2], SCALE, Caption("T", "S"), coded=True)
    ax = figure.axes[0]
    at = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text() for t in ax.texts}
    levels = [*sorted(SCALE.values, reverse=True), None]  # the rows, top down
    assert at[(0, levels.index(6))] == "0"  # no setting excellent at 1.1: 0, not blank
    assert at[(0, levels.index(5))] == "6" and at[(0, levels.index(1))] == "0"
    assert at[(0, levels.index(None))] == "0"  # every one has a level
    assert at[(1, levels.index(None))] == "9"
    hatched = {
        (round(p.get_x() + 0.5), round(p.get_y() + 0.5))
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_hatch()
    }
    assert hatched == {(1, levels.index(v)) for v in SCALE.values}  # 1.2's levels: too few
    assert not any(cell in at for cell in hatched)  # no number, not even 0, on hatching
