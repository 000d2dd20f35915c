"""The moderation table as text for the terminal and as JSON for scripts and tests.

Anonymous views carry only their role: selfeval never adds a name. Names appear only where the
contributor gave one (and then in their own words).
"""

from __future__ import annotations

import json
from typing import Any

from selfeval.compare.records import LeftOut
from selfeval.evaluation.model import Answer
from selfeval.framework.model import Scale
from selfeval.moderation.gather import counted
from selfeval.moderation.table import Table
from selfeval.scoring.words import NO_LEVEL

__all__ = ["moderation_json", "moderation_text"]

SHOWN = 10
"""Statements listed in the text, where views differ most."""


def _said(answer: Answer, scale: Scale) -> str:
    if answer.not_applicable:
        return "not applicable"
    return scale.label(answer.rating) if answer.rating is not None else "not rated"


def _agreed(answer: Answer | None, scale: Scale) -> str:
    """The team's answer after the median: agreed, or in its file but nobody agreed it."""
    if answer is None or not answer.is_answered:
        return ""
    if answer.is_agreed:
        return f"; agreed {_said(answer, scale)}"
    return f"; the team's file says {_said(answer, scale)}, not yet agreed"


def moderation_text(table: Table, scale: Scale) -> str:
    """Who took part, where views differ most, and each view's suggested level per QI."""
    group = table.group
    where = group.agreed_path.name if group.agreed_path else "none yet"
    lines = [
        f"{group.setting}, {group.year}: {counted(len(group.views), 'view')} "
        f"({', '.join(v.key for v in group.views)}); agreed evaluation: {where}",
        *(f"  {said}." for v in group.views for said in (v.reconciled, v.dated) if said),
        "",
        "Where views differ most:",
    ]
    differing = [row for row in table.statements if row.spread > 0][:SHOWN]
    if not differing:
        lines.append("  nowhere: every statement rated by more than one person got one rating")
    for row in differing:
        views = "; ".join(f"{key}: {_said(a, scale)}" for key, a in row.views.items())
        agreed = _agreed(row.agreed, scale)
        median = scale.label(row.median) if row.median is not None else "none"
        lines += [
            f"  {row.qi} {row.text}",
            f"    {views}. Spread {row.spread}; median {median}{agreed}.",
            *(
                f"    {key}, how they know: {' '.join(text.split())}"
                for key, text in _evidence(table, row.statement_id).items()
            ),
        ]
    lines += ["", "Suggested level from each view alone:"]
    for qi in table.qis:
        levels = "; ".join(
            f"{key}: {scale.label(level) if level else NO_LEVEL}"
            for key, level in qi.levels.items()
        )
        lines.append(f"  {qi.heading}: {levels}")
    return "\n".join(lines) + "\n"


def moderation_json(tables: list[Table], left_out: list[LeftOut]) -> str:
    """Per group: contributors, per statement each view and the agreed answer, per QI each
    view's suggested level and the spread."""
    data: dict[str, Any] = {
        "groups": [_group_json(table) for table in tables],
        "left_out": [{"path": str(x.path), "reason": x.reason} for x in left_out],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _answer_json(answer: Answer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    return {"rating": answer.rating, "not_applicable": answer.not_applicable}


def _evidence(table: Table, statement_id: str) -> dict[str, str]:
    """What each colleague wrote on *statement_id* (how they know, or why it does not apply),
    rated or not: a view's evidence is part of what the team weighs."""
    written = {}
    for view in table.group.views:
        answer = view.evaluation.answers.get(statement_id)
        if answer is not None and (text := answer.evidence.strip() or answer.why_not_applicable):
            written[view.key] = text.strip()
    return written


def _agreed_json(answer: Answer | None) -> dict[str, Any] | None:
    """The team's answer, with whether the team agreed it in moderation (a rating typed into
    its file outside moderation is there, but not agreed)."""
    if answer is None or not answer.is_answered:
        return None
    return {**(_answer_json(answer) or {}), "moderated": answer.is_agreed}


def _group_json(table: Table) -> dict[str, Any]:
    group = table.group
    return {
        "setting": group.setting,
        "year": group.year,
        "agreed_file": str(group.agreed_path) if group.agreed_path else None,
        "contributors": [
            {
                "key": v.key,
                **v.contributor.model_dump(exclude_none=True),
                "file": str(v.path),
                "framework_version": (
                    v.changes.old_version if v.changes else v.evaluation.framework.version
                ),
                "reconciled": v.reconciled,
                "dated": v.dated,
            }
            for v in group.views
        ],
        "statements": [
            {
                "statement": row.statement_id,
                "qi": row.qi,
                "views": {key: _answer_json(a) for key, a in row.views.items()},
                "evidence": _evidence(table, row.statement_id),
                "spread": row.spread,
                "median": row.median,
                "agreed": _agreed_json(row.agreed),
            }
            for row in table.statements
        ],
        "qis": [
            {"qi": qi.label, "title": qi.title, "levels": qi.levels, "spread": qi.spread}
            for qi in table.qis
        ],
    }
