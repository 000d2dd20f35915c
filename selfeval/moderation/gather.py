"""Find colleagues' contributions and the setting's own evaluation they belong with.

A contribution is an ordinary evaluation file with a ``[contributor]`` table. Contributions of
one setting (by name), framework and school year form a group; the group's agreed evaluation is
the setting's own file (no ``[contributor]``) of the same setting, framework and year, if there
is one yet. Files that cannot be read, belong to another framework, or are a sync's copy of a
file beside them are left out with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfeval.compare.collect import toml_files
from selfeval.compare.records import LeftOut
from selfeval.errors import SelfevalError, first_line
from selfeval.evaluation.alike import identity, original_first
from selfeval.evaluation.model import Contributor, Evaluation, now
from selfeval.evaluation.reading import read_reconciled
from selfeval.evaluation.reconcile import Changes
from selfeval.evaluation.store import school_year
from selfeval.evaluation.years import counted_year
from selfeval.files.terminal import printable
from selfeval.framework.model import Framework

__all__ = ["Group", "Moderated", "View", "counted", "gather", "group_of"]


@dataclass(frozen=True)
class View:
    """One contribution, under the label the moderation shows for it."""

    key: str
    """The contributor's label, made unique in the group ("learner", "learner 2")."""
    contributor: Contributor
    path: Path
    evaluation: Evaluation
    changes: Changes | None = None
    """What reconciling it with the current framework changed, if it was answered against
    another version (or an edited copy) of it."""

    @property
    def dated(self) -> str | None:
        """Said beside a view dated in a school year still to come (its computer's clock was
        wrong), which is counted with this one."""
        if self.evaluation.year <= school_year(now().date()):
            return None
        return (
            f"{self.key}'s file is dated {self.evaluation.year}, a school year still to come "
            "(its computer's clock is wrong): counted with this year's views"
        )

    @property
    def reconciled(self) -> str | None:
        """Said beside the view when it was given against another version of the framework,
        so the team knows why a rating sits on a reworded statement or is missing."""
        c = self.changes
        if c is None or not (c.old_version != c.new_version or c.edited):
            return None
        against = (
            f"version {c.old_version} of the framework (now {c.new_version})"
            if c.old_version != c.new_version
            else "an earlier edit of the framework"
        )
        said = [f"{self.key} answered {against}"]
        if c.renamed:
            said.append(f"{counted(len(c.renamed), 'answer')} moved to reworded statements")
        if c.orphaned:
            said.append(
                f"{counted(len(c.orphaned), 'answer')} to statements no longer in it not shown"
            )
        return "; ".join(said)


def counted(n: int, noun: str) -> str:
    """*n* *noun*s, "1 view" or "3 views"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass
class Group:
    """Everything to moderate for one setting, framework and school year."""

    setting: str
    year: str
    views: list[View] = field(default_factory=list)
    agreed_path: Path | None = None
    agreed: Evaluation | None = None
    also_claimed: list[Path] = field(default_factory=list)
    """Other files that are each the setting's own evaluation for the year too (a backup made
    by hand, a copy under a new name): the views must go into one, and selfeval cannot know
    which the team means, so it moderates into none (`check`)."""

    def check(self) -> None:
        """Refuse a group whose setting has two own evaluations of the year, naming both."""
        if self.agreed_path is None or not self.also_claimed:
            return
        files = sorted([self.agreed_path, *self.also_claimed])
        names = " and ".join(printable(f.name) for f in files)
        raise SelfevalError(
            f"{len(files)} files are each {self.setting}'s own evaluation for {self.year}: "
            f"{names} (in {printable(str(files[0].parent))})",
            "keep the one the team works on and move the others out of the folder (or delete "
            "them), then moderate again",
        )


@dataclass
class Moderated:
    """The groups found, and the files left out with why."""

    groups: list[Group]
    left_out: list[LeftOut]


def gather(paths: Sequence[Path], framework: Framework) -> Moderated:
    """Read *paths* (files or folders) into groups to moderate against *framework*."""
    files, left_out = toml_files(paths)
    groups: dict[tuple[str, str], Group] = {}
    agreed: list[tuple[Path, Evaluation]] = []
    found: dict[tuple[str, str], list[tuple[Path, Evaluation, Changes]]] = {}
    for path in files:
        try:
            evaluation, changes = read_reconciled(path, framework, fast=True)
        except SelfevalError as exc:
            left_out.append(LeftOut(path, first_line(exc)))
            continue
        if evaluation.contributor is None:
            agreed.append((path, evaluation))
            continue
        found.setdefault(_key(evaluation), []).append((path, evaluation, changes))
    for key in found:
        groups[key] = _group(found[key][0][1])
    for path, evaluation in agreed:
        owner = groups.get(_key(evaluation))
        if owner is not None and owner.agreed_path is not None:
            owner.also_claimed.append(path)
        elif owner is not None:
            owner.agreed_path, owner.agreed = path, evaluation
    for key, views in found.items():
        _label_views(groups[key], _once(views, left_out))
    # each setting's latest school year first: `moderate FOLDER` opens it, not an old one
    latest_first = sorted(groups.values(), key=lambda g: g.year, reverse=True)
    ordered = sorted(latest_first, key=lambda g: g.setting.casefold())
    return Moderated(ordered, left_out)


def group_of(folder: Path, framework: Framework, setting: str, year: str) -> Group | None:
    """The views of *setting* in the school *year* in *folder*, if it has any."""
    wanted = (setting.casefold().strip(), year)
    found = gather([folder], framework).groups
    return next((g for g in found if (g.setting.casefold().strip(), g.year) == wanted), None)


Found = tuple[Path, Evaluation, Changes]


def _once(views: list[Found], left_out: list[LeftOut]) -> list[Found]:
    """*views* with each view once: a copy of a view under another name (the same person's,
    told by its id) is left out, the file selfeval named kept, and said, so a learner's view
    copied by a sync never counts twice in the median."""
    by_identity: dict[object, list[Found]] = {}
    for view in views:
        by_identity.setdefault(identity(view[1]) or view[0], []).append(view)
    kept = []
    for copies in by_identity.values():
        first, *others = original_first([path for path, _, _ in copies])
        kept += [view for view in copies if view[0] == first]
        left_out += [
            LeftOut(path, f"the same view as {printable(first.name)} (a copy under another "
                          "name): counted once; open both and keep one")
            for path in others
        ]  # fmt: skip
    return kept


def _label_views(group: Group, views: list[Found]) -> None:
    """Put *views* in *group* under their labels: the label the team's evaluation keeps a
    view under already (found by the view's id), else a new one that no view brought in
    before has ("learner 3" after last week's "learner" and "learner 2")."""
    before = group.agreed.contributors if group.agreed else []
    kept = {c.id: c.label for c in before if c.id and c.label}
    taken = {c.label for c in before if c.label}
    for path, evaluation, changes in sorted(views, key=lambda v: (v[1].created, v[0].stem)):
        who = evaluation.contributor
        assert who is not None
        label = kept.get(who.id) if who.id else None
        if label is None:
            label = _unique(who.key, taken | {v.key for v in group.views})
        group.views.append(View(label, who, path, evaluation, changes))


def _key(evaluation: Evaluation) -> tuple[str, str]:
    return (evaluation.setting.name.casefold().strip(), _year(evaluation))


def _year(evaluation: Evaluation) -> str:
    """The school year *evaluation* is moderated in (`counted_year`; a view dated in a year
    still to come is said)."""
    return counted_year(evaluation.year, now().date())


def _group(evaluation: Evaluation) -> Group:
    return Group(evaluation.setting.name, _year(evaluation))


def _unique(key: str, taken: set[str]) -> str:
    """*key*, numbered when two people gave the same role (and no name) or the same name, in
    the order they started ("learner", "learner 2")."""
    if key not in taken:
        return key
    n = 2
    while f"{key} {n}" in taken:
        n += 1
    return f"{key} {n}"
