"""Tags under their current ids: a framework's `renamed_tags` applied to the tags it uses.

Tag ids change when what they stand for is renamed nationally (the four NIF priorities before
2024 became five). `renamed_tags` maps each old id to its new one, as `renamed` does for
statements, so a framework file written against the old ids (and the evaluations tagged with
them, see `selfeval.evaluation.action_tags`) opens with nothing lost. Here the framework's own
data is rewritten before its models are built, so nothing downstream ever meets an old id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["DRIVER_GROUP", "PLAN_GROUPS", "PRIORITY_GROUP", "current_tags", "with_current_tags"]

PRIORITY_GROUP = "nif"
"""The tag group of the National Improvement Framework's priorities: the plan groups its
actions by them."""
DRIVER_GROUP = "nif-driver"
"""The tag group of the NIF's drivers of improvement."""
PLAN_GROUPS = (PRIORITY_GROUP, DRIVER_GROUP)
"""The tag groups a team chooses from for each action, in the order the forms ask them."""


def current_tags(tags: Iterable[str], renamed: Mapping[str, str]) -> list[str]:
    """*tags* under their current ids, in order, each once (an old id and its new one, both
    given, are one tag). A rename of a rename is followed to its end."""
    out: list[str] = []
    for tag in tags:
        seen = {tag}
        while tag in renamed and renamed[tag] not in seen:
            tag = renamed[tag]
            seen.add(tag)
        if tag not in out:
            out.append(tag)
    return out


def with_current_tags(data: Any) -> Any:
    """A framework's raw data with the tags of its sections, statements and improvement
    actions renamed by its `renamed_tags`; anything not shaped as expected is left for the
    models to report where it is."""
    if not isinstance(data, dict):
        return data
    renamed = data.get("renamed_tags")
    sections = data.get("sections")
    if not isinstance(renamed, dict) or not renamed or not isinstance(sections, list):
        return data
    names = {k: v for k, v in renamed.items() if isinstance(k, str) and isinstance(v, str)}
    return {**data, "sections": [_section(s, names) for s in sections]}


def _section(section: Any, renamed: dict[str, str]) -> Any:
    if not isinstance(section, dict):
        return section
    out = _tagged(section, renamed)
    for key, inner in (("themes", "statements"), ("improvement_actions", None)):
        items = out.get(key)
        if isinstance(items, list):
            out[key] = [_tagged(item, renamed, inner) for item in items]
    return out


def _tagged(item: Any, renamed: dict[str, str], inner: str | None = None) -> Any:
    """*item* (a table) with its tags renamed, and those of its *inner* list of tables."""
    if not isinstance(item, dict):
        return item
    out = dict(item)
    tags = out.get("tags")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
        out["tags"] = current_tags(tags, renamed)
    if inner is not None and isinstance(out.get(inner), list):
        out[inner] = [_tagged(child, renamed) for child in out[inner]]
    return out
