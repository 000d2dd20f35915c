"""The JSON Schema of framework files, generated from the models so it can never drift from them.

Editors that read a ``#:schema ./framework.schema.json`` first line (Taplo, Even Better TOML)
use it for completion and inline checking while an author writes a framework.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from selfeval.files.atomic import atomic_write_text
from selfeval.files.docstrings import field_docs
from selfeval.framework.model import Framework

__all__ = ["framework_schema", "framework_schema_text", "schema_is_current", "write_schema"]


def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for a framework file."""
    schema = Framework.model_json_schema(mode="validation")
    models = _models(Framework)
    _describe_fields(schema, Framework)
    for name, part in schema.get("$defs", {}).items():
        if name in models:
            _describe_fields(part, models[name])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def _describe_fields(part: dict[str, Any], model: type[BaseModel]) -> None:
    """Give each property of *part* the docstring written under its field in *model*."""
    docs = field_docs(model)
    properties = part.get("properties", {})
    for name, info in model.model_fields.items():
        prop = properties.get(info.alias or name)
        if prop is not None and name in docs and "description" not in prop:
            prop["description"] = docs[name]


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from *root*'s fields, by class name (the schema's $defs keys)."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            todo.extend(info.annotation for info in item.model_fields.values())
        else:
            todo.extend(typing.get_args(item))
    return found


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
