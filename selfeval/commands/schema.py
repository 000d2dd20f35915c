"""`selfeval schema`: print, write or check the framework JSON Schema."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from selfeval.commands.common import EXIT_OK, EXIT_PROBLEM
from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework.schema import framework_schema_text, schema_is_current, write_schema

    output: Path | None = args.output
    if output is None and args.check:
        raise SelfevalError(
            "--check compares a schema file with the current schema, and needs that file",
            "name it with -o, e.g. selfeval schema --check -o frameworks/framework.schema.json",
        )
    if output is None:
        out.write(framework_schema_text())
    elif not args.check:
        write_schema(output)
        print(f"wrote {output}", file=out)
    elif schema_is_current(output):
        print(f"{output}: up to date", file=out)
    else:
        print(f"{output} is out of date; run `selfeval schema -o {output}`", file=out)
        return EXIT_PROBLEM
    return EXIT_OK
