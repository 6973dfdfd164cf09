"""Rendered partner markdown is safe: no scripts, handlers, styles, ids or foreign images."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from literacy.content.render import ALLOWED_TAGS, render

from .xss_payloads import PAYLOADS

SAFE_TAGS = set(ALLOWED_TAGS)


class Tags(HTMLParser):
    """The real tags and attributes in a piece of HTML (escaped text is not a tag)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_harmless(payload):
    html = render(payload, "modul")
    for tag, attrs in Tags(html).found:
        assert tag in SAFE_TAGS, (payload, html)
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "id", "name"), (payload, html)
            if name == "href":
                assert re.match(r"^(https?:|mailto:|/|#|[^:]*$)", value or "", re.I), (payload, html)
            if name == "src":
                assert re.fullmatch(r"/modul/modul/media/[A-Za-z0-9][A-Za-z0-9._-]*", value), (payload, html)


def test_external_links_get_noopener_and_only_allowed_schemes():
    html = render("[a](https://a.example) [b](mailto:x@y.id) [c](ftp://x)", "m")
    links = [attrs for tag, attrs in Tags(html).found if tag == "a"]
    assert [a.get("href") for a in links] == ["https://a.example", "mailto:x@y.id", None]
    assert all(a["rel"] == "noopener noreferrer" for a in links)


def test_module_media_is_rewritten_to_the_module_url():
    assert '<img src="/modul/m/media/a.png" alt="A">' in render("![A](media/a.png)", "m")


def test_callouts_render_as_labelled_asides_in_the_lesson_language():
    html = render("::: peringatan\nHati-hati.\n:::", "m", "id")
    assert html.startswith('<aside class="callout callout-warning"><p><strong>Peringatan</strong></p>')
    assert "<strong>Warning</strong>" in render("::: warning\nCareful.\n:::", "m", "en")


def test_the_remember_box_is_titled_ingat_in_indonesian_and_remember_in_english():
    html = render("::: ingat\n- satu\n- dua\n- tiga\n:::", "m", "id")
    assert html.startswith('<aside class="callout callout-remember"><p><strong>Ingat</strong></p>')
    assert html.count("<li>") == 3
    english = render("::: remember\n- one\n:::", "m", "en")
    assert english.startswith('<aside class="callout callout-remember"><p><strong>Remember</strong></p>')
    # Either name renders in either language: the title follows the lesson's language.
    assert "<strong>Remember</strong>" in render("::: ingat\n- one\n:::", "m", "en")
