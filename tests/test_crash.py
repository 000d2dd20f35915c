"""Kill a saving process at random moments, many times: every file left behind still loads."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from selfeval.evaluation import load_evaluation

SAVER = """
import sys
from pathlib import Path
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework

framework = load_framework(sys.argv[1])
store = EvaluationStore(Path(sys.argv[2]))
session = EvaluationSession.start(store, framework, Setting(name="Crash Test", stage="school"))
n = 0
print("ready", flush=True)
while True:
    n += 1
    session.set_evidence("mini-01", f"evidence {n} " + "x" * (n % 5000))
    session.rate("mini-02", 1 + n % 3)
    print(n, flush=True)
"""


def test_sigkill_at_random_moments_never_leaves_a_broken_file(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    folder = tmp_path / "responses"
    rng = random.Random(7)
    last_acknowledged = 0
    for _ in range(40):
        with subprocess.Popen(
            [sys.executable, "-c", SAVER, str(minimal_framework_path), str(folder)],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.05))
            child.send_signal(signal.SIGKILL)
            output = child.stdout.read().split()
        acknowledged = int(output[-1]) if output else 0
        files = list(folder.glob("*.toml"))
        assert len(files) == 1
        evaluation = load_evaluation(files[0])  # never raises: old or new, never half
        if acknowledged:
            saved = int(evaluation.answers["mini-01"].evidence.split()[1])
            assert saved >= acknowledged  # every acknowledged answer is on disk
        last_acknowledged = max(last_acknowledged, acknowledged)
    assert last_acknowledged > 0
