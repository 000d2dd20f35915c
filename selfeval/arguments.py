"""Types for command-line arguments: numbers checked before anything runs, in plain words."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["port", "positive", "up_to"]


def positive(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def up_to(most: int) -> Callable[[str], int]:
    """A whole number from 1 to *most* (sizes that would take hours or overflow are refused)."""

    def whole(text: str) -> int:
        value = positive(text)
        if value > most:
            raise argparse.ArgumentTypeError(f"must be at most {most:,}")
        return value

    return whole


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535, e.g. 8000")
    return value
