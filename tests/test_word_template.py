"""The Word plan on the authority's template (issue 33): the template's header, logo, footer,
styles and text kept, the plan where its marker was (or after its text), its action plan on
landscape pages between the template's own; a template that cannot be used refused, naming it
and saying how to fix it, with nothing written; and a template set once in the settings file
used by `plan` and by the app's export."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.section import Section

from selfeval.cli import main
from selfeval.errors import TemplateError
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.files.settings import read_settings
from selfeval.report.plan import export_plan
from selfeval.report.wordtemplate import MARKER
from selfeval.scoring import score

from .conftest import REPO
from .test_plan import _evaluation, _stem
from .word_templates import (
    AFTER,
    COUNCIL,
    FOOTER,
    HEADING_COLOUR,
    HEADING_FONT,
    INTRO,
    TITLE_STYLE,
    as_dotx,
    council_template,
    logo_png,
    save,
    without_styles,
)

TITLE = "STEM self-evaluation: improvement plan"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An evaluation with actions, and the council's template beside it."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "balmuir.toml").write_text(dump_evaluation(_evaluation()), encoding="utf-8")
    save(council_template(), folder / "council.docx")
    return folder


def _plan(folder: Path, template: Path, name: str = "plan.docx") -> DocumentType:
    out = folder / name
    assert (
        main(["plan", str(folder / "balmuir.toml"), "-o", str(out), "--template", str(template)])
        == 0
    )
    return Document(str(out))


@pytest.fixture(scope="module")
def filled(folder: Path) -> DocumentType:
    return _plan(folder, folder / "council.docx")


def _texts(doc: DocumentType) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _width(section: Section) -> int:
    """How wide the text is between *section*'s margins, in EMU."""
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None
    return width - left - right


def test_the_plan_goes_where_the_marker_was(filled: DocumentType) -> None:
    texts = _texts(filled)
    assert texts[:2] == ["School Improvement Plan 2026-27", INTRO]
    assert texts[2] == TITLE  # the marker's place
    assert not any("selfeval}}" in text for text in texts)
    assert texts.index("Action plan") < texts.index(AFTER)
    assert [t for t in texts if t][-1] == AFTER  # the template's text after the marker stays after


def test_header_logo_footer_and_styles_are_the_templates(filled: DocumentType) -> None:
    first = filled.sections[0]
    assert COUNCIL in first.header.paragraphs[0].text
    header = first.header.part
    pictures = [rel.target_part.blob for rel in header.rels.values() if "image" in rel.reltype]
    assert pictures == [logo_png()]  # the logo, as it was
    assert first.footer.paragraphs[0].text == FOOTER
    heading = filled.styles["Heading 1"]
    assert heading.font.name == HEADING_FONT and heading.font.color.rgb == HEADING_COLOUR
    title = filled.paragraphs[0]
    assert title.style is not None and title.style.name == TITLE_STYLE
    assert filled.paragraphs[2].style is not None and filled.paragraphs[2].style.name == "Heading 1"
    assert first.left_margin is not None
    assert abs(first.left_margin.cm - 2.54) < 0.01  # the template's margins, not selfeval's


def test_action_plan_is_landscape_between_the_templates_own_pages(filled: DocumentType) -> None:
    sections = filled.sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    landscape = sections[1]
    assert (landscape.page_width or 0) > (landscape.page_height or 0)
    assert landscape.header.is_linked_to_previous  # the council's header on every page
    assert sections[2].header.is_linked_to_previous
    assert COUNCIL in landscape.header.paragraphs[0].text
    actions = filled.tables[-1]
    assert actions.rows[0].cells[0].text == "QI"
    fits = _width(landscape)  # the template's margins, on a landscape page
    assert sum(c.width or 0 for c in actions.rows[0].cells) <= fits
    summary = filled.tables[0]
    assert sum(c.width or 0 for c in summary.rows[0].cells) <= _width(sections[0])


def test_the_chart_fits_between_the_templates_margins(filled: DocumentType) -> None:
    chart = filled.inline_shapes[0]
    assert chart.width <= _width(filled.sections[0])
    assert chart._inline.docPr.get("descr").startswith("Radar chart of Balmuir")


def test_without_a_marker_the_plan_follows_the_templates_text(folder: Path) -> None:
    save(council_template(marker=False, after=False), folder / "plain.docx")
    doc = _plan(folder, folder / "plain.docx", "after.docx")
    texts = _texts(doc)
    assert texts[:3] == ["School Improvement Plan 2026-27", INTRO, TITLE]
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert doc.sections[1].header.is_linked_to_previous


def test_a_word_template_dotx_is_accepted(folder: Path) -> None:
    dotx = as_dotx(folder / "council.docx", folder / "council.dotx")
    _plan(folder, dotx, "from-dotx.docx")
    with zipfile.ZipFile(folder / "from-dotx.docx") as parts:
        types = parts.read("[Content_Types].xml")
    assert b"wordprocessingml.document.main+xml" in types
    assert b"template.main+xml" not in types  # a document Word opens as one, not a template


def test_styles_a_template_lacks_are_brought_in(folder: Path) -> None:
    """A template saved by Word holds only the styles it uses: the plan's bullets, tables and
    third-level headings still work, and the template's own headings are kept."""
    bare = without_styles(
        folder / "council.docx",
        folder / "bare.docx",
        ("ListBullet", "TableGrid", "Heading3", "Heading3Char"),
    )
    doc = _plan(folder, bare, "from-bare.docx")
    names = {s.name for s in doc.styles}
    assert {"List Bullet", "Table Grid", "Heading 3"} <= names
    bullets = [p for p in doc.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert bullets
    number = doc.styles["List Bullet"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}"
    )
    numbering = doc.part.numbering_part.element
    defined = {n.get(qn("w:numId")) for n in numbering.findall(qn("w:num"))}
    assert number is not None and number.get(qn("w:val")) in defined
    assert doc.styles["Heading 1"].font.name == HEADING_FONT


def test_a_marker_at_the_end_of_a_section_keeps_the_break(folder: Path) -> None:
    """The marker as the last paragraph of the first of two sections: the section it ended
    ends the action plan instead, and the template's second section goes on as it was."""
    doc = council_template()
    marker = next(p for p in doc.paragraphs if p.text == MARKER)
    marker._p.get_or_add_pPr().append(doc.sections[0]._sectPr.clone())
    save(doc, folder / "two-sections.docx")
    filled = _plan(folder, folder / "two-sections.docx", "from-two.docx")
    orientations = [s.orientation for s in filled.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert _texts(filled)[-1] == AFTER


# --- refused --------------------------------------------------------------------------------


def _refused(folder: Path, template: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = folder / "refused" / "plan.docx"
    out.parent.mkdir(exist_ok=True)
    args = ["plan", str(folder / "balmuir.toml"), "-o", str(out), "--template", str(template)]
    assert main(args) == 2
    assert list(out.parent.iterdir()) == []  # nothing written, not even a temporary file
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(template) in err
    return err


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as written:
        for name, data in parts.items():
            written.writestr(name, data)
    return path


def test_a_missing_template_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(folder, folder / "nowhere.docx", capsys)
    assert "no such file" in err and "hint:" in err


def test_a_folder_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "templates").mkdir(exist_ok=True)
    err = _refused(folder, folder / "templates", capsys)
    assert "this is a folder, not a Word template file" in err
    assert "name the .docx file itself" in err


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("notes.docx", b"Our plan, typed in Notepad", "a .docx is a zip file, and this is not"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003 document"),
        ("empty.docx", b"", "the file is empty"),
    ],
)
def test_what_is_not_a_word_document_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, said: str
) -> None:
    path = folder / name
    path.write_bytes(content)
    err = _refused(folder, path, capsys)
    assert said in err
    assert "save it as a Word Document (.docx)" in err or "empty" in err


def test_a_zip_that_is_not_a_word_document_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = _zip(folder / "photos.docx", {"photo.txt": b"not a photo"})
    assert "this is a zip file, not a Word document" in _refused(folder, photos, capsys)
    with zipfile.ZipFile(folder / "council.docx") as parts:
        kept = {n: parts.read(n) for n in parts.namelist() if n != "word/document.xml"}
    gutted = _zip(folder / "gutted.docx", kept)
    assert "cannot be read as a Word document" in _refused(folder, gutted, capsys)


def test_a_spreadsheet_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracker = folder / "tracker.xlsx"
    assert main(["plan", str(folder / "balmuir.toml"), "-o", str(tracker)]) == 0
    assert "this is a spreadsheet, not a Word document" in _refused(folder, tracker, capsys)


def test_a_template_with_macros_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(folder / "council.docx") as parts:
        data = {n: parts.read(n) for n in parts.namelist()}
    data["[Content_Types].xml"] = data["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    err = _refused(folder, _zip(folder / "macros.docm", data), capsys)
    assert "has macros" in err and "without macros" in err


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("shared", "shares its paragraph with other text"),
        ("twice", "is in 2 places"),
        ("table", "is inside a table"),
    ],
)
def test_a_marker_that_is_not_a_paragraph_of_its_own_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], where: str, said: str
) -> None:
    doc = council_template(marker=where != "shared")
    if where == "shared":
        doc.add_paragraph(f"Our plan: {MARKER}")
    elif where == "twice":
        doc.add_paragraph(MARKER)
    else:
        doc.paragraphs[2].text = "The plan is in the table below."
        doc.add_table(rows=1, cols=1).cell(0, 0).text = MARKER
    err = _refused(folder, save(doc, folder / f"marker-{where}.docx"), capsys)
    assert said in err and "hint:" in err


def test_template_is_for_word_plans_only(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "plan.md"
    args = ["plan", str(folder / "balmuir.toml"), "-o", str(out), "--template"]
    assert main([*args, str(folder / "council.docx")]) == 2
    assert "--template is for a Word document; plan.md is not one" in capsys.readouterr().err
    assert not out.exists()


# --- the settings file ------------------------------------------------------------------------


@pytest.fixture
def settings(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A settings file naming the council's template by a path relative to it."""
    config = tmp_path / "settings" / "config.toml"
    config.parent.mkdir()
    (config.parent / "council.docx").write_bytes((folder / "council.docx").read_bytes())
    config.write_text("[plan]\ntemplate = 'council.docx'\n", encoding="utf-8")
    monkeypatch.setenv("SELFEVAL_CONFIG", str(config))
    return config


def test_a_template_set_in_the_settings_is_used(
    settings: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.docx"
    assert main(["plan", str(folder / "balmuir.toml"), "-o", str(out)]) == 0
    assert f"on the template {settings.parent / 'council.docx'}" in capsys.readouterr().out
    assert _texts(Document(str(out)))[:3] == ["School Improvement Plan 2026-27", INTRO, TITLE]
    assert main(["plan", str(folder / "balmuir.toml"), "-o", str(out), "--no-template"]) == 0
    assert _texts(Document(str(out)))[0] == TITLE


def test_the_apps_export_uses_the_settings_template(settings: Path, tmp_path: Path) -> None:
    saved = tmp_path / "balmuir.stem.2026-27.toml"
    evaluation = _evaluation()
    saved.write_text(dump_evaluation(evaluation), encoding="utf-8")
    written = export_plan(score(evaluation, _stem()), evaluation, _stem(), saved)
    assert [p.name for p in written][::2] == [
        "balmuir.stem.2026-27.plan.docx",
        "balmuir.stem.2026-27.plan-radar.png",
    ]
    doc = Document(str(written[0]))
    assert COUNCIL in doc.sections[0].header.paragraphs[0].text


def test_a_broken_settings_template_is_refused_naming_the_settings(
    settings: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.write_text("[plan]\ntemplate = 'moved-away.docx'\n", encoding="utf-8")
    out = tmp_path / "plan.docx"
    assert main(["plan", str(folder / "balmuir.toml"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "moved-away.docx: no such file" in err
    assert f"change `template` under [plan] in {settings}" in err
    assert not out.exists()
    saved = tmp_path / "balmuir.toml"
    evaluation = load_evaluation(folder / "balmuir.toml")
    saved.write_bytes((folder / "balmuir.toml").read_bytes())
    with pytest.raises(TemplateError, match=r"moved-away\.docx"):
        export_plan(score(evaluation, _stem()), evaluation, _stem(), saved)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".toml") == ["settings"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[plan]\ntemplat = 'x.docx'\n", "unknown key `templat`"),
        ("[plan]\ntemplate = 3\n", "expected text in quotes"),
        ("[plan]\ntemplate = 'C:\\Users\n", "not valid TOML"),
    ],
)
def test_a_mistake_in_the_settings_is_named_with_its_line(
    settings: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    text: str, said: str,
) -> None:  # fmt: skip
    settings.write_text(text, encoding="utf-8")
    assert main(["plan", str(folder / "balmuir.toml"), "-o", str(tmp_path / "plan.docx")]) == 2
    err = capsys.readouterr().err
    assert said in err and str(settings) in err
    assert "Traceback" not in err


def test_the_readme_settings_example_is_one_selfeval_reads(tmp_path: Path) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```toml\n(\[plan\]\n.*?)```", text, re.S)
    assert found, "the README shows a settings file"
    config = tmp_path / "config.toml"
    config.write_text(found.group(1), encoding="utf-8")
    named = read_settings(config).plan.template
    assert named is not None and named.endswith("SIP template.docx") and "\\Users\\" in named


def test_a_template_that_says_nothing_of_its_page_gets_a4(folder: Path) -> None:
    with zipfile.ZipFile(folder / "council.docx") as parts:
        data = {n: parts.read(n) for n in parts.namelist()}
    page = re.compile(rb"<w:pg(Sz|Mar)[^>]*/>")
    data["word/document.xml"] = page.sub(b"", data["word/document.xml"])
    doc = _plan(folder, _zip(folder / "no-page.docx", data), "from-no-page.docx")
    assert _texts(doc)[2] == TITLE
    assert doc.sections[1].orientation == WD_ORIENT.LANDSCAPE
