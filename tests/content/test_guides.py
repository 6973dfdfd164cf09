"""The authoring guides say what the checker and the pages do (partner trial findings)."""
from __future__ import annotations

import re
from pathlib import Path

from literacy.content.checks import MESSAGES

DOCS = Path(__file__).resolve().parents[2] / "docs"
PANDUAN = (DOCS / "panduan-penulis.md").read_text()
GUIDE = (DOCS / "authoring-guide.md").read_text()


def _rows(text: str, heading: str) -> list[str]:
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]


def test_the_indonesian_table_names_each_code_like_the_english_one():
    indonesian = _rows(PANDUAN, "## 8. Pesan pemeriksa")
    english = _rows(GUIDE, "## 7. Common checker messages")
    assert len(indonesian) >= 25
    for row in indonesian:
        codes = re.findall(r"`([a-z0-9-]+)`", row)
        assert codes and all(code in MESSAGES for code in codes), row
    named = {code for row in indonesian + english for code in re.findall(r"`([a-z0-9-]+)`", row)}
    new = {"yaml-curly-quotes", "field-misspelled", "media-name-space", "callout-misspelled", "callout-unclosed-before",
           "feedback-indent", "option-no-space", "path-missing"}
    assert new <= named
    for code in new:
        assert any(code in row for row in indonesian) and any(code in row for row in english), code


def test_a_missing_english_quiz_gives_the_warning_the_guide_promises(read, module_folder):
    (module_folder.path / "en" / "kuis.md").unlink()
    _, report, _ = read(module_folder.root)
    assert [p.code for p in report.warnings] == ["translation-quiz-missing"]
    assert "pemeriksa memberi satu\nperingatan untuk itu" in PANDUAN and "tidak ada\nperingatan" not in PANDUAN
    assert "falls back silently" not in GUIDE


def test_questions_do_not_repeat_the_hint_the_page_adds():
    example = (DOCS / "contoh-modul" / "kenali-hoaks" / "kuis.md").read_text()
    headings = [line for text in (PANDUAN, example) for line in text.splitlines() if line.startswith("## ")]
    assert not [h for h in headings if "Pilih semua yang benar" in h]
    assert "jangan ditulis lagi di pertanyaan" in PANDUAN


def test_the_guide_covers_shuffling_image_sizes_the_browser_and_the_new_commands():
    for text in ("Pilihan jawaban diacak", "Semua jawaban di atas benar", "360 piksel", "`/mitra`", "Pratinjau",
                 "Ajukan versi N", "content new", "content check --fix", "Word atau Google Docs"):
        assert text in PANDUAN, text
    for text in ("/mitra", "content new SLUG", "check --fix", "all of the above", "360 px"):
        assert text in GUIDE, text
