"""Time building a certificate PDF (bar: 100 ms and 100 KB) and check that it is the same every time.

Usage: .venv/bin/python bench/certificate_pdf.py [--runs 50]

Builds one certificate in memory (no database: the PDF reads only the certificate's own fields)
with a long Unicode name, then renders it RUNS times in Indonesian and in English. Reports the
first (cold: fonts loaded and parsed) and the median and p95 of the rest, and the size in bytes.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    from literacy import create_app
    from literacy.certificates import codes, pdf
    from literacy.certificates.models import Certificate
    from literacy.config import TestingConfig

    app = create_app(TestingConfig, DATABASE_URL="sqlite://")
    certificate = Certificate(
        id=1, public_id=codes.new_public_id(), code=codes.new_code(), kind="module", issue_key="module:1",
        holder_name="Ni Luh Putu Ṣūryawati Kusumadewi", titles={"id": "Cek Dulu Sebelum Sebar",
                                                                 "en": "Check Before You Share"},
        module_version=3, organisation="Tim Literasi, MAFINDO", score=92.5, issued_at=datetime(2026, 12, 12, 3, 0),
        recipient_salt="0" * 32, credential_uuid="00000000-0000-4000-8000-000000000000",
    )
    with app.app_context():
        for language in ("id", "en"):
            certificate.language = language
            timings, outputs = [], set()
            for _ in range(args.runs):
                started = time.perf_counter()
                body = pdf.render(certificate)
                timings.append((time.perf_counter() - started) * 1000)
                outputs.add(body)
            rest = sorted(timings[1:])
            p95 = rest[max(0, int(len(rest) * 0.95) - 1)]
            print(f"{language}: first {timings[0]:.1f} ms, then median {statistics.median(rest):.1f} ms, "
                  f"p95 {p95:.1f} ms over {len(rest)} runs; {len(body):,} bytes; "
                  f"{'identical bytes every run' if len(outputs) == 1 else f'{len(outputs)} DIFFERENT outputs'}")


if __name__ == "__main__":
    main()
