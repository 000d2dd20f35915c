"""The `selfeval` command: parse arguments, run one job, turn every user error into exit code 2.

`main(argv)` returns the exit code instead of exiting so tests can call it directly. Heavy
libraries (Textual, matplotlib) are imported only by the subcommands that need them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval import __version__
from selfeval.errors import EvaluationError, FrameworkError, ProblemsError, SelfevalError

if TYPE_CHECKING:
    from selfeval.compare.records import Collection
    from selfeval.evaluation import Evaluation, EvaluationSession, EvaluationStore
    from selfeval.framework import Framework
    from selfeval.framework.model import Scale
    from selfeval.scoring import Result

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEM = 2

Command = Callable[[argparse.Namespace, TextIO], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run selfeval with *argv* (default: the process arguments) and return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its own message
        return int(exc.code or 0)
    command: Command = getattr(args, "command", _run_app)
    try:
        return command(args, sys.stdout)
    except SelfevalError as exc:
        if isinstance(exc, ProblemsError):
            print(f"selfeval: the {exc.noun} cannot be used ({exc.message}):", file=sys.stderr)
        print(str(exc) if isinstance(exc, ProblemsError) else f"selfeval: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except OSError as exc:  # a file or folder we could not read or write, wherever it happened
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"selfeval: could not read or write{where} ({exc.strerror or exc})\n"
            "    hint: check that the folder exists, that you can write to it, and that the disk "
            "has space",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("selfeval: interrupted; everything answered so far is saved", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfeval",
        description=(
            "Self-evaluation for Scottish schools and ELC settings. With no command, opens the "
            "evaluation app in the terminal."
        ),
    )
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    _app_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check framework files and report every problem"
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="framework files")
    validate.set_defaults(command=_validate)

    schema = commands.add_parser("schema", help="print or write the framework JSON Schema")
    schema.add_argument("-o", "--output", type=Path, help="write the schema to this file")
    schema.add_argument(
        "--check", action="store_true", help="exit 2 if the file given with -o is out of date"
    )
    schema.set_defaults(command=_schema)

    listing = commands.add_parser("frameworks", help="list the bundled and local frameworks")
    listing.set_defaults(command=_frameworks)

    score = commands.add_parser(
        "score", help="suggested QI levels, strengths and next steps for an evaluation"
    )
    score.add_argument("file", type=Path, metavar="FILE", help="an evaluation file")
    score.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="output format"
    )
    score.add_argument("--framework", dest="score_framework", help="framework id or .toml path")
    score.set_defaults(command=_score)

    plan = commands.add_parser("plan", help="write the improvement-plan section as Markdown")
    plan.add_argument("file", type=Path, metavar="FILE", help="an evaluation file")
    plan.add_argument("-o", "--output", type=Path, required=True, help="the .md file to write")
    plan.add_argument("--framework", dest="score_framework", help="framework id or .toml path")
    plan.set_defaults(command=_plan)

    chart = commands.add_parser(
        "chart", help="radar chart of one evaluation, an overlay of several, or one over time"
    )
    chart.add_argument("files", nargs="+", type=Path, metavar="FILE", help="evaluation files")
    chart.add_argument("-o", "--output", type=Path, required=True, help="OUT.png, .svg or .pdf")
    chart.add_argument("--framework", dest="score_framework", help="framework id or .toml path")
    chart.set_defaults(command=_chart)

    compare = commands.add_parser(
        "compare", help="compare many settings: distributions, heatmap, small multiples, CSV"
    )
    compare.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    compare.add_argument("-o", "--output", type=Path, help="folder for charts and summaries")
    compare.add_argument("--by", choices=["stage", "authority", "cluster"], help="split by")
    compare.add_argument("--format", choices=["text", "json"], default="text", help="stdout format")
    compare.add_argument("--each", action="store_true", help="also one radar chart per setting")
    compare.add_argument(
        "--chart-format", choices=["png", "svg", "pdf"], default="png", help="chart file type"
    )
    compare.add_argument("--framework", dest="score_framework", help="framework id or .toml path")
    compare.add_argument(
        "--no-cache", action="store_true", help="read every file again (ignore the cache)"
    )
    compare.add_argument("--jobs", type=_positive, help="worker processes (default: one per core)")
    compare.set_defaults(command=_compare)

    inspections = commands.add_parser(
        "import-inspections", help="read the published inspection-grades spreadsheet (.xlsx)"
    )
    inspections.add_argument("xlsx", type=Path, metavar="XLSX", help="the FOI spreadsheet")
    inspections.add_argument("-o", "--output", type=Path, required=True, help="folder to write to")
    inspections.set_defaults(command=_import_inspections)

    serve = commands.add_parser(
        "serve", help="offer the evaluation app in a web browser (needs selfeval[serve])"
    )
    serve.add_argument("--host", default="localhost", help="address to listen on")
    serve.add_argument("--port", type=_positive, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--framework", default=argparse.SUPPRESS, help="framework id or .toml path (default stem)"
    )
    serve.add_argument(
        "--responses", type=Path, default=argparse.SUPPRESS, help="folder for evaluations"
    )
    serve.set_defaults(command=_serve)

    demo = commands.add_parser(
        "demo", help="create synthetic evaluations of a fictitious authority to try things with"
    )
    demo.add_argument("folder", type=Path, metavar="DIR", help="where to write them")
    demo.add_argument("--settings", type=_positive, default=40, help="how many (default 40)")
    demo.add_argument("--years", type=_positive, default=1, help="school years each (default 1)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.add_argument("--framework", dest="score_framework", help="framework id or .toml path")
    demo.set_defaults(command=_demo)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--setting", help="the setting's name: opens its evaluation directly")
    parser.add_argument("--stage", help="the setting's stage, e.g. elc, primary, secondary, asn")
    parser.add_argument(
        "--framework", default="stem", help="framework id or .toml path (default: stem)"
    )
    parser.add_argument(
        "--responses", type=Path, help="folder where evaluations are kept (default: ./responses)"
    )


def _run_app(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.evaluation import EvaluationStore
    from selfeval.framework.catalog import find_framework
    from selfeval.paths import default_responses_dir

    _, framework = find_framework(args.framework)
    store = EvaluationStore(args.responses or default_responses_dir())
    if args.stage and not args.setting:
        raise SelfevalError(
            "--stage goes with --setting",
            'e.g. selfeval --setting "Oakfield Primary" --stage primary',
        )
    if not _has_terminal():
        raise SelfevalError(
            "the evaluation app needs a terminal window, and this is not one",
            "run `selfeval` in a terminal, or `selfeval serve` to use it in a web browser; "
            "`selfeval --help` lists the commands that work without one",
        )
    session = _open_setting(args.setting, args.stage, framework, store) if args.setting else None
    from selfeval.tui import make_app

    try:
        make_app(framework, store, session).run()
    finally:
        if session is not None:
            session.close()
    if session is not None:
        print(f"Your answers are saved in {session.path}", file=out)
    return EXIT_OK


def _has_terminal() -> bool:
    """Whether both ends of this process are a terminal (the app cannot run otherwise)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _open_setting(
    name: str, stage: str | None, framework: Framework, store: EvaluationStore
) -> EvaluationSession:
    """The session for ``--setting NAME [--stage STAGE]``: resumed if it exists, else new."""
    from pydantic import ValidationError

    from selfeval.evaluation import EvaluationSession, Setting

    stages = [s.id for s in framework.stages]
    if stage is None:
        for stored in store.list():
            found = stored.evaluation
            if (
                found is not None
                and found.framework.id == framework.id
                and found.setting.name.casefold() == name.strip().casefold()
            ):
                return EvaluationSession.open(store, framework, stored.path)
        raise SelfevalError(
            f"there is no evaluation for {name!r} in {store.folder} yet",
            f"to start one, add --stage with one of: {', '.join(stages)}",
        )
    if stage not in stages:
        raise SelfevalError(
            f"{stage!r} is not a stage of the {framework.title} framework",
            f"use one of: {', '.join(stages)}",
        )
    try:
        setting = Setting(name=name, stage=stage)
    except ValidationError:
        raise SelfevalError(
            "the setting's name must have 1 to 300 characters", "give the school's name"
        ) from None
    return EvaluationSession.start(store, framework, setting)


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework import load_framework

    failed = 0
    for path in args.paths:
        try:
            framework = load_framework(path)
        except FrameworkError as exc:
            failed += 1
            print(str(exc), file=out)
            count = len(exc.problems)
            print(f"{path}: {count} problem{'s' if count != 1 else ''}", file=out)
            continue
        print(
            f"{path}: ok ({framework.id} {framework.version}: {len(framework.sections)} sections, "
            f"{len(framework.statements)} statements)",
            file=out,
        )
    return EXIT_PROBLEM if failed else EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.files.atomic import atomic_write_text
    from selfeval.framework.schema import framework_schema_text

    text = framework_schema_text()
    if args.output is None:
        out.write(text)
        return EXIT_OK
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"{args.output} is out of date; run `selfeval schema -o {args.output}`", file=out)
            return EXIT_PROBLEM
        print(f"{args.output}: up to date", file=out)
        return EXIT_OK
    atomic_write_text(args.output, text)
    print(f"wrote {args.output}", file=out)
    return EXIT_OK


def _scored(args: argparse.Namespace) -> tuple[Evaluation, Framework, Result]:
    from selfeval.evaluation import check_against, reconcile
    from selfeval.evaluation.store import parse_evaluation
    from selfeval.files.toml import read_toml
    from selfeval.framework.catalog import find_framework
    from selfeval.scoring import score

    doc = read_toml(args.file, EvaluationError, "evaluation")
    evaluation = parse_evaluation(doc)
    _, framework = find_framework(args.score_framework or evaluation.framework.id)
    check_against(evaluation, framework, doc)
    evaluation, _changes = reconcile(evaluation, framework)
    return evaluation, framework, score(evaluation, framework)


def _score(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.report.result import result_json, result_markdown, result_text

    evaluation, framework, result = _scored(args)
    render = {"text": result_text, "json": result_json, "markdown": result_markdown}[args.format]
    out.write(render(result, evaluation, framework))
    return EXIT_OK


def _plan(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.report.plan import write_plan

    evaluation, framework, result = _scored(args)
    if not args.output.parent.is_dir():
        raise SelfevalError(
            f"could not write {args.output} (no folder {args.output.parent})",
            "check that the folder exists and you can write to it",
        )
    try:
        plan, chart = write_plan(result, evaluation, framework, args.output)
    except OSError as exc:
        raise SelfevalError(
            f"could not write {args.output} ({exc.strerror or exc})",
            "check that the folder exists and you can write to it",
        ) from None
    print(f"wrote {plan} and its chart {chart}", file=out)
    return EXIT_OK


def _chart(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.charts.describe import (
        chart_title,
        is_trend,
        profile_of,
        source_note,
        trend_label,
    )
    from selfeval.charts.export import check_output, save_figure
    from selfeval.charts.radar import MAX_OVERLAY, radar_figure
    from selfeval.compare.collect import collect
    from selfeval.compare.records import SELF

    check_output(args.output)
    collection = collect(args.files, args.score_framework)
    for left in collection.left_out:
        print(f"left out {left.path}: {left.reason}", file=sys.stderr)
    records = sorted(collection.of_kind(SELF), key=lambda r: (r.name.casefold(), r.when or 0))
    if not records or collection.framework is None:
        raise SelfevalError("no evaluation could be charted", "give one or more evaluation files")
    if len(records) > MAX_OVERLAY:
        raise SelfevalError(
            f"{len(records)} evaluations are too many for one radar (at most {MAX_OVERLAY})",
            "use `selfeval compare` for many settings",
        )
    columns = collection.columns
    trend = is_trend(records)
    profiles = [profile_of(r, columns, trend_label(r) if trend else None) for r in records]
    figure = radar_figure(
        columns,
        collection.framework.rating_scale,
        profiles,
        chart_title(records),
        source_note(records),
        synthetic=any(r.synthetic for r in records),
    )
    save_figure(figure, args.output)
    print(f"wrote {args.output}", file=out)
    return EXIT_OK


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from selfeval.compare.collect import collect
    from selfeval.files.atomic import atomic_write_text
    from selfeval.framework.catalog import find_framework
    from selfeval.report.summary import comparison_json, comparison_markdown, summary_csv

    if args.output is None and args.format != "json":
        raise SelfevalError(
            "say where to write the charts and summaries with -o DIR",
            "or use --format json to print the figures instead",
        )
    from selfeval.compare.cache import RecordCache
    from selfeval.compare.parallel import default_jobs
    from selfeval.paths import cache_dir

    cache = None if args.no_cache else RecordCache(cache_dir() / "records.sqlite")
    jobs = args.jobs or default_jobs()
    try:
        collection = collect(args.paths, args.score_framework, cache, jobs)
    finally:
        if cache is not None:
            cache.close()
    if not collection.records:
        reasons = "; ".join(f"{x.path}: {x.reason}" for x in collection.left_out[:3])
        raise SelfevalError(
            "nothing to compare: no evaluations or inspection grades were found"
            + (f" ({reasons})" if reasons else ""),
            "give evaluation files, folders of them, or a file from import-inspections",
        )
    scale = (collection.framework or find_framework("stem")[1]).rating_scale
    if args.output is not None:
        _prepare_folder(args.output)
        atomic_write_text(args.output / "summary.csv", summary_csv(collection))
        atomic_write_text(
            args.output / "summary.md", comparison_markdown(collection, scale, args.by)
        )
        written = _compare_charts(collection, scale, args)
        if args.format != "json":
            print(f"wrote summary.csv, summary.md and {written} charts to {args.output}", file=out)
    if args.format == "json":
        print(json.dumps(comparison_json(collection, scale, args.by), indent=2), file=out)
    else:
        settings = len(collection.records)
        print(f"compared {settings} record{'s' if settings != 1 else ''}", file=out)
    for left in collection.left_out:
        print(f"left out {left.path}: {left.reason}", file=sys.stderr)
    return EXIT_OK


def _prepare_folder(folder: Path) -> None:
    import os

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfevalError(
            f"cannot create {folder} ({exc.strerror or exc})", "choose a folder you can write to"
        ) from None
    if not os.access(folder, os.W_OK):
        raise SelfevalError(f"cannot write to {folder}", "choose a folder you can write to")


def _compare_charts(collection: Collection, scale: Scale, args: argparse.Namespace) -> int:
    """Write the comparison charts; returns how many."""
    from selfeval.charts.batch import export_each
    from selfeval.charts.compare import (
        distribution_figure,
        heatmap_figure,
        small_multiples_figure,
    )
    from selfeval.charts.describe import source_note
    from selfeval.charts.export import save_figure
    from selfeval.compare.records import INSPECTION, SELF, distributions, group_records

    fmt = args.chart_format
    written = 0
    for kind, label in ((SELF, "self-evaluation"), (INSPECTION, "inspection")):
        records = collection.of_kind(kind)
        if not records:
            continue
        columns = [
            c
            for c in collection.columns
            if any(c.id in (*r.suggested, *r.confirmed) for r in records)
        ]
        synthetic = any(r.synthetic for r in records)
        source = source_note(records)
        noun = "self-evaluations" if kind == SELF else "inspection grades"
        by = f" by {args.by}" if args.by else ""
        figures = {
            f"distribution-{label}": distribution_figure(
                distributions(records, columns, scale), scale,
                f"Levels per quality indicator: {len(records)} {noun}", source, synthetic,
            ),
            f"heatmap-{label}": heatmap_figure(
                records, columns, scale, f"Settings and quality indicators: {noun}", source,
                args.by, synthetic,
            ),
            f"small-multiples-{label}": small_multiples_figure(
                group_records(records, args.by), columns, scale,
                f"Levels per quality indicator{by}: {noun}", source, synthetic,
            ),
        }  # fmt: skip
        for name, figure in figures.items():
            save_figure(figure, args.output / f"{name}.{fmt}")
            written += 1
    if args.each:
        from selfeval.compare.parallel import default_jobs

        report = export_each(
            collection, args.output / "radars", fmt, scale, args.jobs or default_jobs()
        )
        written += len(report.written)
        if report.without_level:
            print(
                f"no radar for {report.without_level} settings with no level at all",
                file=sys.stderr,
            )
    return written


def _import_inspections(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.compare.inspections import save_inspections
    from selfeval.compare.inspections_xlsx import import_workbook

    data, report = import_workbook(args.xlsx)
    _prepare_folder(args.output)
    target = args.output / "inspections.toml"
    save_inspections(data, target)
    print(f"{report.describe()}; wrote {target}", file=out)
    for skipped in report.skipped[:10]:
        print(f"skipped {skipped}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    import shlex

    from selfeval.framework.catalog import find_framework
    from selfeval.paths import default_responses_dir

    path, _ = find_framework(args.framework)  # fail here, not in every browser session
    try:
        from textual_serve.server import Server
    except ImportError:
        raise SelfevalError(
            "serving in a browser needs the textual-serve package",
            "install it with: pip install 'selfeval[serve]'",
        ) from None
    responses = (args.responses or default_responses_dir()).resolve()
    command = shlex.join(
        [
            sys.executable,
            "-m",
            "selfeval",
            "--framework",
            str(path.resolve()),
            "--responses",
            str(responses),
        ]
    )
    print(
        f"Open http://{args.host}:{args.port} in a web browser. Answers are saved in {responses}. "
        "Press Ctrl+C here to stop.",
        file=out,
    )
    Server(command, host=args.host, port=args.port, title="selfeval").serve()
    return EXIT_OK


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.demo import AUTHORITY, DemoPlan, make_demo
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework(args.score_framework or "stem")
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
    return EXIT_OK


def _frameworks(_args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework.catalog import list_frameworks

    listed = list_frameworks()
    if not listed:
        print("no frameworks found", file=out)
        return EXIT_PROBLEM
    for item in listed:
        fw = item.framework
        if fw is None:
            count = len(item.error.problems) if item.error else 0
            print(f"{item.path}: cannot be loaded ({count} problems; run selfeval validate)")
            continue
        stages = ", ".join(stage.id for stage in fw.stages)
        print(
            f"{fw.id:<12} {fw.version:<8} {fw.title}\n"
            f"{'':<21} {len(fw.sections)} sections, {len(fw.statements)} statements; "
            f"stages: {stages}\n{'':<21} {item.path}",
            file=out,
        )
    return EXIT_OK
