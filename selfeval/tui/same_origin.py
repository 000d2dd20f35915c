"""textual-serve's server, answering only whoever was given its key, and only its own page.

A browser lets any web page open a websocket to any address, localhost included, and says
which page asked in the ``Origin`` header. Without a check, a page a teacher happened to visit
could drive the app (and so the evaluations) in the background. Clients that are not browsers
send no Origin and cannot be steered by a web page, so the Origin check lets them through.

A page can also have its own name made to point at this computer (DNS rebinding): it is then
"the same origin" by name. Served on this computer only, the server answers only requests that
name it by a loopback name (the ``Host`` header); on the network, only an address or a name it
knows for itself. Such a page can name neither.

Whatever it listens on, the server has a key, printed in the address to open (as Jupyter does):
the page, its websocket and its downloads are refused without it. On loopback this keeps out
the other accounts of a shared computer (every account can reach 127.0.0.1); on the network,
everybody else on it. The browser that opened the address keeps the key in a cookie, for the
page's own requests only. The page itself asks nothing of another site (its font is served
here), and names the server as the browser did, so the cookie goes with its requests.
"""

from __future__ import annotations

import hmac
import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from selfeval.tui.addresses import is_loopback
from selfeval.tui.downloads import PatientDownloads

__all__ = [
    "PAGE_FOLDER",
    "SameOriginServer",
    "for_this_server",
    "key_cookie",
    "key_given",
    "same_origin",
]

PAGE_FOLDER = Path(__file__).with_name("page")
"""The page's template: textual-serve's, without the web font it fetched from Google."""


def key_cookie(port: int) -> str:
    """Where the browser keeps the key of the server on *port*: a browser sends a cookie of
    localhost to every port of it, so two servers (two accounts, two folders) never share one."""
    return f"selfeval_key_{port}"


def same_origin(origin: str | None, host: str) -> bool:
    """Whether a websocket request from *origin* may drive the app served at *host*.

    The page may be opened as localhost while it connects to 127.0.0.1, or the other way
    round: on the same port these are the same server, this one, so they count as one origin."""
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


def key_given(request: web.Request, key: str, port: int) -> bool:
    """Whether *request* carries the server's *key*: in the address, or kept by the browser
    from opening it so. A key in the address is the one judged, right or wrong."""
    given = request.query.get("key") or request.cookies.get(key_cookie(port))
    return given is not None and hmac.compare_digest(given.encode(), key.encode())


class SameOriginServer(Server):
    """A textual-serve `Server` that answers only requests carrying its *key* that name it
    by a name it has (*names*, on the network), and takes websockets only from its own page."""

    def __init__(
        self, command: str, *, key: str, names: frozenset[str] = frozenset(), **kw: Any
    ) -> None:
        super().__init__(command, templates_path=PAGE_FOLDER, **kw)
        self.download_manager = PatientDownloads()
        self.key = key
        self.names = names

    def _check(self, request: web.Request) -> None:
        """The one rule for the page, its websocket and its downloads."""
        if not for_this_server(request.host, self.host, self.names):
            raise web.HTTPForbidden(
                text="selfeval does not answer to that name; open the address it printed."
            )
        if not key_given(request, self.key, self.port):
            raise web.HTTPForbidden(
                text="This selfeval needs its key: open the whole address it printed when it "
                "started (…?key=…); ask the person who started it."
            )

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: `serve` printed the address to open, with its key (textual-serve's
        banner named one without it, which would be refused)."""

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check(request)
        # the page names this server as the browser did, so its cookie goes with the websocket
        # (and on every address, 0.0.0.0 is no name a browser reaches)
        context = {
            "title": self.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_url": f"ws://{request.host}/ws",
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if request.query.get("key"):
            # kept by this browser for the page's websocket and downloads, never sent to
            # another site or read by a page's script
            cookie = key_cookie(self.port)
            response.set_cookie(cookie, self.key, httponly=True, samesite="Strict")
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
