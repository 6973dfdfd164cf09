"""The browser harness: a live server in a thread and Debian's Chromium driven by Playwright.

Chromium is the system package (/usr/bin/chromium); Playwright never downloads a browser.
Every page a test opens records console errors, uncaught exceptions and CSP violations, and
the test fails if any occurred.
"""
from __future__ import annotations

import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]
RECORD_CSP_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations = (window.__cspViolations || []);
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


class LiveServer:
    def __init__(self, app):
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context with a phone-sized viewport; fails the test on any page error.

    It depends on ``live_server`` so that the browser is closed before the server stops: a page
    still talking to a server that is shutting down logs ``net::ERR_SOCKET_NOT_CONNECTED``.
    Problems are read before the context closes, for the same reason.
    """
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    tab.add_init_script(RECORD_CSP_VIOLATIONS)
    tab.allowed_console_errors = []  # substrings a test expects, e.g. "status of 404"
    yield tab
    violations = tab.evaluate("window.__cspViolations || []") if not tab.is_closed() else []
    found = list(problems)
    context.close()
    unexpected = [p for p in found if not any(a in p for a in tab.allowed_console_errors)]
    assert not unexpected, unexpected
    assert not violations, violations
