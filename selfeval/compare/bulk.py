"""Read many evaluation files fast: compiled TOML parsing, a cache, and one worker per core.

A local authority compares thousands of files, often the same ones again next week. Each file
becomes one typed `FileResult` (its record, the other framework it belongs to, inspection grades,
or why it cannot be read); results are cached per file (see `selfeval.compare.cache`) and
computed in worker processes when there are many.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfeval.compare.cache import FileStamp, RecordCache, digest
from selfeval.compare.parallel import chunked, map_chunks
from selfeval.compare.records import SELF, Record
from selfeval.compare.results import (
    FileResult,
    Scored,
    Unreadable,
)
from selfeval.digest.framework import framework_digest
from selfeval.errors import EvaluationError, SelfevalError, first_line
from selfeval.files.realpaths import real_paths
from selfeval.files.toml import MAX_BYTES, read_regular_stat
from selfeval.framework.catalog import is_framework_id
from selfeval.settling import settling

if TYPE_CHECKING:
    pass

__all__ = ["PARALLEL_FROM", "read_all"]

PARALLEL_FROM = 2000
"""Below this many files to parse, starting worker processes (about 0.4 s each) costs more
than they save (measured break-even: about 1,000 files on two cores)."""


@dataclass(frozen=True)
class _Read:
    name: str
    stamp: FileStamp | None
    result: FileResult
    payload: str | None = None
    """The result as the cache keeps it, where it is kept."""


def _read_chunk(job: tuple[Sequence[tuple[str, Path]], str | None, bool]) -> list[_Read]:
    """Read (absolute name, the path as the user gave it) pairs; records carry the latter.
    With *keep* (the job's third item), each cacheable result comes with its cache text, made
    here: in a worker, rather than by the main process once every worker has finished."""
    pairs, spec, keep = job
    with settling():  # the first chunk loads pydantic, the models and the framework
        return _read_pairs(pairs, spec, keep)


def _read_pairs(pairs: Sequence[tuple[str, Path]], spec: str | None, keep: bool) -> list[_Read]:
    from selfeval.compare.reading import read_one  # with pydantic: a warm comparison has none

    out = []
    for name, given in pairs:
        try:  # the status of the file read, as it was opened
            raw, found = read_regular_stat(name, EvaluationError, "evaluation", MAX_BYTES)
        except SelfevalError as exc:
            out.append(_Read(name, None, Unreadable(first_line(exc), cacheable=False)))
            continue
        stamp = FileStamp(found.st_size, found.st_mtime_ns, digest(raw))
        result = read_one(given, raw, spec)
        payload = encode(result) if keep and _cacheable(result) else None
        out.append(_Read(name, stamp, result, payload))
    return out


def _still_valid(result: FileResult, spec: str | None, hashes: dict[str, str | None]) -> bool:
    """Whether a cached result still holds for the framework as it is now (*hashes*: the
    frameworks' content hashes by spec, filled as they are asked for)."""
    if isinstance(result, Unreadable) and result.framework_hash is None:
        return True  # a parse error depends on the file alone
    if not isinstance(result, Scored | Unreadable) or result.framework_hash is None:
        return False
    wanted = spec or (result.framework_id if isinstance(result, Scored) else None) or ""
    if not spec and wanted and not is_framework_id(wanted):
        return False  # a cached row naming a path: read the file again (and refuse it there)
    if wanted not in hashes:
        hashes[wanted] = _content_hash(wanted)
    return hashes[wanted] == result.framework_hash


def _content_hash(spec: str) -> str | None:
    """The content hash of the framework *spec* names; None if it cannot be loaded."""
    try:
        return framework_digest(spec).content_hash
    except SelfevalError:
        return None


def read_all(
    files: Sequence[Path],
    spec: str | None,
    cache: RecordCache | None,
    jobs: int,
    real: Sequence[str] | None = None,
) -> list[FileResult]:
    """A result per file, in order, from the cache where the file is unchanged, else freshly
    read (*real*: the files' resolved paths, where the caller has them already)."""
    names = list(real) if real is not None else [str(p) for p in real_paths(files)]
    cached = cache.lookup(names) if cache is not None else {}
    results: dict[str, FileResult] = {}
    hashes: dict[str, str | None] = {}
    todo = []
    for name, given in zip(names, files, strict=True):
        entry = cached.get(name)
        result = decode(entry.payload, given) if entry is not None else None
        unchanged = entry is not None and result is not None and _fresh(name, entry.stamp)
        if unchanged and result is not None and _still_valid(result, spec, hashes):
            results[name] = result
        else:
            todo.append((name, given))
    # a dozen chunks a process: fewer were slower to share out, more cost more to hand over
    # (5,000 files: chunks of 208 rather than 100 were 3% faster, interleaved runs)
    size = min(500, max(50, len(todo) // (jobs * 12)))
    chunks = [(chunk, spec, cache is not None) for chunk in chunked(todo, size)]
    kept: set[str] = set()

    def keep(done: list[_Read]) -> None:
        """Store what is read (also while workers finish their last chunks)."""
        assert cache is not None
        rows = [(r.name, r.stamp, r.payload) for r in done if r.stamp and r.payload is not None]
        cache.store(rows)
        kept.update(name for name, _, _ in rows)

    parallel = len(todo) >= PARALLEL_FROM
    fresh = map_chunks(_read_chunk, chunks, jobs, parallel, keep if cache is not None else None)
    for read in fresh:
        results[read.name] = read.result
    if cache is not None:
        cache.hits += len(names) - len(todo)
        cache.misses += len(todo)
        keep([read for read in fresh if read.name not in kept])
    return [results[name] for name in names]


def _cacheable(result: FileResult) -> bool:
    if isinstance(result, Unreadable):
        return result.cacheable
    return isinstance(result, Scored)


def _fresh(name: str, stamp: FileStamp) -> bool:
    try:
        stat = os.stat(name)
    except OSError:
        return False
    if stat.st_size != stamp.size:
        return False
    if stat.st_mtime_ns == stamp.mtime_ns:
        return True
    try:
        return digest(Path(name).read_bytes()) == stamp.digest  # touched, not changed
    except OSError:
        return False


def encode(result: FileResult) -> str:
    """A cacheable result as JSON text (only `Scored` and `Unreadable` are ever stored)."""
    if isinstance(result, Scored):
        record = result.record
        data: dict[str, Any] = {
            "scored": {
                "framework_id": result.framework_id,
                "framework_hash": result.framework_hash,
                "name": record.name,
                "stage": record.stage,
                "seed_code": record.seed_code,
                "authority": record.authority,
                "cluster": record.cluster,
                "when": record.when.isoformat() if record.when else None,
                "year": record.year,
                "framework": record.framework,
                "against": record.against,
                "synthetic": record.synthetic,
                "complete": record.complete,
                "suggested": record.suggested,
                "confirmed": record.confirmed,
            }
        }
    elif isinstance(result, Unreadable):
        data = {"unreadable": {"reason": result.reason, "framework_hash": result.framework_hash}}
    else:
        raise TypeError(f"{type(result).__name__} is never cached")
    return json.dumps(data)


def decode(text: str, source: Path) -> Scored | Unreadable | None:
    """A result from the cache's JSON text for the file *source*; None if damaged or foreign."""
    try:
        data = json.loads(text)
        if "scored" in data:
            found = data["scored"]
            when = found["when"]
            record = Record(
                name=found["name"],
                kind=SELF,
                source=source,
                stage=found["stage"],
                seed_code=found["seed_code"],
                authority=found["authority"],
                cluster=found["cluster"],
                when=date.fromisoformat(when) if when else None,
                year=str(found["year"]) if found["year"] else None,
                framework=found["framework"],
                against=str(found["against"]),
                synthetic=found["synthetic"],
                complete=found.get("complete") is True,
                suggested=_levels(found["suggested"]),
                confirmed=_levels(found["confirmed"]),
            )
            return Scored(record, str(found["framework_id"]), str(found["framework_hash"]))
        found = data["unreadable"]
        return Unreadable(str(found["reason"]), found["framework_hash"])
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # junk: re-read
        return None


_LEVEL_TYPES = frozenset({int, type(None)})


def _levels(data: object) -> dict[str, int | None]:
    """The levels as stored (checked, not converted: the cache wrote them)."""
    if not isinstance(data, dict) or not _LEVEL_TYPES.issuperset(map(type, data.values())):
        raise TypeError("levels must be a table of whole numbers")
    return data
