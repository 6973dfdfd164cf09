"""``flask impact rollup``: recompute the public impact figures (for cron, once a day).

Cron line (the server keeps UTC; 17.15 UTC is 00.15 WIB, just after the day ends in Indonesia)::

    15 17 * * *  cd /srv/literasi && .venv/bin/flask --app wsgi impact rollup

Safe to run again, or from two machines at once: each run replaces a scope's rows whole, in one
transaction (PostgreSQL runs take turns on an advisory lock; SQLite's write lock does the same).
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

from . import services

impact_cli = AppGroup("impact", help="Impact figures (the public /dampak page).")


@impact_cli.command("rollup")
@click.option("--modules", default=None, metavar="ID,ID,...",
              help="Roll up only the scope of these module ids (a partner's), not every scope.")
def rollup_command(modules):
    """Recompute the daily impact rollups: every module, and every scope rolled up before."""
    if modules is not None:
        try:
            ids = [int(part) for part in modules.split(",") if part.strip()]
        except ValueError:
            raise click.BadParameter("module ids are numbers separated by commas", param_hint="--modules") from None
        done = {services.scope_key(ids): services.rollup(ids)}
    else:
        done = services.rollup_all()
    for scope, rows in done.items():
        click.echo(f"{scope}: {rows} rows")
