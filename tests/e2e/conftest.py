"""Real-browser tests: Playwright drives Debian's chromium (/usr/bin/chromium).

Playwright's own browser download is never used. Where no chromium exists the
tests skip with the reason, except under CI (CI=true), where a missing browser
is a failure: CI must run them.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"no chromium at {CHROMIUM}: install Debian's package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run the browser tests")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# What production adds on top of the policy every settings module sends.
PRODUCTION_HEADERS = {
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "X_FRAME_OPTIONS": "DENY",
}


@pytest.fixture
def production_like(settings):
    for name, value in PRODUCTION_HEADERS.items():
        setattr(settings, name, value)
    settings.DEBUG = False


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports: the DOM event and the console message."""
    found = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => {"
        " (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI); });"
    )
    page.on(
        "console",
        lambda m: (
            found.append(f"console: {m.text}")
            if "Content Security Policy" in m.text or "Permissions-Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: found.append(f"pageerror: {e}"))

    def collect():
        found.extend(f"event: {v}" for v in page.evaluate("window.__csp || []"))
        return found

    return collect
