"""What every comparison chart shares: its title and source note, light frames, the level key.

One finishing step (`finish`) puts the title at the top left and the source note, flagged when
the data is synthetic, at the foot, so every chart a STEM lead pastes carries both.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from selfeval.charts.style import level_colours
from selfeval.compare.records import Distribution
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = [
    "INTERNAL_HEAD",
    "Caption",
    "empty_figure",
    "finish",
    "fit_lines",
    "foot_room",
    "grid_shape",
    "head_room",
    "level_legend",
    "listed",
    "open_frame",
    "qi_label",
    "share_of",
    "title_lines",
    "wrap_title",
]


def qi_label(column: QIColumn, width: int = 32) -> str:
    """ "1.3 Leadership of change", shortened with an ellipsis to *width* characters."""
    return textwrap.shorten(column.heading, width, placeholder="…")


@dataclass(frozen=True)
class Caption:
    """The words around a chart: its title and where its data comes from."""

    title: str
    source: str
    synthetic: bool = False
    """Demonstration data: the foot says so in capitals."""

    def noting(self, extra: str) -> Caption:
        """The same caption with *extra* added to the source note."""
        return replace(self, source=self.source + extra)

    def internal(self, said: str) -> Caption:
        """The same caption saying *said* (that the chart names settings, for internal use
        only) as a sentence in its source note, and in short on a line under its title
        (`INTERNAL_HEAD`: said only in the foot, it was read after the names); unchanged
        where *said* is empty (codes)."""
        if not said:
            return self
        noted = self.noting(f" {said[0].upper()}{said[1:]}.")
        return replace(noted, title=f"{self.title}\n{INTERNAL_HEAD}")


INTERNAL_HEAD = "Internal use only: names settings"
"""Said under the title of every chart that names settings (the foot says it at length)."""


def footer(figure: Figure, source: str, synthetic: bool) -> None:
    """The source note at the foot of *figure*, wrapped to its width."""
    note = source + ("  SYNTHETIC DEMONSTRATION DATA." if synthetic else "")
    wrapped = wrap_title(note, 0.98 * figure.get_figwidth(), FOOT)
    figure.text(0.01, 0.005, wrapped, fontsize=FOOT, color="0.25", va="bottom")


FOOT = 8.0
"""Points: the source note, the smallest text that still reads when printed."""


def foot_room(caption: Caption, width: float) -> float:
    """Inches the source note of *caption* takes at the foot of a figure *width* inches wide."""
    note = caption.source + ("  SYNTHETIC DEMONSTRATION DATA." if caption.synthetic else "")
    lines = wrap_title(note, 0.98 * width, FOOT).count("\n") + 1
    return 0.08 + 0.15 * lines


def head_room(title: str, width: float, bold: bool = False) -> float:
    """Inches the title *title* takes at the top of a figure *width* inches wide."""
    size = 11 if bold else 9
    lines = wrap_title(title, 0.98 * width, size, bold).count("\n") + 1
    return 0.1 + lines * size * 1.25 / 72


def finish(figure: Figure, caption: Caption, bold: bool = False) -> Figure:
    """Title at the top left and the source note at the foot: every comparison chart has both.
    A title line wider than the figure is wrapped, never cut off at its edge."""
    weight = "bold" if bold else "normal"
    size = 11 if bold else 9
    top = 1 - 0.08 / figure.get_figheight()  # a fixed distance from the top, however tall
    figure.suptitle(
        wrap_title(caption.title, 0.98 * figure.get_figwidth(), size, bold), fontsize=size,
        fontweight=weight, x=0.01, y=top, ha="left", va="top",
    )  # fmt: skip
    footer(figure, caption.source, caption.synthetic)
    return figure


def wrap_title(title: str, width: float, size: float = 9, bold: bool = False) -> str:
    """*title* with each line wrapped, between words, to fit *width* inches at *size* points
    (measured in the charts' own font, not guessed from a count of characters; with room for
    the few per cent that small text grows when its letters are fitted to whole pixels)."""

    def fits(text: str) -> bool:
        return text_width(text, size, bold) * 1.06 <= width * 72

    lines: list[str] = []
    for line in title.split("\n"):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if fits(candidate):
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while len(current) > 1 and not fits(current):  # a word wider than the figure
                cut = _longest_fitting(current, fits)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return "\n".join(lines)


def fit_lines(text: str, width: float, lines: int = 2, size: float = 8) -> str:
    """*text* wrapped, between words, to *width* inches at *size* points, on at most *lines*
    lines: cut short with an ellipsis only where even those lines cannot hold it all (a cut
    title, "Leadership and management of staff and…", read as another QI where there was
    room to say it whole)."""
    wrapped = wrap_title(text, width, size).split("\n")
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    last = " ".join(wrapped[lines - 1 :])
    while last and text_width(last + "…", size) * 1.06 > width * 72:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return "\n".join([*wrapped[: lines - 1], last.rstrip(" ,;:") + "…"])


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Points *text* takes at *size* in the charts' font: the sum of its letters' advances
    (kerning only ever narrows it). Laying the text out whole, as matplotlib does to measure
    it, took a millisecond a try, and wrapping tries each word: a tenth of the plan's chart."""
    advance = _advances(bold)
    return size * sum(advance(c) for c in text)


@functools.cache
def _advances(bold: bool) -> Callable[[str], float]:
    """Each letter's advance at 1 point in the charts' font (regular or bold), cached."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    font = get_font(findfont(FontProperties(weight="bold" if bold else "normal")))

    @functools.cache
    def advance(character: str) -> float:
        font.set_size(72, 72)  # the renderer sets its own size before each use of the font
        return float(font.load_char(ord(character)).linearHoriAdvance) / 65536 / 72

    return advance


def _longest_fitting(word: str, fits: Callable[[str], bool]) -> int:
    """How many of *word*'s first characters fit (at least one), found by halving."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(word[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def title_lines(title: str, width: float, size: float = 9) -> int:
    """How many lines *title* takes at the top of a figure *width* inches wide."""
    return wrap_title(title, 0.98 * width, size).count("\n") + 1


def open_frame(ax: Axes, *spines: str) -> None:
    """Hide the named spines (top and right by default): lighter small charts."""
    for spine in spines or ("top", "right"):
        ax.spines[spine].set_visible(False)


def level_legend(scale: Scale) -> list[Patch]:
    """A key entry per level of *scale*, lowest first."""
    colours = level_colours(scale)
    return [
        Patch(facecolor=colours[v], edgecolor="0.4", label=scale.label(v))
        for v in sorted(scale.values)
    ]


def listed(names: Sequence[str], most: int = 12) -> str:
    """*names* in a sentence, the first *most* of them and how many more."""
    more = len(names) - most
    return ", ".join(names[:most]) + (f" and {more} more" if more > 0 else "")


def share_of(dist: Distribution) -> str:
    """Good or better with the n it is a share of, "68% (n=19)": the n of one QI, not of the
    group (per-QI n varies with the settings that have no level); "fewer than 5" as it is;
    "withheld" alone where it protects a smaller group (the chart's heading says so: the
    whole reason would run into the next panel)."""
    if dist.withheld or (dist.coded and dist.banded):  # the reason, in the foot: one word
        return "withheld"
    if dist.percent_good_or_better is None:
        return dist.share()
    return f"{dist.share()} (n={dist.with_level})"


def empty_figure(caption: Caption, message: str) -> Figure:
    """A small figure that says there is nothing to draw, rather than an empty frame, as wide
    as a page's text so it prints at its size like the charts beside it."""
    from selfeval.charts.page import TEXT_WIDTH

    figure = Figure(figsize=(TEXT_WIDTH, 2.5))
    figure.text(0.5, 0.5, message, ha="center", va="center", fontsize=10)
    return finish(figure, caption, bold=True)


def grid_shape(count: int, cols: int) -> tuple[int, int]:
    """Rows and columns for *count* panels, at most *cols* wide."""
    cols = max(1, min(cols, count))
    return math.ceil(count / cols), cols
