"""`selfeval moderate`: colleagues' views in the moderation screen (in a terminal), or printed
as text or JSON, or agreed at the median without a screen."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, cast

from selfeval.errors import SelfevalError
from selfeval.files.terminal import PrintableWriter, printable
from selfeval.framework.catalog import find_framework
from selfeval.framework.model import Framework
from selfeval.moderation.agree import Brought, agree_medians, open_agreed
from selfeval.moderation.gather import gather
from selfeval.moderation.table import Table, moderation_table
from selfeval.report.moderation import moderation_json, moderation_text
from selfeval.tui.launch import farewell, has_terminal

__all__ = ["moderate", "run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    return moderate(args.paths, args.framework, args.format, args.agree_median, out)


def moderate(
    paths: Sequence[Path],
    framework_spec: str | None,
    output: str | None,
    agree_median: bool,
    out: TextIO,
) -> int:
    """Moderate the views under *paths*; *output* "text" or "json" prints instead of the
    screen. Returns the exit code."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise SelfevalError(
            f"{printable(str(missing[0]))}: no such file or folder",
            "name the folder where colleagues' views are saved (the app's --responses folder)",
        )
    _, framework = find_framework(framework_spec)
    found = gather(paths, framework)
    if not found.groups:
        raise SelfevalError(
            "no contributions found: a contribution is an evaluation made with --as ROLE",
            'colleagues add their views with: selfeval --setting "Oakfield Primary" --as ROLE',
        )
    tables = [moderation_table(group, framework) for group in found.groups]
    if output is None and not agree_median and has_terminal():
        return _in_app(tables, framework, out)
    out = cast(TextIO, PrintableWriter(out))  # views are people's text: never terminal codes
    if output == "json":
        out.write(moderation_json(tables, found.left_out))
    else:
        out.write("\n".join(moderation_text(t, framework.rating_scale) for t in tables))
    if agree_median:
        said = sys.stderr if output == "json" else out  # standard output is the JSON alone
        for table in tables:
            path, brought = agree_medians(table, framework)
            print(agreed_said(brought, path), file=said)
    for left in found.left_out:
        print(printable(f"left out {left}"), file=sys.stderr)
    return 0


def agreed_said(brought: Brought, path: Path) -> str:
    """What `--agree-median` did, including the ratings it left for the team to agree."""
    said = f"agreed {_statements(brought.agreed)} at the median; views kept in {path}"
    if brought.unagreed:
        said += (
            f"\n{_statements(brought.unagreed)} already rated in the team's file, not agreed in "
            "moderation: left as they are; agree them on the screen of `selfeval moderate`"
        )
    return said


def _statements(n: int) -> str:
    return f"{n} statement{'' if n == 1 else 's'}"


def _in_app(tables: list[Table], framework: Framework, out: TextIO) -> int:
    from selfeval.tui.factory import make_app

    for other in tables[1:]:
        print(printable(f"also has views: {other.group.setting} ({other.group.year}); "
                        "name its files to moderate it"), file=sys.stderr)  # fmt: skip
    session = open_agreed(tables[0], framework)
    app = make_app(framework, session.store, session, tables[0])
    try:
        app.run()
    finally:
        session.close()
    message, code = farewell(session, app.return_code or 0)
    print(message, file=out)
    return code
