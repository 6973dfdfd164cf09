"""Time checking, importing and re-importing a large generated course, and rendering its lessons.

Usage: .venv/bin/python bench/import_course.py [--modules 100] [--lessons 10] [--database-url URL]

Generates MODULES x LESSONS lessons (each about 600 words with callouts, a list and links) plus
a 12-question quiz per module into a temporary folder, then reports: the checker alone (no
database), the first import, a re-import of unchanged content (must write nothing), and the
lesson page served from stored HTML. Timings are wall-clock on this machine; compare ratios
measured in one run, not absolute numbers across machines.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARAGRAPH = ("Dimas menerima pesan berantai di grup keluarga. Pesannya meminta semua orang segera "
             "menyebarkan kabar itu ke sepuluh grup lain sebelum tengah malam. ") * 3


def lesson(number: int) -> str:
    body = "\n\n".join(
        [f"## Bagian {i}\n\n{PARAGRAPH}\n\n- **Periksa** sumbernya\n- *Tahan* jempolmu\n- Baca [cekfakta.com](https://cekfakta.com)"
         for i in range(1, 5)]
    )
    return (f"---\ntitle: Pelajaran {number}\nduration_minutes: 7\nobjectives:\n  - Tujuan satu\n  - Tujuan dua\n---\n\n"
            f"{PARAGRAPH}\n\n{body}\n\n::: kegiatan\nBuka HP-mu dan periksa satu pesan.\n:::\n\n"
            f"::: refleksi\nApa yang akan kamu lakukan?\n:::\n\n## Sumber\n\n- [MAFINDO](https://turnbackhoax.id)\n")


def quiz(questions: int) -> str:
    parts = ["---\ntitle: Kuis\nquestions_per_attempt: 8\npretest_questions: 5\n---\n"]
    for q in range(questions):
        parts.append(f"## Soal nomor {q} tentang pesan berantai? {{#soal-{q}}}\n\n- [ ] Sebarkan\n  > Jangan.\n"
                     f"- [x] Periksa dulu\n- [ ] Abaikan\n\n> Periksa dulu sebelum menyebarkan.\n")
    return "\n".join(parts)


def generate(root: Path, modules: int, lessons: int) -> None:
    pillars = ["cakap", "etika", "budaya", "aman"]
    for m in range(modules):
        folder = root / f"modul-{m:03d}"
        folder.mkdir(parents=True)
        (folder / "module.md").write_text(
            f"---\ntitle: Modul {m}\npillar: {pillars[m % 4]}\nlevel: pemula\nlanguage: id\nsummary: Ringkasan.\n"
            f"objectives:\n  - Satu\n  - Dua\nduration_minutes: 60\npass_mark: 70\n---\n\nPengantar modul.\n")
        for n in range(1, lessons + 1):
            (folder / f"{n:02d}-pelajaran-{n}.md").write_text(lesson(n))
        (folder / "kuis.md").write_text(quiz(12))


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--lessons", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from literacy import MIGRATIONS, create_app
    from literacy.config import TestingConfig
    from literacy.content.services import import_paths
    from literacy.content.source import read_paths
    from literacy.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        generate(root, args.modules, args.lessons)
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"  # PostgreSQL: give an empty database
        app = create_app(TestingConfig, DATABASE_URL=url, RATELIMIT_ENABLED=False)
        print(f"{args.modules} modules x {args.lessons} lessons, database {url.split('://')[0]}")
        with app.app_context():
            upgrade(directory=str(MIGRATIONS))  # the schema as deployments get it
            with app.test_request_context():
                (modules, report), _ = timed("check + render (no database)", lambda: read_paths([root]))
            assert not report.errors, report.errors[:3]
            with app.test_request_context():
                (result, _), first = timed("first import", lambda: import_paths([root]))
                assert len(result.created) == args.modules
                (result, _), again = timed("re-import, unchanged", lambda: import_paths([root]))
                assert not result.changed, "re-import of unchanged content wrote something"
            db.session.remove()
        client = app.test_client()
        urls = [f"/modul/modul-{m:03d}/pelajaran-{(m % args.lessons) + 1}" for m in range(0, args.modules, 3)]
        for u in urls[:5]:
            client.get(u)
        samples = []
        for u in urls * 3:
            start = time.perf_counter()
            assert client.get(u).status_code == 200
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        print(f"{'lesson page (test client), median / p95':<44} {statistics.median(samples):6.2f} / "
              f"{samples[int(len(samples) * 0.95)]:.2f} ms over {len(samples)} requests")
        print(f"{'lessons rendered per second at import':<44} {args.modules * args.lessons / first:8.0f}")


if __name__ == "__main__":
    main()
