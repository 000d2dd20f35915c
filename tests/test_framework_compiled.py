"""The compiled copy of a framework the app starts from: used only while it matches the files
(the framework and each file it includes) byte for byte, and never the cause of an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval.framework.catalog import find_framework
from selfeval.framework.loader import load_framework
from selfeval.framework.model import Framework


def _stored(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "frameworks").glob("*.json"))


def _not_parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every real load of a framework from its TOML."""
    loads: list[Path] = []

    def counting(path: Path | str) -> Framework:
        loads.append(Path(path))
        return load_framework(path)

    monkeypatch.setattr("selfeval.framework.loader.load_framework", counting)
    return loads


def test_the_second_start_reads_the_compiled_copy(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _not_parsed(monkeypatch)
    _, first = find_framework(str(copy))
    assert len(loads) == 1 and len(_stored(tmp_path)) == 1
    _, second = find_framework(str(copy))
    assert len(loads) == 1  # not parsed again
    assert second == first and second.content_hash == first.content_hash
    assert second.statements_for("elc") == first.statements_for("elc")


def test_the_compiled_copy_knows_its_content_hash(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening an evaluation compares its framework's content hash; worked out on opening,
    it serialised the whole framework (30 ms, most of it building pydantic's serialiser).
    The copy holds it, and it is the hash the framework's content gives."""
    find_framework(str(copy))  # makes the copy
    _, second = find_framework(str(copy))
    assert "content_hash" in vars(second)  # read with the copy, not worked out again
    assert second.content_hash == load_framework(copy).content_hash


def test_an_edited_included_file_is_read_afresh(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _not_parsed(monkeypatch)
    find_framework(str(copy))
    common = copy.parent / "common" / "elc-qif.toml"
    common.write_text(
        common.read_text(encoding="utf-8").replace('"Play and learning"', '"Play, learning"'),
        encoding="utf-8",
    )
    _, edited = find_framework(str(copy))
    assert len(loads) == 2
    assert edited.reference("elc-qif").indicators[4].title == "Play, learning"


def test_an_edited_framework_with_an_error_is_reported_not_hidden_by_the_copy(
    copy: Path,
) -> None:
    from selfeval.errors import FrameworkError

    find_framework(str(copy))
    copy.write_text(copy.read_text(encoding="utf-8") + "\nnonsense = 1\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match="nonsense"):
        find_framework(str(copy))


def test_a_damaged_copy_or_a_cache_that_cannot_be_written_only_costs_time(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    find_framework(str(copy))
    (stored,) = _stored(tmp_path)
    stored.write_bytes(stored.read_bytes()[:100])  # cut short, as by a full disk
    loads = _not_parsed(monkeypatch)
    assert find_framework(str(copy))[1].id == "stem"
    assert len(loads) == 1
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("SELFEVAL_CACHE", str(blocked))
    assert find_framework(str(copy))[1].id == "stem"
    assert len(loads) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="pipes are POSIX")
def test_a_pipe_where_the_copy_should_be_is_passed_over_not_waited_on(
    copy: Path, tmp_path: Path
) -> None:
    find_framework(str(copy))
    (stored,) = _stored(tmp_path)
    stored.unlink()
    os.mkfifo(stored)
    code = "import sys; from selfeval.framework.catalog import find_framework as f; " + (
        "print(f(sys.argv[1])[1].id)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(copy)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "SELFEVAL_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == "stem", done.stderr


def test_derived_facts_are_kept_beside_the_copy_and_follow_edits(copy: Path) -> None:
    """What a comparison needs of a framework is stored beside its compiled copy: the next
    process reads it without importing pydantic, and an edited framework is derived afresh."""
    from selfeval.digest.framework import Digest, digest_of
    from selfeval.framework.compiled import load_derived

    first = load_derived(copy, "digest", Digest, digest_of)
    assert first == digest_of(load_framework(copy))
    code = (
        "import sys; from pathlib import Path\n"
        "from selfeval.digest.framework import Digest, digest_of\n"
        "from selfeval.framework.compiled import load_derived\n"
        "found = load_derived(Path(sys.argv[1]), 'digest', Digest, digest_of)\n"
        "print(found.content_hash, 'pydantic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(copy)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "SELFEVAL_CACHE": str(copy.parent.parent / "cache")},
    )  # fmt: skip
    assert done.stdout.split() == [first.content_hash, "False"], done.stderr
    copy.write_text(
        copy.read_text(encoding="utf-8").replace(
            'title = "STEM self-evaluation"', 'title = "STEM review"', 1
        ),
        encoding="utf-8",
    )
    edited = load_derived(copy, "digest", Digest, digest_of)
    assert edited.title == "STEM review" and edited.content_hash != first.content_hash


def test_a_derived_value_is_stale_once_the_code_that_made_it_changes(
    copy: Path, tmp_path: Path
) -> None:
    """A value derived from a framework is made of its package's classes: an edit to any
    module there (a checkout being worked on) changes the key it is kept under."""
    from selfeval.framework.compiled import _key

    package = tmp_path / "package"
    package.mkdir()
    (package / "facts.py").write_text("A = 1\n", encoding="utf-8")
    before = _key(copy.resolve(), [], package)
    assert _key(copy.resolve(), [], package) == before
    (package / "records.py").write_text("B = 2\n", encoding="utf-8")
    assert _key(copy.resolve(), [], package) != before
