"""Evaluation files: round trips, safe names, located errors, locks, saves never half-done."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from selfeval.errors import EvaluationError, SelfevalError
from selfeval.evaluation import (
    Answer,
    EvaluationLocked,
    EvaluationSession,
    EvaluationStore,
    FolderNotWritable,
    SaveFailed,
    Setting,
    dump_evaluation,
    load_evaluation,
    slugify,
)
from selfeval.evaluation.store import parse_evaluation, school_year
from selfeval.files.toml import parse_toml
from selfeval.framework import Framework, load_framework

from .conftest import DATA
from .strategies import evaluations

MINI_IDS = ["mini-01", "mini-02", "mini-03"]


@pytest.fixture
def mini(minimal_framework_path: Path) -> Framework:
    return load_framework(minimal_framework_path)


@pytest.fixture
def store(tmp_path: Path) -> EvaluationStore:
    return EvaluationStore(tmp_path / "responses")


@settings(max_examples=150, deadline=None)
@given(evaluation=evaluations(MINI_IDS, [1, 2, 3]))
def test_save_then_load_is_identity(evaluation: object) -> None:
    text = dump_evaluation(evaluation)  # type: ignore[arg-type]
    assert (
        parse_evaluation(parse_toml(Path("x.toml"), text.encode("utf-8"), EvaluationError, "e"))
        == evaluation
    )


@settings(max_examples=150, deadline=None)
@given(name=st.text(min_size=1, max_size=400).filter(str.strip))
def test_file_names_are_always_safe(name: str) -> None:
    slug = slugify(name)
    assert "/" not in slug and "\\" not in slug and ".." not in slug
    assert len(slug) <= 60
    assert slug == slugify(name)  # stable


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Oakfield Primary School", "oakfield-primary-school.stem.2026-27.toml"),
        ("../../etc/passwd", "etc-passwd.stem.2026-27.toml"),
        ("Sgoil Ghàidhlig Ghlaschu", "sgoil-ghaidhlig-ghlaschu.stem.2026-27.toml"),
    ],
)
def test_names_become_readable_files_in_the_folder(
    store: EvaluationStore, name: str, expected: str
) -> None:
    path = store.path_for(Setting(name=name, stage="primary"), "stem", "2026-27")
    assert path.name == expected
    assert path.parent == store.folder


def test_emoji_and_very_long_names_get_distinct_safe_files(store: EvaluationStore) -> None:
    emoji = store.path_for(Setting(name="🌱🔬", stage="primary"), "stem", "2026-27")
    other = store.path_for(Setting(name="🚀", stage="primary"), "stem", "2026-27")
    assert emoji.name.startswith("setting-") and emoji != other
    long = store.path_for(Setting(name="A" * 300, stage="primary"), "stem", "2026-27")
    assert len(long.name) < 100


def test_two_settings_with_the_same_slug_never_share_a_file(
    store: EvaluationStore, mini: Framework
) -> None:
    first = EvaluationSession.start(store, mini, Setting(name="St Mary's", stage="school"))
    first.close()
    second = EvaluationSession.start(store, mini, Setting(name="St Marys", stage="school"))
    second.close()
    assert first.path != second.path
    assert load_evaluation(first.path).setting.name == "St Mary's"
    assert load_evaluation(second.path).setting.name == "St Marys"


def test_school_year_starts_in_august() -> None:
    from datetime import datetime

    assert school_year(datetime(2026, 7, 31)) == "2025-26"
    assert school_year(datetime(2026, 8, 1)) == "2026-27"
    assert school_year(datetime(2099, 12, 1)) == "2099-00"


def test_session_saves_every_change_and_resumes(store: EvaluationStore, mini: Framework) -> None:
    setting = Setting(name="Oakfield", stage="school")
    session = EvaluationSession.start(store, mini, setting)
    session.rate("mini-01", 3)
    session.set_evidence("mini-01", "[bold]Focus groups[/x] and \x1b[31mred\x1b[0m")
    session.mark_not_applicable("mini-02")
    session.move_to("mini-02")
    on_disk = load_evaluation(session.path)
    assert on_disk.answers["mini-01"].rating == 3
    assert on_disk.answers["mini-01"].evidence == "[bold]Focus groups[/x] and \x1b[31mred\x1b[0m"
    assert on_disk.answers["mini-02"].not_applicable
    session.close()
    again = EvaluationSession.start(store, mini, setting)
    assert again.evaluation.position == "mini-02"
    assert again.evaluation.answers == on_disk.answers
    again.close()


def test_a_second_window_is_refused(store: EvaluationStore, mini: Framework) -> None:
    setting = Setting(name="Oakfield", stage="school")
    first = EvaluationSession.start(store, mini, setting)
    with pytest.raises(EvaluationLocked, match="open in another selfeval window"):
        EvaluationSession.start(store, mini, setting)
    first.close()
    EvaluationSession.start(store, mini, setting).close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the file is empty"),
        ('schema_version = 1\n[setting]\nname = "X', "this is not valid TOML"),
        ('id = "stem"\n[[sections]]\n', "this is a framework file, not an evaluation"),
        ("[tool]\nx = 1\n", "not a selfeval evaluation"),
    ],
)
def test_broken_files_get_clear_errors(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=expected):
        load_evaluation(path)


def test_hand_edit_mistakes_are_located(
    store: EvaluationStore, mini: Framework, tmp_path: Path
) -> None:
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.rate("mini-01", 3)
    session.close()
    text = session.path.read_text(encoding="utf-8").replace("rating = 3", 'rating = "three"')
    session.path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('rating = "three"') + 1
    with pytest.raises(EvaluationError) as caught:
        load_evaluation(session.path)
    assert f":{line}: answers.mini-01.rating: expected a whole number, got text" in str(
        caught.value
    )


def test_a_rating_marked_not_applicable_is_located_at_its_line(
    store: EvaluationStore, mini: Framework
) -> None:
    """Checked only where "not applicable" is given (it is on that field, not on every
    answer), and in either order of the two keys."""
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.rate("mini-01", 3)
    session.close()
    original = session.path.read_text(encoding="utf-8")
    for edit in ("rating = 3\nnot_applicable = true", "not_applicable = true\nrating = 3"):
        text = original.replace("rating = 3", edit)
        session.path.write_text(text, encoding="utf-8")
        line = text.splitlines().index("not_applicable = true") + 1
        with pytest.raises(EvaluationError) as caught:
            load_evaluation(session.path)
        assert f":{line}: answers.mini-01.not_applicable: " in str(caught.value)
        assert "cannot have a rating and be not applicable" in str(caught.value)
    with pytest.raises(ValidationError, match="cannot have a rating and be not applicable"):
        Answer(rating=2, not_applicable=True)


def test_rating_off_the_scale_is_refused_and_the_file_kept(
    store: EvaluationStore, mini: Framework
) -> None:
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.rate("mini-01", 3)
    session.close()
    text = session.path.read_text(encoding="utf-8").replace("rating = 3", "rating = 9")
    session.path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"rating 9 is not on the A three-point scale"):
        EvaluationSession.open(store, mini, session.path)
    assert session.path.read_text(encoding="utf-8") == text


def test_evaluation_for_another_framework_is_refused(
    store: EvaluationStore, mini: Framework, stem_path: Path
) -> None:
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.close()
    with pytest.raises(EvaluationError, match="answered against the `mini` framework, not `stem`"):
        EvaluationSession.open(store, load_framework(stem_path), session.path)


def test_unreadable_file_is_never_overwritten(store: EvaluationStore, mini: Framework) -> None:
    setting = Setting(name="Oakfield", stage="school")
    session = EvaluationSession.start(store, mini, setting)
    session.close()
    session.path.write_bytes(b"\x00garbage")
    with pytest.raises(EvaluationError):
        EvaluationSession.start(store, mini, setting)
    assert session.path.read_bytes() == b"\x00garbage"


def test_full_disk_keeps_old_file_and_the_typed_text(
    store: EvaluationStore, mini: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.set_evidence("mini-01", "first")
    before = session.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SaveFailed, match="the disk is full"):
        session.set_evidence("mini-01", "second, longer text")
    assert session.pending
    assert session.answer("mini-01").evidence == "second, longer text"
    assert session.path.read_bytes() == before
    assert not [p for p in store.folder.iterdir() if p.suffix == ".tmp"]
    monkeypatch.undo()
    session.retry()
    assert not session.pending
    assert load_evaluation(session.path).answers["mini-01"].evidence == "second, longer text"
    session.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_says_so(tmp_path: Path, mini: Framework) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:  # said as the folder is opened, before any answer that could not be saved
        with pytest.raises(FolderNotWritable, match="is read-only for you"):
            EvaluationSession.start(
                EvaluationStore(folder), mini, Setting(name="X", stage="school")
            )
    finally:
        folder.chmod(0o700)


def test_read_only_folder_as_root_via_simulated_error(
    store: EvaluationStore, mini: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permissions, so simulate what a read-only share reports (EROFS)."""
    from selfeval.files import atomic

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    monkeypatch.setattr(atomic, "_create_temp", read_only)
    with pytest.raises(SaveFailed, match="read-only drive"):
        session.rate("mini-01", 2)
    assert session.pending
    monkeypatch.undo()
    session.close()
    assert load_evaluation(session.path).answers["mini-01"].rating == 2


def _as_nobody() -> tuple[list[str], int] | None:
    """The command prefix that runs a child as an account with no rights here (util-linux's
    setpriv, as root), and its uid; None where there is none (not root, not POSIX, no
    setpriv)."""
    import shutil

    if sys.platform == "win32" or os.geteuid() != 0 or not shutil.which("setpriv"):
        return None
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return None
    prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    return prefix, nobody.pw_uid


@pytest.mark.skipif(_as_nobody() is None, reason="needs root and setpriv, to run as another user")
def test_a_read_only_responses_folder_for_real(tmp_path: Path) -> None:
    """Not simulated: selfeval runs as an account that may read the folder but not write it
    (as a colleague on a share given read access only). Opening an evaluation there, or
    starting one, says the folder is read-only for you before any answer is typed; it said
    'could not read or write …/.NAME.lock (Permission denied)', naming a file the user never
    made, with a hint about disk space. The folder is left as it was."""
    import shutil
    import subprocess
    import tempfile

    found = _as_nobody()
    assert found is not None
    nobody, uid = found
    base = Path(tempfile.mkdtemp(prefix="selfeval-ro-"))  # outside pytest's root-only folder
    try:
        base.chmod(0o755)
        responses = base / "responses"
        responses.mkdir(mode=0o755)  # root's: others read it and cannot write it
        source = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"
        shutil.copy(source, responses / source.name)
        (responses / source.name).chmod(0o644)
        cache = base / "cache"
        cache.mkdir()
        os.chown(cache, uid, -1)
        env = {"PATH": os.defpath, "HOME": str(base), "SELFEVAL_CACHE": str(cache)}

        def run(*argv: str, typed: str = "") -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*nobody, sys.executable, "-m", "selfeval", "--plain", "--responses",
                 str(responses), *argv],
                input=typed, capture_output=True, text=True, env=env, cwd=base, timeout=120,
                check=False,
            )  # fmt: skip

        probe = subprocess.run(
            [*nobody, sys.executable, "-c", "import selfeval"],
            env=env, cwd=base, capture_output=True, check=False, timeout=60,
        )  # fmt: skip
        if probe.returncode != 0:
            pytest.skip("another user cannot run this Python and selfeval (folder permissions)")
        before = sorted(p.name for p in responses.iterdir())
        opened = run("--setting", "Balmuir Primary School", typed="4\nq\n")
        started = run("--setting", "New School", "--stage", "primary", typed="q\n")
        for done in (opened, started):
            assert done.returncode == 2, done.stderr
            assert f"the folder {responses} is read-only for you" in done.stderr
            assert "--responses DIR" in done.stderr
            assert "Traceback" not in done.stderr and ".lock" not in done.stderr
        assert "balmuir-primary-school.stem.2026-27.toml cannot be opened" in opened.stderr
        assert sorted(p.name for p in responses.iterdir()) == before
        assert (responses / source.name).read_bytes() == source.read_bytes()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_list_shows_newest_first_and_broken_files(store: EvaluationStore, mini: Framework) -> None:
    for name in ("Alpha", "Beta"):
        EvaluationSession.start(store, mini, Setting(name=name, stage="school")).close()
    (store.folder / "broken.toml").write_text("nonsense = ", encoding="utf-8")
    listed = store.list()
    assert len(listed) == 3
    assert listed[-1].evaluation is None and listed[-1].error is not None


def test_windows_line_endings_survive_a_save(store: EvaluationStore, mini: Framework) -> None:
    """Found by hypothesis: a pasted CR LF came back as LF from a multi-line TOML string."""
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.set_evidence("mini-01", "line one\r\nline two\r\n")
    session.close()
    assert load_evaluation(session.path).answers["mini-01"].evidence == "line one\r\nline two\r\n"


def test_a_briefly_held_file_is_replaced_after_retries_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Antivirus or OneDrive holding the target for a moment must not fail a save."""
    import os

    from selfeval.files import atomic

    real = os.replace
    refusals = iter([True, True, False])

    def held(src: object, dst: object) -> None:
        if next(refusals):
            raise PermissionError(13, "Access is denied")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr("sys.platform", "win32")
    target = tmp_path / "e.toml"
    atomic.atomic_write_text(target, "saved")
    assert target.read_text(encoding="utf-8") == "saved"
    monkeypatch.setattr("sys.platform", "linux")
    refusals = iter([True])
    with pytest.raises(PermissionError):
        atomic.atomic_write_text(target, "again")  # elsewhere it is a real permission problem
    assert target.read_text(encoding="utf-8") == "saved"
    assert not list(tmp_path.glob(".*.tmp"))


def test_outputs_never_replace_an_evaluation_a_link_or_a_device(
    tmp_path: Path, stem_path: Path
) -> None:
    from selfeval.cli import main

    assert main(["demo", str(tmp_path / "r"), "--settings", "1"]) == 0
    [evaluation] = (tmp_path / "r").glob("*.toml")
    before = evaluation.read_bytes()
    assert main(["plan", str(evaluation), "-o", str(evaluation)]) == 2
    assert evaluation.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [evaluation.name]  # no chart
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(victim)
    assert main(["plan", str(evaluation), "-o", str(tmp_path / "link.md")]) == 2
    assert main(["schema", "-o", str(tmp_path / "link.md")]) == 2
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert main(["schema", "-o", "/dev/null"]) == 2


def test_demo_never_replaces_a_real_evaluation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfeval.cli import main

    assert main(["demo", str(tmp_path), "--settings", "1"]) == 0
    [path] = tmp_path.glob("*.toml")
    real = path.read_text(encoding="utf-8").replace("synthetic = true\n", "")
    path.write_text(real, encoding="utf-8")
    assert main(["demo", str(tmp_path), "--settings", "1"]) == 2
    assert "is a real evaluation" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == real
    # a real one that is the last of eight the demo would write: none of the seven before it
    # is written either (made-up files left beside real ones would be counted by compare)
    from selfeval.demo import DemoPlan, make_demo
    from selfeval.framework.catalog import find_framework

    other = tmp_path / "other"
    written = make_demo(other, find_framework()[1], DemoPlan(settings=8))
    last = written[-1]
    last.write_text(last.read_text(encoding="utf-8").replace("synthetic = true\n", ""), "utf-8")
    for made in written[:-1]:
        made.unlink()
    assert main(["demo", str(other), "--settings", "8"]) == 2
    assert list(other.glob("*.toml")) == [last]


def test_a_planted_lock_link_is_refused_and_its_target_untouched(
    tmp_path: Path, stem_path: Path
) -> None:
    from selfeval.evaluation.lock import EvaluationLocked, lock_path

    store = EvaluationStore(tmp_path / "responses")
    framework = load_framework(stem_path)
    session = EvaluationSession.start(store, framework, Setting(name="Oak", stage="primary"))
    session.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    lock_path(session.path).symlink_to(victim)
    with pytest.raises(EvaluationLocked, match="is a link"):
        EvaluationSession.open(store, framework, session.path)
    assert victim.read_text(encoding="utf-8") == "keep me"
    lock_path(session.path).unlink()
    (tmp_path / "elsewhere").mkdir()
    lock_path(session.path).symlink_to(tmp_path / "elsewhere" / "new.txt")  # dangling
    with pytest.raises(EvaluationLocked):
        EvaluationSession.open(store, framework, session.path)
    assert not (tmp_path / "elsewhere" / "new.txt").exists()


def test_an_evaluation_that_is_a_link_is_refused_on_opening(
    store: EvaluationStore, mini: Framework, tmp_path: Path
) -> None:
    """selfeval never writes through a link, so a linked evaluation is refused as it opens,
    not after the first answer is typed (and then lost), and nothing is left locked."""
    session = EvaluationSession.start(store, mini, Setting(name="Oakfield", stage="school"))
    session.close()
    target = tmp_path / "elsewhere.toml"
    session.path.rename(target)
    session.path.symlink_to(target)
    with pytest.raises(SelfevalError, match="is a link"):
        EvaluationSession.open(store, mini, session.path)
    assert not list(store.folder.glob(".*lock*"))


def test_a_lock_path_that_is_a_folder_is_said_so(
    tmp_path: Path, stem_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder where the lock file goes (made by hand, or by a sync) was reported as any
    unreadable file: 'check that the folder exists, that you can write to it, and that the
    disk has space'. It is named as what it is, with what to do."""
    from selfeval.cli import main
    from selfeval.evaluation.lock import lock_path

    store = EvaluationStore(tmp_path / "responses")
    framework = load_framework(stem_path)
    session = EvaluationSession.start(store, framework, Setting(name="Oak", stage="primary"))
    session.close()
    lock_path(session.path).mkdir()
    argv = ["--plain", "--responses", str(store.folder), "--setting", "Oak"]
    assert main(argv) == 2
    said = capsys.readouterr().err
    assert f".{session.path.name}.lock beside {session.path.name} is a folder" in said
    assert f"look inside {lock_path(session.path)}" in said
    assert "disk has space" not in said and "Traceback" not in said
    assert lock_path(session.path).is_dir()  # left as it was
