"""Downloads from the served app that arrive whole or not at all.

textual-serve asks the app process for a file 64 KB at a time and gives up on a chunk after
four seconds; giving up, it then calls ``task_done`` on a queue it took nothing from, so the
response is cut off mid-file. On a busy laptop (or a loaded test machine) the app can take
longer than that to answer while it draws, and the browser got half a Word plan. Here a chunk
is waited for as long as the app is plausibly still there; if it never comes, the download
is broken off so the browser reports it failed, never saved as a file that looks complete.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from textual_serve.download_manager import DOWNLOAD_CHUNK_SIZE, DownloadManager

__all__ = ["CHUNK_PATIENCE", "DownloadStalled", "PatientDownloads"]

CHUNK_PATIENCE = 60.0
"""Seconds to wait for one chunk from the app before the download is called failed."""


class DownloadStalled(ConnectionError):
    """The app stopped sending a file part-way: the response is broken off, not ended."""


class PatientDownloads(DownloadManager):
    """textual-serve's download manager, waiting long enough and failing honestly."""

    def __init__(self, patience: float = CHUNK_PATIENCE) -> None:
        super().__init__()
        self.patience = patience

    async def download(self, delivery_key: str) -> AsyncGenerator[bytes, None]:
        """Yield the file's chunks as the app sends them and end at its empty chunk; raise
        `DownloadStalled` if a chunk never comes or the app's session closes part-way."""
        app_service = await self._get_app_service(delivery_key)
        download = self._active_downloads[delivery_key]
        try:
            while True:
                asked = await app_service.send_meta(
                    {
                        "type": "deliver_chunk_request",
                        "key": delivery_key,
                        "size": DOWNLOAD_CHUNK_SIZE,
                        "name": download.name,
                    }
                )
                if not asked:
                    raise DownloadStalled(f"the app is gone before sending {delivery_key!r}")
                try:
                    chunk = await asyncio.wait_for(download.incoming_chunks.get(), self.patience)
                except TimeoutError:
                    raise DownloadStalled(
                        f"no part of {delivery_key!r} came in {self.patience:g} seconds"
                    ) from None
                if chunk is None:  # the app's websocket closed part-way
                    raise DownloadStalled(f"{delivery_key!r} was cancelled part-way")
                if not chunk:
                    return
                yield chunk
        finally:
            self._active_downloads.pop(delivery_key, None)
