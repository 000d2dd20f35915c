"""Gather a comparison: the evaluations and inspection grades under some paths, as records.

Self-evaluations are compared only with self-evaluations of the same framework (the most common
one among the inputs unless chosen); published inspection grades form their own rows, matched on
QI numbers. Everything left out is listed with its reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.compare.bulk import read_all
from selfeval.compare.cache import RecordCache
from selfeval.compare.once import copies_said, each_year_once, latest_only
from selfeval.compare.records import GRADED_AGAINST, INSPECTION, SELF, Collection, LeftOut, Record
from selfeval.compare.results import Contribution, Inspections, OtherFramework, Scored, Unreadable
from selfeval.digest.framework import Digest, QIColumn, framework_digest
from selfeval.errors import SelfevalError
from selfeval.files.copies import copy_of, differs
from selfeval.files.realpaths import real_paths
from selfeval.files.submitted import is_feedback, submission_version, whole
from selfeval.files.walk import toml_files_in

if TYPE_CHECKING:
    from selfeval.compare.inspections import InspectionRecord
    from selfeval.framework.model import Scale

__all__ = [
    "collect",
    "collect_cached",
    "comparison_scale",
    "copies_said",
    "counting_scale",
    "each_year_once",
    "latest_only",
    "toml_files",
]


def toml_files(paths: Iterable[Path]) -> tuple[list[Path], list[LeftOut]]:
    """The .toml files named or inside the folders named, and paths that do not exist."""
    files, _, missing = _listed(paths)
    return files, missing


def _listed(paths: Iterable[Path]) -> tuple[list[Path], list[str], list[LeftOut]]:
    """`toml_files`, with each file's resolved path beside it (as text: it is a cache key)."""
    listed: list[tuple[Path, str]] = []
    named: list[int] = []  # files named one by one (a shell's *.toml): resolved all at once
    missing = []
    for path in paths:
        if path.is_dir():
            listed += toml_files_in(path)
        elif path.exists():
            named.append(len(listed))
            listed.append((path, ""))  # the reader says if it is not a regular file
        else:
            missing.append(LeftOut(path, "no such file or folder"))
    for n, resolved in zip(named, real_paths(listed[n][0] for n in named), strict=True):
        listed[n] = (listed[n][0], str(resolved))
    seen: set[str] = set()
    named_reals = {listed[n][1] for n in named}
    unique, reals = [], []
    for file, real in listed:  # named twice: counted once
        if real in seen:
            continue
        seen.add(real)
        if is_feedback(file) or (submission_version(file) and not _whole(file)):
            if real in named_reals or not is_feedback(file):  # in a folder: never an evaluation
                missing.append(LeftOut(file, _not_evaluation(file)))
            continue
        original = copy_of(file)
        if original is not None and (file.parent / original).exists():
            missing.append(LeftOut(file, copied(original, differs(file, file.parent / original))))
            continue
        unique.append(file)
        reals.append(real)
    return unique, reals, missing


def _whole(path: Path) -> bool:
    try:
        return whole(path.read_bytes())
    except OSError:
        return True  # the reader says what is wrong


def _not_evaluation(path: Path) -> str:
    """Why a file in an authority's inbox is not read as an evaluation."""
    if is_feedback(path):
        return "an officer's feedback on a submission, not an evaluation"
    return (
        "a submission that is not whole (still syncing, a cloud placeholder, or cut short); "
        "not read: try again when the sync has finished"
    )


def copied(original: str, different: bool = False) -> str:
    """Why a sync's or a person's copy of a file is left out (*different*: from *original*)."""
    unlike = ", and it differs from it" if different else ""
    return (
        f"looks like a copy of {original} made by a sync (OneDrive, Dropbox) or by "
        f"copying{unlike}; left out so the setting counts once: open both, keep the right "
        "one, delete the other"
    )


def collect(
    paths: Sequence[Path],
    framework_spec: str | None = None,
    cache: RecordCache | None = None,
    jobs: int = 1,
) -> Collection:
    """Read evaluations and inspection files under *paths* into comparable records.

    Self-evaluations are compared within one framework: *framework_spec* (an id or a path) or
    else the one most of them were answered against. *cache* and *jobs* only make it faster.
    """
    files, real, left_out = _listed(paths)
    results = read_all(files, framework_spec, cache, jobs, real)
    evaluations: list[tuple[Path, Scored | OtherFramework]] = []
    contributions: list[Contribution] = []
    inspections: list[Record] = []
    ungraded = 0
    not_read: list[str] = []
    titles: dict[str, str] = {}
    for path, result in zip(files, results, strict=True):
        if isinstance(result, Inspections):
            titles.update(result.grades.qis)
            source = result.grades.source
            graded = [r for r in result.grades.records if _graded(r)]
            ungraded += len(result.grades.records) - len(graded)
            not_read += [s for s in result.grades.not_read if s not in not_read]
            inspections += [_inspection_record(path, r, source) for r in graded]
        elif isinstance(result, Unreadable):
            left_out.append(LeftOut(path, result.reason))
        elif isinstance(result, Contribution):
            contributions.append(result)
        else:
            evaluations.append((path, result))
    chosen = (
        framework_digest(framework_spec).id
        if framework_spec
        else _most_common(_framework_id(r) for _, r in evaluations)
    )
    records: list[Record] = []
    for path, result in evaluations:
        if isinstance(result, Scored) and result.framework_id == chosen:
            records.append(result.record)
            continue
        left_out.append(
            LeftOut(
                path,
                f"answered against the `{_framework_id(result)}` framework; this "
                f"comparison is of `{chosen}` (choose with --framework)",
            )
        )
    spec = framework_spec or chosen
    facts = framework_digest(spec) if spec else None
    return Collection(
        facts,
        _columns(facts, titles, records),
        records + inspections,
        left_out,
        _in_moderation(contributions, records, chosen),
        _stage_titles(facts, records),
        framework_spec=spec or "",
        ungraded=ungraded,
        sheets_not_read=not_read,
    )


def _stage_titles(facts: Digest | None, records: Sequence[Record]) -> dict[str, dict[str, str]]:
    if facts is None:
        return {}
    stages = {r.stage for r in records if r.stage} & {s.id for s in facts.stages}
    return {stage: {qi.id: qi.title for qi in facts.columns_of(stage)} for stage in stages}


def _in_moderation(
    contributions: Sequence[Contribution], records: Sequence[Record], chosen: str | None
) -> list[str]:
    """Settings with contributions of the framework compared but no agreed evaluation."""
    agreed = {r.name.casefold() for r in records}
    waiting: dict[str, str] = {}
    for found in contributions:
        if found.framework_id == chosen and found.setting.casefold() not in agreed:
            waiting.setdefault(found.setting.casefold(), found.setting)
    return sorted(waiting.values(), key=str.casefold)


def since(collection: Collection, day: date) -> Collection:
    """Only the inspection grades given on or after *day* (a grade of 2016 says little of a
    school in 2026); self-evaluations are kept. Those left out are counted."""
    kept = [r for r in collection.records if r.kind != INSPECTION or (r.when and r.when >= day)]
    return replace(collection, records=kept, older_grades=len(collection.records) - len(kept))


def collect_cached(
    paths: Sequence[Path],
    framework_spec: str | None,
    use_cache: bool,
    jobs: int,
    all_years: bool = False,
    inspected_since: date | None = None,
) -> Collection:
    """`collect` with the user's record cache; an error if there is nothing to compare.
    Each setting counts once (its latest evaluation) unless *all_years*; inspection grades
    only from *inspected_since* where given."""
    from selfeval.paths import cache_dir

    cache = RecordCache(cache_dir() / "records.sqlite") if use_cache else None
    try:
        collection = collect(paths, framework_spec, cache, jobs)
    finally:
        if cache is not None:
            cache.close()
    collection = each_year_once(collection) if all_years else latest_only(collection)
    if inspected_since is not None:
        collection = since(collection, inspected_since)
    if not collection.records and collection.older_grades:
        old = collection.older_grades
        every = (
            "the one school with grades was" if old == 1 else f"all {old} schools with grades were"
        )
        raise SelfevalError(
            f"nothing to compare: {every} inspected before {inspected_since:%d %B %Y} "
            "(--inspected-since)",
            "give an earlier date, e.g. --inspected-since 'March 2020'",
        )
    if not collection.records:
        reasons = "; ".join(str(x) for x in collection.left_out[:3])
        raise SelfevalError(
            "nothing to compare: no evaluations or inspection grades were found"
            + (f" ({reasons})" if reasons else ""),
            "give evaluation files, folders of them, or a file from import-inspections",
        )
    return collection


def counting_scale(collection: Collection) -> Digest:
    """The scale levels are counted on (its values and where good begins): the compared
    framework's, or the default framework's for inspection grades alone."""
    return collection.facts or framework_digest("")


def comparison_scale(collection: Collection) -> Scale:
    """The scale in the words of every reference framework the self-evaluations are judged
    against (for charts and the brief; it loads the framework whole)."""
    from selfeval.framework.catalog import find_framework

    framework = collection.framework or find_framework()[1]
    facts = counting_scale(collection)
    used = facts.references_used(
        (r.stage, r.suggested) for r in collection.records if r.kind == SELF
    )
    return framework.scale_for_all(used)


def _framework_id(result: Scored | OtherFramework) -> str:
    return result.framework_id


def _most_common(ids: Iterable[str]) -> str | None:
    counted = Counter(ids).most_common(1)
    return counted[0][0] if counted else None


def _columns(
    facts: Digest | None, inspection_titles: dict[str, str], records: Sequence[Record]
) -> list[QIColumn]:
    """The QIs compared, each of its own reference framework and titled in its words: 3.2 of
    HGIOS4 ("Raising attainment and achievement", schools) and 3.2 of HGIOELC ("Securing
    children's progress", nurseries) are two columns, never one. In the framework's order
    (early years first), then by number."""
    columns: dict[tuple[str, str], QIColumn] = {}
    if facts is not None:
        used = {(r.against, qi) for r in records for qi in (*r.suggested, *r.confirmed)}
        stages = {r.stage for r in records if r.kind == SELF}
        known = [s for s in facts.stages if s.id in stages]
        if not known:
            for column in facts.columns:
                columns.setdefault((column.framework, column.id), column)
        for stage in known:  # nurseries' 2025 QIs beside schools' HGIOS4 ones
            for column in stage.columns:  # its own framework's, another's where chosen
                key = (column.framework, column.id)
                if column.id in stage.own or key in used:
                    columns.setdefault(key, column)
    for qi, title in inspection_titles.items():
        columns.setdefault((GRADED_AGAINST, qi), QIColumn(qi, title, framework=GRADED_AGAINST))
    order = _framework_order(facts)
    return sorted(
        columns.values(), key=lambda c: (order.get(c.framework, len(order)), _qi_order(c))
    )


def _framework_order(facts: Digest | None) -> dict[str, int]:
    """Each reference framework's place: as the framework's stages first offer them."""
    order: dict[str, int] = {}
    for stage in facts.stages if facts else ():
        for against, _ in stage.offered:
            order.setdefault(against, len(order))
    return order


def _qi_order(column: QIColumn) -> list[int]:
    return [int(part) if part.isdigit() else 0 for part in column.id.split(".")]


def _graded(record: InspectionRecord) -> bool:
    """Whether the school has an HGIOS4 grade (most schools in the file have none: never
    inspected, or not since HGIOS4)."""
    return any(grade is not None for grade in record.grades.values())


def _inspection_record(path: Path, record: InspectionRecord, source: str) -> Record:
    return Record(
        name=record.name,
        kind=INSPECTION,
        source=path,
        stage=record.stage,
        seed_code=record.seed_code,
        authority=record.authority,
        when=record.inspection_date,
        framework=source,
        against=GRADED_AGAINST,
        confirmed=dict(record.grades),
    )


def own_scale(collection: Collection, against: str, scale: Scale) -> Scale:
    """The scale in the words of the reference framework *against* ("3 satisfactory" for
    HGIOS4's schools, "3 adequate" for nurseries), not the comparison's merged one ("3
    satisfactory / adequate"), where the framework knows it; else *scale*."""
    references = collection.facts.reference_qis if collection.facts else {}
    if collection.framework is not None and against in references:
        return collection.framework.scale_for(against)
    return scale
