"""`selfeval chart`: a radar of one evaluation, an overlay of several, or one setting over
the years."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import print_left_out

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.charts.describe import collection_radar
    from selfeval.charts.export import check_output, save_figure
    from selfeval.compare.collect import collect

    check_output(args.output)
    collection = collect(args.files, args.framework)
    print_left_out(collection.left_out)
    save_figure(collection_radar(collection, args.radar), args.output)
    print(f"wrote {args.output}", file=out)
    return 0
