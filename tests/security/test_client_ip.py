"""A client address that cannot be forged (issue 12, item 4): X-Forwarded-For is believed only
from configured proxies; anyone reaching an app server directly is counted by their own
connection, whatever header they send; the old XXGK_PROXY_COUNT is refused."""

from __future__ import annotations

import pytest

from tests.web.helpers import clean_env, run_xxgk
from xxgk.accounts import throttle


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", "1.2.3.4", ["127.0.0.1/32"], "203.0.113.7"),  # direct: header ignored
        ("127.0.0.1", "6.6.6.6, 203.0.113.9", ["127.0.0.1/32"], "203.0.113.9"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", ["10.0.0.0/24"], "203.0.113.9"),
        ("127.0.0.1", "", ["127.0.0.1/32"], "127.0.0.1"),
        ("127.0.0.1", "not-an-ip", ["127.0.0.1/32"], "127.0.0.1"),
        ("::1", "2001:db8::5", ["::1/128"], "2001:db8::5"),
        ("127.0.0.1", "1.2.3.4", [], "127.0.0.1"),
    ],
)
def test_the_client_address(rf, settings, remote, forwarded, trusted, expected):
    settings.XXGK_TRUSTED_PROXIES = trusted
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert throttle.client_ip(rf.get("/", REMOTE_ADDR=remote, **extra)) == expected


def test_a_direct_client_cannot_escape_a_limit_by_changing_the_header(rf, settings):
    settings.XXGK_TRUSTED_PROXIES = ["127.0.0.1/32"]
    seen = {
        throttle.client_ip(
            rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
        )
        for n in range(20)
    }
    assert seen == {"198.51.100.4"}


def test_the_old_proxy_count_is_refused_with_a_clear_message(tmp_path):
    done = run_xxgk("check", env=clean_env(tmp_path, XXGK_PROXY_COUNT="1"))
    assert done.returncode == 2
    assert "XXGK_TRUSTED_PROXIES" in done.stderr and "Traceback" not in done.stderr
