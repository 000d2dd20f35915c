"""Plain lines out, typed lines in: what a screen reader reads aloud and a script can drive.

No colour, no cursor movement, no redrawing: every line is printed once, in order, and every
question ends with a prompt on its own line. User and framework text pass through `printable`,
so a control character in a file never reaches the terminal. q (or quit) typed at any question
stops (`Stop`): every answer is saved as it is given, so there is nothing to lose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from selfeval.files.terminal import printable

__all__ = [
    "Conversation",
    "EndOfInput",
    "Stop",
    "number",
    "numbers",
    "one_line",
    "picked",
    "quoted",
]

MOST_DIGITS = 6
"""No choice, level or count typed at a prompt is longer; a longer number is not one."""
FULL_KEYS = 3
"""How many times a run spells out a question's keys in full before only naming them."""
STOP = ("q", "quit")
"""What stops at any question."""
NOT_TEXT = "Part of that line was not readable text (UTF-8); it is kept as “\ufffd”."


def number(typed: str) -> int | None:
    """The whole number *typed*, or None: ASCII digits only ("²", "①" or "٣" are digits to
    Python but not numbers a person means), and at most `MOST_DIGITS` of them."""
    if not typed or len(typed) > MOST_DIGITS or not all("0" <= c <= "9" for c in typed):
        return None
    return int(typed)


def picked(typed: str, count: int) -> int | None:
    """Which of a numbered list of *count* *typed* chooses (from 0), or None."""
    chosen = number(typed)
    return chosen - 1 if chosen is not None and 1 <= chosen <= count else None


def numbers(count: int, short: bool = False) -> str:
    """Which numbers a list of *count* takes, in words: "1", or "a number from 1 to 4" (or,
    *short*, "1 to 4"): never "from 1 to 1"."""
    if count == 1:
        return "1"
    return f"1 to {count}" if short else f"a number from 1 to {count}"


def one_line(text: str) -> str:
    """*text* (which may have lines of its own, typed in the app) as one line to read aloud."""
    return " ".join(text.split())


def _readable(line: str) -> tuple[str, bool]:
    """*line* with bytes that were not UTF-8 (read as lone surrogates) replaced by U+FFFD, and
    whether any were: saved as they came, they would make the file unwritable."""
    if line.isascii() or not any("\ud800" <= c <= "\udfff" for c in line):
        return line, False
    raw = line.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace").encode("utf-8", "replace").decode("utf-8"), True


class EndOfInput(Exception):
    """The person (or the file piped in) has nothing more to say."""


class Stop(Exception):
    """The person typed q at a question: stop there (what was answered is saved already)."""


class Conversation:
    """Questions on *out*, answers from *into*."""

    def __init__(self, into: TextIO, out: TextIO) -> None:
        self.into = into
        self.out = out
        self.news: Callable[[], list[str]] = list
        """What to say before the next question: what happened since the last (a save that
        merged a colleague's changes)."""
        self.undo: Callable[[], list[str]] = lambda: ["Nothing to undo."]
        """Undo the last change and say what was undone (u at a page's question)."""
        self._told: dict[str, int] = {}
        """How many times each kind of question's keys were spelt out in full."""

    def keys(self, kind: str, full: str, short: str, in_full: bool = False) -> str:
        """A question's keys: *full* the first `FULL_KEYS` times a question of this *kind* is
        asked (and when *in_full*, after a wrong answer), then *short*, which only names them:
        a screen reader reads the question every time it is asked."""
        told = self._told.get(kind, 0)
        if in_full or told < FULL_KEYS:
            self._told[kind] = told + 1
            return full
        return short

    def say(self, *lines: str) -> None:
        """Print *lines*, each as it is (control characters shown, never obeyed)."""
        for line in lines:
            print(printable(line), file=self.out)
        self.out.flush()

    def ask(self, question: str) -> str:
        """Print *question* and the prompt, and return the next line typed, stripped.

        Raises `EndOfInput` when input ends (Ctrl+D, Ctrl+Z then Enter on Windows, or the end
        of a piped file), and `Stop` when q is typed, so the caller can close cleanly.
        """
        self.say(*self.news(), question)
        self.out.write("> ")
        self.out.flush()
        try:
            line = self.into.readline()
        except UnicodeDecodeError:  # a strict decoder met bytes that are not UTF-8
            line, unreadable = "\ufffd\n", True
        else:
            line, unreadable = _readable(line)
        if not line:
            self.out.write("\n")
            raise EndOfInput
        if unreadable:
            self.say(NOT_TEXT)
        answer = line.rstrip("\r\n").strip()
        if not self.into.isatty():
            self.out.write(f"{printable(answer)}\n")  # echo piped answers, so a log reads whole
        if answer.casefold() in STOP:
            raise Stop
        return answer

    def choose(
        self,
        question: str,
        options: list[str],
        names: list[str] | None = None,
        enter: str = "",
    ) -> int | None:
        """A numbered list; the number chosen (from 0), or None for an empty answer.

        An option's words, or its short name in *names* (the one the command line takes, as
        in `--stage elc`), are taken as well as its number, in any case: people type "elc".
        *enter* says what Enter on its own does ("Enter to go back"), if the caller takes it.
        """
        lines = [f"{n}. {option}" for n, option in enumerate(options, 1)]
        typed = {word.casefold(): n for n, word in enumerate(options)}
        typed |= {name.casefold(): n for n, name in enumerate(names or [])}
        accepted = numbers(len(options)) + (f" or a name ({', '.join(names)})" if names else "")
        then = f", {enter}" if enter else ""
        while True:
            answer = self.ask("\n".join([question, *lines, f"Type {accepted}{then}, q to stop."]))
            if not answer:
                return None
            if (chosen := picked(answer, len(options))) is not None:
                return chosen
            if (found := typed.get(answer.casefold())) is not None:
                return found
            self.say(f"Please type {accepted}{then}.")


def quoted(text: str, most: int = 40) -> str:
    """What someone typed, quoted back to them: cut to *most* characters (a pasted page is
    not read back whole to a screen-reader user)."""
    shown = repr(text)
    return shown if len(shown) <= most else f"{shown[: most - 2]}…' ({len(text):,} characters)"
