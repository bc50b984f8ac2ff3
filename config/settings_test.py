"""Settings for the test suite: the real settings with test secrets and fast hashing."""

import os

# The suite never reads a developer's .env (make run writes one with two factors off).
os.environ["HELHET_SKIP_DOTENV"] = "1"
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
# Two keys in the ring so that every test runs with rotation in place.
os.environ.setdefault(
    "HELHET_MASTER_KEYS",
    "k2:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=,k1:ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=",
)
os.environ.setdefault("HELHET_BLIND_INDEX_KEY", "test-blind-index-key")
os.environ.setdefault("HELHET_AUDIT_KEY", "test-audit-key-not-for-production-0123456789")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HELHET_SECURE_TRANSPORT", "0")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from config.settings import *  # noqa: E402, F403

# Argon2 is deliberately slow; tests verify it is configured (test_settings) and use MD5 here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the finders in tests (no collectstatic step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
