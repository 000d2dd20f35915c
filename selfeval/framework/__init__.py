"""Frameworks as data: the models, the loader that checks them, and the JSON Schema.

`model` holds the pydantic model of a framework (its parts in `reference`, `stages` and
`sections`; the QI groups derived from it in `groups`), `loader` reads a file with its includes
and reports located problems, `checks` the whole-file rules, `catalog` finds frameworks by id,
`compiled` keeps a checked copy of each, and `schema` emits the JSON Schema editors use. The
package itself imports nothing heavy: a warm comparison finds its framework's facts through
`catalog` and `compiled` without loading pydantic at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfeval.framework.loader import load_framework
    from selfeval.framework.model import Framework

__all__ = ["Framework", "load_framework"]


def __getattr__(name: str) -> Any:
    """`Framework` and `load_framework`, imported when first asked for."""
    if name == "Framework":
        from selfeval.framework.model import Framework

        return Framework
    if name == "load_framework":
        from selfeval.framework.loader import load_framework

        return load_framework
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
