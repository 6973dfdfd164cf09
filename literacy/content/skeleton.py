"""A new module's starting files: what ``flask content new SLUG`` writes and the browser editor starts from.

The skeleton passes the checker as it is, so the first thing an author sees is a working module
to change, not a list of errors.
"""
from __future__ import annotations

MODULE = """---
title: Judul Modul
pillar: cakap
level: pemula
language: id
summary: Satu kalimat tentang isi modul ini.
objectives:
  - Tujuan pertama yang bisa dicapai pelajar
duration_minutes: 20
authors: [{authors}]
license: CC BY-SA 4.0
pass_mark: 70
certificate: true
---

Kalimat pembuka modul: untuk siapa modul ini dan apa yang akan dipelajari.
"""

LESSON = """---
title: Pelajaran Pertama
duration_minutes: 10
objectives:
  - Tujuan pelajaran ini
---

Tulis isi pelajaran di sini.

## Bagian pertama

::: tips
Kotak tips seperti ini membantu pelajar mengingat hal penting.
:::
"""

QUIZ = """---
title: Kuis Judul Modul
---

## Tulis pertanyaan pertama di sini {#soal-pertama}

- [x] Jawaban yang benar
- [ ] Jawaban yang salah
  > Umpan balik untuk pilihan ini (boleh dihapus).

> Penjelasan singkat mengapa jawaban itu benar.
"""


def skeleton_files(slug: str, authors: str = "Nama Penulis") -> dict[str, bytes]:
    """The files of a new module folder ``slug`` (path inside the folder -> bytes)."""
    return {
        "module.md": MODULE.format(authors=authors).encode(),
        "01-pelajaran-pertama.md": LESSON.encode(),
        "kuis.md": QUIZ.encode(),
    }
