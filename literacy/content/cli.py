"""``flask content check`` and ``flask content import``."""
from __future__ import annotations

import json
import sys

import click
from flask.cli import AppGroup
from flask_babel import force_locale, gettext as _

from .checks import Report
from .services import import_paths, retire_modules
from .pages import read_pages
from .source import read_paths

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
def check_command(paths, lang, output_format):
    """Check modules without touching the database; one line per problem, exit 1 on errors."""
    with force_locale(lang):
        _modules, report = read_paths(paths or ["content"])
        read_pages(paths or ["content"], report)
        _print_report(report, output_format)
    sys.exit(1 if report.errors else 0)


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
