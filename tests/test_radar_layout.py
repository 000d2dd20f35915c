"""Radar layout, measured from the renderer: what a reader must tell apart never overlaps.

Every radar a user can make (the plan's, `chart` of one setting, an overlay, a trend, and the
batch's `compare --each`) for a primary, a secondary and a nursery (whose HGIOELC titles are
long): spoke labels stay inside the figure, whole, clear of each other and of every marker;
the ring numbers never sit over a marker; the keys sit clear of the radar's words. And where
a level is only suggested the marker is hollow, and a key says what hollow means.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from selfeval.charts.describe import collection_radar, profile_of, source_note
from selfeval.charts.radar import RadarBatch
from selfeval.compare.collect import collect
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework
from selfeval.paper import TEXT_WIDTH

from .test_chart_print import assert_printable

STAGES = {
    "primary": "primary-school",
    "secondary": "high-school",
    "nursery": "nursery",  # on the 2025 framework: unnumbered, long titles
    "hgioelc": "nursery",  # again, on HGIOELC: "3.3 Developing creativity and skills for …"
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of the demo authority: primaries, secondaries and nurseries, and its
    nurseries again on HGIOELC."""
    folder = tmp_path_factory.mktemp("demo")
    _, framework = find_framework("stem")
    make_demo(folder, framework, DemoPlan(settings=40, years=2))
    for path in folder.glob("*-nursery.stem.*.toml"):
        text = path.read_text(encoding="utf-8")
        hgioelc = text.replace('stage = "elc"\n', 'stage = "elc"\nqi_framework = "hgioelc"\n')
        path.with_name("hgioelc-" + path.name).write_text(hgioelc, encoding="utf-8")
    return folder


def _files(demo: Path, kind: str) -> list[Path]:
    """The evaluation files of settings of *kind*, oldest first within a setting."""
    files = (p for p in demo.glob("*.toml") if f"-{STAGES[kind]}.stem." in p.name)
    return sorted(p for p in files if (kind == "hgioelc") == p.name.startswith("hgioelc-"))


def _latest(demo: Path, kind: str, count: int = 1) -> list[Path]:
    names = sorted({p.name.split(".stem.")[0] for p in _files(demo, kind)})[:count]
    return [sorted(demo.glob(f"{name}.stem.*.toml"))[-1] for name in names]


def _boxes_of_markers(figure: Figure) -> list[Bbox]:
    """A box around every marker drawn (its size and edge included)."""
    boxes = []
    scale = figure.dpi / 72
    for ax in figure.axes:
        for line in ax.lines:
            if line.get_marker() in (None, "None", "") or not line.get_visible():
                continue
            half = (line.get_markersize() + line.get_markeredgewidth()) / 2 * scale
            xy = np.asarray(line.get_xydata(), dtype=float)
            for x, y in ax.transData.transform(xy[np.isfinite(xy).all(axis=1)]):
                boxes.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    return boxes


def _layout(figure: Figure) -> dict[str, list[Bbox]]:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    ax = figure.axes[0]
    kinds: dict[str, list[Bbox]] = {"spoke": [], "ring": [], "key": []}
    shown = [t for t in ax.texts if t.get_visible() and t.get_text()]
    covered = {t.get_position() for t in shown if t.get_gid() == "gap"}
    for text in shown:
        kind = text.get_gid() or "spoke"
        if kind == "spoke" and text.get_position() in covered:
            continue  # its "(no level yet)" twin is drawn over it, in its place
        kinds.setdefault("spoke" if kind == "gap" else kind, []).append(
            text.get_window_extent(renderer)
        )
    kinds["key"] += [legend.get_window_extent(renderer) for legend in _legends(figure)]
    kinds["marker"] = _boxes_of_markers(figure)
    kinds["frame"] = [  # the heading and the source note, around the radar
        t.get_window_extent(renderer) for t in figure.texts if t.get_visible() and t.get_text()
    ]
    return kinds


def _legends(figure: Figure) -> Iterator[Legend]:
    for ax in figure.axes:
        yield from (child for child in ax.get_children() if isinstance(child, Legend))


def _clash(a: list[Bbox], b: list[Bbox], same: bool = False) -> list[tuple[Bbox, Bbox]]:
    pairs = itertools.combinations(a, 2) if same else itertools.product(a, b)
    return [(x, y) for x, y in pairs if x.overlaps(y)]


def assert_clear(figure: Figure) -> None:
    """No label over a marker or another label; every label inside the figure, which prints
    at 100% in Word's margins with no word under 8 pt; the heading and source note clear of
    the radar and its keys (a source note of four lines ran into the scale's key)."""
    kinds = _layout(figure)
    words = kinds["spoke"] + kinds["key"] + kinds["frame"]
    assert _clash(kinds["spoke"], [], same=True) == []
    assert _clash(kinds["ring"], kinds["marker"]) == []
    assert _clash(kinds["spoke"], kinds["marker"]) == []
    assert _clash(kinds["key"], kinds["marker"] + kinds["spoke"] + kinds["ring"]) == []
    assert _clash(kinds["key"], [], same=True) == []
    radar = kinds["spoke"] + kinds["key"] + kinds["ring"] + kinds["marker"]
    assert _clash(kinds["frame"], radar) == []
    assert_printable(figure)
    assert figure.get_figwidth() <= TEXT_WIDTH + 0.005  # as wide as the plan places it
    page = figure.bbox
    for box in words + kinds["ring"]:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1


@pytest.mark.parametrize("kind", list(STAGES))
def test_one_setting_s_radar_is_clear(demo: Path, kind: str) -> None:
    assert_clear(collection_radar(collect(_latest(demo, kind))))


@pytest.mark.parametrize("kind", list(STAGES))
def test_an_overlay_is_clear(demo: Path, kind: str) -> None:
    assert_clear(collection_radar(collect(_latest(demo, kind, 3))))


@pytest.mark.parametrize("kind", list(STAGES))
def test_a_trend_radar_is_clear(demo: Path, kind: str) -> None:
    name = _latest(demo, kind)[0].name.split(".stem.")[0]
    assert_clear(collection_radar(collect(sorted(demo.glob(f"{name}.stem.*"))), radar=True))


@pytest.mark.parametrize("kind", list(STAGES))
def test_a_trend_s_dumbbells_print_inside_the_margins(demo: Path, kind: str) -> None:
    """Drawn 9 inches wide (8 by 9 for 15 QIs), the trend fitted no A4 page inside Word's
    margins and its scale printed at 5 pt: it is as wide as the text, its words 8 pt, its QIs'
    titles whole (two lines each at most) and none over another."""
    name = _latest(demo, kind)[0].name.split(".stem.")[0]
    figure = collection_radar(collect(sorted(demo.glob(f"{name}.stem.*"))))
    assert_printable(figure)
    assert figure.get_figwidth() <= TEXT_WIDTH + 0.005
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    ax = figure.axes[0]
    assert not [t for t in ax.get_yticklabels() if "…" in t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in ax.get_yticklabels()]
    key = ax.get_legend()
    assert key is not None
    boxes += [key.get_window_extent(renderer)]
    assert _clash(boxes, [], same=True) == []
    slanted = [t.get_window_extent(renderer) for t in ax.get_xticklabels()]  # boxes overlap
    page = figure.bbox
    assert all(page.x0 <= b.x0 and b.x1 <= page.x1 and page.y0 <= b.y0 for b in boxes + slanted)


@pytest.mark.parametrize("kind", list(STAGES))
def test_each_setting_s_batch_radar_is_clear(demo: Path, kind: str) -> None:
    collection = collect(_latest(demo, kind, 4))
    (part,) = collection.parts(collection.records)
    batch = RadarBatch(part.columns, collection.framework.rating_scale)  # type: ignore[union-attr]
    for record in collection.records:
        profile = profile_of(record, part.columns)
        assert_clear(batch.render(profile, record.name, source_note([record]), record.synthetic))


def _hollow(figure: Figure) -> int:
    """How many open (white-filled) markers the radar shows."""
    lines = [
        line
        for line in figure.axes[0].lines
        if line.get_visible() and to_rgba(line.get_markerfacecolor()) == to_rgba("white")
    ]
    return sum(
        int(np.isfinite(np.asarray(line.get_xydata(), float)).all(1).sum()) for line in lines
    )


def _keyed(figure: Figure) -> bool:
    """Whether a key says filled is agreed and hollow only suggested."""
    said = [t.get_text() for legend in _legends(figure) for t in legend.get_texts()]
    return any("agreed" in s for s in said) and any("suggested" in s for s in said)


def test_every_radar_keys_suggested_against_agreed(demo: Path) -> None:
    """The batch's radars drew every level filled, as if agreed, with no key."""
    files = _latest(demo, "primary", 3)
    collection = collect(files)
    (part,) = collection.parts(collection.records)
    batch = RadarBatch(part.columns, collection.framework.rating_scale)  # type: ignore[union-attr]
    for record in collection.records:
        suggested = sum(
            1 for c in part.columns if record.level(c.id) and record.confirmed.get(c.id) is None
        )
        figure = batch.render(profile_of(record, part.columns), record.name, "s", False)
        assert _keyed(figure)
        assert _hollow(figure) == suggested
    for figure in (collection_radar(collection), collection_radar(collect(files[:1]))):
        assert _keyed(figure)


def test_a_trend_radar_draws_the_latest_year_strongest_and_keys_years_in_order(
    demo: Path,
) -> None:
    name = _latest(demo, "primary")[0].name.split(".stem.")[0]
    figure = collection_radar(collect(sorted(demo.glob(f"{name}.stem.*"))), radar=True)
    outlines: list[Line2D] = [
        line for line in figure.axes[0].lines if str(line.get_label()).startswith("20")
    ]
    labels = [str(line.get_label()) for line in outlines]
    assert labels == sorted(labels) and len(labels) == 2
    old, new = outlines
    assert new.get_linewidth() > old.get_linewidth()
    assert new.get_zorder() > old.get_zorder()
    grey = [np.dot(to_rgba(line.get_color())[:3], (0.2126, 0.7152, 0.0722)) for line in outlines]
    assert grey[1] < grey[0]  # darker
    keyed = [t.get_text() for legend in _legends(figure) for t in legend.get_texts()]
    assert [k for k in keyed if k.startswith("20")] == labels


@pytest.mark.parametrize("spokes", [3, 4, 9, 15])
@pytest.mark.parametrize("seed", range(6))
def test_ring_numbers_never_sit_over_a_marker_whatever_the_levels(spokes: int, seed: int) -> None:
    """Many low levels crowd the inner rings, where the gap between two spokes is narrow."""
    import random

    from selfeval.charts.radar import Profile, radar_figure
    from selfeval.digest.framework import QIColumn

    rng = random.Random(seed)
    _, framework = find_framework()
    columns = [QIColumn(f"{n}.1", f"Quality indicator {n}") for n in range(spokes)]
    profiles = [
        Profile(
            f"Setting {n}",
            tuple(rng.choice([None, 1, 1, 2, 2, 3, 4, 5, 6]) for _ in columns),
            tuple(rng.random() < 0.5 for _ in columns),
        )
        for n in range(rng.randint(1, 3))
    ]
    figure = radar_figure(columns, framework.rating_scale, profiles, "t", "s")
    kinds = _layout(figure)
    assert _clash(kinds["ring"], kinds["marker"]) == []
    assert len(kinds["ring"]) >= 3  # most rings keep their number


def test_every_svg_written_carries_a_title_and_the_chart_s_alt_text(
    demo: Path, tmp_path: Path
) -> None:
    """An SVG on a web page is read aloud from its <title> and <desc>. Every SVG selfeval
    writes, `chart` and `compare --each` radars and the comparison's pages alike, starts
    with both; a radar's <desc> says its levels in words, as the plan's alt text does."""
    from xml.etree import ElementTree

    from selfeval.cli import main

    files = [str(p) for p in _latest(demo, "primary", 2)]
    assert main(["chart", files[0], "-o", str(tmp_path / "one.svg")]) == 0
    assert main(["chart", *files, "-o", str(tmp_path / "two.svg")]) == 0
    out = tmp_path / "out"
    argv = ["compare", *files, "-o", str(out), "--each", "--chart-format", "svg"]
    assert main(argv) == 0
    svgs = [tmp_path / "one.svg", tmp_path / "two.svg", *out.glob("*.svg"), *out.glob("*/*.svg")]
    assert len(svgs) >= 7
    for svg in svgs:
        title, desc = list(ElementTree.parse(svg).getroot())[:2]
        assert [title.tag, desc.tag] == [
            f"{{http://www.w3.org/2000/svg}}{t}" for t in ("title", "desc")
        ]
        assert title.text and desc.text and "Source:" in desc.text
        if svg.parent.name == "radars" or svg.stem in ("one", "two"):
            assert desc.text.startswith("Radar chart of ")
            assert "1.1 Self-evaluation for self-improvement: " in desc.text
            assert ", agreed" in desc.text or "not yet agreed" in desc.text


def test_an_inspection_s_radar_says_nothing_of_agreeing(tmp_path: Path) -> None:
    """Inspection grades are no team's agreed levels nor selfeval's suggestions: `compare
    --each` over an inspection file drew them filled, keyed "agreed by the team"."""
    from selfeval.charts.batch import _draw
    from selfeval.compare.records import INSPECTION, Record
    from selfeval.digest.framework import QIColumn

    columns = [QIColumn(qi, f"QI {qi}") for qi in ("1.3", "2.3", "3.1", "3.2")]
    grades = {"1.3": 4, "2.3": 3, "3.1": 5, "3.2": 4}
    school = Record(name="Glen Primary", kind=INSPECTION, source=Path("grades.csv"),
                    confirmed=dict(grades))  # fmt: skip
    assert profile_of(school, columns).agreed is None
    _, framework = find_framework()
    (svg,) = _draw(([(school, tmp_path / "glen.svg")], columns, framework.rating_scale, "svg"))
    text = svg.read_text(encoding="utf-8")
    assert "Glen Primary" in text and "agreed" not in text and "suggested" not in text


WORDS = [("nursery", "3 adequate"), ("primary", "3 satisfactory"), ("hgioelc", "3 satisfactory")]


@pytest.mark.parametrize(("kind", "word"), WORDS)
def test_a_setting_s_radar_and_trend_say_its_own_framework_s_words(
    demo: Path, kind: str, word: str
) -> None:
    """A nursery on the 2025 ELC framework is judged "adequate" at 3 (the Care Inspectorate's
    word), as its plan and the comparison say; `selfeval chart` said "satisfactory"."""
    wrong = {"3 adequate": "3 satisfactory", "3 satisfactory": "3 adequate"}[word]
    for figure in (collection_radar(collect(_latest(demo, kind))),
                   collection_radar(collect(_files(demo, kind)[:2]), radar=True)):  # fmt: skip
        words = " ".join(t.get_text() for t in figure.findobj(Text)).replace("\xa0", " ")
        assert word in words and wrong not in words
