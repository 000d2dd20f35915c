"""The saved evaluations on the start screen: read off the screen's thread once it is drawn,
the most recent listed to carry on with, the others found by name, and the settings whose
colleagues gave views offered for moderation."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from selfeval.digest.framework import Digest
from selfeval.evaluation.folder import copies_said
from selfeval.evaluation.years import counted_year
from selfeval.tui.text import plain

if TYPE_CHECKING:  # loaded in the worker, once the screen is drawn (they need pydantic)
    from selfeval.evaluation.store import EvaluationStore, Stored
    from selfeval.framework.model import Framework

__all__ = ["SHOWN", "SavedEvaluations"]

SHOWN = 50
"""Saved evaluations listed at once, the most recently changed first; with more in the folder
(an authority's shared folder holds thousands), a box finds the others by name."""


class SavedEvaluations(Vertical):
    """ "Carry on with an evaluation" and "Bring your team's views together", filled in once
    the folder is read."""

    class Resume(Message):
        """Open this saved evaluation."""

        def __init__(self, stored: Stored) -> None:
            super().__init__()
            self.stored = stored

    class Moderate(Message):
        """Bring colleagues' views of this setting, in this school year, together."""

        def __init__(self, setting: str, year: str) -> None:
            super().__init__()
            self.setting = setting
            self.year = year

    def __init__(
        self,
        facts: Digest,
        saved: Callable[[], EvaluationStore],
        framework: Callable[[], Framework],
    ) -> None:
        """*saved* gives the folder's store, *framework* the framework (for progress): both
        called in the worker."""
        super().__init__(id="saved")
        self.facts = facts
        self._saved = saved
        self.framework = framework
        self._listed: list[_Listed] = []
        self._before: dict[str, Path] = {}
        """The path of each option listed, by its id (to keep the highlight on relisting)."""
        self.listed = False
        """Whether the saved evaluations have been read and listed."""
        self._groups: list[tuple[str, str]] = []
        """The (setting, school year) of each group of views offered, by its option's place."""

    _copies = ""
    """What the folder holds that is left out as a sync's or a person's copy (said once read)."""
    _elsewhere = ""
    """The evaluations of other frameworks in the folder, not listed here (said once read)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="carry-on"):
            yield Static(Text("Carry on with an evaluation", style="bold"), classes="title")
            yield Static(
                "Reading the evaluations saved in this folder…", id="resume-help", markup=False
            )
            yield Input(
                placeholder="Find an evaluation: type part of its name",
                id="find",
                max_length=300,
                compact=True,
            )
            yield OptionList(Option("Reading…", disabled=True), id="resume")
        with Vertical(id="views"):
            yield Static(Text("Bring your team's views together", style="bold"), classes="title")
            yield Static(
                "Colleagues have given their own views of these settings. Choose one to see the "
                "views side by side and agree ratings as a team.",
                markup=False,
            )
            yield OptionList(id="moderate")

    def on_mount(self) -> None:
        self.query_one("#find", Input).display = False
        self.query_one("#views", Vertical).display = False
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Read once the screen is on the terminal: a refresh that finds nothing to paint runs
        its callbacks at once, before the first frame is written, and the reading thread
        (loading pydantic) then held up that frame; the second refresh follows a paint."""
        self.call_after_refresh(self._read_saved)

    @work(thread=True, exclusive=True, group="saved", exit_on_error=False)
    def _read_saved(self) -> tuple[list[_Listed], Views]:
        """Read the folder's evaluations and describe each: off the screen's thread, so a
        folder of thousands, or a slow shared drive, never holds up the screen or the keys
        typed into it. The most recently written are read and listed first; in a large
        folder the rest follow (to be found by name, and for the colleagues' views)."""
        assert self._saved is not None
        store = self._saved()
        files = store.files()
        if len(files) > SHOWN:
            first = self._describe(store.read(files[:SHOWN]))
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._show_saved, first, None, len(files))
        stored = store.read(files)
        self._copies = copies_said(store.folder)  # read by `_show_saved`, after this returns
        return self._describe(stored), _views_by_setting(self.facts.id, stored)

    def _describe(self, stored: Sequence[Stored]) -> list[_Listed]:
        """The evaluations in *stored* worth offering, as the list shows them (their progress
        needs the framework, loaded here if it is not yet)."""
        from selfeval.authority.standing import hand_in_state
        from selfeval.evaluation.alike import alike
        from selfeval.evaluation.progress import asked_of, progress

        self._elsewhere = _other_frameworks(self.facts.id, stored)
        offered = [  # anonymous views are not offered to the next person at this computer
            s
            for s in stored
            if s.evaluation is None
            or (
                s.evaluation.framework.id == self.facts.id
                and (s.evaluation.contributor is None or s.evaluation.contributor.name)
            )
        ]
        framework = self.framework() if any(s.evaluation for s in offered) else None
        copies = alike(offered)  # two files of one evaluation: named by file, to tell apart
        listed = []
        for found in offered:
            evaluation = found.evaluation
            if evaluation is None or framework is None:
                listed.append(_Listed(found, _unreadable(found), found.path.name.casefold()))
                continue
            done = progress(evaluation, asked_of(evaluation, framework))
            whose = evaluation.contributor
            label = Text.assemble(
                (evaluation.setting.name, "bold"),
                f" · view of {whose.key}" if whose else "",
                f" · {self.facts.stage_label(evaluation.setting.stage)}, {evaluation.year}, "
                f"{done}, "
                f"last changed {_local(evaluation.updated)}",
                f" · {state}" if (state := hand_in_state(evaluation)) else "",
                f" · file {found.path.name}; another file holds the same evaluation"
                if found.path in copies
                else "",
            )
            key = f"{evaluation.setting.name} {found.path.name}".casefold()
            listed.append(_Listed(found, label, key))
        return listed

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "saved":
            return
        if event.state == WorkerState.SUCCESS:
            listed, views = cast("tuple[list[_Listed], Views]", event.worker.result)
            self._show_saved(listed, views)
        elif event.state == WorkerState.ERROR:  # e.g. the framework broke since the start
            self._show_saved([], {})
            self.notify(
                f"The saved evaluations could not be listed: {event.worker.error}",
                severity="error",
                timeout=12,
                markup=False,
            )

    def _show_saved(self, listed: list[_Listed], views: Views | None, reading: int = 0) -> None:
        """List what was read: the most recent evaluations, a box to find the others in a
        large folder, and the settings with colleagues' views to bring together (*views*
        None, and *reading* the folder's count, while the rest are still being read)."""
        self._listed = listed
        resume = self.query_one("#resume", OptionList)
        had_focus = self.screen.focused is resume
        self.query_one("#carry-on", Vertical).display = bool(listed)
        more = max(len(listed), reading) > SHOWN
        self.query_one("#find", Input).display = more and not reading
        self.query_one("#resume-help", Static).update(
            f"The {SHOWN} most recently changed of {reading:,} are listed (reading the others "
            "to find them by name…). Choose one with the arrow keys and press Enter."
            if reading
            else f"The {SHOWN} most recently changed of {len(listed):,} are listed; type part "
            "of a name to find another. Choose one with the arrow keys and press Enter."
            if more
            else "Choose one with the arrow keys and press Enter."
        )
        self._list(listed[:SHOWN])
        if views is None:
            return
        for said in (self._copies, self._elsewhere):
            if said:
                self.query_one("#carry-on", Vertical).display = True
                help_text = self.query_one("#resume-help", Static)
                words = plain(said, "italic")  # file names and ids are anyone's text
                help_text.update(Text.assemble(str(help_text.render()), "\n", words))
        self.query_one("#views", Vertical).display = bool(views)
        moderate = self.query_one("#moderate", OptionList)
        self._groups = list(views)
        moderate.add_options(
            Option(Text(f"{name}, {year}: {count} view{'s' if count > 1 else ''}"), id=f"m{n}")
            for n, ((name, year), count) in enumerate(views.items())
        )
        if views:
            moderate.highlighted = 0
        self.listed = True
        if had_focus and not listed:
            self.screen.query_one("#name", Input).focus(scroll_visible=False)

    def _list(self, items: list[_Listed]) -> None:
        """Offer *items*, keeping the one highlighted highlighted if it is among them."""
        resume = self.query_one("#resume", OptionList)
        was = resume.highlighted_option.id if resume.highlighted_option else None
        resume.clear_options()
        resume.add_options(
            Option(item.label, id=f"s{self._listed.index(item)}", disabled=item.disabled)
            for item in items
        )
        paths = [item.stored.path for item in items]
        before = self._before.get(str(was)) if was else None
        resume.highlighted = paths.index(before) if before in paths else 0 if items else None
        self._before = {f"s{self._listed.index(item)}": item.stored.path for item in items}

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing in the find box: list the evaluations whose name holds what is typed."""
        event.stop()
        typed = event.value.strip().casefold()
        found = [item for item in self._listed if typed in item.key] if typed else None
        self._list((self._listed if found is None else found)[:SHOWN])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the find box: go to what it found."""
        event.stop()
        self.query_one("#resume", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "moderate":
            name, year = self._groups[int(str(event.option.id)[1:])]
            self.post_message(self.Moderate(name, year))
            return
        index = int(str(event.option.id)[1:])
        self.post_message(self.Resume(self._listed[index].stored))


@dataclass(frozen=True)
class _Listed:
    """A saved evaluation as the list offers it: its label, and what finding it matches."""

    stored: Stored
    label: Text
    key: str

    @property
    def disabled(self) -> bool:
        return self.stored.evaluation is None


def _unreadable(stored: Stored) -> Text:
    return Text.assemble((stored.path.name, "bold"), " cannot be opened: ", str(stored.error or ""))


Views = dict[tuple[str, str], int]
"""How many views, by setting name and school year."""


def _views_by_setting(framework_id: str, stored: Sequence[Stored]) -> Views:
    """How many colleagues' views each setting has in each school year (of this framework),
    as moderation counts them: a view copied under another name once; the latest year first."""
    from selfeval.evaluation.alike import identity  # in the worker: the models are loaded

    views: dict[tuple[str, str], set[object]] = {}
    names: dict[str, str] = {}
    today = date.today()
    for found in stored:
        evaluation = found.evaluation
        if evaluation is None or evaluation.contributor is None:
            continue
        if evaluation.framework.id != framework_id:
            continue
        key = evaluation.setting.name.casefold().strip()
        name = names.setdefault(key, evaluation.setting.name)
        year = counted_year(evaluation.year, today)
        views.setdefault((name, year), set()).add(identity(evaluation) or found.path)
    latest_first = sorted(views.items(), key=lambda item: item[0][1], reverse=True)
    ordered = sorted(latest_first, key=lambda item: item[0][0].casefold())
    return {group: len(seen) for group, seen in ordered}


def _local(when: datetime) -> str:
    """A file's time in this computer's zone; as written where it is too far out to convert."""
    try:
        return f"{when.astimezone():%d %b %Y %H:%M}"
    except (OverflowError, ValueError, OSError):
        return f"{when:%d %b %Y %H:%M}"


def _other_frameworks(framework_id: str, stored: Sequence[Stored]) -> str:
    """A sentence on the evaluations in the folder of frameworks other than *framework_id*
    (never listed here, where their statements mean nothing): how to open them, or "" if none."""
    counts: dict[str, int] = {}
    for found in stored:
        if found.evaluation is not None and found.evaluation.framework.id != framework_id:
            other = found.evaluation.framework.id
            counts[other] = counts.get(other, 0) + 1
    if not counts:
        return ""
    each = "; ".join(
        f"{n} of the {other!r} framework (selfeval --framework {other})"
        for other, n in sorted(counts.items())
    )
    return f"Not listed here, answered against another framework: {each}."
