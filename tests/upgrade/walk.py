"""GET every (user, path) of a JSON file with Django's test client; print the statuses as JSON.

    DJANGO_SETTINGS_MODULE=xxgk.settings DATABASE_URL=sqlite:////tmp/x/db.sqlite3 \\
        XXGK_MEDIA_ROOT=/tmp/x/media python tests/upgrade/walk.py PATHS.json [-o OUT.json]

PATHS.json is a list of {"user": "<username>" or null, "path": "/…?…"} (other keys are
ignored), or an object holding such a list under "requests" (main-<commit>-pages.json is one).
Named users are signed in with `force_login` (one client each, signed in once); null is an
anonymous visitor. Each request has its own client address (REMOTE_ADDR), so the per-address
limits of the public pages (tracking-code look-ups, complaint status) never count one request
against the next, and the statuses do not depend on the order of the list.

Prints {"seconds": …, "results": [{"user", "path", "status", "location"}, …]} in the order of
the input: `status` is the HTTP status, or "exception: <type>" when the view raised (Django's
test client re-raises it); `location` is the Location header of a redirect, else null.

It uses only what exists before and after any rearrangement of xxgk's apps: Django's settings,
its test client and the user model from get_user_model(). DEBUG defaults to off here (as in
production: 404 and 500 pages are the site's own); set DEBUG=1 to override.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def _host(settings) -> str:
    if os.environ.get("WALK_HOST"):
        return os.environ["WALK_HOST"]
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


def _address(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def walk(requests: list[dict]) -> list[dict]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    host = _host(settings)
    User = get_user_model()
    clients: dict[str | None, Client | Exception] = {}
    results = []
    for n, entry in enumerate(requests, start=1):
        user, path = entry.get("user"), entry["path"]
        if user not in clients:
            client = Client()
            if user is not None:
                try:
                    client.force_login(User._default_manager.get(username=user))
                except Exception as e:  # recorded, like a failing page
                    client = e
            clients[user] = client
        client = clients[user]
        location = None
        if isinstance(client, Exception):
            status = f"exception: {type(client).__name__}"
        else:
            try:
                response = client.get(path, HTTP_HOST=host, REMOTE_ADDR=_address(n))
                status = response.status_code
                if 300 <= status < 400:
                    location = response.get("Location")
                response.close()  # file responses hold an open file
            except Exception as e:  # one broken page must not stop the walk
                status = f"exception: {type(e).__name__}"
        results.append({"user": user, "path": path, "status": status, "location": location})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", help="JSON: a list of {user, path} (or {'requests': [...]})")
    parser.add_argument("-o", "--output", help="write the JSON here instead of stdout")
    args = parser.parse_args(argv)
    with open(args.paths, encoding="utf-8") as fh:
        data = json.load(fh)
    requests = data["requests"] if isinstance(data, dict) else data

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    started = time.perf_counter()
    results = walk(requests)
    seconds = round(time.perf_counter() - started, 1)
    print(f"walked {len(results)} requests in {seconds} s", file=sys.stderr)
    text = json.dumps({"seconds": seconds, "results": results}, ensure_ascii=False, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
