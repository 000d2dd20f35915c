"""A bar chart of QI levels drawn with text, for the results screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from selfeval.framework.model import Scale
from selfeval.scoring import QIResult
from selfeval.scoring.words import NO_LEVEL
from selfeval.tui.text import fit

__all__ = ["ProfileChart", "profile_text"]

BAR_WIDTH = 24


def profile_text(qis: Sequence[QIResult], scale: Scale, width: int = BAR_WIDTH) -> Text:
    """One line per QI: its number (or the start of its title, where QIs have no number), a
    bar as long as its level, and the level in words."""
    text = Text()
    names = [qi.qi_id if qi.label else fit(qi.title, 18) for qi in qis]
    room = max(4, *(len(name) for name in names))
    for qi, name in zip(qis, names, strict=True):
        text.append(f"{name:>{room}} ", style="bold")
        level = qi.level
        if level is None:
            text.append("·" * 3, style="dim")
            text.append(f" {NO_LEVEL}\n", style="dim italic")
            continue
        filled = round(width * level / scale.highest)
        text.append("█" * filled, style="bold")
        text.append("░" * (width - filled), style="dim")
        mark = "" if qi.confirmed is not None else " (suggested)"
        text.append(f" {scale.label(level)}{mark}\n")
    return text


class ProfileChart(Static):
    """The QI profile as text bars; no colour is needed to read it."""

    def show(self, qis: Sequence[QIResult], scale: Scale) -> None:
        """Draw *qis*."""
        self.update(profile_text(qis, scale))
