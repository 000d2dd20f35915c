"""The constrained strings every framework model uses: stable ids and human text."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

__all__ = ["Id", "Text"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80),
]
"""A stable identifier: lower-case letters, digits, '.', '_' and '-'. Evaluations key on these."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
"""Human text; surrounding blanks are trimmed and it may not be empty."""
