"""Fuzzing the loaders: whatever the bytes, a result or a clear error comes back, never a crash."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.compare.inspections_xlsx import import_workbook
from selfeval.errors import SelfevalError
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.framework import load_framework

from .conftest import DATA
from .strategies import evaluations

FUZZ = settings(
    max_examples=int(os.environ.get("SELFEVAL_FUZZ_EXAMPLES", "150")),  # more for a long fuzz run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _explained(exc: SelfevalError) -> bool:
    """A user-facing error says something."""
    return bool(str(exc).strip())


MINIMAL = (DATA / "valid" / "minimal.toml").read_bytes()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """*original* with a few bytes deleted, replaced or inserted, as damage or typing would."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["delete", "replace", "insert"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "delete":
            del data[at : at + len(chunk)]
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = chunk
    return bytes(data)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=400), mutated(MINIMAL)))
def test_framework_loader_never_crashes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    try:
        load_framework(path)
    except SelfevalError as exc:
        assert _explained(exc)  # noqa: PT017


@st.composite
def damaged_evaluations(draw: st.DrawFn) -> bytes:
    evaluation = draw(evaluations(["mini-01", "mini-02", "mini-03"], [1, 2, 3]))
    return draw(mutated(dump_evaluation(evaluation).encode("utf-8")))


@FUZZ
@given(raw=st.one_of(st.binary(max_size=400), damaged_evaluations()))
def test_evaluation_loader_never_crashes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(raw)
    try:
        load_evaluation(path)
    except SelfevalError as exc:
        assert _explained(exc)  # noqa: PT017


def _small_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Public and Grant aided schools"
    sheet.append(["INFORMATION AS AT 1 APRIL 2025"])
    sheet.append(["SEED", "LA Name", "School Name", "Inspection Date", "Publication Date",
                  "QI 1.3", "QI 2.3", "QI 3.2", "QI 3.1", "Note"])  # fmt: skip
    sheet.append([1234567, "Fife Council ", "Oak Primary\xa0", 45000, "x", 4, 0, "No QIs", 5, ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _small_workbook()


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """The workbook with its XML parts damaged inside a valid zip, or its zip bytes damaged."""
    if draw(st.booleans()):
        return draw(mutated(WORKBOOK))
    source = zipfile.ZipFile(io.BytesIO(WORKBOOK))
    out = io.BytesIO()
    victim = draw(st.sampled_from(source.namelist()))
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == victim:
                content = draw(mutated(content))
            target.writestr(name, content)
    return out.getvalue()


@FUZZ
@given(raw=damaged_workbooks())
def test_xlsx_importer_never_crashes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(raw)
    try:
        data, _ = import_workbook(path)
    except SelfevalError as exc:
        assert _explained(exc)  # noqa: PT017
    else:
        assert all(1 <= g <= 6 for r in data.records for g in r.grades.values())


def test_small_workbook_quirks(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    path.write_bytes(WORKBOOK)
    data, report = import_workbook(path)
    record = data.records[0]
    assert (record.name, record.authority) == ("Oak Primary", "Fife Council")
    assert record.inspection_date is not None and record.inspection_date.year == 2023
    assert record.publication_note == "x"
    assert record.grades == {"1.3": 4, "3.1": 5}
    assert record.stage == "primary"
    assert report.graded == 1


@pytest.mark.parametrize("raw", [b"", b"PK\x05\x06" + b"\x00" * 18])
def test_empty_and_hollow_xlsx(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(raw)
    with pytest.raises(SelfevalError):
        import_workbook(path)


def test_damaged_sheet_xml_is_reported_and_the_file_closed(tmp_path: Path) -> None:
    """Found by fuzzing: openpyxl left the file open when a sheet's XML was damaged."""
    source = zipfile.ZipFile(io.BytesIO(WORKBOOK))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(name, content)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(SelfevalError, match=r"damaged|cannot be read"):
        import_workbook(path)  # a leaked handle would fail this test (warnings are errors)


def _inspection_file() -> bytes:
    from datetime import datetime

    import tomli_w

    from selfeval.compare.inspections import InspectionFile, InspectionRecord

    record = InspectionRecord(seed_code="1234567", name="Kilwood Primary", authority="Fife",
                              grades={"1.3": 4, "2.3": 5})  # fmt: skip
    data = InspectionFile(source="test", imported=datetime(2025, 6, 1), records=(record,))
    dumped = data.model_dump(mode="python", exclude_none=True)
    return tomli_w.dumps(dumped).encode("utf-8")


INSPECTIONS = _inspection_file()


@FUZZ
@given(raw=st.one_of(st.binary(max_size=400), mutated(INSPECTIONS)))
def test_inspection_records_never_crash(raw: bytes) -> None:
    """Any bytes in an inspection-grades file: grades, or an error at its line and key."""
    from selfeval.compare.inspections import load_inspections
    from selfeval.errors import InspectionsError
    from selfeval.files.toml import parse_toml

    try:
        doc = parse_toml(Path("inspections.toml"), raw, InspectionsError, "inspections")
        load_inspections(doc)
    except SelfevalError as exc:
        assert _explained(exc)  # noqa: PT017


def _cached_payload() -> str:
    from selfeval.compare.bulk import encode
    from selfeval.compare.reading import read_one

    source = DATA / "golden" / "evaluations" / "balburn-nursery.stem.2026-27.toml"
    return encode(read_one(source, source.read_bytes(), None))


PAYLOAD = _cached_payload()


@FUZZ
@given(
    text=st.one_of(
        st.text(max_size=300),
        mutated(PAYLOAD.encode("utf-8")).map(lambda b: b.decode("utf-8", "replace")),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["scored", "unreadable", "reason", "when"]), inner
                )
            ),
            max_leaves=12,
        ).map(json.dumps),
    )
)
def test_any_cache_row_payload_is_a_result_or_ignored(text: str) -> None:
    """A cache row another version (or damage) wrote is read as a result or ignored (None),
    never an exception: compare then reads the file itself."""
    from selfeval.compare.bulk import decode
    from selfeval.compare.results import Scored, Unreadable

    found = decode(text, Path("x.toml"))
    assert found is None or isinstance(found, Scored | Unreadable)


def test_the_real_payload_round_trips() -> None:
    from selfeval.compare.bulk import decode
    from selfeval.compare.results import Scored

    found = decode(PAYLOAD, Path("x.toml"))
    assert isinstance(found, Scored) and found.record.name == "Balburn Nursery"
