"""Two anonymised papers of the same settings, one split by stage and one by cluster, read side
by side: where a group of one holds a group of the other, the difference of what they show is
a table anyone can work out, and it must not count fewer than the threshold (but some) at a
level, nor be a group too small to show."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.compare.cells import bands
from selfeval.compare.disclosure import protected_groups
from selfeval.compare.records import SELF, Distribution, Record, distributions, group_records
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO

SCALE = load_framework(REPO / "frameworks" / "stem.toml").rating_scale
COLUMNS = [QIColumn("1.1", "Self-evaluation for self-improvement")]


def _setting(n: int, cluster: str, stage: str, level: int) -> Record:
    return Record(name=f"S{n}", kind=SELF, source=Path(f"s{n}.toml"), cluster=cluster,
                  stage=stage, suggested={"1.1": level}, coded=True)  # fmt: skip


def _split(records: list[Record], by: str) -> dict[str, Distribution]:
    groups = group_records(records, by)
    protected = protected_groups(groups, dict.fromkeys(groups, COLUMNS), SCALE, 5)
    return {name: dists[0] for name, dists in protected.items()}


def _known(dist: Distribution, unit: frozenset[int]) -> int | None:
    """What a reader is told of *unit*'s settings: its levels each shown, or it a block
    counted together; else None."""
    shown = dist.shown_counts
    if shown is None:
        return None
    if all(shown.get(v) is not None for v in unit):
        return sum(dist.counts[v] for v in unit)
    told = dict(bands(dist, SCALE.good_from))
    return told.get(unit)


def test_a_stage_all_in_one_cluster_is_withheld_where_the_rest_is_a_small_group() -> None:
    """Twelve special schools, all in Glen cluster with three primaries: Glen less its special
    schools would be the three primaries' levels."""
    special = [_setting(n, "Glen", "asn", 2 + n % 5) for n in range(12)]
    primaries = [_setting(20 + n, "Glen", "primary", 3 + n % 3) for n in range(3)]
    others = [_setting(40 + n, "Birk", "primary", 1 + n % 6) for n in range(30)]
    records = special + primaries + others
    by_stage, by_cluster = _split(records, "stage"), _split(records, "cluster")
    assert not by_cluster["Glen"].suppressed  # 15 settings: shown
    assert by_stage["asn"].suppressed  # its levels would give away Glen's three primaries


def test_a_level_left_small_by_the_difference_is_counted_only_with_others() -> None:
    """Glen's 24 = 12 special schools (6 satisfactory) and 12 primaries (2 satisfactory):
    each table alone shows 6 and 8 at satisfactory; side by side, 2."""
    special = [_setting(n, "Glen", "asn", level) for n, level in enumerate([3] * 6 + [5] * 6)]
    levels = [3] * 2 + [4] * 5 + [2] * 5
    primaries = [_setting(20 + n, "Glen", "primary", level) for n, level in enumerate(levels)]
    others = [_setting(40 + n, "Birk", "primary", 1 + n % 6) for n in range(30)]
    records = special + primaries + others
    glen, special_shown = _split(records, "cluster")["Glen"], _split(records, "stage")["asn"]
    three = frozenset({3})
    assert _known(glen, three) is None or _known(special_shown, three) is None


PLACES = [("A", "asn"), ("A", "primary"), ("B", "primary"), ("B", "secondary"), ("C", "primary")]
"""Special schools all in cluster A, secondaries all in B: groups of one split held in another's."""
_SETTINGS = st.lists(st.tuples(st.sampled_from(PLACES), st.integers(1, 6)), max_size=70)


@given(found=_SETTINGS)
@settings(max_examples=120, deadline=None)
def test_no_small_cell_is_the_difference_of_two_papers_split_differently(
    found: list[tuple[tuple[str, str], int]],
) -> None:
    records = [_setting(n, *place, level) for n, (place, level) in enumerate(found)]
    members = {
        by: {name: {r.name for r in m} for name, m in group_records(records, by).items()}
        for by in ("cluster", "stage")
    }
    shown = {by: _split(records, by) for by in ("cluster", "stage")}
    units = [frozenset({v}) for v in SCALE.values]
    units += [frozenset({5, 6}), frozenset({1, 2})]  # the outermost two of each side
    for c, in_c in members["cluster"].items():
        for s, in_s in members["stage"].items():
            if not (in_s <= in_c or in_c <= in_s):
                continue
            big, small = (shown["cluster"][c], shown["stage"][s])
            if in_c < in_s:
                big, small = small, big
            if big.suppressed or small.suppressed:
                continue
            rest = big.with_level - small.with_level
            assert not 0 < rest < 5 or big.counts == small.counts, (c, s)
            for unit in units:
                a, b = _known(big, unit), _known(small, unit)
                if a is not None and b is not None:
                    assert not 0 < a - b < 5, (c, s, sorted(unit), a, b)
    (whole,) = distributions(records, COLUMNS, SCALE, 5)
    for by in ("cluster", "stage") if not whole.suppressed else ():  # the whole shown: a group
        hidden = [d for d in shown[by].values() if d.suppressed and d.with_level]  # withheld
        together = sum(d.with_level for d in hidden)
        assert not hidden or (len(hidden) >= 2 and together >= 5), (
            by,
            hidden,
        )  # is not it less the rest
