"""Command-line arguments checked before anything runs, with what is wrong in plain words."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NoReturn

from selfeval.errors import SelfevalError
from selfeval.files.terminal import printable

if TYPE_CHECKING:  # imported when needed: `selfeval --help` should not load pydantic
    from _typeshed import SupportsWrite

    from selfeval.evaluation.model import Contributor

__all__ = [
    "AppParser",
    "Parser",
    "Unsure",
    "contributor_of",
    "day_from",
    "port",
    "positive",
    "unquoted_hint",
    "up_to",
]


class Parser(argparse.ArgumentParser):
    """argparse, with what it prints (usage, help, refusals that quote the words typed)
    passed through `printable`: a typed escape sequence never reaches the terminal."""

    typed: list[str] | None = None
    """The words being read (`parse_known_args`), for a hint in `error`."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message), file)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self.typed = list(args) if args is not None else None
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        hint = unquoted_hint(self.typed or [], message)
        super().error(f"{message}\n    hint: {hint}" if hint else message)  # as every hint


_UNRECOGNIZED = "unrecognized arguments: "


def unquoted_hint(typed: Sequence[str], message: str) -> str:
    """Where words argparse did not recognise follow a folder's name, that the name had
    spaces and was not in quotes ("" otherwise): `--to S:/Inverton Nursery` reads as the
    folder `S:/Inverton` and a stray `Nursery`."""
    if not message.startswith(_UNRECOGNIZED):
        return ""
    extra = message.removeprefix(_UNRECOGNIZED).split()
    words = list(typed)
    for at in range(1, len(words) - len(extra) + 1):
        path = words[at - 1]
        if words[at : at + len(extra)] == extra and not path.startswith("-"):
            option = f"{words[at - 2]} " if at >= 2 and words[at - 2].startswith("--") else ""
            whole = " ".join([path, *extra])
            return f'a folder name with spaces must be in quotes: {option}"{whole}"'
    return ""


class Unsure(Exception):
    """The app's options alone cannot read these words: the whole parser reads them."""


class AppParser(argparse.ArgumentParser):
    """The app's own options, without the commands: most starts give nothing else, and
    building every command's parser (a dozen, each looking up its words' translations) took
    about 15 ms of each start (`selfeval.cli._parsed`)."""

    def error(self, message: str) -> NoReturn:
        raise Unsure(message)


def positive(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def day_from(text: str) -> date:
    """A date a period starts on, as a person types it: 2020-03-01, 1/3/2020, or March 2020
    (its first day)."""
    words = " ".join(text.split())
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%B %Y", "%b %Y"):
        try:
            return datetime.strptime(words, form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date: type it like 2020-03-01, 1/3/2020 or March 2020"
    )


def up_to(most: int) -> Callable[[str], int]:
    """A whole number from 1 to *most* (sizes that would take hours or overflow are refused)."""

    def whole(text: str) -> int:
        value = positive(text)
        if value > most:
            raise argparse.ArgumentTypeError(f"must be at most {most:,}")
        return value

    return whole


def port(text: str) -> int:
    """A TCP port, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535, e.g. 8000")
    return value


def contributor_of(role: str | None, name: str | None, setting: str | None) -> Contributor | None:
    """The colleague giving their own view (``--as ROLE``, ``--as-name NAME``), or None when
    the team's own evaluation is meant."""
    if role is None:
        if name is not None:
            raise SelfevalError(
                "--as-name goes with --as", 'e.g. --as "P5 teacher" --as-name "Ms Rahman"'
            )
        return None
    if setting is None:
        raise SelfevalError(
            "--as adds your view to a setting's evaluation: say which with --setting",
            'e.g. selfeval --setting "Oakfield Primary" --as "P5 teacher"',
        )
    from pydantic import ValidationError  # only for a view: the app's start needs neither

    from selfeval.evaluation.model import Contributor

    try:
        return Contributor(role=role, name=name)
    except ValidationError:
        raise SelfevalError(
            "a role or name must be plain words on one line, 1 to 300 characters",
            'e.g. --as "P5 teacher", --as learner, --as parent',
        ) from None
