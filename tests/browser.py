"""Drive a page in headless Chromium through the DevTools protocol: click, type, press keys,
take screenshots. Only what the serve test needs; Chromium comes from Debian's package."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import shutil
import socket
import subprocess
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

KEYS = {
    "Enter": ("Enter", 13, "\r"),
    "Tab": ("Tab", 9, ""),
    "ArrowDown": ("ArrowDown", 40, ""),
    "Escape": ("Escape", 27, "\x1b"),
}


ROW_HEIGHT = 21
"""Pixels a row of the app takes in the page: its font (Roboto Mono at 16 pixels) is served by
selfeval, so it is the same on every machine (it came from Google's servers, or a fallback)."""


def row(number: int) -> float:
    """The middle of the app's row *number* (from 0), for a click."""
    return number * ROW_HEIGHT + ROW_HEIGHT / 2


def chromium() -> str | None:
    """The Chromium command, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Page:
    """One browser tab, spoken to over its DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.calls = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.calls += 1
        await self.ws.send_json({"id": self.calls, "method": method, "params": params})
        while True:
            message: dict[str, Any] = await self.ws.receive_json()
            if message.get("id") == self.calls:
                result: dict[str, Any] = message.get("result", {})
                return result

    async def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)

    async def press(self, key: str) -> None:
        code, number, text = KEYS[key]
        down: dict[str, Any] = {"key": key, "code": code, "windowsVirtualKeyCode": number}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **down)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **down)

    async def screenshot(self) -> bytes:
        result = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(result["data"])


@contextlib.asynccontextmanager
async def open_page(url: str, size: tuple[int, int] = (1200, 800)) -> AsyncIterator[Page]:
    """A headless Chromium tab showing *url*; the browser is killed on leaving."""
    command = chromium()
    assert command is not None
    port = _free_port()
    browser = subprocess.Popen(
        [command, "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
         f"--window-size={size[0]},{size[1]}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        async with aiohttp.ClientSession() as session:
            pages: list[dict[str, Any]] = []
            for _ in range(150):
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                        pages = [p for p in await response.json() if p["type"] == "page"]
                if pages:
                    break
                await asyncio.sleep(0.2)
            url_ws = pages[0]["webSocketDebuggerUrl"]
            async with session.ws_connect(url_ws, max_msg_size=0) as ws:
                page = Page(ws)
                await page.call("Page.enable")
                await page.call("Page.navigate", url=url)
                yield page
    finally:
        browser.kill()
        browser.wait()
