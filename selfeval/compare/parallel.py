"""One way to share work out to worker processes, used by bulk reading and batch charts.

Workers are spawned, never forked: forking a process that may have threads (Textual, SQLite,
matplotlib) is unsafe. Starting a worker costs about 0.4 s, so callers pass the size below
which one process is faster.
"""

from __future__ import annotations

import atexit
import os
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["chunked", "default_jobs", "map_chunks", "start_worker"]

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """One worker per available core (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux (Windows, macOS)
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """*items* in consecutive chunks of at most *size* (at least 1)."""
    size = max(1, size)
    return [items[i : i + size] for i in range(0, len(items), size)]


def map_chunks(
    work: Callable[[T], list[R]],
    chunks: Sequence[T],
    jobs: int,
    parallel: bool,
    meanwhile: Callable[[list[R]], None] | None = None,
) -> list[R]:
    """``work`` applied to each chunk, in order, flattened: in worker processes when *parallel*
    and *jobs* > 1, else here. *work* must be a module-level function (it is pickled).

    *meanwhile*, if given, is called at most once, here, with the results finished so far,
    when this process has nothing left but to wait for the workers' last chunks: work that
    would otherwise follow (saving results) is done in that wait."""
    if not parallel or jobs <= 1 or len(chunks) <= 1:
        return [item for chunk in chunks for item in work(chunk)]
    return [item for result in _shared(work, chunks, jobs, meanwhile) for item in result]


def _shared(
    work: Callable[[T], list[R]],
    chunks: Sequence[T],
    jobs: int,
    meanwhile: Callable[[list[R]], None] | None,
) -> list[list[R]]:
    """Each chunk's result, in order, from *jobs* - 1 workers and this process together.

    This process is one of the *jobs*: it works from the front of the list while the workers
    start (about 0.4 s each, during which it would otherwise wait) and then alongside them.
    Each worker is kept two chunks ahead, so none waits for this process to hand out more;
    so this process finishes first, and waits (30-45 ms of a 2 s comparison): *meanwhile*
    runs then.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # 20 ms to load
    from multiprocessing import get_context

    results: dict[int, list[R]] = {}
    waiting: deque[int] = deque(range(len(chunks)))
    running: dict[Future[list[R]], int] = {}
    with ProcessPoolExecutor(
        max_workers=jobs - 1, mp_context=get_context("spawn"), initializer=start_worker
    ) as pool:

        def hand_out() -> None:
            while waiting and len(running) < 2 * (jobs - 1):
                index = waiting.pop()  # workers from the back, this process from the front
                running[pool.submit(work, chunks[index])] = index

        hand_out()
        while waiting or running:
            for future in [f for f in running if f.done()]:
                results[running.pop(future)] = future.result()
            hand_out()
            if waiting:
                index = waiting.popleft()
                results[index] = work(chunks[index])
            elif running:
                if meanwhile is not None:
                    meanwhile([item for done in results.values() for item in done])
                    meanwhile = None
                    continue  # workers may have finished meanwhile
                wait(running, return_when=FIRST_COMPLETED)
    return [results[index] for index in range(len(chunks))]


def start_worker() -> None:
    """How each worker starts.

    It ends with the process that started it: a comparison stopped hard (killed, or its
    window closed) must not leave workers reading files for seconds after, so each worker
    watches its parent and leaves the moment it is gone (on Windows as on POSIX: the parent's
    sentinel is ready when it ends). And once its work is done, it leaves without tearing
    down its interpreter: every result has been sent by then, and freeing its objects one by
    one kept this process waiting at the end (about 60 ms of a 2 s comparison)."""
    import multiprocessing
    import threading

    atexit.register(os._exit, 0)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    """Wait until the parent process is gone, then leave at once."""
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)
