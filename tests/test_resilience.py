"""Killing a saving process hundreds of times: every file loads, no acknowledged answer is lost."""

from __future__ import annotations

import os
import random
import select
import signal
import time
import warnings
from pathlib import Path

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import Framework, load_framework

KILLS = 300


def _saver(framework: Framework, folder: Path, write_fd: int) -> None:
    """In the child: answer and save in a loop, reporting each save once it has returned."""
    store = EvaluationStore(folder)
    session = EvaluationSession.start(store, framework, Setting(name="Crash", stage="school"))
    n = 0
    while True:
        n += 1
        session.set_evidence("mini-01", f"evidence {n} " + "x" * (n % 3000))
        session.rate("mini-02", 1 + n % 3)
        os.write(write_fd, f"{n}\n".encode())


def _acknowledged(read_fd: int) -> int:
    data = b""
    while select.select([read_fd], [], [], 0)[0]:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        data += chunk
    lines = [line for line in data.split(b"\n") if line.strip()]
    return int(lines[-1]) if lines else 0


def test_hundreds_of_kills_never_break_a_file(tmp_path: Path, minimal_framework_path: Path) -> None:
    framework = load_framework(minimal_framework_path)
    folder = tmp_path / "responses"
    setting = Setting(name="Crash", stage="school")
    EvaluationSession.start(EvaluationStore(folder), framework, setting).close()
    rng = random.Random(11)
    survived = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
            pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            os.close(read_fd)
            try:
                _saver(framework, folder, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acknowledged = _acknowledged(read_fd)
        os.close(read_fd)
        files = list(folder.glob("*.toml"))
        assert len(files) == 1
        evaluation = load_evaluation(files[0])  # old or new, never half a file
        if acknowledged:
            answer = evaluation.answers["mini-01"]
            assert int(answer.evidence.split()[1]) >= acknowledged
            survived += 1
    assert survived >= KILLS // 10  # enough kills land after acknowledged saves to mean something
    EvaluationSession.start(EvaluationStore(folder), framework, setting).close()
    assert not list(folder.glob(".*.tmp"))  # opening cleared what killed saves left behind
