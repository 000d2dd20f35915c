"""Load + validate the bundled frameworks, against a bare tomllib parse of the same bytes.

Run: python benchmarks/bench_load.py
The ratio is what matters (machines are noisy): how much dearer a fully checked framework with
located errors is than merely parsing its TOML.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, best_of, print_table

from selfeval.framework import load_framework
from selfeval.paths import bundled_frameworks_dir


def rows() -> list[Row]:
    """Framework load + validation against a bare tomllib parse of the same files."""
    folder = bundled_frameworks_dir()
    out = []
    for name in ("stem.toml", "hgios4-core.toml"):
        path = folder / name
        include = [folder / name for name in load_framework(path).include]
        texts = [p.read_text(encoding="utf-8") for p in [path, *include]]

        def bare(texts: list[str] = texts) -> None:
            for text in texts:
                tomllib.loads(text)

        baseline = best_of(bare, repeat=9, number=5)

        def load(path: Path = path) -> None:
            load_framework(path)

        loaded = best_of(load, repeat=9, number=5)
        out.append(Row(f"load + validate {name}", loaded, "tomllib parse of its files", baseline))
    return out


def main() -> None:
    print_table(rows())


if __name__ == "__main__":
    main()
