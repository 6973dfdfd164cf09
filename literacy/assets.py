"""Static files: fingerprinted names, compressed variants, served by WhiteNoise.

Templates ask for ``static_url("app.css")`` and get ``/static/app.<hash>.css``, cached for a
year (``immutable``). ``flask assets build`` (run by ``make``) copies each file under its
fingerprinted name into ``static_build/`` with gzip and brotli variants, which WhiteNoise picks
by the request's Accept-Encoding. Because built names carry the content hash, a stale build can
never be served for a changed file: until the next build, the changed file is served from its
source, uncompressed.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import click
from flask import Flask, url_for
from flask.cli import AppGroup
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

STATIC = Path(__file__).resolve().parent / "static"
BUILD = Path(__file__).resolve().parent / "static_build"


def source_files(root: Path = STATIC):
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def fingerprinted_name(path: Path, root: Path = STATIC) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    relative = path.relative_to(root).as_posix()
    stem, dot, suffix = relative.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"


def build_manifest(root: Path = STATIC) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): fingerprinted_name(p, root) for p in source_files(root)}


def build(root: Path = STATIC, out: Path = BUILD) -> int:
    """Copy every static file under its fingerprinted name, with .gz and .br variants."""
    compressor = Compressor(quiet=True)
    count = 0
    for name, hashed in build_manifest(root).items():
        target = out / hashed
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / name, target)
        if compressor.should_compress(target.name):
            for _ in compressor.compress(str(target)):
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
        built = BUILD / hashed
        server.add_file_to_dictionary("/static/" + hashed, str(built if built.exists() else STATIC / name))
    app.wsgi_app = server

    def static_url(name: str) -> str:
        return url_for("static", filename=manifest.get(name, name))

    app.jinja_env.globals["static_url"] = static_url
    app.cli.add_command(assets_cli)


assets_cli = AppGroup("assets", help="Prepare static files for serving.")


@assets_cli.command("build")
def build_command():
    """Write fingerprinted, compressed (gzip, brotli) copies of the static files."""
    click.echo(f"{build()} static files built")
