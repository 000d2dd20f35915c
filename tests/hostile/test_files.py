"""Hostile files in a shared folder: pipes, devices, links, deep nesting. Each gets a clear
message naming the file, exit code 2, no traceback and no hang; the rest still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval.cli import main

from ..conftest import DATA

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes and /dev are POSIX")

GOOD = DATA / "golden" / "evaluations" / "balburn-nursery.stem.2026-27.toml"
DEEP = {
    "deep.toml": "x = " + "[" * 50_000 + "]" * 50_000,
    "deep-tables.toml": "x = " + "{a = " * 20_000 + "1" + "}" * 20_000,
    "deep-lines.toml": "x = [\n" + "[\n" * 20_000,
    # each line looks like a table header, but opens a string hiding the bracket that closes it
    "deep-strings.toml": "x = [\n" + '["""]\n""",\n' * 20_000,
}
"""Nested far deeper than any real file: the compiled parser of bulk reading crashes the
process (a segmentation fault) on each of these; they must be refused in words instead."""
UNREADABLE = [*DEEP, "pipe.toml", "zero.toml"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    for name, text in DEEP.items():
        (folder / name).write_text(text, encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "good.toml").write_bytes(GOOD.read_bytes())
    return folder


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    """selfeval in its own process, so a hang is a timeout here, not a stuck test run."""
    return subprocess.run(
        [sys.executable, "-m", "selfeval", *argv],
        capture_output=True, text=True, timeout=120, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_compare_leaves_hostile_files_out_and_compares_the_rest(hostile: Path) -> None:
    done = _run("compare", str(hostile), "--format", "json", "--no-cache")
    assert done.returncode == 0, done.stderr
    assert '"settings": 1' in done.stdout
    for name in UNREADABLE:
        assert f"left out {hostile / name}" in done.stderr
    assert "nested more than 32 deep" in done.stderr
    assert "not a file; selfeval reads only regular files" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", UNREADABLE)
def test_validate_and_score_explain_a_hostile_file(hostile: Path, name: str) -> None:
    for command in ("validate", "score"):
        done = _run(command, str(hostile / name))
        assert done.returncode == 2
        assert name in done.stdout + done.stderr
        assert "Traceback" not in done.stderr


def test_the_start_screen_lists_hostile_files_as_unreadable(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfeval.evaluation import EvaluationStore

    listed = {stored.path.name: stored for stored in EvaluationStore(hostile).list()}
    assert listed["good.toml"].evaluation is not None
    for name in UNREADABLE:
        assert listed[name].evaluation is None
        assert listed[name].error is not None


def test_frameworks_and_includes_never_hang_on_a_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    framework = (DATA / "valid" / "minimal.toml").read_text(encoding="utf-8")
    (tmp_path / "fw.toml").write_text('include = ["pipe.toml"]\n' + framework, encoding="utf-8")
    done = _run("validate", str(tmp_path / "fw.toml"))
    assert done.returncode == 2
    assert "pipe.toml" in done.stdout
    assert main(["validate", str(tmp_path / "pipe.toml")]) == 2


def test_a_file_named_twice_is_compared_once(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = hostile / "good.toml"
    assert main(["compare", str(good), str(hostile), str(good), "--format", "json"]) == 0
    assert '"settings": 1' in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "70000"],
        ["demo", "x", "--years", "5000"],
        ["demo", "x", "--settings", "0"],
    ],
)
def test_numbers_out_of_range_are_refused_before_anything_runs(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "error: argument" in err and "Traceback" not in err


def test_include_through_a_link_out_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link inside the framework's folder that points elsewhere is followed, then refused:
    nothing from outside is read or echoed."""
    secret = tmp_path / "secret.toml"
    secret.write_text('password = "hunter2"\n', encoding="utf-8")
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "shared.toml").symlink_to(secret)
    source = (DATA / "invalid" / "include-missing.toml").read_text(encoding="utf-8")
    framework = folder / "mine.toml"
    framework.write_text(source.replace("no-such-file.toml", "shared.toml"), encoding="utf-8")
    assert main(["validate", str(framework)]) == 2
    out = capsys.readouterr().out
    assert "the included file 'shared.toml' is outside this framework's folder" in out
    assert "hunter2" not in out and "password" not in out


def test_a_framework_anywhere_may_include_the_bundled_common_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .. import conftest

    source = (conftest.REPO / "frameworks" / "hgios4-core.toml").read_text(encoding="utf-8")
    framework = tmp_path / "elsewhere" / "core.toml"
    framework.parent.mkdir()
    framework.write_text(source, encoding="utf-8")
    assert main(["validate", str(framework)]) == 0, capsys.readouterr().out


def test_real_paths_see_one_file_under_every_name(tmp_path: Path) -> None:
    """The cheap resolver compare uses: a link, a detour through "..", and the plain name of
    one file all come out the same; a missing file still gets an answer."""
    from selfeval.files.realpaths import real_paths

    (tmp_path / "sub").mkdir()
    real = tmp_path / "x.toml"
    real.write_text("x = 1\n", encoding="utf-8")
    link = tmp_path / "sub" / "link.toml"
    link.symlink_to(real)
    detour = tmp_path / "sub" / ".." / "x.toml"
    found = real_paths([real, link, detour, tmp_path / "missing.toml"])
    assert found[:3] == [real.resolve()] * 3
    assert found[3] == (tmp_path / "missing.toml").resolve()


def test_walk_finds_what_rglob_finds_with_real_paths(tmp_path: Path) -> None:
    """compare's folder walk gives the files ``sorted(rglob("*.toml"))`` gives (hidden names
    left out), in the same order, each with the real path `real_paths` would give: through
    hidden folders, a folder named like a file, links to files (even broken ones), names that
    sort differently as text than as paths ("a-b" and "a/"), but not into a linked folder."""
    from selfeval.files.realpaths import real_paths
    from selfeval.files.walk import toml_files_in

    top = tmp_path / "top"
    for folder in ("a", "a-b", "a/deeper", ".hidden", "real", "named.toml"):
        (top / folder).mkdir(parents=True)
    files = [
        "a/x",
        "a-b/y",
        "a/deeper/z",
        ".hidden/h",
        "real/r",
        "named.toml/inner",
        ".dot",
        "A",
        "a",
    ]
    (top / "notes.txt").write_text("not an evaluation\n", encoding="utf-8")
    for file in files:
        (top / f"{file}.toml").write_text("x = 1\n", encoding="utf-8")
    (top / "a" / "linked").symlink_to(top / "real")
    (top / "link.toml").symlink_to(top / "real" / "r.toml")
    (top / "broken.toml").symlink_to(top / "nowhere.toml")
    expected = [p for p in sorted(top.rglob("*.toml")) if not p.name.startswith(".")]
    found = toml_files_in(top)
    assert [path for path, _ in found] == expected
    assert [real for _, real in found] == [str(p) for p in real_paths(expected)]
    assert top / "a" / "linked" / "r.toml" not in expected  # not into a linked folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
@pytest.mark.parametrize("command", ["import-inspections", "refresh-schools"])
def test_spreadsheet_commands_read_only_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A pipe or a folder named as the spreadsheet is refused at once with what it is (a pipe
    would otherwise wait for ever), and nothing is written."""
    pipe = tmp_path / "grades.xlsx"
    os.mkfifo(pipe)
    out = tmp_path / ("out" if command == "import-inspections" else "schools.csv")
    for given, said in ((pipe, "pipe, socket or device"), (tmp_path, "this is a folder")):
        assert main([command, str(given), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
    assert not out.exists()


def test_a_file_that_grows_while_read_is_read_to_the_limit_and_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is read by the size it had a moment before (no buffer of the whole limit for
    every small file); one that grew since is read on, to the limit and a byte more, never
    without end."""
    from selfeval.errors import EvaluationError
    from selfeval.files.toml import read_regular

    path = tmp_path / "growing.toml"
    path.write_bytes(b"x" * 100)
    real_stat = os.fstat

    def earlier(fd: int) -> os.stat_result:
        found = real_stat(fd)
        return os.stat_result((found.st_mode, *found[1:6], 3, *found[7:]))  # 3 bytes then

    monkeypatch.setattr(os, "fstat", earlier)
    assert read_regular(path, EvaluationError, "evaluation", 1000) == b"x" * 100
    assert read_regular(path, EvaluationError, "evaluation", 10) == b"x" * 11


def test_a_folder_is_named_as_a_folder_where_it_cannot_be_opened_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to open a folder ("permission denied"); the message still says it is a
    folder, not that the user lacks permission."""
    from selfeval.errors import EvaluationError
    from selfeval.files.toml import read_regular

    real_open = os.open

    def as_on_windows(path: str | Path, flags: int, *args: int) -> int:
        if os.path.isdir(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", as_on_windows)
    with pytest.raises(EvaluationError, match="this is a folder, not an evaluation file"):
        read_regular(tmp_path, EvaluationError, "evaluation", 1000)
    (tmp_path / "ok.toml").write_bytes(b"a = 1")
    assert read_regular(tmp_path / "ok.toml", EvaluationError, "evaluation", 1000) == b"a = 1"


def test_reopening_looks_past_hostile_files_to_the_setting_s_own(
    hostile: Path, tmp_path: Path
) -> None:
    """`selfeval --setting NAME` takes a first look at every evaluation in the folder: a pipe,
    a link to a device and files nested 50,000 deep are passed over (no hang, no crash), and
    the setting's own file is found."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from selfeval.tui.reopen import reopening\n"
        "found = reopening(None, Path(sys.argv[1]), 'Balburn Nursery', None, None)\n"
        "print(found.glance.path.name if found else 'none')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(hostile)],
        capture_output=True, text=True, timeout=30, check=False, stdin=subprocess.DEVNULL,
        env={**os.environ, "SELFEVAL_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "good.toml"
    assert done.stderr == ""
