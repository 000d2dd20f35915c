"""Text in summary.md reads as itself both in the file and rendered (CommonMark)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from selfeval.report.mdescape import md_cell, md_text

_RENDER = MarkdownIt("commonmark")


def test_an_ampersand_is_left_as_it_is_unless_it_starts_an_entity() -> None:
    """ "Argyll & Bute Council" was written "Argyll \\& Bute Council": CommonMark needs no
    escape for "&" except where it would start a reference ("&amp;" read as "&")."""
    assert md_text("Argyll & Bute Council") == "Argyll & Bute Council"
    assert md_cell("Dumfries & Galloway Council") == "Dumfries & Galloway Council"
    for text in ("AT&amp;T", "a &#35; b", "a &#x41; b"):
        rendered = _RENDER.renderInline(md_text(text))
        assert rendered == _html(text)


def _html(text: str) -> str:
    """*text* as HTML shows it literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@given(st.text(alphabet="ab &#;x1<>*_`\\[]|~", max_size=20))
def test_any_text_renders_as_itself(text: str) -> None:
    """Whatever the characters, the rendered text is the text (spaces at the ends aside)."""
    rendered = _RENDER.renderInline(md_text(text.strip()) if text.strip() else "")
    assert rendered == _html(text.strip())
