"""The shape of a framework file, as pydantic models: what each table and key means.

These models check each value on its own (types, required keys, id syntax, unknown keys). Checks
that need the whole framework (unique ids, references between tables) live in `checks.py`, so that
every problem in a file can be reported at once with its own key path. Use
`selfeval.framework.load_framework` rather than validating these models directly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Annotated, Any

from pydantic import Field, StrictBool, StrictInt, StringConstraints

from selfeval.framework.scale import Judgement, Level, Scale
from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = [
    "AGE_SEPARATOR",
    "AgeRange",
    "Framework",
    "ImprovementAction",
    "Indicator",
    "Judgement",
    "Level",
    "QIGroup",
    "QIRef",
    "ReferenceFramework",
    "Scale",
    "Section",
    "Stage",
    "Statement",
    "Tag",
    "Theme",
    "split_audience",
    "version_key",
]


@lru_cache(maxsize=1024)  # asked for every statement of every file a comparison reads
def version_key(text: str) -> tuple[int, ...]:
    """A version such as "1.10.0" as numbers, so that 1.10 sorts after 1.9; (0,) if not one."""
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (0,)


class Indicator(_Model):
    """One quality indicator of a reference framework, e.g. HGIOS4 QI 2.3."""

    id: Id
    """Its number or slug as the reference framework prints it, e.g. "2.3"."""
    title: Text
    """Its title, e.g. "Learning, teaching and assessment"."""
    category: Text
    """The area it belongs to, e.g. "Learning provision"."""
    lead: Text | None = None
    """Which inspectorate leads on it where two share the framework, e.g. "Care Inspectorate"."""


class ReferenceFramework(_Model):
    """A published framework of quality indicators that sections are keyed to (HGIOS4, HGIOELC,
    the 2025 ELC quality improvement framework)."""

    id: Id
    """How sections refer to it, e.g. "hgios4"."""
    title: Text
    """Its full title."""
    short_title: Text
    """Its usual abbreviation, e.g. "HGIOS4"."""
    published: Text | None = None
    """When the version followed here was published, e.g. "September 2025"."""
    source: Text | None = None
    """Where its current wording is published, so a reader can check it."""
    numbered: StrictBool = True
    """Whether its QIs have numbers ("QI 2.3"); the 2025 ELC framework's have titles only."""
    broad: StrictBool = False
    """Whether its QIs are broader than a section, so that several sections may feed one (the
    2025 ELC framework has 11 QIs where HGIOELC had 15); each QI is then judged on the
    statements of all its sections together."""
    level_words: dict[int, Text] = Field(default_factory=dict)
    """Scale words this framework's inspectorate uses instead of the scale's own, by value
    (the Care Inspectorate calls level 3 "adequate")."""
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    """Its quality indicators."""

    def label(self, indicator_id: str) -> str:
        """How a QI is named before its title: "QI 2.3", or nothing where QIs have no number."""
        return f"QI {indicator_id}" if self.numbered else ""


AGE_SEPARATOR = ":"
"""Joins a stage and an age range into the audience a statement is asked of ("asn:primary-age")."""


def split_audience(audience: str) -> tuple[str, str | None]:
    """*audience* ("asn" or "asn:primary-age") as its stage id and age range (or None)."""
    stage, _, age_range = audience.partition(AGE_SEPARATOR)
    return stage, age_range or None


class AgeRange(_Model):
    """An age range a stage's settings choose from, e.g. a special school of primary age."""

    id: Id
    """How statements refer to it in `age_ranges`."""
    label: Text
    """Its name as shown to users."""


class Stage(_Model):
    """A kind of setting a framework can be used in (ELC, primary, secondary, ASN)."""

    id: Id
    """How statements and actions refer to it."""
    label: Text
    """Its name as shown to users."""
    qi_framework: Id
    """Which reference framework's QIs this stage's settings are judged against unless they
    choose another (e.g. the 2025 ELC framework for ELC)."""
    other_qi_frameworks: tuple[Id, ...] = ()
    """Other reference frameworks a setting at this stage may choose instead (HGIOELC, for
    ELC settings that still use it)."""
    elc_wording: StrictBool = False
    """Whether statements show their ELC wording (``text_elc``) in this stage."""
    age_ranges: tuple[AgeRange, ...] = ()
    """The age ranges its settings choose from (a special school may serve primary-age pupils,
    secondary-age pupils or both); empty where the stage itself says the ages."""


class Tag(_Model):
    """One entry of the framework's closed tag vocabulary (strategy themes, programmes, awards)."""

    id: Id
    """How statements refer to it."""
    label: Text
    """Its name as shown to users."""
    group: Id
    """What kind of tag it is, e.g. "strategy", "programme", "award", "nif"."""
    description: Text | None = None
    """What it stands for, in a sentence."""


class QIRef(_Model):
    """A reference from a section to one quality indicator of a reference framework."""

    framework: Id
    """The reference framework's id, e.g. "hgios4"."""
    id: Id
    """The indicator's id there, e.g. "1.3"."""


class Statement(_Model):
    """A rated statement: something a setting says about itself and rates on the scale."""

    id: Id
    """Stable id; evaluations key their answers on it, so never reuse one for new meaning."""
    text: Text
    """The statement in the "we" voice of a school."""
    text_elc: Text | None = None
    """The same statement worded for an ELC setting, where the school wording does not fit."""
    stages: tuple[Id, ...] = ()
    """The stages it applies to; empty means every stage of the framework."""
    age_ranges: tuple[Id, ...] = ()
    """In a stage with age ranges, the only ones asked it (senior-phase statements go to
    special schools with secondary-age pupils); empty means every age range."""
    tags: tuple[Id, ...] = ()
    """Tags from the framework's vocabulary."""
    evidence_prompts: tuple[Text, ...] = ()
    """What would show this is true: prompts for "How do we know?"."""
    evidence_prompts_elc: tuple[Text, ...] = ()
    """The evidence prompts in the words of early learning and childcare, where they differ."""
    anchors: dict[int, Text] = Field(default_factory=dict)
    """What practice looks like at some levels, keyed by scale value (e.g. 2, 4, 5)."""
    anchors_elc: dict[int, Text] = Field(default_factory=dict)
    """The same in the words of early learning and childcare, where they differ."""
    since: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] | None = None
    """The framework version that added it, so older evaluations can be told what is new."""
    critical: StrictBool = False
    """A failure here cannot be offset by strengths elsewhere (safe practical work, child
    protection): rated weak or unsatisfactory, its QI is at most weak and its next steps are
    urgent."""
    na_allowed: StrictBool = True
    """Whether a setting may mark it not applicable; false for what every setting of its
    stages must answer (an inspector would challenge "not applicable" there)."""

    def wording(self, elc: bool) -> str:
        """The text to show in a setting that does (or does not) use ELC wording."""
        return self.text_elc if elc and self.text_elc else self.text

    def prompts(self, elc: bool) -> tuple[str, ...]:
        """The evidence prompts for a setting that does (or does not) use ELC wording."""
        return (
            self.evidence_prompts_elc
            if elc and self.evidence_prompts_elc
            else (self.evidence_prompts)
        )

    def looks_like(self, elc: bool) -> dict[int, str]:
        """The anchors for a setting that does (or does not) use ELC wording."""
        return self.anchors_elc if elc and self.anchors_elc else self.anchors

    def applies_to(self, audience: str) -> bool:
        """Whether this statement is asked of a setting at *audience*: a stage id, or a stage
        and the age range the setting chose ("asn:primary-age"). A setting that has not said
        its age range is asked everything its stage is."""
        if AGE_SEPARATOR not in audience:  # the common case, asked for every statement
            return not self.stages or audience in self.stages
        stage, age_range = split_audience(audience)
        if self.stages and stage not in self.stages:
            return False
        return not self.age_ranges or age_range in self.age_ranges


class Theme(_Model):
    """A group of statements within a section, following the QI's themes where they fit."""

    id: Id
    """Stable id."""
    title: Text
    """Its title."""
    title_elc: Text | None = None
    """Its title in the words of early learning and childcare, where they differ."""
    statements: tuple[Statement, ...] = Field(min_length=1)
    """Its rated statements."""
    qi: tuple[QIRef, ...] = ()
    """Where it feeds another QI of a broad reference framework than its section does: the
    STEM spaces theme of QI 1.5 feeds the 2025 ELC framework's "Children experience high
    quality spaces", the rest of 1.5 its "Leadership and management of staff and resources"."""

    def heading(self, elc: bool) -> str:
        """The title for a setting that does (or does not) use ELC wording."""
        return self.title_elc if elc and self.title_elc else self.title


class ImprovementAction(_Model):
    """A next step the plan offers when what it applies to is rated at or below a threshold."""

    id: Id
    """Stable id."""
    text: Text
    """The next step, concrete enough to go into an improvement plan."""
    text_elc: Text | None = None
    """The same step in the words of early learning and childcare, where the school wording
    (learners, lessons, assemblies) does not fit a nursery."""
    applies_to: tuple[Id, ...] = ()
    """Statement or theme ids in this section; empty means the section's QI as a whole."""
    when_at_most: StrictInt
    """Offered when the rating (or the QI's level) is this value or lower."""
    stages: tuple[Id, ...] = ()
    """The stages it suits; empty means every stage."""

    def wording(self, elc: bool) -> str:
        """The text to show in a setting that does (or does not) use ELC wording."""
        return self.text_elc if elc and self.text_elc else self.text

    def suits(self, audience: str) -> bool:
        """Whether this action is offered to a setting at *audience* (a stage, with or
        without an age range)."""
        return not self.stages or split_audience(audience)[0] in self.stages


class Section(_Model):
    """A part of the framework tied to one quality indicator (in one or more QI catalogues)."""

    id: Id
    """Stable id."""
    qi: tuple[QIRef, ...] = Field(min_length=1)
    """The quality indicators this section evaluates, e.g. HGIOS4 1.3 and HGIOELC 1.3."""
    title: Text | None = None
    """A title of its own; by default the title of its first QI."""
    intro: Text | None = None
    """What this QI asks of a setting's STEM, in plain words: shown with its journey."""
    intro_elc: Text | None = None
    """The intro in the words of early learning and childcare, where they differ."""
    journey: Text | None = None
    """The journey this QI's STEM work follows, from starting out to sustained improvement, in
    a few sentences: shown before its first statement and in the plan, so a setting sees where
    it is heading, not only where it is."""
    journey_elc: Text | None = None
    """The journey in the words of early learning and childcare, where they differ."""
    challenge_questions: tuple[Text, ...] = ()
    """Questions for professional dialogue; prompts, never rated."""
    challenge_questions_elc: tuple[Text, ...] = ()
    """The questions in the words of early learning and childcare, where they differ."""
    themes: tuple[Theme, ...] = Field(min_length=1)
    """Its themes, each with rated statements."""
    improvement_actions: tuple[ImprovementAction, ...] = ()
    """Next steps offered when its statements or its QI are rated low."""

    def about(self, elc: bool) -> str | None:
        """The intro for a setting that does (or does not) use ELC wording."""
        return self.intro_elc if elc and self.intro_elc else self.intro

    def path(self, elc: bool) -> str | None:
        """The journey for a setting that does (or does not) use ELC wording."""
        return self.journey_elc if elc and self.journey_elc else self.journey

    def questions(self, elc: bool) -> tuple[str, ...]:
        """The challenge questions for a setting that does (or does not) use ELC wording."""
        return (
            self.challenge_questions_elc
            if elc and self.challenge_questions_elc
            else (self.challenge_questions)
        )

    @property
    def statements(self) -> list[Statement]:
        """Every statement of every theme, in order."""
        return [statement for theme in self.themes for statement in theme.statements]


class Framework(_Model):
    """A self-evaluation framework: scale, stages, tags, QI catalogue and sections of statements."""

    id: Id
    """Stable id; evaluations record it, so never reuse one for a different framework."""
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    """Version of the content, e.g. "1.2.0"; raise it whenever statements change."""
    title: Text
    """Its title as shown to users."""
    based_on: Text
    """What it is built on, e.g. the published framework and QIs it follows."""
    description: Text | None = None
    """A paragraph on who it is for and how to use it."""
    scale: Id
    """The id of the rating scale it uses (from ``scales`` here or an included file)."""
    include: tuple[str, ...] = ()
    """Other TOML files (paths relative to this one) whose scales, QIs, stages and tags it uses."""
    renamed: dict[Id, Id] = Field(default_factory=dict)
    """Old statement id → new statement id, so older evaluations keep their answers."""
    scales: tuple[Scale, ...] = ()
    """Rating scales defined here."""
    reference_frameworks: tuple[ReferenceFramework, ...] = ()
    """QI catalogues defined here (HGIOS4 and HGIOELC are usually included)."""
    stages: tuple[Stage, ...] = ()
    """The stages this framework can be used in."""
    tags: tuple[Tag, ...] = ()
    """The closed tag vocabulary."""
    school_words: tuple[str, ...] = ()
    """Words a nursery should not meet, for `validate`'s warning (the bundled list is in
    common/stages.toml; the lists of included files and the framework's own are joined)."""
    sections: tuple[Section, ...] = Field(min_length=1)
    """The sections, one per quality indicator."""

    @cached_property
    def content_hash(self) -> str:
        """A hash of everything in the framework, to notice edits made without a new version.

        A scale's `judgement` counts only where a framework sets it: the default added in
        selfeval 0.2 leaves the hashes of earlier frameworks (and their evaluations) unchanged.
        The same holds for the statement flags added in selfeval 0.3 (`Statement.critical`,
        `Statement.na_allowed`) and a theme's own QIs (`Theme.qi`): they count only where set.
        """
        default = Judgement()
        unset = {n: {"judgement"} for n, s in enumerate(self.scales) if s.judgement == default}
        flags = {"critical": True, "na_allowed": True}
        themes = {"__all__": {"qi": True, "statements": {"__all__": flags}}}
        each = {"__all__": {"themes": themes}}
        excluded: Any = {"scales": unset, "sections": each}  # pydantic's IncEx, nested
        dumped = self.model_dump_json(exclude=excluded)
        flagged: list[object] = [
            (s.id, s.critical, s.na_allowed)
            for s in self.statements.values()
            if s.critical or not s.na_allowed
        ]
        flagged += [
            (t.id, [r.model_dump() for r in t.qi])
            for sec in self.sections
            for t in sec.themes
            if t.qi
        ]
        dumped += repr(flagged) if flagged else ""
        digest = hashlib.sha256(dumped.encode("utf-8")).hexdigest()
        return f"sha256:{digest[:16]}"

    @cached_property
    def rating_scale(self) -> Scale:
        """The scale named by ``scale``."""
        return next(scale for scale in self.scales if scale.id == self.scale)

    @cached_property
    def statements(self) -> dict[str, Statement]:
        """Every statement by id, in framework order."""
        return {s.id: s for section in self.sections for s in section.statements}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        """The section each statement id belongs to."""
        return {s.id: section for section in self.sections for s in section.statements}

    @cached_property
    def theme_of(self) -> dict[str, Theme]:
        """The theme each statement id belongs to."""
        return {
            s.id: theme
            for section in self.sections
            for theme in section.themes
            for s in theme.statements
        }

    def stage(self, stage_id: str) -> Stage:
        """The stage with id *stage_id* (an audience such as "asn:primary-age" names its
        stage)."""
        wanted, _ = split_audience(stage_id)
        return next(stage for stage in self.stages if stage.id == wanted)

    def indicator(self, ref: QIRef) -> Indicator:
        """The catalogue entry a section's QI reference points at."""
        catalogue = next(f for f in self.reference_frameworks if f.id == ref.framework)
        return next(i for i in catalogue.indicators if i.id == ref.id)

    def reference(self, framework_id: str) -> ReferenceFramework:
        """The reference framework with id *framework_id*."""
        return next(f for f in self.reference_frameworks if f.id == framework_id)

    def judged_against(self, stage_id: str | None, chosen: str | None = None) -> str | None:
        """The reference framework a setting at *stage_id* is judged against: the one it
        *chose*, where its stage offers that one, else its stage's own (None: no stage)."""
        if stage_id is None:
            return None
        stage = self.stage(stage_id)
        if chosen is not None and chosen in (stage.qi_framework, *stage.other_qi_frameworks):
            return chosen
        return stage.qi_framework

    def qi_for(
        self, section: Section, stage_id: str | None = None, against: str | None = None
    ) -> tuple[QIRef, Indicator]:
        """The QI a setting at *stage_id* sees for *section*: from the reference framework it
        is judged *against* (default: its stage's), else the section's first."""
        wanted = self.judged_against(stage_id, against)
        ref = next((r for r in section.qi if r.framework == wanted), section.qi[0])
        return ref, self.indicator(ref)

    def section_title(self, section: Section, stage_id: str | None = None) -> str:
        """The title users see for *section* (its HGIOS4 or HGIOELC QI, even for a setting
        judged against broader QIs: a section is one area of STEM practice)."""
        return section.title or self.indicator(self._narrow_ref(section, stage_id)).title

    def place(
        self,
        section: Section,
        stage_id: str,
        against: str | None = None,
        theme: Theme | None = None,
    ) -> str:
        """Where *section* (or its *theme*, which may feed a QI of its own) sits, as a heading:
        "QI 1.3 Leadership of change", or under a broad QI "Leadership of continuous
        improvement: Self-evaluation for self-improvement"."""
        ref, indicator = self.qi_for(section, stage_id, against)
        own = next((r for r in theme.qi if r.framework == ref.framework), None) if theme else None
        if own is not None:
            ref, indicator = own, self.indicator(own)
        title = self.section_title(section, stage_id)
        reference = self.reference(ref.framework)
        if not reference.broad:
            return f"{reference.label(ref.id)} {title}".strip()
        return title if title == indicator.title else f"{indicator.title}: {title}"

    def _narrow_ref(self, section: Section, stage_id: str | None) -> QIRef:
        """*section*'s QI in the first reference framework its stage offers whose QIs are one
        per section (HGIOELC for a nursery judged against the 2025 framework)."""
        if stage_id is not None:
            stage = self.stage(stage_id)
            for offered in (stage.qi_framework, *stage.other_qi_frameworks):
                if not self.reference(offered).broad:
                    return next((r for r in section.qi if r.framework == offered), section.qi[0])
        return section.qi[0]

    def groups(self, stage_id: str, against: str | None = None) -> tuple[QIGroup, ...]:
        """The QIs a setting at *stage_id* judged *against* a reference framework is given a
        level for, each with the sections whose statements feed it, in the reference
        framework's order (one section each, except in a broad framework)."""
        key = (stage_id, self.judged_against(stage_id, against))
        cached = self._groups_cache.get(key)
        if cached is None:
            cached = self._make_groups(stage_id, key[1])
            self._groups_cache[key] = cached
        return cached

    def _make_groups(self, stage_id: str, against: str | None) -> tuple[QIGroup, ...]:
        found: dict[tuple[str, str], list[tuple[Section, Theme]]] = {}
        for section in self.sections:
            ref, _ = self.qi_for(section, stage_id, against)
            for theme in section.themes:
                own = next((r for r in theme.qi if r.framework == ref.framework), ref)
                found.setdefault((own.framework, own.id), []).append((section, theme))
        order = {
            (f.id, qi.id): n for f in self.reference_frameworks for n, qi in enumerate(f.indicators)
        }
        out = []
        for (framework_id, qi_id), parts in sorted(found.items(), key=lambda i: order[i[0]]):
            ref = QIRef(framework=framework_id, id=qi_id)
            sections: tuple[Section, ...] = ()
            for section, _ in parts:  # by identity: sections are not hashable
                sections += () if any(s is section for s in sections) else (section,)
            ids = tuple(s.id for _, t in parts for s in t.statements if s.applies_to(stage_id))
            whole = len(parts) == sum(len(section.themes) for section in sections)
            out.append(QIGroup(ref, self.indicator(ref), sections, ids, whole))
        return tuple(out)

    def group_of(self, section: Section, stage_id: str, against: str | None = None) -> QIGroup:
        """The QI group *section* feeds for a setting at *stage_id*."""
        return next(g for g in self.groups(stage_id, against) if section in g.sections)

    def section_group(self, section: Section, stage_id: str) -> QIGroup:
        """*section* alone, under its HGIOS4 or HGIOELC QI: how the overview shows it."""
        ref = self._narrow_ref(section, stage_id)
        ids = tuple(s.id for s in section.statements if s.applies_to(stage_id))
        return QIGroup(ref, self.indicator(ref), (section,), ids)

    def scale_for(self, reference_id: str | None) -> Scale:
        """The rating scale in the words of the reference framework a setting is judged
        against (the Care Inspectorate says "adequate" where HGIOS says "satisfactory")."""
        words = self.reference(reference_id).level_words if reference_id else {}
        if not words:
            return self.rating_scale
        cached = self._scales_cache.get(reference_id or "")
        if cached is None:
            cached = self._scale_in(words)
            self._scales_cache[reference_id or ""] = cached
        return cached

    def _scale_in(self, words: dict[int, str]) -> Scale:
        """The rating scale with *words* for the levels they name."""
        data = self.rating_scale.model_dump()
        for level in data["levels"]:
            level["word"] = words.get(level["value"], level["word"])
        return Scale.model_validate(data)  # a new model: no cached lookups copied

    def scale_for_all(self, reference_ids: Iterable[str | None]) -> Scale:
        """The rating scale in the words of every reference framework in a comparison: where
        they differ, both ("3 satisfactory / adequate"), so a chart of schools and nurseries
        does not call a nursery's level by the school word alone."""
        order = [None, *(r.id for r in self.reference_frameworks)]
        scales: list[Scale] = []
        for reference_id in sorted(set(reference_ids), key=order.index):
            scale = self.scale_for(reference_id)
            scales += [] if scale in scales else [scale]
        if len(scales) < 2:
            return scales[0] if scales else self.rating_scale
        return self._scale_in(
            {v: " / ".join(dict.fromkeys(s.word(v) for s in scales)) for v in scales[0].values}
        )

    def scale_judged(self, stage_id: str, chosen: str | None = None) -> Scale:
        """The rating scale in the words of what a setting at *stage_id* is judged against
        (*chosen*: the reference framework it chose, if any)."""
        return self.scale_for(self.judged_against(stage_id, chosen))

    @cached_property
    def _scales_cache(self) -> dict[str, Scale]:
        return {}

    def statements_for(self, stage_id: str) -> list[Statement]:
        """The statements asked of a setting at *stage_id*, in order (worked out once per
        stage: comparisons ask it per file)."""
        cached = self._statements_cache.get(stage_id)
        if cached is None:
            cached = [s for s in self.statements.values() if s.applies_to(stage_id)]
            self._statements_cache[stage_id] = cached
        return list(cached)

    @cached_property
    def _groups_cache(self) -> dict[tuple[str, str | None], tuple[QIGroup, ...]]:
        return {}

    @cached_property
    def _statements_cache(self) -> dict[str, list[Statement]]:
        return {}


@dataclass(frozen=True, eq=False)
class QIGroup:
    """One QI a setting is given a level for, and the sections whose statements feed it."""

    ref: QIRef
    indicator: Indicator
    sections: tuple[Section, ...]
    asked: tuple[str, ...]
    """The ids of its statements asked of the setting, in framework order."""
    whole: bool = True
    """Whether every theme of its sections feeds it (a theme may feed another QI: `Theme.qi`)."""

    @cached_property
    def themes(self) -> tuple[tuple[Theme, tuple[str, ...]], ...]:
        """Each theme with statements asked, and their ids: a QI is judged whole, so a theme
        with nothing rated keeps it from the top levels."""
        asked = set(self.asked)
        found = (
            (theme, tuple(s.id for s in theme.statements if s.id in asked))
            for section in self.sections
            for theme in section.themes
        )
        return tuple((theme, ids) for theme, ids in found if ids)

    @cached_property
    def theme_at(self) -> dict[str, int]:
        """Which of `themes` each statement asked is in, by its place there."""
        return {sid: n for n, (_, ids) in enumerate(self.themes) for sid in ids}

    @cached_property
    def critical(self) -> tuple[str, ...]:
        """The ids of its critical statements asked (see `Statement.critical`)."""
        return tuple(
            s.id for section in self.sections for s in section.statements
            if s.critical and s.id in self.asked
        )  # fmt: skip

    @cached_property  # asked for every QI of every file in a comparison
    def key(self) -> str:
        """Where the setting's agreed level, target and actions for it are kept: the section
        id where one whole section feeds it (as before broad frameworks existed), else
        "framework:qi" (e.g. "elc-qif:curriculum")."""
        if len(self.sections) == 1 and self.whole:
            return self.sections[0].id
        return f"{self.ref.framework}:{self.ref.id}"

    @cached_property
    def earlier_keys(self) -> tuple[str, ...]:
        """Keys this QI's level, target and actions may have been kept under by an earlier
        version of the framework, before sections or themes moved between broad QIs: its
        "framework:qi", and the ids of its sections whose own QI it is."""
        own = [section.id for section in self.sections if any(r == self.ref for r in section.qi)]
        found = [f"{self.ref.framework}:{self.ref.id}", *own]
        return tuple(key for key in dict.fromkeys(found) if key != self.key)
