"""docs/deploy.md: every command in it runs.

Blocks marked ``sh`` run on a scratch SQLite database, ``sh-postgres`` on a scratch database of the
test PostgreSQL server (only when LITERACY_TEST_DATABASE_URL is set), ``sh-serve`` with a live
gunicorn; each cron line's command runs too. Paths under /var/backups/literasi go to a temporary
folder. The nginx block is checked for the headers ProxyFix relies on (no nginx here to run it).
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from literacy.config import Config

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOC = (ROOT / "docs" / "deploy.md").read_text()
BLOCK = re.compile(r"^```([\w-]+)\n(.*?)^```", re.M | re.S)
BACKUPS = "/var/backups/literasi"


def blocks(kind: str) -> list[str]:
    return [body for tag, body in BLOCK.findall(DOC) if tag == kind]


def commands(kind: str) -> list[str]:
    return [line.strip() for body in blocks(kind) for line in body.replace("\\\n", " ").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture
def scratch(tmp_path):
    """The environment of a fresh one-machine deployment, everything under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LITERACY_", "PG"))}
    env.update(PATH=f"{BIN}:{env['PATH']}", LITERACY_DATABASE_URL=f"sqlite:///{tmp_path}/literasi.sqlite3",
               LITERACY_SECRET_KEY="deploy-doc", LITERACY_BADGE_SIGNING_KEY_PATH=str(tmp_path / "badge.pem"),
               LITERACY_RATELIMIT_STORAGE_URI=f"sqlite:///{tmp_path}/ratelimits.sqlite3")
    (tmp_path / "backups").mkdir()
    return env


def run(line: str, env: dict, tmp_path: Path, timeout: int = 180) -> str:
    line = line.replace(BACKUPS, str(tmp_path / "backups"))
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result.stdout


def test_the_doc_has_each_kind_of_block():
    assert len(commands("sh")) >= 8
    assert len(commands("sh-postgres")) >= 8
    assert len(commands("sh-serve")) == 2
    assert len(commands("cron")) >= 4
    assert len(blocks("nginx")) == 1


def test_every_sh_command_runs_on_a_scratch_sqlite_deployment(scratch, tmp_path):
    run("flask --app wsgi db upgrade", scratch, tmp_path)  # a backup needs a database to copy
    outputs = [run(line, scratch, tmp_path) for line in commands("sh")]
    assert "ok\n" in outputs  # sqlite3's PRAGMA integrity_check of the backup
    assert (tmp_path / "backups" / "literasi.sqlite3").is_file()


def test_every_cron_line_is_a_crontab_line_whose_command_runs(scratch, tmp_path):
    assert '.venv/bin/flask --app wsgi "$@"' in DOC  # the wrapper the lines call
    run("flask --app wsgi db upgrade", scratch, tmp_path)
    for line in commands("cron"):
        fields = line.split()
        assert len(fields) >= 7 and all(re.fullmatch(r"[\d*/,-]+", f) for f in fields[:5]), line
        assert fields[5] == "literasi", line
        run("flask --app wsgi " + shlex.join(fields[6:]), scratch, tmp_path)
    jobs = {" ".join(line.split()[6:8]) for line in commands("cron")}
    assert {"mail send", "workshops send-reminders", "users purge", "backup --force"} <= jobs


def test_the_gunicorn_line_serves_and_the_health_check_answers(scratch, tmp_path):
    from bench.registration_race import free_port

    serve, check = commands("sh-serve")
    run("flask --app wsgi db upgrade", scratch, tmp_path)
    port = str(free_port())
    assert "127.0.0.1:8000" in serve and "127.0.0.1:8000/healthz" in check
    process = subprocess.Popen(shlex.split(serve.replace("8000", port)), cwd=ROOT, env=scratch,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            result = subprocess.run(["bash", "-c", check.replace("8000", port)], env=scratch, capture_output=True,
                                    text=True)
            if result.returncode == 0:
                break
            time.sleep(0.1)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == '{"status":"ok"}'
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_postgres_command_runs_on_a_scratch_database(scratch, tmp_path):
    server = os.environ.get("LITERACY_TEST_DATABASE_URL")
    if not server:
        pytest.skip("LITERACY_TEST_DATABASE_URL is not set: the PostgreSQL commands run in the PostgreSQL run")
    url = make_url(server)
    name = f"literasi_doc_{uuid.uuid4().hex[:8]}"
    env = dict(scratch, PGHOST=url.host or "127.0.0.1", PGPORT=str(url.port or 5432), PGUSER=url.username or "",
               PGPASSWORD=url.password or "", PGDATABASE=name,
               LITERACY_DATABASE_URL=url.set(drivername="postgresql", database=name).render_as_string(
                   hide_password=False))
    try:
        for line in commands("sh-postgres"):
            run(line.replace("literasi_restored", f"{name}_restored"), env, tmp_path, timeout=300)
        assert (tmp_path / "backups" / "literasi.dump").is_file()
        assert (tmp_path / "backups" / "base" / "base.tar.gz").is_file()
    finally:
        for database in (name, f"{name}_restored"):
            subprocess.run(["dropdb", "--if-exists", "--force", database], env=env, capture_output=True)


def test_the_nginx_block_sets_exactly_what_proxy_fix_trusts():
    nginx = blocks("nginx")[0]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in nginx  # set, not appended: no spoofing
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "X-Forwarded-Host" not in nginx
    assert "`LITERACY_PROXY_FIX=1`" in DOC


def test_every_setting_named_is_a_setting_the_app_reads():
    named = set(re.findall(r"LITERACY_([A-Z_]+[A-Z])", DOC)) - {"TEST_DATABASE_URL"}
    assert named, "no settings named"
    assert sorted(name for name in named if not hasattr(Config, name)) == []


def test_every_command_the_app_offers_is_in_the_doc(scratch):
    listing = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "--help"], cwd=ROOT, env=scratch,
                             capture_output=True, text=True, check=True).stdout
    offered = set(re.findall(r"^  ([a-z-]+)  ", listing.split("Commands:")[1], re.M))
    assert {"backup", "db", "mail", "users", "workshops", "content", "assets"} <= offered
    for command in offered - {"routes", "run", "shell"}:  # Flask's own development commands
        assert re.search(rf"(flask --app wsgi|literasi) {command}\b|`{command}[ `]", DOC), command
