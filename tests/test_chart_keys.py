"""Each comparison chart says at its top whom it counts and when, and under it what its
hatching is, once; a group panel's share stands clear of its bar (issue 31, a committee
reader's trial: distribution titles gave no school year, small multiples no n, the heatmap's
foot said "hatched" of two things in turn, and the panels' shares touched their bars)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from selfeval.charts.frame import Caption
from selfeval.charts.multiples import group_panels_pages
from selfeval.compare.records import SELF, Record
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO
from .drawn import drawn

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn(g.ref.id, g.indicator.title) for g in STEM.groups("primary")]
POPULATION = r"\d+ self-evaluations against [^,]+, school year \d{4}-\d{2}"


def _pages(pages_of: dict[str, list[Figure]], prefix: str) -> Iterator[Figure]:
    for name, pages in pages_of.items():
        if name.startswith(prefix):
            yield from pages


def _title(page: Figure) -> str:
    return " ".join(page.get_suptitle().split())


def _foot(page: Figure) -> str:
    """Every word written on the figure itself, not on its axes, but its title."""
    said = (t.get_text() for t in page.texts if t is not page._suptitle)  # type: ignore[attr-defined]
    return " ".join(" ".join(said).split())


@pytest.mark.parametrize(
    "options", [(), ("--by", "stage"), ("--anonymise", "--by", "cluster")], ids=str
)
def test_distribution_and_small_multiples_say_how_many_and_which_year_at_the_top(
    demo40: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Only the foot said the school year of a distribution chart (the heatmap's title says
    it); small multiples' titles said "self-evaluations against HGIOS4", of no number."""
    pages_of = drawn(str(demo40), "-o", str(tmp_path / "out"), *options)
    distributions = list(_pages(pages_of, "distribution-"))
    multiples = list(_pages(pages_of, "small-multiples-"))
    assert distributions and multiples
    for page in distributions:  # each group's page of its own settings and their year
        assert re.search(f"^Levels per quality indicator: {POPULATION}", _title(page))
    for page in multiples:
        assert re.search(f"^Levels per quality indicator( by \\w+)?: {POPULATION}", _title(page))


def test_an_anonymised_charts_hatching_is_said_once_each_kind_plainly(
    demo40: Path, tmp_path: Path
) -> None:
    """The heatmap hatches a cell withheld plainly, with no number, and levels counted together
    in a box with their count: its foot said "hatched, counted together" and then "Hatched:
    fewer than 5 settings have a level", two meanings of one word. Each foot now says what
    its own hatching is, each kind once; the charts with only one kind say that one."""
    pages_of = drawn(str(demo40), "-o", str(tmp_path / "out"), "--anonymise", "--by", "cluster")
    for prefix, kinds in (("heatmap-", 2), ("distribution-", 1), ("small-multiples-", 1)):
        hatched = [page for page in _pages(pages_of, prefix) if _hatched(page)]
        assert hatched, prefix
        for page in hatched:
            foot = _foot(page)
            assert len(re.findall(r"hatch", foot, re.IGNORECASE)) == kinds, (prefix, foot)
            assert "counted together where fewer than 5 settings" in foot
            if kinds == 2:
                assert "Hatched in a box, with a number: the levels the box spans" in foot
                assert "Hatched with no box or number: withheld" in foot
    for page in _pages(pages_of, "distribution-"):
        if _hatched(page):
            assert 'Hatched, in a box with its levels and count ("5-6: 12")' in _foot(page)


def _hatched(page: Figure) -> bool:
    return any(isinstance(p, Rectangle) and p.get_hatch() for ax in page.axes for p in ax.patches)


def _records(name: str, levels: list[int]) -> list[Record]:
    return [
        Record(f"{name} {n}", SELF, Path(f"{name}{n}.toml"), cluster=name,
               suggested={c.id: level for c in COLUMNS})
        for n, level in enumerate(levels)
    ]  # fmt: skip


def test_a_group_panels_shares_stand_clear_of_the_bars_end() -> None:
    """At 102% of a panel's narrow bars (under an inch) "64% (n=176)" touched the bar's end:
    a gap of a few points now, and the share still inside the page."""
    groups = {
        "A cluster": _records("A", [2, 3, 4, 4, 5, 5, 6, 4, 3, 4, 5, 4]),
        "B cluster": _records("B", [4] * 7 + [3] * 6),
        "C cluster": _records("C", [5] * 8 + [4] * 9 + [2] * 6),
    }
    pages = group_panels_pages(groups, COLUMNS, SCALE, Caption("Levels", "S"))
    page = pages[0]
    canvas = FigureCanvasAgg(page)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    points = page.dpi / 72
    shares = 0
    for ax in page.axes:
        ends = [p.get_window_extent(renderer).x1 for p in ax.patches]
        end = ax.transData.transform((100, 0))[0]
        for text in ax.texts:
            if "%" not in text.get_text():
                continue
            shares += 1
            box = text.get_window_extent(renderer)
            assert box.x0 - max([end, *ends]) >= 3 * points, text.get_text()
            assert box.x1 <= page.bbox.x1
    assert shares == 3 * len(COLUMNS)
