"""Build the app from already-loaded domain objects: the one way the CLI and the tests make it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.model import Framework
from selfeval.tui.app import SelfevalApp

if TYPE_CHECKING:
    from selfeval.moderation.table import Table

__all__ = ["make_app"]


def make_app(
    framework: Framework,
    store: EvaluationStore,
    session: EvaluationSession | None = None,
    moderation: Table | None = None,
) -> SelfevalApp:
    """The app for *framework*, keeping evaluations in *store*, optionally already on *session*
    (and, with *moderation*, on the moderation of its colleagues' views)."""
    return SelfevalApp(framework, store, session, moderation)
