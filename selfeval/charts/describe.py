"""Titles, legends and source notes for charts: every chart says whose data it is, and when."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from selfeval.charts.radar import Profile
from selfeval.compare.collect import own_scale
from selfeval.compare.records import INSPECTION, SELF, Collection, Record
from selfeval.compare.strata import whose_settings
from selfeval.digest.framework import QIColumn
from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Framework
from selfeval.scoring import Result

__all__ = [
    "chart_title",
    "collection_radar",
    "evaluation_radar",
    "evaluation_title",
    "is_trend",
    "profile_of",
    "source_note",
    "trend_label",
]

LEVEL_RULE = "Levels: agreed by the setting where confirmed, otherwise suggested by selfeval."


def profile_of(record: Record, columns: Sequence[QIColumn], label: str | None = None) -> Profile:
    """The outline of *record* over *columns* (None where it has no level), saying which
    levels the team agreed; an inspection's grades are nobody's suggestion, so it says
    nothing of agreeing (no hollow markers, no key)."""
    levels = tuple(record.level(c.id) for c in columns)
    if record.kind == INSPECTION:
        return Profile(label or record.name, levels)
    agreed = tuple(record.confirmed.get(c.id) is not None for c in columns)
    return Profile(label or record.name, levels, agreed)


def is_trend(records: Sequence[Record]) -> bool:
    """Whether *records* are one setting at several dates."""
    names = {r.name.casefold() for r in records}
    return len(records) > 1 and len(names) == 1


def trend_label(record: Record) -> str:
    """A legend entry for one date of a trend: the school year and the date."""
    if record.when is None:
        return record.name
    return f"{school_year(record.when)} ({record.when:%d %b %Y})"


def chart_title(records: Sequence[Record], framework: str = "") -> str:
    """The heading: the setting (with the *framework* title, its school year and whether it is
    complete, as the plan's radar says), the settings compared, or the setting over time."""
    if len(records) == 1:
        record = records[0]
        if not framework:
            return record.name
        year = f", {school_year(record.when)}" if record.when else ""
        state = "complete" if record.complete else "in progress"
        return f"{record.name}: {framework}{year} ({state})"
    if is_trend(records):
        return f"{records[0].name}: quality indicators over time"
    return f"Quality indicator profiles of {len(records)} settings"


def source_note(records: Sequence[Record], in_moderation: int = 0) -> str:
    """Where the data comes from, for the foot of the chart; *in_moderation* settings (views
    given, nothing agreed yet) are not in the chart, and a reader of a committee paper should
    know they exist rather than take them for settings that never started."""
    kinds = {r.kind for r in records}
    if len(kinds) > 1 and INSPECTION in kinds:  # each its own period: grades are years older
        own = [r for r in records if r.kind != INSPECTION]
        grades = source_note([r for r in records if r.kind == INSPECTION])
        return f"{source_note(own, in_moderation)} {grades.removeprefix('Source: ')}"
    frameworks = sorted({r.framework for r in records if r.framework})
    dates = sorted(r.when for r in records if r.when)
    when = ""
    if dates:
        when = (
            f"{dates[0]:%d %b %Y}"
            if dates[0] == dates[-1]
            else f"{dates[0]:%d %b %Y} to {dates[-1]:%d %b %Y}"
        )
    if kinds == {INSPECTION}:
        what = "Inspection grades: " + "; ".join(frameworks)
        years = sorted(r.year for r in records if r.year)
        if not when and years:  # an anonymised paper keeps school years, not dates
            when = years[0] if years[0] == years[-1] else f"{years[0]} to {years[-1]}"
        return f"Source: {what}. Inspected {when}." if when else f"Source: {what}."
    what = "self-evaluation" + ("s" if len(records) > 1 else "")
    using = f" using {', '.join(frameworks)}" if frameworks else ""
    waiting = (
        f" Not shown: {in_moderation} setting{'s' if in_moderation != 1 else ''} in moderation"
        " (colleagues' views given, no agreed evaluation yet)."
        if in_moderation
        else ""
    )
    whose = whose_settings(records)  # the authority and school year: of whom, and when
    place = f"; {whose}" if whose else ""
    updated = f", last updated {when}" if when else ""  # an anonymised paper keeps no day
    return f"Source: {what}{using}{place}{updated}. {LEVEL_RULE}{waiting} Made with selfeval."


def evaluation_title(evaluation: Evaluation, framework: Framework) -> str:
    """E.g. "Oakfield Primary: STEM self-evaluation, 2026-27 (in progress)"."""
    state = "complete" if evaluation.status == "complete" else "in progress"
    year = evaluation.year
    return f"{evaluation.setting.name}: {framework.title}, {year} ({state})"


def evaluation_radar(result: Result, evaluation: Evaluation, framework: Framework) -> Figure:
    """The radar chart of one scored evaluation, for its improvement plan."""
    from selfeval.charts.radar import radar_figure

    columns = []
    levels = []
    agreed = []
    for qi in result.qis:
        if qi.asked:
            columns.append(QIColumn(qi.qi_id, qi.title, bool(qi.label)))
            levels.append(qi.level)
            agreed.append(qi.confirmed is not None)
    setting = evaluation.setting
    record = Record(
        name=setting.name,
        kind=SELF,
        source=Path(),
        when=evaluation.updated.date(),
        framework=f"{framework.title} {framework.version}",
        synthetic=setting.synthetic,
    )
    return radar_figure(
        columns,
        framework.scale_judged(setting.audience, setting.qi_framework),
        [Profile(setting.name, tuple(levels), tuple(agreed))],
        evaluation_title(evaluation, framework),
        source_note([record]),
        synthetic=setting.synthetic,
    )


def collection_radar(collection: Collection, radar: bool = False) -> Figure:
    """One chart of the self-evaluations read: a radar of one setting or an overlay; one
    setting over time as a dumbbell per QI (or as a radar, with *radar*)."""
    from selfeval.charts.radar import MAX_OVERLAY, radar_figure

    records = sorted(collection.of_kind(SELF), key=lambda r: (r.name.casefold(), r.when or 0))
    if not records or collection.framework is None:
        raise SelfevalError("no evaluation could be charted", "give one or more evaluation files")
    parts = collection.parts(records)
    if len(parts) > 1:
        raise SelfevalError(
            "these evaluations are judged against different quality indicators ("
            + "; ".join(f"{p.name}: {', '.join(r.name for r in p.records)}" for p in parts)
            + "), which one chart cannot set side by side",
            "chart each set apart, e.g. the schools in one command and the nurseries in another",
        )
    columns = parts[0].columns
    scale = own_scale(collection, parts[0].framework, collection.framework.rating_scale)
    if is_trend(records) and not radar:
        from selfeval.charts.frame import Caption
        from selfeval.charts.trend import trend_figure

        synthetic = any(r.synthetic for r in records)
        caption = Caption(chart_title(records), source_note(records), synthetic)
        return trend_figure(records, columns, scale, caption)
    if len(records) > MAX_OVERLAY:
        raise SelfevalError(
            f"{len(records)} evaluations are too many for one radar (at most {MAX_OVERLAY})",
            "use `selfeval compare` for many settings",
        )
    trend = is_trend(records)
    return radar_figure(
        columns,
        scale,  # its own words: "3 adequate" for a nursery on the 2025 ELC framework
        [profile_of(r, columns, trend_label(r) if trend else None) for r in records],
        chart_title(records, collection.framework.title),
        source_note(records),
        synthetic=any(r.synthetic for r in records),
        trend=trend,
    )
