"""bench/class_report.py, run small on the suite's database server, so the bench keeps working."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_class_report_bench_runs_and_reports_fixed_queries(database_url):
    args = [sys.executable, "bench/class_report.py", "--students", "4", "--modules", "3", "--runs", "2"]
    if database_url.startswith("postgresql"):
        args += ["--database-url", database_url]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"filled: 4 students, 3 modules assigned", result.stdout)
    queries = dict(re.findall(r"^(report|csv|module) .*; (\d+) queries;", result.stdout, re.M))
    assert queries == {"report": "11", "csv": "9", "module": "11"}, result.stdout  # the same on both databases
