"""Counting attempts in the cache: per-IP rate limits and the login lock-out.

Counters live in Django's cache (Redis in production, so every app server sees the same
counts; a per-process memory cache otherwise). A counter is a fixed window: it starts at the
first hit and expires `window` seconds later. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PREFIX = "xxgk-throttle"


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in settings.XXGK_TRUSTED_PROXIES]


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address, which a client cannot choose: X-Forwarded-For is read only when
    the connection comes from a configured proxy (`XXGK_TRUSTED_PROXIES`), and then from the
    right, past the trusted proxies, to the first address they did not write. Anyone reaching
    an app server directly is counted by the address of their own connection."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # garbage the proxy passed on: the proxy is the client we know
    return remote


def axes_client_ip(request: HttpRequest) -> str | None:
    """`client_ip` for django-axes, which stores it in an IP address column: None when the
    request has no address (a test's force_login, a management command)."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _key(*parts: str) -> str:
    # hashed: user names and addresses may hold characters some cache backends refuse
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{PREFIX}:{parts[0]}:{digest}"


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` seconds for one `scope` (e.g. "apply") and subject."""

    scope: str
    limit: int
    window: int

    def count(self, subject: str) -> int:
        return int(cache.get(_key(self.scope, subject), 0))

    def exceeded(self, subject: str) -> bool:
        return self.count(subject) >= self.limit

    def hit(self, subject: str) -> int:
        """Record one hit; returns the count in the current window."""
        key = _key(self.scope, subject)
        if cache.add(key, 1, self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, self.window)
            return 1

    def reset(self, subject: str) -> None:
        cache.delete(_key(self.scope, subject))


# ---------------------------------------------------------------- sign-in

# The lock-out of a user name tried from one address is django-axes' (every login form, the
# admin's too; settings.AXES_*): a person at another address can still sign in, so nobody can
# lock a colleague out. What stays here is a coarse limit per address against password spraying
# (many user names from one address), high enough for an office behind one NAT.
LOGIN_SPRAY = Limit("login-spray", 30, 15 * 60)
