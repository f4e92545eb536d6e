"""Kinship settings: one file, configured from environment variables only.

Every variable is listed in the README's configuration table.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KINSHIP_VAR_DIR", BASE_DIR / "var"))

KINSHIP_ENV = os.environ.get("KINSHIP_ENV", "development")
PRODUCTION = KINSHIP_ENV == "production"


# The site's name, as its email says it ("Hello from Kinship!").
KINSHIP_SITE_NAME = os.environ.get("KINSHIP_SITE_NAME", "").strip() or "Kinship"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def local_secret_key() -> str:
    """Generate a key once into var/ so local sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when KINSHIP_ENV=production")
    SECRET_KEY = local_secret_key()

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # allauth names the site in its email; its name and domain follow the
    # settings below (kinship.core.sites, run after every migrate).
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Form widget templates come from the project's templates/ (FORM_RENDERER).
    "django.forms",
    "django_htmx",
    "ninja",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "kinship.core",
    "kinship.directory",
    "kinship.feeds",
    "kinship.members",
    "kinship.attendance",
    "kinship.security",
    "kinship.tokens",
    "kinship.notifications",
    "kinship.recovery",
    "kinship.mentorship",
    "kinship.matching",
    "kinship.toolkit",
    "kinship.training",
    "kinship.care",
    "kinship.facilitation",
    "kinship.offline",
]

MIDDLEWARE = [
    "kinship.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kinship.security.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinship.security.middleware.PrivateResponseMiddleware",
    # Before SessionLimitsMiddleware, so a session it ends counts as a sign-out.
    "kinship.offline.middleware.SignOutClearsSiteDataMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The viewer's zone for every time shown (needs request.user).
    "kinship.members.middleware.ViewerTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kinship.security.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kinship.urls"
WSGI_APPLICATION = "kinship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kinship.notifications.context_processors.notifications",
            ],
        },
    },
]

# Widgets' templates are looked up like pages' (templates/widgets/ first), so
# the site's own widgets (kinship.core.widgets) keep their markup in templates/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def database_config() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'kinship.sqlite3'}"
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers proceed while one writer commits; IMMEDIATE takes the
            # write lock at BEGIN so concurrent writers queue instead of failing.
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _VALIDATORS + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Argon2id first; the others only verify (and upgrade) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:me"
ACCOUNT_LOGOUT_REDIRECT_URL = "directory:home"

# Accounts (django-allauth): email + password, verified email, and answers that do
# not tell whether an email has an account.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{KINSHIP_SITE_NAME}] "
# The members' adapter, plus the audit of sign-ins refused by the rate limit.
ACCOUNT_ADAPTER = "kinship.security.adapter.AuditedAccountAdapter"
ACCOUNT_FORMS = {"signup": "kinship.members.forms.SignupForm"}
# Multi-factor authentication (allauth.mfa): required of clinicians (issue 9).
# TOTP and recovery codes; WebAuthn is left out until its scripts are checked
# under our Content-Security-Policy in a browser journey.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kinship"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}

# The rate limits above count in this cache. Local memory is per process; set
# REDIS_URL to share counts between server processes.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, Any] = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work: Django's tasks API (django-tasks backport), queued in our own
# database and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}
# How often a failing task is tried in all before it is given up (and logged).
KINSHIP_TASK_MAX_ATTEMPTS = int(os.environ.get("KINSHIP_TASK_MAX_ATTEMPTS", "5"))

# Email: SMTP when EMAIL_HOST is set (production), else files under var/mail/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kinship <no-reply@localhost>"
)
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = VAR_DIR / "mail"
if PRODUCTION and not EMAIL_HOST:
    raise ImproperlyConfigured("EMAIL_HOST is required when KINSHIP_ENV=production")

# The address of this site, for links in email (a request is not always there).
# Unset, it follows the port `make run` / `make dev` serve on (PORT).
KINSHIP_SITE_URL = (
    os.environ.get("KINSHIP_SITE_URL", "")
    or f"http://127.0.0.1:{os.environ.get('PORT', '') or '8000'}"
).rstrip("/")
# django.contrib.sites: the one Site row, kept equal to the two settings above.
SITE_ID = 1

# Secret of the signed attendance-record verification codes (defaults to a key
# derived from SECRET_KEY, so rotating SECRET_KEY invalidates issued records).
KINSHIP_RECORD_SIGNING_SALT = "kinship.attendance.record"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# The chosen language outlives the session (a visitor's choice is kept a year).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# The zone a visitor's times are shown in until their browser tells us theirs.
# Distances (the finder's "Near me", directions) are shown in this unit: "mi" or
# "km". One setting, so a deployment outside the USA changes it in one place.
KINSHIP_DISTANCE_UNIT = os.environ.get("KINSHIP_DISTANCE_UNIT", "mi")
if KINSHIP_DISTANCE_UNIT not in ("mi", "km"):
    raise ImproperlyConfigured('KINSHIP_DISTANCE_UNIT must be "mi" or "km"')
KINSHIP_DEFAULT_TIMEZONE = os.environ.get(
    "KINSHIP_DEFAULT_TIMEZONE", "America/New_York"
)

# Mentors: days of stable recovery (on a clock the member chooses) before they
# can become one.
KINSHIP_MENTOR_MIN_DAYS = int(os.environ.get("KINSHIP_MENTOR_MIN_DAYS", "365"))
if KINSHIP_MENTOR_MIN_DAYS < 0:
    raise ImproperlyConfigured("KINSHIP_MENTOR_MIN_DAYS must not be negative")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION or env_bool("KINSHIP_MANIFEST_STATIC", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Headers and cookies (docs/security.md). Every response gets a Content-Security-
# Policy with a fresh nonce (kinship.security.middleware); nothing is loaded from
# another site, and no page may be framed.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        # The service worker (/sw.js) and the web app manifest are our own.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Forms and htmx send the CSRF token as a form field: no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Sessions end after this long without a request, and this long after sign-in
# whatever the activity (kinship.security.middleware.SessionLimitsMiddleware).
KINSHIP_SESSION_IDLE_MINUTES = int(os.environ.get("KINSHIP_SESSION_IDLE_MINUTES", "30"))
KINSHIP_SESSION_MAX_HOURS = int(os.environ.get("KINSHIP_SESSION_MAX_HOURS", "12"))
if KINSHIP_SESSION_IDLE_MINUTES < 1 or KINSHIP_SESSION_MAX_HOURS < 1:
    raise ImproperlyConfigured(
        "KINSHIP_SESSION_IDLE_MINUTES and KINSHIP_SESSION_MAX_HOURS must be at least 1"
    )
# The session store forgets a session at its absolute end too.
SESSION_COOKIE_AGE = KINSHIP_SESSION_MAX_HOURS * 3600
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

NINJA_PAGINATION_PER_PAGE = 20
