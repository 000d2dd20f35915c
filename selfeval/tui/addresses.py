"""Which addresses are this computer only, and which are every address: what `serve` listens
on and what its server answers to."""

from __future__ import annotations

import ipaddress
import socket

__all__ = ["EVERY_ADDRESS", "is_loopback"]

EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
"""The ``--host`` values that listen on every address of this computer."""


def is_loopback(name: str | None) -> bool:
    """Whether *name* is this computer by a loopback name: localhost, or any 127.0.0.0/8 or
    ::1 address literal (127.1 included, as browsers read it)."""
    if name is None:
        return False
    name = name.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(socket.inet_aton(name) if _dotted(name) else name).is_loopback
    except (OSError, ValueError):
        return False


def _dotted(name: str) -> bool:
    """An IPv4 literal in any of the forms browsers accept (127.1, 127.0.0.1)."""
    return bool(name) and all(part.isdigit() for part in name.split(".")) and "." in name
