"""``flask content check [--fix]``, ``flask content import``, ``flask content new SLUG``."""
from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup
from flask_babel import force_locale, gettext as _

from pathlib import Path

from .checks import Report
from .keys import add_missing_keys
from .quizzes import SLUG
from .services import import_paths, retire_modules
from .pages import read_pages
from .skeleton import skeleton_files
from .source import QUIZ_FILE, read_paths

content_cli = AppGroup("content", help="Check and import the course's markdown modules.")

PATHS = click.argument("paths", nargs=-1, type=click.Path())
LANG = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
                    help="Language of the messages.")


def _print_report(report: Report, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False, indent=2))
        return
    for problem in report.problems:
        click.echo(problem.format())
    click.echo(_("%(errors)s galat, %(warnings)s peringatan.",
                 errors=len(report.errors), warnings=len(report.warnings)), err=True)


@content_cli.command("check")
@PATHS
@LANG
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fix", is_flag=True, help="Add the missing question keys ({#key}) derived from the question text.")
def check_command(paths, lang, output_format, fix):
    """Check modules without touching the database; one line per problem, exit 1 on errors."""
    with force_locale(lang):
        _modules, report = read_paths(paths or ["content"])
        if fix and _fix_keys(report.folders):
            _modules, report = read_paths(paths or ["content"])
        read_pages(paths or ["content"], report)
        _print_report(report, output_format)
    sys.exit(1 if report.errors else 0)


def _fix_keys(folders) -> bool:
    """Write keys into every quiz question that has none; True when a file changed."""
    changed = False
    for folder in folders:
        path = Path(folder) / QUIZ_FILE
        if not path.is_file() or path.is_symlink():
            continue
        text, added = add_missing_keys(path.read_text(encoding="utf-8"))
        if added:
            path.write_text(text, encoding="utf-8")
            changed = True
            for line, key in added:
                click.echo(_("%(path)s:%(line)s: kunci '%(key)s' ditambahkan.", path=path, line=line, key=key), err=True)
    return changed


@content_cli.command("new")
@click.argument("slug")
@click.option("--into", type=click.Path(file_okay=False), default="content", show_default=True,
              help="The content folder the module folder is made in.")
@LANG
def new_command(slug, into, lang):
    """Write a new module folder SLUG with a module.md, a first lesson and a quiz that pass the checker."""
    with force_locale(lang):
        folder = Path(into) / slug
        if not SLUG.match(slug):
            click.echo(_("Slug '%(slug)s' tidak valid. Gunakan huruf kecil, angka dan tanda hubung saja.", slug=slug),
                       err=True)
            sys.exit(1)
        if folder.exists():
            click.echo(_("%(path)s sudah ada; tidak ada yang ditimpa.", path=folder), err=True)
            sys.exit(1)
        for name, data in skeleton_files(slug).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        click.echo(_("Modul baru dibuat di %(path)s. Ubah berkasnya, lalu jalankan: flask content check %(path)s",
                     path=folder))


@content_cli.command("retire")
@click.argument("slugs", nargs=-1, required=True)
@LANG
def retire_command(slugs, lang):
    """Take modules off the catalog (a module removed from the files); importing it again restores it."""
    with force_locale(lang):
        retired = retire_modules(slugs)
        unknown = sorted(set(slugs) - set(retired))
        if retired:
            click.echo(_("Ditarik dari katalog: %(slugs)s", slugs=", ".join(retired)))
        if unknown:
            click.echo(_("Tidak ditemukan atau sudah ditarik: %(slugs)s", slugs=", ".join(unknown)), err=True)
    sys.exit(1 if unknown else 0)


@content_cli.command("import")
@PATHS
@LANG
def import_command(paths, lang):
    """Check, then import every module without errors; unchanged modules are left alone."""
    with force_locale(lang):
        result, report = import_paths(paths or ["content"])
        _print_report(report, "text")
        for label, slugs in (
            (_("baru"), result.created), (_("diperbarui"), result.updated),
            (_("tidak berubah"), result.unchanged), (_("dilewati karena galat"), result.skipped),
            (_("halaman"), result.pages),
        ):
            if slugs:
                click.echo(f"{label}: {', '.join(slugs)}")
        if not result.changed:
            click.echo(_("Tidak ada perubahan: basis data tidak ditulis."))
    sys.exit(1 if result.skipped else 0)
