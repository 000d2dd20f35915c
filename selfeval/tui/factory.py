"""Build the app: the one way the CLI and the tests make it, each an `Opening` of the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.digest.framework import digest_of, framework_digest
from selfeval.tui.app import SelfevalApp
from selfeval.tui.opening import Opening, Reopening

if TYPE_CHECKING:
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.framework.model import Framework
    from selfeval.moderation.table import Table

__all__ = ["make_app", "make_reopening_app", "make_start_app"]


def make_app(
    framework: Framework,
    store: EvaluationStore,
    session: EvaluationSession | None = None,
    moderation: Table | None = None,
) -> SelfevalApp:
    """The app for the loaded *framework*, keeping evaluations in *store*, optionally
    already on *session* (and, with *moderation*, on the moderation of its colleagues' views)."""
    return SelfevalApp(
        Opening(
            digest_of(framework),
            store.folder,
            lambda: framework,
            session=session,
            moderation=moderation,
            store=store,
        )
    )


def make_start_app(framework_spec: str | None, responses: Path) -> SelfevalApp:
    """The app on its start screen for the framework *framework_spec* names, keeping
    evaluations in *responses*: drawn from the framework's digest kept beside its compiled
    copy, before the framework itself (or pydantic) is loaded."""
    return SelfevalApp(
        Opening(framework_digest(framework_spec), responses, _loader(framework_spec))
    )


def make_reopening_app(
    framework_spec: str | None, responses: Path, reopen: Reopening
) -> SelfevalApp:
    """The app on the saved evaluation *reopen* looked at, its statement drawn before the
    session (or pydantic) is loaded; the session opens straight after."""
    digest = framework_digest(framework_spec)
    return SelfevalApp(Opening(digest, responses, _loader(framework_spec), reopen))


def _loader(framework_spec: str | None) -> Callable[[], Framework]:
    def framework() -> Framework:
        from selfeval.framework.catalog import DEFAULT_FRAMEWORK, cached_framework

        return cached_framework(framework_spec or DEFAULT_FRAMEWORK)

    return framework
