"""Radar charts of a setting's QI profile: one setting, an overlay of several, or one over time.

Drawn on ordinary axes from the pure geometry in `geometry.py` (straight edges, exact vertices
that tests can check). `draw_radar` draws on axes it is given; `radar_figure` makes a figure;
`RadarBatch` keeps one figure and its fixed artists and only moves the outline, for exporting
thousands of charts quickly.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from PIL import Image

from selfeval.charts.export import DPI, set_alt
from selfeval.charts.frame import wrap_title
from selfeval.charts.geometry import polygon_xy, spoke_angles, to_xy
from selfeval.charts.radar_frame import (
    KEY_ROOM,
    LIMIT_X,
    LIMIT_Y,
    SCALE_ROOM,
    TEXT_PT,
    WIDTH,
    RadarArtists,
    agreed_key,
    below_axes,
    draw_frame,
    place_ring_labels,
    spoke_label,
)
from selfeval.charts.style import LINESTYLES, MARKERS, PALETTE, year_shades
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = [
    "Profile",
    "RadarArtists",
    "RadarBatch",
    "draw_radar",
    "radar_alt",
    "radar_figure",
    "spoke_label",
]

MAX_OVERLAY = len(PALETTE)


@dataclass(frozen=True)
class Profile:
    """One outline on a radar: a label and one level (or None) per QI."""

    label: str
    levels: tuple[int | None, ...]
    agreed: tuple[bool, ...] | None = None
    """Per QI, whether the level is the team's agreed one (filled marker) or only selfeval's
    suggestion (open marker); None when the chart does not say (all drawn filled)."""


def draw_radar(
    ax: Axes,
    columns: Sequence[QIColumn],
    scale: Scale,
    profiles: Sequence[Profile],
    legend: bool | None = None,
    trend: bool = False,
) -> RadarArtists:
    """Draw the scale's rings, one spoke per QI, and an outline per profile on *ax*; with
    *trend*, the profiles are one setting's years, oldest first (see `_styles`)."""
    if len(profiles) > MAX_OVERLAY:
        raise ValueError(f"at most {MAX_OVERLAY} settings on one radar chart")
    artists = draw_frame(ax, columns, scale)
    angles = spoke_angles(len(columns))
    single = len(profiles) == 1
    for n, (profile, style) in enumerate(zip(profiles, _styles(len(profiles), trend), strict=True)):
        xs, ys = polygon_xy(profile.levels, angles)
        (line,) = ax.plot(xs, ys, label=profile.label, zorder=5 + 0.1 * n, **style)
        artists.outlines.append(line)
        if profile.agreed is not None:
            hollow = _hollow_line(ax, line)
            hollow.set_data(*_suggested_xy(profile, angles))
        if single and None not in profile.levels:
            patch = Polygon(
                list(zip(xs, ys, strict=True)),
                closed=True,
                facecolor=line.get_color(),
                alpha=0.18,
                edgecolor="none",
                zorder=4,
            )
            ax.add_patch(patch)
            artists.fills.append(patch)
    place_ring_labels(ax, artists, scale, [p.levels for p in profiles])
    if any(profile.agreed is not None for profile in profiles):
        agreed_key(ax)
    if single:
        _mark_gaps(profiles[0], artists)
    if legend or (legend is None and not single):
        artists.legend = ax.legend(
            handles=artists.outlines,
            loc="upper center",
            bbox_to_anchor=(0.5, -below_axes(ax, SCALE_ROOM)),  # under the scale's key
            fontsize=TEXT_PT,
            frameon=False,
            handlelength=3.5,
            ncols=2,
        )
    return artists


def _styles(count: int, trend: bool) -> list[dict[str, Any]]:
    """How each outline is drawn: settings overlaid each in a colour, line style and marker of
    their own; one setting's years (oldest first) in greys, lighter and thinner the older, the
    latest year dark, boldest and drawn on top."""
    if not trend:
        return [
            {"color": PALETTE[n], "linestyle": LINESTYLES[n], "marker": MARKERS[n],
             "markersize": 5, "linewidth": 2}
            for n in range(count)
        ]  # fmt: skip
    shades = year_shades(count)
    return [
        {"color": shade, "linestyle": "-" if n == count - 1 else LINESTYLES[count - 1 - n],
         "marker": MARKERS[count - 1 - n], "markersize": 6 if n == count - 1 else 4.5,
         "linewidth": 2.6 if n == count - 1 else 1.4}
        for n, shade in enumerate(shades)
    ]  # fmt: skip


def _hollow_line(ax: Axes, outline: Line2D) -> Line2D:
    """Markers over *outline*'s, open (white inside), for the levels only suggested: a reader
    sees at once which levels the team agreed; `agreed_key` says so."""
    (line,) = ax.plot(
        [],
        [],
        linestyle="none",
        marker=outline.get_marker(),
        markersize=float(outline.get_markersize()) + 1,
        markerfacecolor="white",
        markeredgecolor=outline.get_color(),
        markeredgewidth=1.6,
        zorder=outline.get_zorder() + 0.05,
    )
    return line


def _suggested_xy(profile: Profile, angles: Sequence[float]) -> tuple[list[float], list[float]]:
    """Where *profile*'s merely suggested levels sit."""
    agreed = profile.agreed or (True,) * len(profile.levels)
    points = [
        to_xy(angle, level)
        for level, angle, fixed in zip(profile.levels, angles, agreed, strict=True)
        if level is not None and not fixed
    ]
    return [x for x, _ in points], [y for _, y in points]


def _mark_gaps(profile: Profile, artists: RadarArtists) -> None:
    """Say "no level yet" on the spokes where the outline has a gap."""
    for level, note in zip(profile.levels, artists.gap_labels, strict=True):
        note.set_visible(level is None)


HEAD_PT = TEXT_PT + 3
"""The chart's heading, bold."""
AXES = (WIDTH - 0.3, (WIDTH - 0.3) * LIMIT_Y / LIMIT_X)
"""Inches: the radar's axes, in the proportion of their data limits, so the radar fills them
(drawn in a box of another shape, it shrank inside it and its keys' places were guessed)."""
LEGEND_ROW = 0.22
"""Inches: a row of the overlay's key of settings."""
BATCH_LINES = (2, 5)
"""Lines the batch keeps room for: a heading (a setting's name), a source note."""


def _lines(count: int, size: float) -> float:
    return count * size * 1.25 / 72


def _layout(heading: int, keyed: bool, rows: int, foot: int) -> tuple[float, float]:
    """The figure's height and the axes' bottom, in inches, for a heading of *heading* lines,
    the key to agreed markers if *keyed*, *rows* of the overlay's key and a source note of
    *foot* lines: each has its own room, so none runs into another."""
    top = 0.12 + _lines(heading, HEAD_PT) + (KEY_ROOM if keyed else 0.1)
    bottom = 0.08 + _lines(foot, TEXT_PT) + 0.12 + LEGEND_ROW * rows + SCALE_ROOM
    return top + AXES[1] + bottom, bottom


def _radar_axes(figure: Figure, bottom: float) -> Axes:
    """The radar's axes, centred across *figure*, *bottom* inches from its foot."""
    width, height = figure.get_size_inches()
    left = (width - AXES[0]) / 2
    return figure.add_axes((left / width, bottom / height, AXES[0] / width, AXES[1] / height))


def _heading(title: str) -> str:
    return wrap_title(title, 0.96 * WIDTH, HEAD_PT, bold=True)  # a long name wraps


def _note(source: str, synthetic: bool) -> str:
    note = source + ("\nSYNTHETIC DEMONSTRATION DATA: not a real setting." if synthetic else "")
    return wrap_title(note, 0.96 * WIDTH, TEXT_PT)


def _footer(figure: Figure, heading: str, note: str) -> tuple[Text, Text]:
    """The heading at the top and the source note at the foot, each a fixed distance from
    its edge, both already wrapped (`_heading`, `_note`)."""
    height = figure.get_figheight()
    top = figure.suptitle(heading, fontsize=HEAD_PT, fontweight="bold", y=1 - 0.12 / height,
                          va="top")  # fmt: skip
    footer = figure.text(0.02, 0.08 / height, note, fontsize=TEXT_PT, color="0.3", ha="left",
                         va="bottom")  # fmt: skip
    return top, footer


def radar_figure(
    columns: Sequence[QIColumn],
    scale: Scale,
    profiles: Sequence[Profile],
    title: str,
    source: str,
    synthetic: bool = False,
    trend: bool = False,
) -> Figure:
    """A figure with one radar chart: one profile, or an overlay of up to six (with *trend*,
    one setting's years, oldest first)."""
    rows = 0 if len(profiles) == 1 else (len(profiles) + 1) // 2
    heading, note = _heading(title), _note(source, synthetic)
    keyed = any(p.agreed is not None for p in profiles)
    height, bottom = _layout(heading.count("\n") + 1, keyed, rows, note.count("\n") + 1)
    figure = Figure(figsize=(WIDTH, height))
    draw_radar(_radar_axes(figure, bottom), columns, scale, profiles, trend=trend)
    _footer(figure, heading, note)
    set_alt(figure, radar_alt(columns, scale, profiles))
    return figure


def radar_alt(columns: Sequence[QIColumn], scale: Scale, profiles: Sequence[Profile]) -> str:
    """The radar in words, as the plan's alt text says it: each outline's level on each
    spoke, and whether the team agreed it."""

    def levels(profile: Profile) -> str:
        agreed = profile.agreed or (None,) * len(profile.levels)
        said = []
        for column, level, fixed in zip(columns, profile.levels, agreed, strict=True):
            state = (
                "" if fixed is None else (", agreed" if fixed else ", suggested, not yet agreed")
            )
            words = "no level yet" if level is None else scale.label(level) + state
            said.append(f"{column.heading}: {words}")
        return "; ".join(said)

    if len(profiles) == 1:
        return (
            f"Radar chart of {profiles[0].label}'s quality indicator levels. {levels(profiles[0])}."
        )
    names = ", ".join(p.label for p in profiles)
    each = " ".join(f"{p.label}: {levels(p)}." for p in profiles)
    return f"Radar chart of the quality indicator levels of {names}. {each}"


class RadarBatch:
    """One reusable single-profile radar: the frame is drawn once, each chart moves the outline.

    Exporting a chart per setting for a whole authority (or all 2,439 schools) redraws only what
    changes. For PNG the fixed frame is rendered once and copied under each chart (blitting);
    SVG and PDF, which are vector formats, are rendered in full from the same figure.
    """

    def __init__(self, columns: Sequence[QIColumn], scale: Scale, keyed: bool = True) -> None:
        """*keyed*: the profiles say which levels were agreed (self-evaluations, not
        inspection grades), and the chart keys filled against hollow markers."""
        self.columns = list(columns)
        self.angles = spoke_angles(len(columns))
        height, bottom = _layout(BATCH_LINES[0], keyed, 0, BATCH_LINES[1])
        self.figure = Figure(figsize=(WIDTH, height), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.figure)
        ax = _radar_axes(self.figure, bottom)
        self.ax, self.scale = ax, scale
        self.artists = draw_frame(ax, self.columns, scale)
        if keyed:
            agreed_key(ax)
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
        self.hollow = _hollow_line(ax, self.line)
        self.heading, self.footer = _footer(self.figure, "", "")
        self._moving: list[Artist] = [
            *self.artists.ring_labels, self.fill, self.line, self.hollow,
            *self.artists.gap_labels, self.heading, self.footer,
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
        self.hollow.set_data(*_suggested_xy(profile, self.angles))
        place_ring_labels(self.ax, self.artists, self.scale, [profile.levels])
        complete = None not in profile.levels
        self.fill.set_visible(complete)
        if complete:
            self.fill.set_xy(list(zip(xs, ys, strict=True)))
        _mark_gaps(profile, self.artists)
        self.heading.set_text(_heading(title))  # wrapped, as `radar_figure` does
        set_alt(self.figure, radar_alt(self.columns, self.scale, [profile]))
        self.footer.set_text(_note(source, synthetic))
