"""What every page after the statements is in `--plain` (the results, a QI, its next steps, the
action plan, an action): something read out, then one question at a time until Enter or b goes
back. l reads the page again, u undoes the last change (said); a wrong answer is said and the
keys are spelt out again.
"""

from __future__ import annotations

from enum import Enum

from selfeval.plain.conversation import Conversation, quoted

__all__ = ["Page", "Reply"]


class Reply(Enum):
    """What a page does after an answer."""

    STAY = "stay"
    """Ask again (what happened was said)."""
    LIST = "list"
    """Read the page out again first: what it lists has changed."""
    BACK = "back"
    """Leave the page."""
    WRONG = "wrong"
    """Not one of the choices: said, and the keys spelt out in full."""


class Page:
    """One page: `refresh` brings it up to date, `heard` reads it, `keys` says what it takes
    (in full, and only named), `take` does what was typed."""

    kind = "page"
    """Which questions share a count of times the keys were spelt out (`Conversation.keys`)."""
    enter_goes_back = True
    """Whether Enter on its own leaves the page (else it is given to `take`)."""

    def __init__(self, talk: Conversation) -> None:
        self.talk = talk

    def refresh(self) -> bool:
        """Bring the page up to date with the evaluation; False if it is gone."""
        return True

    def heard(self) -> list[str]:
        """The page read out, a fact a line."""
        raise NotImplementedError

    def keys(self) -> tuple[str, str]:
        """The question with its keys spelt out, and with them only named."""
        raise NotImplementedError

    def take(self, answer: str) -> Reply:
        """Do what *answer* (neither l nor b) asks."""
        raise NotImplementedError

    def _undo(self) -> Reply:
        self.talk.say(*self.talk.undo())
        return Reply.STAY

    def run(self) -> None:
        """Read the page out, then take answers until the page is left (or q stops)."""
        listing, wrong = True, False
        while self.refresh():
            if listing:
                self.talk.say(*self.heard())
            full, short = self.keys()
            answer = self.talk.ask(self.talk.keys(self.kind, full, short, wrong))
            if answer.lower() in ("b", "back") or (not answer and self.enter_goes_back):
                return
            key = answer.lower()
            reply = Reply.LIST if key == "l" else self._undo() if key == "u" else self.take(answer)
            if reply is Reply.BACK:
                return
            if reply is Reply.WRONG:
                self.talk.say(
                    f"{quoted(answer)} is not one of the choices." if answer else "Nothing typed."
                )
            listing, wrong = reply is Reply.LIST, reply is Reply.WRONG
