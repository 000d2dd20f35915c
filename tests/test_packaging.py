"""A school gets selfeval as a wheel, without the source tree (issue 32).

The release is built as the README's maintainers' section says (`python -m build`: the sdist,
and the wheel made from the sdist, so the sdist is proved to carry everything), checked with
`twine check --strict`, installed into a fresh virtual environment, and run from a folder
that is not the checkout, the way a headteacher runs it. Everything selfeval reads at run
time must come from the installed package: the frameworks, their schema, the app's
stylesheet and the school directory.

Slow (a minute or two): it installs build, twine and selfeval's dependencies from the package
registry (or pip's cache) into new virtual environments.
"""

from __future__ import annotations

import html
import os
import re
import select
import signal
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from selfeval import __version__

from .conftest import REPO

pytestmark = pytest.mark.slow

BOUND = 600.0
"""Seconds after which a command that has not ended fails the test (a bound on a hang, never
a wait: every step waits for its process to exit)."""

WHEEL = f"selfeval-{__version__}-py3-none-any.whl"
SDIST = f"selfeval-{__version__}.tar.gz"


@dataclass(frozen=True)
class Ran:
    """A command that ran to its end."""

    code: int
    out: str
    err: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out[-3000:]}\n--- stderr\n{self.err[-3000:]}"


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> Ran:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=BOUND,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def _ok(args: list[str | Path], cwd: Path, env: dict[str, str]) -> Ran:
    ran = _run(args, cwd, env)
    assert ran.code == 0, f"{' '.join(map(str, args))}: {ran}"
    return ran


def _outside_env() -> dict[str, str]:
    """This environment without what would let a new virtual environment see the checkout or
    the test environment's packages."""
    left_out = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONSAFEPATH"}
    return {k: v for k, v in os.environ.items() if k not in left_out}


def _venv(folder: Path, env: dict[str, str]) -> Path:
    """A fresh virtual environment in *folder*, and the folder of its commands."""
    _ok([sys.executable, "-m", "venv", folder], folder.parent, env)
    return folder / ("Scripts" if sys.platform == "win32" else "bin")


def _release_tools() -> list[str]:
    """build and twine as the dev extra names them: the versions maintainers release with."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = [s for s in project["optional-dependencies"]["dev"] if re.match(r"(build|twine)\b", s)]
    assert len(tools) == 2, f"the dev extra names build and twine: {tools}"
    return tools


def _bundled_files() -> list[PurePosixPath]:
    """The files of the checkout's frameworks folder, as the package carries them."""
    folder = REPO / "frameworks"
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".toml", ".json")]
    assert any(p.parent.name == "common" for p in found) and (folder / "stem.toml") in found
    return [PurePosixPath("selfeval/frameworks", p.relative_to(folder).as_posix()) for p in found]


def _package_data() -> list[PurePosixPath]:
    """Every file of the package that is not Python: each is read at run time."""
    return [
        PurePosixPath(p.relative_to(REPO).as_posix())
        for p in (REPO / "selfeval").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc")
    ]


def _check_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = {PurePosixPath(n) for n in archive.namelist()}
        metadata = archive.read(f"selfeval-{__version__}.dist-info/METADATA").decode()
        scripts = archive.read(f"selfeval-{__version__}.dist-info/entry_points.txt").decode()
    wanted = [
        *_bundled_files(),
        *_package_data(),
        PurePosixPath("selfeval/frameworks/framework.schema.json"),
        PurePosixPath("selfeval/tui/selfeval.tcss"),
        PurePosixPath("selfeval/schools/schools.csv"),
        PurePosixPath("selfeval/__init__.py"),
        PurePosixPath("selfeval/cli.py"),
    ]
    missing = [str(p) for p in wanted if p not in names]
    assert not missing, f"the wheel lacks {missing}"
    tops = {p.parts[0] for p in names}
    assert tops == {"selfeval", f"selfeval-{__version__}.dist-info"}, tops
    strays = sorted(
        str(p)
        for p in names
        if any(part in ("tests", "benchmarks", "__pycache__", "conftest.py") for part in p.parts)
        or p.name.startswith("test_")
        or p.suffix == ".pyc"
    )
    assert not strays, f"the wheel carries tests or compiled files: {strays}"
    assert "Requires-Python: >=3.11" in metadata
    assert "Description-Content-Type: text/markdown" in metadata
    assert "selfeval = selfeval.cli:main" in scripts


def _check_sdist(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {PurePosixPath(*PurePosixPath(n).parts[1:]) for n in archive.getnames()}
    wanted = [
        PurePosixPath("pyproject.toml"),
        PurePosixPath("README.md"),
        PurePosixPath("PKG-INFO"),
        *(PurePosixPath("frameworks", *p.parts[2:]) for p in _bundled_files()),
        *_package_data(),
    ]
    missing = [str(p) for p in wanted if p not in names]
    assert not missing, f"the sdist lacks {missing}"
    strays = sorted({p.parts[0] for p in names if p.parts} - {
        "selfeval", "frameworks", "tests", "README.md", "pyproject.toml", "PKG-INFO", ".gitignore"
    })  # fmt: skip
    assert not strays, f"the sdist carries {strays}"


def _frameworks_listed(listing: str, site: Path) -> dict[str, Path]:
    """Each framework `selfeval frameworks` lists, by id, with the file it names."""
    found: dict[str, Path] = {}
    for block in re.split(r"\n(?=\S)", listing.strip()):
        ident = block.split()[0]
        found[ident] = Path(block.splitlines()[-1].strip())
    for ident, path in found.items():
        assert path.is_relative_to(site / "selfeval" / "frameworks"), (ident, path, site)
    return found


def _word_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[@-_][0-?]*[ -/]*[@-~]?")


def _app_starts_and_quits(selfeval: Path, cwd: Path, env: dict[str, str]) -> None:
    """`selfeval` in a real 80x24 terminal shows its start screen (its stylesheet read from the
    installed package: a missing one stops the app with an error) and quits on Ctrl+Q."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    terminal = {**env, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen(
        [selfeval], cwd=cwd, env=terminal, stdin=child, stdout=child, stderr=child,
        start_new_session=True,
    )  # fmt: skip
    os.close(child)
    seen = b""

    def screen() -> str:
        text = ESCAPES.sub(b"", seen).replace(b"\r", b"").replace(b"\n", b"")
        return text.decode(errors="replace")

    def read() -> bool:
        """Whatever the terminal shows next (False once it is closed)."""
        nonlocal seen
        ready, _, _ = select.select([main], [], [], BOUND)
        if not ready:
            return False
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the app has ended and closed the terminal
            return False
        seen += chunk
        return bool(chunk)

    try:
        while "Welcome to selfeval" not in screen():
            assert read(), f"the app ended or hung before its start screen: {screen()[-1500:]}"
        os.write(main, b"\x11")  # Ctrl+Q
        while read():  # until the app has closed the terminal
            pass
        assert process.wait(timeout=BOUND) == 0, screen()[-1500:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(main)


def test_the_wheel_installs_and_runs_without_the_source_tree(tmp_path: Path) -> None:
    env = _outside_env()

    # The release, built and checked as a maintainer does, from the checkout.
    tools = _venv(tmp_path / "tools", env)
    _ok([tools / "python", "-m", "pip", "install", "-q", *_release_tools()], tmp_path, env)
    dist = tmp_path / "dist"
    _ok([tools / "python", "-m", "build", "--outdir", dist, REPO], tmp_path, env)
    assert sorted(p.name for p in dist.iterdir()) == sorted([WHEEL, SDIST])
    checked = _ok([tools / "twine", "check", "--strict", *sorted(dist.iterdir())], tmp_path, env)
    assert checked.out.count("PASSED") == 2, checked
    _check_wheel(dist / WHEEL)
    _check_sdist(dist / SDIST)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"selfeval-\d[^\s/\\`'\"]*?\.whl", readme))
    assert named == {WHEEL}, f"the README names the wheel {named}, the build made {WHEEL}"

    # A school's computer: a new environment with the wheel alone, used from its own folder.
    school = tmp_path / "school"
    school.mkdir()
    bin_dir = _venv(school / "venv", env)
    _ok([bin_dir / "python", "-m", "pip", "install", "-q", dist / WHEEL], school, env)
    work = school / "work"
    work.mkdir()
    assert not work.is_relative_to(REPO)
    selfeval = bin_dir / "selfeval"
    python = bin_dir / "python"
    package = _ok([python, "-c", "import selfeval; print(selfeval.__file__)"], work, env).out
    site = Path(package.strip()).parent.parent
    assert site.is_relative_to(school / "venv"), f"selfeval imported from {site}, not the wheel"

    assert _ok([selfeval, "--version"], work, env).out.strip() == f"selfeval {__version__}"

    listing = _ok([selfeval, "frameworks"], work, env).out
    listed = _frameworks_listed(listing, site)
    assert set(listed) == {"stem", "hgios4-core"}, listing
    assert "STEM self-evaluation" in listing and str(REPO) not in listing

    for ident, path in listed.items():
        said = _ok([selfeval, "validate", path], work, env).out
        assert f"{path}: ok ({ident} " in said and "warning" not in said, said
    schema = site / "selfeval" / "frameworks" / "framework.schema.json"
    said = _ok([selfeval, "schema", "--check", "-o", schema], work, env).out
    assert "up to date" in said, said  # the shipped schema is the installed models'

    made = _ok([selfeval, "demo", "demo", "--settings", "3"], work, env).out
    assert "wrote 3 synthetic evaluations" in made, made
    evaluations = sorted((work / "demo").glob("*.toml"))
    assert len(evaluations) == 3, evaluations
    first = evaluations[0]
    name = tomllib.loads(first.read_text(encoding="utf-8"))["setting"]["name"]

    said = _ok([selfeval, "plan", first.relative_to(work), "-o", "plan.docx"], work, env).out
    assert "wrote plan.docx" in said, said
    assert name in _word_text(work / "plan.docx")

    directory = "from selfeval.schools import directory; print(len(directory.load_directory()))"
    assert int(_ok([python, "-c", directory], work, env).out) > 1000

    if sys.platform != "win32":
        _app_starts_and_quits(selfeval, work, env)
