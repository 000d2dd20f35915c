"""Properties of the framework loader over generated frameworks: round trips and honest lines."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.errors import FrameworkError
from selfeval.framework import Framework, load_framework

from .strategies import framework_data

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "generated.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@SETTINGS
@given(data=framework_data())
def test_generated_framework_round_trips_through_toml(tmp_path: Path, data: dict[str, Any]) -> None:
    model = Framework.model_validate(data)
    dumped = model.model_dump(mode="json", exclude_none=True)
    loaded = load_framework(_write(tmp_path, dumped))
    assert loaded == model
    assert loaded.model_dump(mode="json", exclude_none=True) == dumped


def _tables(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every table (dict) inside *data*, by key path, anchors excluded (keys there are values)."""
    found = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            if key != "anchors":
                found += _tables(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _tables(value, (*path, i))
    return found


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _parse_key(key: str) -> tuple[str | int, ...]:
    return tuple(
        int(index) if index else name for name, index in re.findall(r"([\w-]+)|\[(\d+)\]", key)
    )


def _line_holds(line: str, path: tuple[str | int, ...], data: Any) -> bool:
    last = path[-1]
    if isinstance(last, str):
        return re.search(rf"(^|[\s{{,.\[]){re.escape(last)}\s*(=|\]\]?)", line) is not None
    value = _get(data, path)
    if isinstance(value, dict):
        parent = str(path[-2])
        return "{" in line or re.search(rf"\[\[.*{re.escape(parent)}\]\]", line) is not None
    rendered = tomli_w.dumps({"v": value}).split("=", 1)[1].strip()
    return rendered in line


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    """A generated framework with one mistake an author could make."""
    data = copy.deepcopy(draw(framework_data()))
    tables = [p for p in _tables(data) if p]
    target = draw(st.sampled_from(tables))
    table = _get(data, target)
    mistake = draw(st.sampled_from(["wrong-type", "unknown-key", "missing", "bad-ref"]))
    text_keys = [k for k, v in table.items() if isinstance(v, str) and k != "id"]
    if mistake == "wrong-type" and text_keys:
        table[draw(st.sampled_from(text_keys))] = 12345
    elif mistake == "missing" and "id" in table:
        del table["id"]
    elif mistake == "bad-ref" and "tags" in table:
        table["tags"] = [*table["tags"], "no-such-tag"]
    else:
        table["mispelt_key"] = "x"
    return data


@SETTINGS
@given(data=broken())
def test_reported_lines_hold_the_reported_key(tmp_path: Path, data: dict[str, Any]) -> None:
    path = _write(tmp_path, data)
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        load_framework(path)
    except FrameworkError as exc:
        problems = exc.problems
    else:
        raise AssertionError("the broken framework loaded")
    assert problems
    for problem in problems:
        if problem.line is None or problem.key is None:
            continue
        key = _parse_key(problem.key)
        assert _line_holds(lines[problem.line - 1], key, data), (problem, lines[problem.line - 1])
