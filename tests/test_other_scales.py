"""The scale is data: a framework with a 4-level or an 8-level scale scores, reports and charts
with its own levels and words, never the HGIOS six."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from selfeval.charts.distribution import distribution_figure
from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_figure
from selfeval.charts.multiples import qi_histograms_figure
from selfeval.charts.radar import Profile, draw_radar
from selfeval.charts.style import level_colours
from selfeval.compare.records import SELF, Record, distributions
from selfeval.digest.framework import QIColumn
from selfeval.evaluation import Answer, Evaluation, FrameworkStamp, Setting
from selfeval.evaluation.model import now
from selfeval.framework import Framework, load_framework
from selfeval.framework.limits import HIGHEST_VALUE, LOWEST_VALUE
from selfeval.report.markdown import result_markdown
from selfeval.report.result import result_json, result_text
from selfeval.scoring import score

from .conftest import DATA

COLUMNS = [QIColumn("1.1", "First"), QIColumn("1.2", "Second"), QIColumn("1.3", "Third")]


def _framework(tmp_path: Path, size: int) -> Framework:
    """The minimal framework with its three-point scale replaced by one of *size* levels."""
    text = (DATA / "valid" / "minimal.toml").read_text(encoding="utf-8")
    levels = ",\n".join(
        f'    {{ value = {v}, word = "level-{v}", gloss = "gloss {v}" }}'
        for v in range(1, size + 1)
    )
    scale = (
        f'[[scales]]\nid = "three"\ntitle = "A {size}-point scale"\n'
        f"good_from = {size // 2 + 1}\nstrength_from = {size}\nlevels = [\n{levels},\n]\n"
    )
    text = re.sub(r"\[\[scales\]\].*?\n\]\n", scale, text, count=1, flags=re.S)
    path = tmp_path / f"scale-{size}.toml"
    path.write_text(text, encoding="utf-8")
    return load_framework(path)


@pytest.fixture(params=[4, 8], ids=["4 levels", "8 levels"])
def framework(request: pytest.FixtureRequest, tmp_path: Path) -> Framework:
    return _framework(tmp_path, request.param)


def _evaluation(framework: Framework, rating: int) -> Evaluation:
    moment = now()
    answers = {
        s.id: Answer(rating=rating, evidence="seen in class")
        for s in framework.statements_for("school")
    }
    return Evaluation(
        setting=Setting(name="Test School", stage="school"),
        framework=FrameworkStamp(id=framework.id, version=framework.version, content_hash="x"),
        created=moment,
        updated=moment,
        answers=answers,
    )


def test_scoring_and_reports_use_the_frameworks_own_levels(framework: Framework) -> None:
    scale = framework.rating_scale
    top = scale.highest
    evaluation = _evaluation(framework, top)
    result = score(evaluation, framework)
    assert {qi.suggested for qi in result.qis if qi.rated >= 2} == {top}
    text = result_text(result, evaluation, framework)
    assert f"suggested {top} level-{top}" in text
    data = json.loads(result_json(result, evaluation, framework))
    assert data["scale"] == {str(v): f"level-{v}" for v in range(1, top + 1)}
    assert len(data["qis"][0]["counts"]) == top
    markdown = result_markdown(result, evaluation, framework)
    assert f"Levels use the A {top}-point scale." in markdown
    assert "six" not in markdown and "excellent" not in markdown


def test_level_colours_darken_with_the_level_for_any_scale(framework: Framework) -> None:
    """Printed in grey, the order of the greys is the order of the levels, in a grey
    printer's conversion and ImageMagick's alike: a diverging palette made "1" and "6" both
    dark and "weak" look like "excellent" (a committee reader measured 23 and 72)."""
    from selfeval.charts.style import grey_709, printed_grey

    scale = framework.rating_scale
    colours = level_colours(scale)
    assert sorted(colours) == sorted(scale.values)
    for grey in (printed_grey, grey_709):
        greys = [grey(colours[v]) for v in sorted(scale.values)]
        assert greys == sorted(greys, reverse=True), (grey.__name__, greys)


def _records(scale_top: int) -> list[Record]:
    levels = list(range(1, scale_top + 1))
    return [
        Record(
            name=f"Setting {n}",
            kind=SELF,
            source=Path(f"{n}.toml"),
            suggested={c.id: levels[(n + i) % len(levels)] for i, c in enumerate(COLUMNS)},
        )
        for n in range(len(levels))
    ]


def test_comparison_charts_key_every_level_of_the_scale(framework: Framework) -> None:
    scale = framework.rating_scale
    records = _records(scale.highest)
    dists = distributions(records, COLUMNS, scale, min_group=1)  # every bar drawn, even of 4
    figure = distribution_figure(dists, scale, Caption("T", "S"))
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        scale.label(v) for v in sorted(scale.values)
    ]
    colours = level_colours(scale)
    drawn = {to_hex(p.get_facecolor()) for p in figure.axes[0].patches}
    assert drawn == set(colours.values())  # every level appears once per QI here
    heat = heatmap_figure(records, COLUMNS, scale, Caption("T", "S"))
    key = heat.axes[-1].get_legend()  # highest level at the top, as the rows of levels
    assert key is not None
    assert [t.get_text() for t in key.get_texts()] == [
        *(scale.label(v) for v in sorted(scale.values, reverse=True)),
        "- no level",
    ]
    histograms = qi_histograms_figure(records, COLUMNS, scale, Caption("T", "S"))
    assert scale.span in histograms.texts[0].get_text()


def test_radar_rings_are_the_scales_levels(framework: Framework) -> None:
    scale = framework.rating_scale
    ax = Figure().add_subplot()
    artists = draw_radar(ax, COLUMNS, scale, [Profile("X", (1, scale.highest, None))])
    assert [t.get_text() for t in artists.ring_labels] == [str(v) for v in scale.values]
    (key,) = [t.get_text() for t in ax.texts if t.get_gid() == "key"]
    assert all(scale.label(v) in key.replace("\u00a0", " ") for v in scale.values)


@pytest.mark.parametrize("size", range(LOWEST_VALUE + 1, HIGHEST_VALUE + 1))
def test_every_two_levels_differ_in_grey(size: int) -> None:
    """Printed in grey, any two levels (a heatmap can set any two side by side) differ by at
    least 35 greys (0-255, as a printer makes them) up to six levels, wherever the scale is
    good from, and by the widest even share of a printer's greys above that (seven levels
    cannot all be 35 apart): spread evenly in L*, six levels good from 2 printed "2" and "3"
    33 apart, and eight levels 15; a diverging ramp folds over, printing "weak" and "good",
    or "unsatisfactory" and "excellent", nearly the same grey."""
    from selfeval.charts.heatmap import NO_LEVEL
    from selfeval.charts.style import DARKEST, LIGHTEST, grey_709, printed_grey
    from selfeval.framework.scale import Scale

    least = min(35.0, (LIGHTEST - DARKEST) / (size - 1) - 2.5)  # whole channels, two greys
    for good in range(2, size + 1):
        scale = Scale.model_validate(
            {
                "id": "s",
                "title": "s",
                "good_from": good,
                "strength_from": good,
                "levels": [{"value": v, "word": f"w{v}", "gloss": "g"} for v in range(1, size + 1)],
            }
        )
        colours = level_colours(scale)
        for grey in (printed_grey, grey_709):  # a grey printer's (BT.601), ImageMagick's (709)
            greys = {v: grey(colours[v]) for v in range(1, size + 1)}
            for a, b in itertools.combinations(greys, 2):
                assert abs(greys[a] - greys[b]) >= least, (size, good, a, b, greys)
            assert grey(NO_LEVEL) - max(greys.values()) >= 25  # "no level" (white) lighter
            assert min(greys.values()) >= 30  # the darkest still a colour, its number in white
            ordered = [greys[v] for v in range(1, size + 1)]
            assert ordered == sorted(ordered, reverse=True)  # grey order is level order


def test_six_levels_print_in_grey_at_least_35_greys_apart(framework: Framework) -> None:
    """A committee reader printed the charts in grey: "2 weak" came out 113 and "5 very good"
    139 (0-255), "1 unsatisfactory" 49 and "6 excellent" 83, and the key's swatches could not
    be told apart. Every two of six levels now differ by at least 35 greys as a printer makes them,
    and the lightest is still a colour, not paper white."""
    from selfeval.charts.style import grey_709, printed_grey

    colours = level_colours(framework.rating_scale)
    if len(colours) > 6:  # eight levels share the greys more finely (test above)
        pytest.skip("more than six levels")
    for grey in (printed_grey, grey_709):
        greys = {v: grey(c) for v, c in colours.items()}
        for a, b in itertools.combinations(greys, 2):
            assert abs(greys[a] - greys[b]) >= 35, (a, b, {v: round(g) for v, g in greys.items()})
        assert max(greys.values()) <= 235
