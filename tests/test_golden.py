"""Golden outputs: what users get from score, plan, compare and validate, byte for byte.

A fixed set of synthetic evaluations (``tests/data/golden/evaluations``, made once with
``selfeval demo``) and the bad-file corpus go through the commands; the outputs must equal the
files under ``tests/data/golden/expected``. A refactoring that changes nothing a user sees keeps
them equal. After an intended change, rewrite them with ``SELFEVAL_UPDATE_GOLDEN=1`` and read
the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfeval.cli import main

from .conftest import DATA, INVALID

GOLDEN = DATA / "golden"
EVALUATIONS = GOLDEN / "evaluations"
EXPECTED = GOLDEN / "expected"
UPDATE = os.environ.get("SELFEVAL_UPDATE_GOLDEN") == "1"


def _normalise(text: str, *folders: Path) -> str:
    """Paths of this run's folders replaced by stable names, so outputs compare across machines."""
    for folder, name in zip(folders, ("<evaluations>", "<out>", "<invalid>"), strict=False):
        text = text.replace(str(folder.resolve()), name).replace(str(folder), name)
    return text


def _check(name: str, text: str) -> None:
    expected = EXPECTED / name
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected}; run with SELFEVAL_UPDATE_GOLDEN=1"
    assert text == expected.read_text(encoding="utf-8"), f"{name} differs from its golden copy"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


EVALUATION_FILES = sorted(EVALUATIONS.glob("*.toml"))


@pytest.mark.parametrize("path", EVALUATION_FILES, ids=[p.stem for p in EVALUATION_FILES])
def test_score_and_plan_unchanged(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("text", "json", "markdown"):
        _check(f"score/{path.stem}.{fmt}", _run(capsys, "score", str(path), "--format", fmt))
    plan = tmp_path / "plan.md"
    _run(capsys, "plan", str(path), "-o", str(plan))
    _check(f"plan/{path.stem}.md", plan.read_text(encoding="utf-8"))


def test_compare_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    for by in (None, "stage"):
        extra = ["--by", by] if by else []
        text = _run(
            capsys, "compare", str(EVALUATIONS), "--no-cache", "--format", "json",
            "-o", str(out), *extra,
        )  # fmt: skip
        suffix = f"-by-{by}" if by else ""
        _check(f"compare/compare{suffix}.json", _normalise(text, EVALUATIONS, out))
        csv = (out / "summary.csv").read_bytes()
        assert csv.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel on Windows reads UTF-8
        for ext in ("csv", "md"):
            written = (out / f"summary.{ext}").read_text(encoding="utf-8")
            _check(f"compare/summary{suffix}.{ext}", _normalise(written, EVALUATIONS, out))


INVALID_EVALUATIONS = DATA / "invalid-evaluations"


def test_invalid_evaluations_are_refused_in_words_unchanged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Hand-edit mistakes in an evaluation file: each refused with its file, line, key and
    what to do, never a traceback."""
    said = []
    for case in sorted(INVALID_EVALUATIONS.glob("*.toml")):
        assert main(["score", str(case)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and f"{case.name}:" in err
        said.append(err)
    _check("score/invalid-evaluations.txt", _normalise("".join(said), INVALID_EVALUATIONS))


def test_validate_corpus_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    cases = sorted(INVALID.glob("*.toml"))
    assert main(["validate", *map(str, cases)]) == 2
    text = capsys.readouterr().out
    _check("validate/invalid-corpus.txt", _normalise(text, EVALUATIONS, EVALUATIONS, INVALID))


MISTAKES: list[tuple[str, ...]] = [
    ("score",),
    ("score", "<out>/missing.toml"),
    ("score", "<out>"),
    ("score", "<out>/notes.txt"),
    ("score", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "--format", "pdf"),
    ("plan", "<evaluations>/balmuir-primary-school.stem.2026-27.toml"),
    ("plan", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "-o", "<out>/plan.txt"),
    ("plan", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "-o", "<out>/no/p.docx"),
    ("chart", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "-o", "<out>/c.doc"),
    ("report", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "-o", "<out>/r.pdf"),
    ("report", "<out>/missing.toml", "-o", "<out>/r.md"),
    (
        "report",
        "<evaluations>/balmuir-primary-school.stem.2026-27.toml",
        "-o",
        "<out>/r.md",
        "--previous",
        "<evaluations>/balmuir-primary-school.stem.2026-27.toml",
    ),
    (
        "report",
        "<evaluations>/balmuir-primary-school.stem.2026-27.toml",
        "-o",
        "<out>/r.md",
        "--previous",
        "<out>/notes.txt",
    ),
    ("submit", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "--to", "<out>/no"),
    ("submit", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "--to", "<out>/notes.txt"),
    ("feedback", "<out>/missing.toml", "--by", "Officer", "--text", "Fine."),
    ("feedback", "<out>/notes.txt", "--by", "Officer", "--qi", "9.9"),
    ("inbox", "<out>/missing"),
    ("inbox", "<out>", "--expected", "<out>/missing.csv"),
    ("inbox", "<out>", "--expected", "<out>/notes.txt"),
    ("inbox", "<out>", "--authority", "Fyfe"),
    ("inbox", "<out>", "--expected", "<out>/notes.txt", "--authority", "Fife"),
    ("submit", "<evaluations>/balmuir-primary-school.stem.2026-27.toml", "--to", "<out>/A", "B"),
    ("feedback", "<out>/notes.txt", "--by", "Officer", "--validated", "--not-validated"),
    ("compare", "<out>/missing"),
    ("compare", "<evaluations>"),
    ("compare", "<evaluations>", "--format", "json", "--min-group", "0"),
    ("compare", "<evaluations>", "--format", "json", "--inspected-since", "soon"),
    ("compare", "<evaluations>", "--format", "json", "--framework", "nonesuch"),
    ("moderate", "<out>/missing"),
    ("validate", "<out>/missing.toml"),
    ("validate", "<out>/notes.txt"),
    ("schema", "--check"),
    ("demo", "<out>/demo", "--settings", "0"),
    ("import-inspections", "<out>/notes.txt", "-o", "<out>/i"),
    ("import-inspections", "<out>", "-o", "<out>/i"),
    ("compare", "<evaluations>", "-o", "<out>/notes.txt"),
    ("--stage", "primary"),
    ("--plain", "--ages", "primary-age"),
    ("nonesuch",),
    ("score", "\x1b]0;title\x07"),
]
"""Wrong, missing and hostile command lines, each answered with what, where and how to fix."""


def test_mistakes_are_answered_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every message a mistake gets, and its exit status, kept: a change to one is seen and
    read before it lands (issue 30: messages that did not say what, where or how to fix)."""
    (tmp_path / "notes.txt").write_text("not = [toml", encoding="utf-8")
    said = []
    for mistake in MISTAKES:
        argv = [
            word.replace("<out>", str(tmp_path)).replace("<evaluations>", str(EVALUATIONS))
            for word in mistake
        ]
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's own refusals
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = capsys.readouterr()
        assert code != 0 and "Traceback" not in captured.err, argv
        text = _normalise(captured.err + captured.out, EVALUATIONS, tmp_path)
        said.append(f"$ selfeval {' '.join(mistake)!r}\nexit {code}\n{text}")
    _check("mistakes.txt", "\n".join(said))
