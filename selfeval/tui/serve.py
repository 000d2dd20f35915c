"""The evaluation app in a web browser, through textual-serve (the optional ``serve`` extra).

textual-serve starts one app process per browser tab by running a command line; this module
builds that command for the framework and responses folder chosen, so every tab sees the same
evaluations.
"""

from __future__ import annotations

import errno
import secrets
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from selfeval.errors import SelfevalError
from selfeval.tui.addresses import EVERY_ADDRESS, is_loopback

__all__ = ["EVERY_ADDRESS", "app_command", "serve"]


def app_command(framework: Path, responses: Path) -> str:
    """The command line textual-serve runs (through the platform's shell) for each browser tab:
    quoted for cmd.exe on Windows, for a POSIX shell elsewhere."""
    args = [
        sys.executable,
        "-m",
        "selfeval",
        "--framework",
        str(framework.resolve()),
        "--responses",
        str(responses.resolve()),
    ]
    return subprocess.list2cmdline(args) if sys.platform == "win32" else shlex.join(args)


def serve(
    framework: Path, responses: Path, host: str, port: int, out: TextIO, key: str | None = None
) -> None:
    """Serve the app at http://host:port until interrupted, only to those given its *key*
    (made here unless given), which the address printed carries: on loopback too, since every
    account of this computer reaches it there."""
    try:
        from selfeval.tui.same_origin import SameOriginServer
    except ImportError:
        raise SelfevalError(
            "serving in a browser needs the textual-serve package",
            "install it with: pip install 'selfeval[serve]'",
        ) from None
    key = key or secrets.token_urlsafe(16)
    if is_loopback(host):
        who = (
            "Only this computer can reach it, and only a browser given the whole address "
            "below (with its key) can open the evaluations in this folder: not other "
            "accounts on this computer, nor any web page."
        )
    else:
        who = (
            f"Listening on {host}: anyone on the network who is given the whole address below "
            "(with its key) can open and change the evaluations in this folder. Give it only "
            "to colleagues, and stop selfeval (Ctrl+C) when you are done."
        )
    _check_port_free(host, port)
    print(who, file=out)
    print(
        f"In a web browser, open {_addresses(host, port, key)}. Answers are saved in "
        f"{responses.resolve()}. Press Ctrl+C here to stop.",
        file=out,
        flush=True,  # the address is all a user needs, also through a pipe (tee, a log)
    )
    command = app_command(framework, responses)
    computer = socket.gethostname()
    known = (host, computer, f"{computer}.local", socket.getfqdn())  # .local: as macOS names it
    names = frozenset(n.lower() for n in known if n)
    SameOriginServer(command, host=host, port=port, title="selfeval", key=key, names=names).serve()


def _addresses(host: str, port: int, key: str) -> str:
    """Where a browser finds the app, with the key: on every address (0.0.0.0, which a browser
    cannot open), localhost on this computer and this computer's name from others."""
    tail = f"/?key={quote(key, safe='')}"
    if host not in EVERY_ADDRESS:
        return f"http://{_in_url(host)}:{port}{tail}"
    return (
        f"http://localhost:{port}{tail} on this computer, or "
        f"http://{socket.gethostname()}:{port}{tail} from another computer on the network"
    )


def _in_url(host: str) -> str:
    """*host* as an address names it: an IPv6 literal in brackets (``[::1]``)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _check_port_free(host: str, port: int) -> None:
    """Say plainly, before printing an address, that another program already listens there."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise SelfevalError(
            f"cannot serve on {host!r} ({exc.strerror or exc})",
            "use --host localhost, or the name or address of this computer",
        ) from None
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        if sys.platform != "win32":  # on Windows this option would let two servers share a port
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise SelfevalError(
                    f"port {port} is already in use (perhaps selfeval serve is already running)",
                    f"use another, e.g. --port {port + 1 if port < 65535 else 8000}, or stop "
                    "the program using it",
                ) from None
            raise SelfevalError(
                f"cannot serve on {host}:{port} ({exc.strerror or exc})",
                "ports below 1024 need administrator rights: use e.g. --port 8000",
            ) from None
