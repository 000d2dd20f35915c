"""The shape of a framework file, as pydantic models: what each table and key means.

This module holds the framework as a whole; the parts it is made of have modules of their own:
the QI catalogues (`reference`), stages (`stages`), sections of statements (`sections`), and the
QI groups it derives for a setting (`groups`).

These models check each value on its own (types, required keys, id syntax, unknown keys). Checks
that need the whole framework (unique ids, references between tables) live in `checks.py`, so that
every problem in a file can be reported at once with its own key path. Use
`selfeval.framework.load_framework` rather than validating these models directly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from selfeval.framework.groups import QIGroup
from selfeval.framework.reference import Indicator, QIRef, ReferenceFramework
from selfeval.framework.scale import Judgement, Level, Scale
from selfeval.framework.sections import ImprovementAction, Section, Statement, Theme
from selfeval.framework.stages import Stage, split_audience
from selfeval.framework.tagnames import with_current_tags
from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = [
    "Framework",
    "Judgement",
    "Level",
    "Scale",
    "Tag",
    "version_key",
]


_TAGS = {"__all__": {"tags"}}
"""Excludes the tags of each item of a list from a dump (see `Framework.content_hash`)."""


@lru_cache(maxsize=1024)  # asked for every statement of every file a comparison reads
def version_key(text: str) -> tuple[int, ...]:
    """A version such as "1.10.0" as numbers, so that 1.10 sorts after 1.9; (0,) if not one."""
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (0,)


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
    renamed_tags: dict[Id, Id] = Field(default_factory=dict)
    """Old tag id → new tag id (the NIF priorities before 2024 → today's), so frameworks and
    evaluations tagged with the old ids keep their tags; included files may add to it."""
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

    @model_validator(mode="before")
    @classmethod
    def _current_tags(cls, data: Any) -> Any:
        return with_current_tags(data)

    @cached_property
    def content_hash(self) -> str:
        """A hash of everything in the framework, to notice edits made without a new version.

        A scale's `judgement` counts only where a framework sets it: the default added in
        selfeval 0.2 leaves the hashes of earlier frameworks (and their evaluations) unchanged.
        The same holds for the statement flags added in selfeval 0.3 (`Statement.critical`,
        `Statement.na_allowed`) and a theme's own QIs (`Theme.qi`): they count only where set,
        and so do the tags of sections and improvement actions and `renamed_tags` (0.4).
        """
        default = Judgement()
        unset = {n: {"judgement"} for n, s in enumerate(self.scales) if s.judgement == default}
        flags = {"critical": True, "na_allowed": True}
        themes = {"__all__": {"qi": True, "statements": {"__all__": flags}}}
        each = {"__all__": {"themes": themes, "tags": True, "improvement_actions": _TAGS}}
        excluded: Any = {"scales": unset, "sections": each}  # pydantic's IncEx, nested
        if not self.renamed_tags:
            excluded["renamed_tags"] = True
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
        flagged += [(sec.id, sec.tags) for sec in self.sections if sec.tags]
        flagged += [
            (a.id, a.tags) for sec in self.sections for a in sec.improvement_actions if a.tags
        ]
        flagged += [("renamed_tags", self.renamed_tags)] if self.renamed_tags else []
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

    def tags_in(self, group: str) -> tuple[Tag, ...]:
        """The tags of one *group* ("nif": the NIF priorities), in the framework's order."""
        return tuple(tag for tag in self.tags if tag.group == group)

    @cached_property
    def improvement_actions(self) -> dict[str, tuple[Section, ImprovementAction]]:
        """Every improvement action by id, with its section."""
        return {a.id: (s, a) for s in self.sections for a in s.improvement_actions}

    def offered_tags(self, action_id: str | None) -> tuple[str, ...]:
        """The tags a next step carries into the action plan when adopted: its own, else those
        of the statements it applies to followed by its section's (none for an unknown id)."""
        if action_id not in self.improvement_actions:
            return ()
        section, action = self.improvement_actions[action_id]
        if action.tags:
            return action.tags
        applies = set(action.applies_to)
        found = [
            tag
            for theme in section.themes
            for s in theme.statements
            if s.id in applies or theme.id in applies
            for tag in s.tags
        ]
        return tuple(dict.fromkeys([*found, *section.tags]))

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
