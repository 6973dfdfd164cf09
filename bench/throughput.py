"""Anonymous page throughput under gunicorn, as a ratio to a minimal Flask app measured in the same run.

Usage: .venv/bin/python bench/throughput.py [--seconds 8] [--connections 20] [--database-url URL]
Needs wrk (`apt-get install -y wrk`). The minimal app (bench/hello.py) and Literasi's anonymous
lesson, module and catalog pages are measured under the same gunicorn settings, twice over: those
`make run` uses (gthread, 2 workers x 4 threads) and 2 sync workers; on loopback only. The bar
(quality-bars.md) is a ratio >= 0.5 for every page.

Each page is measured as served (a kept anonymous page is answered in front of Flask,
literacy/caching.py) and again rendered by Flask on every request (LITERACY_PAGE_CACHE_SIZE=0:
nothing kept), so the figures show what the kept pages buy and what a first visit costs.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


WORKERS = {
    "gthread 2x4 (make run)": ["--workers", "2", "--threads", "4", "--worker-class", "gthread"],
    "sync 2": ["--workers", "2", "--worker-class", "sync"],
}
PAGES = {
    "lesson": "/modul/waspada-penipuan-daring/jangan-bagikan-kode-otp",
    "module": "/modul/waspada-penipuan-daring",
    "catalog": "/modul",
}


def serve(target: str, env: dict, workers: list[str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *workers, "--bind", f"127.0.0.1:{port}", target],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{target} did not start")


def warm_up(url: str) -> None:
    """A few requests one at a time first: a worker's first page compiles its templates (seconds
    on a busy machine), which would otherwise show as wrk's timeouts."""
    for _ in range(8):
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()


def wrk(url: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, check=True).stdout
    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": ms("50"), "p90": ms("90"), "p99": ms("99"),
            "errors": "Non-2xx" in output or "Socket errors" in output}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LITERACY_DATABASE_URL=args.database_url or f"sqlite:///{tmp}/bench.sqlite3",
                   LITERACY_SECRET_KEY="bench", LITERACY_RATELIMIT_ENABLED="false")
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
        subprocess.run([*flask, "content", "import", "content"], cwd=ROOT, env=env, check=True, capture_output=True)
        results: dict[str, dict[str, dict]] = {}
        for setting, workers in WORKERS.items():
            results[setting] = {}
            rendered = {f"{name}*": path for name, path in PAGES.items()}
            for target, pages, extra in (("bench.hello:app", {"hello": "/"}, {}), ("wsgi:app", PAGES, {}),
                                         ("wsgi:app", rendered, {"LITERACY_PAGE_CACHE_SIZE": "0"})):
                process, port = serve(target, dict(env, **extra), workers)
                try:
                    for name, path in pages.items():
                        warm_up(f"http://127.0.0.1:{port}{path}")
                        wrk(f"http://127.0.0.1:{port}{path}", 2, args.connections)
                        results[setting][name] = wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections)
                finally:
                    process.terminate()
                    process.wait()
    database = env["LITERACY_DATABASE_URL"].split(":")[0]
    print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, anonymous GETs, {database}, load {os.getloadavg()[0]:.2f}")
    for setting, measured in results.items():
        print(f"gunicorn {setting}")
        for name, r in measured.items():
            print(f"  {name:<8} {r['rps']:8.0f} req/s   p50 {r['p50']:6.2f} ms   p90 {r['p90']:6.2f} ms   "
                  f"p99 {r['p99']:6.2f} ms{'   ERRORS' if r['errors'] else ''}")
        hello = measured["hello"]["rps"]
        print("  ratios: " + ", ".join(f"{name}/hello {measured[name]['rps'] / hello:.2f}" for name in PAGES)
              + " (bar: >= 0.5)")
        print("  * rendered by Flask on every request (nothing kept): "
              + ", ".join(f"{name}/hello {measured[name + '*']['rps'] / hello:.2f}" for name in PAGES))


if __name__ == "__main__":
    main()
