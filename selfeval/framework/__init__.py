"""Frameworks as data: the models, the loader that checks them, and the JSON Schema."""

from selfeval.framework.loader import load_framework
from selfeval.framework.model import (
    Framework,
    ImprovementAction,
    Indicator,
    Level,
    QIRef,
    ReferenceFramework,
    Scale,
    Section,
    Stage,
    Statement,
    Tag,
    Theme,
)

__all__ = [
    "Framework",
    "ImprovementAction",
    "Indicator",
    "Level",
    "QIRef",
    "ReferenceFramework",
    "Scale",
    "Section",
    "Stage",
    "Statement",
    "Tag",
    "Theme",
    "load_framework",
]
