"""`selfeval refresh-schools`: the school directory, made from the published school
statistics."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.schools.refresh import refresh_directory

    if args.output.suffix.lower() != ".csv":
        raise SelfevalError(
            f"{args.output.name}: the school directory is a table written as .csv",
            "name the output e.g. selfeval/schools/schools.csv",
        )
    count = refresh_directory(args.xlsx, args.output)
    print(f"wrote {count} schools to {args.output}", file=out)
    return 0
