"""bench/load.py, run tiny: real HTTP against gunicorn as `make run` starts it; no timing asserts."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_lab_bench_answers_every_request_and_stores_every_attempt_once(database_url):
    args = [sys.executable, "bench/load.py", "--students", "3", "--duration", "3", "--think", "0.05"]
    if database_url.startswith("postgresql"):
        args += ["--database-url", database_url]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "\nerrors 0\n" in result.stdout
    stored = re.search(r"attempts submitted (\d+), stored (\d+), stored twice 0, missing 0, "
                       r"stored but not acknowledged 0", result.stdout)
    assert stored and stored.group(1) == stored.group(2) and int(stored.group(1)) >= 1, result.stdout
    for kind in ("login", "lesson", "lesson done", "quiz home", "quiz start", "quiz page", "quiz save",
                 "quiz submit", "quiz result", "dashboard"):
        assert re.search(rf"^{kind} +\d+ ", result.stdout, re.M), f"no {kind} requests:\n{result.stdout}"
