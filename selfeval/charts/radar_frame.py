"""What a radar draws around its outlines: rings, spokes, their labels and the keys.

The rings are numbered between two spokes, never on one: a marker only ever sits on a spoke,
so a number in the gap can be kept clear of every marker (a scale word beside the first spoke
half covered QI 1.2's agreed level). The words of the scale go in a key of their own, and a
second key says what a filled and a hollow marker mean.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from selfeval.charts.frame import wrap_title
from selfeval.charts.geometry import ring_label_xy, ring_xy, spoke_angles, spoke_end, to_xy
from selfeval.charts.page import MIN_TEXT
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale
from selfeval.paper import TEXT_WIDTH

__all__ = [
    "KEY_ROOM",
    "LIMIT_X",
    "LIMIT_Y",
    "RING_PT",
    "SCALE_ROOM",
    "TEXT_PT",
    "WIDTH",
    "RadarArtists",
    "agreed_key",
    "below_axes",
    "draw_frame",
    "place_ring_labels",
    "spoke_label",
]

WIDTH = TEXT_WIDTH
"""Inches: a radar of one setting is drawn as wide as the text of an A4 page inside Word's
default margins (15.93 cm), where a plan places it, so it prints at 100% there and alone
(drawn 7.5 inches wide with 9.6 pt words, it printed at its own size only on a sheet with
margins under 0.4 inch, and every other way its words at the mercy of the scaling)."""
TEXT_PT = MIN_TEXT
"""Type size of the spokes' labels, at the size the chart prints."""
RING_PT = TEXT_PT
"""The ring numbers and the keys."""
MARKER_PT = 6.0 + 1.6
"""The widest marker drawn (a hollow one with its edge), in points."""
KEY_ROOM = 0.3
"""Inches above the radar for the key to filled and hollow markers."""
SCALE_ROOM = 0.4
"""Inches below the radar for the key to the ring numbers (two lines at most)."""
LIMIT_X, LIMIT_Y = 1.75, 1.5
"""The axes reach this many times the outer ring across and up: room for the spoke labels."""


@dataclass
class RadarArtists:
    """What `draw_radar` drew, for tests and for updating in place."""

    outlines: list[Line2D] = field(default_factory=list)
    fills: list[object] = field(default_factory=list)
    spoke_labels: list[Text] = field(default_factory=list)
    ring_labels: list[Text] = field(default_factory=list)
    """Each ring's number, placed between two spokes by `place_ring_labels`."""
    gap_labels: list[Text] = field(default_factory=list)
    """Each spoke's label with "(no level yet)", shown over it only where there is a gap."""
    legend: Legend | None = None


def spoke_label(column: QIColumn, width: int = 20) -> str:
    """A spoke's label: the QI number and its title, wrapped on spaces, never cut short."""
    return textwrap.fill(column.heading, width, break_on_hyphens=False, break_long_words=False)


def draw_frame(ax: Axes, columns: Sequence[QIColumn], scale: Scale) -> RadarArtists:
    """Rings, spokes, the spokes' labels, the ring numbers (at their first place) and the key
    to the scale's words."""
    artists = RadarArtists()
    angles = spoke_angles(len(columns))
    top = scale.highest
    for value in scale.values:
        xs, ys = ring_xy(value, angles)
        if value == scale.good_from:  # the "good" line: dashed, so it never reads as an outline
            ax.plot(xs, ys, color="0.55", linewidth=1.1, linestyle=(0, (4, 3)), zorder=1)
        else:
            ax.plot(xs, ys, color="0.82", linewidth=0.7, zorder=1)
    for angle in angles:
        x, y = to_xy(angle, top)
        ax.plot([0, x], [0, y], color="0.82", linewidth=0.7, zorder=1)
    for value in scale.values:
        artists.ring_labels.append(
            ax.text(  # under the outlines (never over a marker), over the rings
                0, 0, str(value), fontsize=RING_PT, color="0.25", ha="center", va="center",
                zorder=2, gid="ring",
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"},
            )
        )  # fmt: skip
    place_ring_labels(ax, artists, scale, [])
    for angle, column in zip(angles, columns, strict=True):
        _spoke_labels(ax, artists, column, spoke_end(angle, top * 1.1))
    _scale_key(ax, scale)
    ax.set_xlim(-top * LIMIT_X, top * LIMIT_X)
    ax.set_ylim(-top * LIMIT_Y, top * LIMIT_Y)
    ax.set_aspect("equal")
    ax.axis("off")
    return artists


def _spoke_labels(
    ax: Axes, artists: RadarArtists, column: QIColumn, where: tuple[float, float, str, str]
) -> None:
    """The spoke's label, and the same with "(no level yet)" over it, shown only where the
    outline has a gap (so a batch of charts re-uses one background whatever its gaps)."""
    x, y, ha, va = where
    label = spoke_label(column)
    artists.spoke_labels.append(ax.text(x, y, label, fontsize=TEXT_PT, ha=ha, va=va, zorder=3))
    artists.gap_labels.append(
        ax.text(
            x, y, label + "\n(no level yet)", fontsize=TEXT_PT, ha=ha, va=va, color="0.4",
            style="italic", zorder=6, visible=False, gid="gap",
            bbox={"boxstyle": "square,pad=0.25", "fc": "white", "ec": "none"},
        )
    )  # fmt: skip


def _scale_key(ax: Axes, scale: Scale) -> None:
    """The scale's words under the radar, wrapped to its width: the rings are numbered, the
    key says what each number means."""
    words = [  # each level's words kept on one line (no-break spaces)
        (scale.label(v) + (" (dashed)" if v == scale.good_from else "")).replace(" ", "\u00a0")
        for v in sorted(scale.values)
    ]
    figure = cast(Figure, ax.figure)
    width = 0.95 * figure.get_figwidth() * ax.get_position().width
    said = wrap_title("Rings from the centre: " + " · ".join(words), width, RING_PT)
    ax.text(  # under the axes (`SCALE_ROOM`), where no spoke's label reaches
        0.5, -below_axes(ax, 0.04), said, transform=ax.transAxes, ha="center",
        va="top", fontsize=RING_PT, color="0.25", gid="key",
    )  # fmt: skip


def _inches_high(ax: Axes) -> float:
    return cast(Figure, ax.figure).get_figheight() * ax.get_position().height


def below_axes(ax: Axes, inches: float) -> float:
    """*inches* as a fraction of *ax*'s height: where to anchor what goes under it."""
    return inches / max(1e-9, _inches_high(ax))


def agreed_key(ax: Axes) -> Legend:
    """Above the radar, on one line: a filled marker is the team's agreed level, a hollow one
    only suggested. Outside the axes (`KEY_ROOM` above them), so no spoke's label, however
    many lines its title wraps to, can reach it."""
    handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=6, color="0.3",
               label="agreed by the team"),
        Line2D([], [], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
               markeredgecolor="0.3", markeredgewidth=1.6,
               label="suggested by selfeval, not yet agreed"),
    ]  # fmt: skip
    key = Legend(
        ax, handles, [str(h.get_label()) for h in handles], loc="lower center",
        bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=RING_PT, frameon=False,
        handletextpad=0.3, columnspacing=2.0, borderaxespad=0.2, borderpad=0.0,
    )  # fmt: skip
    key.set_gid("key")
    ax.add_artist(key)
    return key


def place_ring_labels(
    ax: Axes, artists: RadarArtists, scale: Scale, levels: Sequence[Sequence[int | None]]
) -> None:
    """Put each ring's number between two spokes where no marker of *levels* (one sequence per
    outline) can touch it: all in one gap, of those clear of markers for all the one the
    fewest outlines cross (the first round from the top of those), else each in the first
    gap clear for it; a number with no clear gap (a marker on that ring at every spoke) is
    left out, its ring still keyed under the chart."""
    spokes = len(artists.spoke_labels) or 1
    clearance = _clearance(ax, scale)
    gaps = range(spokes) if spokes >= 3 else range(1)

    def struck(gap: int) -> int:  # how many numbers in *gap* an outline would cross
        return sum(not _off_lines(v, gap, spokes, levels, clearance[1]) for v in scale.values)

    clear = [g for g in gaps if all(_clear(v, g, spokes, levels, clearance) for v in scale.values)]
    together = min(clear, key=struck, default=None)  # all in one gap reads best
    for value, label in zip(scale.values, artists.ring_labels, strict=True):
        chosen = together
        if chosen is None:  # else each in the first gap clear for it
            chosen = next((g for g in gaps if _clear(value, g, spokes, levels, clearance)), None)
        label.set_visible(chosen is not None)  # nowhere clear: the key still says the word
        label.set_position(ring_label_xy(value, spokes, chosen or 0))


def _off_lines(
    value: int, gap: int, spokes: int, levels: Sequence[Sequence[int | None]], room: float
) -> bool:
    """Whether no outline crosses ring *value*'s number in *gap*: an edge between levels a and
    b on the gap's two spokes crosses the line halfway between them at 2ab·cos(π/n)/(a+b)
    from the centre, the number sits at value·cos(π/n)."""
    if spokes < 3:
        return True
    cos = math.cos(math.pi / spokes)
    for outline in levels:
        a, b = outline[gap], outline[(gap + 1) % spokes]
        if a is not None and b is not None and abs(2 * a * b / (a + b) - value) * cos < room:
            return False
    return True


def _clearance(ax: Axes, scale: Scale) -> tuple[float, float]:
    """How far (across, up, in data units) a ring number's centre must be from a marker's."""
    figure = cast(Figure, ax.figure)
    box = ax.get_position()
    width, height = figure.get_figwidth() * box.width, figure.get_figheight() * box.height
    top = scale.highest
    per_point = max(2 * top * LIMIT_X / width, 2 * top * LIMIT_Y / height) / 72
    half_width, half_height = 0.35 * RING_PT + 1.5, 0.6 * RING_PT + 1.0  # one digit, boxed
    return (half_width + MARKER_PT / 2) * per_point, (half_height + MARKER_PT / 2) * per_point


def _clear(
    value: int, gap: int, spokes: int, levels: Sequence[Sequence[int | None]],
    clearance: tuple[float, float],
) -> bool:  # fmt: skip
    """Whether ring *value*'s number in *gap* is clear of every marker."""
    x, y = ring_label_xy(value, spokes, gap)
    angles = spoke_angles(spokes)
    for outline in levels:
        for angle, level in zip(angles, outline, strict=False):
            if level is None:
                continue
            mx, my = to_xy(angle, level)
            if abs(mx - x) < clearance[0] and abs(my - y) < clearance[1]:
                return False
    return True
