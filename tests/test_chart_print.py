"""Every comparison chart prints: drawn at A4 (either way round) or less, no text under 8 pt at
that size, and many panels or rows go to pages, never to one image taller than any paper."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from selfeval.charts.distribution import distribution_figure
from selfeval.charts.export import page_paths, save_pages
from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_pages
from selfeval.charts.multiples import small_multiples_pages
from selfeval.charts.page import MIN_TEXT, fits_page
from selfeval.compare.records import SELF, Record, distributions
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn(g.ref.id, g.indicator.title) for g in STEM.groups("primary")]
CAPTION = Caption("Levels per quality indicator: a long title " * 3, "Source " * 40, True)


def _records(count: int, clusters: int = 1) -> list[Record]:
    return [
        Record(
            name=f"Setting {n:03} with quite a long name Primary School",
            kind=SELF,
            source=Path(f"{n}.toml"),
            stage="primary",
            cluster=f"Cluster {n % clusters:02}",
            suggested={c.id: (n + i) % 6 + 1 for i, c in enumerate(COLUMNS)},
        )
        for n in range(count)
    ]


def _groups(records: list[Record]) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.cluster or "", []).append(record)
    return groups


def assert_printable(figure: Figure) -> None:
    """At most A4 one way or the other, and every word at least 8 pt at that size."""
    width, height = figure.get_size_inches()
    assert fits_page(width, height), (width, height)
    small = [
        (t.get_text(), t.get_fontsize())
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and float(t.get_fontsize()) < MIN_TEXT
    ]
    assert not small


def _pages(name: str) -> list[Figure]:
    few, many = _records(40, 4), _records(300, 30)
    if name == "distribution":
        return [distribution_figure(distributions(few, COLUMNS, SCALE), SCALE, CAPTION)]
    if name == "heatmap rows":
        return heatmap_pages(few, COLUMNS, SCALE, CAPTION, "cluster")
    if name == "heatmap counts":
        return heatmap_pages(many, COLUMNS, SCALE, CAPTION, "cluster")
    if name == "group panels":
        return small_multiples_pages(_groups(many), COLUMNS, SCALE, CAPTION)
    if name == "mini radars":
        return small_multiples_pages({"all": few}, COLUMNS, SCALE, CAPTION)
    return small_multiples_pages({"all": many}, COLUMNS, SCALE, CAPTION)


CHARTS = ["distribution", "heatmap rows", "heatmap counts", "group panels", "mini radars",
          "QI panels"]  # fmt: skip


@pytest.mark.parametrize("name", CHARTS)
def test_every_comparison_chart_fits_a4_with_text_of_8_pt(name: str) -> None:
    for figure in _pages(name):
        assert_printable(figure)


def test_many_panels_go_to_pages_of_one_pdf_or_a_png_each(tmp_path: Path) -> None:
    """500 settings in 50 clusters: fifty panels, six or nine to a page, never one image."""
    pages = small_multiples_pages(_groups(_records(500, 50)), COLUMNS, SCALE, CAPTION)
    assert len(pages) >= 5
    titles = [" ".join(figure.get_suptitle().split()) for figure in pages]
    assert f"(page 2 of {len(pages)})" in titles[1]
    pdf = save_pages(pages, tmp_path / "panels.pdf")
    assert pdf == [tmp_path / "panels.pdf"]
    assert _pdf_pages(pdf[0]) == len(pages)
    pngs = save_pages(pages, tmp_path / "panels.png")
    assert pngs == page_paths(tmp_path / "panels.png", len(pages))
    assert pngs[0].name == "panels-page1.png" and all(p.exists() for p in pngs)


def test_a_rerun_with_fewer_pages_leaves_no_page_of_the_last_run(tmp_path: Path) -> None:
    """A heatmap of three pages, then of one: "heatmap-page2.png" and "-page3" were left
    beside the new "heatmap.png", read as part of it. selfeval removes the pages it wrote
    for that name before, and only those: files named otherwise are left alone."""
    from matplotlib.figure import Figure

    def figures(count: int) -> list[Figure]:
        return [Figure(figsize=(2, 2)) for _ in range(count)]

    chart = tmp_path / "heatmap.png"
    others = ["heatmap-page2-notes.png", "heatmap-page2.png.bak", "other-page2.png",
              "heatmap-page2.svg", "heatmap-page02x.png"]  # fmt: skip
    for name in others:
        (tmp_path / name).write_bytes(b"mine")
    three = save_pages(figures(3), chart)
    assert [p.name for p in three] == [
        "heatmap-page1.png",
        "heatmap-page2.png",
        "heatmap-page3.png",
    ]
    assert save_pages(figures(2), chart) == three[:2]
    assert not three[2].exists()
    assert save_pages(figures(1), chart) == [chart]
    assert not any(p.exists() for p in three)
    assert save_pages(figures(2), chart) == three[:2]
    assert not chart.exists()  # one page before, two now: the lone file is not this chart
    assert all((tmp_path / name).read_bytes() == b"mine" for name in others)
    (tmp_path / "heatmap-page2.pdf").write_bytes(b"mine")  # a PDF's pages are one file
    save_pages(figures(1), tmp_path / "heatmap.pdf")  # another format: its own name
    assert all(p.exists() for p in three[:2])
    assert (tmp_path / "heatmap-page2.pdf").read_bytes() == b"mine"


def _pdf_pages(path: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def test_heatmap_rows_go_on_over_pages_with_each_group_named_again() -> None:
    pages = heatmap_pages(_records(80, 2), COLUMNS, SCALE, CAPTION, "cluster")
    assert len(pages) > 1
    drawn = sum(len(f.axes[0].get_yticklabels()) for f in pages)
    assert drawn == 80
    for figure in pages:
        assert figure.axes[0].get_yticklabels()[0].get_text().startswith("[Cluster")


def test_the_counting_heatmap_hides_groups_too_small_to_show() -> None:
    """A cluster of two settings among large ones: its counts would be its settings' own
    levels, so it gets no rows and is named under the chart."""
    records = _records(120, 4)
    records += [
        Record(name=f"Tiny {n}", kind=SELF, source=Path(f"t{n}.toml"), cluster="Tiny cluster",
               suggested={c.id: 2 for c in COLUMNS})
        for n in range(2)
    ]  # fmt: skip
    pages = heatmap_pages(records, COLUMNS, SCALE, CAPTION, "cluster")
    labels = [t.get_text() for f in pages for t in f.axes[0].get_yticklabels()]
    assert not [label for label in labels if label.startswith("Tiny")]
    said = " ".join(" ".join(t.get_text() for t in f.texts) for f in pages)
    # Cluster 00, the smallest other, is withheld with it: else the whole less the rest
    assert "too few settings to show: Cluster 00, Tiny cluster." in " ".join(said.split())


def _named(names: list[str]) -> list[Record]:
    return [
        Record(name=name, kind=SELF, source=Path(f"{n}.toml"), stage="primary",
               cluster="Ardbrae and Kilmuir Associated Schools Group cluster",
               suggested={c.id: (n + i) % 6 + 1 for i, c in enumerate(COLUMNS)})
        for n, name in enumerate(names)
    ]  # fmt: skip


ARDBRAE = [
    "Ardbrae Primary School and Nursery Class (Gaelic Medium Unit)",
    "Ardbrae Primary School and Nursery Class (English Medium)",
    "Ardbrae Primary School and Nursery Cl",
]


def test_heatmap_names_sharing_their_first_36_characters_stay_apart() -> None:
    """Cut at 36 characters, "Ardbrae Primary School and Nursery Cl…" was three settings'
    row alike: a name goes on to a second line, whole, and the rows are tall enough for it."""
    (figure,) = heatmap_pages(_named(ARDBRAE), COLUMNS, SCALE, CAPTION, "cluster")
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(set(labels)) == 3 and not [label for label in labels if "…" in label]
    assert any("\n" in label for label in labels)
    said = [" ".join(label.split()) for label in labels]
    for name in ARDBRAE:
        assert [s for s in said if s.endswith(name)], (name, said)
    assert_printable(figure)


def test_heatmap_row_names_are_inside_the_figure_and_never_overlap() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    long = "Bellfield and Rowanbank Additional Support Needs Primary School and Early Learning"
    names = [*ARDBRAE, "Short PS", f"{long} and Childcare Centre of Excellence for the North"]
    (figure,) = heatmap_pages(_named(names), COLUMNS, SCALE, CAPTION, "cluster")
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    page = figure.bbox
    boxes = [t.get_window_extent(renderer) for t in figure.axes[0].get_yticklabels()]
    for box in boxes:
        assert box.x0 >= page.x0 and box.x1 <= page.x1 and box.y0 >= page.y0, box
        assert box.y1 <= page.y1, box
    ordered = sorted(boxes, key=lambda b: b.y0)
    for lower, upper in itertools.pairwise(ordered):
        assert lower.y1 <= upper.y0, (lower, upper)
    # too long for two lines: cut, and the foot says where the name is whole
    assert any(t.get_text().endswith("…") for t in figure.axes[0].get_yticklabels())
    assert "whole in the comparison's summary.csv" in " ".join(
        " ".join(t.get_text().split()) for t in figure.texts
    )


def test_a_png_says_its_resolution_so_it_prints_at_its_size(tmp_path: Path) -> None:
    """A trial's PNGs said no resolution (ImageMagick: "Units: Undefined"), so a word
    processor or printer guessed one and printed the chart at another size than drawn (A4 at
    150 dots an inch): each PNG now says the resolution it was drawn at."""
    from PIL import Image

    from selfeval.charts.export import DPI

    pages = small_multiples_pages(_groups(_records(12, 2)), COLUMNS, SCALE, CAPTION)
    (png, *_) = save_pages(pages, tmp_path / "panels.png")
    with Image.open(png) as image:
        assert tuple(round(d) for d in image.info["dpi"]) == (DPI, DPI)
        width_inches = image.size[0] / DPI
    assert abs(width_inches - pages[0].get_size_inches()[0]) < 0.02


def test_charts_fit_inside_word_default_margins_not_the_whole_sheet() -> None:
    """Drawn at the whole A4 sheet (8.27 inches wide), a chart placed in a Word document with
    its default margins (2.54 cm) shrank to 6.27 inches and its 8 pt text printed at 6.7 pt.
    Every chart, the empty one too, is at most the printable area; the plan's radar is
    placed at that width, and is drawn at it, so its 8 pt type prints at 8 pt there."""
    from selfeval.charts.frame import empty_figure
    from selfeval.charts.radar_frame import TEXT_PT, WIDTH
    from selfeval.report.word import CHART_WIDTH_CM

    for name in CHARTS:
        for figure in _pages(name):
            short, long = sorted(figure.get_size_inches())
            assert short <= 6.275 and long <= 9.695, (name, short, long)
    assert empty_figure(CAPTION, "Nothing").get_size_inches()[0] <= 6.27 + 0.005
    assert CHART_WIDTH_CM <= 2.54 * (8.27 - 2) + 0.01
    assert TEXT_PT * CHART_WIDTH_CM / (WIDTH * 2.54) >= MIN_TEXT


def test_every_mini_radar_labels_its_spokes_and_the_page_keys_a_gap() -> None:
    """40 settings: the radars had no spoke labels, only a list of 11 ELC titles in the
    subtitle, and a gap for "no level" was not keyed. Each spoke is labelled at 8 pt, by
    QI number, or (QIs without numbers) by a number keyed "1 = ..." once a page."""
    from selfeval.charts.minis import radar_grid_pages

    few = _records(9)
    for n, record in enumerate(few):
        record.suggested[COLUMNS[n % len(COLUMNS)].id] = None  # a gap in each outline
    (page,) = radar_grid_pages(few, COLUMNS, SCALE, CAPTION)
    heading = " ".join(page.get_suptitle().split())
    assert "no level (not rated, or not applicable)" in heading
    for ax in page.axes:
        labels = [t.get_text() for t in ax.texts]
        assert labels == [c.id for c in COLUMNS]
        assert all(float(t.get_fontsize()) >= MIN_TEXT for t in ax.texts)
    assert_printable(page)
    titled = [QIColumn(f"q{n}", f"Title {n}", numbered=False) for n in range(1, 4)]
    unnumbered = [
        Record(name=f"Nursery {n}", kind=SELF, source=Path(f"n{n}.toml"),
               suggested={c.id: 4 for c in titled})
        for n in range(3)
    ]  # fmt: skip
    (page,) = radar_grid_pages(unnumbered, titled, SCALE, CAPTION)
    assert [t.get_text() for t in page.axes[0].texts] == ["1", "2", "3"]
    heading = " ".join(page.get_suptitle().split())
    assert "1 = Title 1, 2 = Title 2, 3 = Title 3" in heading


def test_a_portrait_distribution_keeps_room_for_its_bars_and_its_words_on_the_page() -> None:
    """On a portrait page (too many QIs for landscape) the bars had 1.2 of 6.3 inches, and a
    trial read the counts above them ("9 29 42 105 53") as one run of digits."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    many = [QIColumn(f"{n}.{m}", f"Quality indicator {n}.{m} with a long title") for n in
            range(1, 4) for m in range(1, 9)]  # fmt: skip
    figure = distribution_figure(distributions(_records(60), many, SCALE), SCALE, CAPTION)
    width, height = figure.get_size_inches()
    assert width < height  # portrait
    (ax,) = figure.axes
    assert ax.get_position().width * width >= 2.0
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    page = figure.bbox
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1, text.get_text()
