"""`selfeval compare`: many settings' levels as distributions, a heatmap, small multiples and
summaries, without ranking anyone."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval.commands.common import print_left_out
from selfeval.errors import SelfevalError
from selfeval.files.terminal import printable

if TYPE_CHECKING:
    from selfeval.compare.records import Collection


__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from selfeval.authority.validation import with_validation
    from selfeval.compare.calibration import joined_said, no_calibration
    from selfeval.compare.collect import collect_cached, counting_scale
    from selfeval.compare.parallel import default_jobs
    from selfeval.report.summary import comparison_json

    if args.output is None and args.format != "json":
        raise SelfevalError(
            "say where to write the charts and summaries with -o DIR",
            "or use --format json to print the figures instead",
        )
    if args.anonymise and args.each:
        raise SelfevalError(
            "--each draws a radar per setting with every level, and with --anonymise it would "
            "show levels the tables withhold (a small group's)",
            "leave out --each for the committee paper, or draw the radars without --anonymise "
            "for internal use",
        )
    jobs: int = args.jobs or default_jobs()
    collection = with_validation(  # read fresh: feedback is given after the cache was made
        collect_cached(
            args.paths,
            args.framework,
            not args.no_cache,
            jobs,
            args.all_years,
            args.inspected_since,
        )
    )
    if args.anonymise:
        collection = _anonymised(collection, args)
    if args.output is not None:
        from selfeval.compare.collect import comparison_scale
        from selfeval.report.comparison import ComparisonOptions, write_comparison

        options = ComparisonOptions(
            args.by, args.chart_format, args.each, jobs, args.min_group, tuple(args.paths)
        )
        written = write_comparison(collection, comparison_scale(collection), args.output, options)
        if written.without_radar:
            print(f"no radar for {written.without_radar} settings with no level at all",
                  file=sys.stderr)  # fmt: skip
        if args.format != "json":
            print(f"wrote summary.csv, summary.md and {written.charts} chart files to "
                  f"{args.output}", file=out)  # fmt: skip
    if args.format == "json":
        print(
            json.dumps(
                comparison_json(collection, counting_scale(collection), args.by, args.min_group),
                indent=2,
            ),
            file=out,
        )
    else:
        print(f"compared {_what_was_compared(collection)}", file=out)
        if joined := joined_said(collection):
            print(joined, file=out)
    print_left_out(collection.left_out)
    if missing := no_calibration(collection):
        print(missing, file=sys.stderr)
    if collection.earlier_years:
        earlier = collection.earlier_years
        print(f"counted each setting once, by its latest evaluation; {earlier} earlier ones "
              "not counted (--all-years counts each school year)", file=sys.stderr)  # fmt: skip
    if collection.same_year:
        from selfeval.compare.collect import copies_said

        print(copies_said(collection.same_year), file=sys.stderr)
    for seed, clashing in collection.seed_clashes.items():
        names = " and ".join(map(printable, clashing))
        print(f"the SEED code {seed} is given to {names}: both are counted; check the school "
              "each picked from the list", file=sys.stderr)  # fmt: skip
    if collection.ungraded:
        print(f"{collection.ungraded} schools in the inspection files have no HGIOS4 grade "
              "and are not counted", file=sys.stderr)  # fmt: skip
    if collection.older_grades:
        print(f"{collection.older_grades} schools graded before {args.inspected_since:%d %B %Y} "
              "are not counted (--inspected-since)", file=sys.stderr)  # fmt: skip
    for name in collection.in_moderation:
        print(f"in moderation (views given, no agreed evaluation yet): {name}", file=sys.stderr)
    return 0


def _anonymised(collection: Collection, args: argparse.Namespace) -> Collection:
    """The collection with settings as codes, and places shown only for groups of at least
    --min-group; the key written beside (never inside) the output folder."""
    from selfeval.compare.anonymise import anonymise, places_not_shown
    from selfeval.files.atomic import atomic_write_bytes
    from selfeval.report.summary import key_csv

    if args.output is None:
        raise SelfevalError(
            "--anonymise writes a key file beside the output folder: give one with -o DIR",
            "e.g. selfeval compare responses --anonymise -o committee-paper",
        )
    coded, key = anonymise(collection, by=args.by, min_group=args.min_group)
    where = Path(args.output).resolve()
    key_path = where.with_name(where.name + "-key.csv")
    where.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(key_path, key_csv(key, collection.left_out).encode("utf-8-sig"))
    print(printable(f"no setting is named or coded in the paper: settings are counted by group; "
                    f"which settings it counts is in {key_path}: keep that apart from the "
                    "papers"), file=sys.stderr)  # fmt: skip
    for line in places_not_shown(coded, args.min_group, args.by):
        print(line, file=sys.stderr)
    return coded


def _what_was_compared(collection: Collection) -> str:
    """ "40 self-evaluations and the inspection grades of Scotland's local-authority and
    grant-aided schools with an HGIOS4 grade (1323)": what the records are, not a count of
    records."""
    from selfeval.compare.records import INSPECTION, SELF
    from selfeval.compare.strata import whose_grades

    own, graded = len(collection.of_kind(SELF)), len(collection.of_kind(INSPECTION))
    said = [f"{own} self-evaluation{'s' if own != 1 else ''}"] if own else []
    if graded:
        said.append(
            f"the inspection grades of {whose_grades(collection)} with an HGIOS4 grade ({graded})"
        )
    return " and ".join(said) or "nothing: no self-evaluation or inspection grade was read"
