"""Helhet settings: one file, every value from the environment, secure defaults.

Read `.env.example` for the list of variables. DEBUG is off unless set.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str, load_dotenv

# Form fields and model forms are generic in django-stubs (`ModelChoiceField[Unit]`); this
# lets the same subscript run, so that a typed field needs no alias for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
if not env_bool("HELHET_SKIP_DOTENV", False):
    load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The keyring for per-person data keys: "id:base64key,id:base64key", newest first.
HELHET_MASTER_KEYS = env_str("HELHET_MASTER_KEYS")
# A separate key for the blind index of national identity numbers. It must never rotate
# (rotation would orphan every index); the master keys may.
HELHET_BLIND_INDEX_KEY = env_str("HELHET_BLIND_INDEX_KEY")
# The key of the audit log's hash chain and of its exported anchors (HMAC-SHA256). Never in
# the database, never rotated. Empty only for commands that write no event (makemessages);
# writing or verifying an event without it fails (helhet/audit/hashing.py).
HELHET_AUDIT_KEY = env_str("HELHET_AUDIT_KEY", "")
HELHET_REQUIRE_2FA = env_bool("HELHET_REQUIRE_2FA", True)
HELHET_DEMO = env_bool("HELHET_DEMO", False)
HELHET_IDLE_TIMEOUT = timedelta(minutes=env_int("HELHET_IDLE_TIMEOUT_MINUTES", 30))
HELHET_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("HELHET_ABSOLUTE_TIMEOUT_HOURS", 12))
HELHET_BREAK_GLASS_MINUTES = env_int("HELHET_BREAK_GLASS_MINUTES", 60)
# How long a one-time link to set password and two factors works (accounts).
HELHET_ENROLMENT_LINK_HOURS = env_int("HELHET_ENROLMENT_LINK_HOURS", 72)
# At most this many break-glass grants per user per hour; one more is refused and reported.
HELHET_BREAK_GLASS_PER_HOUR = env_int("HELHET_BREAK_GLASS_PER_HOUR", 3)
HELHET_VIEW_POLICY = "config.policy.VIEW_POLICY"
HELHET_CAPABILITY_RESOLVER = "helhet.organisation.roles.user_capabilities"
HELHET_NAVIGATION = "helhet.organisation.navigation.NAVIGATION"
HELHET_USER_UNITS = "helhet.organisation.selectors.user_unit_names"
# Start-page panels, each a function (request) -> dict | None (see core/views.py).
HELHET_HOME_PANELS: list[str] = [
    "helhet.directory.panels.services_to_reverify",
    "helhet.audit.panels.break_glass_waiting",
    "helhet.shelter.panels.overdue_tasks",
]
# Requests per minute per client to the open HSDS API.
HELHET_HSDS_RATE_LIMIT = env_int("HELHET_HSDS_RATE_LIMIT", 120)
# Published statistics hide cells below this count (Bufdir publishes nothing under 20).
HELHET_STATISTICS_MIN_CELL = env_int("HELHET_STATISTICS_MIN_CELL", 20)
# Where the portal's quick exit leaves to: a neutral site.
HELHET_PORTAL_EXIT_URL = env_str("HELHET_PORTAL_EXIT_URL", "https://www.yr.no/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "template_partials",
    "helhet.core",
    "helhet.audit",
    "helhet.accounts",
    "helhet.organisation",
    "helhet.people",
    "helhet.directory",
    "helhet.portal",
    "helhet.shelter",
    "helhet.demo",
]

MIDDLEWARE = [
    "helhet.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "helhet.core.middleware.StaffPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "helhet.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "helhet.core.middleware.ViewPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helhet.core.context_processors.helhet",
            ],
        },
    }
]

# Every form is drawn by our field and form templates (core/templates/core/forms/).
FORM_RENDERER = "helhet.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Serialise writers: one transaction at a time takes the write lock at BEGIN,
    # so the audit hash chain and the bed allocation never race on SQLite.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The API's rate limit counts in the cache. One process: memory. Several processes behind a
# load balancer: the database (run `manage.py createcachetable` once at deploy).
_CACHE_BACKENDS = {
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "helhet_cache",
    },
}
_cache_choice = env_str("HELHET_CACHE", "memory")
if _cache_choice not in _CACHE_BACKENDS:
    raise ImproperlyConfigured("HELHET_CACHE must be 'memory' or 'database'.")
CACHES = {"default": _CACHE_BACKENDS[_cache_choice]}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of common passwords and our Norwegian words, also under digits, years,
    # symbols and look-alike letters (`Sommer2026!!`, `P@ssord1`). No network look-up.
    {"NAME": "helhet.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout (helhet/accounts/throttle.py): five failures for one username from any address,
# or HELHET_LOGIN_ADDRESS_FAILURE_LIMIT failures from one address for any usernames
# (password spraying), then a cool-off. Axes stores a keyed hash of the typed username.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "helhet.accounts.views.lockout_response"
AXES_USERNAME_CALLABLE = "helhet.accounts.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "helhet.accounts.throttle.client_address"
HELHET_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("HELHET_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
# Axes warns that it does not count by address; helhet/accounts/throttle.py does, with a
# limit of its own (axes has one limit for every criterion).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# How many reverse proxies of our own stand in front of the application. Each appends to
# X-Forwarded-For; with 0 (the default) the header is ignored and the connecting address
# counts, so a client cannot pick the address it is throttled by.
HELHET_TRUSTED_PROXY_COUNT = env_int("HELHET_TRUSTED_PROXY_COUNT", 0)

OTP_TOTP_ISSUER = "Helhet"

# OIDC is on only when a client id is configured.
OIDC_ENABLED = bool(env_str("OIDC_RP_CLIENT_ID", "-") != "-")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "-")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "-")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "-")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "-")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "-")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "-")
OIDC_RP_SCOPES = "openid email profile"
# A login through the provider counts as two factors only when its id_token says so: an
# `acr` among these values, or an `amr` with one of these (RFC 8176: "mfa"). Otherwise the
# user is asked for Helhet's own code as well. ID-porten: idporten-loa-substantial,high.
HELHET_OIDC_ACCEPTED_ACR = env_list("HELHET_OIDC_ACCEPTED_ACR", [])
HELHET_OIDC_ACCEPTED_AMR = env_list("HELHET_OIDC_ACCEPTED_AMR", ["mfa"])
OIDC_CREATE_USER = False
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("helhet.accounts.oidc.HelhetOIDCBackend")

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(HELHET_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "helhet_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "helhet.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_SECURE_TRANSPORT = env_bool("HELHET_SECURE_TRANSPORT", not DEBUG)
SESSION_COOKIE_SECURE = _SECURE_TRANSPORT
CSRF_COOKIE_SECURE = _SECURE_TRANSPORT
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _SECURE_TRANSPORT)
SECURE_HSTS_SECONDS = 31536000 if _SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE_TRANSPORT
SECURE_HSTS_PRELOAD = _SECURE_TRANSPORT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _SECURE_TRANSPORT else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("en", "English"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("lt", "Lietuvių"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
]
# Staff pages are in Bokmål (the source) and English; the public portal in all nine.
HELHET_STAFF_LANGUAGES = ["nb", "en"]
HELHET_STAFF_PATH_PREFIX = "/ansatt/"
LANGUAGES_BIDI = ["ar"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "helhet_language"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    (
        "vendor/designsystemet-css",
        BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist",
    ),
    ("vendor/designsystemet-theme", BASE_DIR / "node_modules" / "@digdir" / "designsystemet-theme"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "-")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "-")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "helhet@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "helhet.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The development server logs client addresses and paths; the portal must not
        # leave visitor traces, so those lines are dropped.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools log every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
