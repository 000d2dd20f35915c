"""The domain knows nothing of the UI or the charts: importing it loads neither.

Two checks of one rule: import-linter's contracts in pyproject.toml (static: every import
statement, even one inside a function) and, here, a run-time check that importing each domain
module really loads none of the UI or chart libraries.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import selfeval

DOMAIN_PACKAGES = (
    "files",
    "framework",
    "evaluation",
    "scoring",
    "compare",
    "moderation",
    "schools",
)
DOMAIN_MODULES = ("errors", "paths", "demo", "cli", "report.result", "report.summary")
FORBIDDEN = ("textual", "rich", "matplotlib")


def _domain_modules() -> list[str]:
    found = [f"selfeval.{name}" for name in DOMAIN_MODULES]
    root = Path(selfeval.__file__).parent
    for package in DOMAIN_PACKAGES:
        found.append(f"selfeval.{package}")
        for module in pkgutil.iter_modules([str(root / package)]):
            found.append(f"selfeval.{package}.{module.name}")
    return sorted(found)


DOMAIN = _domain_modules()


def test_every_domain_module_is_checked() -> None:
    assert {"selfeval.compare.bulk", "selfeval.evaluation.progress", "selfeval.files.toml"} <= set(
        DOMAIN
    )


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


def test_import_contracts_hold() -> None:
    """The layers and the domain's independence, as declared in pyproject.toml."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command is not None, "import-linter is a test dependency: pip install '.[test]'"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [command, "--config", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_warm_comparison_loads_neither_pydantic_nor_the_framework_models(
    tmp_path: Path,
) -> None:
    """The second `compare` of the same files reads every record from the cache and the
    framework's facts from beside its compiled copy: pydantic (a third of a warm run's time)
    is never imported, and the figures are the same as the cold run's."""
    import os

    folder = tmp_path / "settings"
    env = {**os.environ, "SELFEVAL_CACHE": str(tmp_path / "cache")}
    run = [sys.executable, "-m", "selfeval"]
    subprocess.run([*run, "demo", str(folder), "--settings", "12"], env=env, check=True)
    code = (
        "import runpy, sys; sys.argv = ['selfeval', 'compare', sys.argv[1], '--format', 'json']\n"
        "try: runpy.run_module('selfeval', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pydantic', 'selfeval.evaluation',"
        " 'selfeval.framework.model')))\n"
        "print('LOADED', ','.join(loaded))\n"
    )

    def compare() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", code, str(folder)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        figures, _, loaded = done.stdout.rpartition("LOADED")
        return figures, loaded.strip()

    cold_figures, cold_loaded = compare()
    assert "pydantic" in cold_loaded  # the first run reads and checks every file
    warm_figures, warm_loaded = compare()
    assert warm_loaded == ""
    assert warm_figures == cold_figures
