"""The choices a stage asks for on the start screen, below the stages: the ages a special
school serves, and (for a nursery) the quality indicators its levels are given against. Built
only when the stage is first chosen: most settings never see another stage's."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import RadioButton, RadioSet, Static

from selfeval.digest.framework import StageDigest

__all__ = ["stage_choices"]


def stage_choices(stage: StageDigest) -> list[Vertical]:
    """The choices *stage* asks for (the ages it serves; the quality indicators it is
    judged against), each a box shown while the stage is chosen."""
    boxes = []
    if stage.ages:
        boxes.append(
            _choice(
                "ages",
                stage.id,
                "The ages you serve (a school of primary age is not asked about the "
                "senior phase): arrow keys, then Enter.",
                [(f"age-{age}", label) for age, label in stage.ages],
                chosen=None,
            )
        )
    if stage.choices:
        boxes.append(
            _choice(
                "qis",
                stage.id,
                "The quality indicators your levels are given against: the first is "
                "chosen. Press Enter to start with it, or Tab to this list to choose the "
                "other if your setting still uses it.",
                [(f"against-{ref}", title) for ref, title in stage.choices],
                chosen=0,
            )
        )
    return boxes


def _choice(
    kind: str, stage: str, prompt: str, options: list[tuple[str, str]], chosen: int | None
) -> Vertical:
    """A choice a stage asks for, of *kind* ("ages", "qis"): *options* as (button id, label),
    the *chosen* one ticked."""
    return Vertical(
        Static(prompt, markup=False),
        RadioSet(
            *(
                RadioButton(Text(f"✓ {label}" if n == chosen else label), value=n == chosen, id=key)
                for n, (key, label) in enumerate(options)
            ),
            id=f"{kind}-{stage}",
            compact=True,
        ),
        id=f"{kind}-of-{stage}",
        classes=kind,
    )
