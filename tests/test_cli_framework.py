"""The framework commands as a user runs them, including in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.framework.schema import framework_schema, framework_schema_text

from .conftest import REPO


def test_validate_bundled(stem_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(stem_path)]) == 0
    assert "stem.toml: ok (stem 1.3.0: 15 sections, 107 statements)" in capsys.readouterr().out


def test_committed_schema_is_current() -> None:
    committed = (REPO / "frameworks" / "framework.schema.json").read_text(encoding="utf-8")
    assert committed == framework_schema_text(), (
        "frameworks/framework.schema.json is stale: "
        "run `selfeval schema -o frameworks/framework.schema.json`"
    )


def test_schema_describes_fields_and_forbids_unknown_keys() -> None:
    schema = framework_schema()
    statement = schema["$defs"]["Statement"]
    assert statement["additionalProperties"] is False
    assert "ELC" in statement["properties"]["text_elc"]["description"]
    assert set(schema["required"]) >= {"id", "version", "title", "scale", "sections"}


def test_schema_check_flags_a_stale_file(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert main(["schema", "-o", str(target), "--check"]) == 0
    target.write_text("{}", encoding="utf-8")
    assert main(["schema", "-o", str(target), "--check"]) == 2


def test_frameworks_lists_ids_versions_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    assert "stem" in out
    assert "15 sections, 107 statements; stages: elc, primary, secondary, asn" in out
    assert "elc: quality indicators of ELC quality framework 2025" in out
    assert "(elc settings may choose instead: HGIOELC, How good is our early learning" in out
    assert "primary, secondary, asn: quality indicators of HGIOS4" in out
    assert "hgios4-core" in out


def test_unknown_framework_id_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/no/such/dir/x.toml"]) == 2
    assert main(["--framework", "nonesuch", "frameworks"]) == 0  # frameworks ignores --framework
    capsys.readouterr()


def test_python_dash_m_runs_in_a_fresh_process(stem_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "validate", str(stem_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "ok" in done.stdout


def test_bad_file_in_a_fresh_process_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'id = "\xc3\x28 not utf-8"')
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "not valid UTF-8" in done.stdout


def test_writing_into_a_missing_folder_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "-o", str(tmp_path / "no" / "schema.json")]) == 2
    err = capsys.readouterr().err
    assert f"could not read or write {tmp_path / 'no' / 'schema.json'}" in err
    assert "Traceback" not in err


def test_validate_warns_where_nurseries_would_meet_school_words(
    tmp_path: Path, minimal_framework_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = minimal_framework_path.read_text(encoding="utf-8")
    framework = tmp_path / "mine.toml"
    framework.write_text(
        source.replace("We do the third thing well.", "Pupils enjoy our science lessons."),
        encoding="utf-8",
    )
    assert main(["validate", str(framework)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert "nurseries' wording is not checked: the framework lists no `school_words`" in out
    assert 'include "common/stages.toml"' in out
    framework.write_text(
        framework.read_text(encoding="utf-8").replace(
            'scale = "three"', 'scale = "three"\nschool_words = ["pupils", "lesson"]'
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(framework)]) == 0
    out = capsys.readouterr().out
    assert "mine.toml: ok" in out and "not checked" not in out
    assert (
        'warning: sections[1].themes[0].statements[0].text is shown to nurseries but says "Pupils"'
        in out
    )
    assert "add `text_elc` with the nursery's words" in out
    own_list = framework.read_text(encoding="utf-8").replace('"pupils", "lesson"', '"science"')
    framework.write_text(own_list, encoding="utf-8")
    assert main(["validate", str(framework)]) == 0
    assert 'says "science"' in capsys.readouterr().out  # the framework's own list is used


def test_bundled_frameworks_give_no_school_word_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import REPO

    paths = [str(p) for p in (REPO / "frameworks").glob("*.toml")]
    assert main(["validate", *paths]) == 0
    assert "warning" not in capsys.readouterr().out


def test_field_docs_are_read_from_the_source_with_a_subclass_winning() -> None:
    """Error hints and the schema quote the docstring under each field; it is read from the
    source when needed (not by pydantic at every start), and a class made without a source
    file simply has none."""
    from selfeval.evaluation.model import Answer
    from selfeval.files.docstrings import field_docs

    docs = field_docs(Answer)
    assert docs["evidence"].startswith("How do we know?")
    assert docs["moderation"].startswith("Why the team agreed")
    assert "rating" in docs and "not_applicable" in docs
    made = type("Made", (Answer,), {"__module__": "nowhere"})
    assert field_docs(made) == docs  # nothing of its own, its base's docs kept


def test_validate_takes_a_frameworks_id_as_frameworks_lists_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no frameworks folder here: the ids are the bundled ones
    assert main(["validate", "stem", "hgios4-core"]) == 0
    out = capsys.readouterr().out
    assert "stem: ok (stem " in out and "hgios4-core: ok (hgios4-core " in out
    assert main(["validate", "nosuch", "stem"]) == 2
    out = capsys.readouterr().out
    assert "no framework called 'nosuch'" in out and "hgios4-core, stem" in out
    assert "stem: ok" in out  # the others are still checked
