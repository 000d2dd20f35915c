"""The counts on the distribution chart's bars, read by their geometry: each whole, apart from
every other, on its own row and keyed to its own level (issue 31, a committee reader's last
findings: "5 116", "2 91" and "5 55" read as one number, above the row below's bar)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from selfeval.charts.distribution import COUNTS_LEFT_OUT, distribution_figure
from selfeval.charts.frame import Caption
from selfeval.charts.style import level_colours
from selfeval.compare.cells import hidden_levels
from selfeval.compare.records import Distribution
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn(g.ref.id, g.indicator.title) for g in STEM.groups("primary")]
COLOURS = level_colours(SCALE)

NATIONAL = [  # the national spreadsheet's rows, 6 excellent to 1 unsatisfactory
    (0, 19, 21, 18, 1, 0),
    (20, 184, 280, 198, 86, 6),
    (7, 187, 605, 372, 91, 2),
    (16, 227, 304, 167, 55, 5),
    (9, 208, 611, 374, 116, 5),
]


def _dist(
    qi: QIColumn, levels: tuple[int, ...], hidden: frozenset[int] = frozenset()
) -> Distribution:
    counts = dict(zip(range(6, 0, -1), levels, strict=True))
    good = sum(n for v, n in counts.items() if v >= SCALE.good_from)
    return Distribution(qi, counts, sum(levels), 0, good, 5, hidden=hidden, coded=bool(hidden))


@dataclass
class Count:
    """One count as printed: its text, the row it is drawn on, the box it takes (its chip's,
    where it has one) and that chip's colour."""

    text: Text
    row: float
    box: Bbox
    chip: Rectangle | None

    @property
    def number(self) -> int:
        """The count itself ("12" of "4-6: 12")."""
        return int(_said(self.text.get_text())[1])

    @property
    def levels(self) -> str:
        """The levels said before a count of levels counted together ("4-6"), or ""."""
        return _said(self.text.get_text())[0]


COUNT = re.compile(r"(?:(\d+-\d+):[ \n])?(\d+)")
"""A count as printed: digits, or levels counted together and their count ("5-6: 12")."""


def _said(text: str) -> tuple[str, str]:
    found = COUNT.fullmatch(text)
    assert found is not None, text
    return found.group(1) or "", found.group(2)


def _is_count(text: str) -> bool:
    return COUNT.fullmatch(text) is not None


def _counts(figure: Figure) -> tuple[list[Count], list[Bbox], list[Bbox]]:
    """The counts of *figure*'s bars, the bars' boxes, and the boxes of every other text."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    ax = figure.axes[0]
    chips = {
        (round(p.get_x() + p.get_width() / 2, 6), round(p.get_y() + p.get_height() / 2, 6)): p
        for p in ax.get_children()
        if isinstance(p, Rectangle) and p.get_gid() == "chip"
    }
    counts = []
    for text in ax.texts:
        if not _is_count(text.get_text()):
            continue
        x, y = text.get_position()
        chip = chips.pop((round(x, 6), round(y, 6)), None)
        box = (chip or text).get_window_extent(renderer)
        counts.append(Count(text, y, box, chip))
    assert not chips  # every chip has its count
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_gid() != "chip"]
    others = [
        t.get_window_extent(renderer)
        for t in [*figure.findobj(Text)]
        if t.get_text().strip() and not _is_count(t.get_text()) and t.get_visible()
    ]
    return counts, bars, others


def _row_centres(figure: Figure) -> dict[float, float]:
    ax = figure.axes[0]
    return {y: float(ax.transData.transform((0, y))[1]) for y in ax.get_yticks()}


def _pairs(counts: list[Count]) -> Iterator[tuple[Count, Count]]:
    return itertools.combinations(counts, 2)


def assert_counts_read_apart(figure: Figure, dists: list[Distribution]) -> None:
    """Every count printed once, on its own row, nearer it than any other, inside the axis,
    over no bar but its own segment, apart from every other count and every other word, a
    chip in its level's colour, chips outward in the levels' order."""
    counts, bars, others = _counts(figure)
    centres = _row_centres(figure)
    pixels = figure.dpi / 72  # pixels a point
    ax_box = figure.axes[0].get_window_extent()
    rows = sorted(centres)[::-1]
    for y, dist in zip(rows, dists, strict=True):
        printed = sorted(c.number for c in counts if c.row == y)
        blocks = [  # one a side of good at most
            sum(dist.counts[v] for v in dist.hidden if (v < SCALE.good_from) == below)
            for below in (True, False)
        ]
        expected = [n for v, n in dist.counts.items() if n and v not in dist.hidden]
        assert printed == sorted([*expected, *filter(None, blocks)]), dist.qi.id
    for count in counts:
        middle = (count.box.y0 + count.box.y1) / 2
        nearest = min(centres, key=lambda y: abs(centres[y] - middle))
        assert nearest == count.row, count.text.get_text()
        half = abs(centres[rows[0]] - centres[rows[1]]) / 2 if len(rows) > 1 else 1e9
        at = centres[count.row]
        assert at - half <= count.box.y0 and count.box.y1 <= at + half
        assert ax_box.x0 <= count.box.x0 and count.box.x1 <= ax_box.x1, count.text.get_text()
        assert not any(count.box.overlaps(other) for other in others), count.text.get_text()
        if count.chip is not None:  # beside the bars, never over one
            assert not any(count.box.overlaps(bar) for bar in bars), count.text.get_text()
        else:  # inside its own segment
            assert any(
                bar.x0 <= count.box.x0 and count.box.x1 <= bar.x1 and bar.y0 < middle < bar.y1
                for bar in bars
            ), count.text.get_text()
    for one, two in _pairs(counts):
        # apart by a digit's width at least, where side by side on one row
        gap = max(two.box.x0 - one.box.x1, one.box.x0 - two.box.x1)
        if one.row == two.row:
            assert gap >= 4 * pixels, (one.text.get_text(), two.text.get_text())
        assert not one.box.overlaps(two.box), (one.text.get_text(), two.text.get_text())
    for y, dist in zip(rows, dists, strict=True):
        for count in (c for c in counts if c.row == y):  # levels together say which, as the brief
            block = _side_hidden(count, dist) if count.levels else frozenset()
            hatched = count.chip is not None and bool(count.chip.get_hatch())
            assert not hatched or count.levels, count.text.get_text()
            if count.levels:
                assert count.levels == f"{min(block)}-{max(block)}", count.text.get_text()
                assert count.number == sum(dist.counts[v] for v in block)
        chipped = [c for c in counts if c.row == y and c.chip is not None]
        for count in chipped:  # the chip is its level's colour (or hatching, levels together)
            assert count.chip is not None
            n = count.number
            levels = [v for v, k in dist.counts.items() if k == n and v not in dist.hidden]
            if count.chip.get_hatch():
                assert n == sum(dist.counts[v] for v in _side_hidden(count, dist))
            else:
                assert any(
                    tuple(count.chip.get_facecolor()[:3]) == _rgb(COLOURS[v]) for v in levels
                ), n
        for side in (-1, 1):  # outward from the boundary in the levels' order
            zero = figure.axes[0].transData.transform((0, 0))[0]
            own = sorted(
                (c for c in chipped if (c.box.x0 - zero) * side > 0),
                key=lambda c: abs(c.box.x0 - zero),
            )
            order = [_level_of(c, dist) for c in own]
            assert order == sorted(order, reverse=side < 0), (dist.qi.id, order)


def _side_hidden(count: Count, dist: Distribution) -> frozenset[int]:
    """The levels counted together on the side of good whose levels *count* says."""
    assert count.levels, count.text.get_text()  # a hatched count says its levels
    below = int(count.levels.split("-")[0]) < SCALE.good_from
    return frozenset(v for v in dist.hidden if (v < SCALE.good_from) == below)


def _rgb(colour: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(colour)


def _level_of(count: Count, dist: Distribution) -> float:
    """The level a chip stands for (levels counted together: beyond their side's last)."""
    assert count.chip is not None
    if count.chip.get_hatch():
        return 0.5 if min(dist.hidden) < SCALE.good_from else 6.5
    colour = tuple(count.chip.get_facecolor()[:3])
    return next(v for v in COLOURS if _rgb(COLOURS[v]) == colour)


def test_the_national_charts_thin_counts_read_as_their_own_rows_and_levels() -> None:
    """ "5 116" read as one number above the 3.2 row: now 5 (unsatisfactory) and 116 (weak)
    each sit on a chip of their level's colour beside the bar's end, apart, on their row."""
    dists = [_dist(c, levels) for c, levels in zip(COLUMNS, NATIONAL, strict=False)]
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    assert figure.get_figwidth() > 9  # landscape
    assert_counts_read_apart(figure, dists)
    counts, _, _ = _counts(figure)
    chipped = {(c.row, c.text.get_text()) for c in counts if c.chip is not None}
    assert {(0.0, "5"), (0.0, "116"), (0.0, "9")} <= chipped  # the 3.2 row's thin ones


@pytest.mark.parametrize("scale_up", [1, 4, 12])
def test_counts_read_apart_on_a_portrait_pages_narrow_bars(scale_up: int) -> None:
    """Fifteen QIs on a portrait page, the bars 2.2 inches across, from a few settings to a
    few hundred: some counts go on chips, some upright in their segment, none run together."""
    base = [(1, 2, 9, 3, 1, 1), (0, 7, 5, 2, 4, 0), (2, 3, 7, 1, 1, 3), (5, 5, 2, 2, 2, 1)]
    dists = [
        _dist(c, tuple(n * scale_up + (i % 3) for n in base[i % len(base)]))
        for i, c in enumerate(COLUMNS)
    ]
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    assert figure.get_figwidth() < 7  # portrait
    assert_counts_read_apart(figure, dists)


def test_levels_counted_together_keep_their_hatching_on_a_chip() -> None:
    """An anonymised paper's levels counted together, too thin for their count: the chip
    beside the bar is hatched like the segment, the count on white over it."""
    levels = (0, 40, 120, 150, 3, 2)  # below good: 3 weak and 2 unsatisfactory, together
    dists = [_dist(COLUMNS[0], levels, frozenset({1, 2}))]
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    assert_counts_read_apart(figure, dists)
    counts, _, _ = _counts(figure)
    (hatched,) = [c for c in counts if c.chip is not None and c.chip.get_hatch()]
    assert hatched.text.get_text() == "1-2: 5"


def test_levels_counted_together_say_which_levels_as_the_brief_does() -> None:
    """A committee reader's trial: an anonymised paper's hatched 12 on QI 1.3 was levels 4-6
    and the hatched 5 on QI 2.1 was 5-6, which only the brief said. Each block's count now
    says its levels as the brief prints them, in its segment where it fits ("4-6: 12") and
    on its hatched chip beside the bar where it does not."""
    rows = [  # 6 excellent to 1 unsatisfactory
        (3, 5, 4, 2, 2, 1),  # both sides counted whole: 4-6: 12, 1-3: 5
        (1, 4, 7, 5, 5, 0),  # 5-6: 5 beside 7 good
        (40, 60, 90, 30, 3, 2),  # wide: 1-2: 5 too thin, on a chip
    ]
    dists = []
    for column, levels in zip(COLUMNS, rows, strict=False):
        plain = _dist(column, levels)
        dists.append(replace(plain, hidden=hidden_levels(plain, SCALE.good_from), coded=True))
    assert [sorted(d.hidden) for d in dists] == [[1, 2, 3, 4, 5, 6], [5, 6], [1, 2]]
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    assert_counts_read_apart(figure, dists)
    counts, _, _ = _counts(figure)
    said = {(c.row, c.text.get_text(), c.chip is not None) for c in counts if c.levels}
    top, middle, bottom = sorted({c.row for c in counts}, reverse=True)
    assert (top, "4-6: 12", False) in said  # across its own segment
    assert {(top, "1-3: 5"), (middle, "5-6: 5"), (bottom, "1-2: 5")} == {
        (row, text) for row, text, _ in said if (row, text) != (top, "4-6: 12")
    }
    assert (bottom, "1-2: 5", True) in said  # too thin: on its chip


def test_thousands_of_settings_leave_out_counts_with_no_room_and_say_so() -> None:
    """Four-digit counts on a portrait page's narrow bars have no room across, upright or
    beside the bar: they are left out, said under the chart, never printed over each other."""
    dists = [_dist(c, (360, 1290, 1560, 660, 1200, 10 + i)) for i, c in enumerate(COLUMNS)]
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    counts, _, others = _counts(figure)
    said = " ".join(" ".join(t.get_text() for t in figure.findobj(Text)).split())
    assert COUNTS_LEFT_OUT.strip() in said
    for one, two in _pairs(counts):
        assert not one.box.overlaps(two.box)
    ax_box = figure.axes[0].get_window_extent()
    assert all(ax_box.x0 <= c.box.x0 and c.box.x1 <= ax_box.x1 for c in counts)
    assert not any(c.box.overlaps(o) for c in counts for o in others)


def test_levels_counted_together_take_two_lines_where_one_is_too_wide() -> None:
    """A cluster of six on a portrait page: "4-6: 2" is too wide for its third of the bar on
    one line; it goes on two ("4-6:" over "2") inside its segment, not on a chip that would
    run the axis on and shrink every bar."""
    dists = []
    for column in COLUMNS:  # 2 good or better, 4 below: each side counted whole
        plain = _dist(column, (0, 1, 1, 2, 1, 1))
        dists.append(replace(plain, hidden=hidden_levels(plain, SCALE.good_from), coded=True))
    figure = distribution_figure(dists, SCALE, Caption("Levels", "S"))
    assert figure.get_figwidth() < 7  # portrait
    assert_counts_read_apart(figure, dists)
    counts, _, _ = _counts(figure)
    good = [c for c in counts if c.levels == "4-6"]
    assert len(good) == len(COLUMNS)
    assert all(c.chip is None and c.text.get_text() == "4-6:\n2" for c in good)
    assert figure.axes[0].get_xlim() == (-100, 100)  # no chip: the axis does not run on
