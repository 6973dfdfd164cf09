"""``flask users create``: the first admin, or any staff account, from the command line."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from . import services, sessions
from .models import ROLE_LABELS, ROLES

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--role", type=click.Choice(ROLES), default="student", show_default=True)
@click.option("--display-name", default=None)
@click.option("--email", default=None)
@click.option("--birth-year", type=int, default=None)
@click.option("--partner", "partner_name", default=None, help="Partner organisation (required with --role partner).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
def create_command(username, role, display_name, email, birth_year, partner_name, password_stdin):
    """Create an account; the password is read from a prompt or stdin, never from an argument."""
    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt(_("Kata sandi"), hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(username, password, birth_year=birth_year, display_name=display_name,
                                    email=email, role=role, partner_name=partner_name)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Akun %(role)s '%(username)s' dibuat (id %(id)s).", role=ROLE_LABELS[user.role],
                 username=user.username, id=user.id))


@users_cli.command("purge")
def purge_command():
    """Erase what is kept no longer than needed (run daily from cron): expired logins, and the
    guardian's address in consent requests nobody answered in time."""
    logins = sessions.purge_expired()
    requests = services.purge_expired_consent_requests()
    click.echo(_("%(logins)s login kedaluwarsa dihapus; %(requests)s permintaan persetujuan kedaluwarsa dihapus alamatnya.",
                 logins=logins, requests=requests))
