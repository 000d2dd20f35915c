"""Read many evaluation files fast: compiled TOML parsing, a cache, and one worker per core.

A local authority compares thousands of files, often the same ones again next week. Each file
becomes a small JSON-able payload (its record, or why it was left out); payloads are cached by
file (see `selfeval.compare.cache`) and computed in parallel worker processes when there are many.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from selfeval.compare.cache import RecordCache, digest
from selfeval.compare.inspections import KIND
from selfeval.errors import EvaluationError, SelfevalError
from selfeval.evaluation.reconcile import check_against, reconcile
from selfeval.evaluation.store import parse_evaluation
from selfeval.files.toml import parse_toml
from selfeval.framework.model import Framework
from selfeval.scoring import suggest_levels

__all__ = ["PARALLEL_FROM", "Payload", "default_jobs", "read_payloads"]

Payload = dict[str, Any]
PARALLEL_FROM = 2000
"""Below this many files to parse, starting worker processes (about 0.4 s each) costs more
than they save (measured break-even: about 1,000 files on two cores)."""

_frameworks: dict[str, Framework] = {}


def default_jobs() -> int:
    """One worker per available core (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def framework_for(spec: str) -> Framework:
    """The framework for an id or path, loaded once per process."""
    if spec not in _frameworks:
        from selfeval.framework.catalog import find_framework

        _frameworks[spec] = find_framework(spec)[1]
    return _frameworks[spec]


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def read_one(path: Path, raw: bytes, spec: str | None) -> Payload:
    """What one file contributes: an evaluation's record, inspection records, or an error."""
    try:
        doc = parse_toml(path, raw, EvaluationError, "evaluation", fast=True)
    except SelfevalError as exc:
        return {"kind": "error", "reason": _reason(exc)}
    if doc.data.get("kind") == KIND:
        return {"kind": "inspection"}  # read whole by the caller; one big file, not cached
    try:
        evaluation = parse_evaluation(doc)
    except SelfevalError as exc:
        return {"kind": "error", "reason": _reason(exc)}
    framework_id = evaluation.framework.id
    try:
        framework = framework_for(spec or framework_id)
    except SelfevalError as exc:
        return {"kind": "error", "reason": _reason(exc), "uncached": True}
    if framework.id != framework_id:
        return {"kind": "other-framework", "framework": framework_id}
    try:
        check_against(evaluation, framework, None)
    except SelfevalError as exc:
        return {"kind": "error", "reason": _reason(exc), "framework_hash": framework.content_hash}
    evaluation, _ = reconcile(evaluation, framework)
    levels = suggest_levels(evaluation, framework)
    setting = evaluation.setting
    return {
        "kind": "evaluation",
        "framework": framework.id,
        "framework_hash": framework.content_hash,
        "record": {
            "name": setting.name,
            "stage": setting.stage,
            "seed_code": setting.seed_code,
            "authority": setting.local_authority,
            "cluster": setting.cluster,
            "when": evaluation.updated.date().isoformat(),
            "framework": f"{framework.title} {framework.version}",
            "synthetic": setting.synthetic,
            "suggested": {qi: s for qi, s, _ in levels},
            "confirmed": {qi: c for qi, _, c in levels},
        },
    }


def _read_chunk(args: tuple[list[str], str | None]) -> list[tuple[str, int, int, str, Payload]]:
    paths, spec = args
    out = []
    for name in paths:
        path = Path(name)
        try:
            raw = path.read_bytes()
            stat = path.stat()
        except OSError as exc:
            out.append((name, -1, -1, "", {"kind": "error", "reason": str(exc), "uncached": True}))
            continue
        out.append((name, stat.st_size, stat.st_mtime_ns, digest(raw), read_one(path, raw, spec)))
    return out


def _valid(payload: Payload, spec: str | None) -> bool:
    """Whether a cached payload still holds for the framework as it is now."""
    wanted = payload.get("framework_hash")
    if wanted is None:
        return payload.get("kind") == "error"  # a parse error depends on the file alone
    try:
        framework = framework_for(spec or str(payload.get("framework") or ""))
    except SelfevalError:
        return False
    return bool(framework.content_hash == wanted)


def read_payloads(
    files: Sequence[Path], spec: str | None, cache: RecordCache | None, jobs: int
) -> dict[Path, Payload]:
    """A payload per file, from the cache where the file is unchanged, else freshly read."""
    names = [str(path.resolve()) for path in files]
    cached = cache.lookup(names) if cache is not None else {}
    results: dict[str, Payload] = {}
    todo = []
    for name in names:
        entry = cached.get(name)
        if entry is not None and _fresh(name, entry) and _valid(entry[3], spec):
            results[name] = entry[3]
        else:
            todo.append(name)
    rows = _read_all(todo, spec, jobs)
    for name, _size, _mtime, _digest, payload in rows:
        results[name] = payload
    if cache is not None:
        cache.hits += len(names) - len(todo)
        cache.misses += len(todo)
        cache.store(row for row in rows if row[1] >= 0 and not row[4].get("uncached"))
    return {path: results[name] for path, name in zip(files, names, strict=True)}


def _fresh(name: str, entry: tuple[int, int, str, Payload]) -> bool:
    size, mtime_ns, hashed, _ = entry
    try:
        stat = os.stat(name)
    except OSError:
        return False
    if stat.st_size != size:
        return False
    if stat.st_mtime_ns == mtime_ns:
        return True
    try:
        return digest(Path(name).read_bytes()) == hashed  # touched, not changed
    except OSError:
        return False


def _read_all(
    names: list[str], spec: str | None, jobs: int
) -> list[tuple[str, int, int, str, Payload]]:
    if jobs <= 1 or len(names) < PARALLEL_FROM:
        return _read_chunk((names, spec))
    size = max(50, len(names) // (jobs * 8))
    chunks = [(names[i : i + size], spec) for i in range(0, len(names), size)]
    rows: list[tuple[str, int, int, str, Payload]] = []
    # spawn, not fork: forking a process that may have threads (Textual, SQLite) is unsafe
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        for chunk in pool.map(_read_chunk, chunks):
            rows += chunk
    return rows


def record_fields(payload: Payload) -> dict[str, Any]:
    """The keyword arguments of a `Record` from an evaluation payload."""
    fields = dict(payload["record"])
    when = fields.get("when")
    fields["when"] = date.fromisoformat(when) if when else None
    return fields
