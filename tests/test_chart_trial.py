"""What a committee reader's trial of the comparison charts found (issue 31): split charts that
were not split, counts without their n, a named chart without its "internal use" note, a key
that did not match its cells, and titles cut short or run off the page."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from selfeval.charts.distribution import distribution_pages
from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import NO_LEVEL, heatmap_pages
from selfeval.charts.multiples import small_multiples_pages
from selfeval.compare.records import Record
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO
from .test_chart_print import _groups as print_groups
from .test_chart_print import _records as print_records

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn(g.ref.id, g.indicator.title) for g in STEM.groups("primary")]
INTERNAL = "internal use only: names each setting beside its levels"


def _records(count: int, clusters: int = 1, gaps: bool = False) -> list[Record]:
    """*count* settings in *clusters*; with *gaps*, each leaves some QIs without a level."""
    records = print_records(count, clusters)
    if not gaps:
        return records
    return [
        replace(r, suggested={c: v for i, (c, v) in enumerate(r.suggested.items()) if n % (i + 2)})
        for n, r in enumerate(records)
    ]


def _words(figure: Figure) -> str:
    texts = [t.get_text() for t in figure.findobj(Text)]
    return " ".join(" ".join(texts).split())


def test_the_distribution_chart_splits_by_the_group_it_is_asked_to() -> None:
    """`--by cluster` wrote the plain run's distribution chart byte for byte: now the whole,
    then a page per cluster, each titled with its cluster and size, n on every row."""
    records = _records(30, 3)
    caption = Caption("Levels per quality indicator: 30 self-evaluations", "Source.")
    plain = distribution_pages({"all": records}, COLUMNS, SCALE, caption)
    split = distribution_pages(print_groups(records), COLUMNS, SCALE, caption, "cluster")
    assert len(plain) == 1 and len(split) == 4
    assert "all settings together; then a page per cluster" in _words(split[0])
    for n, figure in enumerate(split[1:]):
        said = _words(figure)
        assert f"Cluster: Cluster {n:02}, 10 settings" in said
        assert said.count("(n=10)") == len(COLUMNS)


def test_a_split_into_one_group_says_the_chart_is_of_all_settings() -> None:
    caption = Caption("Levels per quality indicator: 12 self-evaluations", "Source.")
    (only,) = distribution_pages({"Primary school": _records(12)}, COLUMNS, SCALE, caption, "stage")
    assert "all settings, not split: every one has the same stage (Primary school)" in _words(only)


def test_a_paper_whose_groups_are_all_too_small_does_not_say_they_share_one() -> None:
    """Anonymised by cluster, the demo's 17 schools in 16 clusters were all counted as
    "cluster not shown", and the chart said "every one has the same cluster"."""
    from selfeval.compare.anonymise import not_shown

    caption = Caption("Levels per quality indicator: 12 self-evaluations", "Source.")
    pooled = {not_shown("cluster"): _records(12)}
    (only,) = distribution_pages(pooled, COLUMNS, SCALE, caption, "cluster")
    said = _words(only)
    assert "every one has the same" not in said
    assert "no cluster has enough settings to be shown apart" in said


def test_every_chart_that_names_settings_says_it_is_for_internal_use() -> None:
    """The named heatmap said so; the radar per named setting beside it did not."""
    records = _records(12)
    caption = Caption("Levels", "Source.")
    for pages in (
        heatmap_pages(records, COLUMNS, SCALE, caption, internal=INTERNAL),
        small_multiples_pages({"all": records}, COLUMNS, SCALE, caption, internal=INTERNAL),
    ):
        assert all("Internal use only: names each setting" in _words(f) for f in pages)
    coded = small_multiples_pages({"all": records}, COLUMNS, SCALE, caption)
    assert "nternal use" not in _words(coded[0])


def test_the_heatmap_key_and_foot_say_what_a_cell_with_no_level_looks_like() -> None:
    """The foot said "Grey: no level" under cells that were white with "-"."""
    (figure,) = heatmap_pages(_records(12, gaps=True), COLUMNS, SCALE, Caption("T", "S"))
    image = figure.axes[0].images[0]
    bad = image.get_cmap()(math.nan)
    assert bad[:3] == (1.0, 1.0, 1.0) and NO_LEVEL == "white"
    said = _words(figure)
    assert "White with -: no level" in said and "Grey: no level" not in said
    dashes = [t for t in figure.axes[0].texts if t.get_text() == "-"]
    assert dashes and all(t.get_color() == "black" for t in dashes)


def inside(figure: Figure) -> list[str]:
    """Every visible text that runs off *figure* (renderer bounding boxes, in pixels)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    box = figure.bbox
    hidden = {  # the tick labels of an axis turned off are never drawn
        id(t) for ax in figure.axes if not ax.axison
        for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]
    }  # fmt: skip
    off = []
    for text in figure.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or id(text) in hidden:
            continue
        extent = text.get_window_extent(renderer)
        if (
            extent.x0 < box.x0 - 0.5
            or extent.y0 < box.y0 - 0.5
            or extent.x1 > box.x1 + 0.5
            or extent.y1 > box.y1 + 0.5
        ):
            off.append(text.get_text())
    return off


def test_small_multiples_give_n_for_each_qi_of_each_panel() -> None:
    """ "68% good or better" with the panel's n=59 above it read as 68% of 59; a QI's n is the
    settings with a level for it (10 to 19 where some have none): every share says its n."""
    records = _records(80, 4, gaps=True)
    caption = Caption("Levels", "Source.")
    for pages in (
        small_multiples_pages({"all": records}, COLUMNS, SCALE, caption, 5),  # a panel per QI
        small_multiples_pages(print_groups(records), COLUMNS, SCALE, caption, 5),
    ):
        shares = [
            t.get_text()
            for figure in pages
            for ax in figure.axes
            for t in [*ax.texts, ax.title]
            if "%" in t.get_text()
        ]
        assert len(shares) >= len(COLUMNS)
        assert all("(n=" in share for share in shares), shares
    assert len({share.split("(n=")[1] for share in shares}) > 1  # in panels, n differs by QI


def test_the_calibration_chart_gives_n_per_qi_the_grades_age_and_each_period_apart() -> None:
    """The chart lacked n per QI and the grades' age (only the table had them), and its foot
    said "last updated 05 Sep 2016 to 07 Dec 2026": the grades' dates and the
    self-evaluations' run together."""
    from datetime import date

    from selfeval.charts.calibration import calibration_figure
    from selfeval.charts.describe import source_note
    from selfeval.compare.calibration import Calibration
    from selfeval.compare.records import INSPECTION

    age = "grades were a median of 9.6 years old when the schools evaluated themselves"
    calibrations = [
        Calibration("1.3", "Leadership of change", 6, 5, 6),
        Calibration("3.1", "Ensuring wellbeing, equality and inclusion", 5, 5, 0),
    ]
    figure = calibration_figure(calibrations, Caption("T", "S"), 5, age)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels[0].endswith("(n=17 schools)") and labels[1].endswith("(n=10 schools)")
    assert "…" not in "".join(labels)  # wrapped whole, never cut
    assert f"The {age}." in _words(figure)
    assert not inside(figure)
    own = replace(print_records(1)[0], when=date(2026, 12, 7))
    grade = replace(own, kind=INSPECTION, framework="FOI", when=date(2016, 9, 5))
    said = source_note([own, grade])
    assert "last updated 07 Dec 2026." in said and "Inspected 05 Sep 2016." in said
    assert "2016 to" not in said and said.count("Source:") == 1


ELC = [QIColumn(g.ref.id, g.indicator.title, numbered=False) for g in STEM.groups("elc")]
ASN = "Additional support needs (special school or provision)"


def _elc(count: int, groups: int = 1) -> list[Record]:
    """Settings judged on the 2025 ELC framework's QIs, which have long titles and no numbers."""
    return [
        replace(r, stage=None, cluster=ASN if n % groups == 0 else r.cluster,
                suggested={c.id: (n + i) % 6 + 1 for i, c in enumerate(ELC)})
        for n, r in enumerate(print_records(count, groups))
    ]  # fmt: skip


def _every_chart() -> dict[str, list[Figure]]:
    caption = Caption("Levels per quality indicator: self-evaluations against ELC 2025", "S")
    few, many = _elc(40, 4), _elc(300, 3)
    return {
        "distribution": distribution_pages(print_groups(few), ELC, SCALE, caption, "cluster"),
        "heatmap rows": heatmap_pages(few, ELC, SCALE, caption, "cluster"),
        "heatmap counts": heatmap_pages(many, ELC, SCALE, caption, "cluster"),
        "group panels": small_multiples_pages(print_groups(many), ELC, SCALE, caption),
        "radars": small_multiples_pages({"all": few}, ELC, SCALE, caption),
        "QI panels": small_multiples_pages({"all": many}, ELC, SCALE, caption),
    }


def test_titles_are_wrapped_whole_where_there_is_room_and_nothing_runs_off_the_page() -> None:
    """ "Safeguarding…" ran off the heatmap's right edge; "Leadership and management of staff
    and…", "3.1 Ensuring wellbeing, equality and…" and "Additional support…" were cut where
    two lines had room. Every text now lies inside its figure (the renderer's boxes), and
    QI titles and group names are whole (but a heatmap row's label: a row holds one line)."""
    for name, pages in _every_chart().items():
        for figure in pages:
            assert not inside(figure), (name, inside(figure))
            said = _words(figure)
            rows = [t.get_text() for t in figure.axes[0].get_yticklabels()]
            rows = rows if name == "heatmap rows" else []
            cut = [
                t for t in figure.findobj(Text) if "…" in t.get_text() and t.get_text() not in rows
            ]
            assert not cut, (name, [t.get_text() for t in cut])
            if name != "radars":  # a radar's spokes are named in its heading
                assert "Safeguarding and child protection" in said, name
    counts = _every_chart()["heatmap counts"]
    assert ASN.split()[0] in _words(counts[0]) and "(special school or" in _words(counts[0])


def test_the_counting_heatmap_of_inspection_grades_keeps_its_row_labels_on_the_page() -> None:
    """A trial: "- not graded at their inspection" ran off the left edge of the national
    inspection heatmap (read "t graded at their inspection"): the label margin is measured."""
    from pathlib import Path

    from selfeval.compare.records import INSPECTION

    graded = [
        Record(f"School {n}", INSPECTION, Path(f"{n}"), against="hgios4",
               suggested={c.id: (None if (n + i) % 3 == 0 else n % 6 + 1)
                          for i, c in enumerate(COLUMNS)})
        for n in range(120)
    ]  # fmt: skip
    caption = Caption("Settings and quality indicators: schools with an HGIOS4 grade", "S")
    page = heatmap_pages(graded, COLUMNS, SCALE, caption)[0]
    rows = [t.get_text() for t in page.axes[0].get_yticklabels()]
    assert "- not graded at their inspection" in rows
    assert not inside(page), inside(page)
    said = _words(page)
    assert "schools are too many for a row each" in said and "settings" not in said


def test_counts_beside_thin_bars_never_run_together() -> None:
    """A trial read "5116" on the national chart's 3.2 row: 5 unsatisfactory and 116 weak,
    both too thin for their count inside, were printed over each other above the bar. They
    now sit side by side, each whole (and, since, beside the bar's end on chips of their
    levels' colours: `test_distribution_counts`)."""
    from selfeval.charts.distribution import distribution_figure
    from selfeval.compare.records import Distribution

    counts = {6: 0, 5: 208, 4: 611, 3: 374, 2: 116, 1: 5}
    dist = Distribution(COLUMNS[0], counts, sum(counts.values()), 0, 819, 5)
    figure = distribution_figure([dist], SCALE, Caption("Levels", "S"))
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    labels = [t for t in figure.axes[0].texts if t.get_text().isdigit()]
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert sorted(t.get_text() for t in labels) == sorted(str(c) for c in counts.values() if c)
    for (a, one), (b, two) in itertools.combinations(zip(labels, boxes, strict=True), 2):
        assert not one.overlaps(two), (a.get_text(), b.get_text())


def test_a_group_page_says_whom_its_own_figures_are_about() -> None:
    """Inspection grades split by stage: the secondary page's foot gave the whole country's
    make-up of schools (1058 primary...), not the 187 secondaries': each group's page now
    takes its source note from its own schools, and calls them schools."""
    from pathlib import Path

    from selfeval.compare.records import INSPECTION

    def graded(stage: str, count: int) -> list[Record]:
        return [Record(f"{stage} {n}", INSPECTION, Path(f"{stage}{n}"), stage=stage,
                       against="hgios4", suggested={c.id: n % 6 + 1 for c in COLUMNS})
                for n in range(count)]  # fmt: skip

    groups = {"Primary": graded("primary", 30), "Secondary": graded("secondary", 12)}

    def about(members: Sequence[Record]) -> str:
        return f"About {len(members)} schools."

    pages = distribution_pages(groups, COLUMNS, SCALE, Caption("Levels", "S"), "stage",
                               source_of=about)  # fmt: skip
    words = [_words(page) for page in pages]
    assert "About 12 schools." in words[-1] and "About 30" not in words[-1]
    assert "Stage: Secondary, 12 schools" in words[-1]


def test_counts_over_the_bars_either_side_of_good_never_run_together() -> None:
    """500 settings by stage, on a portrait page's narrow bars: "22" below good and "52" good
    or better, each too wide for its segment, were both written over the boundary and read
    "2252". A count over its bar keeps to its own side of the boundary."""
    from pathlib import Path

    from selfeval.charts.distribution import distribution_figure
    from selfeval.compare.records import SELF, distributions

    levels = [1] * 3 + [2] * 40 + [3] * 22 + [4] * 52 + [5] * 43 + [6] * 12
    records = [
        Record(f"S{n}", SELF, Path(f"{n}.toml"), suggested={c.id: level for c in COLUMNS})
        for n, level in enumerate(levels)
    ]
    figure = distribution_figure(
        distributions(records, COLUMNS, SCALE, 5), SCALE, Caption("Levels", "S")
    )
    assert figure.get_figwidth() < 7  # portrait: the bars 1.2 inches across
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    counts = [t for t in figure.axes[0].texts if t.get_text().isdigit()]
    boxes = [t.get_window_extent(renderer) for t in counts]
    clash = [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    assert clash == []
