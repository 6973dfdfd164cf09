"""Every XSS payload, rendered by our pipeline, fires nothing in a real Chromium."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from literacy.catalog.models import LessonText
from literacy.content.render import render
from literacy.extensions import db

from .xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser


def test_payloads_run_nothing_in_chromium(app, example_course, page, live_server):
    html = "\n".join(render(p, "kenali-hoaks") for p in PAYLOADS)
    with app.app_context():
        db.session.execute(update(LessonText).where(LessonText.title == "Apa Itu Hoaks?").values(html=html))
        db.session.commit()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.allowed_console_errors.append("status of 404")  # media/x.png does not exist
    page.goto(live_server.url + "/modul/kenali-hoaks/apa-itu-hoaks")
    for link in page.locator("article a").all():
        link.hover()
    page.locator("article a").first.click(modifiers=["Alt"], no_wait_after=True)
    # one more round trip through the page's event loop: a dialog the click opened comes first
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('article script, article iframe, article svg, article [style], article [id]').length") == 0
