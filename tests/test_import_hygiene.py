"""The domain knows nothing of the UI or the charts: importing it loads neither."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN = [
    "selfeval.errors",
    "selfeval.files.locate",
    "selfeval.files.toml",
    "selfeval.files.atomic",
    "selfeval.paths",
    "selfeval.framework",
    "selfeval.framework.catalog",
    "selfeval.framework.schema",
    "selfeval.evaluation",
    "selfeval.scoring",
    "selfeval.report.result",
    "selfeval.demo",
    "selfeval.cli",
]
FORBIDDEN = ("textual", "rich", "matplotlib")


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_imports_no_ui_or_charts(module: str) -> None:
    code = (
        f"import sys, {module}; "
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}); "
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"{module} imports {done.stdout.strip()}"


def test_the_app_starts_without_matplotlib() -> None:
    """The TUI start path must stay light: charts load only when exported."""
    code = "import sys, selfeval.tui, selfeval.cli; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
