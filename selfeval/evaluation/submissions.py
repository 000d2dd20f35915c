"""What an evaluation remembers of being handed in to its authority: when, where, and a
fingerprint of exactly what was sent (`selfeval submit`). Optional in the file: evaluations
written before selfeval recorded it load unchanged, with none."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from selfeval.evaluation.limits import NAME_LIMIT

__all__ = ["Submission"]

PATH_LIMIT = 4096
"""The most characters the inbox's folder may have, as it was named."""


class Submission(BaseModel):
    """One hand-in of this evaluation to the authority's inbox."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    at: datetime
    """When it was handed in."""
    inbox: Annotated[
        str, StringConstraints(min_length=1, max_length=PATH_LIMIT, pattern=r"^[^\x00-\x1f]*$")
    ]
    """The inbox folder it went to, as a full path on the computer that sent it."""
    file: Annotated[
        str, StringConstraints(min_length=1, max_length=NAME_LIMIT, pattern=r"^[^/\\\x00-\x1f]+$")
    ]
    """The name of the copy in the inbox (``….submitted-2.toml``)."""
    version: StrictInt = Field(ge=1)
    """Which hand-in of this setting's evaluation of the year it was: 1, 2, …"""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    """The sha256 of the copy as written, to tell it from anything changed since."""
