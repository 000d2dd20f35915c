"""Radar charts of a setting's QI profile: one setting, an overlay of several, or one over time.

Drawn on ordinary axes from the pure geometry in `geometry.py` (straight edges, exact vertices
that tests can check). `draw_radar` draws on axes it is given; `radar_figure` makes a figure;
`RadarBatch` keeps one figure and its fixed artists and only moves the outline, for exporting
thousands of charts quickly.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from matplotlib.transforms import offset_copy
from PIL import Image

from selfeval.charts.export import DPI
from selfeval.charts.frame import wrap_title
from selfeval.charts.geometry import (
    polygon_xy,
    ring_label_xy,
    ring_xy,
    spoke_angles,
    spoke_end,
    to_xy,
)
from selfeval.charts.style import LINESTYLES, MARKERS, PALETTE
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = ["Profile", "RadarArtists", "RadarBatch", "draw_radar", "radar_figure"]

MAX_OVERLAY = len(PALETTE)
TEXT_PT = 9.5
"""Type size on the 19 cm figure: at least 8 pt when the chart is printed 16 cm wide (half an
A4 page), as a plan pastes it."""


@dataclass(frozen=True)
class Profile:
    """One outline on a radar: a label and one level (or None) per QI."""

    label: str
    levels: tuple[int | None, ...]
    agreed: tuple[bool, ...] | None = None
    """Per QI, whether the level is the team's agreed one (filled marker) or only selfeval's
    suggestion (open marker); None when the chart does not say (all drawn filled)."""


@dataclass
class RadarArtists:
    """What `draw_radar` drew, for tests and for updating in place."""

    outlines: list[Line2D] = field(default_factory=list)
    fills: list[Polygon] = field(default_factory=list)
    spoke_labels: list[Text] = field(default_factory=list)
    ring_labels: list[Text] = field(default_factory=list)
    gap_labels: list[Text] = field(default_factory=list)
    """Each spoke's label with "(no level yet)", shown over it only where there is a gap."""
    legend: Legend | None = None


def spoke_label(column: QIColumn, width: int = 20) -> str:
    """A spoke's label: the QI number and its title, wrapped."""
    return textwrap.fill(column.heading, width, break_on_hyphens=False)


def _frame(ax: Axes, columns: Sequence[QIColumn], scale: Scale, artists: RadarArtists) -> None:
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
    figure = cast(Figure, ax.figure)
    beside = offset_copy(ax.transData, fig=figure, x=5, y=0, units="points")  # right of the spoke
    for value in scale.values:
        x, y = ring_label_xy(value)
        artists.ring_labels.append(
            ax.text(  # above the outline, on an opaque ground: a line never strikes it through
                x,
                y,
                scale.label(value),
                fontsize=TEXT_PT - 1,
                color="0.3",
                ha="left",
                va="center",
                transform=beside,
                zorder=7,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "0.85", "lw": 0.5},
            )
        )
    for angle, column in zip(angles, columns, strict=True):
        x, y, ha, va = spoke_end(angle, top * 1.1)
        artists.spoke_labels.append(
            ax.text(x, y, spoke_label(column), fontsize=TEXT_PT, ha=ha, va=va, zorder=3)
        )
        # drawn over the label (white box) where the outline has a gap, so a chart re-uses
        # the same background whatever its gaps
        artists.gap_labels.append(
            ax.text(
                x,
                y,
                spoke_label(column) + "\n(no level yet)",
                fontsize=TEXT_PT,
                ha=ha,
                va=va,
                color="0.4",
                style="italic",
                zorder=6,
                visible=False,
                bbox={"boxstyle": "square,pad=0.25", "fc": "white", "ec": "none"},
            )
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
        if profile.agreed is not None:
            _mark_suggested(ax, profile, angles, PALETTE[n], MARKERS[n])
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
    if any(profile.agreed is not None for profile in profiles):
        key = "● agreed by the team\n○ suggested by selfeval,\n   not yet agreed"
        ax.text(0.0, 1.0, key, transform=ax.transAxes, ha="left", va="top", fontsize=TEXT_PT - 1)
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


def _mark_suggested(
    ax: Axes, profile: Profile, angles: Sequence[float], colour: str, marker: str
) -> None:
    """Draw the markers of merely suggested levels open (white inside), so a reader sees at once
    which levels the team agreed; a key below the chart says so."""
    assert profile.agreed is not None
    points = [
        to_xy(angle, level)
        for level, angle, agreed in zip(profile.levels, angles, profile.agreed, strict=True)
        if level is not None and not agreed
    ]
    if points:
        ax.plot(
            [x for x, _ in points],
            [y for _, y in points],
            linestyle="none",
            marker=marker,
            markersize=6,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=1.6,
            zorder=6,
        )


def _mark_gaps(profile: Profile, artists: RadarArtists) -> None:
    """Say "no level yet" on the spokes where the outline has a gap."""
    for level, note in zip(profile.levels, artists.gap_labels, strict=True):
        note.set_visible(level is None)


def _footer(figure: Figure, title: str, source: str, synthetic: bool) -> tuple[Text, Text]:
    heading = figure.suptitle(title, fontsize=TEXT_PT + 3, fontweight="bold", y=0.97)
    note = source + ("\nSYNTHETIC DEMONSTRATION DATA: not a real setting." if synthetic else "")
    footer = figure.text(
        0.02, 0.015, note, fontsize=TEXT_PT - 1, color="0.3", ha="left", va="bottom", wrap=True
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
    heading = wrap_title(title, 7.2, TEXT_PT + 3, bold=True)  # a long name wraps
    extra = 0.25 * heading.count("\n")  # and the radar moves down to make room
    height = 7.0 + 0.3 * rows + extra
    figure = Figure(figsize=(7.5, height))
    bottom = (0.6 + 0.3 * rows) / height
    ax = figure.add_axes((0.03, bottom, 0.94, 1 - bottom - (0.5 + extra) / height))
    draw_radar(ax, columns, scale, profiles)
    _footer(figure, heading, source, synthetic)
    return figure


class RadarBatch:
    """One reusable single-profile radar: the frame is drawn once, each chart moves the outline.

    Exporting a chart per setting for a whole authority (or all 2,439 schools) redraws only what
    changes. For PNG the fixed frame is rendered once and copied under each chart (blitting);
    SVG and PDF, which are vector formats, are rendered in full from the same figure.
    """

    def __init__(self, columns: Sequence[QIColumn], scale: Scale) -> None:
        self.columns = list(columns)
        self.angles = spoke_angles(len(columns))
        self.figure = Figure(figsize=(7.5, 7.0), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.figure)
        ax = self.figure.add_axes((0.03, 0.6 / 7.0, 0.94, 1 - 1.1 / 7.0))
        self.artists = RadarArtists()
        _frame(ax, self.columns, scale, self.artists)
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
        self._moving: list[Artist] = [
            self.fill, self.line, *self.artists.gap_labels, self.heading, self.footer,
        ]  # fmt: skip
        self._background: object | None = None

    def render(self, profile: Profile, title: str, source: str, synthetic: bool) -> Figure:
        """The shared figure showing *profile* (valid until the next call), for any format."""
        self._update(profile, title, source, synthetic)
        for artist in self._moving:
            artist.set_animated(False)
        return self.figure

    def png(self, profile: Profile, title: str, source: str, synthetic: bool) -> bytes:
        """*profile*'s chart as PNG bytes, drawing only what differs from the last one."""
        self._update(profile, title, source, synthetic)
        if self._background is None:
            for artist in self._moving:
                artist.set_animated(True)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.canvas.restore_region(self._background)
        for artist in self._moving:
            if artist.get_visible():
                self.figure.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw",
                                 "RGBA", 0, 1)  # fmt: skip
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _update(self, profile: Profile, title: str, source: str, synthetic: bool) -> None:
        xs, ys = polygon_xy(profile.levels, self.angles)
        self.line.set_data(xs, ys)
        complete = None not in profile.levels
        self.fill.set_visible(complete)
        if complete:
            self.fill.set_xy(list(zip(xs, ys, strict=True)))
        _mark_gaps(profile, self.artists)
        self.heading.set_text(title)
        note = source + ("\nSYNTHETIC DEMONSTRATION DATA: not a real setting." if synthetic else "")
        self.footer.set_text(note)
