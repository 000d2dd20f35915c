"""selfeval's settings file: what a user sets once for every plan (`selfeval.paths.config_file`).

It is optional and small, written by hand:

    [plan]
    template = 'C:\\Users\\reid\\Documents\\Council improvement plan.docx'

    [authority]
    inbox = 'C:\\Users\\reid\\Council\\Self-evaluation 2026-27 - Oakfield Primary'
    officer = 'Quality improvement officer'

The ``[authority]`` keys are remembered by the app (`selfeval.files.remember`): the inbox
after a hand-in, and the officer's name after feedback is written.

A path may be absolute, begin with ``~`` (the home folder), or be relative to the settings
file's own folder. It is read like every file someone edits: a mistake is named with its line
and key, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from selfeval.errors import SettingsError
from selfeval.files.explain import locator, problems_from_validation
from selfeval.files.locate import LineIndex
from selfeval.files.toml import parse_toml, read_regular
from selfeval.paths import config_file

__all__ = [
    "AuthoritySettings",
    "Configured",
    "PlanSettings",
    "Settings",
    "configured_template",
    "read_settings",
    "settings_in",
]

MAX_SETTINGS_BYTES = 1_048_576
"""Far more than a few lines of settings, small enough to refuse a wrong file fast."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # docs read when needed: docstrings


class PlanSettings(_Section):
    """How the improvement plan is written (``[plan]``)."""

    template: str | None = Field(default=None, min_length=1, max_length=4096)
    """The authority's Word template (.docx or .dotx) the Word plan is written on: a path,
    absolute, from ``~``, or relative to the settings file's folder."""


class AuthoritySettings(_Section):
    """Handing in to the authority (``[authority]``), remembered by the app."""

    inbox: str | None = Field(default=None, min_length=1, max_length=4096)
    """The inbox folder this setting hands in to (the app offers it again)."""
    officer: str | None = Field(default=None, min_length=1, max_length=200)
    """The name an officer gives feedback by (the inbox screen offers it again)."""


class Settings(_Section):
    """Everything the settings file may set."""

    plan: PlanSettings = PlanSettings()
    """How the improvement plan is written."""
    authority: AuthoritySettings = AuthoritySettings()
    """Handing in to the authority and giving feedback."""


class Configured(NamedTuple):
    """A file the settings name, and the settings file that names it (for messages)."""

    path: Path
    """Absolute, or relative to the current folder where the settings file's own is."""
    settings: Path


def read_settings(path: Path | None = None) -> Settings:
    """The settings in *path* (default: `config_file`); none set where there is no file."""
    path = path or config_file()
    if not path.exists() and not path.is_symlink():
        return Settings()
    return settings_in(path, read_regular(path, SettingsError, "settings", MAX_SETTINGS_BYTES))


def settings_in(path: Path, raw: bytes) -> Settings:
    """The settings *raw* (the text of the settings file *path*) sets."""
    if not raw.strip():
        return Settings()
    doc = parse_toml(path, raw, SettingsError, "settings")
    try:
        return Settings.model_validate(doc.data)
    except ValidationError as exc:
        problem_at = locator(path, LineIndex(doc.text))
        raise SettingsError(problems_from_validation(exc, problem_at, Settings)) from None


def configured_template(path: Path | None = None) -> Configured | None:
    """The Word template the settings in *path* (default: `config_file`) set for the plan,
    made absolute from the settings file's folder; None where none is set."""
    path = path or config_file()
    named = read_settings(path).plan.template
    if named is None:
        return None
    template = Path(named).expanduser()
    return Configured(template if template.is_absolute() else path.parent / template, path)
