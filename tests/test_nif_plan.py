"""The improvement plan groups the team's actions by NIF priority, in the NIF's order (children's
rights first), the same way in Markdown and in Word; an action's further priorities and its
drivers are named with it, and actions serving none come last."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from selfeval.cli import main
from selfeval.evaluation.actions import Action
from selfeval.evaluation.store import dump_evaluation, load_evaluation

from .conftest import DATA

OLD = DATA / "stem-1.2.0-nif" / "glenbrae-primary-school.stem.2026-27.toml"
RIGHTS = "NIF priority: Placing the human rights and needs of every child and young person"
GAP = "NIF priority: Closing the attainment gap between the most and least disadvantaged"
SKILLS = "NIF priority: Improvement in skills and sustained, positive school-leaver destinations"
ACHIEVEMENT = "NIF priority: Improvement in achievement, particularly in literacy and numeracy"
NONE = "Not yet linked to a NIF priority"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The old evaluation with two more actions: one for children's rights, one untagged."""
    folder = tmp_path_factory.mktemp("plan")
    path = folder / OLD.name
    shutil.copy(OLD, path)
    evaluation = load_evaluation(path)
    evaluation = evaluation.with_action(
        Action(
            id="a5",
            qi="wellbeing-equality-inclusion",
            text="Ask the pupil council which STEM topics we plan next year.",
            tags=["nif-driver-curriculum", "nif-rights"],
        )
    )
    evaluation = evaluation.with_action(
        Action(id="a6", qi="self-evaluation", text="Book a STEM review with the cluster.")
    )
    path.write_text(dump_evaluation(evaluation), encoding="utf-8")
    for suffix in ("md", "docx"):
        assert main(["plan", str(path), "-o", str(folder / f"plan.{suffix}"), "--no-template"]) == 0
    return folder


def _sections(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("NIF priority", NONE))]


def test_markdown_groups_actions_by_priority_in_the_nifs_order(written: Path) -> None:
    text = (written / "plan.md").read_text(encoding="utf-8")
    plan = text[text.index("## Action plan") :]
    headings = [line[4:] for line in plan.splitlines() if line.startswith("### ")]
    expected = [RIGHTS, GAP, SKILLS, ACHIEVEMENT, NONE]
    assert len(headings) == len(expected)
    assert all(h.startswith(e) for h, e in zip(headings, expected, strict=True))
    under = {h: plan.split(f"### {h}")[1].split("###")[0] for h in (headings[0], headings[1], NONE)}
    assert "pupil council" in under[headings[0]]
    assert "Driver: Curriculum and assessment." in under[headings[0]]
    assert "free STEM club" in under[headings[1]]
    assert (
        "Also serves: Improvement in children and young people's health and wellbeing."
        in (under[headings[1]])
    )
    assert "Book a STEM review" in under[NONE]
    assert plan.count("| QI | What we will do |") == 5


def _body(path: Path) -> list[str]:
    """The Word plan's paragraphs and tables in order, a table as its cells' text."""
    doc = Document(str(path))
    out = []
    for child in doc.element.body:
        if child.tag == qn("w:p"):
            out.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            cells = [
                "".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in child.iter(qn("w:tc"))
            ]
            out.append("TABLE " + " | ".join(cells))
    return out


def test_word_groups_actions_by_priority_with_a_table_each(written: Path) -> None:
    body = _body(written / "plan.docx")
    plan = body[body.index("Action plan") :]
    headings = _sections(plan)
    assert [h.split(":")[0] for h in headings] == ["NIF priority"] * 4 + [NONE]
    assert headings[0].startswith(RIGHTS) and headings[1] == GAP
    for heading in headings:  # each heading is followed by its own table
        assert plan[plan.index(heading) + 1].startswith("TABLE QI | What we will do")
    tables = {h: plan[plan.index(h) + 1] for h in headings}
    assert "pupil council" in tables[headings[0]]
    assert "Driver: Curriculum and assessment." in tables[headings[0]]
    assert "numeracy in real contexts" in tables[headings[3]]
    assert "Use cluster moderation" in tables[headings[3]]  # adopted untagged: its step's
    assert "Book a STEM review" in tables[NONE]
    assert "Our actions are grouped by the National Improvement Framework priority" in plan[1]


def test_a_framework_without_nif_priorities_keeps_one_table(tmp_path: Path) -> None:
    from selfeval.framework import load_framework
    from selfeval.report.content import ActionRow
    from selfeval.report.priorities import action_groups

    framework = load_framework(DATA / "valid" / "minimal.toml")
    row = ActionRow("QI 1", "x", "", "", "", "", "", "", "", "", "", None, None)
    groups = action_groups([row], framework)
    assert [(g.heading, len(g.actions)) for g in groups] == [("", 1)]
