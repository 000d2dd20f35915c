"""One line that always says whether the latest answer is safely on disk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.widgets import Static

__all__ = ["SaveStatus"]


class SaveStatus(Static):
    """ "Saved" with the time and file, or a clear warning while a save is failing."""

    def saved(self, path: Path, when: datetime | None) -> None:
        """Show that everything is saved."""
        stamp = when.astimezone().strftime("%H:%M:%S") if when else ""
        self.set_class(False, "-failed")
        self.update(Text.assemble(("✓ Saved ", "bold"), f"{stamp} in {path.name}"))

    def failed(self, message: str) -> None:
        """Show that the latest change is not on disk yet."""
        self.set_class(True, "-failed")
        self.update(
            Text.assemble(
                ("⚠ NOT SAVED: ", "bold"),
                message,
                " Your answers are kept in this window; press Ctrl+S to try again.",
            )
        )
