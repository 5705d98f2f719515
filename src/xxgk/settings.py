"""The one settings module of xxgk, read from the environment.

Every value a deployment changes comes from an environment variable; docs/deploy.md lists
them. `XXGK_ENV=production` switches on the production defaults (no DEBUG, secure cookies,
HSTS, HTTPS redirect behind a proxy, hashed static files) and makes SECRET_KEY and
ALLOWED_HOSTS required. Anything else is a development machine or a test run.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from xxgk import datadir


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default or [])


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None


# --- Paths -------------------------------------------------------------------------------

BASE_DIR = Path(__file__).resolve().parent  # src/xxgk: templates, static, locale
PROJECT_ROOT = datadir.project_root()  # the checkout, or the working directory if installed
DATA_DIR = datadir.data_dir()  # XXGK_DATA_DIR or PROJECT_ROOT/var

# --- Environment -------------------------------------------------------------------------

XXGK_ENV = os.environ.get("XXGK_ENV", "development").strip().lower() or "development"
PRODUCTION = XXGK_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when XXGK_ENV=production: use 50 or more random characters, "
            "the same on every app server, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "django-insecure-xxgk-development-only-never-use-this-key-in-production"
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")  # old keys, while rotating

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when XXGK_ENV=production: the host names of the site, "
        "comma-separated, e.g. ALLOWED_HOSTS=xxgk.example.gov.cn"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Applications ------------------------------------------------------------------------

INSTALLED_APPS = [
    # top to bottom as the layers go up (docs/architecture.md)
    "xxgk.agencies",
    "xxgk.accounts",
    "xxgk.holidays",
    "xxgk.catalog",
    "xxgk.applications",
    "xxgk.disputes",
    "xxgk.reports",
    "xxgk.supervision",
    "xxgk.portal",
    "xxgk.api",
    "xxgk.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks_db",
    "ninja",  # the API docs' Swagger UI from our own static files (no CDN, CSP holds)
]

# Long work (a scan's OCR, a folder of reports) runs in the background: Django's tasks
# framework with an ORM-backed queue, so the database every server already shares is the
# queue and no new server is needed. `xxgk worker` runs it (scripts/start.sh starts one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("XXGK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# a job with no progress for this long is taken to have lost its worker and is queued again
XXGK_JOB_STALE_MINUTES = int(os.environ.get("XXGK_JOB_STALE_MINUTES", "10"))
# clusters with more reports than this (this year and last) are compared for 雷同 in the
# background; smaller ones while the page loads (a few hundred milliseconds)
XXGK_SIMILARITY_INLINE_MAX = int(os.environ.get("XXGK_SIMILARITY_INLINE_MAX", "60"))
# bulk open data (/data/): built by `xxgk open_data` (cron), served as files
XXGK_OPEN_DATA_DIR = Path(os.environ.get("XXGK_OPEN_DATA_DIR") or DATA_DIR / "open-data")

MIDDLEWARE = [
    # First, so that load balancers get an answer without host checks or HTTPS redirects.
    "xxgk.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "xxgk.api.middleware.ApiHeadersMiddleware",  # ETag, 304 and CORS for /api/v1/ only
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "xxgk.security.NoStoreMiddleware",
    "xxgk.health.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "xxgk.urls"
WSGI_APPLICATION = "xxgk.wsgi.application"
ASGI_APPLICATION = "xxgk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.siteinfo.context",
                "xxgk.accounts.context.staff_menu",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------

DEFAULT_SQLITE_PATH = datadir.default_sqlite_path()  # `xxgk workdays` looks for it too
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("XXGK_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DEFAULT_SQLITE_PATH),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked" (one machine only).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# A database that accepts connections and never answers must not hold every worker: a
# connection that is not ready within XXGK_DB_CONNECT_TIMEOUT seconds fails, and a statement
# running longer than XXGK_DB_STATEMENT_TIMEOUT_MS is cancelled (PostgreSQL). /healthz answers
# within a second whatever the database does (xxgk.health).
XXGK_DB_CONNECT_TIMEOUT = env_int("XXGK_DB_CONNECT_TIMEOUT", 5)
XXGK_DB_STATEMENT_TIMEOUT_MS = env_int("XXGK_DB_STATEMENT_TIMEOUT_MS", 30_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", XXGK_DB_CONNECT_TIMEOUT)
    if XXGK_DB_STATEMENT_TIMEOUT_MS > 0:
        _options["options"] = (
            _options.get("options", "") + f" -c statement_timeout={XXGK_DB_STATEMENT_TIMEOUT_MS}"
        ).strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "xxgk",
        }
    }
    # Sessions live in the database (shared by every app server), read through the cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication ----------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # each role where its work is (accounts.landing)
LOGOUT_REDIRECT_URL = "home"

# Reverse proxies in front of the app that append to X-Forwarded-For (nginx in docs/deploy.md):
# the client's address for rate limits and the login lock-out is the entry they added.
# the reverse proxies whose X-Forwarded-For is believed (addresses or networks); everyone else
# is counted by the connection's own address (accounts.throttle.client_ip). In production the
# documented set-up runs nginx on the same host: loopback.
XXGK_TRUSTED_PROXIES = env_list(
    "XXGK_TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"] if PRODUCTION else []
)
try:
    for _net in XXGK_TRUSTED_PROXIES:
        ipaddress.ip_network(_net, strict=False)
except ValueError as _e:
    raise ImproperlyConfigured(f"XXGK_TRUSTED_PROXIES 中的地址不正确：{_e}") from None
if "XXGK_PROXY_COUNT" in os.environ:
    # counting hops trusted whatever a direct client wrote: refused, not silently ignored
    raise ImproperlyConfigured(
        "XXGK_PROXY_COUNT 已停用（它会相信客户端伪造的 X-Forwarded-For）：请删除它，"
        "改用 XXGK_TRUSTED_PROXIES 写明反向代理的地址，如 127.0.0.1 或 10.0.0.0/24"
    )

# --- Languages and time ------------------------------------------------------------------

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("简体中文")),
    ("en", _("英文")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# DATE_FORMAT per language for `|date:"DATE_FORMAT"` (xxgk/formats/<locale>/formats.py).
FORMAT_MODULE_PATH = "xxgk.formats"
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("XXGK_STATIC_ROOT") or PROJECT_ROOT / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

# Without collectstatic (development, tests) whitenoise serves from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("XXGK_MEDIA_ROOT") or DATA_DIR / "media")

S3_BUCKET = os.environ.get("XXGK_S3_BUCKET", "").strip()
if S3_BUCKET:
    # S3-compatible object storage (pip install "xxgk[s3]"). Credentials come from
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them. Files are private:
    # links to them are signed and expire.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("XXGK_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("XXGK_S3_REGION") or None,
            "location": os.environ.get("XXGK_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }

STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security ----------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if PRODUCTION:
    # TLS ends at the load balancer, which must set X-Forwarded-Proto (docs/deploy.md).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("XXGK_SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:
        # the operator chose it (docs/deploy.md): the proxy that ends TLS redirects to https
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
    SECURE_HSTS_SECONDS = env_int("XXGK_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("XXGK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("XXGK_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_AGE = env_int("XXGK_SESSION_SECONDS", 8 * 60 * 60)

# --- Mail (Django's MAILERS; letters and notices come in later issues) -------------------

if PRODUCTION or os.environ.get("EMAIL_HOST"):
    # Production sends through SMTP: a relay given by EMAIL_HOST, else a local MTA.
    _smtp_tls = env_bool("EMAIL_USE_TLS", bool(os.environ.get("EMAIL_HOST")))
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST") or "localhost",
                "port": env_int("EMAIL_PORT", 587 if _smtp_tls else 25),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": _smtp_tls,
                "timeout": 30,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "xxgk@localhost")
# the site's address as mail links to it (`xxgk reminders`)
XXGK_SITE_URL = os.environ.get("XXGK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging: everything to stderr, for the process manager to collect --------------------

LOG_LEVEL = os.environ.get("XXGK_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    "filters": {
        # a refusal the app meant (403) or a missing page (404) is one line, not a traceback
        "expected_refusals": {"()": "xxgk.web.ExpectedRefusalFilter"},
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {
            "handlers": ["stderr"],
            "level": LOG_LEVEL,
            "propagate": False,
            "filters": ["expected_refusals"],
        },
        "django.server": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        # its progress steps and the screen-only CSS it skips are not news in a log
        "weasyprint": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}

# --- The disclosure clock: points the spec marks UNCONFIRMED, as settings with defaults ------
# (official-spec.md Part B/C; docs/decisions.md explains each default)

# day 0 (the receipt date) is not counted; True counts it as day 1 when it is a working day
# seconds the portal's navigation (sections, columns and their item counts) and the search
# filters' lists are kept; any change to the catalog replaces them at once in a shared cache
# (with the per-process cache of a development server, other processes see it within this time)
XXGK_PORTAL_COUNTS_SECONDS = env_int("XXGK_PORTAL_COUNTS_SECONDS", 300)
# seconds a whole portal page is kept for anonymous readers (portal.pagecache; any change to
# the catalog replaces them at once); 0 switches the page cache off. On by default only with a
# shared cache (REDIS_URL): with per-process caches, another worker would go on serving a
# withdrawn item's page until it expires.
XXGK_PORTAL_PAGE_SECONDS = env_int("XXGK_PORTAL_PAGE_SECONDS", 300 if REDIS_URL else 0)
XXGK_COUNT_START_DAY = env_bool("XXGK_COUNT_START_DAY", False)
# the fee-notice-to-payment period is not counted in the answer period
XXGK_FEE_PERIOD_EXCLUDED = env_bool("XXGK_FEE_PERIOD_EXCLUDED", True)
# the "reasonable period" for a correction (art. 30 sets none), in working days
XXGK_CORRECTION_PERIOD_DAYS = env_int("XXGK_CORRECTION_PERIOD_DAYS", 15)
# the payment deadline after a fee notice, in working days
XXGK_FEE_PAYMENT_DAYS = env_int("XXGK_FEE_PAYMENT_DAYS", 20)

# --- The site's identity (国办发〔2017〕47号《政府网站发展指引》) ------------------------------
# Shown in every page's footer (xxgk.siteinfo). An agency's portal may override the sponsor,
# operator and site code (Agency.site_*). Outside production the defaults are the demo's
# fictitious 示范市 values, marked as such; in production they start empty and the footer
# leaves out what is not set (docs/deploy.md lists the variables).
_DEMO_SITE = not PRODUCTION
XXGK_SITE = {
    "name": os.environ.get("XXGK_SITE_NAME", "示范市人民政府信息公开平台" if _DEMO_SITE else ""),
    "sponsor": os.environ.get("XXGK_SITE_SPONSOR", "示范市人民政府办公室" if _DEMO_SITE else ""),
    "operator": os.environ.get(
        "XXGK_SITE_OPERATOR", "示范市政务公开办（示例）" if _DEMO_SITE else ""
    ),
    "site_code": os.environ.get("XXGK_SITE_CODE", "0000000000" if _DEMO_SITE else ""),
    "icp": os.environ.get("XXGK_SITE_ICP", "示ICP备00000000号（示例）" if _DEMO_SITE else ""),
    "icp_url": os.environ.get("XXGK_SITE_ICP_URL", "https://beian.miit.gov.cn/"),
    "psb": os.environ.get(
        "XXGK_SITE_PSB", "示公网安备00000000000000号（示例）" if _DEMO_SITE else ""
    ),
    "psb_url": os.environ.get("XXGK_SITE_PSB_URL", "https://beian.mps.gov.cn/"),
    "contact": os.environ.get("XXGK_SITE_CONTACT", "0000-00000000（示例）" if _DEMO_SITE else ""),
    # the national "我为政府网站找错" platform; {site_code} and {url} are filled in per page
    "error_report_url": os.environ.get(
        "XXGK_SITE_ERROR_REPORT_URL",
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}",
    ),
}

# the login page lists the demo's accounts (accounts.demo_accounts); never in production
XXGK_SHOW_DEMO_ACCOUNTS = env_bool("XXGK_SHOW_DEMO_ACCOUNTS", not PRODUCTION)

# backups are signed (HMAC-SHA256) with this key; restores also accept the old keys (rotation).
# Unset: a key derived from SECRET_KEY, so a backup restores where the same SECRET_KEY runs.
XXGK_BACKUP_KEY = os.environ.get("XXGK_BACKUP_KEY", "")
XXGK_BACKUP_OLD_KEYS = env_list("XXGK_BACKUP_OLD_KEYS")

# --- Sign-in lock-out (django-axes, on every login form including the admin's) -------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("XXGK_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("XXGK_LOGIN_LOCK_MINUTES", 15))
# a user name from one address: someone elsewhere cannot lock a colleague out
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "xxgk.accounts.throttle.axes_client_ip"  # XXGK_TRUSTED_PROXIES' rule
AXES_DISABLE_ACCESS_LOG = True  # failures only: sign-ins are not a log axes needs to keep
AXES_LOCKOUT_CALLABLE = "xxgk.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
