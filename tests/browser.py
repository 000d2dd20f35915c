"""Drive a page in headless Chromium through the DevTools protocol: click, type, press keys,
take screenshots, and wait until the app has drawn a given text (read from the frames of the
page's own websocket, so a test waits on what the app shows, never on a guess of time). Only
what the serve test needs; Chromium comes from Debian's package."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import re
import shutil
import socket
import subprocess
import time
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


ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")
"""Terminal control sequences: what is left between them is the text the app drew."""


class NotShown(AssertionError):
    """The app did not draw what a test waited for."""


class Page:
    """One browser tab, spoken to over its DevTools websocket. `drawn` gathers the text of
    every frame the page's websocket receives from the app, without control sequences."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.calls = 0
        self.drawn = ""

    async def _next(self, timeout: float | None = None) -> dict[str, Any]:
        """The next message from the browser; the app's frames are kept on the way."""
        message: dict[str, Any] = await self.ws.receive_json(timeout=timeout)
        if message.get("method") == "Network.webSocketFrameReceived":
            frame = message["params"]["response"]
            data = frame["payloadData"]
            if frame["opcode"] == 2:
                data = base64.b64decode(data).decode("utf-8", "replace")
            self.drawn += ESCAPES.sub("", data)
        return message

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.calls += 1
        await self.ws.send_json({"id": self.calls, "method": method, "params": params})
        while True:
            message = await self._next()
            if message.get("id") == self.calls:
                result: dict[str, Any] = message.get("result", {})
                return result

    def mark(self) -> int:
        """Where the drawn text ends now: `shows` from here waits for what is drawn next."""
        return len(self.drawn)

    async def shows(self, text: str, since: int = 0, timeout: float = 60) -> int:
        """Wait until the app has drawn *text* (after *since*); return `mark()` then. Raises
        `NotShown`, with the end of what was drawn, if it does not come in *timeout*."""
        deadline = time.monotonic() + timeout
        while text not in self.drawn[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise NotShown(f"{text!r} not drawn; the end of what was: {self.drawn[-1500:]!r}")
            with contextlib.suppress(TimeoutError):
                await self._next(timeout=left)
        return self.mark()

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

    async def press_ctrl(self, letter: str) -> None:
        """Ctrl and *letter* together, as a person presses them (Ctrl+Z)."""
        down: dict[str, Any] = {
            "key": letter,
            "code": f"Key{letter.upper()}",
            "windowsVirtualKeyCode": ord(letter.upper()),
            "modifiers": 2,  # Ctrl
        }
        await self.call("Input.dispatchKeyEvent", type="keyDown", **down)
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
                await page.call("Network.enable")
                await page.call("Page.navigate", url=url)
                yield page
    finally:
        browser.kill()
        browser.wait()
