"""`selfeval report`: the STEM section of the Standards and Quality Report, beside last year's
evaluation found in the same folder: last year's actions by status, each QI's level in both
years (agreed or only suggested, said so), strengths with evidence, next year's priorities."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from selfeval.cli import main
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.actions import Action

from .word_templates import AFTER, COUNCIL, FOOTER, council_template, save


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(folder), "--settings", "6", "--years", "2"]) == 0
    return folder


def _pair(folder: Path) -> tuple[Path, Path]:
    """A setting whose two years both have actions in their plans."""
    for last in sorted(folder.glob("*.2025-26.toml")):
        this = last.with_name(last.name.replace("2025-26", "2026-27"))
        if load_evaluation(last).actions and load_evaluation(this).actions:
            return this, last
    raise AssertionError("the demo has no setting with actions in both years")


def _report(this: Path, out: Path, *extra: str) -> str:
    assert main(["report", str(this), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def test_last_years_actions_are_reported_under_their_status(demo: Path, tmp_path: Path) -> None:
    this, last = _pair(demo)
    text = _report(this, tmp_path / "report.md")
    said = f"Last year's figures come from our self-evaluation of 2025-26 (the file {last.name})."
    assert said in text  # the year in words first: a published report, not a file listing
    progress = text.split("## Progress with last year's actions")[1].split("## How each")[0]
    titles = {
        "done": "Completed last year",
        "under-way": "Under way",
        "dropped": "No longer pursued",
    }
    for action in load_evaluation(last).actions:
        heading = f"### {titles.get(action.status, 'Not yet started')}"
        after = progress.split(heading)[1].split("###")[0]
        assert action.text in after  # under its own status, with what its review found
        assert action.review.strip() in after


def test_each_qi_beside_last_year_says_agreed_or_only_suggested(tmp_path: Path) -> None:
    from .test_plan import _evaluation

    evaluation = _evaluation()  # an agreed level or two, with ratings
    folder = tmp_path / "school"
    folder.mkdir()
    this = folder / "balmuir.stem.2026-27.toml"
    now = evaluation.model_copy(update={"school_year": "2026-27"})
    before = evaluation.model_copy(update={"school_year": "2025-26", "qi": {}})
    this.write_text(dump_evaluation(now), encoding="utf-8")
    (folder / "balmuir.stem.2025-26.toml").write_text(dump_evaluation(before), encoding="utf-8")
    text = _report(this, tmp_path / "r.md")
    levels = text.split("## How each quality indicator stands")[1].split("## Strengths")[0]
    agreed = [key for key, j in now.qi.items() if j.confirmed is not None]
    assert agreed, "the fixture agrees at least one level"
    assert "(agreed)" in levels and "(suggested, not agreed)" in levels
    last_column = [row.split("|")[3] for row in levels.splitlines() if row.startswith("| QI")]
    assert all("agreed)" not in cell or "not agreed" in cell for cell in last_column)


@pytest.mark.parametrize(
    ("rated_year", "said"),
    [("2026-27", "first evaluated this year"), ("2025-26", "not evaluated this year")],
)
def test_a_level_in_one_year_only_is_said_in_words(
    tmp_path: Path, rated_year: str, said: str
) -> None:
    """A trial: a QI with a level last year and none this year (or the other way round) had
    an empty "Change" cell, which a reader could not tell from a mistake."""
    from .test_plan import _evaluation

    rated = _evaluation()
    blank = rated.model_copy(update={"answers": {}, "qi": {}})
    years = {"2026-27": blank, "2025-26": blank} | {rated_year: rated}
    for year, evaluation in years.items():
        path = tmp_path / f"balmuir.stem.{year}.toml"
        changed = evaluation.model_copy(update={"school_year": year})
        path.write_text(dump_evaluation(changed), encoding="utf-8")
    last = tmp_path / "balmuir.stem.2025-26.toml"
    text = _report(
        tmp_path / "balmuir.stem.2026-27.toml", tmp_path / "r.md", "--previous", str(last)
    )
    levels = text.split("## How each quality indicator stands")[1].split("## Strengths")[0]
    rows = [row.split(" | ") for row in levels.splitlines() if row.startswith("| QI ")][1:]
    assert rows and all(row[4].rstrip(" |") == said for row in rows)
    assert all("no level" in (row[3] if rated_year == "2025-26" else row[2]) for row in rows)


def test_without_last_years_evaluation_it_says_so(demo: Path, tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    this, _ = _pair(demo)
    copied = alone / this.name
    copied.write_bytes(this.read_bytes())
    text = _report(copied, tmp_path / "r.md")
    assert "There is no evaluation of last school year beside this one" in text
    assert "Last year's evaluation has no actions" not in text


def test_next_years_priorities_are_this_years_actions_still_to_do(
    demo: Path, tmp_path: Path
) -> None:
    this, _ = _pair(demo)
    evaluation = load_evaluation(this)
    done = evaluation.actions[0].model_copy(update={"status": "done", "text": "Finished thing"})
    own = Action(id="a99", qi=evaluation.actions[0].qi, text="Our own | *bold* idea")
    changed = evaluation.model_copy(update={"actions": [*evaluation.actions[1:], done, own]})
    folder = tmp_path / "s"
    folder.mkdir()
    path = folder / this.name
    path.write_text(dump_evaluation(changed), encoding="utf-8")
    text = _report(path, tmp_path / "r.md")
    priorities = text.split("## Our priorities for next year")[1]
    assert "Finished thing" not in priorities
    assert r"Our own \| \*bold\* idea" in priorities  # typed text stays text in Markdown
    assert "### Not yet linked to a NIF priority" in priorities  # the team's, untagged


def test_word_report_on_the_authoritys_template(demo: Path, tmp_path: Path) -> None:
    this, _ = _pair(demo)
    template = save(council_template(), tmp_path / "council.docx")
    out = tmp_path / "report.docx"
    assert main(["report", str(this), "-o", str(out), "--template", str(template)]) == 0
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    for heading in (
        "Progress with last year's actions",
        "How each quality indicator stands",
        "Strengths, and how we know",
        "Our priorities for next year",
    ):
        assert heading in texts
    assert COUNCIL in doc.sections[0].header.paragraphs[0].text
    assert doc.sections[0].footer.paragraphs[0].text == FOOTER
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    assert {"Last year", "This year", "Change, and why"} <= cells
    # the template's own text after its marker starts on a new page, as after a plan
    assert [p.text for p in doc.paragraphs if p.text][-1] == AFTER
    assert len(doc.sections) == 2 and doc.sections[1].start_type == WD_SECTION.NEW_PAGE
    assert doc.sections[1].header.is_linked_to_previous
    body = doc.element.body
    ends = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    after = next(p for p in body.iterchildren(qn("w:p")) if p.xpath("string(.)") == AFTER)
    assert list(body).index(ends[0]) < list(body).index(after)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "r.pdf"], "Word document (.docx) or as Markdown (.md)"),
        (["-o", "r.md", "--template", "t.docx"], "--template is for a Word document"),
    ],
)
def test_wrong_outputs_are_refused_before_any_work(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    this, _ = _pair(demo)
    args = [str(tmp_path / a) if a.endswith((".pdf", ".md", ".docx")) else a for a in args]
    assert main(["report", str(this), *args]) == 2
    assert said in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_previous_file_of_the_same_year_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    this, _ = _pair(demo)
    out = tmp_path / "r.md"
    assert main(["report", str(this), "-o", str(out), "--previous", str(this)]) == 2
    assert "not before this evaluation's" in capsys.readouterr().err
    assert not out.exists()


def test_a_nurserys_areas_have_room_for_their_names(demo: Path, tmp_path: Path) -> None:
    """Read as Word pages, a nursery's report broke its areas' names mid-word ("Leader /
    ship") in a column sized for "QI 1.3"."""
    from docx.shared import Cm

    nursery = next(
        p for p in sorted(demo.glob("*.2026-27.toml")) if load_evaluation(p).setting.stage == "elc"
    )
    out = tmp_path / "nursery.docx"
    assert main(["report", str(nursery), "-o", str(out)]) == 0
    tables = Document(str(out)).tables
    firsts = {t.rows[0].cells[0].text for t in tables}
    assert firsts == {"Area", "QI"}  # the levels by area; the actions by their QI's title
    assert all((t.columns[0].width or 0) >= Cm(3) for t in tables)


def test_a_nursery_not_yet_rated_has_room_for_its_actions_qis(demo: Path, tmp_path: Path) -> None:
    """A trial: a nursery's new year, its actions carried over and nothing rated yet, was
    taken for a school with numbered QIs: "Leader / ship of" broken mid-word in a column
    sized for "QI 1.3", in the report and in the plan alike."""
    from docx.shared import Cm

    from selfeval.evaluation.carry import still_to_do

    last = next(
        p
        for p in sorted(demo.glob("*.2026-27.toml"))
        if (e := load_evaluation(p)).setting.stage == "elc" and still_to_do(e)
    )
    before = load_evaluation(last)
    fresh = before.model_copy(
        update={"school_year": "2027-28", "answers": {}, "qi": {}, "actions": still_to_do(before)}
    )
    this = last.with_name(last.name.replace("2026-27", "2027-28"))
    this.write_text(dump_evaluation(fresh), encoding="utf-8")
    try:
        said = " ".join(_report(this, tmp_path / "r.md").split())
        assert "has not started: no statement is answered yet" in said  # not "part of" none
        assert "rest on part of the picture" not in said
        for command in ("report", "plan"):
            out = tmp_path / f"{command}.docx"
            assert main([command, str(this), "-o", str(out)]) == 0
            tables = Document(str(out)).tables
            actions = [
                t for t in tables if t.rows[0].cells[1].text in {"Action", "What we will do"}
            ]
            assert actions, command
            assert all((t.columns[0].width or 0) >= Cm(3) for t in actions), command
    finally:
        this.unlink()


def test_an_unfinished_evaluation_and_an_urgent_safeguarding_step_are_said_first(
    tmp_path: Path,
) -> None:
    """A trial: a report of an evaluation 40 of 98 answered said nothing of it, and a weak
    safeguarding QI with urgent next steps was one row among the rest."""
    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.framework import load_framework

    from .conftest import REPO

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    session = EvaluationSession.start(
        EvaluationStore(tmp_path), stem, Setting(name="Oakfield", stage="primary")
    )
    critical = next(s for s in stem.statements_for("primary") if s.critical)
    session.rate(critical.id, 2)
    session.set_evidence(critical.id, "Visitor log gaps in October")
    session.close()
    text = _report(session.path, tmp_path / "r.md")
    said = " ".join(text.split("## Progress")[0].split())
    assert "This year's evaluation is not finished: 1 of" in said
    assert "Urgent: in QI 2.1" in said and "must not wait" in said


def test_a_strength_is_shown_only_with_its_evidence(demo: Path, tmp_path: Path) -> None:
    """A trial: statements with nothing under "How do we know?" were listed as strengths.
    Never kinder than an inspector: they are counted, and not shown as strengths."""
    this, _ = _pair(demo)
    text = _report(this, tmp_path / "r.md")
    strengths = text.split("## Strengths, and how we know")[1].split("## Our priorities")[0]
    listed = [line for line in strengths.splitlines() if line.startswith("- ")]
    assert listed and all("How we know:" in line for line in listed)
    assert "no evidence recorded" not in strengths.replace("with no evidence recorded yet", "")


@pytest.mark.skipif(sys.platform == "win32", reason="pipes and links: POSIX")
def test_a_link_or_a_pipe_under_last_years_name_is_not_read(demo: Path, tmp_path: Path) -> None:
    """A shared folder can hold anything under any name: only a regular file is last year's."""
    import os

    this, last = _pair(demo)
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / this.name).write_bytes(this.read_bytes())
    (tmp_path / "elsewhere.toml").write_bytes(last.read_bytes())
    (folder / last.name).symlink_to(tmp_path / "elsewhere.toml")
    assert "There is no evaluation of last school year" in _report(
        folder / this.name, tmp_path / "a.md"
    )
    (folder / last.name).unlink()
    os.mkfifo(folder / last.name)
    assert "There is no evaluation of last school year" in _report(
        folder / this.name, tmp_path / "b.md"
    )


def test_a_refused_template_says_where_the_report_should_go(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial: refusing a template during `report`, the hint spoke of "the plan"."""
    from selfeval.report.wordtemplate import MARKER

    this, _ = _pair(demo)
    doc = council_template(marker=False)
    doc.add_paragraph(f"The report: {MARKER}")
    template = save(doc, tmp_path / "council.docx")
    out = tmp_path / "r.docx"
    assert main(["report", str(this), "-o", str(out), "--template", str(template)]) != 0
    err = " ".join(capsys.readouterr().err.split())
    assert "where the report should go" in err and "plan" not in err
    assert not out.exists()
