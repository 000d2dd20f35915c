"""Checks that need the whole framework: unique ids and every reference between its tables.

Each check yields a `Finding` with the key path of the offending value, so the loader can name
the file and line. All findings are collected; nothing stops at the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from selfeval.files.explain import did_you_mean
from selfeval.files.locate import KeyPath
from selfeval.framework.model import Framework, Scale, version_key
from selfeval.framework.sections import Section

__all__ = ["Finding", "check_framework"]


@dataclass(frozen=True)
class Finding:
    """A problem at a key path of the merged framework data."""

    path: KeyPath
    message: str
    hint: str | None = None


def _known(kind: str, options: Iterable[str]) -> str:
    listed = ", ".join(f"`{o}`" for o in sorted(set(options))) or "none are defined"
    return f"known {kind}: {listed}"


def check_framework(fw: Framework) -> list[Finding]:
    """Every cross-reference problem in *fw*, in file order."""
    findings: list[Finding] = []
    findings += _check_scales(fw)
    findings += _check_catalogue(fw)
    findings += _check_vocabulary(fw)
    findings += _check_sections(fw)
    findings += _check_renames(fw)
    return findings


def _unique(items: Iterable[tuple[KeyPath, str]], kind: str, noun: str = "id") -> Iterator[Finding]:
    seen: dict[str, KeyPath] = {}
    for path, ident in items:
        if ident in seen:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in seen[ident])
            yield Finding(
                path,
                f"duplicate {kind} {noun} `{ident}` (already used at {where.lstrip('.')})",
                f"every {kind} needs its own {noun}; change one of them",
            )
        else:
            seen[ident] = path


def _check_scales(fw: Framework) -> Iterator[Finding]:
    yield from _unique(((("scales", i, "id"), s.id) for i, s in enumerate(fw.scales)), "scale")
    for i, scale in enumerate(fw.scales):
        yield from _check_scale(scale, ("scales", i))
    if fw.scale not in {s.id for s in fw.scales}:
        yield Finding(
            ("scale",),
            f"unknown scale `{fw.scale}`",
            did_you_mean(fw.scale, (s.id for s in fw.scales), _known("scales", [])),
        )


def _check_scale(scale: Scale, at: KeyPath) -> Iterator[Finding]:
    values = [level.value for level in scale.levels]
    yield from _unique(
        (((*at, "levels", i, "value"), str(v)) for i, v in enumerate(values)), "level", "value"
    )
    yield from _unique(
        (((*at, "levels", i, "word"), lv.word) for i, lv in enumerate(scale.levels)),
        "level",
        "word",
    )
    expected = set(range(1, max(values) + 1))
    missing = sorted(expected - set(values))
    if missing:
        yield Finding(
            (*at, "levels"),
            f"the scale has gaps: no level for {', '.join(map(str, missing))}",
            f"levels must run 1 to {max(values)} with no gaps",
        )
    for key in ("good_from", "strength_from"):
        value = getattr(scale, key)
        if value not in values:
            yield Finding(
                (*at, key),
                f"{value} is not a level of this scale",
                f"use one of {sorted(set(values))}",
            )
    if scale.strength_from < scale.good_from:
        yield Finding(
            (*at, "strength_from"),
            "strength_from is below good_from",
            "a strength should be at least 'good'; raise strength_from",
        )
    weakness = scale.judgement.weakness_at
    if weakness is not None and not 0 <= weakness < scale.good_from:
        yield Finding(
            (*at, "judgement", "weakness_at"),
            f"weakness_at {weakness} is not below good_from ({scale.good_from})",
            f"a weakness is a rating below 'good': use 0 (none) to {scale.good_from - 1}",
        )


def _check_catalogue(fw: Framework) -> Iterator[Finding]:
    frameworks = fw.reference_frameworks
    yield from _unique(
        ((("reference_frameworks", i, "id"), f.id) for i, f in enumerate(frameworks)),
        "reference framework",
    )
    known_scale = fw.scale in {s.id for s in fw.scales}
    values = set(fw.rating_scale.values) if known_scale else set()
    for i, ref in enumerate(frameworks):
        yield from _unique(
            (
                (("reference_frameworks", i, "indicators", j, "id"), qi.id)
                for j, qi in enumerate(ref.indicators)
            ),
            "quality indicator",
        )
        yield from _check_level_words(fw, i, values)


def _check_level_words(fw: Framework, i: int, values: set[int]) -> Iterator[Finding]:
    """A reference framework's own words must name levels of the scale, and leave every level
    with a word of its own (two levels called "adequate" could not be told apart)."""
    words = fw.reference_frameworks[i].level_words
    if not values:
        return
    own = {level.value: level.word for level in fw.rating_scale.levels}
    merged = {**own, **{v: w for v, w in words.items() if v in values}}
    for value, word in words.items():
        at = ("reference_frameworks", i, "level_words", str(value))
        if value not in values:
            yield Finding(
                at,
                f"{value} is not a level of the scale `{fw.scale}`",
                f"give words for levels {min(values)} to {max(values)} only",
            )
        elif [w.casefold() for w in merged.values()].count(word.casefold()) > 1:
            yield Finding(
                at,
                f"“{word}” would name two levels of the scale `{fw.scale}`",
                "choose a word no other level uses",
            )


def _check_vocabulary(fw: Framework) -> Iterator[Finding]:
    yield from _unique(((("stages", i, "id"), s.id) for i, s in enumerate(fw.stages)), "stage")
    yield from _unique(((("tags", i, "id"), t.id) for i, t in enumerate(fw.tags)), "tag")
    if not fw.stages:
        yield Finding(
            ("stages",),
            "the framework defines no stages",
            "add [[stages]] tables (e.g. elc, primary, secondary) or include a file that has them",
        )
    known = [f.id for f in fw.reference_frameworks]
    for i, stage in enumerate(fw.stages):
        named: list[tuple[KeyPath, str]] = [(("stages", i, "qi_framework"), stage.qi_framework)]
        named += [
            (("stages", i, "other_qi_frameworks", j), other)
            for j, other in enumerate(stage.other_qi_frameworks)
        ]
        for at, ident in named:
            if ident not in known:
                yield Finding(
                    at,
                    f"unknown reference framework `{ident}`",
                    did_you_mean(ident, known, _known("reference frameworks", known)),
                )


def _check_sections(fw: Framework) -> Iterator[Finding]:
    yield from _unique(
        ((("sections", i, "id"), s.id) for i, s in enumerate(fw.sections)), "section"
    )
    yield from _unique(_all_item_ids(fw), "theme or statement")
    yield from _unique(
        (
            (("sections", i, "improvement_actions", j, "id"), a.id)
            for i, s in enumerate(fw.sections)
            for j, a in enumerate(s.improvement_actions)
        ),
        "improvement action",
    )
    qi_owner: dict[tuple[str, str], str] = {}
    broad = {f.id for f in fw.reference_frameworks if f.broad}
    for i, section in enumerate(fw.sections):
        for j, ref in enumerate(section.qi):
            yield from _check_qi_ref(fw, ref.framework, ref.id, ("sections", i, "qi", j))
            owner = qi_owner.setdefault((ref.framework, ref.id), section.id)
            if owner != section.id and ref.framework not in broad:
                yield Finding(
                    ("sections", i, "qi", j),
                    f"QI {ref.framework} {ref.id} is already evaluated by section `{owner}`",
                    "each quality indicator belongs to one section; merge the two sections, "
                    "or mark the reference framework `broad = true` if its QIs span several",
                )
        yield from _check_refs(
            section.tags, [t.id for t in fw.tags], "tag", ("sections", i, "tags")
        )
        yield from _check_theme_qis(fw, section, ("sections", i), broad)
        yield from _check_statements(fw, section, ("sections", i))
        yield from _check_actions(fw, section, ("sections", i))


def _check_theme_qis(
    fw: Framework, section: Section, at: KeyPath, broad: set[str]
) -> Iterator[Finding]:
    """A theme may feed another QI than its section only in a broad reference framework (a
    narrow one has one section per QI) that its section is also placed in."""
    placed = {ref.framework for ref in section.qi}
    for j, theme in enumerate(section.themes):
        for k, ref in enumerate(theme.qi):
            here = (*at, "themes", j, "qi", k)
            yield from _check_qi_ref(fw, ref.framework, ref.id, here)
            known = {f.id for f in fw.reference_frameworks}
            if ref.framework in known and (
                ref.framework not in broad or ref.framework not in placed
            ):
                yield Finding(
                    (*here, "framework"),
                    f"theme `{theme.id}` feeds a QI of `{ref.framework}`, which is not a broad "
                    "reference framework its section is placed in",
                    "a theme may feed its own QI only in a broad framework (`broad = true`) that "
                    "its section's `qi` also names",
                )


def _all_item_ids(fw: Framework) -> Iterator[tuple[KeyPath, str]]:
    for i, section in enumerate(fw.sections):
        for j, theme in enumerate(section.themes):
            yield ("sections", i, "themes", j, "id"), theme.id
            for k, statement in enumerate(theme.statements):
                yield ("sections", i, "themes", j, "statements", k, "id"), statement.id


def _check_qi_ref(fw: Framework, framework: str, qi: str, at: KeyPath) -> Iterator[Finding]:
    catalogues = {f.id: f for f in fw.reference_frameworks}
    if framework not in catalogues:
        yield Finding(
            (*at, "framework"),
            f"unknown reference framework `{framework}`",
            did_you_mean(framework, catalogues, _known("reference frameworks", catalogues)),
        )
        return
    ids = [indicator.id for indicator in catalogues[framework].indicators]
    if qi not in ids:
        yield Finding(
            (*at, "id"),
            f"{catalogues[framework].short_title} has no quality indicator `{qi}`",
            _known("indicators", ids),
        )


def _check_statements(fw: Framework, section: Section, at: KeyPath) -> Iterator[Finding]:
    stages = [s.id for s in fw.stages]
    age_ranges = [a.id for s in fw.stages for a in s.age_ranges]
    tags = [t.id for t in fw.tags]
    values = {level.value for scale in fw.scales for level in scale.levels}
    if fw.scale in {s.id for s in fw.scales}:
        values = set(fw.rating_scale.by_value)
    for j, theme in enumerate(section.themes):
        for k, statement in enumerate(theme.statements):
            here = (*at, "themes", j, "statements", k)
            yield from _check_refs(statement.stages, stages, "stage", (*here, "stages"))
            yield from _check_refs(
                statement.age_ranges, age_ranges, "age range", (*here, "age_ranges")
            )
            yield from _check_refs(statement.tags, tags, "tag", (*here, "tags"))
            if statement.since is not None and version_key(statement.since) > version_key(
                fw.version
            ):
                yield Finding(
                    (*here, "since"),
                    f"added in version {statement.since}, which is after this framework's "
                    f"version {fw.version}",
                    "raise `version` at the top of the file, or correct `since`",
                )
            if statement.critical and not _acted_on(section, theme.id, statement.id):
                yield Finding(
                    (*here, "critical"),
                    f"critical statement `{statement.id}` has no improvement action",
                    "a failure on a critical statement needs an urgent next step: add an "
                    f'improvement action with applies_to = ["{statement.id}"]',
                )
            for key, anchored in (
                ("anchors", statement.anchors),
                ("anchors_elc", statement.anchors_elc),
            ):
                for value in anchored:
                    if value in values:
                        continue
                    yield Finding(
                        (*here, key, str(value)),
                        f"{value} is not a level of the framework's scale",
                        f"anchors are keyed by scale values: {sorted(values)}",
                    )


def _acted_on(section: Section, theme_id: str, statement_id: str) -> bool:
    """Whether an improvement action of *section* is for the statement or its theme."""
    return any(
        target in (theme_id, statement_id)
        for action in section.improvement_actions
        for target in action.applies_to
    )


def _check_refs(used: Iterable[str], known: list[str], kind: str, at: KeyPath) -> Iterator[Finding]:
    for n, ident in enumerate(used):
        if ident not in known:
            yield Finding(
                (*at, n),
                f"unknown {kind} `{ident}`",
                did_you_mean(ident, known, _known(f"{kind}s", known)),
            )


def _check_actions(fw: Framework, section: Section, at: KeyPath) -> Iterator[Finding]:
    stages = [s.id for s in fw.stages]
    targets = [t.id for t in section.themes] + [s.id for s in section.statements]
    values = sorted(fw.rating_scale.by_value) if fw.scale in {s.id for s in fw.scales} else []
    for j, action in enumerate(section.improvement_actions):
        here = (*at, "improvement_actions", j)
        for n, target in enumerate(action.applies_to):
            if target not in targets:
                yield Finding(
                    (*here, "applies_to", n),
                    f"`{target}` is not a theme or statement of section `{section.id}`",
                    did_you_mean(
                        target,
                        targets,
                        "an action applies to themes or statements of its own section",
                    ),
                )
        yield from _check_refs(action.stages, stages, "stage", (*here, "stages"))
        yield from _check_refs(action.tags, [t.id for t in fw.tags], "tag", (*here, "tags"))
        if values and action.when_at_most not in values:
            yield Finding(
                (*here, "when_at_most"),
                f"{action.when_at_most} is not a level of the framework's scale",
                f"use one of {values}",
            )


def _check_renames(fw: Framework) -> Iterator[Finding]:
    yield from _check_tag_renames(fw)
    for old, new in fw.renamed.items():
        if old in fw.statements:
            yield Finding(
                ("renamed", old),
                f"`{old}` is renamed but a statement still has that id",
                "a renamed id must no longer be used by any statement",
            )
        if new not in fw.statements:
            yield Finding(
                ("renamed", old),
                f"`{old}` is renamed to `{new}`, which is not a statement",
                did_you_mean(new, fw.statements, "name the statement's current id"),
            )


def _check_tag_renames(fw: Framework) -> Iterator[Finding]:
    tags = [t.id for t in fw.tags]
    for old, new in fw.renamed_tags.items():
        if old in tags:
            yield Finding(
                ("renamed_tags", old),
                f"the tag `{old}` is renamed but a tag still has that id",
                "a renamed tag id must no longer be defined in [[tags]]",
            )
        if new not in tags and new not in fw.renamed_tags:
            yield Finding(
                ("renamed_tags", old),
                f"the tag `{old}` is renamed to `{new}`, which is not a tag",
                did_you_mean(new, tags, "name the tag's current id"),
            )
