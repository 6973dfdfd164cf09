"""Static files: fingerprinted names, compressed variants, served by WhiteNoise.

Templates ask for ``static_url("app.css")`` and get ``/static/app.<hash>.css``. The fingerprinted
URL maps to the real file, so nothing is copied; it is cached for a year (``immutable``). The
``flask assets build`` step (run by ``make``) writes gzip and brotli variants beside each file,
which WhiteNoise picks by the request's Accept-Encoding.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import click
from flask import Flask, url_for
from flask.cli import AppGroup
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

STATIC = Path(__file__).resolve().parent / "static"
COMPRESSED_SUFFIXES = (".gz", ".br")


def source_files(root: Path = STATIC):
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix not in COMPRESSED_SUFFIXES:
            yield path


def fingerprinted_name(path: Path, root: Path = STATIC) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    relative = path.relative_to(root).as_posix()
    stem, dot, suffix = relative.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"


def build_manifest(root: Path = STATIC) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): fingerprinted_name(p, root) for p in source_files(root)}


def compress(root: Path = STATIC) -> int:
    """Write .gz and .br variants of every compressible static file; returns how many files."""
    compressor = Compressor(quiet=True)
    count = 0
    for path in source_files(root):
        if compressor.should_compress(path.name):
            for _ in compressor.compress(str(path)):
                pass
            count += 1
    return count


def configure(app: Flask) -> None:
    manifest = build_manifest()
    immutable = {"/static/" + name for name in manifest.values()}
    server = WhiteNoise(
        app.wsgi_app,
        max_age=3600,
        immutable_file_test=lambda path, url: url in immutable,
    )
    server.add_files(str(STATIC), prefix="static/")
    for name, hashed in manifest.items():
        server.add_file_to_dictionary("/static/" + hashed, str(STATIC / name))
    app.wsgi_app = server

    def static_url(name: str) -> str:
        return url_for("static", filename=manifest.get(name, name))

    app.jinja_env.globals["static_url"] = static_url
    app.cli.add_command(assets_cli)


assets_cli = AppGroup("assets", help="Prepare static files for serving.")


@assets_cli.command("build")
def build_command():
    """Write compressed (gzip, brotli) variants of the static files."""
    click.echo(f"{compress()} static files compressed")
