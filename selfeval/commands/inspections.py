"""`selfeval import-inspections`: the published inspection-grades spreadsheet, read into a
file `compare` reads."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.compare.inspections import save_inspections
    from selfeval.compare.inspections_xlsx import import_workbook
    from selfeval.report.comparison import prepare_folder

    data, report = import_workbook(args.xlsx)
    prepare_folder(args.output)
    target = args.output / "inspections.toml"
    save_inspections(data, target)
    print(f"{report.describe()}; wrote {target}", file=out)
    for skipped in report.skipped[:10]:
        print(f"skipped {skipped}", file=sys.stderr)
    return 0
