"""The test suite: `make test`. DATABASE_URL and REDIS_URL still apply, so CI
runs the same suite on SQLite and on PostgreSQL with Redis."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The tests follow an edit to the next reader at once; the minimum time between two renders of a
# page has a test of its own (tests/test_page_cache_swr.py).
PUBLIC_CACHE_MIN_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SERVE_MEDIA = True
