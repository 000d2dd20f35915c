"""Where the counts of a distribution chart's bar go: across each segment that holds its
count, and beside the bar's outer end, on a chip of the segment's colour, where it is thin.

Printed above the bar, two thin segments' counts read as one number (the national chart's
"5 116": 5 unsatisfactory, 116 weak), and in the gap between rows as the row above's. Beside
the bar's end, on its row's own line, each count sits on a chip of its level's colour (or
hatching), in the order of the segments, the outermost level outermost, chips apart: each
count is its row's and its level's, printed in grey as in colour (the level colours print
apart in grey: `selfeval.charts.style`), and no two run together. Where the chips would
run past 100%, the axis runs on (the bars a little shorter), and where even that is too
far, a thin segment wide enough takes its count upright; counts with no room at all
(thousands of settings on a portrait page) are left out and the chart says so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from selfeval.charts.frame import text_width
from selfeval.charts.page import SMALL
from selfeval.charts.style import ON_HATCH, text_colour
from selfeval.compare.cells import block_span
from selfeval.compare.records import Distribution

__all__ = ["BAR", "CHIP", "Segment", "Side", "draw_bar", "fits", "overrun", "plan", "stack"]

BAR = 0.72
"""A bar's height, in rows."""
DIGIT = 0.075
"""Inches: about the width of one digit of 8 pt text, with a little to spare."""
CHIP = 0.18
"""Inches: a chip's height (8 pt digits and a little ground above and below)."""
UPRIGHT = 0.15
"""Inches: the narrowest segment that holds its count turned upright."""
PAD, GAP, OFF, EDGE = 0.03, 0.08, 0.05, 0.04
"""Inches: ground either side of a chip's count; between two chips; between the bar's end
and its first chip; between the last chip and the edge of the axis."""
STACKED = (2 * 1.2 * 8 + 2) / 72
"""Inches: the height two lines of 8 pt take, and their white ground."""
MOST = 200.0
"""Percentage points the axis may run beyond its 100% either side together, at most: the
bars keep half the width, however many counts are beside them."""


@dataclass(frozen=True)
class Segment:
    """One level's stretch of a bar, from *start* by *width* percentage points (negative
    below good), its *count*, and its *colour* (None: levels counted together, hatched, their
    *levels* said as the brief says them: "5-6")."""

    start: float
    width: float
    count: int
    colour: str | None
    levels: str = ""

    @property
    def end(self) -> float:
        """Where the segment ends, away from the boundary."""
        return self.start + self.width

    @property
    def label(self) -> str:
        """What is printed for it: its count, and for levels counted together which levels
        ("5-6: 12", as the brief prints them; "12" alone read as any of the side's levels)."""
        return f"{self.levels}: {self.count}" if self.levels else str(self.count)

    @property
    def stacked(self) -> str:
        """Its `label` on two lines, the levels over the count, to fit a narrower segment."""
        return f"{self.levels}:\n{self.count}" if self.levels else str(self.count)


def stack(
    dist: Distribution, levels: Sequence[int], colours: Mapping[int, str], side: float
) -> list[Segment]:
    """*levels* stacked outward from the boundary on one *side* (1 right, -1 left), those
    `hidden` (an anonymised paper's, counted only together) as one hatched segment last,
    its levels said ("5-6")."""
    shown = [(dist.counts.get(v, 0), colours[v], "") for v in levels if v not in dist.hidden]
    hidden = [v for v in levels if v in dist.hidden]
    together = sum(dist.counts.get(v, 0) for v in hidden)
    span = block_span(frozenset(hidden)) if hidden else ""
    segments: list[Segment] = []
    start = 0.0
    for count, colour, said in [*shown, (together, None, span)]:
        if count:
            width = side * 100.0 * count / dist.with_level
            segments.append(Segment(start, width, count, colour, said))
            start += width
    return segments


def fits(segment: Segment, unit: float, high: float = 0.0) -> bool:
    """Whether *segment*'s count (its `label`) fits across it, at *unit* inches a percentage
    point, with half a digit's room either side: two counts in neighbouring segments are a
    digit's width apart at least (closer, "48 47" read nearly as one number). The levels
    before a count ("4-6: ") are measured: narrower than as many digits. Levels counted
    together also fit on two lines (`stacks`) in a bar *high* inches tall."""
    said = f"{segment.levels}: " if segment.levels else ""
    before = text_width(said, SMALL) * 1.06 / 72
    across = abs(segment.width) * unit >= before + DIGIT * (len(str(segment.count)) + 1)
    return across or stacks(segment, unit, high)


def stacks(segment: Segment, unit: float, high: float) -> bool:
    """Whether levels counted together fit in *segment* on two lines, levels over count
    ("5-6:" over "53"), where one line does not: on a portrait page's narrow bars "5-6: 53"
    on one line went beside the bar, and the chips took the bars' width."""
    if not segment.levels or high < STACKED:
        return False
    wide = max(text_width(f"{segment.levels}:", SMALL), text_width(str(segment.count), SMALL))
    return abs(segment.width) * unit >= wide * 1.06 / 72 + DIGIT


def upright_fits(segment: Segment, unit: float, high: float) -> bool:
    """Whether *segment*'s count fits inside it turned upright, at *unit* inches a percentage
    point in a bar *high* inches tall."""
    along = text_width(segment.label, SMALL) * 1.06 / 72 + 2 * PAD
    return abs(segment.width) * unit >= UPRIGHT and along <= high


def chip_width(label: str) -> float:
    """Inches of the chip of *label*: its text, measured, and the ground either side."""
    return text_width(label, SMALL) * 1.06 / 72 + 2 * PAD


@dataclass(frozen=True)
class Side:
    """Where the counts of one side of a bar go: each of its *segments* (boundary outward)
    holds its count across it, or upright in it (*upright*, by index), or has a chip beside
    the bar's end (*chips*, by index, in the segments' order)."""

    segments: tuple[Segment, ...]
    upright: frozenset[int]
    chips: tuple[int, ...]

    @property
    def end(self) -> float:
        """Percentage points from the boundary to the bar's end on this side."""
        return abs(self.segments[-1].end) if self.segments else 0.0

    @property
    def reach(self) -> float:
        """Inches beyond the bar's end that its chips take (0 with none)."""
        if not self.chips:
            return 0.0
        wide = sum(chip_width(self.segments[i].label) for i in self.chips)
        return OFF + wide + GAP * (len(self.chips) - 1) + EDGE


def plan(segments: Sequence[Segment], unit: float, high: float) -> Side:
    """Where each count of one side's *segments* goes, at *unit* inches a percentage point in
    a bar *high* inches tall: across its segment where it fits, else on a chip beside the
    bar's end where the chips fit on the page as drawn; where they do not, the widest thin
    segments that hold their count upright take it so (a bar's every count on chips ran
    beyond 100% and shrank the bars, thinning more of them), until the rest fit."""
    thin = [i for i, s in enumerate(segments) if not fits(s, unit, high)]
    can = sorted(
        (i for i in thin if upright_fits(segments[i], unit, high)),
        key=lambda i: (-abs(segments[i].width), i),
    )
    upright: set[int] = set()
    side = Side(tuple(segments), frozenset(), tuple(thin))
    for i in can:
        if side.end * unit + side.reach <= 100.0 * unit:
            break
        upright.add(i)
        side = Side(tuple(segments), frozenset(upright), tuple(c for c in thin if c not in upright))
    return side


def overrun(
    rows: Sequence[Sequence[Segment]], bars: float, high: float
) -> tuple[float, float] | None:
    """Percentage points the axis must run beyond -100% and 100% so that the chips of every
    row in *rows* (each row's segments, both sides) sit inside it, the whole axis *bars*
    inches wide and each bar *high* inches tall. Running further shrinks the bars, which may
    thin another segment: worked out again until it holds. None where that would take more
    than `MOST` (thousands of settings on a portrait page's narrow bars)."""
    whole = 200.0  # percentage points across the axis
    for _ in range(20):  # the chips at this width; then the width they need, worked out
        unit = bars / whole
        # each side's rows: how far past 100% they need the axis, as a line in its width
        lines: dict[float, list[tuple[float, float]]] = {-1.0: [], 1.0: []}
        for segments in rows:
            for side, own in lines.items():
                placed = plan([s for s in segments if s.width * side > 0], unit, high)
                if placed.reach:
                    own.append((placed.end - 100.0, placed.reach / bars))
        wider = whole
        for _ in range(200):  # cheap: the same chips, only the width moves
            past = [max([0.0, *(at + per * wider for at, per in own)]) for own in lines.values()]
            if sum(past) > MOST:
                return None
            wider, was = 200.0 + sum(past), wider
            if wider - was < 1e-6:
                break
        if wider - whole < 1e-6:
            left, right = past
            return left, right
        whole = wider
    return None


def draw_bar(
    ax: Axes, y: float, segments: Sequence[Segment], unit: float, row: float, limit: float
) -> int:
    """One side of a bar at *y*: its *segments*, each count across it, upright in it or on a
    chip beside the bar's end (*unit* inches a percentage point, *row* inches a row), as
    far as the axis's end *limit* percentage points from the boundary. Returns how many
    counts had no room there and are not printed."""
    placed = plan(segments, unit, BAR * row)
    for i, s in enumerate(segments):
        if s.colour is None:  # counted together: hatched, its count on a white ground
            ax.barh(y, s.width, left=s.start, color="white", edgecolor="0.4", hatch="///",
                    height=BAR)  # fmt: skip
        else:
            ax.barh(y, s.width, left=s.start, color=s.colour, edgecolor="white", height=BAR)
        if i in placed.upright:
            _count(ax, (s.start + s.width / 2, y), s, s.label, 90)
        elif i not in placed.chips:  # across, or as two lines where one does not fit
            two = not fits(s, unit) and stacks(s, unit, BAR * row)
            _count(ax, (s.start + s.width / 2, y), s, s.stacked if two else s.label)
    side = 1.0 if segments and segments[0].width > 0 else -1.0
    at = placed.end * unit + OFF  # inches from the boundary
    left_out = 0
    for i in placed.chips:
        s = segments[i]
        wide = chip_width(s.label)
        if at + wide + EDGE > limit * unit + 0.01:  # no room: not printed
            left_out += 1
            continue
        centre = side * (at + wide / 2) / unit
        at += wide + GAP
        high = min(CHIP / row, BAR)
        corner = (centre - wide / unit / 2, y - high / 2)
        chip = Rectangle(corner, wide / unit, high, facecolor=s.colour or "white",
                         edgecolor="0.35", linewidth=0.6, gid="chip",
                         hatch="///" if s.colour is None else None)  # fmt: skip
        ax.add_artist(chip)  # the axis's limits are set: no patch's limits to take in
        _count(ax, (centre, y), s, s.label)
    return left_out


def _count(
    ax: Axes, at: tuple[float, float], segment: Segment, said: str, turned: float = 0
) -> None:
    """*segment*'s count *said* (with its levels, where counted together) at *at*, *turned* so
    many degrees, in the ink that reads on its colour (on white over hatching)."""
    hatched = segment.colour is None
    ink = "black" if hatched else text_colour(str(segment.colour))
    ax.text(*at, said, ha="center", va="center", fontsize=SMALL, color=ink,
            bbox=ON_HATCH if hatched else None, rotation=turned)  # fmt: skip
