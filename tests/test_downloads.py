"""The served app's downloads arrive whole or fail loudly: textual-serve gave up on a chunk
after four seconds and then cut the response off mid-file (seen in CI: half a Word plan)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

pytest.importorskip("textual_serve")

from selfeval.tui.downloads import DownloadStalled, PatientDownloads


class FakeApp:
    """An app process that answers each chunk request from *parts*, or never once they run
    out (``stall``), or with the cancelled download's ``None`` (``cancel``)."""

    app_service_id = "app"

    def __init__(self, manager: PatientDownloads, parts: list[bytes], end: str = "done") -> None:
        self.manager, self.parts, self.end, self.asked = manager, parts, end, 0

    async def send_meta(self, meta: dict[str, Any]) -> bool:
        self.asked += 1
        key = meta["key"]
        if self.parts:
            part = self.parts.pop(0)
            asyncio.get_running_loop().call_soon(
                asyncio.ensure_future, self.manager.chunk_received(key, part)
            )
        elif self.end == "done":
            await self.manager.chunk_received(key, b"")
        elif self.end == "cancel":
            await self.manager.cancel_app_downloads("app")
        return self.end != "gone"


async def _fetch(parts: list[bytes], end: str = "done", patience: float = 60.0) -> bytes:
    manager = PatientDownloads(patience)
    app = FakeApp(manager, parts, end)
    await manager.create_download(
        app_service=app,  # type: ignore[arg-type]
        delivery_key="k",
        file_name="plan.docx",
        open_method="download",
        mime_type="application/octet-stream",
    )
    try:
        return b"".join([chunk async for chunk in manager.download("k")])
    finally:
        assert "k" not in manager._active_downloads  # nothing left behind either way


async def test_a_file_arrives_whole() -> None:
    assert await _fetch([b"PK\x03\x04", b"middle", b"end"]) == b"PK\x03\x04middleend"


async def test_a_chunk_that_never_comes_fails_the_download_rather_than_ending_it() -> None:
    with pytest.raises(DownloadStalled, match="no part"):
        await _fetch([b"first"], end="stall", patience=0.05)


async def test_a_session_closed_part_way_fails_the_download() -> None:
    with pytest.raises(DownloadStalled, match="cancelled"):
        await _fetch([b"first"], end="cancel")


async def test_an_app_that_is_gone_fails_the_download() -> None:
    with pytest.raises(DownloadStalled, match="gone"):
        await _fetch([b"first"], end="gone")


def test_a_slow_app_is_given_far_longer_than_textual_serve_gave_it() -> None:
    from textual_serve.download_manager import DOWNLOAD_TIMEOUT

    assert PatientDownloads().patience >= 10 * DOWNLOAD_TIMEOUT
