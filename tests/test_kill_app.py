"""Kill the running app (not only a saving process) mid-evaluation: nothing acknowledged is lost."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from selfeval.evaluation import load_evaluation

APP = """
import asyncio, json, sys
from pathlib import Path
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework
from selfeval.tui import make_app

async def main():
    framework = load_framework(sys.argv[1])
    store = EvaluationStore(Path(sys.argv[2]))
    session = EvaluationSession.start(store, framework, Setting(name="Kill", stage="school"))
    app = make_app(framework, store, session)
    async with app.run_test() as pilot:
        n = 0
        while True:
            n += 1
            rating = 1 + n % 3
            sid = app.screen.statement_id
            await pilot.press(str(rating))
            print(sid, rating, flush=True)  # acknowledged: the handler saved before returning
            await pilot.press("e", *f" note {n}", "escape")
            typed = app.screen.query_one("#evidence").text
            print(sid, "evidence", json.dumps(typed), flush=True)
            await pilot.press("right" if n % 2 else "left")

asyncio.run(main())
"""


def _lines(pipe: int, until: float) -> list[str]:
    data = b""
    while time.monotonic() < until:
        if not select.select([pipe], [], [], max(0.0, until - time.monotonic()))[0]:
            break
        chunk = os.read(pipe, 65536)
        if not chunk:
            break
        data += chunk
    return data.decode().splitlines()


def test_killing_the_app_loses_no_acknowledged_answer(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    folder = tmp_path / "responses"
    rng = random.Random(5)
    checked = 0
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", APP, str(minimal_framework_path), str(folder)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None
        lines = _lines(child.stdout.fileno(), time.monotonic() + 1.5 + rng.uniform(0, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += _lines(child.stdout.fileno(), time.monotonic() + 0.2)
        child.stdout.close()
        files = list(folder.glob("*.toml"))
        assert len(files) == 1
        saved = load_evaluation(files[0])  # always loads
        ratings = [line.split() for line in lines if len(line.split()) == 2]
        if ratings:
            sid, rating = ratings[-1]
            assert saved.answers[sid].rating == int(rating)
            checked += 1
        evidence = [line.split(" ", 2) for line in lines if " evidence " in line]
        if evidence:
            sid, _, typed = evidence[-1]
            assert saved.answers[sid].evidence == json.loads(typed)
    assert checked >= 4
