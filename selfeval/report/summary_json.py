"""A comparison as a JSON document for other tools: per kind, framework and group, each QI's
counts as the brief gives them, with why any are not given."""

from __future__ import annotations

from typing import Any

from selfeval.compare.calibration import no_calibration
from selfeval.compare.disclosure import bands, sections
from selfeval.compare.records import MIN_GROUP, Collection, Distribution, LevelScale
from selfeval.report.calibration_table import calibration_json
from selfeval.report.validated import validated_json

__all__ = ["comparison_json"]


def comparison_json(
    collection: Collection, scale: LevelScale, by: str | None, min_group: int = MIN_GROUP
) -> dict[str, Any]:
    """Per kind and group, for each QI: settings per level (keyed "6" … "1"; null where an
    anonymised paper counts a level only with others, in `counted_together`), % good or
    better (null where fewer than *min_group* settings have a level: the counts are there)."""
    framework = collection.facts
    return {
        "framework": (
            {"id": framework.id, "version": framework.version, "title": framework.title}
            if framework
            else None
        ),
        "by": by,
        "min_group": min_group,
        "level_rule": "confirmed level where the setting gave one, otherwise the suggested level",
        "comparisons": [
            {
                "kind": s.kind,
                "qi_framework": s.part.framework,
                "group": s.group,
                "settings": s.settings,
                "qis": [
                    {
                        "qi": d.qi.id,
                        "title": d.qi.title,
                        "counts": (
                            {str(v): n for v, n in shown.items()}
                            if (shown := d.shown_counts) is not None
                            else None
                        ),
                        "counted_together": {  # levels counted only together: "5-6": 12
                            f"{min(b)}-{max(b)}": n for b, n in bands(d, scale.good_from)
                        },
                        "suppressed": _suppressed(d),
                        "good_or_better_band": d.share() if d.banded and not d.coded else None,
                        "with_level": d.with_level,
                        "left_out": d.without_level,
                        "good_or_better": None if d.suppressed else d.good_or_better,
                        "percent_good_or_better": (
                            round(d.percent_good_or_better, 1)
                            if d.percent_good_or_better is not None
                            else None
                        ),
                    }
                    for d in s.dists
                    if d.with_level or d.without_level
                ],
            }
            for s in sections(collection, scale, by, min_group)
        ],
        "left_out": [{"path": str(x.path), "reason": x.reason} for x in collection.left_out],
        "calibration": calibration_json(collection, min_group),
        "calibration_missing": no_calibration(collection) or None,
        "in_moderation": collection.in_moderation,
        "seed_clashes": collection.seed_clashes,
        "earlier_years_not_counted": collection.earlier_years,
        "same_year_copies_not_counted": collection.same_year,
        "synthetic": any(r.synthetic for r in collection.records),
        "validated_by_the_authority": validated_json(collection.records),
    }


def _suppressed(d: Distribution) -> str | None:
    """Why a row's counts are not given: "too few", "banded" or "withheld" (None: given)."""
    if not d.suppressed:
        return None
    if d.too_few:
        return "too few"
    return "withheld" if d.withheld or d.coded else "banded"  # coded: which, is the band
