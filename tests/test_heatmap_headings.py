"""A heatmap's column headings, as `compare` draws them for a committee paper: a QI number
heading a column is said in words on the same page, and no heading runs into another.

Measured on the heatmaps `selfeval compare` writes of the demo authority (schools on HGIOS4,
nurseries on the ELC framework's unnumbered QIs), at 40 and 500 settings, named and
anonymised, from the renderer.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_pages
from selfeval.cli import main
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework

from .test_chart_print import COLUMNS, SCALE, _records

Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    _, framework = find_framework("stem")
    folders = {}
    for settings in (40, 500):
        folders[settings] = tmp_path_factory.mktemp(f"demo{settings}")
        make_demo(folders[settings], framework, DemoPlan(settings=settings))
    return folders


def drawn(
    folder: Path, out: Path, monkeypatch: pytest.MonkeyPatch, prefix: str, *options: str
) -> dict[str, list[Figure]]:
    """The pages of the charts named *prefix*... that `compare --by stage` (with *options*)
    draws, by file name, as it saves them."""
    import selfeval.charts.export as export

    pages_of: dict[str, list[Figure]] = {}
    save = export.save_pages

    def keep(pages: list[Figure], path: Path) -> list[Path]:
        if path.name.startswith(prefix):
            pages_of[path.stem] = list(pages)
        return save(pages, path)

    monkeypatch.setattr(export, "save_pages", keep)
    argv = ["compare", str(folder), "-o", str(out), "--by", "stage", "--jobs", "1", *options]
    assert main(argv) == 0
    return pages_of


def _heatmaps(
    folder: Path, out: Path, monkeypatch: pytest.MonkeyPatch, anonymise: bool
) -> dict[str, list[Figure]]:
    """The heatmaps' pages `compare --by stage` draws, by file name."""
    options = ["--anonymise"] if anonymise else []
    pages = drawn(folder, out, monkeypatch, "heatmap-", *options)
    assert {name.split("-")[-1] for name in pages} == {"hgios4", "qif"}, list(pages)
    return pages


def _heading_boxes(figure: Figure) -> list[Box]:
    """Each column heading's box as drawn, in the frame of its slant (a heading slanted at 60
    degrees is a rectangle turned 60 degrees: its upright extents overlap its neighbour's
    whether or not the words touch)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    boxes = []
    for label in figure.axes[0].get_xticklabels():
        if not (label.get_visible() and label.get_text()):
            continue
        boxes.append(_turned_box(label, renderer))
    return boxes


def _turned_box(label: Text, renderer: object) -> Box:
    """*label*'s box in the frame turned by its rotation: laid out upright, then its anchor
    (where `rotation_mode="anchor"` turns it about) turned back."""
    angle = label.get_rotation()
    if not angle:
        box = label.get_window_extent(renderer)  # type: ignore[arg-type]
        return box.x0, box.y0, box.x1, box.y1
    label.set_rotation(0)
    upright = label.get_window_extent(renderer)  # type: ignore[arg-type]
    label.set_rotation(angle)
    assert label.get_rotation_mode() == "anchor"
    assert (label.get_horizontalalignment(), label.get_verticalalignment()) == ("left", "bottom")
    theta = math.radians(-angle)
    x, y = upright.x0, upright.y0  # the anchor: the bottom left corner
    turned_x = x * math.cos(theta) - y * math.sin(theta)
    turned_y = x * math.sin(theta) + y * math.cos(theta)
    return turned_x, turned_y, turned_x + upright.width, turned_y + upright.height


GAP = 4.0
"""Points between two slanted headings at least: 2.4 pt apart, two titles read as one.
Numbers side by side ("1.1 1.2") need only a space's width (`NUMBER_GAP`)."""
NUMBER_GAP = 2.0


def _overlaps(a: Box, b: Box, gap: float = GAP) -> bool:
    """Whether boxes *a* and *b* (in pixels of a 100 dpi figure) come closer than *gap*
    points."""
    pad = gap / 72 * 100 / 2
    return (
        a[0] - pad < b[2] + pad
        and b[0] - pad < a[2] + pad
        and (a[1] - pad < b[3] + pad and b[1] - pad < a[3] + pad)
    )


@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
@pytest.mark.parametrize("settings", [40, pytest.param(500, marks=pytest.mark.slow)])
def test_no_two_column_headings_overlap(
    demos: dict[int, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: int,
    anonymise: bool,
) -> None:
    """The ELC framework's slanted titles nearly touched ("Nurturing care and support" and
    "Wellbeing, inclusion and equality" 2.4 pt apart): two lines of 8 pt and a gap need more
    than the room between two columns allowed beside the settings' names."""
    for name, pages in _heatmaps(demos[settings], tmp_path, monkeypatch, anonymise).items():
        for page in pages:
            boxes = _heading_boxes(page)
            assert boxes, name
            slanted = any(t.get_rotation() for t in page.axes[0].get_xticklabels())
            gap = GAP if slanted else NUMBER_GAP
            pairs = itertools.combinations(boxes, 2)
            assert [(a, b) for a, b in pairs if _overlaps(a, b, gap)] == [], name


@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
def test_every_qi_number_heading_a_column_is_said_in_words_on_its_page(
    demos: dict[int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anonymise: bool
) -> None:
    """HGIOS4's columns are headed "1.1", "2.3": a committee reader had to look the numbers up
    in another document. Each page keys every number it heads a column with to its title."""
    _, framework = find_framework("stem")
    titles = {qi.id: qi.title for qi in framework.reference("hgios4").indicators}
    for name, pages in _heatmaps(demos[40], tmp_path, monkeypatch, anonymise).items():
        for page in pages:
            said = " ".join(" ".join(t.get_text().replace("\u00a0", " ").split())
                            for t in page.findobj(Text))  # fmt: skip
            numbers = [t.get_text() for t in page.axes[0].get_xticklabels()]
            headed = [n for n in numbers if n.replace(".", "").isdigit()]
            assert bool(headed) == name.endswith("hgios4"), name
            for number in headed:
                assert f"{number} {titles[number]}" in said, (name, number)


def test_slanted_headings_keep_apart_beside_long_names(demos: dict[int, Path]) -> None:
    """Long names took the room the grid needed: its columns came 0.35 inches apart, and two
    lines of 8 pt slanted at 60 degrees and a gap need 0.39. The names wrap sooner instead."""
    from dataclasses import replace

    from selfeval.charts.frame import Caption
    from selfeval.charts.heatmap import heatmap_pages
    from selfeval.compare.collect import collect
    from selfeval.compare.records import SELF

    collection = collect([demos[40]])
    (part,) = [p for p in collection.parts(collection.of_kind(SELF)) if p.framework != "hgios4"]
    assert not any(c.numbered for c in part.columns)
    long = "Ardbrae and Kilmuir Early Learning and Childcare Centre of Excellence"
    records = [replace(r, name=f"{long} {n}") for n, r in enumerate(part.records)]
    scale = collection.framework.rating_scale  # type: ignore[union-attr]
    for page in heatmap_pages(records, part.columns, scale, Caption("T", "S"), "stage"):
        boxes = _heading_boxes(page)
        assert [(a, b) for a, b in itertools.combinations(boxes, 2) if _overlaps(a, b)] == []


def test_a_heatmap_page_of_few_rows_keeps_its_key_above_the_source_note(
    demos: dict[int, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A last page of three rows was drawn as tall as its rows: the key to the seven levels
    hung below them, over the source note."""
    pages = [p for ps in _heatmaps(demos[40], tmp_path, monkeypatch, False).values() for p in ps]
    pages += heatmap_pages(_records(3), COLUMNS, SCALE, Caption("Levels", "Source."))
    taller = 0  # pages whose key is taller than their rows: the case in point
    for page in pages:
        canvas = FigureCanvasAgg(page)
        canvas.draw()  # type: ignore[no-untyped-call]
        renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        keys = [
            legend.get_window_extent(renderer) for ax in page.axes if (legend := ax.get_legend())
        ]
        notes = [t.get_window_extent(renderer) for t in page.texts if t.get_text()]
        assert keys and notes
        assert not [(k, n) for k in keys for n in notes if k.overlaps(n)]
        assert all(k.y0 >= 0 for k in keys)
        taller += max(k.height for k in keys) > page.axes[0].get_window_extent(renderer).height
    assert taller
