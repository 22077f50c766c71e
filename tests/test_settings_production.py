"""config.settings.production: refuses to start without its configuration, passes
`check --deploy` with no warning, and serves hashed, compressed static files."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.production_env import production_env, run

SETUP = ["-c", "import django; django.setup(); print('started')"]


def test_production_starts_with_a_key_and_hosts():
    result = run(SETUP, production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY must be a random value"),
        ({"DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me" * 3}, "DJANGO_SECRET_KEY must be"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS must name"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "DJANGO_ALLOWED_HOSTS must name"),
        ({"DJANGO_SITE_URL": "news.example.org"}, "DJANGO_SITE_URL must be a scheme and a host"),
        ({"DJANGO_SITE_URL": "https://news.example.org/en/"}, "DJANGO_SITE_URL must be a scheme and a host"),
    ],
    ids=["no-key", "short-key", "dev-key", "no-hosts", "empty-hosts", "any-host", "bare-site", "site-path"],
)
def test_production_refuses_to_start_without_its_configuration(overrides, complaint):
    result = run(SETUP, production_env(**overrides))
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_check_deploy_prints_no_warning():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_catches_a_weakened_production():
    # The check above can fail: turn HSTS off and the secure redirect off, and Django says so.
    weakened = production_env(DJANGO_SECURE_HSTS_SECONDS="0", DJANGO_SECURE_SSL_REDIRECT="False")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], weakened)
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


SETTINGS_DUMP = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "EMAIL_BACKEND": s.EMAIL_BACKEND, "EMAIL_HOST": s.EMAIL_HOST, "EMAIL_PORT": s.EMAIL_PORT,
    "EMAIL_HOST_USER": s.EMAIL_HOST_USER, "EMAIL_HOST_PASSWORD": s.EMAIL_HOST_PASSWORD,
    "EMAIL_USE_TLS": s.EMAIL_USE_TLS, "EMAIL_USE_SSL": s.EMAIL_USE_SSL,
    "SESSION_ENGINE": s.SESSION_ENGINE, "CACHE": s.CACHES["default"]["BACKEND"],
    "MEDIA": s.STORAGES["default"]["BACKEND"], "STATIC": s.STORAGES["staticfiles"]["BACKEND"],
    "MEDIA_ROOT": str(s.MEDIA_ROOT), "IMG_SRC": s.SECURE_CSP["img-src"],
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE, "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SITE_URL": s.SITE_URL,
}))
"""


def settings_under(**overrides):
    import json

    result = run(["-c", SETTINGS_DUMP], production_env(**overrides))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_default_production_configuration():
    s = settings_under(REDIS_URL=None, EMAIL_URL=None, DJANGO_MEDIA_STORAGE=None)
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    # Shared by every worker even without Redis: a table in the database.
    assert s["CACHE"] == "django.core.cache.backends.db.DatabaseCache"
    assert s["MEDIA"] == "django.core.files.storage.FileSystemStorage"
    # WhiteNoise's compressed manifest storage, remembering each URL (config/storage.py).
    assert s["STATIC"] == "config.storage.StaticFilesStorage"
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    # The canonical address: https and the first host name, unless DJANGO_SITE_URL says otherwise.
    assert s["SITE_URL"] == "https://news.example.org"
    assert settings_under(DJANGO_SITE_URL="https://www.example.org/")["SITE_URL"] == "https://www.example.org"


def test_redis_holds_the_cache_and_caches_the_sessions():
    s = settings_under(REDIS_URL="redis://127.0.0.1:6379/3")
    assert s["CACHE"] == "django_redis.cache.RedisCache"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_email_from_one_url():
    s = settings_under(EMAIL_URL="smtp+tls://news%40example.org:s3cret@mail.example.org:587")
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (s["EMAIL_HOST_USER"], s["EMAIL_HOST_PASSWORD"]) == ("news@example.org", "s3cret")
    assert s["EMAIL_USE_TLS"] is True


def test_email_from_separate_variables():
    s = settings_under(
        DJANGO_EMAIL_HOST="smtp.example.org",
        DJANGO_EMAIL_PORT="465",
        DJANGO_EMAIL_USER="newsroom",
        DJANGO_EMAIL_PASSWORD="pw",
        DJANGO_EMAIL_USE_SSL="True",
    )
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_HOST_USER"]) == ("smtp.example.org", 465, "newsroom")
    assert s["EMAIL_USE_SSL"] is True and s["EMAIL_USE_TLS"] is False


def test_media_in_object_storage():
    s = settings_under(
        DJANGO_MEDIA_STORAGE="s3",
        DJANGO_S3_BUCKET="newsroom-media",
        DJANGO_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert s["MEDIA"] == "storages.backends.s3.S3Storage"
    assert "https://media.example.org" in s["IMG_SRC"]


def test_media_folder_is_configurable(tmp_path):
    s = settings_under(DJANGO_MEDIA_ROOT=str(tmp_path / "uploads"))
    assert s["MEDIA_ROOT"] == str(tmp_path / "uploads")


def test_an_unknown_media_storage_is_refused():
    result = run(SETUP, production_env(DJANGO_MEDIA_STORAGE="ftp"))
    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE must be 'local' or 's3'" in result.stderr


class StaticRefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and "/static/" in value:
                self.urls.append(value)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic exactly as production runs it, into a folder of its own."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    assert (collected / "staticfiles.json").exists()
    hashed_css = list((collected / "css").glob("site.*.css"))
    assert hashed_css, "no hashed copy of css/site.css"
    assert any(p.with_name(p.name + ".gz").exists() for p in hashed_css)
    assert list((collected / "vendor" / "jquery-ui").glob("jquery-ui.min.*.js"))


def test_pages_link_hashed_static_files_that_whitenoise_serves(collected, seed):
    client = Client()  # a new client builds the middleware, so WhiteNoise indexes `collected`
    refs = set()
    for url in ("/en/", "/zh-hans/", "/en/briefings/china-asean-customs-cooperation/", "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        parser = StaticRefs()
        parser.feed(response.content.decode())
        assert parser.urls, f"{url} links no static file"
        refs.update(parser.urls)
    for ref in sorted(refs):
        # Every static URL a template writes is a hashed name ({% static %}, never a literal path).
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", ref), f"{ref} is not a hashed static name"
        response = client.get(ref, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, ref
        assert "immutable" in response["Cache-Control"], ref
        if ref.endswith((".css", ".js")):
            assert response["Content-Encoding"] == "gzip", ref


def test_static_storage_remembers_urls_without_changing_them(collected):
    from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

    from config.storage import StaticFilesStorage

    with override_settings(STATIC_ROOT=collected):
        ours, plain = StaticFilesStorage(), ManifestStaticFilesStorage()
        for name in ("css/site.css", "img/emblem.svg", "css/site.css"):
            assert ours.url(name) == plain.url(name)
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", ours.url(name))
        assert set(ours._urls) == {"css/site.css", "img/emblem.svg"}
        # A file missing from the manifest is still an error, and is not remembered.
        with pytest.raises(ValueError):
            ours.url("css/missing.css")
        assert "css/missing.css" not in ours._urls
