"""Accounts for a whole class at once, for students without email.

The facilitator pastes names, one per line, each with a birth year or under a default one. Each
student gets a username made from their first name and a one-time password they must change at
their first login. Names are not stored for children without a guardian's consent (only the
username and birth year are, as at sign-up); the facilitator sees the names once, on the printed
cards, to hand each card to the right student.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts import passwords
from ..accounts.models import STUDENT, User
from ..accounts.services import clean_name
from ..database import write_transaction
from .models import Classroom, Membership
from .services import ClassError, _check_open

MAX_STUDENTS = 40  # one batch is one sheet of cards per 8 students; a class of 36 fits
MAX_NAME = 80
_YEAR_AT_END = re.compile(r"^(?P<name>.*?)(?:^|[\s,;]+)(?P<year>\d{4})$")


@dataclass
class Line:
    number: int  # 1-based line in what was pasted
    name: str
    birth_year: int | None


@dataclass
class Card:
    name: str
    username: str
    password: str


def parse(text: str, default_year: int | None, years: range) -> tuple[list[Line], list[str]]:
    """The students in the pasted text, and a problem per line that cannot be used.

    Empty lines are skipped; a year at the end of a line ("Siti Aminah, 2011" or a tab from a
    spreadsheet) is that student's birth year, else ``default_year``. Names keep their letters
    whatever the script; invisible and direction-changing characters are dropped.
    """
    lines, problems = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        raw = raw.strip()
        if not raw:
            continue
        match = _YEAR_AT_END.match(raw)
        name, year = (match["name"], int(match["year"])) if match else (raw, default_year)
        name = clean_name(name.strip(" ,;\t")) or ""
        if not name:
            problems.append(_("Baris %(number)s: tulis nama siswa sebelum tahun lahirnya.", number=number))
        elif len(name) > MAX_NAME:
            problems.append(_("Baris %(number)s: nama terlalu panjang (%(length)s karakter, paling banyak %(max)s).",
                              number=number, length=len(name), max=MAX_NAME))
        elif year is None:
            problems.append(_("Baris %(number)s: tahun lahir %(name)s belum ada. Tulis di akhir baris, misalnya "
                              "\"%(name)s, 2011\", atau isi tahun lahir untuk semua siswa.", number=number, name=name))
        elif year not in years:
            problems.append(_("Baris %(number)s: tahun lahir %(year)s tidak mungkin; tulis antara %(low)s dan %(high)s.",
                              number=number, year=year, low=years.start, high=years.stop - 1))
        else:
            lines.append(Line(number, name, year))
    if not lines and not problems:
        problems.append(_("Tulis minimal satu nama siswa, satu nama per baris."))
    if len(lines) > MAX_STUDENTS:
        problems.append(_("Paling banyak %(max)s siswa sekaligus; ada %(count)s nama. Buat dalam beberapa bagian.",
                          max=MAX_STUDENTS, count=len(lines)))
    return lines, problems


def username_base(name: str) -> str:
    """"Siti Aminah" -> "siti", "Ni Luh Ayu" -> "niluh", "Đặng Thị Hà" -> "dang": letters a-z only.

    A first word shorter than three letters takes the next word too. Names with no Latin letters
    (or none left after removing accents) give "siswa".
    """
    words = []
    for word in name.split():
        folded = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("Đ", "D"))
        ascii_word = "".join(c for c in folded if c.isascii() and c.isalpha()).lower()
        if ascii_word:
            words.append(ascii_word)
    base = ""
    for word in words:
        base += word
        if len(base) >= 3:
            break
    return base[:12] if len(base) >= 3 else "siswa"


def _usernames(session, names: list[str]) -> list[str]:
    """A free username per name: its base and three digits, never one already taken (any case).

    When a base is crowded (thousands of "siti"), a digit is added after every five misses.
    """
    chosen: list[str] = []
    for name in names:
        base, tries = username_base(name), 0
        while True:
            digits = 3 + tries // 5
            candidate = f"{base}{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
            tries += 1
            if candidate not in chosen and session.scalar(
                    select(User.id).where(User.username_key == candidate)) is None:
                break
        chosen.append(candidate)
    return chosen


def create_students(classroom: Classroom, lines: list[Line]) -> list[Card]:
    """Create the accounts and put them in the class, all or nothing; the cards to print, in order."""
    _check_open(classroom)
    if not lines or len(lines) > MAX_STUDENTS:
        raise ClassError(_("Paling banyak %(max)s siswa sekaligus.", max=MAX_STUDENTS))
    try:
        return _create(classroom, lines)
    except IntegrityError:  # another batch took one of the same usernames a moment ago: draw again
        return _create(classroom, lines)


def _create(classroom: Classroom, lines: list[Line]) -> list[Card]:
    cards = []
    with write_transaction() as session:
        for line, username in zip(lines, _usernames(session, [line.name for line in lines])):
            password = passwords.typeable_code(3, 4)
            user = User(username=username, username_key=username, birth_year=line.birth_year, role=STUDENT,
                        password_hash=passwords.hash_password(password), must_change_password=True)
            if user.may_keep_personal_data:  # adults only: a child's name waits for consent
                user.display_name = line.name
            session.add(user)
            session.flush()
            session.add(Membership(classroom_id=classroom.id, student_id=user.id))
            cards.append(Card(line.name, username, password))
    return cards
