"""Where an evaluation stands with its authority, for the start screen's list of evaluations.

Its own small module: the list reads every saved evaluation off the screen's thread while the
first frame is drawn, and importing the hand-in machinery (`report.before_hand_in`) there cost
the start screen 40 ms. Nothing is read, or imported, for an evaluation never handed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfeval.evaluation.model import Evaluation

__all__ = ["hand_in_state"]


def hand_in_state(evaluation: Evaluation) -> str:
    """Where an evaluation stands with its authority, for a list of evaluations: "" (never
    handed in), "handed in (version 2)", "…, feedback received" or "…, validated". Reads the
    inbox it went to (a synced folder may be slow): call it off the screen's thread."""
    if not evaluation.submissions:
        return ""
    from selfeval.authority.received import received

    said = f"handed in (version {evaluation.submissions[-1].version})"
    got = received(evaluation).feedback
    if any(f.validated for f in got):
        return f"{said}, validated"
    return f"{said}, feedback received" if got else said
