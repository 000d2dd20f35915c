"""The kinds of setting a framework is used in, and the audience a statement is asked of.

A stage (ELC, primary, secondary, ASN) and the age range a setting chose decide which
statements it is asked and which next steps it is offered; sections and the framework both
ask that question, so its answer (`split_audience`) lives here, below both.
"""

from __future__ import annotations

from pydantic import StrictBool

from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = ["AGE_SEPARATOR", "AgeRange", "Stage", "split_audience"]


AGE_SEPARATOR = ":"
"""Joins a stage and an age range into the audience a statement is asked of ("asn:primary-age")."""


def split_audience(audience: str) -> tuple[str, str | None]:
    """*audience* ("asn" or "asn:primary-age") as its stage id and age range (or None)."""
    stage, _, age_range = audience.partition(AGE_SEPARATOR)
    return stage, age_range or None


class AgeRange(_Model):
    """An age range a stage's settings choose from, e.g. a special school of primary age."""

    id: Id
    """How statements refer to it in `age_ranges`."""
    label: Text
    """Its name as shown to users."""


class Stage(_Model):
    """A kind of setting a framework can be used in (ELC, primary, secondary, ASN)."""

    id: Id
    """How statements and actions refer to it."""
    label: Text
    """Its name as shown to users."""
    qi_framework: Id
    """Which reference framework's QIs this stage's settings are judged against unless they
    choose another (e.g. the 2025 ELC framework for ELC)."""
    other_qi_frameworks: tuple[Id, ...] = ()
    """Other reference frameworks a setting at this stage may choose instead (HGIOELC, for
    ELC settings that still use it)."""
    elc_wording: StrictBool = False
    """Whether statements show their ELC wording (``text_elc``) in this stage."""
    age_ranges: tuple[AgeRange, ...] = ()
    """The age ranges its settings choose from (a special school may serve primary-age pupils,
    secondary-age pupils or both); empty where the stage itself says the ages."""
