"""The interface in English, end to end: every page type of every role (tests/pages.py) with
English as the visitor's language shows no Indonesian interface text and English dates.

Interface text is what goes through gettext: every Indonesian message id whose English differs is
looked for, fragment by fragment (the parts between placeholders), in the text a person sees.
Content is not interface: module text in Indonesian is marked ``lang="id"`` and skipped, as are
the names people typed.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from .pages import every_page_type

CATALOG = Path(__file__).resolve().parent.parent / "translations" / "en" / "LC_MESSAGES" / "messages.po"
INDONESIAN_DATES = re.compile(r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Januari|Februari|Maret|Mei|Juni|Juli|"
                              r"Agustus|Oktober|Desember)\b")


def indonesian_fragments() -> set[str]:
    """Pieces of Indonesian interface text (two words or more) that the English never contains."""
    fragments = set()
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        english = " ".join(message.string if isinstance(message.string, tuple) else (message.string,))
        for msgid in ids:
            for piece in re.split(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}", msgid):
                piece = " ".join(piece.split()).strip(" .,:;!?()«»\"'·–-/")
                if len(re.findall(r"[A-Za-z]{2,}", piece)) >= 2 and piece not in english:
                    fragments.add(piece)
    return fragments


class VisibleText(HTMLParser):
    """The text a person sees (and the labels a screen reader reads), without anything marked lang="id"."""

    SKIP = {"script", "style", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIP or attrs.get("lang") == "id"
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append((tag, skip))
        if not (skip or self._hidden()):
            for name in ("aria-label", "alt", "title", "placeholder"):
                if attrs.get(name):
                    self.parts.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def english_app(app_factory):
    return app_factory(LANGUAGES=("en", "id"))  # English for anyone who has not chosen


def test_every_page_of_every_role_is_english(english_app, example_course, site_pages, make_user, login):
    pages = every_page_type(english_app, english_app.test_client(), make_user, login)
    assert len(pages) >= 60
    fragments = indonesian_fragments()
    assert len(fragments) > 800  # the detector has something to look for
    left = {}
    for name, html in pages.items():
        assert '<html lang="en">' in html, name
        text = VisibleText.of(html)
        found = sorted(f for f in fragments if f in text)
        dates = INDONESIAN_DATES.findall(text)
        if found or dates:
            left[name] = found[:5] + dates[:3]
    assert left == {}
    when = VisibleText.of(pages["workshop-detail-visitor"])  # CLDR en: "Sunday, December 6, 2026"
    assert re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}", when)


def test_the_detector_finds_indonesian_left_on_a_page():
    html = ('<html lang="en"><body><p>Welcome</p><p>Belum ada kelas.</p><p lang="id">Kenali Hoaks: '
            'Belum ada kelas.</p><button aria-label="Simpan perubahan">x</button></body></html>')
    text = VisibleText.of(html)
    fragments = indonesian_fragments()
    assert {"Belum ada kelas", "Simpan perubahan"} <= {f for f in fragments if f in text}
    assert text.count("Belum ada kelas") == 1  # the lang="id" copy is content, skipped
    assert INDONESIAN_DATES.findall("Rabu, 11 Juli 2018") == ["Rabu", "Juli"]


@pytest.mark.browser
def test_in_chromium_what_the_scripts_show_is_english_too(page, live_server, example_course, site_pages, make_user):
    """The same check on the text Chromium shows once the app's script has run (saved-module list,
    offline notices, the listen button), for a student reading in English."""
    from .conftest import PASSWORD

    make_user("siti_en", birth_year=2010)
    page.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Username or email").fill("siti_en")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    fragments, left = indonesian_fragments(), {}
    for url in ("/dasbor", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/modul/kenali-hoaks/kuis",
                "/tersimpan", "/luring", "/akun", "/lokakarya", "/lapor"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "en", url
        text = VisibleText.of(page.content())
        found = sorted(f for f in fragments if f in text) + INDONESIAN_DATES.findall(text)
        if found:
            left[url] = found[:5]
    assert left == {}
