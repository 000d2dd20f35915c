"""The start screen's form for a new evaluation: made with the screen on a first start, and
just after its first frame where the folder has saved evaluations (listed above it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, OptionList, RadioButton, RadioSet, Static

from selfeval.tui.widgets.opened_later import OpenedLater

if TYPE_CHECKING:
    from selfeval.digest.framework import Digest

__all__ = ["new_evaluation_form"]


def _own_view_boxes() -> list[Widget]:
    """Giving one's own view: a role and, if one likes, a name (made when first opened)."""
    return [
        Static(
            "Your view is saved in a file of its own; the team puts everyone's views side by "
            "side (selfeval moderate) and agrees. Leave these empty to work on the setting's "
            "own evaluation.",
            markup=False,
        ),
        Static("Your role, e.g. P5 teacher, learner, parent, partner:", markup=False),
        Input(id="role", max_length=300, compact=True),
        Static("Your name (optional: leave it empty to stay anonymous):", markup=False),
        Input(id="person", max_length=300, compact=True),
    ]


def new_evaluation_form(facts: Digest) -> list[Widget]:
    """The form for a new evaluation: the setting's name (matched against the official list
    of schools), its stage, and, optionally, giving one's own view."""
    return [
        Static(Text("Start a new evaluation", style="bold"), classes="title"),
        Static(
            "Your school or setting (type a few letters, ↓ to pick from the list):", markup=False
        ),
        Input(placeholder="e.g. Oakfield Primary School", id="name", max_length=300, compact=True),
        OptionList(id="school-matches"),
        Static("", id="school-chosen", markup=False),
        Static(
            "Your stage (which statements you will be asked): arrow keys, then Enter; "
            "Start is then next, and Enter again starts.",
            markup=False,
        ),
        RadioSet(
            *(RadioButton(Text(stage.label), id=f"stage-{stage.id}") for stage in facts.stages),
            id="stage",
            compact=True,
        ),
        OpenedLater(
            _own_view_boxes,
            title="Giving your own view for your team's evaluation? (optional)",
            id="own-view",
        ),
    ]
