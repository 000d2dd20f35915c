"""Start-up as a user sees it: in a real terminal (a pty), the time from starting the command to
the first frame that shows its screen's text, against a bare Textual app started the same way.

Run: python benchmarks/bench_pty.py [--runs N]    (N runs of each, interleaved; median)
POSIX only (a pty). Each process runs `selfeval` as its console script does, in an 80x24
terminal (TERM=xterm-256color), and is stopped once the text is on screen. The baseline is
the smallest Textual app there is: one Label and a Footer. Figures:
1. `selfeval` on an empty folder, to its start screen (a first start);
2. the same with 1 saved evaluation, and with 5,000 (an authority's shared folder): the start
   screen must be drawn before the folder is read;
3. `selfeval --setting NAME` reopening a saved evaluation, to its statement.
The compiled framework is cached in the run's own cache folder (made by a first, untimed run).

Each figure is given twice: wall time (what the user waits), and the CPU time the process had
used by then (from /proc, where there is one). On a busy machine the wall times of both the
figure and the bare app stretch, unevenly from run to run; the CPU time stretches far less, so
its ratio is the one to compare between runs of this script at different times.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, compile_selfeval, print_table

BARE = """
from textual.app import App
from textual.widgets import Footer, Label
class Bare(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]
    def compose(self):
        yield Label("Bare app ready")
        yield Footer()
Bare().run()
"""

SELFEVAL = "import sys; from selfeval.cli import main; sys.exit(main(sys.argv[1:]))"
"""What the `selfeval` console script runs."""

_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[@-_][0-?]*[ -/]*[@-~]?")
LIMIT = 60.0
"""Seconds after which a run that has not shown its text is given up (and reported)."""


def first_frame(code: str, args: list[str], text: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``python -c code args`` in an 80x24 pty until *text* is on its
    screen, and the CPU seconds the process had used by then (NaN without /proc); the process
    is then stopped."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    seen = b""
    wanted = text.encode()
    try:
        while time.perf_counter() - start < LIMIT:
            ready, _, _ = select.select([main], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if wanted in _ESCAPES.sub(b"", seen).replace(b"\r", b"").replace(b"\n", b""):
                return time.perf_counter() - start, _cpu_seconds(process.pid)
        raise RuntimeError(f"{text!r} never appeared: {_ESCAPES.sub(b'', seen)[-400:]!r}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(main)


def _cpu_seconds(pid: int) -> float:
    """The CPU time (user and system, all threads) process *pid* has used, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _folder(root: Path, count: int) -> Path:
    """A folder of *count* saved evaluations (synthetic settings, as `selfeval demo` makes)."""
    folder = root / f"saved-{count}"
    if count:
        subprocess.run(
            [sys.executable, "-c", SELFEVAL, "demo", str(folder), "--settings", str(count)],
            check=True,
            capture_output=True,
        )
    else:
        folder.mkdir()
    return folder


def rows(runs: int = 5) -> list[Row]:
    """Each figure's median of *runs* against the bare app's, the runs interleaved."""
    compile_selfeval()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "SELFEVAL_CACHE": str(root / "cache"),
        }
        folders = {n: _folder(root, n) for n in (0, 1, 5000)}
        one = next(folders[1].glob("*.toml"))
        reopen_name = _setting_name(one)
        cases: dict[str, tuple[str, list[str], str]] = {
            "bare": (BARE, [], "Bare app ready"),
            **{
                f"start {n}": (SELFEVAL, ["--responses", str(folders[n])], "Welcome to selfeval")
                for n in folders
            },
            "reopen": (
                SELFEVAL,
                ["--responses", str(folders[1]), "--setting", reopen_name],
                "How are we doing?",
            ),
        }
        for code, args, text in cases.values():  # caches made, files in the page cache
            first_frame(code, args, text, env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, (code, args, text) in cases.items():
                wall, used = first_frame(code, args, text, env)
                times[name].append(wall)
                cpu[name].append(used)
    return [*_rows(times, "wall"), *_rows(cpu, "CPU")]


def _rows(times: dict[str, list[float]], kind: str) -> list[Row]:
    """The figures of *times* (wall or CPU seconds, by case), each against the bare app's."""
    median = {name: statistics.median(found) for name, found in times.items()}
    bare = f"bare Textual app (Label, Footer), same, {kind}"
    saved = {0: "an empty folder", 1: "1 saved evaluation", 5000: "5,000 saved evaluations"}
    return [
        *(
            Row(f"`selfeval` to its start screen, {saved[n]} ({kind})", median[f"start {n}"],
                bare, median["bare"], _spread(times[f"start {n}"]))
            for n in (0, 1, 5000)
        ),
        Row(f"`selfeval --setting NAME` to its statement ({kind})", median["reopen"], bare,
            median["bare"], _spread(times["reopen"])),
    ]  # fmt: skip


def _setting_name(path: Path) -> str:
    import tomllib

    name = tomllib.loads(path.read_text(encoding="utf-8"))["setting"]["name"]
    assert isinstance(name, str)
    return name


def _spread(found: list[float]) -> str:
    return f"runs {min(found) * 1000:.0f}-{max(found) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each, interleaved")
    args = parser.parse_args()
    if not shutil.which("true") or sys.platform == "win32":
        sys.exit("bench_pty needs a POSIX pty")
    print_table(rows(args.runs))


if __name__ == "__main__":
    main()
