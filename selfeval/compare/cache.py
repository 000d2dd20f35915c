"""A cache of what each evaluation file scored to, so a second comparison skips the parsing.

Entries are keyed by the file's absolute path and checked against its size, modification time
and (when the time changed but the size did not) a hash of its bytes, plus the selfeval version.
Results that depend on a framework also record that framework's content hash, checked by the
caller. The cache is an SQLite file: a damaged or foreign one is set aside and rebuilt, and a
cache that cannot be used at all is simply skipped; it can never change a result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selfeval import __version__
from selfeval.files.private import make_private_folder, trusted

__all__ = ["CACHE_FORMAT", "CacheEntry", "FileStamp", "RecordCache", "digest"]


def code_stamp(here: Path = Path(__file__).parent) -> str:
    """A hash of the code whose output the cache keeps (the judgement rule, and the reading
    and recording of files, in the package folder *here* and its sibling `scoring`; how
    statements are grouped into QIs and files brought up to date, in `framework` and
    `evaluation`): a changed rule can never be served stale levels, and nobody has to
    remember to raise a number."""
    scoring = here.parent / "scoring"
    sources = [
        *sorted(scoring.glob("*.py")),
        *(here / n for n in _RECORDING),
        *(here.parent / n for n in _SHAPING),
    ]
    hashed = hashlib.blake2b(digest_size=8)
    for source in sources:
        try:
            hashed.update(source.name.encode() + b"\0" + source.read_bytes())
        except OSError:  # code not kept as source files: the version alone says which
            hashed.update(source.name.encode())
    return hashed.hexdigest()


_RECORDING = ("cache.py", "reading.py", "bulk.py", "records.py")
"""The modules of this package whose code shapes what a row holds."""
_SHAPING = (
    "framework/model.py",
    "framework/reference.py",
    "framework/stages.py",
    "framework/sections.py",
    "framework/groups.py",
    "evaluation/reconcile.py",
    "digest/framework.py",
)
"""The modules elsewhere that decide which statements feed which QI, and under which key an
agreed level is found."""

CACHE_FORMAT = f"{__version__}/{code_stamp()}"
"""Rows written by another version of selfeval, or by other scoring or reading code, are
ignored."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,
    format TEXT NOT NULL,
    payload TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class FileStamp:
    """What identifies a file's contents without reading them all: size and time, plus a hash
    for when only the time changed."""

    size: int
    mtime_ns: int
    digest: str


@dataclass(frozen=True)
class CacheEntry:
    """A stored result (JSON text, decoded by the caller) and the file it was computed from."""

    stamp: FileStamp
    payload: str


def digest(data: bytes) -> str:
    """A short content hash of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class RecordCache:
    """A result (JSON text) per file path, with the stamp of the file it was computed from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:  # only a folder (and file) of this user's own: see selfeval.files.private
            make_private_folder(self.path.parent)
            if not trusted(self.path.parent) or (self.path.exists() and not trusted(self.path)):
                return None
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError):
            self._set_aside()
            try:
                self._db = self._open()
            except (sqlite3.DatabaseError, OSError):
                self._db = None  # no cache this time; results are computed as usual
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        db.row_factory = sqlite3.Row
        db.execute(_SCHEMA)
        db.execute("SELECT count(*) FROM entries").fetchone()  # proves the file is sound
        return db

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_suffix(".damaged"))

    def lookup(self, paths: Iterable[str]) -> dict[str, CacheEntry]:
        """The stored entry for each of *paths* that has one written by this version."""
        db = self._connect()
        if db is None:
            return {}
        wanted = list(paths)
        found: dict[str, CacheEntry] = {}
        try:
            for row in _rows(db, wanted):
                entry = _entry(row)
                if entry is not None:
                    found[row["path"]] = entry
        except sqlite3.DatabaseError:
            self._reset(db)
            return {}
        return found

    def store(self, rows: Iterable[tuple[str, FileStamp, str]]) -> None:
        """Save (path, stamp, payload) entries in one transaction."""
        db = self._connect()
        if db is None:
            return
        data = [
            (path, stamp.size, stamp.mtime_ns, stamp.digest, CACHE_FORMAT, payload)
            for path, stamp, payload in rows
        ]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)", data)
        except sqlite3.DatabaseError:
            self._reset(db)

    def _reset(self, db: sqlite3.Connection) -> None:
        with contextlib.suppress(sqlite3.Error):
            db.close()
        self._db = None
        self._set_aside()

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _rows(db: sqlite3.Connection, wanted: list[str]) -> list[sqlite3.Row]:
    """The rows of *wanted* paths: in one query where SQLite has its JSON functions (it reads
    the paths from one JSON array), else 500 at a time."""
    columns = "SELECT path, size, mtime_ns, digest, format, payload FROM entries"
    try:
        return db.execute(
            f"{columns} WHERE path IN (SELECT value FROM json_each(?))", (json.dumps(wanted),)
        ).fetchall()
    except sqlite3.OperationalError:  # an SQLite built without JSON
        rows = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows += db.execute(f"{columns} WHERE path IN ({marks})", chunk).fetchall()
        return rows


def _entry(row: sqlite3.Row) -> CacheEntry | None:
    """A row as an entry; None when another version wrote it or its columns are not sound."""
    if row["format"] != CACHE_FORMAT:
        return None
    size, mtime_ns, hashed, payload = row["size"], row["mtime_ns"], row["digest"], row["payload"]
    if not (isinstance(size, int) and isinstance(mtime_ns, int)):
        return None
    if not (isinstance(hashed, str) and isinstance(payload, str)):
        return None
    return CacheEntry(FileStamp(size, mtime_ns, hashed), payload)
