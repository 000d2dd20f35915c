"""The first screen: what will happen, where answers are kept, and new or resume."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from selfeval.digest.framework import Digest
from selfeval.tui.screens.stage_choices import stage_choices
from selfeval.tui.screens.start_form import new_evaluation_form
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.path_line import PathLine
from selfeval.tui.widgets.saved import SavedEvaluations

if TYPE_CHECKING:  # drawn before the models load: they are needed only for saved evaluations
    from selfeval.evaluation.store import EvaluationStore, Stored
    from selfeval.framework.model import Framework
    from selfeval.schools.directory import School

__all__ = ["StartScreen"]


class StartScreen(Screen[None]):
    """Explains the app, lists evaluations to carry on with, and starts a new one."""

    BINDINGS = [Binding("f1", "app.help", "Help")]

    class Begin(Message):
        """Start (or resume) the evaluation of a named setting at a stage; with a role, that
        person's own view for the team's evaluation."""

        def __init__(
            self,
            name: str,
            stage: str,
            role: str = "",
            person: str = "",
            age_range: str = "",
            school: School | None = None,
            qi_framework: str = "",
        ) -> None:
            super().__init__()
            self.name = name
            self.stage = stage
            self.role = role
            self.person = person
            self.age_range = age_range
            self.school = school
            """The school picked from the official list (its SEED code and council), if any."""
            self.qi_framework = qi_framework
            """The quality indicators chosen, where the stage offers a choice ("" otherwise)."""

    class Moderate(Message):
        """Bring colleagues' views of a setting in a school year together (moderation)."""

        def __init__(self, setting: str, year: str) -> None:
            super().__init__()
            self.setting = setting
            self.year = year

    class Resume(Message):
        """Open an existing evaluation file."""

        def __init__(self, stored: Stored) -> None:
            super().__init__()
            self.stored = stored

    def __init__(
        self,
        facts: Digest,
        responses: str,
        saved: Callable[[], EvaluationStore] | None,
        framework: Callable[[], Framework],
    ) -> None:
        """*facts*: what the screen says of the framework; *saved*: the folder's store, to
        read its evaluations off the screen's thread once the screen is drawn (None where the
        folder has none); *framework*: the framework itself, loaded when first needed (to
        show saved evaluations' progress, or to start one)."""
        super().__init__()
        self.facts = facts
        self.framework = framework
        self.responses = responses
        self._saved = saved
        self.school: School | None = None
        """The school picked from the official list, while the name is still its name."""
        self.matches: list[School] = []

    def compose(self) -> ComposeResult:
        fw = self.facts
        with VerticalScroll(id="start", can_focus=False):  # Tab goes only to what you can use
            yield Static(Text(f"Welcome to selfeval: {fw.title}", style="bold"), classes="title")
            yield Static(
                f"This app walks you through the {fw.title} framework one statement at a time "
                f"({fw.sections} quality indicators). For each statement you say how you "
                f"are doing (a rating from {fw.highest} to {fw.lowest}, or not applicable), "
                "how you know (your evidence) and what you will do next. At the end you see a "
                "suggested level for each quality indicator, your strengths and next steps for "
                "your improvement plan.",
                markup=False,
            )
            yield Static(
                "Each answer is saved as you give it: stop at any time and carry on later."
            )
            # the folder whole, or its end: wrapped as words, it broke at its spaces
            yield PathLine("Answers are kept in the folder ", self.responses, id="folder")
            if self._saved is not None:  # filled in once read, off the screen's thread
                yield SavedEvaluations(self.facts, self._saved, self.framework)
            with Vertical(id="new"):
                if self._saved is None:  # a first start: the form is what the screen is for
                    yield from new_evaluation_form(self.facts)
        # below the form, not in it: Start and what stops it are on screen at any size (at
        # 80x24 the form runs past the bottom, and Start was below the fold)
        with Horizontal(id="start-buttons"):
            yield Button("Start", id="begin", variant="primary", compact=True)
            yield Static("", id="start-error", markup=False)
        yield KeyFooter()

    async def _offer_choices(self, stage_id: str) -> None:
        """Put the choices *stage_id* asks for below the stages, the first time it is chosen
        (most settings never see another stage's: they are not built until needed)."""
        stage = next((s for s in self.facts.stages if s.id == stage_id), None)
        if stage is None or self.query(f"#ages-of-{stage_id}, #qis-of-{stage_id}"):
            return
        after: Widget = self.query_one("#stage", RadioSet)
        for box in stage_choices(stage):
            await self.mount(box, after=after)
            after = box

    @property
    def listed(self) -> bool:
        """Whether the saved evaluations have been read and listed (at once with none), and
        the form for a new one is there."""
        return self.ready and all(saved.listed for saved in self.query(SavedEvaluations))

    def on_saved_evaluations_resume(self, message: SavedEvaluations.Resume) -> None:
        self.post_message(self.Resume(message.stored))

    def on_saved_evaluations_moderate(self, message: SavedEvaluations.Moderate) -> None:
        self.post_message(self.Moderate(message.setting, message.year))

    def on_mount(self) -> None:
        if self._saved is not None:
            self.query_one("#resume", OptionList).focus(scroll_visible=False)
            self.call_after_refresh(self.call_after_refresh, self._add_the_form)
        else:
            self.query_one("#name", Input).focus(scroll_visible=False)
        start = self.query_one("#start", VerticalScroll)
        self.call_after_refresh(start.scroll_home, animate=False)  # the welcome text first

    async def _add_the_form(self) -> None:
        """Where evaluations are saved, the list of them is at the top and the form for a new
        one below the fold: it is made once the screen is on the terminal (two refreshes: the
        first can come before the first paint), not before its first frame."""
        await self.query_one("#new", Vertical).mount_all(new_evaluation_form(self.facts))

    @property
    def ready(self) -> bool:
        """Whether the form for a new evaluation is there (see `_add_the_form`)."""
        return bool(self.query("#name"))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing the name: offer matching schools from the official list."""
        self.query_one("#start-error", Static).update("")  # being put right: said no longer
        if event.input.id != "name":
            return
        typed = event.value.strip()
        if self.school is not None and typed != self.school.name:
            self.school = None  # the name was changed after picking: no longer that school
            self.query_one("#school-chosen", Static).display = False
        from selfeval.schools.directory import find_schools  # the list loads on first use

        self.matches = [] if self.school else find_schools(typed)
        matches = self.query_one("#school-matches", OptionList)
        matches.clear_options()
        matches.add_options(
            Option(Text(f"{s.name}, {s.local_authority} ({s.school_type.lower()})"))
            for s in self.matches
        )
        matches.display = bool(self.matches)

    def on_key(self, event: events.Key) -> None:
        """↓ from the name box goes to the matching schools."""
        if event.key != "down" or not self.ready:
            return
        matches = self.query_one("#school-matches", OptionList)
        if event.key == "down" and self.focused is self.query_one("#name") and matches.display:
            event.stop()
            matches.focus()
            matches.highlighted = 0

    def _pick(self, school: School) -> None:
        """Fill in the school picked from the list: its name, stage, SEED code and council."""
        self.school = school
        self.query_one("#name", Input).value = school.name
        self.query_one("#school-matches", OptionList).display = False
        chosen = self.query_one("#school-chosen", Static)
        chosen.update(
            f"SEED {school.seed_code}, {school.local_authority} ({school.school_type.lower()})"
        )
        chosen.display = True
        if school.stage is not None and self.query(f"#stage-{school.stage}"):
            self.query_one(f"#stage-{school.stage}", RadioButton).value = True
        else:
            self.query_one("#stage", RadioSet).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "school-matches":
            self._pick(self.matches[event.option_index])

    def on_input_submitted(self) -> None:
        """Enter in a box: start if the name and stage are given, else say what is next."""
        if self._stage() is None and self.query_one("#name", Input).value.strip():
            self.show_error("Now choose your stage with the arrow keys and press Enter.")
            self.query_one("#stage", RadioSet).focus()
            return
        self._begin()

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab goes through what must be answered, then Start, then what is optional: from
        the name box, the stage, then Start (two Tabs; at 80x24 it took four). The matching
        schools are reached by ↓ (as the label says), and Tab leaves them for the stage; the
        quality indicators already chosen for the stage, and giving one's own view, come
        after Start."""
        chain = super().focus_chain
        if not self.ready:
            return chain
        matches = self.query_one("#school-matches")
        begin = self.query_one("#begin")
        if matches is not self.focused and matches in chain:
            chain.remove(matches)
        if begin not in chain:
            return chain
        chain.remove(begin)
        optional = [*self.query(".qis"), self.query_one("#own-view")]
        after = next(
            (n for n, w in enumerate(chain) if any(o in w.ancestors_with_self for o in optional)),
            len(chain),
        )
        chain.insert(after, begin)
        return chain

    async def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.query_one("#start-error", Static).update("")
        # mark the choice with a tick as well as colour, so it reads in any theme or terminal
        for button in event.radio_set.query(RadioButton):
            plain_label = str(button.label).removeprefix("✓ ")
            button.label = Text(f"✓ {plain_label}" if button.value else plain_label)
        stage = self._stage()
        if stage is not None and event.radio_set.id == "stage":
            await self._offer_choices(stage)
        for kind in ("ages", "qis"):
            for box in self.query(f".{kind}"):
                box.display = box.id == f"{kind}-of-{stage}"
        if event.radio_set.id != "stage":
            self.query_one("#begin", Button).focus()
            return
        ages = self._choice_set("ages")  # the next thing to answer, if the stage asks it
        (ages or self.query_one("#begin", Button)).focus()
        shown = ages.parent if ages else next(iter(self.query(f"#qis-of-{stage}")), None)
        if isinstance(shown, Widget):  # once shown, the whole choice in view (it is low)
            self.call_after_refresh(shown.scroll_visible, animate=False)

    def _stage(self) -> str | None:
        stages = self.query("#stage").results(RadioSet)  # none until the form is made
        pressed = next((found.pressed_button for found in stages), None)
        return pressed.id.removeprefix("stage-") if pressed and pressed.id else None

    def _choice_set(self, kind: str) -> RadioSet | None:
        """The chosen stage's choice of *kind* ("ages", "qis"), if it asks one."""
        stage = self._stage()
        found = self.query(f"#{kind}-{stage}").results(RadioSet) if stage else iter(())
        return next(found, None)

    def _chosen(self, kind: str, prefix: str) -> str | None:
        """The id of what is chosen in the stage's choice of *kind*, if anything."""
        choice = self._choice_set(kind)
        pressed = choice.pressed_button if choice else None
        return pressed.id.removeprefix(prefix) if pressed and pressed.id else None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "begin":
            self._begin()

    def _begin(self) -> None:
        if not self.ready:  # Start pressed in the moment before the form is made
            return
        name = self.query_one("#name", Input).value.strip()
        stage = self._stage()
        if not name:
            self.show_error("Type the name of your school or setting first.")
            self.query_one("#name", Input).focus()
            return
        if stage is None:
            self.show_error("Choose your stage first, so you are asked the right statements.")
            self.query_one("#stage", RadioSet).focus()
            return
        ages = self._choice_set("ages")
        if ages is not None and self._chosen("ages", "age-") is None:
            self.show_error("Choose the ages you serve, so you are asked the right statements.")
            ages.focus()
            return
        role, person = self._typed("#role"), self._typed("#person")
        if person and not role:
            self.show_error("Say your role as well as your name (e.g. P5 teacher).")
            self.query_one("#role", Input).focus()
            return
        school = self.school if self.school and self.school.name == name else None
        self.post_message(
            self.Begin(
                name,
                stage,
                role,
                person,
                self._chosen("ages", "age-") or "",
                school,
                self._chosen("qis", "against-") or "",
            )
        )

    def _typed(self, box: str) -> str:
        """What is typed in *box*: nothing where it has never been shown (see OpenedLater)."""
        return next((typed.value.strip() for typed in self.query(box).results(Input)), "")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Beside Start, once it has the focus, what Enter will start: a focused button is
        shown only by its colour, and a trial tabbed past it, looking for it."""
        said = self.query_one("#start-error", Static)
        if event.widget.id != "begin" or (str(said.content) and not said.has_class("-ready")):
            return  # an error stays until it is put right
        name, stage = self._typed("#name"), self._stage()
        labels = {s.id: s.label for s in self.facts.stages}
        said.update(
            f"← Enter starts {name}'s evaluation ({labels.get(stage, stage)})."
            if name and stage
            else "← Enter starts, once the name and stage are given."
        )
        said.add_class("-ready")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        said = self.query_one("#start-error", Static)
        if event.widget.id == "begin" and said.has_class("-ready"):
            said.update("")
            said.remove_class("-ready")

    def show_error(self, message: str) -> None:
        """Say what went wrong, in plain words: in the screen, scrolled into view (at 80x24 it
        sits below the fold), and as a notice that shows whatever is scrolled."""
        error = self.query_one("#start-error", Static)
        error.remove_class("-ready")
        error.update(Text(message, style="bold"))
        error.scroll_visible(animate=False)
        self.notify(message, severity="error", timeout=12, markup=False)
