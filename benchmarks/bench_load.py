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

from _timing import best_of, report

from selfeval.framework import load_framework
from selfeval.paths import bundled_frameworks_dir


def main() -> None:
    folder = bundled_frameworks_dir()
    rows = []
    for name in ("stem.toml", "hgios4-core.toml"):
        path = folder / name
        include = [folder / name for name in load_framework(path).include]
        texts = [p.read_text(encoding="utf-8") for p in [path, *include]]

        def bare(texts: list[str] = texts) -> None:
            for text in texts:
                tomllib.loads(text)

        baseline = best_of(bare, repeat=9, number=5)
        loaded = best_of(lambda path=path: load_framework(path), repeat=9, number=5)
        rows.append((f"load_framework({name})", loaded, "tomllib parse", baseline))
    report(rows)


if __name__ == "__main__":
    main()
