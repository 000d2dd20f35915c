"""Caches hold data, never code: what is kept of a framework is JSON, checked on reading, and
only read from (or written to) folders this user alone can write."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import sys
from pathlib import Path

import pytest

from selfeval.digest.framework import Digest, digest_of
from selfeval.digest.wording import Wording, wording_of
from selfeval.files.plaindata import from_plain, to_plain
from selfeval.framework.catalog import find_framework
from selfeval.framework.loader import load_framework

from .conftest import REPO

posix = pytest.mark.skipif(sys.platform == "win32", reason="owner-only modes are POSIX")


def _kept(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "frameworks").glob("*.json"))


def test_what_is_kept_of_a_framework_reads_back_as_it_was() -> None:
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    for kind, value in [
        (Digest, digest_of(framework)),
        (Wording, wording_of(framework, "elc")),
        (Wording, wording_of(framework, "primary")),
    ]:
        plain = json.loads(json.dumps(to_plain(value)))
        assert from_plain(kind, plain) == value


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(title=7),  # a number for a string
        lambda d: d.update(sections="15"),  # a string for a number
        lambda d: d.pop("title"),  # a field missing
        lambda d: d.update(extra=1),  # a field it does not have
        lambda d: d["stages"][0].update(ages=[["a", "b", "c"]]),  # a pair of three
        lambda d: d["stages"][0].update(label=None),  # null where text is needed
        lambda d: d.update(sections=True),  # true is not a number here
    ],
)
def test_kept_facts_of_the_wrong_shape_are_refused(change: object) -> None:
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    plain = to_plain(digest_of(framework))
    assert isinstance(plain, dict)
    change(plain)  # type: ignore[operator]
    with pytest.raises(ValueError):  # noqa: PT011 (any refusal; a cache treats it as a miss)
        from_plain(Digest, plain)


class _Planted:
    """Code a pickle would run on loading."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch PLANTED",))


def test_a_planted_pickle_in_the_cache_is_never_loaded(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stands where a cached framework is kept is read as JSON or not at all: a
    pickle planted there (the old format) never runs, and the framework loads from its TOML."""
    monkeypatch.chdir(tmp_path)
    find_framework(str(copy))
    (kept,) = _kept(tmp_path)
    kept.write_bytes(pickle.dumps(_Planted()))
    kept.with_suffix(".pickle").write_bytes(pickle.dumps(_Planted()))
    _, framework = find_framework(str(copy))
    assert framework.id == "stem"
    assert not (tmp_path / "PLANTED").exists()
    assert json.loads(kept.read_bytes())["format"]  # written afresh, as JSON


def test_a_cached_framework_changed_to_say_something_else_is_checked_by_its_models(
    copy: Path, tmp_path: Path
) -> None:
    """A kept framework edited into something the models refuse is a cache miss, not a
    framework: it loads from its TOML again."""
    find_framework(str(copy))
    (kept,) = _kept(tmp_path)
    entry = json.loads(kept.read_bytes())
    entry["value"]["model"]["sections"] = []  # no sections: not a framework
    kept.write_text(json.dumps(entry), encoding="utf-8")
    _, framework = find_framework(str(copy))
    assert len(framework.sections) == 15


@posix
def test_the_cache_folder_is_made_owner_only(copy: Path, tmp_path: Path) -> None:
    find_framework(str(copy))
    for folder in (tmp_path / "cache", tmp_path / "cache" / "frameworks"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix
def test_a_cache_folder_others_can_write_is_neither_read_nor_written(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared or group-writable cache folder (umask 002, a shared XDG_CACHE_HOME, a
    SELFEVAL_CACHE on a shared drive) could hold anyone's file: it is passed over."""
    find_framework(str(copy))
    (kept,) = _kept(tmp_path)
    folder = kept.parent
    os.chmod(folder, 0o777)
    loads: list[Path] = []

    def counting(path: Path | str) -> object:
        loads.append(Path(path))
        return load_framework(path)

    monkeypatch.setattr("selfeval.framework.loader.load_framework", counting)
    find_framework(str(copy))
    assert loads == [copy]  # read from its TOML, not from the open folder
    kept.unlink()
    find_framework(str(copy))
    assert not kept.exists()  # and nothing written there


def test_the_comparison_cache_format_follows_the_scoring_code(tmp_path: Path) -> None:
    """Rows kept by another judgement rule are never served: the format is a hash of the
    code that made them, so an edit to the rule changes it without anyone raising a number."""
    from selfeval.compare.cache import code_stamp

    package = REPO / "selfeval"
    for name in ("compare", "scoring", "framework", "evaluation", "digest"):
        shutil.copytree(package / name, tmp_path / name)
    before = code_stamp(tmp_path / "compare")
    assert before == code_stamp(package / "compare")
    for changed in (
        "scoring/levels.py",
        "framework/model.py",
        "framework/groups.py",
        "evaluation/reconcile.py",
        "digest/framework.py",
    ):
        source = tmp_path / changed
        kept = source.read_text(encoding="utf-8")
        source.write_text(kept + "\n# a changed rule\n")
        assert code_stamp(tmp_path / "compare") != before, changed
        source.write_text(kept)


@posix
def test_a_comparison_cache_in_a_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    from selfeval.compare.cache import FileStamp, RecordCache

    folder = tmp_path / "shared-cache"
    folder.mkdir()
    os.chmod(folder, 0o777)
    cache = RecordCache(folder / "records.sqlite")
    cache.store([("/x.toml", FileStamp(1, 2, "d"), "{}")])
    assert cache.lookup(["/x.toml"]) == {}
    assert not (folder / "records.sqlite").exists()
    own = RecordCache(tmp_path / "own" / "records.sqlite")
    own.store([("/x.toml", FileStamp(1, 2, "d"), "{}")])
    assert list(own.lookup(["/x.toml"])) == ["/x.toml"]
