"""The README's example evaluation file is one selfeval reads: documentation that cannot drift."""

from __future__ import annotations

import re
import tomllib

from selfeval.evaluation.model import SCHEMA_VERSION, Evaluation

from .conftest import REPO


def test_the_readme_example_evaluation_is_valid() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```toml\n(schema_version = .*?)```", text, re.S)
    assert found, "the README shows an evaluation file"
    evaluation = Evaluation.model_validate(tomllib.loads(found.group(1)))
    assert evaluation.schema_version == SCHEMA_VERSION
    assert evaluation.actions and evaluation.targets and evaluation.qi
