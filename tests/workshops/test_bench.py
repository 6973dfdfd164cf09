"""bench/registration_race.py, run small: real HTTP, a live gunicorn with several workers."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_registration_race_bench_confirms_exactly_the_seats(database_url):
    args = [sys.executable, "bench/registration_race.py", "--students", "20", "--seats", "5", "--workers", "3"]
    if database_url.startswith("postgresql"):
        args += ["--database-url", database_url]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "confirmed 5, waiting 15, errors 0\n"
