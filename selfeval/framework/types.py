"""What every framework model shares: stable ids, human text, and one strict frozen base."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

__all__ = ["FrameworkModel", "Id", "Text"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80),
]
"""A stable identifier: lower-case letters, digits, '.', '_' and '-'. Evaluations key on these."""

Text = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=4000,
        pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$",
    ),
]
"""Human text; surrounding blanks are trimmed and it may not be empty. Line breaks and tabs are
text; other control characters are refused, so that a framework shared from another school can
never send the terminal an escape sequence (to retitle the window, or worse)."""


class FrameworkModel(BaseModel):
    """The base of every part of a framework: unknown keys are errors (a typo is reported,
    not ignored), values never change once loaded, and validators are built on first use."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=False,
        defer_build=True,
    )
