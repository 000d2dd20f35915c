"""Radar geometry: spokes clockwise from the top, a level's distance is its value, gaps are NaN."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfeval.charts.geometry import polygon_xy, ring_xy, spoke_angles, to_xy


def test_spokes_start_at_the_top_and_run_clockwise() -> None:
    angles = spoke_angles(4)
    points = [coordinate for a in angles for coordinate in to_xy(a, 1)]
    assert points == pytest.approx([0, 1, 1, 0, 0, -1, -1, 0])


def test_no_spokes_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one spoke"):
        spoke_angles(0)


@given(st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=3, max_size=15))
def test_every_vertex_sits_at_its_level_on_its_spoke(levels: list[int | None]) -> None:
    angles = spoke_angles(len(levels))
    xs, ys = polygon_xy(levels, angles)
    assert len(xs) == len(levels) + 1  # closed: the first point again at the end
    for i, level in enumerate([*levels, levels[0]]):
        if level is None:
            assert math.isnan(xs[i]) and math.isnan(ys[i])
            continue
        assert math.hypot(xs[i], ys[i]) == pytest.approx(level)
        angle = math.atan2(xs[i], ys[i]) % (2 * math.pi)
        assert angle == pytest.approx(angles[i % len(levels)], abs=1e-9)


def test_ring_is_closed_and_round() -> None:
    xs, ys = ring_xy(4, spoke_angles(6))
    assert (xs[0], ys[0]) == pytest.approx((xs[-1], ys[-1]))
    assert all(math.hypot(x, y) == pytest.approx(4) for x, y in zip(xs, ys, strict=True))
