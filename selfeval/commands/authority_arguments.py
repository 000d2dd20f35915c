"""The arguments of the commands that hand in to the authority and hear back (`submit`,
`feedback`, `inbox`): declared here, so that `selfeval.cli` only wires them."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["add_authority_commands"]

MakeCommand = Callable[..., argparse.ArgumentParser]


class _Said(argparse.Action):
    """An option of `feedback` whose meaning hangs on the ``--qi`` before it: argparse calls
    it with one value, which `take` reads against what the namespace holds so far."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,  # noqa: ARG002 (argparse passes it)
    ) -> None:
        self.take(parser, namespace, str(values))

    def take(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, value: str
    ) -> None:
        raise NotImplementedError


class _QI(_Said):
    """``--qi QI``: the QI the next ``--text`` is about."""

    def take(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, value: str
    ) -> None:
        pending = getattr(namespace, "pending_qi", None)
        if pending is not None:
            parser.error(f"--qi {pending} has no --text after it: give --qi {pending} --text ...")
        namespace.pending_qi = value


class _Text(_Said):
    """``--text TEXT``: about the ``--qi`` just before it, or, with none, the overall
    feedback."""

    def take(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, value: str
    ) -> None:
        qi = getattr(namespace, "pending_qi", None)
        said: list[tuple[str | None, str]] = list(getattr(namespace, "said", None) or [])
        if qi is None and any(about is None for about, _ in said):
            parser.error("two --text with no --qi before them: give the overall feedback once")
        if qi is not None and any(about == qi for about, _ in said):
            parser.error(f"--qi {qi} is given twice: give each QI's feedback once")
        said.append((qi, value))
        namespace.said = said
        namespace.pending_qi = None


def add_authority_commands(commands: Any, command: MakeCommand) -> None:
    """Add `submit`, `feedback` and `inbox` to *commands*, each made by *command* (the CLI's
    own maker of a command, `selfeval.cli._command`)."""
    submit = command(commands, "submit", "hand the evaluation and its plan in to the authority")
    submit.add_argument("file", type=Path, metavar="FILE", help="the setting's evaluation file")
    submit.add_argument(
        "--to",
        type=Path,
        required=True,
        metavar="INBOX",
        help="the authority's inbox folder for your setting (e.g. on SharePoint, synced)",
    )
    submit.add_argument(
        "--again",
        action="store_true",
        help="hand in even when nothing has changed since the last hand-in",
    )
    feedback = command(commands, "feedback", "an officer's written feedback on a submission")
    feedback.description = (
        "Write your feedback on a submission in a file of your own beside it. Each --text "
        "belongs to the --qi just before it; a --text with no --qi before it is the overall "
        'feedback. E.g. --by "Quality improvement officer" --text "A clear, honest '
        'evaluation." --qi 1.3 --text "Say how you know." --qi 2.3 --text "..." --validated. '
        "Running it again adds to your file: a QI given again is replaced, others kept."
    )
    feedback.add_argument(
        "submission", type=Path, metavar="SUBMITTED_FILE", help="a ….submitted-N.toml file"
    )
    feedback.add_argument(
        "--by", required=True, metavar="NAME", help="who gives it, as the school will read it"
    )
    feedback.add_argument(
        "--qi", action=_QI, metavar="QI", help="the QI (e.g. 1.3) the next --text is about"
    )
    feedback.add_argument(
        "--text",
        action=_Text,
        metavar="TEXT",
        help="feedback: on the --qi just before it, or overall when no --qi is",
    )
    validation = feedback.add_mutually_exclusive_group()
    validation.add_argument(
        "--validated",
        action="store_const",
        const=True,
        help="the authority validates this submission",
    )
    validation.add_argument(
        "--not-validated",
        dest="validated",
        action="store_const",
        const=False,
        help="take back your validation of this submission (given by mistake, or too soon)",
    )
    feedback.set_defaults(said=None, pending_qi=None)
    inbox = command(commands, "inbox", "list the submissions in an inbox folder", False)
    inbox.add_argument("folder", type=Path, metavar="INBOX", help="the authority's inbox folder")
    inbox.add_argument(
        "--format",
        choices=["text", "json"],
        default=None,
        help="output format (default: text; in a terminal, without it or a list, the inbox "
        "opens as an app)",
    )
    expected = inbox.add_mutually_exclusive_group()
    expected.add_argument(
        "--expected",
        type=Path,
        metavar="LIST",
        help="also list the settings on LIST (a CSV with a seed_code column, or one SEED code "
        "a line) that have handed nothing in",
    )
    expected.add_argument(
        "--authority",
        metavar="COUNCIL",
        help="as --expected, for every school of COUNCIL in the bundled school directory "
        "(schools only: nurseries are not in it)",
    )
