"""`selfeval demo`: synthetic evaluations of a fictitious authority, for trying things out."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.demo import AUTHORITY, DemoPlan, make_demo
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework(args.framework)
    plan = DemoPlan(settings=args.settings, years=args.years, seed=args.seed)
    try:
        written = make_demo(args.folder, framework, plan)
    except OSError as exc:
        raise SelfevalError(
            f"could not write to {args.folder} ({exc.strerror or exc})",
            "choose a folder you can write to",
        ) from None
    print(
        f"wrote {len(written)} synthetic evaluations of {AUTHORITY} to {args.folder} "
        "(made-up data for trying selfeval; not real schools)",
        file=out,
    )
    return 0
