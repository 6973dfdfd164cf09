"""Every string a person sees is in the English catalog, and the catalogs match the code."""
from __future__ import annotations

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from literacy import i18n

EN_PO = i18n.TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
EN_MO = EN_PO.with_suffix(".mo")


def _ids(catalog):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_catalog_is_current_with_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    i18n.extract(fresh)
    in_code = _ids(read_po(fresh.open("rb")))
    in_catalog = _ids(read_po(EN_PO.open("rb")))
    assert in_code, "extraction found no strings"
    assert sorted(in_code - in_catalog) == [], "run: flask --app wsgi translate update"
    assert sorted(in_catalog - in_code) == [], "obsolete entries: flask --app wsgi translate update"


def test_every_english_entry_is_translated_and_not_fuzzy():
    catalog = read_po(EN_PO.open("rb"))
    untranslated = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalog_matches_the_source():
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    source = {plain(m.id): plain(m.string) for m in read_po(EN_PO.open("rb")) if m.id}
    compiled = {plain(m.id): plain(m.string) for m in read_mo(EN_MO.open("rb")) if m.id}
    assert compiled == source, "run: flask --app wsgi translate compile"


def test_placeholders_survive_translation():
    import re

    for message in read_po(EN_PO.open("rb")):
        if not message.id or not isinstance(message.id, str):
            continue
        names = lambda s: sorted(re.findall(r"%\((\w+)\)s", s))
        assert names(message.id) == names(message.string), message.id
