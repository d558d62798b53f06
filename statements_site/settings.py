"""Settings for the statements archive: one file, read from the environment.

Every variable is documented in README.md. Malformed values fail loudly at start-up
rather than quietly falling back to something else.
"""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name, default)
    if value in ("1", "true", "True", "yes", "on"):
        return True
    if value in ("0", "false", "False", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def envint(name, default):
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", "0")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is not 1")
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG-1"
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "statements_site.archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (which must see the language prefix to append slashes).
    "statements_site.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Staff login throttling: five failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Login failures are counted per client address, found the same way as for every other limit.
AXES_CLIENT_IP_CALLABLE = "statements_site.archive.client_address.client_address"

# How many proxies in front of the application append to X-Forwarded-For. Every per-client limit
# (login lockouts, the API throttle, problem reports) reads the client address from this one number:
# with 0, X-Forwarded-For is ignored and the connection's address is the client; with N, the client
# is the Nth address from the right of X-Forwarded-For, the one the outermost trusted proxy saw.
if "AXES_PROXY_COUNT" in os.environ:
    raise ImproperlyConfigured("AXES_PROXY_COUNT is now TRUSTED_PROXY_COUNT (it counts for every limit, not only logins)")
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, not {TRUSTED_PROXY_COUNT}")

# The admin's address; moving it off /admin/ keeps most scanners away.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

ROOT_URLCONF = "statements_site.urls"
WSGI_APPLICATION = "statements_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # `{% load i18n %}` with constant `{% translate %}` rendered once per language (i18n_cached.py):
            # on purpose in place of Django's library of the same name (see SILENCED_SYSTEM_CHECKS).
            "libraries": {"i18n": "statements_site.archive.templatetags.i18n_cached"},
            # {% url %} with the addresses remembered (reversing.py).
            "builtins": ["statements_site.archive.templatetags.url_cached"],
        },
    },
]

# templates.W003 warns that a template library name maps to two modules: "i18n" does on purpose
# (above); the archive's own libraries have names of their own.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# SQLite under var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'archive.sqlite3'}"
# Connections are kept between requests on both databases: a new SQLite connection runs its pragmas,
# reads the schema and starts with an empty page cache (about 2 ms of every request under gunicorn).
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at BEGIN,
        # so concurrent writers wait (busy timeout) instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the archive's big queries (search, facets) take tens of milliseconds, and
    # compiling them took 50-170 ms each whenever the planner's estimate crossed jit_above_cost.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

# The shared cache: throttles, rate limits and cached counts must agree across gunicorn's workers.
# Redis when REDIS_URL is set (production); otherwise a table in the database (created by migrate),
# slower than Redis but shared by every process that shares the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Room for every client's counts: past MAX_ENTRIES the table drops a third of its rows, limits
    # included (Django's default, 300, is a few minutes of ordinary API traffic).
    CACHES = {"default": {"BACKEND": "statements_site.cache.DatabaseCache", "LOCATION": "archive_cache",
                          "OPTIONS": {"MAX_ENTRIES": 50_000}}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The interface's languages: English at the unprefixed addresses, the others under /fr/, /es/, /ar/.
# Names are written in their own language, as the language switcher shows them.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switcher's choice outlives the session; it is not a secret, but scripts have no use for it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads of statement files: a few MB is plenty for a statement; larger is refused with a message.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(IMPORT_MAX_BYTES * 2, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Security. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1.
if envbool("DJANGO_SECURE_PROXY_SSL_HEADER", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SESSION_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own static files: no inline or evaluated script anywhere, admin included.
# Inline style attributes are allowed because Django's admin widgets set a few.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logs go to stdout, one JSON object a line, for whatever collects the container's output.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "statements_site.logging.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SITE_NAME = "Statements Archive"

# The read-only API under /api/: anonymous, JSON only, throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["statements_site.archive.limits.ArchiveAnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "60/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Statements Archive API",
    "DESCRIPTION": "Read-only access to bodies, meetings, agenda items, delegations, statements and paragraphs. "
    "Human guide with examples: /api/.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# E-mail alerts (alerts.py). Development prints messages to the console; production sends them
# through the SMTP server EMAIL_HOST names (Django's EMAIL_* settings, read from the environment).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG or not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "1")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Statements Archive <alerts@localhost>")
# The archive's public address, for links in messages sent without a request (send_alerts).
ARCHIVE_BASE_URL = os.environ.get("ARCHIVE_BASE_URL", "http://localhost:8000").rstrip("/")
# The licence of the open data (dump and change feed), as an SPDX identifier.
ARCHIVE_DATA_LICENCE = os.environ.get("ARCHIVE_DATA_LICENCE", "CC-BY-4.0")
