"""One line that always says whether the latest answer is safely on disk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from selfeval.errors import SelfevalError

__all__ = ["SaveStatus"]


class SaveStatus(Static):
    """ "Saved" with the time and file, or a clear warning while a save is failing."""

    def saved(self, path: Path, when: datetime | None) -> None:
        """Show that everything is saved."""
        stamp = when.astimezone().strftime("%H:%M:%S") if when else ""
        self.set_class(False, "-failed")
        self.update(Text.assemble(("✓ Saved ", "bold"), f"{stamp} in {path.name}"))

    def failed(self, error: SelfevalError) -> None:
        """Show that the latest change is not on disk yet, why, and what to do."""
        self.set_class(True, "-failed")
        hint = f" ({error.hint})" if error.hint else ""
        self.update(
            Text.assemble(
                ("⚠ NOT SAVED: ", "bold"),
                f"{error.message}{hint}. ",
                "Your answers are kept in this window; press Ctrl+S to try again.",
            )
        )
