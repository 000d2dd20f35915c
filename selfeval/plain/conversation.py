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

    def choose(
        self, question: str, options: list[str], names: list[str] | None = None
    ) -> int | None:
        """A numbered list; the number chosen (from 0), or None for an empty answer.

        An option's words, or its short name in *names* (the one the command line takes, as
        in `--stage elc`), are taken as well as its number, in any case: people type "elc".
        """
        lines = [f"{n}. {option}" for n, option in enumerate(options, 1)]
        typed = {word.casefold(): n for n, word in enumerate(options)}
        typed |= {name.casefold(): n for n, name in enumerate(names or [])}
        while True:
            answer = self.ask("\n".join([question, *lines]))
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            if (found := typed.get(answer.casefold())) is not None:
                return found
            also = f" or a name ({', '.join(names)})" if names else ""
            self.say(
                f"Please type a number from 1 to {len(options)}{also}, or press Enter to go back."
            )
