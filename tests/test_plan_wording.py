"""What the Word and Markdown plans say, as the local authority reads them (issue 32): the reason
for a level said once, no doubled punctuation where the team's or the framework's words meet
the plan's, no "Completed by" nobody recorded, a dropped action's next step not "in our action
plan", and an action whose QI the framework no longer has shown under the QI it was recorded
against."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocumentType

from selfeval.evaluation import Answer, Evaluation, load_evaluation
from selfeval.evaluation.actions import Action
from selfeval.framework import Framework, load_framework
from selfeval.report.content import GONE, NOT_OWN_QI, PlanContent, plan_content
from selfeval.report.markdown import plan_markdown
from selfeval.report.qi_content import DROPPED, IN_PLAN, NoteLine, StrengthLine
from selfeval.report.sentences import before_aside, ends_sentence, lead_in, sentence
from selfeval.report.word import plan_docx
from selfeval.scoring import score

from .conftest import DATA, REPO

GOLDEN = DATA / "golden" / "evaluations"
GOLDEN_FILES = sorted(GOLDEN.glob("*.toml"))


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _plan(evaluation: Evaluation, framework: Framework) -> PlanContent:
    return plan_content(score(evaluation, framework), evaluation, framework)


def _word(plan: PlanContent) -> DocumentType:
    import io

    return Document(io.BytesIO(plan_docx(plan)))


def _text(doc: DocumentType) -> str:
    """Every paragraph and table cell of *doc*, one per line."""
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _sections(doc: DocumentType) -> dict[str, str]:
    """The text under each level-2 heading, by heading."""
    found: dict[str, list[str]] = {}
    current = ""
    for paragraph in doc.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Heading 2":
            current = paragraph.text
            found[current] = []
        elif current:
            found[current].append(paragraph.text)
    return {heading: "\n".join(lines) for heading, lines in found.items()}


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_the_reason_for_a_level_is_said_once(path: object, stem: Framework) -> None:
    evaluation = load_evaluation(GOLDEN / str(path))
    plan = _plan(evaluation, stem)
    sections = _sections(_word(plan))
    markdown = plan_markdown(plan)
    said = 0
    for section in plan.sections:
        shares = re.findall(r"\(\d+ of \d+\)", f"{section.why} {section.summary}")
        assert len(shares) == len(set(shares)), (section.heading, section.why, section.summary)
        md = markdown.split(f"## {section.heading}\n", 1)[1].split("\n## ", 1)[0]
        for share in re.findall(r"\(\d+ of \d+\)", section.why):
            said += 1
            assert sections[section.heading].count(share) == 1, sections[section.heading]
            assert md.count(share) == 1, md
    assert said or not plan.sections


def test_what_the_reason_does_not_say_is_said_of_statements(stem: Framework) -> None:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2025-26.toml")
    sections = {s.heading: s for s in _plan(evaluation, stem).sections}
    said = sections["QI 1.2 Leadership of learning"]
    assert "(4 of 5) are good or better" in said.why
    assert said.summary == "2 statements did not apply. 1 statement is not yet answered."
    unsaid = sections["QI 2.3 Learning, teaching and assessment"]
    assert "(8 of 8)" not in unsaid.why
    assert unsaid.summary == "All of the statements rated (8 of 8) were good or better."
    counted = sections[
        "QI 3.2 Raising attainment and achievement"
    ]  # 3 ratings: no "less than half"
    assert "only 1 of the 3 ratings is good or better" in counted.why
    assert counted.summary == "2 statements are not yet answered."
    evaluation = load_evaluation(GOLDEN / "glenwood-primary-school.stem.2025-26.toml")
    sections = {s.heading: s for s in _plan(evaluation, stem).sections}
    implied = sections["QI 1.3 Leadership of change"]
    assert "all of the ratings (6 of 6) are very good or better" in implied.why
    assert implied.summary == "1 statement did not apply."  # all good or better, said already


DOUBLED = re.compile(r"[.?!…][\"”\u2019)]?:|(?<!\.)\.\s*\(|(?<!\.)\.\.(?!\.)|[?!]\.|\.\s*\.")
"""A full stop, question or exclamation mark followed by a colon, a bracket or another stop:
"…next steps.: Invite", "…information. (very good).", "Why?." """

TYPED = (
    "We asked the pupil council.",
    "Could we share floorbooks with families?",
    "Ask the cluster…",
    "Invite the parent council!",
    "The depute said “not yet.”",
    "no full stop here",
)


def _typed_everywhere(evaluation: Evaluation, framework: Framework) -> Evaluation:
    """*evaluation* with every kind of text a team types ending in every kind of ending."""
    result = score(evaluation, framework)
    rated = [qi for qi in result.qis if qi.rated]
    for n, sid in enumerate(sid for qi in rated for sid in qi.statement_ids):
        typed = TYPED[n % len(TYPED)]
        answer = evaluation.answers.get(sid) or Answer(rating=4)
        if answer.not_applicable:
            answer = answer.model_copy(update={"why_not_applicable": typed})
        else:
            answer = answer.model_copy(update={"notes": typed, "evidence": typed})
        evaluation = evaluation.with_answer(sid, answer)
    for n, typed in enumerate(TYPED):
        evaluation = evaluation.with_action(
            Action(
                id=f"t{n}",
                qi=rated[0].key,
                text=typed,
                outcome=typed,
                lead="Depute head",
                measure=typed,
                status="under-way",
                review_date=date(2027, 1, 15),
                review=typed,
            )
        )
    return evaluation


@pytest.mark.parametrize(
    "name", ["balmuir-primary-school.stem.2026-27.toml", "balburn-nursery.stem.2026-27.toml"]
)
def test_no_doubled_punctuation_where_typed_text_meets_the_plan(name: str, stem: Framework) -> None:
    evaluation = _typed_everywhere(load_evaluation(GOLDEN / name), stem)
    plan = _plan(evaluation, stem)
    for text in (_text(_word(plan)), plan_markdown(plan)):
        assert "Invite the parent council!" in text and "Could we share floorbooks" in text
        for typed in TYPED:  # the typed text itself may hold anything: look around it
            text = text.replace(typed, "TYPED")
        found = [text[max(0, m.start() - 40) : m.end() + 20] for m in DOUBLED.finditer(text)]
        assert not found, found


@pytest.mark.parametrize(
    ("statement", "lead", "parts"),
    [
        ("We plan STEM together.", "We plan STEM together:", ("We plan STEM together", ".")),
        ("We plan STEM together", "We plan STEM together:", ("We plan STEM together", ".")),
        ("Do we plan STEM?", "Do we plan STEM?", ("Do we plan STEM?", "")),
        ("We plan STEM…", "We plan STEM…", ("We plan STEM…", "")),
        ("We plan STEM...", "We plan STEM...", ("We plan STEM...", "")),
        ("They say “we plan.”", "They say “we plan.”", ("They say “we plan.”", "")),
        ("We plan STEM. ", "We plan STEM:", ("We plan STEM", ".")),
    ],
)
def test_statements_meet_notes_and_levels_with_one_mark(
    statement: str, lead: str, parts: tuple[str, str]
) -> None:
    assert NoteLine(statement, "Ask the cluster.").lead_in == lead
    assert StrengthLine(statement, "very good", "").parts == parts
    assert before_aside(statement) == parts
    assert lead_in(statement) == lead


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Ask the cluster", "Ask the cluster."),
        ("Ask the cluster.", "Ask the cluster."),
        ("Ask the cluster?", "Ask the cluster?"),
        ("Ask (the cluster.)", "Ask (the cluster.)"),
        ("", ""),
    ],
)
def test_a_sentence_gets_a_full_stop_only_where_it_has_none(text: str, whole: str) -> None:
    assert sentence(text) == whole
    assert ends_sentence(whole) == bool(whole)


def test_completed_by_is_left_out_when_nobody_recorded_it(stem: Framework) -> None:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    assert evaluation.completed_by == "Demo headteacher (synthetic)"
    nobody = evaluation.model_copy(update={"completed_by": None})
    for case, expected in ((evaluation, True), (nobody, False)):
        plan = _plan(case, stem)
        text, markdown = _text(_word(plan)), plan_markdown(plan)
        assert ("Completed by: Demo headteacher (synthetic)" in text) is expected
        assert ("**Completed by:** Demo headteacher (synthetic)" in markdown) is expected
        if not expected:
            assert "Completed by" not in text and "Completed by" not in markdown
            assert "not recorded" not in text and "not recorded" not in markdown


def _step_lines(doc: DocumentType, step: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.startswith(step)]


def test_a_dropped_action_is_not_in_our_action_plan(stem: Framework) -> None:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    qi = next(q for q in score(evaluation, stem).qis if len(q.next_steps) >= 2)
    kept, dropped = qi.next_steps[:2]
    for n, (step, status) in enumerate(((kept, "under-way"), (dropped, "dropped"))):
        action = Action(id=f"a{n}", qi=qi.key, text=step.text, source=step.action_id)
        evaluation = evaluation.with_action(action.model_copy(update={"status": status}))
    plan = _plan(evaluation, stem)
    doc = _word(plan)
    (kept_line,) = _step_lines(doc, kept.text)
    (dropped_line,) = _step_lines(doc, dropped.text)
    assert kept_line.endswith(IN_PLAN)
    assert IN_PLAN not in dropped_line and dropped_line.endswith(DROPPED)
    markdown = plan_markdown(plan)
    (md_dropped,) = [ln for ln in markdown.splitlines() if ln.startswith(f"- {dropped.text}")]
    assert IN_PLAN not in md_dropped and md_dropped.endswith(f"**{DROPPED}**")
    # the same step taken up again beside the dropped action is in the plan once more
    again = Action(id="a2", qi=qi.key, text=dropped.text, source=dropped.action_id)
    (line,) = _step_lines(_word(_plan(evaluation.with_action(again), stem)), dropped.text)
    assert line.endswith(IN_PLAN) and DROPPED not in line


def _action_qis(doc: DocumentType) -> dict[str, str]:
    """The action plan's QI cell for each action, by what we will do ("QI 1.1" is kept on
    one line by a no-break space)."""
    table = doc.tables[-1]
    return {
        row.cells[1].text.split("\n")[0]: row.cells[0].text.replace("\u00a0", " ")
        for row in table.rows[1:]
    }


def test_an_action_whose_qi_is_gone_shows_the_qi_it_was_recorded_against(
    stem: Framework,
) -> None:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    first = score(evaluation, stem).qis[0]
    for n, (key, text) in enumerate(
        [
            ("enterprise-and-employability", "Audit the STEM store."),
            ("hgios4:2.8", "Plan the STEM week."),
            (first.key, "Invite a STEM ambassador."),
        ]
    ):
        evaluation = evaluation.with_action(Action(id=f"a{n}", qi=key, text=text))
    plan = _plan(evaluation, stem)
    assert _action_qis(_word(plan)) == {
        "Invite a STEM ambassador.": "QI 1.1",
        "Audit the STEM store.": f"“enterprise-and-employability” ({GONE})",
        "Plan the STEM week.": f"“hgios4:2.8” ({GONE})",
    }
    assert [a.qi_gone for a in plan.actions] == [False, True, True]  # the QI's gone last
    markdown = plan_markdown(plan)
    assert f"| “enterprise-and-employability” ({GONE}) | Audit the STEM store. |" in markdown


def test_a_nursery_action_whose_qi_is_gone_is_named_in_its_framework_words(
    stem: Framework,
) -> None:
    evaluation = load_evaluation(GOLDEN / "balburn-nursery.stem.2026-27.toml")
    setting = evaluation.setting.model_copy(update={"qi_framework": "elc-qif"})
    evaluation = evaluation.model_copy(update={"setting": setting})
    current = next(q for q in score(evaluation, stem).qis if q.asked)
    for n, (key, text) in enumerate(
        [
            ("hgioelc:1.4", "Share the STEM audit with the team."),
            ("self-evaluation", "Review STEM with families."),
            ("elc-qif:outdoor-play", "Map the outdoor STEM spaces."),
            (current.key, "Borrow the cluster's STEM kits."),
        ]
    ):
        evaluation = evaluation.with_action(Action(id=f"a{n}", qi=key, text=text))
    qis = _action_qis(_word(_plan(evaluation, stem)))
    assert qis["Borrow the cluster's STEM kits."] == current.title  # no number in the 2025 QIs
    assert qis["Share the STEM audit with the team."] == (
        f"QI 1.4 Leadership and management of practitioners ({GONE})"
    )
    assert qis["Review STEM with families."] == (
        f"Self-evaluation for self-improvement ({NOT_OWN_QI})"
    )
    assert qis["Map the outdoor STEM spaces."] == f"“elc-qif:outdoor-play” ({GONE})"
