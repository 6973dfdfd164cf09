"""``flask backup PATH``: a consistent copy of the SQLite database, taken while the app serves.

SQLite's online backup API (``sqlite3.Connection.backup``) copies the database page by page inside
one read transaction. In WAL mode a reader never blocks the writer and sees one snapshot, so the
copy holds exactly the transactions committed before the backup began, however busy the app is.
The copy is written next to PATH under a temporary name, checked (``PRAGMA integrity_check``),
switched to a plain rollback journal (one self-contained file, no ``-wal`` beside it) and only
then renamed to PATH: a backup that stops half-way never leaves a half-written file under PATH.

On PostgreSQL the command refuses and names the tool to use (``pg_dump``; see docs/deploy.md).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from .database import SQLITE_BUSY_TIMEOUT_MS, sqlite_file


class BackupError(Exception):
    """Why no backup was written (already translated)."""


def backup_sqlite(source: Path, target: Path, *, force: bool = False) -> int:
    """Copy the SQLite database at ``source`` to ``target``; returns the copy's size in bytes."""
    if not source.is_file():
        raise BackupError(_("Basis data %(path)s tidak ditemukan.", path=source))
    if target.is_dir():
        raise BackupError(_("%(path)s adalah folder; beri nama berkas untuk cadangan.", path=target))
    if not target.parent.is_dir():
        raise BackupError(_("Folder %(path)s tidak ada. Buat dulu foldernya.", path=target.parent))
    if target.exists() and not force:
        raise BackupError(_("%(path)s sudah ada. Pakai --force untuk menimpanya.", path=target))
    if target.resolve() == source.resolve():
        raise BackupError(_("Cadangan tidak boleh menimpa basis data itu sendiri."))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        _copy(source, partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(_("Cadangan gagal: %(error)s", error=error)) from None
    except OSError as error:
        raise BackupError(_("Cadangan tidak bisa ditulis: %(error)s", error=error.strerror or error)) from None
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _copy(source: Path, partial: Path) -> None:
    live = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    copy = sqlite3.connect(partial)
    try:
        live.backup(copy)  # all pages in one step: one snapshot, the writer goes on meanwhile
        copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)
    finally:
        copy.close()
        live.close()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@with_appcontext
def backup_command(path: Path, force: bool):
    """Write a consistent copy of the SQLite database to PATH while the app keeps serving."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    source = sqlite_file(url)
    if source is None:
        if url.startswith("postgresql"):
            message = _("Basis data ini PostgreSQL: cadangkan dengan pg_dump, misalnya "
                        "`pg_dump --format=custom --file=%(path)s NAMA_BASIS_DATA` (lihat docs/deploy.md).",
                        path=path)
        else:
            message = _("Hanya basis data SQLite berupa berkas yang bisa dicadangkan dengan perintah ini.")
        raise click.ClickException(message)
    try:
        size = backup_sqlite(source, path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Cadangan ditulis ke %(path)s (%(size)s bajt, integrity_check ok).", path=path, size=size))
