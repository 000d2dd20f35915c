"""Words a nursery should not meet: `selfeval validate` warns where a text shown to an ELC
stage uses school-only words and has no ELC wording of its own.

The list is data (`school_words`, kept with the stages in common/stages.toml, which a framework
includes or adds to). Words are matched whole and case-blind; a published name that contains
one (a STEM Nation Award criterion, say) is better given an ELC wording than left to the
warning. A framework with an ELC stage and no list is told that nothing was checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selfeval.framework.model import Framework
from selfeval.framework.sections import Section

__all__ = ["SchoolWording", "school_wording", "wording_unchecked"]


@dataclass(frozen=True)
class SchoolWording:
    """One text shown to nurseries that uses a school-only word."""

    where: str
    """The key path, e.g. sections[2].improvement_actions[0].text."""
    word: str
    text: str
    fix: str
    """Which ELC field to add."""


def school_wording(fw: Framework) -> list[SchoolWording]:
    """Every text an ELC stage is shown that uses a school-only word and has no ELC wording."""
    elc = [s.id for s in fw.stages if s.elc_wording]
    if not elc:
        return []
    words = fw.school_words
    if not words:
        return []
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    found = []
    for n, section in enumerate(fw.sections):
        for where, text, fix in _shown_to_elc(section, f"sections[{n}]", elc):
            match = pattern.search(text)
            if match:
                found.append(SchoolWording(where, match.group(0), text, fix))
    return found


def wording_unchecked(fw: Framework) -> bool:
    """Whether *fw* shows statements to nurseries but lists no words to check them for."""
    return not fw.school_words and any(s.elc_wording for s in fw.stages)


def _shown_to_elc(section: Section, at: str, elc: list[str]) -> Iterator[tuple[str, str, str]]:
    """(key path, text, the ELC field that would fix it) for each text without an ELC form."""
    asked = [s for s in section.statements if any(s.applies_to(stage) for stage in elc)]
    if not asked:
        return
    if section.intro and not section.intro_elc:
        yield f"{at}.intro", section.intro, "intro_elc"
    if section.journey and not section.journey_elc:
        yield f"{at}.journey", section.journey, "journey_elc"
    if not section.challenge_questions_elc:
        for q, text in enumerate(section.challenge_questions):
            yield f"{at}.challenge_questions[{q}]", text, "challenge_questions_elc"
    for t, theme in enumerate(section.themes):
        here = f"{at}.themes[{t}]"
        if any(s in asked for s in theme.statements) and not theme.title_elc:
            yield f"{here}.title", theme.title, "title_elc"
        for s, statement in enumerate(theme.statements):
            if statement not in asked:
                continue
            spot = f"{here}.statements[{s}]"
            if not statement.text_elc:
                yield f"{spot}.text", statement.text, "text_elc"
            if not statement.evidence_prompts_elc:
                for p, prompt in enumerate(statement.evidence_prompts):
                    yield f"{spot}.evidence_prompts[{p}]", prompt, "evidence_prompts_elc"
            if not statement.anchors_elc:
                for value, anchor in statement.anchors.items():
                    yield f"{spot}.anchors.{value}", anchor, "anchors_elc"
    for a, action in enumerate(section.improvement_actions):
        if any(action.suits(stage) for stage in elc) and not action.text_elc:
            yield f"{at}.improvement_actions[{a}].text", action.text, "text_elc"
