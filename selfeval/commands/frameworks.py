"""`selfeval frameworks`: the bundled and local frameworks."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import EXIT_OK, EXIT_PROBLEM

__all__ = ["run"]


def run(_args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework.catalog import describe_frameworks

    lines = describe_frameworks()
    print("\n".join(lines) if lines else "no frameworks found", file=out)
    return EXIT_OK if lines else EXIT_PROBLEM
