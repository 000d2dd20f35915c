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
        "light = {'selfeval.evaluation', 'selfeval.evaluation.years'}\n"  # no models: see years
        "loaded = sorted(m for m in sys.modules if m.startswith(('pydantic', 'selfeval.evaluation',"
        " 'selfeval.framework.model')) and m not in light)\n"
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


@pytest.mark.parametrize("package", ["selfeval.evaluation", "selfeval.framework"])
def test_every_name_a_lazy_package_offers_is_there(package: str) -> None:
    """The packages that load their modules on first use offer every name they list, each
    the function or class itself (never a submodule of the same name)."""
    import importlib
    import types

    module = importlib.import_module(package)
    for sub in pkgutil.iter_modules(module.__path__):  # loaded first: they may shadow a name
        importlib.import_module(f"{package}.{sub.name}")
    for name in module.__all__:
        found = getattr(module, name)
        assert not isinstance(found, types.ModuleType), f"{package}.{name} is a module"


def _loaded_at_first_screen(
    tmp_path: Path,
    prefixes: tuple[str, ...],
    *argv: str,
    probe: str = "''",
    opened: bool = False,
) -> list[str]:
    """Run `selfeval --responses FOLDER *argv* twice, each in a new process sharing one cache,
    and say which modules starting with *prefixes* each had loaded by its first screen (and
    what the expression *probe* was then); with *opened*, once its evaluation is open (a
    reopened one opens just after its first statement is drawn)."""
    import os

    code = (
        "import sys\n"
        "from textual.app import App\n"
        "run = App.run\n"
        "seen = []\n"
        "def first(self, *a, **k):\n"
        "    def done():\n"
        f"        if {opened} and self.session is None:\n"
        "            return self.set_timer(0.01, done)\n"
        f"        seen.extend(m for m in sys.modules if m.startswith({prefixes!r}))\n"
        f"        seen.append(str({probe}))\n"
        "        self.exit()\n"
        "    self.call_later(lambda: self.call_after_refresh(done))\n"
        "    return run(self, headless=True)\n"
        "App.run = first\n"
        "import selfeval.tui.launch as launch\n"
        "launch.has_terminal = lambda: True\n"
        "from selfeval.cli import main\n"
        "main(['--responses', *sys.argv[1:]])\n"
        "print('LOADED', ','.join(sorted(seen)))\n"
    )
    env = {**os.environ, "SELFEVAL_CACHE": str(tmp_path / "cache")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    command = [sys.executable, "-c", code, str(tmp_path / "responses"), *argv]
    done = [
        subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in done), done[-1].stderr
    return [r.stdout.split("LOADED")[-1].strip() for r in done]


def test_the_start_screen_opens_without_pydantic(tmp_path: Path) -> None:
    """`selfeval` draws its start screen from facts kept beside the compiled framework: on the
    second start neither pydantic nor the models are imported before it is on screen."""
    models = ("pydantic", "selfeval.evaluation.model", "selfeval.framework.model")
    first, second = _loaded_at_first_screen(tmp_path, models)
    assert "pydantic" in first  # the first start derives the facts from the framework
    assert second == ""  # only the probe's ''


def test_reopening_an_evaluation_reads_no_package_metadata(tmp_path: Path) -> None:
    """Pydantic looks for plugins in every installed package's metadata the first time it
    builds a validator (12 ms of opening an evaluation); selfeval uses none, and says so."""
    reopen = ("--setting", "Oakfield", "--stage", "primary")
    found = "sys.modules['pydantic.plugin._loader']._plugins"  # None until they are looked for
    for loaded in _loaded_at_first_screen(
        tmp_path, ("pydantic.main",), *reopen, probe=found, opened=True
    ):
        assert loaded == "None,pydantic.main"  # sorted: the probe, then the module


def test_a_reopened_evaluation_shows_its_statement_before_pydantic_loads(tmp_path: Path) -> None:
    """`selfeval --setting NAME` on a saved evaluation draws the statement it stopped at from
    a first look at the file and facts kept beside the compiled framework: neither pydantic
    nor the models are imported before it is on screen (they load straight after)."""
    models = ("pydantic", "selfeval.evaluation.model", "selfeval.framework.model")
    reopen = ("--setting", "Oakfield", "--stage", "primary")
    first, second = _loaded_at_first_screen(tmp_path, models, *reopen)
    assert "pydantic" in first  # the first start makes the evaluation (and keeps the facts)
    assert second == ""  # only the probe's ''
    opened = _loaded_at_first_screen(tmp_path, (*models, "matplotlib"), *reopen, opened=True)
    assert all("selfeval.evaluation.model" in loaded for loaded in opened)
    assert not any("matplotlib" in loaded for loaded in opened)  # charts: only for results
