"""Bahasa Indonesia first, English second: locale choice, catalogs and the translate CLI.

Message ids are the Indonesian text itself; ``translations/en`` holds the English catalog.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import Flask, current_app, has_request_context, request
from flask.cli import AppGroup
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import get_timezone
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import LanguageAccept

from .extensions import babel

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
BABEL_CFG = ROOT / "babel.cfg"
POT = TRANSLATIONS / "messages.pot"
LOCALE_COOKIE = "lang"


# Indonesia's three zones, named the way Indonesians write them in either language.
ZONE_ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
TIME_PATTERNS = {"id": "HH.mm", "en": "HH:mm"}
# The zones a person can choose in their settings (the first is the default).
USER_ZONES = {
    "Asia/Jakarta": _l("WIB: Waktu Indonesia Barat (Sumatra, Jawa, Kalimantan Barat dan Tengah)"),
    "Asia/Makassar": _l("WITA: Waktu Indonesia Tengah (Bali, Nusa Tenggara, Kalimantan Timur dan Selatan, Sulawesi)"),
    "Asia/Jayapura": _l("WIT: Waktu Indonesia Timur (Maluku, Papua)"),
}


def configure(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale, timezone_selector=user_zone)
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["when"] = format_when
    app.jinja_env.filters["decimal"] = format_points
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["percent"] = format_percent


def format_points(value: float) -> str:
    """A number with at most two decimals in the current language: "0,33" in Indonesian, "0.33" in English."""
    return format_decimal(round(value, 2), format="#,##0.##")


def format_number(value: float | None, decimal_comma: bool | None = None) -> str:
    """A figure in a report, one decimal at most: 12.5 -> "12,5" in Indonesian, "12.5" in English,
    whole numbers without a decimal, None -> "–". Plain string work, not Babel, because a class
    report formats thousands of cells (pass ``decimal_comma`` to decide the language once)."""
    if value is None:
        return "–"
    if decimal_comma is None:
        decimal_comma = str(get_locale()) == "id"
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if decimal_comma else text


def format_percent(value: float | None, decimal_comma: bool | None = None) -> str:
    return "–" if value is None else format_number(value, decimal_comma) + "%"


def format_day(value: datetime | date) -> str:
    """CLDR's full date in the current language: "Rabu, 11 Juli 2018"."""
    return format_date(value, "full")


def user_zone() -> str | None:
    """The logged-in person's chosen time zone, if any."""
    if not has_request_context():
        return None
    from flask_login import current_user

    zone = getattr(current_user, "timezone", None)
    return zone if zone in USER_ZONES else None


def local_today() -> date:
    """Today's date where the logged-in person is (their zone, else the default): due dates are days there."""
    zone = user_zone() or current_app.config["DEFAULT_TIMEZONE"]
    return datetime.now(timezone.utc).astimezone(get_timezone(zone)).date()


def format_when(value: datetime, zone: str | None = None) -> str:
    """Day and time with its zone: "Rabu, 11 Juli 2018, 18.31 WIB". Stored times are UTC.

    Without ``zone``: the logged-in person's chosen zone, else the default (WIB).
    """
    zone = zone or user_zone() or current_app.config["DEFAULT_TIMEZONE"]
    tz = get_timezone(zone)
    local = value.replace(tzinfo=timezone.utc).astimezone(tz) if value.tzinfo is None else value.astimezone(tz)
    locale = str(get_locale())
    day = babel_format_date(local, "full", locale=locale)
    time = babel_format_datetime(local, TIME_PATTERNS.get(locale, "HH:mm"), tzinfo=tz, locale=locale)
    return f"{day}, {time} {ZONE_ABBREVIATIONS.get(zone, local.strftime('%Z'))}"


def select_locale() -> str:
    """The visitor's explicit choice (cookie), then the browser's preference, then Indonesian."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: Indonesian unless forced
        return languages[0]
    return choose_language(request.cookies.get(LOCALE_COOKIE), request.accept_languages, languages)


def choose_language(chosen: str | None, accept: LanguageAccept, languages) -> str:
    """The cookie's language if we have it, else the browser's best match, else the first."""
    if chosen in languages:
        return chosen
    return accept.best_match(languages) or languages[0]


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(output: Path = POT) -> None:
    _pybabel(
        # No file:line comments: they change with every edit and make every branch's catalog
        # conflict; the message id (the Indonesian text) is all a translator needs to find it.
        "extract", "-F", str(BABEL_CFG), "-k", "_l", "-k", "lazy_gettext", "--sort-output",
        "--no-location", "--no-wrap", "--omit-header", "-o", str(output), str(ROOT),
    )


translate_cli = AppGroup("translate", help="Extract, update and compile the message catalogs.")


@translate_cli.command("extract")
def extract_command():
    """Extract every translatable string into translations/messages.pot."""
    extract()
    click.echo(f"{POT}")


@translate_cli.command("update")
def update_command():
    """Extract, then merge new strings into every language catalog."""
    extract()
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-wrap", "--ignore-obsolete",
             "--no-fuzzy-matching")


@translate_cli.command("compile")
def compile_command():
    """Compile the catalogs into the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@translate_cli.command("init")
@click.argument("language")
def init_command(language):
    """Start a catalog for a new language."""
    extract()
    _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", language, "--no-wrap")
