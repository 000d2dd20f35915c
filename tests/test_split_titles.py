"""A split comparison's page titles count one population each: the whole's page the whole,
a group's page its own settings, never both ("Levels per quality indicator: 253
self-evaluations against HGIOS4 (page 2 of 4) / Stage: Primary school, 186 settings")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework

from .test_heatmap_headings import drawn

COUNTED = re.compile(r"(\d+) (?:self-evaluations?|settings?|schools?)\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    _, framework = find_framework("stem")
    make_demo(folder, framework, DemoPlan(settings=40))
    return folder


@pytest.mark.parametrize("anonymise", [False, True], ids=["named", "anonymised"])
def test_each_page_of_a_split_counts_its_own_settings_only(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anonymise: bool
) -> None:
    options = ["--anonymise"] if anonymise else []
    charts = drawn(demo, tmp_path / "out", monkeypatch, "", *options)
    distributions = {name: pages for name, pages in charts.items() if "distribution" in name}
    assert distributions
    split = 0
    for name, pages in distributions.items():
        titles = [" ".join(page.get_suptitle().split()) for page in pages]
        (whole,) = (int(n) for n in COUNTED.findall(titles[0]))
        if "not split" in titles[0]:  # the nurseries: one stage, one page
            assert len(pages) == 1
            continue
        assert "all settings together; then a page per stage" in titles[0]
        parts = []
        for title in titles[1:]:
            assert "Stage: " in title, title
            counts = [int(n) for n in COUNTED.findall(title)]
            assert len(counts) == 1, title  # its own settings, and not the whole's too
            assert counts[0] < whole, title
            parts.append(counts[0])
        assert parts and sum(parts) <= whole, (name, titles)
        split += 1
    assert split  # the schools: a page per stage
    for name, pages in charts.items():  # the other charts of a split count no one twice
        for page in pages:
            title = " ".join(page.get_suptitle().split())
            assert len(COUNTED.findall(title)) <= 1, (name, title)
