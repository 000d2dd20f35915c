"""selfeval: self-evaluation questionnaires for Scottish schools and ELC settings."""

__version__ = "0.1.0"
__all__ = ["__version__"]
