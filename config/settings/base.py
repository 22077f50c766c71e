"""Settings shared by every environment.

The environment is read here and only here (twelve-factor); the other modules
tighten or relax what this one sets.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
# Old keys still accepted for signatures while a new key rolls out (comma-separated).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Proxies (addresses or networks) whose X-Forwarded-For names the client: config.middleware.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Widget templates from templates/ as well (FORM_RENDERER below).
    "django.forms",
    "django_countries",
    "import_export",
    "reversion",
    # django-axes: lockout after repeated failed sign-ins (see AXES_* below).
    "config.apps.AxesConfig",
    # The rich-text editor's static files (Tiptap/ProseMirror, served by us, no CDN).
    "django_prose_editor",
    "publishing",
    "library",
    "briefing",
    "symposia",
    "newsroom",
]

MIDDLEWARE = [
    # First, so its one JSON line per request times and covers everything below.
    "config.middleware.RequestLogMiddleware",
    "config.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' copies of public pages (newsroom/cache.py): a hit is answered
    # here, before sessions, locale, CSRF, auth and URL resolution; the middlewares
    # above still log it and add the security headers. Stores on the way out, with
    # the headers the ones below add (its process_view notes the public views).
    "newsroom.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out user before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

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
                "newsroom.context_processors.site_settings",
            ],
        },
    },
]

# Form widgets render with the TEMPLATES above, so templates/ holds our widgets' markup too
# (admin/publishing/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", default="newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions live in the database, every app server sees them; with Redis they are
# also cached there (cached_db: a flushed cache loses no session).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Simplified Chinese, English first so it is
# the fallback for readers whose language we do not know.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as the source writes them ("December 2003", "January 5, 2009"): config/formats/en.
FORMAT_MODULE_PATH = ["config.formats"]
# Beijing time, the publisher's: times are stored in UTC and shown and typed in this zone (the
# admin's "8 hours behind server time" note means the browser's clock is in UTC; README).
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
# A missing Chinese text falls back to English on the public site rather than
# showing a blank; the fixture test makes sure published seed content has both.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("zh-hans",)}
# The tabbed admin needs jQuery UI; serve our own copy, never a CDN.
# modeltranslation reads this setting without its MODELTRANSLATION_ prefix.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files: a local folder by default (one machine, or a shared mount);
# DJANGO_MEDIA_STORAGE=s3 puts them in S3-compatible object storage through
# django-storages, which several app servers share (see the README's Deploy).
MEDIA_STORAGE = env("DJANGO_MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "s3":
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_S3_BUCKET"),
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL", default=None),
            "region_name": env("DJANGO_S3_REGION", default=None),
            "access_key": env("DJANGO_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("DJANGO_S3_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env("DJANGO_S3_CUSTOM_DOMAIN", default=None),
            "location": env("DJANGO_S3_PREFIX", default="media"),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env.bool("DJANGO_S3_QUERYSTRING_AUTH", default=True),
        },
    }
elif MEDIA_STORAGE == "local":
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}")
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL in one variable (smtp+tls://user:password@host:587,
# smtps://… for implicit TLS, consolemail://), or the separate DJANGO_EMAIL_*
# variables; with neither, mails are printed to the console.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="")
    EMAIL_BACKEND = env(
        "DJANGO_EMAIL_BACKEND",
        default="django.core.mail.backends.smtp.EmailBackend"
        if EMAIL_HOST
        else "django.core.mail.backends.console.EmailBackend",
    )
    EMAIL_HOST = EMAIL_HOST or "localhost"
    EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("DJANGO_EMAIL_USER", default="")
    EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

LOGIN_URL = "admin:login"

# django-import-export
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

COUNTRIES_FIRST = ["CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]
COUNTRIES_FIRST_REPEAT = True

# Logs: one JSON object per line on stderr (config/logging.py), one line per
# request from config.middleware.RequestLogMiddleware; DJANGO_LOG_FORMAT=text
# for humans at a terminal.
# Each line once: Django's own defaults (django.utils.log.DEFAULT_LOGGING) give the "django"
# logger a console handler of its own while DEBUG is on, and it also propagates to our root
# handler, so under `make run` every Django message was printed twice (plain, then JSON); and
# runserver's "django.server" access line repeated our request line. Configuring those loggers
# here replaces Django's handlers (dictConfig clears a configured logger's handlers): "django"
# goes to the root handler only, and runserver's access log stays silent since
# newsroom.request already logs every request. (No ADMINS are set: nothing was mailed.)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "propagate": False},
        "newsroom.request": {
            "handlers": ["console"],
            "level": env("DJANGO_REQUEST_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
    },
}

# Security headers every response carries (config.middleware.SecurityHeadersMiddleware;
# Django 6.0's SECURE_CSP takes the same shape). Only our own origin: no inline
# script or style, nothing from a CDN.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Media in object storage is served from its own origin: name it here.
SECURE_CSP["img-src"] += env.list("DJANGO_CSP_IMG_SRC", default=[])
if MEDIA_STORAGE == "s3" and MEDIA_STORAGE_BACKEND["OPTIONS"]["custom_domain"]:
    SECURE_CSP["img-src"].append("https://" + MEDIA_STORAGE_BACKEND["OPTIONS"]["custom_domain"])
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
SECURE_REFERRER_POLICY = "same-origin"

# Attendee spreadsheet import (symposia/importing): upload size (enforced while
# it streams in), rows per file, how far an XLSX/ODS archive may unpack before it
# counts as a zip bomb, how many cells a sheet may make the reader build (empty
# ones between the values included), and how long a preview waits for its
# confirmation before its upload is dropped (manage.py purge_imports).
ATTENDEE_IMPORT_MAX_BYTES = env.int("ATTENDEE_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
ATTENDEE_IMPORT_MAX_ROWS = env.int("ATTENDEE_IMPORT_MAX_ROWS", default=20_000)
ATTENDEE_IMPORT_MAX_UNPACKED_BYTES = env.int("ATTENDEE_IMPORT_MAX_UNPACKED_BYTES", default=300 * 1024 * 1024)
ATTENDEE_IMPORT_MAX_CELLS = env.int("ATTENDEE_IMPORT_MAX_CELLS", default=2_000_000)
ATTENDEE_IMPORT_PENDING_HOURS = env.float("ATTENDEE_IMPORT_PENDING_HOURS", default=24)

# The image and document library (library/): upload limits, checked by content, and
# the widths of the renditions made of every image (each in WebP and JPEG or PNG).
LIBRARY_IMAGE_MAX_BYTES = env.int("LIBRARY_IMAGE_MAX_BYTES", default=20 * 1024 * 1024)
LIBRARY_IMAGE_MAX_PIXELS = env.int("LIBRARY_IMAGE_MAX_PIXELS", default=50_000_000)
LIBRARY_DOCUMENT_MAX_BYTES = env.int("LIBRARY_DOCUMENT_MAX_BYTES", default=50 * 1024 * 1024)
LIBRARY_DOCUMENT_MAX_UNPACKED_BYTES = env.int(
    "LIBRARY_DOCUMENT_MAX_UNPACKED_BYTES", default=300 * 1024 * 1024
)
LIBRARY_RENDITION_WIDTHS = tuple(env.list("LIBRARY_RENDITION_WIDTHS", cast=int, default=[480, 960, 1600]))
# Media served by Django itself: for `make run` and the tests only; a deployment's
# proxy serves the media folder (README, Deploy) or object storage does.
SERVE_MEDIA = False

# The site's own address (scheme and host, no path), for every absolute URL on a page the cache
# keeps for everyone: hreflang alternates, feeds, sitemap.xml, robots.txt, notification mails.
# Never the request's Host or scheme, which a client chooses.
SITE_URL = env("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Public pages cached per language for anonymous readers (newsroom/cache.py). A page is fresh
# for PUBLIC_CACHE_SECONDS (saving what it shows makes it stale); a stale page is still served
# for up to PUBLIC_CACHE_STALE_SECONDS while one worker renders the new one. Proxies and CDNs
# may keep a page PUBLIC_PROXY_SECONDS (s-maxage), then serve it stale while they revalidate.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
# A page is rendered again at most once per PUBLIC_CACHE_MIN_SECONDS, however fast edits come:
# a correction reaches readers within that time (and a proxy's PUBLIC_PROXY_SECONDS).
PUBLIC_CACHE_MIN_SECONDS = env.int("PUBLIC_CACHE_MIN_SECONDS", default=5)
PUBLIC_CACHE_STALE_SECONDS = env.int("PUBLIC_CACHE_STALE_SECONDS", default=24 * 60 * 60)
PUBLIC_PROXY_SECONDS = env.int("PUBLIC_PROXY_SECONDS", default=10)

# The feedback form (网站留言): messages per client address and period, and who is
# told of a new one (empty: active staff allowed to view messages).
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=5)
FEEDBACK_RATE_PERIOD = env.int("FEEDBACK_RATE_PERIOD", default=60 * 60)
FEEDBACK_NOTIFY_EMAILS = env.list("FEEDBACK_NOTIFY_EMAILS", default=[])

# bench/pages.py sets NEWSROOM_BENCH=1 to mount a constant view to compare against.
NEWSROOM_BENCH = env.bool("NEWSROOM_BENCH", default=False)

# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one user name, from one
# address or spread over many, that user name is locked out for the cool-off time
# (each entry of AXES_LOCKOUT_PARAMETERS is counted on its own; the first to reach the
# limit locks). A guesser with many addresses so gets AXES_FAILURE_LIMIT guesses per
# cool-off, not that many per address; the price is that they can lock the account for
# the cool-off, which a superuser lifts at once under "Axes > Access attempts".
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("DJANGO_AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
