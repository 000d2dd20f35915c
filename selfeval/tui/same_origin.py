"""textual-serve's server, taking the app's websocket only from its own page.

A browser lets any web page open a websocket to any address, localhost included, and says
which page asked in the ``Origin`` header. Without this check, a page a teacher happened to
visit could drive the app (and so the evaluations) in the background. Clients that are not
browsers send no Origin and cannot be steered by a web page, so they are let through.

A page can also have its own name made to point at this computer (DNS rebinding): it is then
"the same origin" by name. Served on this computer only, the server answers only requests
that name it by a loopback name (the ``Host`` header), which such a page cannot.

Served on every address (``--host 0.0.0.0``), the page names the server as the browser did, so
it works from another computer (textual-serve named it 0.0.0.0, which a browser cannot reach).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from selfeval.tui.serve import EVERY_ADDRESS

__all__ = ["SameOriginServer", "for_this_server", "same_origin"]


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


def for_this_server(requested: str, serving: str) -> bool:
    """Whether a request whose ``Host`` header is *requested* may be answered by a server
    listening on *serving*: served on loopback, only if it names a loopback address."""
    if serving not in _LOOPBACK:
        return True
    return urlsplit(f"//{requested}").hostname in _LOOPBACK


class SameOriginServer(Server):
    """A textual-serve `Server` that refuses websockets opened by other sites' pages, and
    requests naming another server."""

    def _check(self, request: web.Request) -> None:
        if not for_this_server(request.host, self.host):
            raise web.HTTPForbidden(
                text="selfeval answers only at localhost here; open http://localhost directly."
            )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check(request)
        if self.host in EVERY_ADDRESS:  # the page names this server as the browser did
            self.public_url = f"http://{request.host}"  # (read before the next await)
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        self._check(request)
        response: web.StreamResponse = await super().handle_download(request)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._check(request)
        if not same_origin(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(
                text="selfeval only accepts connections from its own page; open it directly."
            )
        response: web.WebSocketResponse = await super().handle_websocket(request)
        return response
