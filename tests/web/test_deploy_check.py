"""Production settings pass Django's deployment checks; missing secrets fail clearly."""

from __future__ import annotations

import secrets

from .helpers import clean_env, run_xxgk


def production_env(tmp_path, **variables):
    return clean_env(
        tmp_path,
        XXGK_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.gov.cn",
        **variables,
    )


def test_check_deploy_passes_with_no_warnings_in_production(tmp_path):
    done = run_xxgk("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_without_secret_key_fails_with_a_clear_message(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    done = run_xxgk("check", "--deploy", env=env)
    assert done.returncode != 0
    assert "SECRET_KEY must be set when XXGK_ENV=production" in done.stderr


def test_production_without_allowed_hosts_fails_with_a_clear_message(tmp_path):
    env = production_env(tmp_path)
    del env["ALLOWED_HOSTS"]
    done = run_xxgk("check", env=env)
    assert done.returncode != 0
    assert "ALLOWED_HOSTS must be set when XXGK_ENV=production" in done.stderr


def test_demo_refuses_to_run_in_production(tmp_path):
    done = run_xxgk("demo", env=production_env(tmp_path))
    assert done.returncode != 0
    assert "refuses to run with XXGK_ENV=production" in done.stderr
