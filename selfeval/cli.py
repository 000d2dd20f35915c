"""The `selfeval` command: parse arguments, run one job, turn every user error into exit code 2.

This module only wires arguments to the packages that do the work. `main(argv)` returns the
exit code instead of exiting so tests can call it directly. Heavy libraries (Textual,
matplotlib) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, TypeAlias, cast

from selfeval import __version__
from selfeval.commands.arguments import (
    AppParser,
    Parser,
    Unsure,
    day_from,
    port,
    positive,
    up_to,
)
from selfeval.commands.authority_arguments import add_authority_commands
from selfeval.commands.common import EXIT_CLOSED_PIPE, EXIT_PROBLEM, quiet_stdout, report
from selfeval.compare import MIN_GROUP
from selfeval.errors import SelfevalError
from selfeval.files.terminal import PrintableWriter, printable
from selfeval.paths import shadow_notice

__all__ = ["main"]

Command = Callable[[argparse.Namespace, TextIO], int]
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"

ON_THE_TERMINAL = ("app", "serve", "moderate")
"""Commands that may need the real terminal (the others' output is kept printable)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run selfeval with *argv* (default: the process arguments) and return the exit code."""
    # selfeval uses no pydantic plugins; looking for them read the metadata of every installed
    # package (about 12 ms of opening an evaluation). A user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        args = _parsed(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exc:  # argparse has printed its own message
        return int(exc.code or 0)
    name: str = getattr(args, "command", "app")
    try:
        command: Command = importlib.import_module(f"selfeval.commands.{name}").run
        if notice := shadow_notice(getattr(args, "framework", None)):
            print(f"selfeval: {printable(notice)}", file=sys.stderr)
        if name in ON_THE_TERMINAL:
            return command(args, sys.stdout)
        out = cast(TextIO, PrintableWriter(sys.stdout))
        with contextlib.redirect_stderr(cast(TextIO, PrintableWriter(sys.stderr))):
            return command(args, out)
    except SelfevalError as exc:
        report(exc)
        return EXIT_PROBLEM
    except BrokenPipeError:  # the reader stopped (`selfeval score … | head`): end quietly
        quiet_stdout()
        return EXIT_CLOSED_PIPE
    except OSError as exc:  # a file or folder we could not read or write, wherever it happened
        where = f" {printable(str(exc.filename))}" if exc.filename else ""
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


# --- arguments ---------------------------------------------------------------------------------


def _parsed(argv: list[str]) -> argparse.Namespace:
    """*argv* read by the app's options alone where that is all it holds, else by the whole
    parser (commands, help, version, and every message for words it cannot read)."""
    quick = AppParser(prog="selfeval", add_help=False, exit_on_error=False)
    _app_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except (Unsure, argparse.ArgumentError):
        rest = argv
    return args if not rest else _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="selfeval",
        description=(
            "Self-evaluation for Scottish schools and ELC settings. With no command, opens the "
            "evaluation app in the terminal."
        ),
    )
    parser.add_argument("--version", action="version", version=f"selfeval {__version__}")
    _app_options(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (_add_framework_commands, _add_evaluation_commands, _add_comparison_commands):
        add(commands)
    add_authority_commands(commands, _command)
    return parser


def _app_options(parser: argparse.ArgumentParser) -> None:
    """The options of `selfeval` with no command (the app, or `--plain`)."""
    parser.add_argument("--setting", help="the setting's name: opens its evaluation directly")
    parser.add_argument("--stage", help="the setting's stage, e.g. elc, primary, secondary, asn")
    parser.add_argument(
        "--ages",
        dest="age_range",
        metavar="RANGE",
        help="with --stage asn: the ages served, primary-age, secondary-age or all-through",
    )
    parser.add_argument(
        "--as",
        dest="contributor_role",
        metavar="ROLE",
        help='give your own view as ROLE (e.g. "P5 teacher", learner, parent), in your own file',
    )
    parser.add_argument(
        "--as-name",
        dest="contributor_name",
        metavar="NAME",
        help="your name beside your view (leave out to stay anonymous)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="one question at a time as plain lines, for screen readers and scripts",
    )
    _framework_option(parser)
    _responses_option(parser)
    parser.set_defaults(framework=None, responses=None)


def _framework_option(parser: argparse.ArgumentParser) -> None:
    """``--framework``, shared by every command; a command's own never overrides the top one."""
    parser.add_argument(
        "--framework", default=argparse.SUPPRESS, help="framework id or .toml path (default: stem)"
    )


def _responses_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--responses",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder where evaluations are kept (default: ./responses)",
    )


def _command(
    commands: Commands,
    name: str,
    help_text: str,
    framework: bool = True,
    module: str = "",
) -> argparse.ArgumentParser:
    """The command *name*, run by `selfeval.commands.<module>.run` (imported only when
    chosen; *module* is *name* unless said)."""
    parser = commands.add_parser(name, help=help_text)
    if framework:
        _framework_option(parser)
    parser.set_defaults(command=module or name)
    return parser


def _add_framework_commands(commands: Commands) -> None:
    validate = _command(
        commands, "validate", "check framework files and report every problem", False
    )
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="framework files or ids (e.g. stem)"
    )
    schema = _command(commands, "schema", "print or write the framework JSON Schema", False)
    schema.add_argument("-o", "--output", type=Path, help="write the schema to this file")
    schema.add_argument(
        "--check", action="store_true", help="exit 2 if the file given with -o is out of date"
    )
    _command(commands, "frameworks", "list the bundled and local frameworks", False)


def _add_evaluation_commands(
    commands: Commands,
) -> None:
    score = _command(
        commands, "score", "suggested QI levels, strengths and next steps for an evaluation"
    )
    score.add_argument("file", type=Path, metavar="FILE", help="an evaluation file")
    score.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="output format"
    )
    moderate = _command(
        commands, "moderate", "colleagues' views side by side; agree them as a team"
    )
    moderate.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                          help="contribution files, or folders of them")  # fmt: skip
    moderate.add_argument(
        "--format",
        choices=["text", "json"],
        help="print the views instead of opening the moderation screen",
    )
    moderate.add_argument(
        "--agree-median",
        action="store_true",
        help="write the views into the setting's evaluation; unagreed statements take the median",
    )
    plan = _command(
        commands, "plan", "write the improvement plan for Word, as Markdown or a tracker"
    )
    plan.add_argument("file", type=Path, metavar="FILE", help="an evaluation file")
    plan.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="plan.docx (Word), plan.md (Markdown) or plan.xlsx (a spreadsheet tracker)",
    )
    _template_options(plan)
    report = _command(commands, "report", "the STEM section of the Standards and Quality Report")
    report.add_argument("file", type=Path, metavar="FILE", help="this year's evaluation file")
    report.add_argument(
        "-o", "--output", type=Path, required=True, help="report.docx (Word) or report.md"
    )
    report.add_argument(
        "--previous", type=Path, help="last year's evaluation (default: found beside FILE)"
    )
    _template_options(report)
    serve = _command(commands, "serve", "offer the evaluation app in a web browser (needs [serve])")
    serve.add_argument("--host", default="localhost", help="address to listen on")
    serve.add_argument("--port", type=port, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--key",
        "--token",
        dest="key",
        help="the key the address to open carries (default: a new random one each start; "
        "one typed here shows in the list of processes other accounts can see)",
    )
    _responses_option(serve)
    demo = _command(commands, "demo", "create synthetic evaluations of a fictitious authority")
    demo.add_argument("folder", type=Path, metavar="DIR", help="where to write them")
    demo.add_argument("--settings", type=up_to(100_000), default=40, help="how many (default 40)")
    demo.add_argument(
        "--years", type=up_to(30), default=1, help="school years each (default 1, at most 30)"
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")


def _template_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--template", type=Path, help="the authority's Word template (.docx, .dotx)"
    )
    parser.add_argument(
        "--no-template", action="store_true", help="no template, not even the settings file's"
    )


def _add_comparison_commands(commands: Commands) -> None:
    chart = _command(commands, "chart", "radar chart of one evaluation, several, or one over time")
    chart.add_argument("files", nargs="+", type=Path, metavar="FILE", help="evaluation files")
    chart.add_argument("-o", "--output", type=Path, required=True, help="OUT.png, .svg or .pdf")
    chart.add_argument(
        "--radar",
        action="store_true",
        help="one setting over several years as a radar (default: a line per QI, old to new)",
    )
    compare = _command(commands, "compare", "compare many settings: distributions, heatmap, CSV")
    compare.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    compare.add_argument("-o", "--output", type=Path, help="folder for charts and summaries")
    compare.add_argument("--by", choices=["stage", "authority", "cluster"], help="split by")
    compare.add_argument("--format", choices=["text", "json"], default="text", help="stdout format")
    compare.add_argument("--each", action="store_true", help="also one radar chart per setting")
    compare.add_argument(
        "--chart-format", choices=["png", "svg", "pdf"], default="png", help="chart file type"
    )
    compare.add_argument(
        "--no-cache", action="store_true", help="read every file again (ignore the cache)"
    )
    compare.add_argument(
        "--all-years",
        action="store_true",
        help="count every evaluation file (default: each setting once, its latest)",
    )
    compare.add_argument("--jobs", type=positive, help="worker processes (default: one per core)")
    compare.add_argument(
        "--anonymise",
        action="store_true",
        help="count settings by group, naming or coding none (for committee papers); the list "
        "of them goes in DIR-key.csv",
    )
    compare.add_argument(
        "--min-group",
        type=positive,
        default=MIN_GROUP,
        metavar="N",
        help=f"fewer settings than N are not shown, as counts or shares (default {MIN_GROUP})",
    )
    compare.add_argument(
        "--inspected-since",
        type=day_from,
        metavar="DATE",
        help="only inspection grades given on or after DATE (e.g. March 2020); older ones are "
        "counted and said",
    )
    for name, module, said, xlsx, output in _SPREADSHEET_COMMANDS:
        reader = _command(commands, name, said, False, module=module)
        reader.add_argument("xlsx", type=Path, metavar="XLSX", help=xlsx)
        reader.add_argument("-o", "--output", type=Path, required=True, help=output)


_SPREADSHEET_COMMANDS = (
    (
        "import-inspections",
        "inspections",
        "read the published inspection-grades spreadsheet (.xlsx)",
        "the FOI spreadsheet",
        "folder to write to",
    ),
    (
        "refresh-schools",
        "schools",
        "make the school directory table from the published school statistics (.xlsx)",
        "school level summary statistics",
        "the table to write",
    ),
)
"""The commands that read a published spreadsheet and write what selfeval makes of it: name,
module, what it does, and what its XLSX and its -o are."""
