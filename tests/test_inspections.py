"""The published inspection-grades spreadsheet: imported faithfully, quirks and all."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from selfeval.cli import main
from selfeval.compare.inspections_xlsx import import_workbook, infer_stage
from selfeval.errors import SelfevalError

from .conftest import SHARED_DATA

XLSX = SHARED_DATA / "foi-202500457731-inspections.xlsx"
HGIOS4 = datetime(2016, 9, 1)
needs_xlsx = pytest.mark.skipif(
    not XLSX.exists(), reason="the FOI spreadsheet is not in ../shared/data on this machine"
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inspections")
    assert main(["import-inspections", str(XLSX), "-o", str(folder)]) == 0
    return folder / "inspections.toml"


def _independent_counts() -> dict[str, Counter[int]]:
    """Grades 1-6 per HGIOS4 QI, counted straight from the sheet with no selfeval code."""
    workbook = openpyxl.load_workbook(XLSX, read_only=True, data_only=True)
    rows = list(workbook["Public and Grant aided schools"].iter_rows(values_only=True))
    workbook.close()
    header = list(rows[1])
    when = header.index("Inspection Date")
    counts: dict[str, Counter[int]] = {}
    for qi in ("1.1", "1.3", "2.3", "3.1", "3.2"):
        column = header.index(f"QI {qi}")
        counts[qi] = Counter(
            row[column]
            for row in rows[2:]
            if isinstance(row[column], int)
            and 1 <= row[column] <= 6
            # QI 1.1 is HGIOS4's only in inspections from September 2016 (the short model)
            and (qi != "1.1" or (isinstance(row[when], datetime) and row[when] >= HGIOS4))
        )
    return counts


@needs_xlsx
def test_national_distribution_equals_an_independent_count(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["compare", str(imported), "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    national = data["comparisons"][0]
    assert national["kind"] == "inspection"
    assert national["settings"] == 1323  # the schools with an HGIOS4 grade, of 2439 listed
    expected = _independent_counts()
    assert [q["qi"] for q in national["qis"]] == ["1.1", "1.3", "2.3", "3.1", "3.2"]
    assert sum(expected["1.1"].values()) == 59  # the 2017-18 short-model inspections
    for qi in national["qis"]:
        assert qi["counts"] == {str(v): expected[qi["qi"]][v] for v in range(6, 0, -1)}
        assert qi["with_level"] == sum(expected[qi["qi"]].values())
        assert qi["left_out"] == 0  # a school not graded on a QI is not "no level" on it


@needs_xlsx
def test_old_grades_can_be_left_out_and_the_brief_says_who_is_counted(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A grade of 2016 says little of a school in 2026: --inspected-since leaves older ones
    out and says how many; the brief names the population (graded schools) and the period."""
    out = tmp_path / "out"
    assert main(["compare", str(imported), "-o", str(out), "--inspected-since", "March 2020"]) == 0
    said = capsys.readouterr().err
    assert "1116 schools in the inspection files have no HGIOS4 grade" in said
    assert "schools graded before 01 March 2020 are not counted" in said
    brief = (out / "summary.md").read_text(encoding="utf-8")
    heading = next(line for line in brief.splitlines() if line.startswith("## Inspection"))
    assert (
        "Scotland's local-authority and grant-aided schools, 617 with an HGIOS4 grade, "
        "inspected March 2020 to" in heading
    )
    assert "confirmed" not in brief  # inspection grades are not "confirmed or suggested"
    assert main(["compare", str(imported), "--format", "json", "--inspected-since", "soon"]) == 2
    assert "is not a date" in capsys.readouterr().err


@needs_xlsx
def test_quirks_are_survived() -> None:
    data, report = import_workbook(XLSX)
    assert report.rows == 2439 and not report.skipped
    records = {r.seed_code: r for r in data.records}
    authorities = {r.authority for r in data.records}
    assert len(authorities) == 33  # 32 councils and "Grant aided", stray spaces tidied
    assert all(a == a.strip() for a in authorities)
    never = [r for r in data.records if r.inspection_note]
    assert never and all(r.inspection_date is None for r in never)
    assert any(r.inspection_note == "not since opened -2018/19" for r in never)
    assert any(r.publication_note == "inspection in progress" for r in data.records)
    seaton = records["5241529"]
    assert seaton.grades == {} and seaton.previous_model["1.1"] == 4
    assert "as at 1 April 2025" in data.source


@needs_xlsx
def test_self_evaluations_and_inspections_side_by_side(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo"
    main(["demo", str(demo), "--settings", "8"])
    out = tmp_path / "out"
    assert main(["compare", str(demo), str(imported), "-o", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    # schools' HGIOS4 apart from nurseries' QIs; inspection grades are of HGIOS4's alone
    assert {"distribution-self-evaluation-hgios4.png", "distribution-inspection.png"} <= names


def test_stage_is_inferred_from_the_name() -> None:
    assert infer_stage("Seaton Primary School") == "primary"
    assert infer_stage("Kilwood Academy") == "secondary"
    assert infer_stage("Hospital & Home Tuition Service") is None


def test_grades_as_formulas_without_values_are_refused_not_dropped(tmp_path: Path) -> None:
    """A workbook written by a program has formulas but not their values: read as values every
    grade would be empty and dropped without a word. It is refused, saying what to do."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Public and Grant aided schools"
    sheet.append(["SEED", "LA Name", "School Name", "Inspection Date", "Publication Date",
                  "QI 1.3", "QI 2.3", "QI 3.1", "QI 3.2"])  # fmt: skip
    sheet.append(["5244439", "Aberdeen City", "Oakfield Primary", "2023-05-01", "2023-06-01",
                  "=4", "=5", "=4", "=3"])  # fmt: skip
    path = tmp_path / "formulas.xlsx"
    workbook.save(path)
    with pytest.raises(SelfevalError, match="formulas whose values are not in the file") as found:
        import_workbook(path)
    assert "save it" in str(found.value.hint)


@needs_xlsx
def test_a_sheet_of_the_same_layout_left_out_is_said() -> None:
    """The independent schools' sheet has the same columns: it is left out, and said."""
    _, report = import_workbook(XLSX)
    assert report.unread == ["Independent Schools"]
    assert "not read: 'Independent Schools'" in report.describe()


def test_corrupt_xlsx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SelfevalError, match="cannot be read as an Excel workbook"):
        import_workbook(bad)


def test_password_protected_xlsx(tmp_path: Path) -> None:
    """Excel saves protected workbooks as OLE compound files, not zip files."""
    protected = tmp_path / "protected.xlsx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(SelfevalError, match="password-protected"):
        import_workbook(protected)


def test_different_layout(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Public and Grant aided schools"
    sheet.append(["INFORMATION AS AT 1 APRIL 2030"])
    sheet.append(
        ["SEED", "LA Name", "School Name", "Inspection Date", "Publication Date", "QI 9.9"]
    )
    path = tmp_path / "other.xlsx"
    workbook.save(path)
    with pytest.raises(SelfevalError, match=r"different layout: no column 'QI 1\.3'"):
        import_workbook(path)


def test_wrong_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    path = tmp_path / "other.xlsx"
    workbook.save(path)
    with pytest.raises(SelfevalError, match="has no sheet called"):
        import_workbook(path)


def test_import_cli_errors_are_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-inspections", str(tmp_path / "none.xlsx"), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err


def test_a_damaged_inspections_file_is_left_out_with_its_line_and_key(tmp_path: Path) -> None:
    from datetime import datetime

    from selfeval.compare.collect import collect
    from selfeval.compare.inspections import InspectionFile, InspectionRecord, save_inspections

    record = InspectionRecord(seed_code="1234567", name="Kilwood Primary", authority="Fife",
                              grades={"1.3": 4, "2.3": 5})  # fmt: skip
    path = tmp_path / "inspections.toml"
    grades = InspectionFile(source="test", imported=datetime(2025, 6, 1), records=(record,))
    save_inspections(grades, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"2.3" = 5', '"2.3" = 9'), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if '"2.3" = 9' in row)
    collection = collect([path])
    assert not collection.records
    [left] = collection.left_out
    assert (
        left.reason
        == f'{path}:{line}: records[0].grades."2.3": 9 is too large: it must be at most 6'
    )


def test_an_earlier_release_with_a_sheet_per_inspection_model(tmp_path: Path) -> None:
    """Earlier releases put each inspection model on its own sheet, with other column names
    (Seed No., Centre): every sheet is read, a school on two sheets counts once (its latest
    inspection), a unit listed beside its school at the same inspection adds its grades, and
    the council comes from the school directory where the release has none."""
    from datetime import datetime

    workbook = openpyxl.Workbook()
    full = workbook.active
    assert full is not None
    full.title = "2016-2020 (4 QI graded)"
    full.append(["Schools inspected with four QIs graded"])
    full.append(["Seed No.", "Centre", "Inspection Date", "QI 1.3", "QI 2.3", "QI 3.1", "QI 3.2"])
    full.append(["5243432", "Hazlehead Academy", datetime(2017, 3, 6), 4, 4, 5, 4])
    full.append(["1234567", "Glenbrae Primary School", datetime(2018, 5, 14), 3, 4, 4, 3])
    short = workbook.create_sheet("2017-2020 (2 QI graded)")
    short.append(["Seed No.", "Centre", "Inspection Date", "QI 1.1", "QI 2.3", "QI 3.2"])
    short.append(["5243432", "Hazlehead Academy", datetime(2019, 11, 4), 5, None, 4])
    short.append(["7654321", "Kilbrae Gaelic Unit", datetime(2018, 2, 5), None, 4, None])
    short.append(["7654321", "Kilbrae Primary School", datetime(2018, 2, 5), 3, None, 3])
    path = tmp_path / "foi-2020.xlsx"
    workbook.save(path)

    data, report = import_workbook(path)
    records = {r.seed_code: r for r in data.records}
    assert len(records) == 3 and report.duplicates == 2
    hazlehead = records["5243432"]
    assert hazlehead.inspection_date is not None and hazlehead.inspection_date.year == 2019
    assert hazlehead.grades == {"1.1": 5, "3.2": 4}  # the latest inspection, short model
    assert hazlehead.authority == "Aberdeen City"  # from the school directory by SEED
    assert records["7654321"].grades == {"1.1": 3, "2.3": 4, "3.2": 3}
    assert records["1234567"].grades == {"1.3": 3, "2.3": 4, "3.1": 4, "3.2": 3}
    assert "2016-2020 (4 QI graded)" in data.source
    assert "2 rows repeat a school and are counted once" in report.describe()


def test_a_workbook_that_unpacks_to_far_too_much_is_refused_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few MB of zip can unpack to gigabytes: the size its parts declare is checked before
    openpyxl reads them (here with the limit lowered, on a workbook of a few parts)."""
    import openpyxl

    from selfeval.files import workbook as module

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["x" * 1000] * 50)
    path = tmp_path / "big.xlsx"
    book.save(path)
    monkeypatch.setattr(module, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(SelfevalError, match="unpacks to"):
        import_workbook(path)


def test_control_characters_and_bidi_overrides_in_a_workbook_are_not_kept(
    tmp_path: Path,
) -> None:
    """A workbook's text can hold C1 controls (0x9B starts a terminal escape on its own) and
    bidirectional overrides (U+202E shows a name in another order than it is stored). Kept,
    they reached inspections.toml and summary.csv, and whoever printed or opened them; they
    are left out as the workbook is read (its school names, councils, notes, sheet names)."""
    import re

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "2016-2020 (4\u202e QI graded)"  # an earlier release: its sheet names the source
    sheet.append(["Seed No.", "Centre", "LA Name", "Inspection Date", "QI 1.3", "QI 2.3",
                  "QI 3.1", "QI 3.2", "Note"])  # fmt: skip
    note = "Inspected\x85as part of\u202a a cluster"
    sheet.append(["5244439", "Oak\u202efield\x9b2J Primary\u2066", "Fi\x7ffe",
                  datetime(2023, 5, 1), 4, 5, 4, 3, note])  # fmt: skip
    path = tmp_path / "grades\x9b.xlsx"
    workbook.save(path)
    out = tmp_path / "grades"
    assert main(["import-inspections", str(path), "-o", str(out)]) == 0
    assert main(["compare", str(out / "inspections.toml"), "-o", str(tmp_path / "cmp")]) == 0

    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    kept = (out / "inspections.toml").read_text(encoding="utf-8")
    summary = (tmp_path / "cmp" / "summary.csv").read_text(encoding="utf-8-sig")
    assert not control.search(kept), control.findall(kept)
    assert not control.search(summary), control.findall(summary)
    assert 'name = "Oakfield2J Primary"' in kept
    assert 'authority = "Fife"' in kept
    assert 'note = "Inspected as part of a cluster"' in kept
    assert "2016-2020 (4 QI graded)" in kept and "grades.xlsx" in kept
    assert "Oakfield2J Primary" in summary
