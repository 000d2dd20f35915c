"""Reading many files: the cache gives the same answers, notices changes, survives damage."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.compare.cache import RecordCache
from selfeval.compare.collect import collect
from selfeval.compare.records import Collection
from selfeval.evaluation import dump_evaluation
from selfeval.evaluation.model import Evaluation

from .strategies import evaluations


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    assert main(["demo", str(folder), "--settings", "40"]) == 0
    return folder


def _levels(collection: Collection) -> dict[str, dict[str, int | None]]:
    return {r.name: {c.id: r.level(c.id) for c in collection.columns} for r in collection.records}


def test_cache_and_workers_give_the_same_result(demo: Path, tmp_path: Path) -> None:
    plain = collect([demo])
    cache = RecordCache(tmp_path / "c.sqlite")
    cold = collect([demo], cache=cache, jobs=2)
    assert (cache.hits, cache.misses) == (0, 40)
    warm = collect([demo], cache=cache, jobs=2)
    assert (cache.hits, cache.misses) == (40, 40)
    assert _levels(plain) == _levels(cold) == _levels(warm)


def test_parallel_workers_match_one_process(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import selfeval.compare.bulk

    monkeypatch.setattr(selfeval.compare.bulk, "PARALLEL_FROM", 1)
    assert _levels(collect([demo], jobs=2)) == _levels(collect([demo], jobs=1))


def test_a_changed_file_is_read_again_and_a_touched_one_is_not(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    files = sorted(demo.glob("*.toml"))[:3]
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
    cache = RecordCache(tmp_path / "c.sqlite")
    collect([folder], cache=cache)
    touched = folder / files[0].name
    os.utime(touched, ns=(1, 1))  # same bytes, new time
    changed = folder / files[1].name
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace('name = "', 'name = "Renamed '), encoding="utf-8")
    before = cache.hits
    result = collect([folder], cache=cache)
    assert cache.hits - before == 2  # the untouched one and the touched one
    assert any(r.name.startswith("Renamed ") for r in result.records)


def test_the_cache_answers_the_same_without_sqlite_json(demo: Path, tmp_path: Path) -> None:
    """Where SQLite is built without its JSON functions the cache looks paths up 500 at a
    time instead of in one query, and finds the same entries (here 1,200 paths, 40 stored)."""
    import sqlite3

    from selfeval.compare import cache as module

    cache = RecordCache(tmp_path / "c.sqlite")
    collect([demo], cache=cache)
    stored = [str(p.resolve()) for p in sorted(demo.glob("*.toml"))]
    wanted = [*stored, *(f"/nowhere/{n}.toml" for n in range(1160))]
    with_json = cache.lookup(wanted)

    class NoJson:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
            if "json_each" in sql:
                raise sqlite3.OperationalError("no such table: json_each")
            return self.db.execute(sql, params)  # type: ignore[arg-type]

    db = cache._connect()
    assert db is not None
    rows = module._rows(NoJson(db), wanted)  # type: ignore[arg-type]
    assert sorted(r["path"] for r in rows) == sorted(with_json) == sorted(stored)


def test_a_damaged_cache_is_rebuilt(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = RecordCache(path)
    result = collect([demo], cache=cache)
    assert len(result.records) == 40
    assert cache.misses == 40
    assert (tmp_path / "c.damaged").exists()
    again = RecordCache(path)
    collect([demo], cache=again)
    assert again.hits == 40


def test_an_unusable_cache_folder_changes_nothing(demo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = RecordCache(blocker / "c.sqlite")
    assert len(collect([demo], cache=cache).records) == 40


def test_compare_uses_the_cache_unless_told_not_to(demo: Path, tmp_path: Path) -> None:
    cache = Path(os.environ["SELFEVAL_CACHE"]) / "records.sqlite"
    assert main(["compare", str(demo), "--format", "json", "--no-cache", "--jobs", "1"]) == 0
    assert not cache.exists()
    assert main(["compare", str(demo), "--format", "json"]) == 0
    assert cache.exists()
    before = cache.stat().st_mtime_ns, cache.read_bytes()
    assert main(["compare", str(demo), "--format", "json", "--no-cache"]) == 0
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == before


@settings(max_examples=100, deadline=None)
@given(evaluation=evaluations(["mini-01", "mini-02", "mini-03"], [1, 2, 3]))
def test_the_fast_parser_reads_evaluations_exactly_as_tomllib(evaluation: Evaluation) -> None:
    import toml_rs

    text = dump_evaluation(evaluation)
    assert toml_rs.loads(text, toml_version="1.0.0") == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        "a = {x = 1,\n y = 2}",  # TOML 1.1: an inline table over two lines
        'a = "\\e"',  # TOML 1.1: the escape character
        "a = 1979-05-27T07:32",  # TOML 1.1: a time without seconds
        "a = 1\na = 2",
        'a = "\x01"',
    ],
)
def test_the_fast_parser_refuses_what_tomllib_refuses(text: str) -> None:
    """A comparison and the app read a file alike: what the app (tomllib, TOML 1.0) refuses,
    bulk reading refuses too, with tomllib's located message (rtoml, used before, read
    TOML 1.1 and so accepted files the app then refused)."""
    from selfeval.files import toml

    assert toml._fast_parser() is not None, "toml-rs is a dependency: the fast path must be tested"
    with pytest.raises(tomllib.TOMLDecodeError):
        toml.fast_loads(text)


def _doubled(chunk: Sequence[int]) -> list[int]:
    return [2 * n for n in chunk]


def test_work_shared_with_workers_comes_back_whole_and_in_order() -> None:
    """This process works from the front while the workers work from the back: every chunk's
    result still lands in its place, once."""
    from selfeval.compare.parallel import chunked, map_chunks

    numbers = list(range(1000))
    chunks = chunked(numbers, 7)
    for jobs in (2, 3):
        seen: list[list[int]] = []
        got = map_chunks(_doubled, chunks, jobs, parallel=True, meanwhile=seen.append)
        assert got == [2 * n for n in numbers]
        # once, when this process has only the workers' last chunks to wait for: a part of
        # the results, each once
        assert len(seen) <= 1
        assert all(len(set(part)) == len(part) and set(part) <= set(got) for part in seen)


def test_a_cold_comparison_stores_every_file_it_read_once(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results are stored while workers finish their last chunks, and the rest after: every
    file's row is stored, none twice."""
    from selfeval.compare import bulk
    from selfeval.compare.cache import RecordCache

    many = tmp_path / "many"
    many.mkdir()
    for n in range(3):  # enough for chunks of 50 to be shared with a worker
        for path in demo.glob("*.toml"):
            (many / f"{n}-{path.name}").write_bytes(path.read_bytes())
    files = sorted(many.glob("*.toml"))
    stored: list[str] = []
    store = RecordCache.store

    def counted(self: RecordCache, rows: Sequence[tuple[str, object, str]]) -> None:
        stored.extend(name for name, _, _ in rows)
        store(self, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(RecordCache, "store", counted)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10)
    cache = RecordCache(tmp_path / "cache.sqlite")
    results = bulk.read_all(files, None, cache, jobs=2)
    assert len(stored) == len(set(stored)) == len(files) == len(results)
    again = RecordCache(tmp_path / "cache.sqlite")
    assert len(again.lookup(str(p.resolve()) for p in files)) == len(files)


def test_files_named_one_by_one_are_read_as_their_folder_is(demo: Path) -> None:
    """`compare *.toml` (a shell naming every file) finds the same files, with the same
    resolved names, in the same order, as naming their folder."""
    from selfeval.compare.collect import _listed

    by_name = _listed(sorted(demo.glob("*.toml")))
    by_folder = _listed([demo])
    assert by_name[:2] == by_folder[:2] and len(by_name[0]) == 40


_arrays = st.recursive(
    st.integers() | st.text(alphabet="ab[]{}\"'\n\\ ", max_size=6),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.text("ab[]. ", min_size=1, max_size=4), _arrays, max_size=4))
def test_the_nesting_bound_is_never_below_the_nesting(data: dict[str, object]) -> None:
    """Files are given to the compiled parser only where `nesting_bound` says they cannot nest
    deeply; the bound must hold for arrays in arrays, whatever brackets and quotes their
    strings and keys hold, and among hundreds of table headers (which it takes out)."""
    import tomli_w

    from selfeval.files.toml import nesting, nesting_bound

    text = tomli_w.dumps(data)
    padded = "".join(f'[zz-pad."p{n}"]\nx = 1\n' for n in range(250)) + text
    for shown in (text, text.replace("\n", "\n\n"), padded):
        deepest = nesting(tomllib.loads(shown)) - 1  # the document (and a header) are levels
        assert nesting_bound(shown) >= deepest - (shown is padded)


def test_a_team_evaluation_full_of_headers_still_reads_fast() -> None:
    """An agreed evaluation has a table header for every colleague's view: hundreds of
    brackets, none nesting; it stays on the fast path."""
    from selfeval.files.toml import _FAST_MOST_OPEN, nesting_bound

    text = "".join(
        f'[answers."s{i}".views."P{j} teacher (Ms O\'Neil)"]\nrating = 3\n\n'
        for i in range(100)
        for j in range(10)
    )
    assert text.count("[") >= 1000 and nesting_bound(text) <= _FAST_MOST_OPEN


def test_the_nesting_bound_sees_through_lines_that_look_like_headers() -> None:
    """Deep nesting written a line at a time, or behind lines shaped like table headers, is
    counted: these crash the compiled parser, so they must go to tomllib."""
    from selfeval.files.toml import _FAST_MOST_OPEN, nesting_bound

    from .hostile.test_files import DEEP

    for name, text in DEEP.items():
        assert nesting_bound(text) > 10 * _FAST_MOST_OPEN, name
    assert nesting_bound("x = [\n" + "[1]\n" * 5_000) <= 3  # balanced on each line: shallow


def test_the_first_chunk_leaves_the_garbage_collector_as_it_found_it(demo: Path) -> None:
    """Bulk reading pauses the collector while a process's first chunk loads the models;
    afterwards it is on again (or still off, if it was off before)."""
    import gc

    from selfeval import settling
    from selfeval.compare import bulk

    files = [(str(p), p) for p in sorted(demo.glob("*.toml"))[:3]]
    for was_on in (True, False):
        settling._State.paused = settling._State.settled = False
        (gc.enable if was_on else gc.disable)()
        try:
            assert len(bulk._read_chunk((files, None, False))) == 3
            assert gc.isenabled() is was_on and settling._State.settled
        finally:
            gc.enable()


_PARENT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from selfeval.compare.parallel import start_worker
import os

def pid():
    return os.getpid()

if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=start_worker) as pool:
        print(pool.submit(pid).result(), flush=True)
        time.sleep(600)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_workers_end_when_the_comparison_is_killed(tmp_path: Path) -> None:
    """A comparison killed outright (SIGKILL: nothing of it runs after) leaves no worker
    reading files: each notices its parent is gone and ends."""
    script = tmp_path / "parent.py"
    script.write_text(_PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    parent.stdout.close()

    def alive() -> bool:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return False
        with contextlib.suppress(OSError):  # a zombie no one reaps is gone for our purpose
            stat = Path(f"/proc/{worker}/stat").read_text()
            return stat.split(") ")[1][0] != "Z"
        return True

    deadline = time.monotonic() + 60  # ends in a moment; a loaded machine may take longer
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive()


def test_a_cache_row_nested_too_deeply_is_read_again_not_a_crash() -> None:
    """Only this user can write the cache, but a damaged row (JSON nested deeper than Python
    decodes) must be a cache miss, never a RecursionError ending the comparison."""
    from selfeval.compare.bulk import decode

    assert decode("[" * 100_000 + "]" * 100_000, Path("x.toml")) is None
