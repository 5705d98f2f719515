"""settings.py reads its configuration from the environment."""

from __future__ import annotations

from .helpers import clean_env, read_settings


def test_development_defaults(tmp_path):
    s = read_settings(
        clean_env(tmp_path), "DEBUG", "DATABASES", "CACHES", "STORAGES", "LANGUAGE_CODE"
    )
    assert s["DEBUG"] is True
    assert s["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert s["DATABASES"]["default"]["NAME"] == str(tmp_path / "xxgk.sqlite3")
    assert s["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert s["STORAGES"]["default"]["OPTIONS"]["location"] == str(tmp_path / "media")
    assert s["STORAGES"]["staticfiles"]["BACKEND"].endswith(".StaticFilesStorage")
    assert s["LANGUAGE_CODE"] == "zh-hans"


def test_postgres_redis_and_s3_from_the_environment(tmp_path):
    env = clean_env(
        tmp_path,
        DATABASE_URL="postgres://xxgk:pw@db.internal:5432/xxgk",
        REDIS_URL="redis://cache.internal:6379/1",
        XXGK_S3_BUCKET="xxgk-files",
        XXGK_S3_ENDPOINT_URL="https://s3.example.gov.cn",
    )
    s = read_settings(env, "DATABASES", "CACHES", "STORAGES", "SESSION_ENGINE")
    db = s["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5432, "xxgk", "xxgk")
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    storage = s["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "xxgk-files"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.gov.cn"


def test_production_settings(tmp_path):
    env = clean_env(
        tmp_path,
        XXGK_ENV="production",
        SECRET_KEY="x" * 10 + "production-key-for-a-settings-test-0123456789",
        ALLOWED_HOSTS="xxgk.example.gov.cn, www.example.gov.cn",
        CSRF_TRUSTED_ORIGINS="https://xxgk.example.gov.cn",
        XXGK_MEDIA_ROOT=str(tmp_path / "shared"),
    )
    s = read_settings(
        env,
        "DEBUG",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "STORAGES",
        "PASSWORD_HASHERS",
    )
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["xxgk.example.gov.cn", "www.example.gov.cn"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://xxgk.example.gov.cn"]
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["STORAGES"]["default"]["OPTIONS"]["location"] == str(tmp_path / "shared")
    assert s["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert s["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
