"""The start of `selfeval --plain`: which evaluation to work on, and whose view it holds.

Named on the command line (with its stage, ages and, for a colleague's own view, `--as`),
chosen from the evaluations already in the folder, or new: the setting's name, its stage, the
ages it serves and the quality indicators its levels are given against, each asked in turn.
"""

from __future__ import annotations

from pydantic import ValidationError

from selfeval.evaluation.alike import alike
from selfeval.evaluation.model import Contributor
from selfeval.evaluation.progress import asked_of, progress
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.model import Framework
from selfeval.plain.conversation import Conversation

__all__ = ["open_session", "whose_view"]


def open_session(
    talk: Conversation,
    store: EvaluationStore,
    framework: Framework,
    setting: str | None,
    stage: tuple[str | None, str | None],
    contributor: Contributor | None,
) -> EvaluationSession | None:
    """The session to work on: named on the command line (with its stage and age range, if
    given), chosen from a list, or new."""
    from selfeval.evaluation.model import Setting

    if setting is not None:
        from selfeval.evaluation.opening import open_setting

        return open_setting(store, framework, setting, stage[0], contributor, stage[1])
    found = [s for s in store.list() if s.evaluation and s.evaluation.framework.id == framework.id]
    if found:
        names = []
        copies = alike(found)  # two files of one evaluation: said by file, to tell apart
        for stored in found:
            assert stored.evaluation is not None
            done = progress(stored.evaluation, asked_of(stored.evaluation, framework))
            label = f"{stored.evaluation.setting.name}, {done}"
            if stored.path in copies:
                label += f" (file {stored.path.name}; another file holds the same evaluation)"
            names.append(label)
        choice = talk.choose(
            "Evaluations to carry on with:", names, enter="Enter to start a new one"
        )
        if choice is not None:
            return EvaluationSession.open(store, framework, found[choice].path)
    name = _setting_name(talk)
    labels = [s.label for s in framework.stages]
    stages = [s.id for s in framework.stages]
    question = "Your stage (it decides the statements asked):"
    while (index := talk.choose(question, labels, stages)) is None:
        talk.say("Choose a stage by its number.")
    chosen = framework.stages[index]
    age_range = None
    if chosen.age_ranges:
        ages = [a.label for a in chosen.age_ranges]
        while (
            which := talk.choose(
                "The ages you serve (it decides the statements):",
                ages,
                [a.id for a in chosen.age_ranges],
            )
        ) is None:
            talk.say("Choose the ages by their number.")
        age_range = chosen.age_ranges[which].id
    against = None
    if chosen.other_qi_frameworks:
        offered = [chosen.qi_framework, *chosen.other_qi_frameworks]
        which = talk.choose(
            "The quality indicators your levels are given against (the first, unless your "
            "setting still uses the other):",
            [framework.reference(ref).title for ref in offered],
            offered,
            enter="Enter for the first",
        )
        against = offered[which or 0]
    new = Setting(name=name, stage=chosen.id, age_range=age_range, qi_framework=against)
    return EvaluationSession.start(store, framework, new)


def _setting_name(talk: Conversation) -> str:
    """A name the file can hold: asked again, with why, until it is one."""
    from selfeval.evaluation.model import Setting

    while True:
        name = talk.ask("The name of your school or setting (type it, or q to stop):")
        if not name:
            talk.say("A name is needed to start; type it and press Enter.")
            continue
        try:
            Setting(name=name, stage="x")
        except ValidationError:
            talk.say("Type the name as plain words on one line, at most 300 characters.")
            continue
        return name


def whose_view(session: EvaluationSession) -> list[str]:
    """What a colleague giving their own view (`--as`) is told first: that it is their own
    view, not the setting's evaluation, and the file it goes in. Nothing for the setting's."""
    contributor = session.evaluation.contributor
    if contributor is None:
        return []
    who = contributor.key if contributor.name else f"{contributor.role}, without your name"
    return [
        f"You are giving your own view, as {who}, for "
        f"{session.evaluation.setting.name}'s evaluation.",
        f"Your answers go in a file of your own: {session.path}",
        "The setting's evaluation is not changed: the team brings the views together later.",
    ]
