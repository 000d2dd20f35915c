"""`selfeval serve`: the evaluation app in a web browser."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import EXIT_OK, responses

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework.catalog import find_framework
    from selfeval.tui.serve import serve

    path, _ = find_framework(args.framework)  # fail here, not in every browser session
    serve(path, responses(args), args.host, args.port, out, args.key)
    return EXIT_OK
