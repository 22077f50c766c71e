"""Two app servers, one PostgreSQL, one Redis: nothing lives in one server.

Two gunicorn servers with the production settings run on two free localhost
ports against the test database and the Redis of REDIS_URL, as two machines
behind a load balancer would. A client that talks to both shows:

- a session opened on one server is valid on the other (and a sign-out there ends it here);
- an attendee import previewed on one server is confirmed on the other;
- a page cached by one server is invalidated by a content change made through the other;
- the feedback form's rate limit counts a client's messages to both servers together.

Runs when DATABASE_URL is PostgreSQL and REDIS_URL is set (CI's second pass).
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from html import unescape
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from briefing.models import Priority
from symposia.models import Attendee, ImportRecord, Symposium
from tests.production_env import ROOT, production_env, run

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): two servers share one database",
    ),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs Redis (REDIS_URL=redis://...): two servers share one cache",
    ),
]

PASSWORD = "a-long-scale-out-password"


class Browser:
    """Just enough of a browser for two origins: one cookie jar, forms, no redirects followed."""

    def __init__(self):
        self.cookies = {}

    def request(self, base, method, path, body=None, content_type=None):
        host = urlsplit(base).netloc
        conn = http.client.HTTPConnection(host, timeout=30)
        headers = {"Host": host, "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = base  # what a browser sends; Django's CSRF check compares it to Host
            headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = SimpleCookie(value)
                for key, morsel in cookie.items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
        conn.close()
        return response.status, dict(response.getheaders()), text

    def get(self, base, path):
        return self.request(base, "GET", path)

    def post(self, base, path, fields, files=None):
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields:
                head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                parts.append(f"{head}{value}\r\n".encode())
            for name, (filename, data) in files.items():
                head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
                parts.append(f"{head}\r\nContent-Type: text/csv\r\n\r\n".encode() + data + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            return self.request(base, "POST", path, body, f"multipart/form-data; boundary={boundary}")
        body = urlencode([tuple(field) for field in fields]).encode()
        return self.request(base, "POST", path, body, "application/x-www-form-urlencoded")


class FormFields(HTMLParser):
    """The fields a browser would submit with the form containing `marker` (a field name)."""

    def __init__(self, marker):
        super().__init__(convert_charrefs=True)
        self.marker, self.forms, self.current = marker, [], None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
        if self.current is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.append([a["name"], a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.current.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.current.append([self.select, a.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None

    @classmethod
    def of(cls, html, marker):
        parser = cls(marker)
        parser.feed(html)
        for form in parser.forms:
            if any(name == marker for name, _ in form):
                return form
        raise AssertionError(f"no form with a field {marker!r}")


def csrf_token(html):
    return unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url():
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    result = run(
        ["manage.py", "collectstatic", "--noinput", "-v0"], production_env(DJANGO_STATIC_ROOT=str(root))
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def servers(transactional_db, static_root, tmp_path):
    """Two gunicorn servers on the same database and Redis; yields their base URLs."""
    call_command("loaddata", "seed", verbosity=0)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        get_user_model().objects.create_superuser("scale-editor", "scale@example.org", PASSWORD)
    env = production_env(
        DATABASE_URL=database_url(),
        REDIS_URL=os.environ["REDIS_URL"],
        DJANGO_CACHE_PREFIX=f"scale-{uuid.uuid4().hex[:8]}",  # this test's own keys on the shared Redis
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="False",  # plain HTTP on localhost; cookies stay Secure
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_WORKERS="2",
        FEEDBACK_RATE_LIMIT="3",
        PUBLIC_CACHE_MIN_SECONDS="0",  # follow an edit to the next reader at once (as config.settings.test)
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    processes, bases = [], []
    for name in ("a", "b"):
        port = free_port()
        log = open(tmp_path / f"gunicorn-{name}.log", "w")  # noqa: SIM115  (closed below)
        process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes.append((process, log))
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            for _ in range(150):
                try:
                    status, _, body = Browser().get(base, "/healthz")
                    if status == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            else:
                raise AssertionError(
                    f"{base} did not become healthy: " + (tmp_path / "gunicorn-a.log").read_text()
                )
        yield bases
    finally:
        for process, _log in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process, log in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()
        connection.close()


def sign_in(browser, base):
    status, _, html = browser.get(base, "/admin/login/?next=/admin/")
    assert status == 200
    status, headers, html = browser.post(
        base,
        "/admin/login/?next=/admin/",
        [
            ("csrfmiddlewaretoken", csrf_token(html)),
            ("username", "scale-editor"),
            ("password", PASSWORD),
            ("next", "/admin/"),
        ],
    )
    assert status == 302, html[:2000]
    assert headers["Location"] == "/admin/"
    assert "sessionid" in browser.cookies


def test_two_servers_share_sessions_imports_and_the_page_cache(servers, tmp_path):
    a, b = servers
    for base in servers:
        status, _, body = Browser().get(base, "/healthz")
        assert (status, body) == (200, '{"status": "ok", "database": "ok", "cache": "ok"}')

    # 1. Sessions: signed in on A, recognised on B; signed out on B, gone on A.
    editor = Browser()
    sign_in(editor, a)
    status, _, html = editor.get(b, "/admin/")
    assert status == 200 and "scale-editor" in html
    assert Browser().get(b, "/admin/")[0] == 302  # without the session: to the sign-in page

    # 2. An import previewed on A is confirmed on B.
    symposium = Symposium.objects.order_by("ordinal").first()
    status, _, html = editor.get(a, "/admin/symposia/attendee/import/")
    assert status == 200
    csv = (
        b"Name,Organization,Country,Email,Role\r\n"
        b"Tran Thi Mai,Scale-out Test Customs,Viet Nam,mai.scale@customs.example,delegate\r\n"
        b"Somsak Chaiyaporn,Scale-out Test Customs,Thailand,somsak.scale@customs.example,observer\r\n"
    )
    status, headers, html = editor.post(
        a,
        "/admin/symposia/attendee/import/",
        [
            ("csrfmiddlewaretoken", csrf_token(html)),
            ("symposium", symposium.pk),
            ("format", "auto"),
            ("encoding", "auto"),
            ("create_organizations", "on"),
        ],
        files={"file": ("scale-out.csv", csv)},
    )
    assert status == 302, html[:3000]
    preview = headers["Location"]
    record = ImportRecord.objects.get(pk=int(re.search(r"/import/(\d+)/$", preview).group(1)))
    assert (
        record.status == ImportRecord.Status.PENDING and record.pending_data
    )  # the upload is in the database
    assert not Attendee.objects.filter(email__endswith="scale@customs.example").exists()

    status, _, html = editor.get(b, preview)
    assert status == 200 and "scale-out.csv" in html
    status, headers, html = editor.post(
        b, preview, [("csrfmiddlewaretoken", csrf_token(html)), ("confirm", "1")]
    )
    assert status == 302, html[:3000]
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.IMPORTED
    assert sorted(
        Attendee.objects.filter(symposium=symposium, email__endswith="scale@customs.example").values_list(
            "name", flat=True
        )
    ) == ["Somsak Chaiyaporn", "Tran Thi Mai"]

    # 3. The page cache: B caches the priorities page, A serves B's copy, an edit on A invalidates both.
    reader = Browser()
    page = "/en/priorities/"
    priority = Priority.objects.order_by("order").first()
    assert reader.get(b, page)[0] == 200
    status, headers, html = reader.get(b, page)
    assert headers.get("X-Page-Cache") == "hit"
    status, headers, html = reader.get(a, page)
    assert headers.get("X-Page-Cache") == "hit"  # stored by B, served by A: the cache is shared
    assert priority.short_title_en in html

    change = f"/admin/briefing/priority/{priority.pk}/change/"
    status, _, html = editor.get(a, change)
    assert status == 200
    fields = FormFields.of(html, "short_title_en")
    new_title = "Scale-out: revised priority title"
    fields = [[name, new_title if name == "short_title_en" else value] for name, value in fields]
    status, headers, html = editor.post(a, change, [*fields, ["_continue", "1"]])
    assert status == 302, html[:3000]
    priority.refresh_from_db()
    assert priority.short_title_en == new_title

    # The first reader after the edit (on B) gets the previous page at once, and B's worker
    # renders the new one once it has sent it; A then serves B's new copy.
    status, headers, html = reader.get(b, page)
    assert status == 200
    assert headers.get("X-Page-Cache") == "stale" and new_title not in html
    for _attempt in range(100):  # until B's worker has stored the new page (it runs after the answer)
        status, headers, html = reader.get(a, page)
        if new_title in html:
            break
        time.sleep(0.05)
    assert status == 200
    assert headers.get("X-Page-Cache") == "hit" and new_title in html

    # 4. The feedback form's rate limit (3 here) counts one client across both servers.
    from newsroom.models import Feedback

    visitor = Browser()
    for n, base in enumerate((a, b, a, b), start=1):
        status, _, html = visitor.get(base, "/en/feedback/")
        assert status == 200
        status, headers, html = visitor.post(
            base,
            "/en/feedback/",
            [
                ("csrfmiddlewaretoken", csrf_token(html)),
                ("name", f"Reader {n}"),
                ("email", "reader@example.net"),
                ("subject", "Scale-out"),
                ("message", f"Message {n}"),
                ("website", ""),
            ],
        )
        assert status == (302 if n <= 3 else 429), (n, status, html[:2000])
    assert Feedback.objects.filter(subject="Scale-out").count() == 3

    # Sign out on B: the session is gone on A too.
    status, _, html = editor.get(b, "/admin/")
    status, _, _ = editor.post(b, "/admin/logout/", [("csrfmiddlewaretoken", csrf_token(html))])
    assert status in (200, 302)
    assert editor.get(a, "/admin/")[0] == 302

    # Both servers logged one JSON line per request, without the editor's password.
    for name in ("a", "b"):
        log = (tmp_path / f"gunicorn-{name}.log").read_text()
        assert '"logger": "newsroom.request"' in log
        assert PASSWORD not in log and "scale@customs.example" not in log
        assert '"logger": "gunicorn.access"' not in log and "127.0.0.1 - -" not in log  # no addresses
