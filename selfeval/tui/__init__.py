"""The terminal app a headteacher uses to work through a framework."""

from selfeval.tui.factory import make_app

__all__ = ["make_app"]
