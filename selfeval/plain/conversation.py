"""Plain lines out, typed lines in: what a screen reader reads aloud and a script can drive.

No colour, no cursor movement, no redrawing: every line is printed once, in order, and every
question ends with a prompt on its own line. User and framework text pass through `printable`,
so a control character in a file never reaches the terminal.
"""

from __future__ import annotations

from typing import TextIO

from selfeval.files.terminal import printable

__all__ = ["Conversation", "EndOfInput"]


class EndOfInput(Exception):
    """The person (or the file piped in) has nothing more to say."""


class Conversation:
    """Questions on *out*, answers from *into*."""

    def __init__(self, into: TextIO, out: TextIO) -> None:
        self.into = into
        self.out = out

    def say(self, *lines: str) -> None:
        """Print *lines*, each as it is (control characters shown, never obeyed)."""
        for line in lines:
            print(printable(line), file=self.out)
        self.out.flush()

    def ask(self, question: str) -> str:
        """Print *question* and the prompt, and return the next line typed, stripped.

        Raises `EndOfInput` when input ends (Ctrl+D, Ctrl+Z then Enter on Windows, or the end
        of a piped file), so the caller can close cleanly.
        """
        self.say(question)
        self.out.write("> ")
        self.out.flush()
        line = self.into.readline()
        if not line:
            self.out.write("\n")
            raise EndOfInput
        answer = line.rstrip("\r\n").strip()
        if not self.into.isatty():
            self.out.write(f"{printable(answer)}\n")  # echo piped answers, so a log reads whole
        return answer

    def choose(self, question: str, options: list[str]) -> int | None:
        """A numbered list; the number chosen (from 0), or None for an empty answer."""
        lines = [f"{n}. {option}" for n, option in enumerate(options, 1)]
        while True:
            answer = self.ask("\n".join([question, *lines]))
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.say(f"Please type a number from 1 to {len(options)}, or press Enter to go back.")
