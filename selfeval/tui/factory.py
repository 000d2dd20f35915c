"""Build the app from already-loaded domain objects: the one way the CLI and the tests make it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.tui.app import Opening, SelfevalApp
from selfeval.tui.startfacts import start_facts

if TYPE_CHECKING:
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.framework.model import Framework
    from selfeval.moderation.table import Table

__all__ = ["make_app", "make_start_app"]


def make_app(
    framework: Framework,
    store: EvaluationStore,
    session: EvaluationSession | None = None,
    moderation: Table | None = None,
) -> SelfevalApp:
    """The app for *framework*, keeping evaluations in *store*, optionally already on *session*
    (and, with *moderation*, on the moderation of its colleagues' views)."""
    return SelfevalApp(framework, store, session, moderation)


def make_start_app(framework_spec: str | None, responses: Path) -> SelfevalApp:
    """The app on its start screen for the framework *framework_spec* names, keeping
    evaluations in *responses*: drawn from the start screen's facts kept beside the compiled
    framework, before the framework itself (or pydantic) is loaded."""

    def framework() -> Framework:
        from selfeval.framework.catalog import DEFAULT_FRAMEWORK, cached_framework

        return cached_framework(framework_spec or DEFAULT_FRAMEWORK)

    return SelfevalApp(Opening(start_facts(framework_spec), responses, framework))
