"""textual-serve's server, taking the app's websocket only from its own page.

A browser lets any web page open a websocket to any address, localhost included, and says
which page asked in the ``Origin`` header. Without this check, a page a teacher happened to
visit could drive the app (and so the evaluations) in the background. Clients that are not
browsers send no Origin and cannot be steered by a web page, so they are let through.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

__all__ = ["SameOriginServer", "same_origin"]


_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a websocket request from *origin* may drive the app served at *host*.

    The page may be opened as localhost while it connects to 127.0.0.1, or the other way
    round (textual-serve names one in its page, the user may type the other): on the same
    port these are the same server, this one, so they count as one origin."""
    if origin is None:
        return True
    page = urlsplit(origin)
    served = urlsplit(f"//{host}")
    if page.netloc == host:
        return True
    both_loopback = {page.hostname, served.hostname} <= _LOOPBACK
    return both_loopback and page.port is not None and page.port == served.port


class SameOriginServer(Server):
    """A textual-serve `Server` that refuses websockets opened by other sites' pages."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not same_origin(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(
                text="selfeval only accepts connections from its own page; open it directly."
            )
        response: web.WebSocketResponse = await super().handle_websocket(request)
        return response
