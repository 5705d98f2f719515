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


# ---------------------------------------------------------------- login lock-out

LOGIN_FAILURES = 5
LOGIN_WINDOW = 15 * 60
LOGIN_LOCK = 15 * 60

_failures = Limit("login-failures", LOGIN_FAILURES, LOGIN_WINDOW)


def _subjects(username: str, ip: str) -> list[str]:
    return [f"user:{username.strip().casefold()}", f"ip:{ip}"]


def _lock_key(subject: str) -> str:
    return _key("login-lock", subject)


def login_locked(username: str, ip: str) -> bool:
    """True while the user name or the address is locked out."""
    return any(cache.get(_lock_key(s)) for s in _subjects(username, ip))


def login_failed(username: str, ip: str) -> bool:
    """Record a failed sign-in; after LOGIN_FAILURES failures within LOGIN_WINDOW for the
    user name or the address, lock that one for LOGIN_LOCK seconds. Returns True if locked."""
    locked = False
    for subject in _subjects(username, ip):
        if _failures.hit(subject) >= LOGIN_FAILURES:
            cache.set(_lock_key(subject), 1, LOGIN_LOCK)
            _failures.reset(subject)
            locked = True
    return locked


def login_succeeded(username: str, ip: str) -> None:
    """A correct password clears the user name's failures (not the address's: one office
    behind one address should not reset an attacker's count by signing in)."""
    _failures.reset(_subjects(username, ip)[0])
