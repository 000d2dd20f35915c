"""`selfeval` with no command: the options that open an evaluation, and their mistakes."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import load_framework
from selfeval.tui.app import SelfevalApp


@pytest.fixture
def ran(ran_headless: list[SelfevalApp]) -> list[SelfevalApp]:
    """The app run headless to its first frame (see conftest), recorded."""
    return ran_headless


def test_no_arguments_opens_the_start_screen(ran: list[SelfevalApp], tmp_path: Path) -> None:
    assert main(["--responses", str(tmp_path)]) == 0
    assert ran[0].session is None
    assert ran[0].framework.id == "stem"


def test_setting_and_stage_open_the_evaluation_directly(
    ran: list[SelfevalApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--responses", str(tmp_path), "--setting", "Oakfield", "--stage", "elc"])
    assert code == 0
    session = ran[0].session
    assert session is not None
    assert load_evaluation(session.path).setting.stage == "elc"
    assert "Your answers are saved in" in capsys.readouterr().out


def test_setting_alone_resumes_by_name(
    ran: list[SelfevalApp], tmp_path: Path, stem_path: Path
) -> None:
    framework = load_framework(stem_path)
    EvaluationSession.start(
        EvaluationStore(tmp_path), framework, Setting(name="Oakfield", stage="secondary")
    ).close()
    assert main(["--responses", str(tmp_path), "--setting", "oakfield"]) == 0
    session = ran[0].session
    assert session is not None
    assert session.evaluation.setting.stage == "secondary"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--stage", "primary"], "--stage and --ages go with --setting"),
        (["--ages", "primary-age"], "--stage and --ages go with --setting"),
        (["--plain", "--stage", "primary"], "--stage and --ages go with --setting"),
        (["--setting", "Nowhere"], "add --stage with one of: elc, primary, secondary, asn"),
        (["--setting", "X", "--stage", "nursery"], "'nursery' is not a stage"),
        (["--setting", "   ", "--stage", "elc"], "the setting's name is blank"),
        (["--setting", "x" * 301, "--stage", "elc"], "is 301 characters long; it may have at"),
        (["--setting", "Oak\nPrimary", "--stage", "elc"], "has a line break or control"),
        (["--framework", "nonesuch"], "no framework called 'nonesuch'"),
    ],
)
def test_mistakes_are_explained_before_the_app_starts(
    ran: list[SelfevalApp],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert main(["--responses", str(tmp_path), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not ran


def test_evaluation_open_elsewhere_is_refused(
    ran: list[SelfevalApp], tmp_path: Path, stem_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    framework = load_framework(stem_path)
    holder = EvaluationSession.start(
        EvaluationStore(tmp_path), framework, Setting(name="Oakfield", stage="primary")
    )
    assert main(["--responses", str(tmp_path), "--setting", "Oakfield"]) == 2
    assert "open in another selfeval window" in capsys.readouterr().err
    holder.close()


def test_serve_runs_the_same_app_per_browser_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from textual_serve.server import Server

    served: list[Server] = []
    monkeypatch.setattr(Server, "serve", lambda self, debug=False: served.append(self))
    assert main(["--responses", str(tmp_path), "serve", "--port", "8123"]) == 0
    assert "-m selfeval --framework" in served[0].command
    assert "stem.toml" in served[0].command
    assert str(tmp_path) in served[0].command
    assert "http://localhost:8123/?key=" in capsys.readouterr().out
    elsewhere = tmp_path / "elsewhere"
    argv = ["serve", "--framework", "hgios4-core", "--responses", str(elsewhere)]
    assert main(argv) == 0
    assert "hgios4-core.toml" in served[1].command
    assert str(elsewhere) in served[1].command


def test_without_a_terminal_the_app_explains_instead_of_hanging(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "--responses", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "needs a terminal window" in done.stderr
    assert "selfeval serve" in done.stderr


def test_serve_quotes_its_command_for_the_platforms_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    import subprocess

    from selfeval.tui.serve import app_command

    folder = tmp_path / "Our Evaluations"
    monkeypatch.setattr("sys.platform", "win32")
    windows = app_command(Path("stem.toml"), folder)
    assert f'"{folder.resolve()}"' in windows  # cmd.exe quoting
    monkeypatch.setattr("sys.platform", "linux")
    posix = app_command(Path("stem.toml"), folder)
    assert shlex.split(posix)[-1] == str(folder.resolve())
    assert windows == subprocess.list2cmdline(shlex.split(posix))


@pytest.mark.parametrize(
    ("host", "who"),
    [
        ("0.0.0.0", "anyone on the network who is given the whole address below"),
        ("localhost", "not other accounts on this computer, nor any web page"),
    ],
)
def test_serve_gives_a_new_key_each_time_and_says_who_can_open_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    host: str,
    who: str,
) -> None:
    """On loopback too: every account of a shared computer reaches 127.0.0.1."""
    from textual_serve.server import Server

    monkeypatch.setattr(Server, "serve", lambda self, debug=False: None)
    with socket.socket() as probe:  # a port nothing else on this machine is using
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    keys = []
    for _ in range(2):
        assert main(["serve", "--host", host, "--port", port, "--responses", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert who in out
        keys.append(re.findall(rf"http://localhost:{port}/\?key=([\w-]+)", out)[0])
    assert keys[0] != keys[1] and len(keys[0]) >= 16
    argv = ["serve", "--host", host, "--port", port, "--key", "our key&", "--responses"]
    assert main([*argv, str(tmp_path)]) == 0
    assert f"http://localhost:{port}/?key=our%20key%26" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows driver reads characters")
def test_a_keystroke_that_is_not_utf8_is_read_as_a_replacement_character() -> None:
    """Textual's driver looks its decoder up in its module when its input thread starts; the
    one put there reads a stray byte as U+FFFD (strict decoding ended the input thread, and the
    app with it, as if the user had quit: tried in tmux with the bytes ff fe)."""
    from textual.drivers import linux_driver

    from selfeval.tui.launch import _forgiving_keyboard

    _forgiving_keyboard()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode  # type: ignore[attr-defined]
    assert decode(b"\xff\xfe4", final=False) == "\ufffd\ufffd4"
    assert decode(b"\xc3", final=False) + decode(b"\xa9", final=False) == "é"  # split keeps


def test_output_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`selfeval --plain … | head -1`: the reader goes, selfeval ends as Unix tools do (141),
    with no traceback and no talk of a disk error."""
    typed = "Piped Primary\n2\n" + "4\n" * 200
    run = subprocess.Popen(
        [sys.executable, "-m", "selfeval", "--plain", "--responses", str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert run.stdout is not None and run.stdin is not None
    run.stdout.readline()  # the reader takes one line and goes
    run.stdout.close()
    _, err = run.communicate(typed.encode())
    assert run.returncode == 141, err
    assert b"Traceback" not in err and b"could not read or write" not in err
    for saved in tmp_path.glob("*.toml"):  # whatever was answered before it went, whole
        load_evaluation(saved)


def test_schema_check_without_a_file_says_what_it_needs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "--check"]) == 2
    captured = capsys.readouterr()
    assert "--check compares a schema file" in captured.err and captured.out == ""
