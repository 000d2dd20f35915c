"""Radar charts of a setting's QI profile: one setting, an overlay of several, or one over time.

Drawn on ordinary axes from the pure geometry in `geometry.py` (straight edges, exact vertices
that tests can check). `draw_radar` draws on axes it is given; `radar_figure` makes a figure;
`RadarBatch` keeps one figure and its fixed artists and only moves the outline, for exporting
thousands of charts quickly.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text

from selfeval.charts.geometry import polygon_xy, ring_xy, spoke_angles, spoke_end, to_xy
from selfeval.charts.style import LINESTYLES, MARKERS, PALETTE
from selfeval.comparison import QIColumn
from selfeval.framework.model import Scale

__all__ = ["Profile", "RadarArtists", "RadarBatch", "draw_radar", "radar_figure"]

MAX_OVERLAY = len(PALETTE)


@dataclass(frozen=True)
class Profile:
    """One outline on a radar: a label and one level (or None) per QI."""

    label: str
    levels: tuple[int | None, ...]


@dataclass
class RadarArtists:
    """What `draw_radar` drew, for tests and for updating in place."""

    outlines: list[Line2D] = field(default_factory=list)
    fills: list[Polygon] = field(default_factory=list)
    spoke_labels: list[Text] = field(default_factory=list)
    ring_labels: list[Text] = field(default_factory=list)
    legend: Legend | None = None


def spoke_label(column: QIColumn, width: int = 20) -> str:
    """A spoke's label: the QI number and its title, wrapped."""
    return textwrap.fill(f"{column.id} {column.title}", width, break_on_hyphens=False)


def _frame(ax: Axes, columns: Sequence[QIColumn], scale: Scale, artists: RadarArtists) -> None:
    angles = spoke_angles(len(columns))
    top = scale.highest
    for value in scale.values:
        xs, ys = ring_xy(value, angles)
        strong = value == scale.good_from
        ax.plot(
            xs, ys, color="0.55" if strong else "0.82", linewidth=1.1 if strong else 0.7, zorder=1
        )
    for angle in angles:
        x, y = to_xy(angle, top)
        ax.plot([0, x], [0, y], color="0.82", linewidth=0.7, zorder=1)
    label_angle = angles[1] / 2 if len(angles) > 1 else angles[0] + 0.4
    for value in scale.values:
        x, y = to_xy(label_angle, value)
        artists.ring_labels.append(
            ax.text(
                x,
                y,
                f"{value} {scale.word(value)}",
                fontsize=6.5,
                color="0.35",
                ha="center",
                va="center",
                zorder=2,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        )
    for angle, column in zip(angles, columns, strict=True):
        x, y, ha, va = spoke_end(angle, top * 1.1)
        artists.spoke_labels.append(
            ax.text(x, y, spoke_label(column), fontsize=7.5, ha=ha, va=va, zorder=3)
        )
    limit = top * 1.75
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-top * 1.5, top * 1.5)
    ax.set_aspect("equal")
    ax.axis("off")


def draw_radar(
    ax: Axes,
    columns: Sequence[QIColumn],
    scale: Scale,
    profiles: Sequence[Profile],
    legend: bool | None = None,
) -> RadarArtists:
    """Draw the scale's rings, one spoke per QI, and an outline per profile on *ax*."""
    if len(profiles) > MAX_OVERLAY:
        raise ValueError(f"at most {MAX_OVERLAY} settings on one radar chart")
    artists = RadarArtists()
    _frame(ax, columns, scale, artists)
    angles = spoke_angles(len(columns))
    single = len(profiles) == 1
    for n, profile in enumerate(profiles):
        xs, ys = polygon_xy(profile.levels, angles)
        (line,) = ax.plot(
            xs,
            ys,
            color=PALETTE[n],
            linestyle=LINESTYLES[n],
            marker=MARKERS[n],
            markersize=5,
            linewidth=2,
            label=profile.label,
            zorder=5,
        )
        artists.outlines.append(line)
        if single and None not in profile.levels:
            patch = Polygon(
                list(zip(xs, ys, strict=True)),
                closed=True,
                facecolor=PALETTE[n],
                alpha=0.18,
                edgecolor="none",
                zorder=4,
            )
            ax.add_patch(patch)
            artists.fills.append(patch)
    if single:
        _mark_gaps(profiles[0], artists)
    if legend or (legend is None and not single):
        artists.legend = ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            fontsize=8,
            frameon=False,
            handlelength=3.5,
            ncols=2,
        )
    return artists


def _mark_gaps(profile: Profile, artists: RadarArtists) -> None:
    for level, label in zip(profile.levels, artists.spoke_labels, strict=True):
        if level is None:
            label.set_text(label.get_text() + "\n(no level yet)")
            label.set_color("0.45")
            label.set_fontstyle("italic")


def _footer(figure: Figure, title: str, source: str, synthetic: bool) -> tuple[Text, Text]:
    heading = figure.suptitle(title, fontsize=12, fontweight="bold", y=0.97)
    note = source + ("\nSYNTHETIC DEMONSTRATION DATA: not a real setting." if synthetic else "")
    footer = figure.text(
        0.02, 0.015, note, fontsize=6.5, color="0.3", ha="left", va="bottom", wrap=True
    )
    return heading, footer


def radar_figure(
    columns: Sequence[QIColumn],
    scale: Scale,
    profiles: Sequence[Profile],
    title: str,
    source: str,
    synthetic: bool = False,
) -> Figure:
    """A figure with one radar chart: one profile, or an overlay of up to six."""
    rows = 0 if len(profiles) == 1 else (len(profiles) + 1) // 2
    height = 7.0 + 0.3 * rows
    figure = Figure(figsize=(7.5, height))
    bottom = (0.6 + 0.3 * rows) / height
    ax = figure.add_axes((0.03, bottom, 0.94, 1 - bottom - 0.5 / height))
    draw_radar(ax, columns, scale, profiles)
    _footer(figure, title, source, synthetic)
    return figure


class RadarBatch:
    """One reusable single-profile radar: the frame is drawn once, each chart moves the outline.

    Exporting a chart per setting for a whole authority (or all 2,439 schools) re-renders only
    what changes instead of building a figure each time.
    """

    def __init__(self, columns: Sequence[QIColumn], scale: Scale) -> None:
        self.columns = list(columns)
        self.angles = spoke_angles(len(columns))
        self.figure = Figure(figsize=(7.5, 7.0))
        ax = self.figure.add_axes((0.03, 0.6 / 7.0, 0.94, 1 - 1.1 / 7.0))
        self.artists = RadarArtists()
        _frame(ax, self.columns, scale, self.artists)
        self._labels = [label.get_text() for label in self.artists.spoke_labels]
        (self.line,) = ax.plot(
            [],
            [],
            color=PALETTE[0],
            linestyle=LINESTYLES[0],
            marker=MARKERS[0],
            markersize=5,
            linewidth=2,
            zorder=5,
        )
        self.fill = Polygon(
            [(0, 0)], closed=True, facecolor=PALETTE[0], alpha=0.18, edgecolor="none", zorder=4
        )
        ax.add_patch(self.fill)
        self.heading, self.footer = _footer(self.figure, "", "", False)

    def render(self, profile: Profile, title: str, source: str, synthetic: bool) -> Figure:
        """The shared figure showing *profile*; valid until the next call."""
        xs, ys = polygon_xy(profile.levels, self.angles)
        self.line.set_data(xs, ys)
        complete = None not in profile.levels
        self.fill.set_visible(complete)
        if complete:
            self.fill.set_xy(list(zip(xs, ys, strict=True)))
        for text, original, level in zip(
            self.artists.spoke_labels, self._labels, profile.levels, strict=True
        ):
            text.set_text(original if level is not None else original + "\n(no level yet)")
            text.set_color("black" if level is not None else "0.45")
            text.set_fontstyle("normal" if level is not None else "italic")
        self.heading.set_text(title)
        note = source + ("\nSYNTHETIC DEMONSTRATION DATA: not a real setting." if synthetic else "")
        self.footer.set_text(note)
        return self.figure
