"""Hypothesis strategies for frameworks and evaluations: pydantic will not derive them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import strategies as st

from selfeval.evaluation import Answer, Evaluation, FrameworkStamp, QIJudgement, Setting
from selfeval.evaluation.actions import ACTION_STATUSES, Action, Target

# Anything a person might type, including TOML and Rich markup characters; never surrounding blanks.
text = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def scales(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed scale of 2 to 7 levels."""
    size = draw(st.integers(2, 7))
    values = list(range(1, size + 1))
    good = draw(st.sampled_from(values))
    strength = draw(st.sampled_from([v for v in values if v >= good]))
    levels = [{"value": v, "word": f"word {v}", "gloss": draw(text)} for v in values]
    return {
        "id": "scale",
        "title": draw(text),
        "levels": draw(st.permutations(levels)),
        "good_from": good,
        "strength_from": strength,
    }


def _subset(draw: st.DrawFn, items: list[str]) -> list[str]:
    return draw(st.lists(st.sampled_from(items), unique=True, max_size=3)) if items else []


@st.composite
def framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """The data of a valid framework: everything a TOML author could write, in varied shapes."""
    scale = draw(scales())
    values = [level["value"] for level in scale["levels"]]
    n_sections = draw(st.integers(1, 3))
    indicators = [
        {"id": f"{i + 1}.1", "title": draw(text), "category": draw(text)}
        for i in range(n_sections + draw(st.integers(0, 2)))
    ]
    stages = [f"stage-{i}" for i in range(draw(st.integers(1, 3)))]
    tags = [f"tag-{i}" for i in range(draw(st.integers(0, 3)))]
    data: dict[str, Any] = {
        "id": "generated",
        "version": draw(st.sampled_from(["1", "1.0", "2.3.4"])),
        "title": draw(text),
        "based_on": draw(text),
        "scale": "scale",
        "scales": [scale],
        "reference_frameworks": [
            {"id": "ref", "title": draw(text), "short_title": "REF", "indicators": indicators}
        ],
        "stages": [
            {
                "id": s,
                "label": draw(text),
                "qi_framework": "ref",
                "elc_wording": draw(st.booleans()),
            }
            for s in stages
        ],
        "tags": [{"id": t, "label": draw(text), "group": "strategy"} for t in tags],
        "sections": [],
    }
    if draw(st.booleans()):
        data["description"] = draw(text)
    counter = iter(range(10_000))
    for i in range(n_sections):
        data["sections"].append(_section(draw, i, values, stages, tags, counter))
    return data


def _section(
    draw: st.DrawFn, i: int, values: list[int], stages: list[str], tags: list[str], counter: Any
) -> dict[str, Any]:
    themes: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 2))):
        statements: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(1, 3))):
            statement: dict[str, Any] = {"id": f"st-{next(counter)}", "text": draw(text)}
            if draw(st.booleans()):
                statement["text_elc"] = draw(text)
            statement["stages"] = _subset(draw, stages)
            statement["tags"] = _subset(draw, tags)
            statement["evidence_prompts"] = draw(st.lists(text, max_size=2))
            anchored = draw(st.lists(st.sampled_from(values), unique=True, max_size=3))
            statement["anchors"] = {str(v): draw(text) for v in anchored}
            statements.append(statement)
        themes.append({"id": f"th-{next(counter)}", "title": draw(text), "statements": statements})
    targets = [t["id"] for t in themes] + [s["id"] for t in themes for s in t["statements"]]
    actions = [
        {
            "id": f"act-{next(counter)}",
            "text": draw(text),
            "applies_to": _subset(draw, targets),
            "when_at_most": draw(st.sampled_from(values)),
            "stages": _subset(draw, stages),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    section: dict[str, Any] = {
        "id": f"section-{i}",
        "qi": [{"framework": "ref", "id": f"{i + 1}.1"}],
        "themes": themes,
        "improvement_actions": actions,
        "challenge_questions": draw(st.lists(text, max_size=2)),
    }
    if draw(st.booleans()):
        section["intro"] = draw(text)
    return section


# --- evaluations ---------------------------------------------------------------------------

typed = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200)
"""Anything a person can type or paste, newlines, control characters and markup included."""

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))


def answers(values: list[int]) -> st.SearchStrategy[Answer]:
    """One answer: rated, not applicable, or only evidence and notes."""
    rating = st.one_of(st.none(), st.sampled_from(values))
    return st.builds(
        lambda r, na, evidence, notes, when: Answer(
            rating=r,
            not_applicable=na and r is None,
            evidence=evidence,
            notes=notes,
            updated=when,
        ),
        rating,
        st.booleans(),
        typed,
        typed,
        st.one_of(st.none(), moments),
    )


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
line = st.text(st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\x7f"))


def actions(sections: tuple[str, ...]) -> st.SearchStrategy[list[Action]]:
    """An action plan: adopted and own actions with any typed text in every field."""
    action = st.builds(
        Action,
        id=st.just("x"),
        qi=st.sampled_from(sections),
        text=typed.filter(bool),
        source=st.one_of(st.none(), st.just("act-1")),
        outcome=typed,
        lead=line.map(str.strip).filter(lambda t: len(t) <= 300),
        due=st.one_of(st.none(), days),
        measure=typed,
        status=st.sampled_from(list(ACTION_STATUSES)),
        review_date=st.one_of(st.none(), days),
        review=typed,
        updated=st.one_of(st.none(), moments),
    )
    return st.lists(action, max_size=3).map(
        lambda found: [a.model_copy(update={"id": f"a{n}"}) for n, a in enumerate(found, 1)]
    )


settings_ = st.builds(
    Setting,
    name=text,
    stage=st.sampled_from(["early", "school"]),
    seed_code=st.one_of(st.none(), st.from_regex(r"\A\d{7}\Z")),
    local_authority=st.one_of(st.none(), text),
    cluster=st.one_of(st.none(), text),
    synthetic=st.booleans(),
)


@st.composite
def evaluations(
    draw: st.DrawFn,
    statement_ids: list[str],
    values: list[int],
    sections: tuple[str, ...] = ("first", "second"),
) -> Evaluation:
    """An evaluation answering any subset of *statement_ids* on a scale of *values*, with QI
    judgements for some of *sections*."""
    chosen = draw(st.lists(st.sampled_from(statement_ids), unique=True))
    created = draw(moments)
    return Evaluation(
        setting=draw(settings_),
        framework=FrameworkStamp(id="mini", version="1.0", content_hash="sha256:0"),
        status=draw(st.sampled_from(["in-progress", "complete"])),
        completed_by=draw(st.one_of(st.none(), text)),
        created=created,
        updated=draw(moments),
        position=draw(st.one_of(st.none(), st.sampled_from(statement_ids))),
        answers={sid: draw(answers(values)) for sid in chosen},
        qi={
            section: QIJudgement(
                suggested=draw(st.one_of(st.none(), st.sampled_from(values))),
                confirmed=draw(st.sampled_from(values)),
                reason=draw(typed),
                updated=draw(st.one_of(st.none(), moments)),
            )
            for section in draw(st.lists(st.sampled_from(sections), unique=True))
        },
        orphans={f"old-{n}": draw(answers(values)) for n in range(draw(st.integers(0, 2)))},
        actions=draw(actions(sections)),
        targets={
            section: Target(level=draw(st.sampled_from(values)), by=draw(st.none() | days))
            for section in draw(st.lists(st.sampled_from(sections), unique=True))
        },
    )
