"""Every sheet of a published Excel workbook, read the one way selfeval reads a file someone
handed it: a regular file only (never a pipe or device), of bounded size, bytes read first.

openpyxl is imported only here and only when a workbook is read. Reading the bytes ourselves
also means no file handle is left open when openpyxl gives up on a damaged file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from selfeval.errors import SelfevalError, SpreadsheetError
from selfeval.files.toml import read_regular

__all__ = ["MAX_WORKBOOK_BYTES", "Rows", "workbook_sheets"]

MAX_WORKBOOK_BYTES = 50 * 1_048_576
"""Far larger than any published release (the biggest is under 1 MB), small enough to refuse."""

Rows = list[tuple[Any, ...]]

MAX_UNPACKED_BYTES = 200 * 1_048_576
"""What a workbook may unpack to: the published releases unpack to under 10 MB; a file made to
unpack to gigabytes (a zip bomb, 1.7 MB of it took 1.6 GB and a minute) is refused first."""


def workbook_sheets(path: Path) -> dict[str, Rows]:
    """Each sheet's rows of cell values, by sheet name, in the workbook's order."""
    import openpyxl

    raw = read_regular(path, SpreadsheetError, "spreadsheet", MAX_WORKBOOK_BYTES)
    _refuse_unpacking_too_much(path, raw)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise SelfevalError(
            f"{path} cannot be read as an Excel workbook ({type(exc).__name__})",
            "it may be damaged, password-protected or not an .xlsx file; open it in Excel, "
            "remove any password and save it again as .xlsx",
        ) from None
    sheets: dict[str, Rows] = {}
    try:
        for name in workbook.sheetnames:
            sheets[name] = [tuple(row) for row in workbook[name].iter_rows(values_only=True)]
    except Exception as exc:  # damage inside a sheet shows only as it is read
        raise SelfevalError(
            f"{path}: the sheet {name!r} is damaged ({type(exc).__name__})",
            "open it in Excel and save it again as .xlsx",
        ) from None
    finally:
        workbook.close()
    _refuse_uncalculated(path, raw, sheets)
    return sheets


def _refuse_uncalculated(path: Path, raw: bytes, sheets: dict[str, Rows]) -> None:
    """Refuse formulas whose values the file does not hold (a workbook written by a program,
    not saved by Excel): read as values, they are empty, and every grade in them would be
    dropped without a word."""
    import openpyxl

    if not any(value is None for rows in sheets.values() for row in rows for value in row):
        return  # no empty cell: nothing a formula could hide in
    formulas = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        for name in formulas.sheetnames:
            valued = sheets[name]
            for r, row in enumerate(formulas[name].iter_rows(values_only=True)):
                for c, cell in enumerate(row):
                    if isinstance(cell, str) and cell.startswith("=") and _empty(valued, r, c):
                        raise SelfevalError(
                            f"{path}: the sheet {name!r} has formulas whose values are not in "
                            f"the file (the first in row {r + 1}, column {c + 1}: {cell[:40]!r})",
                            "open the workbook in Excel and save it (Excel stores the values), "
                            "or copy the cells and paste them back as values",
                        )
    finally:
        formulas.close()


def _empty(rows: Rows, r: int, c: int) -> bool:
    """Whether the cell at row *r*, column *c* (from 0) holds no value."""
    return r >= len(rows) or c >= len(rows[r]) or rows[r][c] is None


def _refuse_unpacking_too_much(path: Path, raw: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than `MAX_UNPACKED_BYTES` (as its zip
    directory says; openpyxl reads the parts, and would find out by running out of memory)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as parts:
            unpacked = sum(part.file_size for part in parts.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: openpyxl says so in its own words
    if unpacked > MAX_UNPACKED_BYTES:
        raise SelfevalError(
            f"{path} unpacks to {unpacked / 1_048_576:,.0f} MB, far more than any published "
            "spreadsheet of grades",
            "use the Scottish Government's published spreadsheet as it was downloaded",
        )
