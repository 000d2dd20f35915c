"""Charts: their data and geometry, their labels and legends, and the files they export."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from selfeval.charts.distribution import distribution_figure
from selfeval.charts.export import check_output, figure_bytes, save_figure
from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_figure
from selfeval.charts.multiples import small_multiples_figure
from selfeval.charts.radar import Profile, RadarBatch, draw_radar, radar_figure, spoke_label
from selfeval.compare.records import SELF, Record, distributions
from selfeval.digest.framework import QIColumn
from selfeval.errors import SelfevalError
from selfeval.framework import load_framework

from .conftest import REPO

SCALE = load_framework(REPO / "frameworks" / "stem.toml").rating_scale
COLUMNS = [
    QIColumn("1.1", "Self-evaluation for self-improvement"),
    QIColumn("1.3", "Leadership of change"),
    QIColumn("2.3", "Learning, teaching and assessment"),
    QIColumn("3.2", "Raising attainment and achievement"),
]


def _record(name: str, levels: list[int | None], **kw: object) -> Record:
    return Record(
        name=name,
        kind=SELF,
        source=Path(f"{name}.toml"),
        suggested={c.id: v for c, v in zip(COLUMNS, levels, strict=True)},
        **kw,  # type: ignore[arg-type]
    )


def _vertices(line: object) -> list[tuple[float, float]]:
    xs, ys = line.get_data()  # type: ignore[attr-defined]
    return list(zip(xs, ys, strict=True))


def test_radar_outline_vertices_are_at_each_level() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    artists = draw_radar(ax, COLUMNS, SCALE, [Profile("Oakfield", (4, 5, 3, 6))])
    points = [coordinate for point in _vertices(artists.outlines[0]) for coordinate in point]
    assert points == pytest.approx([0, 4, 5, 0, 0, -3, -6, 0, 0, 4])
    assert [t.get_text() for t in artists.spoke_labels] == [spoke_label(c) for c in COLUMNS]
    assert [t.get_text() for t in artists.ring_labels] == ["6", "5", "4", "3", "2", "1"]
    (key,) = [t.get_text() for t in ax.texts if t.get_gid() == "key"]  # the numbers' words
    assert " ".join(key.replace("\u00a0", " ").split()).endswith(
        "1 unsatisfactory · 2 weak · 3 satisfactory · 4 good (dashed) · 5 very good · 6 excellent"
    )
    assert len(artists.fills) == 1
    assert artists.legend is None


def test_missing_levels_are_gaps_not_zeros() -> None:
    figure = Figure()
    artists = draw_radar(figure.add_subplot(), COLUMNS, SCALE, [Profile("X", (4, None, 3, 6))])
    xs, ys = (np.asarray(v, dtype=float) for v in artists.outlines[0].get_data())
    assert math.isnan(xs[1]) and math.isnan(ys[1])
    assert not artists.fills  # no filled area that would hide the gap
    assert [note.get_visible() for note in artists.gap_labels] == [False, True, False, False]
    assert artists.gap_labels[1].get_text().endswith("\n(no level yet)")


def test_overlay_has_a_legend_and_distinct_styles() -> None:
    profiles = [Profile(f"Setting {n}", (n % 6 + 1, 4, 4, 4)) for n in range(6)]
    figure = radar_figure(COLUMNS, SCALE, profiles, "Six settings", "Source: test")
    ax = figure.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [p.label for p in profiles]
    outlines = [line for line in ax.get_lines() if str(line.get_label()).startswith("Setting")]
    assert len({(line.get_color(), str(line.get_linestyle())) for line in outlines}) == 6
    assert len({line.get_marker() for line in outlines}) == 6


def test_more_than_six_on_one_radar_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 6"):
        draw_radar(Figure().add_subplot(), COLUMNS, SCALE, [Profile("x", (4, 4, 4, 4))] * 7)


def test_charts_state_their_source_and_synthetic_data() -> None:
    figure = radar_figure(COLUMNS, SCALE, [Profile("X", (4, 4, 4, 4))], "X", "Source: here",
                          synthetic=True)  # fmt: skip
    texts = " ".join(t.get_text() for t in figure.texts)
    assert "Source: here" in texts and "SYNTHETIC" in texts


def test_batch_renders_the_same_outline_as_a_fresh_chart() -> None:
    batch = RadarBatch(COLUMNS, SCALE)
    for levels in [(4, 5, 3, 6), (2, None, 6, 1)]:
        figure = batch.render(Profile("X", levels), "X", "Source", False)
        fresh = radar_figure(COLUMNS, SCALE, [Profile("X", levels)], "X", "Source")
        ours = np.array(batch.line.get_data(), dtype=float)
        theirs = np.array(fresh.axes[0].get_lines()[-1].get_data(), dtype=float)
        np.testing.assert_allclose(ours, theirs)
        assert batch.fill.get_visible() == (None not in levels)
        assert figure is batch.figure


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_export_formats(tmp_path: Path, suffix: str, magic: bytes) -> None:
    figure = radar_figure(COLUMNS, SCALE, [Profile("X", (4, 4, 4, 4))], "X", "Source")
    path = save_figure(figure, tmp_path / f"radar{suffix}")
    assert path.read_bytes().startswith(magic)


def test_export_is_repeatable(tmp_path: Path) -> None:
    figure = radar_figure(COLUMNS, SCALE, [Profile("X", (4, 4, 4, 4))], "X", "Source")
    assert figure_bytes(figure, "svg") == figure_bytes(figure, "svg")


def test_unknown_suffix_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SelfevalError, match=r"end the file name in \.png"):
        check_output(tmp_path / "chart.docx")
    with pytest.raises(SelfevalError, match="no such folder"):
        check_output(tmp_path / "nope" / "chart.png")


def test_distribution_bars_are_shares_that_add_up() -> None:
    records = [_record(f"S{n}", [n % 6 + 1, 4, None, 5]) for n in range(12)]
    dists = distributions(records, COLUMNS, SCALE)
    figure = distribution_figure(dists, SCALE, Caption("Title", "Source"))
    ax = figure.axes[0]
    totals: dict[float, float] = {}
    right: dict[float, float] = {}
    for patch in ax.patches:
        assert isinstance(patch, Rectangle)
        y = round(patch.get_y() + patch.get_height() / 2, 3)
        totals[y] = totals.get(y, 0.0) + abs(patch.get_width())
        if patch.get_width() > 0:  # good or better runs right of the boundary, the rest left
            assert patch.get_x() >= 0
            right[y] = right.get(y, 0.0) + patch.get_width()
        else:
            assert patch.get_x() <= 0
    assert sorted(totals.values()) == pytest.approx([100.0, 100.0, 100.0])  # 2.3 has no levels
    assert sorted(right.values()) == pytest.approx([50.0, 100.0, 100.0])  # % good or better
    counts = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert sum(int(c) for c in counts) == 12 * 3  # every segment counted, however narrow
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1.1 Self-evaluation")
    notes = [t.get_text() for t in ax.texts if "good or better" in t.get_text()]
    assert "50% good or better (n=12)" in notes


def test_small_groups_show_neither_levels_nor_shares() -> None:
    """Three settings are too few to show: no bars, no counts ("1 of 3" is one setting's own
    level), no percentage; with --min-group 3 only as bands ("2 or 3 of 3"), with --min-group
    1 shown."""
    records = [_record(f"S{n}", [4, 2 + n, None, 5]) for n in range(3)]
    dists = distributions(records, COLUMNS, SCALE)  # the default minimum, 5
    assert [d.share() for d in dists] == ["fewer than 5", "fewer than 5", "-", "fewer than 5"]
    assert all(d.percent_good_or_better is None and d.shown_counts is None for d in dists[:2])
    ax = distribution_figure(dists, SCALE, Caption("Title", "Source")).axes[0]
    assert not ax.patches
    notes = [t.get_text() for t in ax.texts]
    assert not [n for n in notes if " of 3" in n or n.strip().isdigit()]
    assert notes.count("fewer than 5 with a level") == 3  # said once a row, beside it
    allowed = distributions(records, COLUMNS, SCALE, min_group=3)
    # fewer than twice 3 and all good or better: banded, not "100%" (issue 31)
    assert [d.share() for d in allowed] == ["2 or 3 of 3", "0 or 1 of 3", "-", "2 or 3 of 3"]
    every = distributions(records, COLUMNS, SCALE, min_group=1)
    assert [d.share() for d in every] == ["100%", "33%", "-", "100%"]
    ax = distribution_figure(every, SCALE, Caption("Title", "Source")).axes[0]
    assert ax.patches


def test_heatmap_cells_hold_levels_in_name_order_not_level_order() -> None:
    records = [
        _record("Zeta", [6, 6, 6, 6], stage="primary"),
        _record("Alpha", [1, 2, None, 3], stage="primary"),
        _record("Mid", [4, 4, 4, 4], stage="elc"),
        _record("Empty", [None, None, None, None], stage="elc"),
    ]
    figure = heatmap_figure(records, COLUMNS, SCALE, Caption("Title", "Source"), by="stage")
    ax = figure.axes[0]
    array = ax.images[0].get_array()
    assert array is not None
    data = np.ma.filled(array.astype(float), np.nan)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "[elc] Mid",
        "[primary] Alpha",
        "Zeta",  # the group is named on its first row
    ]
    np.testing.assert_array_equal(data[1], [1, 2, np.nan, 3])
    texts = " ".join(t.get_text().replace("\n", " ") for t in figure.texts)
    assert "1 settings with no level at all are not shown" in texts


def test_small_multiples_choose_a_view_that_scales() -> None:
    few = [_record(f"S{n}", [4, 4, 4, 4]) for n in range(5)]
    many = [_record(f"S{n}", [4, 5, 3, 4]) for n in range(60)]
    grid = small_multiples_figure({"all": few}, COLUMNS, SCALE, Caption("T", "S"))
    assert len(grid.axes) == 5  # a mini radar per setting
    histograms = small_multiples_figure({"all": many}, COLUMNS, SCALE, Caption("T", "S"))
    assert len(histograms.axes) == 4  # a panel per QI
    groups = {"elc": many[:20], "primary": many[20:]}
    panels = small_multiples_figure(groups, COLUMNS, SCALE, Caption("T", "S"))
    assert [ax.get_title(loc="left") for ax in panels.axes] == ["elc (n=20)", "primary (n=40)"]


def test_group_panels_mark_where_good_begins_for_all_groups_together() -> None:
    """Each group is read against the whole, not against the next panel: a black tick on
    each bar where "good or better" begins for every group together, none on a bar too small
    to draw, nor on the one withheld so that the small one is not the whole less the rest."""
    groups = {
        "Good": [_record(f"G{n}", [4, 4, 4, 4]) for n in range(10)],
        "Weak": [_record(f"W{n}", [2, 2, 2, 2]) for n in range(10)],
        # one good, one weak: were both good, the 12 withheld with "Good" would all be good
        # or better, and the two known to be so (`disclosure._pinned`)
        "Few": [_record("F0", [4, 4, 4, 4]), _record("F1", [2, 2, 2, 2])],
    }
    figure = small_multiples_figure(groups, COLUMNS, SCALE, Caption("T", "S"))
    whole = 100 - 100 * 11 / 22  # 11 of the 22 settings are good or better on every QI
    drawn = {}
    for ax in figure.axes:
        ticks = [float(x) for line in ax.get_lines() for x in np.asarray(line.get_xdata())]
        drawn[ax.get_title(loc="left").split(" ")[0]] = {t.get_text() for t in ax.texts}
        assert ticks == pytest.approx([whole, whole] * len(COLUMNS))  # one upright tick per bar
    # 2 settings are fewer than 5: no panel, and the smallest other group is withheld with
    # them (10 + 2), so neither is the whole less the one drawn
    assert len(drawn) == 1 and set(drawn) <= {"Good", "Weak"}
    labels = [t.get_text() for legend in figure.legends for t in legend.get_texts()]
    assert "all groups: good or better" in labels


def test_each_group_panel_has_the_qis_its_settings_are_given_levels_for() -> None:
    """Nurseries and schools by stage: the nursery panel lists the 2025 QIs by title, the
    school panel HGIOS4's by number, and neither a column of the other's empty rows."""
    nursery = [
        QIColumn("curriculum", "Curriculum", False),
        QIColumn("play", "Play and learning", False),
    ]
    columns = [*nursery, *COLUMNS]
    nurseries = [
        Record(name=f"N{n}", kind=SELF, source=Path(f"n{n}.toml"),
               suggested={"curriculum": 4, "play": 5})
        for n in range(10)
    ]  # fmt: skip
    groups = {
        "Early learning and childcare": nurseries,
        "Primary": [_record(f"P{n}", [4, 4, 3, 5]) for n in range(10)],
    }  # ten each: a group of fewer than 10 all good or better is banded (issue 31)
    figure = small_multiples_figure(groups, columns, SCALE, Caption("T", "S"))
    rows = [[t.get_text() for t in ax.get_yticklabels()] for ax in figure.axes]
    assert rows == [["Curriculum", "Play and learning"], ["1.1", "1.3", "2.3", "3.2"]]


def test_library_code_never_uses_pyplot() -> None:
    code = (
        "import sys, pkgutil, importlib, selfeval.charts as c\n"
        "for m in pkgutil.iter_modules(c.__path__):\n"
        "    importlib.import_module(f'{c.__name__}.{m.name}')\n"
        "print('matplotlib.pyplot' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_record_dates_label_trends() -> None:
    from selfeval.charts.describe import is_trend, trend_label

    a = _record("Oak", [4, 4, 4, 4], when=date(2025, 9, 1))
    b = _record("Oak", [5, 4, 4, 4], when=date(2026, 6, 1))
    assert is_trend([a, b])
    assert trend_label(a) == "2025-26 (01 Sep 2025)"
    assert trend_label(b) == "2025-26 (01 Jun 2026)"


def test_exports_keep_text_as_text_and_pngs_small(tmp_path: Path) -> None:
    """SVG text is text (searchable, read by screen readers) with the chart's title, PDF fonts
    are TrueType (not Type 3), and PNGs are palette images when that is smaller."""
    import io

    from PIL import Image

    from selfeval.charts.export import figure_bytes

    records = [_record(f"S{n}", [n % 6 + 1, 4, None, 5]) for n in range(12)]
    figure = distribution_figure(
        distributions(records, COLUMNS, SCALE), SCALE, Caption("Levels <&> $x$", "Source")
    )
    svg = figure_bytes(figure, "svg").decode("utf-8")
    assert "<text" in svg and "Levels &lt;&amp;&gt; $x$" in svg
    assert "<title>Levels &lt;&amp;&gt; $x$</title>" in svg
    pdf = figure_bytes(figure, "pdf")
    assert b"/Type3" not in pdf and b"/FontFile2" in pdf
    png = figure_bytes(figure, "png")
    with Image.open(io.BytesIO(png)) as image:
        assert image.mode == "P"


def test_heatmap_labels_are_never_clipped() -> None:
    """Long names and long stage names: every row label lies inside the figure."""
    from selfeval.framework import load_framework

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    records = [
        _record("Tormore School (additional support needs) and Community Campus", [5, 5, 4, 6],
                stage="asn"),
        _record("Oak", [4, 4, 4, 4], stage="elc"),
    ]  # fmt: skip
    figure = heatmap_figure(records, COLUMNS, SCALE, Caption("T", "S"), "stage", stem)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    labels = figure.axes[0].get_yticklabels()
    assert labels[0].get_text().startswith("[Early learning and childcare] Oak")
    for label in labels:
        assert label.get_window_extent(renderer).x0 >= 0, label.get_text()


def test_more_than_80_settings_are_counted_per_level_not_drawn_as_a_barcode() -> None:
    from selfeval.charts.heatmap import ANNOTATE_ROWS

    many = [_record(f"S{n:03}", [n % 6 + 1, 4, None, 5], stage="primary") for n in range(90)]
    many += [_record(f"E{n:03}", [4, 4, 4, 4], stage="elc") for n in range(10)]
    assert len(many) > ANNOTATE_ROWS
    figure = heatmap_figure(many, COLUMNS, SCALE, Caption("T", "S"), "stage")
    ax = figure.axes[0]
    assert not ax.images  # no row per setting
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "elc   6 excellent" and labels[7] == "primary   6 excellent"
    assert labels[6] == "- no level" and len(labels) == 2 * 7
    counts = [int(t.get_text()) for t in ax.texts if t.get_text()]
    assert sum(counts) == 100 * len(COLUMNS)  # every setting counted once per QI
    note = " ".join(t.get_text().replace("\n", " ") for t in figure.texts)
    assert "100 settings are too many for a row each" in note


def test_heatmap_keys_the_grey_of_no_level() -> None:
    records = [_record("Alpha", [1, 2, None, 3]), _record("Beta", [4, 4, 4, 4])]
    figure = heatmap_figure(records, COLUMNS, SCALE, Caption("Title", "Source"))
    keys = [
        text.get_text()
        for ax in figure.axes
        if (legend := ax.get_legend()) is not None
        for text in legend.get_texts()
    ]
    assert "- no level" in keys


def test_a_trend_draws_each_qi_from_the_year_before_to_the_latest() -> None:
    """A dumbbell per QI: markers at each year's level, an arrow from the previous year to
    the latest where it changed, the latest hollow when not marked complete."""
    from matplotlib.text import Annotation

    from selfeval.charts.trend import trend_figure

    years = [
        _record("Oak", [3, 4, 5, None], when=date(2024, 9, 1), complete=True),
        _record("Oak", [4, 4, 2, 5], when=date(2025, 9, 1), complete=True),
        _record("Oak", [6, 4, 2, None], when=date(2026, 9, 1)),
    ]
    figure = trend_figure(years, COLUMNS, SCALE, Caption("Oak over time", "S"))
    ax = figure.axes[0]
    arrows = [a for a in ax.texts if isinstance(a, Annotation)]
    assert [(a.xyann, a.xy) for a in arrows] == [((4, 3), (6, 3))]  # 1.1 (top row): 4 -> 6
    latest = [line for line in ax.lines if line.get_markersize() == 9]
    assert {tuple(line.get_xydata()[0]) for line in latest} == {  # type: ignore[index,arg-type]
        (6, 3),
        (4, 2),
        (2, 1),
    }  # 3.2 has no latest level: no marker, said in words
    assert all(line.get_markerfacecolor() == "white" for line in latest)  # not complete
    assert any(t.get_text() == "latest: no level yet" for t in ax.texts)
    key = ax.get_legend()
    assert key is not None
    legend = [t.get_text() for t in key.get_texts()]
    assert legend[:3] == ["2024-25", "2025-26", "2026-27 (latest)"]


def test_the_title_of_a_tall_figure_stays_clear_of_its_first_row() -> None:
    """Sixty group panels make a figure about 70 inches tall: the title keeps its distance
    from the top in inches, so it never runs into the first row of panels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    groups = {
        f"Cluster {n:02}": [
            _record(f"S{n}-{m}", [4, 5, 4, 4] if m < 3 else [2, 2, 2, 2]) for m in range(5)
        ]
        for n in range(60)
    }
    figure = small_multiples_figure(groups, COLUMNS, SCALE, Caption("A title\nsecond line", "S"))
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    title = figure.get_suptitle()
    assert title
    title_bottom = (
        next(t for t in figure.texts if t.get_text() == title).get_window_extent(renderer).y0
    )
    top_of_panels = max(ax.get_tightbbox(renderer).y1 for ax in figure.axes)  # type: ignore[union-attr]
    assert title_bottom > top_of_panels


def test_heatmap_titles_of_unnumbered_qis_never_overlap_or_leave_the_figure() -> None:
    """Nurseries' 2025 QIs have titles, not numbers: every column label is readable."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    columns = [QIColumn(g.ref.id, g.indicator.title, False) for g in stem.groups("elc")]
    records = [
        Record(
            name=f"Nursery {n}",
            kind=SELF,
            source=Path(f"n{n}.toml"),
            stage="elc",
            suggested={c.id: 4 for c in columns},
        )
        for n in range(3)
    ]
    figure = heatmap_figure(records, columns, SCALE, Caption("Title", "Source"), "stage", stem)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    boxes = [t.get_window_extent(renderer) for t in figure.axes[0].get_xticklabels()]
    assert next(t.get_text()[:10] for t in figure.axes[0].get_xticklabels()) == "Leadership"
    width, height = figure.bbox.width, figure.bbox.height
    for box in boxes:
        assert box.x0 >= 0 and box.x1 <= width and box.y1 <= height
    for left, right in itertools.pairwise(boxes):  # slanted: each starts after the last
        assert left.x0 < right.x0
    title = figure.texts[0].get_window_extent(renderer) if figure.texts else None
    if title is not None:
        assert all(not box.overlaps(title) for box in boxes)


def test_a_long_heading_is_wrapped_inside_the_figure_and_above_its_panels() -> None:
    """One radar per setting names every spoke in its heading: with a nursery's QIs (titles,
    not numbers) beside HGIOS4's, the line ran off the right edge of the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    columns = [
        QIColumn(g.ref.id, g.indicator.title, False) for stage in ("elc", "primary")
        for g in stem.groups(stage)
    ]  # fmt: skip
    records = [
        Record(name=f"Setting {n}", kind=SELF, source=Path(f"{n}.toml"),
               suggested={c.id: 4 for c in columns})
        for n in range(8)
    ]  # fmt: skip
    figure = small_multiples_figure({"all": records}, columns, SCALE, Caption("Title", "S"))
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    title = next(t for t in figure.texts if t.get_text() == figure.get_suptitle())
    box = title.get_window_extent(renderer)
    assert box.x1 <= figure.bbox.width and title.get_text().count("\n") >= 2
    top_of_panels = max(ax.get_tightbbox(renderer).y1 for ax in figure.axes)  # type: ignore[union-attr]
    assert box.y0 > top_of_panels


def test_a_chart_of_one_setting_is_titled_as_its_plan_radar_is() -> None:
    """`selfeval chart FILE` titled the radar with the setting's name alone; it says the
    framework, the school year and whether the evaluation is complete, as the plan does."""
    from datetime import date

    from selfeval.charts.describe import chart_title

    done = _record("Oakfield Primary", [4, 5, 3, 4], when=date(2026, 9, 1), complete=True)
    going = _record("Oakfield Primary", [4, 5, 3, 4], when=date(2026, 6, 1))
    assert chart_title([done], "STEM self-evaluation") == (
        "Oakfield Primary: STEM self-evaluation, 2026-27 (complete)"
    )
    assert chart_title([going], "STEM self-evaluation").endswith(", 2025-26 (in progress)")


def test_each_setting_s_radar_has_the_spokes_of_the_qis_it_is_judged_against() -> None:
    """Nurseries and schools in one comparison: every mini radar had every QI of both, so a
    nursery's outline covered one side of its radar and looked half missing."""
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    own = {stage: [QIColumn(g.ref.id, g.indicator.title, False) for g in stem.groups(stage)]
           for stage in ("elc", "primary")}  # fmt: skip
    columns = [*own["elc"], *own["primary"]]
    records = [
        Record(name=f"{stage} {n}", kind=SELF, source=Path(f"{stage}{n}.toml"), stage=stage,
               suggested={c.id: 4 for c in own[stage]})
        for stage in own for n in range(2)
    ]  # fmt: skip
    figure = small_multiples_figure({"all": records}, columns, SCALE, Caption("T", "S"))
    outlines = {ax.get_title(): ax.lines[-1] for ax in figure.axes}
    for record in records:
        points = len(outlines[record.name].get_xdata()) - 1  # type: ignore[arg-type]
        assert points == len(own[record.stage or ""])
    heading = figure.get_suptitle()
    assert heading.replace("\n", " ").count("for 2 settings: ") == 2  # a list of spokes each


def test_groups_too_small_to_show_get_no_panel_and_are_named() -> None:
    """A cluster of one school: its panel would be its own levels. Groups too small get no
    panel and are named under the chart; with none large enough the chart says so."""
    groups = {
        "Big": [_record(f"B{n}", [4, 4, 3, 5]) for n in range(10)],
        "Tiny": [_record("T1", [2, 2, 2, 2])],
        "Small": [_record(f"S{n}", [4, 4, 4, 4] if n % 2 else [2, 2, 2, 2]) for n in range(6)],
    }
    figure = small_multiples_figure(groups, COLUMNS, SCALE, Caption("T", "S"))
    titles = [ax.get_title(loc="left") for ax in figure.axes]
    assert titles == ["Big (n=10)"]  # Small is withheld with Tiny: Big less the whole is not Tiny
    words = " ".join(t.get_text() for t in figure.texts)
    assert "Not drawn, too few settings to show: Tiny, Small" in " ".join(words.split())
    alone = small_multiples_figure(
        {"Tiny": groups["Tiny"], "Small": groups["Small"][:2]}, COLUMNS, SCALE, Caption("T", "S")
    )
    assert not alone.axes
    said = " ".join(" ".join(t.get_text() for t in alone.texts).split())
    assert "No group has 5 or more settings with a level" in said


def test_an_svg_chart_carries_its_title_and_description_for_a_screen_reader() -> None:
    """An SVG on a web page is read aloud from its <title> and <desc>: the chart's title and
    what it says beside it (its source), as text, escaped."""
    from xml.etree import ElementTree

    from selfeval.charts.export import figure_bytes

    records = [_record(f"S{n}", [4, 5, 3, 4]) for n in range(6)]
    dists = distributions(records, COLUMNS, SCALE)
    caption = Caption("Levels <per> QI & more", "Source: a test & more")
    svg = figure_bytes(distribution_figure(dists, SCALE, caption), "svg")
    title, desc = list(ElementTree.fromstring(svg))[:2]
    assert [title.tag, desc.tag] == [
        f"{{http://www.w3.org/2000/svg}}{t}" for t in ("title", "desc")
    ]
    assert title.text == "Levels <per> QI & more"
    assert "Source: a test & more" in (desc.text or "")
