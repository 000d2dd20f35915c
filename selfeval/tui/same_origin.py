"""textual-serve's server, taking the app's websocket only from its own page.

A browser lets any web page open a websocket to any address, localhost included, and says
which page asked in the ``Origin`` header. Without this check, a page a teacher happened to
visit could drive the app (and so the evaluations) in the background. Clients that are not
browsers send no Origin and cannot be steered by a web page, so they are let through.

A page can also have its own name made to point at this computer (DNS rebinding): it is then
"the same origin" by name. Served on this computer only, the server answers only requests
that name it by a loopback name (the ``Host`` header), which such a page cannot.

Served on the network (``--host 0.0.0.0`` or a name), the server has a key, printed in the
address to open (as Jupyter does): the page, its websocket and its downloads are refused
without it, so nobody else on the network and no web page can open the evaluations. Requests
must name the server by an address or a name it knows for itself. The page names the server as
the browser did, so it works from another computer (textual-serve named it 0.0.0.0, which a
browser cannot reach).
"""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from selfeval.tui.addresses import EVERY_ADDRESS, is_loopback

__all__ = [
    "TOKEN_COOKIE",
    "SameOriginServer",
    "for_this_server",
    "key_given",
    "same_origin",
]


TOKEN_COOKIE = "selfeval_key"
"""Where the browser keeps the server's key once the page was opened with it."""


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a websocket request from *origin* may drive the app served at *host*.

    The page may be opened as localhost while it connects to 127.0.0.1, or the other way
    round (textual-serve names one in its page, the user may type the other): on the same
    port these are the same server, this one, so they count as one origin."""
    if origin is None:
        return True
    try:
        page = urlsplit(origin)
        served = urlsplit(f"//{host}")
        if page.netloc == host:
            return True
        both_loopback = is_loopback(page.hostname) and is_loopback(served.hostname)
        return both_loopback and page.port is not None and page.port == served.port
    except ValueError:  # "localhost:abc", "[::1": not an origin, so not ours (never a 500)
        return False


def for_this_server(requested: str, serving: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a request whose ``Host`` header is *requested* may be answered by a server
    listening on *serving*: served on loopback, only if it names a loopback address; on the
    network, only by an address literal or a name the server knows for itself (*names*), so
    a page that points its own name at this computer (DNS rebinding) is refused."""
    try:
        asked = urlsplit(f"//{requested}").hostname
    except ValueError:  # "[::1" and the like: not a name this server has
        return False
    if is_loopback(serving):
        return is_loopback(asked)
    if asked is None:
        return False
    if is_loopback(asked) or asked.lower() in names:
        return True
    try:
        ipaddress.ip_address(asked.strip("[]"))
    except ValueError:
        return False
    return True


def key_given(request: web.Request, key: str | None) -> bool:
    """Whether *request* carries the server's *key* (in the address, or kept by the browser
    from opening it so); a server without a key needs none."""
    if key is None:
        return True
    given = request.query.get("key") or request.cookies.get(TOKEN_COOKIE)
    return given is not None and hmac.compare_digest(given.encode(), key.encode())


class SameOriginServer(Server):
    """A textual-serve `Server` that refuses websockets opened by other sites' pages,
    requests naming another server, and, with a *key*, anyone who was not given it."""

    def __init__(
        self, *args: Any, key: str | None = None, names: frozenset[str] = frozenset(), **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.key = key
        self.names = names

    def _check(self, request: web.Request) -> None:
        if not for_this_server(request.host, self.host, self.names):
            raise web.HTTPForbidden(
                text="selfeval does not answer to that name; open the address it printed."
            )
        if not key_given(request, self.key):
            raise web.HTTPForbidden(
                text="This selfeval needs its key: open the whole address it printed when it "
                "started (…?key=…); ask the person who started it."
            )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check(request)
        if self.host in EVERY_ADDRESS:  # the page names this server as the browser did
            self.public_url = f"http://{request.host}"  # (read before the next await)
        response: web.StreamResponse = await super().handle_index(request)
        if self.key is not None and request.query.get("key"):
            # kept by this browser for the page's websocket and downloads, and never sent
            # to another site or read by a page's script
            response.set_cookie(TOKEN_COOKIE, self.key, httponly=True, samesite="Strict")
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
