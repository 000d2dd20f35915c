"""A setting's evaluation: who they are, which framework they answered, and every answer.

Evaluations are immutable values; each change makes a new one (``with_answer``, ``with_position``)
that the store saves at once. That keeps the TUI, scoring and storage from sharing mutable state.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.history import HistoryEntry, appended, now
from selfeval.evaluation.limits import (
    FREE_TEXT_LIMIT,
    NAME_LIMIT,
    STATEMENT_ID_LIMIT,
    VIEW_KEY_LIMIT,
)
from selfeval.evaluation.submissions import Submission
from selfeval.evaluation.years import SCHOOL_YEAR, school_year
from selfeval.framework.limits import HIGHEST_VALUE, LOWEST_VALUE

__all__ = [
    "FREE_TEXT_LIMIT",
    "HISTORY_VERSION",
    "SCHEMA_VERSION",
    "Answer",
    "Contributor",
    "Evaluation",
    "FrameworkStamp",
    "QIJudgement",
    "Setting",
    "View",
    "now",
    "school_year",
]

SCHEMA_VERSION: Literal[2] = 2
"""The version of the evaluation file format; raised only when old files need converting.

1: answers, QI judgements and orphans. 2: adds the action plan and targets (a version-1 file
is a version-2 file without them, so it loads unchanged and is saved as version 2)."""
HISTORY_VERSION: Literal[3] = 3
"""3: adds the history. Only a file with one is written as version 3: the others stay version
2, which an older selfeval opens, and it refuses a version 3 saying to update selfeval (not
naming `history` as a mistake)."""

Name = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=NAME_LIMIT,
        pattern=r"^[^\x00-\x1f\x7f-\x9f]*$",
    ),
]
"""A name on one line, without control characters (which terminals and charts would obey)."""
StatementId = Annotated[str, StringConstraints(min_length=1, max_length=STATEMENT_ID_LIMIT)]
FreeText = Annotated[str, StringConstraints(max_length=FREE_TEXT_LIMIT)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Setting(_Model):
    """The school or ELC setting whose evaluation this is."""

    name: Name
    """Its name as the setting writes it, e.g. "Oakfield Primary School"."""
    stage: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    """Its stage in the framework (elc, primary, secondary, asn); decides which statements apply."""
    age_range: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")] | None = None
    """For a stage with age ranges (a special school): the ages it serves, e.g. "primary-age";
    statements meant for other ages (the senior phase) are then not asked."""
    qi_framework: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")] | None = None
    """The reference framework whose QIs it is judged against, where its stage offers a choice
    (an ELC setting: the 2025 quality improvement framework, or HGIOELC); absent means the
    stage's own."""
    seed_code: Annotated[str, StringConstraints(pattern=r"^\d{7}$")] | None = None
    """The Scottish Government SEED code, seven digits, where the setting has one."""
    local_authority: Name | None = None
    """The council it belongs to."""
    cluster: Name | None = None
    """The cluster or learning community, for comparisons within an authority."""
    synthetic: StrictBool = False
    """True for made-up demonstration data, which every chart and report then labels."""

    @property
    def audience(self) -> str:
        """Who the framework's statements are chosen for: the stage, with the age range where
        one was given ("asn:primary-age"); see `Statement.applies_to`."""
        return f"{self.stage}:{self.age_range}" if self.age_range else self.stage


def _folded(text: str) -> str:
    """*text* compared without regard to case or spacing."""
    return " ".join(text.split()).casefold()


class Contributor(_Model):
    """Whose view a contribution file holds: a role, and a name only if the person gave one."""

    role: Name
    """E.g. "P5 teacher", "learner", "parent", "partner", "support staff"."""
    name: Name | None = None
    """Left out for an anonymous view; selfeval never adds a name of its own."""
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8,32}$")] | None = None
    """Made up once, when the contribution is started (`with_new_id`), so the view is known
    for what it is, not by its label or file: a second group of anonymous learners moderated
    later never takes the first group's places. Absent in views started before selfeval
    wrote it."""
    label: Name | None = None
    """In the team's evaluation only: the label this view's answers are kept under there
    ("learner 2"), so the next moderation uses it again."""

    def with_new_id(self) -> Contributor:
        """This contributor with an id of its own (kept if it has one)."""
        return self if self.id else self.model_copy(update={"id": secrets.token_hex(8)})

    @property
    def key(self) -> str:
        """How the agreed evaluation refers to this view, e.g. "P5 teacher (Ms Rahman)"."""
        return f"{self.role} ({self.name})" if self.name else self.role

    def same_person(self, other: Contributor | None) -> bool:
        """Whether *other* is the same role and name as typed another day: "ms reid" on
        Tuesday is Monday's "Ms Reid", so her view is resumed, never started twice."""
        if other is None:
            return False
        return _folded(self.key) == _folded(other.key)


class View(_Model):
    """One contributor's answer to a statement, kept beside the team's agreed one."""

    rating: StrictInt | None = Field(default=None, ge=LOWEST_VALUE, le=HIGHEST_VALUE)
    """Their rating, or absent."""
    not_applicable: StrictBool = False
    """True when they judged the statement not applicable."""


class FrameworkStamp(_Model):
    """Which framework, and exactly which content, the answers were given against."""

    id: Name
    """The framework's id."""
    version: Name
    """Its version when the evaluation was last saved."""
    content_hash: Name
    """A hash of its content, to notice edits made without a version change."""


class Answer(_Model):
    """One statement's answer: the three HGIOS questions."""

    rating: StrictInt | None = Field(default=None, ge=LOWEST_VALUE, le=HIGHEST_VALUE)
    """How are we doing? A value on the framework's scale, or absent."""
    not_applicable: StrictBool = False
    """True when the statement does not fit this setting; never counted in a level."""
    evidence: FreeText = ""
    """How do we know? The evidence, in the setting's own words."""
    notes: FreeText = ""
    """What are we going to do now? Notes and ideas for next steps."""
    why_not_applicable: FreeText = ""
    """Why the statement does not fit this setting (kept apart from the evidence, so that a
    reason given for "not applicable" never counts as evidence if it is rated later)."""
    updated: datetime | None = None
    """When the answer last changed."""
    views: dict[Annotated[str, StringConstraints(max_length=VIEW_KEY_LIMIT)], View] = Field(
        default_factory=dict
    )
    """In the agreed evaluation: each contributor's answer, by `Contributor.key`, kept beside
    the rating the team agreed."""
    moderation: FreeText = ""
    """Why the team agreed this rating where the views differed (optional)."""
    moderated: StrictBool = False
    """True where the team agreed this rating (or "not applicable") in moderation. A rating
    typed into the team's file outside moderation is one person's until the team agrees it,
    and is never shown as agreed (`is_agreed`)."""

    @field_validator("not_applicable")
    @classmethod
    def _rated_or_not_applicable(cls, value: bool, info: ValidationInfo) -> bool:
        # on the field, not the model: it runs only where "not applicable" is given (a few
        # answers in a file), not for every answer (a tenth of reading a file, in bulk)
        if value and info.data.get("rating") is not None:
            raise ValueError(
                "an answer cannot have a rating and be not applicable: "
                "delete the rating or the not_applicable line"
            )
        return value

    @property
    def is_agreed(self) -> bool:
        """Whether the team agreed this answer in moderation (files moderated before selfeval
        recorded this show their ratings as still to agree: it cannot tell which were)."""
        return self.is_answered and self.moderated

    @property
    def is_answered(self) -> bool:
        """Whether a rating or "not applicable" has been given."""
        return self.rating is not None or self.not_applicable

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all has been entered."""
        return not (
            self.is_answered
            or self.evidence
            or self.notes
            or self.views
            or self.moderation
            or self.why_not_applicable
        )


class QIJudgement(_Model):
    """The setting's own evaluation of one quality indicator, beside what selfeval suggested."""

    suggested: StrictInt | None = None
    """The level selfeval suggested when the setting confirmed (None: no level yet)."""
    confirmed: StrictInt
    """The level the setting decided on: its professional judgement."""
    reason: FreeText = ""
    """Why the setting chose a level different from the suggestion, if it did."""
    updated: datetime | None = None
    """When it was confirmed."""


Status = Literal["in-progress", "complete"]


def _known_version(value: object) -> object:
    """Version 1 files are read as version 2; a newer file is refused with what to do."""
    if value == 1:
        return SCHEMA_VERSION
    if isinstance(value, int) and not isinstance(value, bool) and value > HISTORY_VERSION:
        raise ValueError(
            f"this file uses evaluation format {value}, written by a newer selfeval; "
            f"this one reads formats 1 to {HISTORY_VERSION}. Update selfeval to open it"
        )
    return value


class Evaluation(_Model):
    """A setting's evaluation against one framework, as saved in one TOML file."""

    schema_version: Annotated[Literal[2, 3], BeforeValidator(_known_version)] = SCHEMA_VERSION
    """The evaluation file format (as saved: `HISTORY_VERSION` with a history, else 2)."""
    setting: Setting
    """Who this evaluation is for."""
    framework: FrameworkStamp
    """What it was answered against."""
    status: Status = "in-progress"
    """Whether the setting has finished."""
    completed_by: Name | None = None
    """Who completed it, e.g. the headteacher's name."""
    created: datetime
    """When it was started."""
    school_year: Annotated[str, StringConstraints(pattern=SCHOOL_YEAR)] | None = None
    """The school year it evaluates, e.g. "2026-27" (its file's name says it too). Absent in
    files written before selfeval recorded it: then the year it was started in (`year`)."""
    updated: datetime
    """When anything last changed."""
    position: StatementId | None = None
    """The statement the user was on, so the app resumes there."""
    answers: dict[StatementId, Answer] = Field(default_factory=dict)
    """Answers by statement id."""
    qi: dict[StatementId, QIJudgement] = Field(default_factory=dict)
    """Confirmed QI levels by section id."""
    orphans: dict[StatementId, Answer] = Field(default_factory=dict)
    """Answers to statements a newer framework no longer has, kept rather than dropped."""
    contributor: Contributor | None = None
    """Set in a contribution: one colleague's (or learner's, parent's, partner's) own view of
    the setting, which the team moderates into the setting's agreed evaluation."""
    contributors: list[Contributor] = Field(default_factory=list)
    """In the agreed evaluation: everyone whose view was brought into it."""
    actions: list[Action] = Field(default_factory=list)
    """The action plan, in the order the team made it."""
    targets: dict[StatementId, Target] = Field(default_factory=dict)
    """The level the team aims for, by section id."""
    submissions: list[Submission] = Field(default_factory=list)
    """Each time it was handed in to the authority (`selfeval submit`), oldest first."""
    history: list[HistoryEntry] = Field(default_factory=list)
    """What matters to an authority, oldest first: levels agreed, hand-ins (`history`)."""

    @model_validator(mode="after")
    def _unique_action_ids(self) -> Self:
        seen: set[str] = set()
        for action in self.actions:
            if action.id in seen:
                raise ValueError(f"two actions have the id {action.id!r}; give each its own")
            seen.add(action.id)
        return self

    @property
    def year(self) -> str:
        """The school year it evaluates: as recorded, else the one it was started in."""
        return self.school_year or school_year(self.created.date())

    def answer(self, statement_id: str) -> Answer:
        """The answer to *statement_id* (an empty one if not yet answered)."""
        return self.answers.get(statement_id) or Answer()

    def with_answer(self, statement_id: str, answer: Answer, at: datetime | None = None) -> Self:
        """A copy with *answer* recorded for *statement_id*."""
        when = at or now()
        answers = dict(self.answers)
        if answer.is_empty:
            answers.pop(statement_id, None)
        else:
            answers[statement_id] = answer.model_copy(update={"updated": when})
        return self.model_copy(update={"answers": answers, "updated": when})

    def with_position(self, statement_id: str | None) -> Self:
        """A copy that resumes at *statement_id*."""
        return self.model_copy(update={"position": statement_id})

    def with_judgement(self, section_id: str, judgement: QIJudgement | None) -> Self:
        """A copy with the setting's confirmed level for one section's QI, or none (undone)."""
        when = now()
        qi = dict(self.qi)
        if judgement is None:
            qi.pop(section_id, None)
        else:
            qi[section_id] = judgement.model_copy(update={"updated": when})
        return self.model_copy(update={"qi": qi, "updated": when})

    def with_action(self, action: Action) -> Self:
        """A copy with *action* added, or replacing the action with its id."""
        when = now()
        action = action.model_copy(update={"updated": when})
        kept = [action if a.id == action.id else a for a in self.actions]
        if not any(a.id == action.id for a in self.actions):
            kept.append(action)
        return self.model_copy(update={"actions": kept, "updated": when})

    def without_action(self, action_id: str) -> Self:
        """A copy without the action *action_id*."""
        kept = [a for a in self.actions if a.id != action_id]
        return self.model_copy(update={"actions": kept, "updated": now()})

    def new_action_id(self) -> str:
        """An id no action in this file has yet: "a" and the next number."""
        numbers = [int(a.id[1:]) for a in self.actions if a.id[1:].isdigit() and a.id[0] == "a"]
        return f"a{max(numbers, default=0) + 1}"

    def with_entry(self, entry: HistoryEntry) -> Self:
        """A copy with *entry* in its history (once); nothing else, not even `updated`."""
        return self.model_copy(update={"history": appended(self.history, entry)})

    def with_target(self, section_id: str, target: Target | None) -> Self:
        """A copy with the team's target for one section set, or removed (None)."""
        when = now()
        targets = dict(self.targets)
        if target is None:
            targets.pop(section_id, None)
        else:
            targets[section_id] = target.model_copy(update={"updated": when})
        return self.model_copy(update={"targets": targets, "updated": when})

    def with_status(self, status: Status, completed_by: str | None = None) -> Self:
        """A copy marked complete or in progress, and who completed it where *completed_by*
        says (kept as it was where it does not). *completed_by* is a name on one line:
        otherwise ValueError (pydantic's), and nothing changes. (`model_copy` checks nothing:
        a name with a line break was saved, and the file then could not be opened.)"""
        update: dict[str, object] = {"status": status, "updated": now()}
        if completed_by:
            update["completed_by"] = _names().validate_python(completed_by)
        return self.model_copy(update=update)


@cache
def _names() -> TypeAdapter[str]:
    """Checks a name as the models do (built on first use: not on the way to the app)."""
    return TypeAdapter(Name)
