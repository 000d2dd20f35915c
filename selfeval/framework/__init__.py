"""Frameworks as data: the models, the loader that checks them, and the JSON Schema.

`model` holds the pydantic models (every type a framework is made of), `loader` reads a file
with its includes and reports located problems, `checks` the whole-file rules, `catalog` finds
frameworks by id, and `schema` emits the JSON Schema editors use.
"""

from selfeval.framework.loader import load_framework
from selfeval.framework.model import Framework

__all__ = ["Framework", "load_framework"]
