"""The JSON Schema of framework files, generated from the models so it can never drift from them.

Editors that read a ``#:schema ./framework.schema.json`` first line (Taplo, Even Better TOML)
use it for completion and inline checking while an author writes a framework.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfeval.files.atomic import atomic_write_text
from selfeval.framework.model import Framework

__all__ = ["framework_schema", "framework_schema_text", "schema_is_current", "write_schema"]


def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for a framework file."""
    schema = Framework.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def framework_schema_text() -> str:
    """The schema as the stable, indented text committed under ``frameworks/``."""
    return json.dumps(framework_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(path: Path) -> None:
    """Write the schema to *path*, atomically."""
    atomic_write_text(path, framework_schema_text())


def schema_is_current(path: Path) -> bool:
    """Whether *path* holds exactly the schema the models give now."""
    try:
        return path.read_text(encoding="utf-8") == framework_schema_text()
    except OSError:
        return False
