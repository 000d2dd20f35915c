"""The garbage collector waits while a process loads what it keeps, and is then as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from selfeval import settling


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    settling._State.paused = settling._State.settled = False
    yield
    settling._State.paused = settling._State.settled = False
    gc.unfreeze()
    gc.enable()


@pytest.mark.parametrize("was_on", [True, False])
def test_settling_leaves_the_collector_as_it_found_it_however_the_block_ends(
    was_on: bool,
) -> None:
    (gc.enable if was_on else gc.disable)()
    paused: list[bool] = []

    def fail() -> None:
        with settling.settling():
            paused.append(not gc.isenabled())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert paused == [True]
    assert gc.isenabled() is was_on


def test_loaded_objects_are_frozen_and_later_ones_collected() -> None:
    frozen_before = gc.get_freeze_count()
    settling.pause()
    kept = [object() for _ in range(1000)]  # tracked? lists are; the list holds them
    assert not gc.isenabled()
    settling.settle()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + 1
    assert kept  # still here: frozen, not freed

    class Cycle:
        me: object

    made = Cycle()
    made.me = made
    del made
    assert gc.collect() >= 1  # what comes after is collected as ever


def test_settle_without_pause_and_a_second_pause_change_nothing() -> None:
    settling.settle()
    assert gc.isenabled() and not settling._State.settled
    settling.pause()
    settling.settle()
    settling.pause()  # once a process: the app settled; a later pause must not stop it again
    assert gc.isenabled()
