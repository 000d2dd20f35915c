"""Last school year's evaluation of a setting, found beside this year's.

The Standards and Quality Report looks back a year. A school keeps its evaluations in one
folder, one file a year (`oakfield-primary.stem.2025-26.toml` beside `…2026-27.toml`); the
one selfeval would have named is tried first, then the other files whose names begin as the
setting's and carry that year (a sync's copy), so the team need not name it; one anywhere else
is named with `--previous`. No other file is opened: a shared folder holds thousands, and this
is looked for as an evaluation opens.
"""

from __future__ import annotations

from pathlib import Path

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.store import EvaluationStore, load_evaluation, slugify
from selfeval.evaluation.years import previous_year

__all__ = ["find_previous"]


def find_previous(path: Path, evaluation: Evaluation) -> Path | None:
    """The setting's own evaluation of the school year before *evaluation*'s (saved at
    *path*), from the same folder; None where there is none."""
    store = EvaluationStore(path.parent)
    year = previous_year(evaluation.year)
    try:
        named = [store.path_for(evaluation.setting, evaluation.framework.id, year)]
    except SelfevalError:  # that name holds a file that cannot be read: look further
        named = []
    slug = slugify(evaluation.setting.name)  # a shared folder holds other schools' files
    others = [
        p
        for p in store.files()
        if year in p.name and p.name.casefold().startswith(slug) and p not in (path, *named)
    ]
    for candidate in named + others:
        regular = candidate.is_file() and not candidate.is_symlink()  # a shared folder's link
        if regular and _is_last_year(candidate, evaluation, year):  # or pipe is no evaluation
            return candidate
    return None


def _is_last_year(candidate: Path, evaluation: Evaluation, year: str) -> bool:
    try:
        other = load_evaluation(candidate)
    except SelfevalError:  # an unreadable file is not last year's evaluation
        return False
    same = " ".join(other.setting.name.split()).casefold()
    return (
        other.contributor is None
        and other.year == year
        and other.framework.id == evaluation.framework.id
        and same == " ".join(evaluation.setting.name.split()).casefold()
    )
