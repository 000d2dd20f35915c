"""Charts and comparisons from the command line: chart, compare, import-inspections,
refresh-schools and demo. The CLI parses their arguments; each function here runs one and returns
its exit code. Heavy libraries (matplotlib, openpyxl) load only when a command needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval.errors import SelfevalError
from selfeval.files.terminal import printable

if TYPE_CHECKING:
    from selfeval.compare.records import Collection

__all__ = ["chart", "compare", "demo", "import_inspections", "print_left_out", "refresh_schools"]


def chart(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.charts.describe import collection_radar
    from selfeval.charts.export import check_output, save_figure
    from selfeval.compare.collect import collect

    check_output(args.output)
    collection = collect(args.files, args.framework)
    print_left_out(collection.left_out)
    save_figure(collection_radar(collection, args.radar), args.output)
    print(f"wrote {args.output}", file=out)
    return 0


def compare(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from selfeval.compare.collect import collect_cached, counting_scale
    from selfeval.compare.parallel import default_jobs
    from selfeval.report.summary import comparison_json

    if args.output is None and args.format != "json":
        raise SelfevalError(
            "say where to write the charts and summaries with -o DIR",
            "or use --format json to print the figures instead",
        )
    jobs: int = args.jobs or default_jobs()
    collection = collect_cached(args.paths, args.framework, not args.no_cache, jobs, args.all_years)
    if args.anonymise:
        collection = _anonymised(collection, args.output)
    if args.output is not None:
        from selfeval.compare.collect import comparison_scale
        from selfeval.report.comparison import ComparisonOptions, write_comparison

        options = ComparisonOptions(args.by, args.chart_format, args.each, jobs, args.min_group)
        written = write_comparison(collection, comparison_scale(collection), args.output, options)
        if written.without_radar:
            print(f"no radar for {written.without_radar} settings with no level at all",
                  file=sys.stderr)  # fmt: skip
        if args.format != "json":
            print(f"wrote summary.csv, summary.md and {written.charts} charts to {args.output}",
                  file=out)  # fmt: skip
    if args.format == "json":
        print(
            json.dumps(
                comparison_json(collection, counting_scale(collection), args.by, args.min_group),
                indent=2,
            ),
            file=out,
        )
    else:
        count = len(collection.records)
        print(f"compared {count} record{'s' if count != 1 else ''}", file=out)
    print_left_out(collection.left_out)
    if collection.earlier_years:
        earlier = collection.earlier_years
        print(f"counted each setting once, by its latest evaluation; {earlier} earlier "
              "ones not counted (--all-years counts every file)", file=sys.stderr)  # fmt: skip
    for name in collection.in_moderation:
        print(f"in moderation (views given, no agreed evaluation yet): {name}", file=sys.stderr)
    return 0


def _anonymised(collection: Collection, output: Path | None) -> Collection:
    """The collection with settings as codes; the key written beside (never inside) *output*."""
    from selfeval.compare.anonymise import anonymise
    from selfeval.files.atomic import atomic_write_bytes
    from selfeval.report.summary import key_csv

    if output is None:
        raise SelfevalError(
            "--anonymise writes a key file beside the output folder: give one with -o DIR",
            "e.g. selfeval compare responses --anonymise -o committee-paper",
        )
    coded, key = anonymise(collection)
    where = output.resolve()
    key_path = where.with_name(where.name + "-key.csv")
    where.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(key_path, key_csv(key, collection.left_out).encode("utf-8-sig"))
    print(printable(f"settings are shown as codes; the key is {key_path}: keep it apart from "
                    "the papers"), file=sys.stderr)  # fmt: skip
    return coded


def print_left_out(left_out: Sequence[object]) -> None:
    for left in left_out:
        print(printable(f"left out {left}"), file=sys.stderr)


def import_inspections(args: argparse.Namespace, out: TextIO) -> int:
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


def refresh_schools(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.schools.refresh import refresh_directory

    if args.output.suffix.lower() != ".csv":
        raise SelfevalError(
            f"{args.output.name}: the school directory is a table written as .csv",
            "name the output e.g. selfeval/schools/schools.csv",
        )
    count = refresh_directory(args.xlsx, args.output)
    print(f"wrote {count} schools to {args.output}", file=out)
    return 0


def demo(args: argparse.Namespace, out: TextIO) -> int:
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
