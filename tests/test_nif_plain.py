"""`selfeval --plain` tags an action with the NIF priority it serves and its driver, as the
app's form does: read back with the action's other fields, chosen by number or name, typed on
the field's line or asked, cleared with "none"; the exported plan groups by it. Driven by lines
on standard input."""

from __future__ import annotations

from pathlib import Path

from selfeval.evaluation import load_evaluation
from selfeval.evaluation.action_tags import chosen

from .plain_helpers import only, talk
from .test_plain_actions import FRAMEWORK, rated

ADOPT_AND_TAG = [
    "1",  # QI 1.1
    "c",  # agree with the suggestion
    "a",  # its next steps
    "1",  # adopt the first: its details open
    "9",  # the NIF priority, asked
    "1",  # placing children's rights at the centre
    "10 parents",  # the driver, by its name on the field's line
    "",  # back to the next steps
    "o",  # an action of our own
    "Hold a family STEM evening",
    "10",  # its NIF priority (9 is its QI)
    "attainment-gap",
    "10 none",  # changed our mind: none
    "10 3",  # and back: the third priority
    "",
    "",
    "",  # back to the results
    "x",
    "q",
]


def test_plain_tags_actions_with_a_priority_and_a_driver(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    code, said = talk(responses, [*rated(), *ADOPT_AND_TAG])
    assert code == 0, said
    assert "9. NIF priority: none yet" in said
    assert "Which NIF priority does it serve first?" in said
    assert (
        "Saved: NIF priority: Placing the human rights and needs of every child and young "
        "person at the centre of education." in said
    )
    assert "Saved: NIF driver: Parent and carer involvement and engagement." in said
    assert "Saved: NIF priority: none." in said
    adopted, own = load_evaluation(only(responses)).actions
    assert chosen(adopted.tags, FRAMEWORK, "nif") == "nif-rights"
    assert chosen(adopted.tags, FRAMEWORK, "nif-driver") == "nif-driver-parents"
    assert own.source is None
    assert own.tags == ["nif-attainment-gap"]
    plan = only(responses).with_suffix(".plan.md").read_text("utf-8")
    part = plan.split("## Action plan")[1]
    rights = part.index("### NIF priority: Placing the human rights")
    gap = part.index("### NIF priority: Closing the attainment gap")
    assert rights < part.index(adopted.text[:30]) < gap < part.index("Hold a family STEM evening")
