"""Radar geometry: spokes clockwise from the top, a level's distance is its value, gaps are NaN."""

from __future__ import annotations

import math

import numpy
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


@pytest.mark.parametrize("spokes", [3, 4, 5, 13])
def test_ring_numbers_sit_on_their_rings_between_two_spokes(spokes: int) -> None:
    """Each ring's number is drawn on its ring halfway between two spokes (where a straight-
    edged ring is r·cos(π/n) from the centre, not r: a number at r sat a level off its ring),
    under the outlines; markers sit only on spokes, so none is under a number (the scale
    words beside the first spoke half covered QI 1.2's agreed level)."""
    from selfeval.charts.geometry import ring_label_xy
    from selfeval.charts.radar import Profile, radar_figure
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework()
    scale = framework.rating_scale
    columns = [QIColumn(f"{n}.1", f"QI {n}") for n in range(spokes)]
    angles = spoke_angles(spokes)
    for value in scale.values:
        x, y = ring_label_xy(value, spokes, 1)
        ring_x, ring_y = ring_xy(value, angles)
        middle = ((ring_x[1] + ring_x[2]) / 2, (ring_y[1] + ring_y[2]) / 2)
        assert (x, y) == pytest.approx(middle)
    figure = radar_figure(columns, scale, [Profile("x", tuple([4] * spokes))], "t", "s")
    ax = figure.axes[0]
    numbers = [t for t in ax.texts if t.get_gid() == "ring"]
    assert [t.get_text() for t in numbers] == [str(v) for v in scale.values]
    outline = min(line.get_zorder() for line in ax.lines if line.get_marker() not in ("None", ""))
    for number in numbers:
        assert number.get_zorder() < outline  # never drawn over a marker
        assert number.get_position() == pytest.approx(ring_label_xy(int(number.get_text()), spokes))


def test_only_the_data_is_a_solid_outline() -> None:
    """With one QI levelled (a nursery part-way through), the chart has no data outline; the
    "good" ring drawn darker was solid and read as one, at "4 good" on every spoke beside
    "(no level yet)". It is dashed, and is the only dashed ring."""
    from selfeval.charts.radar import Profile, radar_figure
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework()
    scale = framework.rating_scale
    columns = [QIColumn(f"{n}.1", f"QI {n}") for n in range(10)]
    profile = Profile("x", (None, None, 4, *([None] * 7)))
    ax = radar_figure(columns, scale, [profile], "t", "s").axes[0]
    points = {line: numpy.asarray(line.get_xydata()) for line in ax.lines}
    rings = [line for line, xy in points.items() if line.get_zorder() == 1 and len(xy) > 2]
    radius = {round(float(numpy.hypot(*points[line][0])), 6): line for line in rings}
    assert sorted(radius) == sorted(float(v) for v in scale.values)
    dashed = [r for r, line in radius.items() if line.get_linestyle() != "-"]
    assert dashed == [scale.good_from]
    solid_dark = [
        line for line in rings if line.get_linestyle() == "-" and line.get_color() != "0.82"
    ]
    assert solid_dark == []


def test_suggested_levels_have_open_markers_and_agreed_filled() -> None:
    """A reader sees which levels the team agreed: open markers exactly where a level is only
    suggested, a key saying so, and the title says framework, school year and state."""
    from matplotlib.colors import to_rgba
    from matplotlib.legend import Legend

    from selfeval.charts.describe import evaluation_radar
    from selfeval.evaluation import load_evaluation
    from selfeval.framework import load_framework
    from selfeval.scoring import score

    from .conftest import DATA, REPO

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    evaluation = load_evaluation(
        DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"
    )
    qi = dict(evaluation.qi)
    for section in list(qi)[:5]:
        del qi[section]
    evaluation = evaluation.model_copy(update={"qi": qi})
    result = score(evaluation, framework)
    figure = evaluation_radar(result, evaluation, framework)
    ax = figure.axes[0]
    open_markers = [
        line
        for line in ax.lines
        if line.get_linestyle() == "None"
        and to_rgba(line.get_markerfacecolor()) == to_rgba("white")
    ]
    suggested_only = [q for q in result.qis if q.asked and q.confirmed is None and q.level]
    drawn = sum(int(numpy.asarray(line.get_xydata()).shape[0]) for line in open_markers)
    assert drawn == len(suggested_only) == 5
    said = [t.get_text() for legend in ax.findobj(Legend) for t in legend.get_texts()]
    assert any("not yet agreed" in text for text in said)
    assert " ".join(figure.texts[0].get_text().split()) == (  # the suptitle, wrapped
        "Balmuir Primary School: STEM self-evaluation, 2026-27 (complete)"
    )


@pytest.mark.parametrize(
    "name",
    ["Oakfield Primary", "Auchfield School (additional support needs)", "Oakfield" * 30],
)
def test_the_radar_heading_stays_inside_the_figure_above_the_radar(name: str) -> None:
    """The heading says setting, framework, school year and state; with a long name it ran
    off both edges of the figure. It wraps, and the radar moves down to make room; a name
    with no spaces wider than the figure is cut where it must be."""
    from selfeval.charts.radar import Profile, radar_figure
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework()
    columns = [QIColumn(f"{n}.1", f"QI {n}") for n in range(9)]
    title = f"{name}: {framework.title}, 2026-27 (in progress)"
    figure = radar_figure(columns, framework.rating_scale, [Profile("x", (4,) * 9)], title, "s")
    figure.canvas.draw()
    heading = next(t for t in figure.texts if t.get_text() == figure.get_suptitle())
    box = heading.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width
    assert box.y0 > figure.axes[0].get_tightbbox().y1  # type: ignore[union-attr]
    assert "".join(heading.get_text().split()) == "".join(title.split())  # all of it
