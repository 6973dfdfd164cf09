"""``flask content check --fix`` (question keys from the question text, idempotent) and ``flask content new``."""
from __future__ import annotations

from literacy.content.keys import add_missing_keys, key_from_text

QUIZ = """---
title: Kuis
---

## Apa yang sebaiknya Dimas lakukan lebih dulu?

- [x] Memeriksa
- [ ] Menyebarkan

> Periksa dulu.

## Foto viral pasti asli. {#foto-viral}

- [ ] Benar
- [x] Salah

> Tidak selalu.

## Apa yang sebaiknya Dimas lakukan lebih dulu?

- [x] Memeriksa
- [ ] Menyebarkan

> Periksa dulu.

```
## bukan soal, di dalam blok kode
```
"""


def test_keys_come_from_the_question_text_and_are_unique():
    assert key_from_text("Apa yang sebaiknya Dimas lakukan lebih dulu?") == "apa-yang-sebaiknya-dimas-lakukan"
    assert key_from_text("Ñoño — ¿qué?") == "nono-que"
    assert key_from_text("???") == "soal"
    text, added = add_missing_keys(QUIZ)
    assert added == [(5, "apa-yang-sebaiknya-dimas-lakukan"), (19, "apa-yang-sebaiknya-dimas-lakukan-2")]
    assert "## Foto viral pasti asli. {#foto-viral}" in text and "## bukan soal, di dalam blok kode\n" in text
    assert add_missing_keys(text) == (text, [])


def test_check_fix_writes_keys_once(app, runner, module_folder):
    module_folder.write("kuis.md", QUIZ.replace("```\n## bukan soal, di dalam blok kode\n```\n", ""))
    before = runner.invoke(args=["content", "check", str(module_folder.path)])
    assert before.exit_code == 1 and "tidak punya kunci" in before.output
    fixed = runner.invoke(args=["content", "check", "--fix", str(module_folder.path)])
    assert "kunci 'apa-yang-sebaiknya-dimas-lakukan' ditambahkan" in fixed.output
    assert "tidak punya kunci" not in fixed.output
    once = module_folder.read("kuis.md")
    assert "{#apa-yang-sebaiknya-dimas-lakukan}" in once and "{#apa-yang-sebaiknya-dimas-lakukan-2}" in once
    again = runner.invoke(args=["content", "check", "--fix", str(module_folder.path)])
    assert module_folder.read("kuis.md") == once and "ditambahkan" not in again.output


def test_check_fix_leaves_a_module_with_keys_alone(runner, module_folder):
    original = module_folder.read("kuis.md")
    result = runner.invoke(args=["content", "check", "--fix", str(module_folder.path)])
    assert result.exit_code == 0 and module_folder.read("kuis.md") == original


def test_content_new_writes_a_skeleton_that_passes(runner, tmp_path):
    made = runner.invoke(args=["content", "new", "modul-saya", "--into", str(tmp_path)])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in (tmp_path / "modul-saya").iterdir()) == ["01-pelajaran-pertama.md", "kuis.md",
                                                                           "module.md"]
    checked = runner.invoke(args=["content", "check", str(tmp_path / "modul-saya")])
    assert checked.exit_code == 0 and "0 galat," in checked.output
    again = runner.invoke(args=["content", "new", "modul-saya", "--into", str(tmp_path)])
    assert again.exit_code == 1 and "sudah ada" in again.output
    bad = runner.invoke(args=["content", "new", "Modul Saya", "--into", str(tmp_path)])
    assert bad.exit_code == 1 and "tidak valid" in bad.output
