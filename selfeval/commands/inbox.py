"""`selfeval inbox INBOX`: the submissions in an authority's inbox, each setting's latest first,
with the feedback given and whether validated; files that could not be read are said."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from selfeval.commands.common import EXIT_OK

if TYPE_CHECKING:
    from selfeval.authority.expected import Outstanding
    from selfeval.authority.inbox import Inbox, Submitted

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.authority.expected import authority_list, outstanding, read_list
    from selfeval.authority.inbox import read_inbox

    expected = (  # a bad list is refused before the inbox is read
        read_list(args.expected)
        if args.expected
        else authority_list(args.authority)
        if args.authority
        else None
    )
    if args.format is None and expected is None:
        from selfeval.tui.inbox.app import in_a_terminal, run_inbox_app

        if in_a_terminal():  # a person at a terminal: the inbox as an app
            return run_inbox_app(args.folder)
    inbox = read_inbox(args.folder)
    still = outstanding(expected, inbox.submissions) if expected is not None else None
    out.write(_json(inbox, still) if args.format == "json" else _text(inbox, still))
    return EXIT_OK


def _when(at: datetime | None) -> str:
    return (
        f"handed in {at.astimezone():%d %b %Y %H:%M}" if at else "not handed in (put there by hand)"
    )


def _text(inbox: Inbox, still: Outstanding | None) -> str:
    lines: list[str] = []
    heading = None
    for s in inbox.submissions:
        now = f"{s.setting} ({s.year}, {s.framework})"
        if now != heading:
            lines += [""] if lines else []
            lines.append(now)
            heading = now
        version = f"version {s.version}" if s.version else s.path.name
        given = ", ".join(f"{f.by}{' (validated)' if f.validated else ''}" for f in s.feedback)
        state = f"feedback from {given}" if given else "no feedback yet"
        odd = ", outside its usual folder" if s.path in inbox.elsewhere else ""
        lines.append(f"  {version}, {_when(s.handed_in)}, in {inbox.where(s)}{odd}: {state}")
    if not inbox.submissions:
        lines.append(f"no submissions in {inbox.folder}")
    if inbox.problems:
        lines += ["", "Not read (said here, never counted):"]
        lines += [f"  {p.path.relative_to(inbox.folder)}: {p.reason}" for p in inbox.problems]
    if still is not None:
        lines += ["", *outstanding_lines(still)]
    return "\n".join(lines) + "\n"


def _json(inbox: Inbox, still: Outstanding | None) -> str:
    data: dict[str, Any] = {
        "inbox": str(inbox.folder),
        "submissions": [_submitted(inbox, s) for s in inbox.submissions],
        "not_read": [
            {"file": str(p.path.relative_to(inbox.folder)), "reason": p.reason}
            for p in inbox.problems
        ],
    }
    if still is not None:
        data["expected"] = outstanding_json(still)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _submitted(inbox: Inbox, s: Submitted) -> dict[str, Any]:
    return {
        "setting": s.setting,
        "seed_code": s.seed_code,
        "school_year": s.year,
        "framework": s.framework,
        "version": s.version,
        "file": str(s.path.relative_to(inbox.folder)),
        "outside_usual_folder": s.path in inbox.elsewhere,
        "submitted": s.handed_in.isoformat() if s.handed_in else None,
        "feedback": [
            {
                "by": f.by,
                "given": f.given.isoformat(),
                "validated": f.validated,
            }
            for f in s.feedback
        ],
        "feedback_given": bool(s.feedback),
        "validated": s.validated,
    }


def outstanding_lines(still: Outstanding) -> list[str]:
    """The settings on the list that have handed in nothing, and those matched by name."""
    count = f"{len(still.missing)} of the {still.listed} settings on the list"
    if not still.missing:
        lines = [f"Every one of the {still.listed} settings on the list has handed in."]
    else:
        lines = [f"Not handed in yet: {count}", *(f"  {e}" for e in still.missing)]
    if still.by_name:
        lines += [
            "Matched by name only (their evaluations record no SEED code; check each is the "
            "same setting):",
            *(f"  {e}" for e in still.by_name),
        ]
    return lines


def outstanding_json(still: Outstanding) -> dict[str, Any]:
    """The same, for `--format json`."""
    return {
        "listed": still.listed,
        "not_handed_in": [{"seed_code": e.seed_code, "name": e.name} for e in still.missing],
        "matched_by_name": [{"seed_code": e.seed_code, "name": e.name} for e in still.by_name],
    }
