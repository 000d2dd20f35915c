"""Kill a saving process, and the running app, at random moments: every file left behind loads
(the old version or the new, never half of one) and no acknowledged answer is lost.

Every kill waits for at least one acknowledged save first, so every round checks the guarantee
whatever the machine's speed. Savers start from a forkserver (a clean single-threaded process
with selfeval preloaded): fast, and never a fork of a process that has threads.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import select
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import load_framework

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.slow,  # hundreds of processes killed: minutes
]

KILLS = 200
TURN_KILLS = 30
"""Kills of two people taking turns: each waits for a change since the last start."""
SETTING = Setting(name="Crash", stage="school")


def _saver(framework_path: Path, folder: Path, acknowledge: Connection) -> None:
    """In the child: answer and save in a loop, acknowledging each save once it has returned."""
    framework = load_framework(framework_path)
    session = EvaluationSession.start(EvaluationStore(folder), framework, SETTING)
    n = 0
    while True:
        n += 1
        session.set_evidence("mini-01", f"evidence {n} " + "x" * (n % 3000))
        session.rate("mini-02", 1 + n % 3)
        acknowledge.send(n)


def _last(receive: Connection) -> int:
    last = 0
    while receive.poll():
        try:
            last = receive.recv()
        except EOFError:
            break
    return last


def test_hundreds_of_kills_of_a_saving_process_never_break_a_file(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    folder = tmp_path / "responses"
    framework = load_framework(minimal_framework_path)
    EvaluationSession.start(EvaluationStore(folder), framework, SETTING).close()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval.evaluation", "selfeval.framework"])
    rng = random.Random(11)
    for _ in range(KILLS):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_saver, args=(minimal_framework_path, folder, send))
        child.start()
        send.close()
        assert receive.poll(60), "the saver never saved"
        first = receive.recv()
        time.sleep(rng.uniform(0.0, 0.02))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        acknowledged = max(first, _last(receive))
        receive.close()
        [path] = folder.glob("*.toml")
        evaluation = load_evaluation(path)  # old or new, never half a file
        assert int(evaluation.answers["mini-01"].evidence.split()[1]) >= acknowledged
    EvaluationSession.start(EvaluationStore(folder), framework, SETTING).close()
    assert not list(folder.glob(".*.tmp"))  # opening cleared what killed saves left behind


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
            print("try", sid, rating, flush=True)  # may reach the disk before it is acknowledged
            await pilot.press(str(rating))
            print(sid, rating, flush=True)  # acknowledged: the handler saved before returning
            await pilot.press("e", *f" note {n}", "escape")
            typed = app.screen.query_one("#evidence").text
            print(sid, "evidence", json.dumps(typed), flush=True)
            await pilot.press("right" if n % 2 else "left")

asyncio.run(main())
"""


_PARTIAL: dict[int, bytes] = {}
"""Per pipe, the start of a line a read cut off, kept for the next read."""


def _lines(pipe: int, until: float, enough: int | None = None, last: bool = False) -> list[str]:
    """Whole lines from *pipe* until the time *until*, or sooner once *enough* lines have come.

    A read may end mid-line: that part waits for the rest. On the *last* read (after a kill)
    an unfinished line was never fully printed, so it is dropped, never half-read.
    """
    data = _PARTIAL.pop(pipe, b"")
    while time.monotonic() < until:
        if enough is not None and data.count(b"\n") >= enough:
            break
        if not select.select([pipe], [], [], max(0.0, until - time.monotonic()))[0]:
            break
        chunk = os.read(pipe, 65536)
        if not chunk:
            break
        data += chunk
    whole, _, rest = data.rpartition(b"\n")
    if rest and not last:
        _PARTIAL[pipe] = rest
    return whole.decode().splitlines() if whole or data.endswith(b"\n") else []


def test_killing_the_app_loses_no_acknowledged_answer(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    folder = tmp_path / "responses"
    rng = random.Random(5)
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", APP, str(minimal_framework_path), str(folder)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None
        pipe = child.stdout.fileno()
        lines = _lines(pipe, time.monotonic() + 60, enough=3)  # tried, rated, evidence
        assert len(lines) >= 3, "the app never acknowledged an answer"
        lines += _lines(pipe, time.monotonic() + rng.uniform(0, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += _lines(pipe, time.monotonic() + 0.2, last=True)
        child.stdout.close()
        [path] = folder.glob("*.toml")
        saved = load_evaluation(path)  # always loads
        acknowledged = [n for n, line in enumerate(lines) if len(line.split()) == 2]
        sid, rating = lines[acknowledged[-1]].split()
        later = {  # a rating begun after the last acknowledged one may be on disk already
            int(line.split()[2])
            for line in lines[acknowledged[-1] :]
            if line.startswith("try ") and line.split()[1] == sid
        }
        assert saved.answers[sid].rating in {int(rating)} | later
        sid, _, typed = [line.split(" ", 2) for line in lines if " evidence " in line][-1]
        # what was acknowledged is on disk (typing on after it may have added to it)
        assert saved.answers[sid].evidence.startswith(json.loads(typed))


TYPIST = """
import asyncio, sys
from pathlib import Path
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework
from selfeval.tui import make_app

async def main():
    framework = load_framework(sys.argv[1])
    store = EvaluationStore(Path(sys.argv[2]))
    session = EvaluationSession.start(store, framework, Setting(name="Term", stage="school"))
    app = make_app(framework, store, session)
    async with app.run_test() as pilot:
        await pilot.press("e", *"typed just before the window closed")
        print("typed", flush=True)  # the parent signals now, well inside the typing pause
        for _ in range(600):  # until the app quits (as it does on the signal)
            if app.return_code is not None:
                break
            await asyncio.sleep(0.05)

asyncio.run(main())
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_closing_the_window_or_stopping_the_app_saves_what_was_just_typed(
    signal_name: str, tmp_path: Path, minimal_framework_path: Path
) -> None:
    folder = tmp_path / "responses"
    child = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(minimal_framework_path), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "typed"
        child.send_signal(getattr(signal, signal_name))
        child.wait(timeout=30)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    [path] = folder.glob("*.toml")
    saved = load_evaluation(path).answers["mini-01"]
    assert saved.evidence == "typed just before the window closed"


BURSTS = """
import asyncio, json, random, sys, time
from pathlib import Path
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework
from selfeval.tui import make_app

LETTERS = "abcdefghijklmnopqrstuvwxyz ,.;:!?0123456789[]/|*#<>"

async def main():
    rng = random.Random(int(sys.argv[3]))
    framework = load_framework(sys.argv[1])
    store = EvaluationStore(Path(sys.argv[2]))
    session = EvaluationSession.start(store, framework, Setting(name="Burst", stage="school"))
    app = make_app(framework, store, session)
    async with app.run_test() as pilot:
        while True:
            sid = app.screen.statement_id
            await pilot.press("e")
            area = app.screen.query_one("#evidence")
            for _ in range(rng.randint(5, 60)):  # a burst: key after key, no pause
                await pilot.press(rng.choice(LETTERS).replace(" ", "space"))
                print(sid, time.monotonic(), json.dumps(area.text), flush=True)
            await pilot.press("escape", rng.choice(["right", "left", "right"]))

asyncio.run(main())
"""


def test_bursts_of_typing_killed_at_random_lose_only_the_last_moment(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    """Bursts of keys with no pauses, killed at random: what is on disk is always a beginning of
    what was typed, every statement left behind is saved whole, and nothing typed more than half
    a second before the kill is lost. The largest loss, in characters, is printed (run with -s)."""
    rng = random.Random(11)
    losses = []
    for round_ in range(8):
        folder = tmp_path / f"r{round_}"
        child = subprocess.Popen(
            [sys.executable, "-c", BURSTS, str(minimal_framework_path), str(folder), str(round_)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None
        pipe = child.stdout.fileno()
        lines = _lines(pipe, time.monotonic() + 60, enough=1)
        assert lines, "the app never typed"
        lines += _lines(pipe, time.monotonic() + rng.uniform(0.2, 2.0))
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += _lines(pipe, time.monotonic() + 0.2, last=True)
        child.stdout.close()
        typed: dict[str, list[tuple[float, str]]] = {}
        for line in lines:
            sid, when, text = line.split(" ", 2)
            typed.setdefault(sid, []).append((float(when), json.loads(text)))
        [path] = folder.glob("*.toml")
        saved = load_evaluation(path)
        last = lines[-1].split(" ", 1)[0]
        for sid, history in typed.items():
            on_disk = saved.answer(sid).evidence
            final = history[-1][1]
            # the disk may hold a key or two more than the last line printed (saved, then killed
            # before the print), never anything else
            assert final.startswith(on_disk) or on_disk.startswith(final), (sid, final, on_disk)
            if sid != last and history[-1][0] < typed[last][0][0]:
                assert on_disk == final, "a statement left behind was not saved whole"
            settled = [text for when, text in history if when < killed_at - 0.5]
            if settled:
                assert on_disk.startswith(settled[-1]), "text typed half a second before was lost"
        losses.append(max(0, len(typed[last][-1][1]) - len(saved.answer(last).evidence)))
    print(f"bursts killed: {len(losses)} rounds; largest loss {max(losses)} characters; {losses}")


MODERATOR = """
import asyncio, sys
from pathlib import Path
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.evaluation.model import Contributor
from selfeval.framework import load_framework
from selfeval.moderation.agree import open_agreed
from selfeval.moderation.gather import gather
from selfeval.moderation.table import moderation_table
from selfeval.tui import make_app

async def main():
    framework = load_framework(sys.argv[1])
    folder = Path(sys.argv[2])
    store = EvaluationStore(folder)
    setting = Setting(name="Kill", stage="school")
    for n, role in enumerate(["teacher", "learner", "parent"]):
        view = EvaluationSession.start(store, framework, setting, Contributor(role=role, name="x"))
        for sid, rating in zip(["mini-01", "mini-02", "mini-03"], [1 + n, 3 - n, 2]):
            view.rate(sid, rating)
        view.close()
    (group,) = gather([folder], framework).groups
    table = moderation_table(group, framework)
    session = open_agreed(table, framework)
    app = make_app(framework, store, session, table)
    async with app.run_test() as pilot:
        n = 0
        while True:
            n += 1
            row = app.screen._current()
            level = row.median if n % 2 else "na"
            print("try", row.statement_id, level, flush=True)  # may be on disk or not yet
            await pilot.press("m" if n % 2 else "n")  # the median, or not applicable
            await pilot.pause()  # the key's action has run: the screen says saved
            print("done", row.statement_id, level, flush=True)  # acknowledged
            await pilot.press("up")

asyncio.run(main())
"""


def test_killing_moderation_loses_no_acknowledged_agreement(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    rng = random.Random(7)
    for round_ in range(5):
        folder = tmp_path / f"m{round_}"
        child = subprocess.Popen(
            [sys.executable, "-c", MODERATOR, str(minimal_framework_path), str(folder)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None
        pipe = child.stdout.fileno()
        lines = _lines(pipe, time.monotonic() + 60, enough=2)  # one tried, one done
        assert len(lines) >= 2, "moderation never acknowledged an agreement"
        lines += _lines(pipe, time.monotonic() + rng.uniform(0, 1.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += _lines(pipe, time.monotonic() + 0.2, last=True)
        child.stdout.close()
        agreed = [
            p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None
        ]  # every file loads: none is half-written
        assert len(agreed) == 1
        saved = load_evaluation(agreed[0])
        done = [line.split()[1:] for line in lines if line.startswith("done")]
        sid, level = done[-1]
        allowed = (
            {level}
            | {  # a change begun after it may already be on disk too
                line.split()[2]
                for line in lines[lines.index(f"done {sid} {level}") :]
                if line.startswith("try") and line.split()[1] == sid
            }
        )
        answer = saved.answers[sid]
        on_disk = "na" if answer.not_applicable else str(answer.rating)
        assert on_disk in allowed, (lines[-4:], on_disk)
        assert len(saved.answers[sid].views) == 3  # every view kept beside the agreement


def _turn_taker(framework_path: Path, folder: Path, who: str, acknowledge: Connection) -> None:
    """In the child: one of two people on one folder. Open the setting's evaluation when the
    other has it closed (refused while they have it open), make a few changes (evidence on
    their own statement, now and then a new action), acknowledge each once saved, close,
    and go again. Counting starts past the highest already saved, so values only grow."""
    from selfeval.evaluation.actions import Action
    from selfeval.evaluation.lock import EvaluationLocked

    framework = load_framework(framework_path)
    store = EvaluationStore(folder)
    statement = "mini-01" if who == "A" else "mini-02"
    n = 0
    while True:
        try:
            session = EvaluationSession.start(store, framework, SETTING)
        except EvaluationLocked:
            time.sleep(0.001)
            continue
        said = session.evaluation.answer(statement).evidence.split()
        n = max(n, int(said[1]) if len(said) > 1 else 0)
        for _ in range(3):
            n += 1
            session.set_evidence(statement, f"{who} {n}")
            acknowledge.send(("evidence", n))
            if n % 4 == 0:
                action_id = session.evaluation.new_action_id()
                session.save_action(Action(id=action_id, qi="first", text=f"{who} action {n}"))
                acknowledge.send(("action", n))
        session.close()


def test_two_people_taking_turns_on_one_evaluation_killed_at_random_lose_nothing(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    """Two processes on one folder (two windows, or two people on a network share) take the
    evaluation in turns, and either is killed at random: every change either was told was
    saved is in the file, and the file always loads."""
    folder = tmp_path / "responses"
    framework = load_framework(minimal_framework_path)
    EvaluationSession.start(EvaluationStore(folder), framework, SETTING).close()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["selfeval.evaluation", "selfeval.framework"])
    rng = random.Random(29)
    evidence = {"A": 0, "B": 0}
    actions: dict[str, set[int]] = {"A": set(), "B": set()}
    running: dict[str, tuple[multiprocessing.process.BaseProcess, Connection]] = {}

    def start(who: str) -> None:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_turn_taker, args=(minimal_framework_path, folder, who, send)
        )
        child.start()
        send.close()
        running[who] = (child, receive)

    def heard(who: str, wait: float = 0.0) -> int:
        """Take in what *who* acknowledged; how many messages came."""
        _, receive = running[who]
        count = 0
        while receive.poll(wait if count == 0 else 0):
            try:
                kind, n = receive.recv()
            except EOFError:
                break
            count += 1
            if kind == "evidence":
                evidence[who] = max(evidence[who], n)
            else:
                actions[who].add(n)
        return count

    start("A")
    start("B")
    for _ in range(TURN_KILLS):
        who = rng.choice("AB")
        assert heard(who, 60), f"{who} never saved"  # at least one change since it started
        time.sleep(rng.uniform(0.0, 0.02))
        child, receive = running[who]
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        heard(who)
        receive.close()
        start(who)
    for child, _ in running.values():
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
    for who in running:
        heard(who)
    [path] = folder.glob("*.toml")
    saved = load_evaluation(path)
    assert int(saved.answers["mini-01"].evidence.split()[1]) >= evidence["A"]
    assert int(saved.answers["mini-02"].evidence.split()[1]) >= evidence["B"]
    texts = {a.text for a in saved.actions}
    for who, numbers in actions.items():
        assert {f"{who} action {n}" for n in numbers} <= texts
    assert len({a.id for a in saved.actions}) == len(saved.actions)
