"""The Standards and Quality Report's STEM section as Markdown and as Word, from one content
model (`standards`): the same facts, headings and words in both, each escaped for its format.
Word uses the plan's writer (`word`): its styles, one font, tables whose rows never split and
whose header repeats, and the authority's template where one is given."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from selfeval.report.content import ActionRow
from selfeval.report.mdescape import md_table, md_text
from selfeval.report.standards import LevelChange, StandardsContent

if TYPE_CHECKING:
    from selfeval.report.word import Writer
    from selfeval.report.wordtemplate import WordTemplate

__all__ = ["standards_docx", "standards_markdown"]

Row = TypeVar("Row")

_PROGRESS_HEADER = ("QI", "Action", "Measure", "What the reviews found")
_LEVELS_HEADER = ("Title", "Last year", "This year", "Change, and why")
_NEXT_HEADER = ("QI", "Action", "Lead", "By", "Measure")
_NO_PROGRESS = "Last year's evaluation has no actions in its plan."
_COMPLETED = "New actions completed this year"
"""This year's own actions done (those carried over are told with last year's, above)."""
_NO_COMPLETED = "None of this year's new actions is marked done yet."
_NO_LEVELS = "No quality indicator has a level in either year yet."
_NO_STRENGTHS = "No statement is rated very good or better with evidence yet."
_NO_PRIORITIES = (
    "This year's action plan has nothing still to do: adopt next steps, or add the team's "
    "own actions, to set next year's priorities."
)


def _unevidenced(n: int) -> str:
    statements, it = (
        ("1 more statement is", "it is") if n == 1 else (f"{n} more statements are", "they are")
    )
    return (
        f"{statements} rated very good or better with no evidence recorded yet (How do we "
        f"know?): not shown as strengths until {it}."
    )


def _levels_header(report: StandardsContent) -> tuple[str, ...]:
    return (report.qi_header, *_LEVELS_HEADER)


def _progress_cells(a: ActionRow) -> tuple[str, ...]:
    what = f"{a.what} Now {a.overdue}." if a.overdue else a.what
    return (a.qi, what, a.measure or "not set", a.review or "no review recorded")


def _what(a: ActionRow) -> str:
    """An action of this year's plan, said to be carried over where it was."""
    return f"{a.what} ({a.carried})" if a.carried else a.what


def _done_cells(a: ActionRow) -> tuple[str, ...]:
    return (a.qi, _what(a), a.measure or "not set", a.review or "no review recorded")


def _next_cells(a: ActionRow) -> tuple[str, ...]:
    what = _what(a)
    by = a.overdue or a.due or "not set"
    return (a.qi, what, a.lead or "not set", by, a.measure or "not set")


def _level_cells(r: LevelChange) -> tuple[str, ...]:
    return (r.qi, r.title, r.last_year, r.this_year, f"{r.change}: {r.why}" if r.why else r.change)


def _more(n: int) -> str:
    """What a QI's strengths not shown are, counted."""
    statements = "statement" if n == 1 else "statements"
    return f"… and {n} more {statements} rated very good or better, with evidence."


def standards_markdown(report: StandardsContent) -> str:
    """*report* as Markdown, every piece of typed text escaped."""
    lines = [f"# {md_text(report.title)}", ""]
    lines += [f"**{md_text(f.label)}:** {md_text(f.value)}  " for f in report.facts]
    lines += ["", md_text(report.previous), ""]
    lines += [f"**{md_text(caution)}**\n" for caution in report.cautions]
    lines += ["## Progress with last year's actions", ""]
    if report.looked_back and not report.progress:
        lines += [_NO_PROGRESS, ""]
    for title, rows in report.progress:
        lines += [f"### {title}", ""]
        lines += md_table(_PROGRESS_HEADER, [_progress_cells(a) for a in rows])
    lines += [f"## {_COMPLETED}", ""]
    if report.completed:
        lines += md_table(_PROGRESS_HEADER, [_done_cells(a) for a in report.completed])
    else:
        lines += [_NO_COMPLETED, ""]
    lines += ["## How each quality indicator stands", ""]
    levels = [_level_cells(r) for r in report.levels]
    lines += md_table(_levels_header(report), levels) if levels else [_NO_LEVELS, ""]
    if report.no_level:
        lines += [md_text(f"No level in either year: {'; '.join(report.no_level)}."), ""]
    lines += ["## Strengths, and how we know", ""]
    for qi in report.strengths:  # only evidenced strengths are listed
        lines += [f"### {md_text(qi.qi)}", ""]
        for evidence, statements in qi.by_evidence:  # the evidence said once for all it shows
            said = "; ".join(
                f"{md_text(_joined(s.text))} *({md_text(s.rating)})*" for s in statements
            )
            lines.append(f"- {said}. {_how_we_know(statements)} {md_text(evidence)}")
        lines += ["", md_text(_more(qi.more)), ""] if qi.more else [""]
    if not report.strengths:
        lines += [_NO_STRENGTHS, ""]
    if report.unevidenced:
        lines += [_unevidenced(report.unevidenced), ""]
    lines += ["## Our priorities for next year", ""]
    if not report.priorities:
        lines += [_NO_PRIORITIES, ""]
    for priority, actions in report.priorities:
        lines += [f"### {md_text(priority)}", ""]
        lines += md_table(_NEXT_HEADER, [_next_cells(a) for a in actions])
    return "\n".join(lines).rstrip() + "\n"


_PROGRESS_WIDTHS = ((1.6, 6.4, 4.0, 5.0), (3.4, 4.6, 4.0, 5.0))
_LEVELS_WIDTHS = ((1.6, 3.8, 2.9, 2.9, 5.8), (3.2, 3.2, 2.7, 2.7, 5.2))
_NEXT_WIDTHS = ((1.6, 6.4, 2.8, 2.4, 3.8), (3.3, 4.7, 3.0, 2.4, 3.6))
"""Each table's column widths in cm: where QIs are "QI 1.3", and where the first column holds
words (a nursery's 2025 framework names each QI's area, "Children thrive and develop in
quality spaces", and its actions' QIs by title, "Leadership of continuous improvement"),
wide enough for the longest of them on a line. A lead ("Headteacher") keeps a line of its
own on an authority's template, whose wider margins narrow every column."""


def standards_docx(report: StandardsContent, template: WordTemplate | None = None) -> bytes:
    """*report* as the bytes of a .docx file, on the authority's *template* if one is given
    (where its marker is, else after its text)."""
    from selfeval.report import wordsections
    from selfeval.report.word import Writer
    from selfeval.report.wordxml import clean, run

    out = Writer.on(template)
    out.doc.core_properties.title = clean(report.title)
    out.heading(report.title, 1)
    for fact in report.facts:
        out.labelled(fact.label, fact.value)
    out.paragraph(report.previous)
    for caution in report.cautions:
        out.labelled("Please note", caution)
    out.heading("Progress with last year's actions", 2)
    progress_widths = _PROGRESS_WIDTHS[report.titled]  # last year's actions, and this year's done
    if report.looked_back and not report.progress:
        out.paragraph(_NO_PROGRESS)
    for title, rows in report.progress:
        out.heading(title, 3)
        _word_table(out, _PROGRESS_HEADER, progress_widths, rows, _progress_cells)
    out.heading(_COMPLETED, 2)
    if report.completed:
        _word_table(out, _PROGRESS_HEADER, progress_widths, report.completed, _done_cells)
    else:
        out.paragraph(_NO_COMPLETED)
    out.heading("How each quality indicator stands", 2)
    if report.levels:
        levels_widths = _LEVELS_WIDTHS[report.qi_header != "QI"]
        _word_table(out, _levels_header(report), levels_widths, report.levels, _level_cells)
    else:
        out.paragraph(_NO_LEVELS)
    if report.no_level:
        out.paragraph(f"No level in either year: {'; '.join(report.no_level)}.")
    out.heading("Strengths, and how we know", 2)
    for qi in report.strengths:
        out.heading(qi.qi, 3)
        for evidence, statements in qi.by_evidence:
            item = out.item()
            for n, s in enumerate(statements):
                text = _joined(s.text)
                run(item, f"; {text}" if n else text)
                run(item, f" ({s.rating})", italic=True)
            run(item, f". {_how_we_know(statements)} ", bold=True)
            run(item, evidence)
        if qi.more:
            out.paragraph(_more(qi.more))
    if not report.strengths:
        out.paragraph(_NO_STRENGTHS)
    if report.unevidenced:
        out.paragraph(_unevidenced(report.unevidenced))
    out.heading("Our priorities for next year", 2)
    if not report.priorities:
        out.paragraph(_NO_PRIORITIES)
    for priority, rows in report.priorities:
        out.heading(priority, 3)
        _word_table(out, _NEXT_HEADER, _NEXT_WIDTHS[report.titled], rows, _next_cells)
    if out.marker is not None:  # the template's own text after the report, on a new page
        wordsections.new_page_after(out.anchor)
    out.finish()
    saved = io.BytesIO()
    out.doc.save(saved)
    return saved.getvalue()


def _word_table(
    out: Writer,
    header: Sequence[str],
    widths_cm: Sequence[float],
    rows: Sequence[Row],
    cells: Callable[[Row], Sequence[str]],
) -> None:
    """A table of *rows*, each in the *cells* its columns show: in Word as `md_table` is in
    Markdown, one call a table."""
    from selfeval.report.word import table

    add = table(out, header, widths_cm)
    for row in rows:
        add(cells(row))


def _joined(text: str) -> str:
    """A statement with its full stop left to the line it is on ("A (6 excellent); B (5 very
    good). How we know, for both: ..."): several sharing their evidence ran on as one
    sentence ("...STEM. (6 excellent) Learners lead... (6 excellent) How we know")."""
    return text.rstrip(". ")


def _how_we_know(statements: Sequence[object]) -> str:
    many = len(statements)
    return (
        "How we know:"
        if many == 1
        else f"How we know, for {'both' if many == 2 else f'all {many}'}:"
    )
