"""The improvement plan a school hands on, in Word and in Markdown: true to the team's judgement
(a level nobody agreed is never "our evaluation"), with the team's reasons, notes, actions and
targets, QIs not yet rated in one line, and user text that never breaks either document."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from markdown_it import MarkdownIt
from markdown_it.token import Token

from selfeval.cli import main
from selfeval.evaluation import Answer, Evaluation, dump_evaluation, load_evaluation
from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.model import QIJudgement
from selfeval.framework import Framework, load_framework
from selfeval.report.content import plan_content
from selfeval.report.markdown import result_markdown
from selfeval.report.word import CHART_WIDTH_CM
from selfeval.scoring import score

from .conftest import DATA, REPO

GOLDEN = DATA / "golden" / "evaluations"
HOSTILE = "Ask | the *cluster*\n# about <b>kits</b> & `tools` [x](y) 1. ~no~"
REASON = "Moderated with the Ardlea | cluster *in March*"
NOT_APPLICABLE_BECAUSE = "Our P1-P3 *infant* school has no | senior pupils"


def _evaluation() -> Evaluation:
    """A primary school's evaluation with one level agreed against the suggestion, two not
    agreed, notes, a target and two actions, every typed field full of markup characters."""
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    qi = dict(evaluation.qi)
    for unagreed in ("learning-teaching-assessment", "leadership-of-change"):
        del qi[unagreed]
    qi["self-evaluation"] = QIJudgement(suggested=4, confirmed=3, reason=REASON)
    evaluation = evaluation.model_copy(update={"qi": qi})
    answer = evaluation.answers["stem-1.1-01"].model_copy(update={"notes": HOSTILE})
    evaluation = evaluation.with_answer("stem-1.1-01", answer)
    evaluation = evaluation.with_answer(
        "stem-3.3-07", Answer(not_applicable=True, why_not_applicable=NOT_APPLICABLE_BECAUSE)
    )
    visitors = Answer(rating=2, evidence="Two partners came in this term without a briefing.")
    evaluation = evaluation.with_answer("stem-2.1-03", visitors)  # a safeguarding weakness
    step = next(s for q in score(evaluation, _stem()).qis for s in q.next_steps if q.qi_id == "2.3")
    evaluation = evaluation.with_action(
        Action(
            id="a1",
            qi="learning-teaching-assessment",
            text=step.text,
            source=step.action_id,
            outcome="Learners explain | their *thinking*",
            lead="Depute head (Ms Rahman)",
            due=date(2027, 3, 31),
            measure="Open questions in 8 of 10 lessons\n<seen> on walks",
            status="under-way",
            review_date=date(2027, 1, 15),
            review="First walk | done",
        )
    )
    evaluation = evaluation.with_action(
        Action(id="a2", qi="self-evaluation", text=HOSTILE, lead="P5 teacher")
    )
    return evaluation.with_target(
        "learning-teaching-assessment", Target(level=5, by=date(2027, 6, 30))
    )


def _stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    source = folder / "balmuir.toml"
    source.write_text(dump_evaluation(_evaluation()), encoding="utf-8")
    assert main(["plan", str(source), "-o", str(folder / "plan.docx")]) == 0
    assert main(["plan", str(source), "-o", str(folder / "plan.md")]) == 0
    return folder


@pytest.fixture(scope="module")
def word(written: Path) -> DocumentType:
    return Document(str(written / "plan.docx"))


def _said(text: str) -> str:
    """A cell's text as read aloud: "QI\u00a01.1" (kept on one line) is "QI 1.1"."""
    return text.replace("\u00a0", " ")


def _paragraphs(doc: DocumentType) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_word_headings_use_word_styles_for_the_navigation_pane(word: DocumentType) -> None:
    styled = [(p.style.name if p.style else "", p.text) for p in word.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[0] == ("Heading 1", "STEM self-evaluation: improvement plan")
    level_2 = [text for style, text in headings if style == "Heading 2"]
    assert level_2[:2] == ["Summary", "Across the framework's themes and programmes"]
    assert "QI 2.3 Learning, teaching and assessment" in level_2
    assert level_2[-1] == "Action plan"
    assert {"Strengths", "Next steps selfeval suggests"} <= {
        t for s, t in headings if s == "Heading 3"
    }


def test_word_summary_table_says_who_agreed_what(word: DocumentType) -> None:
    summary = word.tables[0]
    header = [c.text for c in summary.rows[0].cells]
    assert header == ["QI", "Title", "Suggested", "Our evaluation", "Target", "Rated"]
    rows = {_said(r.cells[0].text): [_said(c.text) for c in r.cells] for r in summary.rows[1:]}
    assert rows["QI 2.3"][3] == "not yet agreed"
    assert rows["QI 2.3"][4] == "5 very good by 30 June 2027"
    assert rows["QI 1.1"][2:4] == ["4 good", "3 satisfactory"]
    widths = [round(c.width.cm, 1) for c in summary.rows[0].cells]
    assert sum(widths) <= 17.0  # within A4's width less its margins
    properties = summary.rows[0]._tr.trPr
    assert properties is not None
    repeat = properties.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    )
    assert repeat is not None


def test_word_action_plan_table_has_every_field(word: DocumentType) -> None:
    # grouped by NIF priority: the adopted step (achievement), then our own (none yet)
    adopted, actions = word.tables[-2], word.tables[-1]
    assert [c.text for c in adopted.rows[0].cells] == [c.text for c in actions.rows[0].cells]
    header = [c.text for c in actions.rows[0].cells]
    said = "QI | What we will do | Outcome sought | Lead | By when | How we will know | Progress"
    assert " | ".join(header) == said
    first = [_said(c.text) for c in actions.rows[1].cells]
    assert first[0] == "QI 1.1" and HOSTILE in first[1] and "our own action" in first[1]
    second = [_said(c.text) for c in adopted.rows[1].cells]
    assert second[2:6] == [
        "Learners explain | their *thinking*",
        "Depute head (Ms Rahman)",
        "31 March 2027",
        "Open questions in 8 of 10 lessons\n<seen> on walks",
    ]
    assert second[6] == "under way; review 15 January 2027\nFirst walk | done"
    landscape = word.sections[-1]
    assert landscape.page_width and landscape.page_height
    assert landscape.page_width > landscape.page_height


def test_word_radar_is_half_a4_with_levels_in_words(word: DocumentType) -> None:
    (picture,) = word.inline_shapes
    assert picture.width.cm == pytest.approx(CHART_WIDTH_CM, abs=0.01)
    alt = picture._inline.docPr.get("descr")
    assert "QI 1.1 Self-evaluation for self-improvement: 3 satisfactory, agreed" in alt
    assert "QI 2.3 Learning, teaching and assessment: 4 good, suggested, not yet agreed" in alt


def test_an_unagreed_level_is_never_our_evaluation(word: DocumentType, written: Path) -> None:
    text = "\n".join(_paragraphs(word))
    section = text.split("QI 2.3 Learning, teaching and assessment\n", 1)[1].split("\nQI ", 1)[0]
    assert "Suggested level: 4 good, not yet agreed by the team" in section
    assert "Our evaluation" not in section
    markdown = (written / "plan.md").read_text(encoding="utf-8")
    md_section = markdown.split("## QI 2.3 Learning, teaching and assessment", 1)[1]
    md_section = md_section.split("\n## ", 1)[0]
    assert "**Suggested level:** 4 good, not yet agreed by the team" in md_section
    assert "Our evaluation" not in md_section
    agreed = markdown.split("## QI 1.2 Leadership of learning", 1)[1].split("\n## ", 1)[0]
    assert "**Our evaluation:** 4 good" in agreed


def test_reason_notes_target_and_who_in_both(word: DocumentType, written: Path) -> None:
    text = "\n".join(_paragraphs(word))
    assert f"Why we chose this level: {REASON}" in text
    assert "Our target: 5 very good by 30 June 2027" in text
    assert HOSTILE in text
    for fact in (
        "School year: 2026-27",
        "Framework: STEM self-evaluation, version 1.3.0",
        "Completed by: Demo headteacher (synthetic)",
    ):
        assert fact in text
    markdown = (written / "plan.md").read_text(encoding="utf-8")
    assert "**School year:** 2026-27" in markdown
    assert "**Why we chose this level:** Moderated with the Ardlea \\| cluster \\*in March\\*" in (
        markdown
    )
    assert "### What we are going to do now: our notes" in markdown
    assert "In our action plan." in text and "In our action plan." in markdown


def test_plain_words_without_internal_ids(word: DocumentType, written: Path) -> None:
    framework = _stem()
    ids = {s.id for s in framework.sections} | {
        a.id for s in framework.sections for a in s.improvement_actions
    }
    ids |= {st.id for s in framework.sections for st in s.statements}
    ids = {i for i in ids if any(c.isdigit() for c in i) or i.count("-") >= 2}
    for text in ("\n".join(_paragraphs(word)), (written / "plan.md").read_text(encoding="utf-8")):
        assert "threshold" not in text.lower()
        words = set(re.findall(r"[a-z0-9][a-z0-9.-]+", text))
        assert not words & ids, words & ids


def test_qis_with_nothing_rated_are_one_line() -> None:
    framework = _stem()
    evaluation = load_evaluation(GOLDEN / "balburn-nursery.stem.2026-27.toml")
    keep = {"stem-1.1-01", "stem-1.1-03"}
    answers = {k: v for k, v in evaluation.answers.items() if k in keep}
    evaluation = evaluation.model_copy(update={"answers": answers, "qi": {}})
    plan = plan_content(score(evaluation, framework), evaluation, framework)
    # a nursery is judged against the 2025 ELC framework: QI 1.1 feeds one of its 11 QIs
    assert [s.heading for s in plan.sections] == ["Leadership of continuous improvement"]
    assert len(plan.not_started) == 10
    markdown = result_markdown(score(evaluation, framework), evaluation, framework)
    assert markdown.count("\n## Leadership of continuous improvement\n") == 1
    (line,) = [ln for ln in markdown.splitlines() if ln.startswith("Not yet rated:")]
    assert "Children's progress" in line  # the nursery's own (2025 ELC framework) title


def _cells(tokens: list[Token]) -> list[list[str]]:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.level >= 4:
            rows[-1].append(token.content)
    return rows


def _rendered_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type == "text")


def test_markdown_tables_survive_user_text(written: Path) -> None:
    markdown = (written / "plan.md").read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = parser.parse(markdown)
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) == 4  # summary, themes, the action plan's two NIF priority groups
    for start in tables:
        end = next(i for i in range(start, len(tokens)) if tokens[i].type == "table_close")
        rows = _cells(tokens[start:end])
        assert len({len(row) for row in rows}) == 1, rows
    actions = tokens[tables[-2] : len(tokens)]
    cells = [t for t in actions if t.type == "inline"]
    rendered = [_rendered_text(c) for c in cells]
    assert " ".join(HOSTILE.split()) in rendered
    assert "Open questions in 8 of 10 lessons <seen> on walks" in rendered
    # no markup came from the user: no emphasis, links, code, HTML or headings inside
    kinds = {child.type for c in cells for child in c.children or []}
    assert kinds <= {"text", "softbreak"}, kinds
    notes = [t for t in tokens if t.type == "inline" and "Ask | the" in _rendered_text(t)]
    assert notes, "the note is shown as typed"
    assert all({c.type for c in n.children or []} <= {"text", "em_open", "em_close"} for n in notes)
    assert not any(t.type == "heading_open" and t.tag == "h1" for t in tokens[1:])


def test_plan_refuses_other_suffixes_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = GOLDEN / "balburn-nursery.stem.2026-27.toml"
    assert main(["plan", str(source), "-o", str(tmp_path / "plan.png")]) == 2
    err = capsys.readouterr().err
    assert "a plan is written as a Word document (.docx), as Markdown (.md)" in err
    assert "or as a spreadsheet tracker of its actions (.xlsx)" in err
    assert "plan.docx" in err
    assert list(tmp_path.iterdir()) == []


def test_score_formats_carry_reason_notes_actions_and_targets(
    written: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = written / "balmuir.toml"
    assert main(["score", str(source)]) == 0
    text = capsys.readouterr().out
    assert f"why we chose our level: {REASON}" in text
    assert "target: 5 very good by 2027-06-30" in text
    assert "our notes (stem-1.1-01): Ask | the *cluster* # about" in text
    assert "QI 2.3: " in text and "lead Depute head (Ms Rahman), by 2027-03-31" in text
    assert "QI 2.3 Learning, teaching and assessment: suggested 4 good; not yet agreed" in text
    assert main(["score", str(source), "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    by_qi = {q["qi"]: q for q in data["qis"]}
    assert by_qi["1.1"]["reason"] == REASON and by_qi["1.1"]["agreed"] is True
    assert by_qi["2.3"]["agreed"] is False
    assert by_qi["2.3"]["target"]["level"] == 5 and by_qi["2.3"]["target"]["by"] == "2027-06-30"
    assert by_qi["1.1"]["notes"] == [{"statement": "stem-1.1-01", "text": HOSTILE}]
    assert [a["lead"] for a in data["actions"]] == ["Depute head (Ms Rahman)", "P5 teacher"]
    assert main(["score", str(source), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "## Action plan" in markdown and "Depute head (Ms Rahman)" in markdown


def test_not_applicable_statements_are_listed_with_why(word: DocumentType, written: Path) -> None:
    heading = "What we marked not applicable, and why"
    text = "\n".join(_paragraphs(word))
    assert heading in text and NOT_APPLICABLE_BECAUSE in text
    markdown = (written / "plan.md").read_text(encoding="utf-8")
    assert f"### {heading}" in markdown
    assert "no \\| senior pupils" in markdown  # the reason, escaped as typed text


def test_a_safeguarding_weakness_makes_an_urgent_next_step(
    word: DocumentType, written: Path
) -> None:
    urgent = [p.text for p in word.paragraphs if p.text.startswith("Urgent: act now.")]
    assert len(urgent) == 1 and "procedure for STEM visitors and partners" in urgent[0]
    markdown = (written / "plan.md").read_text(encoding="utf-8")
    assert "- **Urgent: act now.** Write a one-page procedure for STEM visitors" in markdown
