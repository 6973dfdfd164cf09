"""Impact in numbers: the daily rollup and the figures read from it.

:func:`rollup` counts, for one scope (every module, or one set of modules), learners, lessons
read, modules passed, certificates, workshops held and workshop participants, for the country,
each province and each month, with the number of different people behind each figure, and
replaces the scope's rows. It reads the other areas' tables directly, as aggregate queries (a
fixed number per scope, whatever the data size), because per-person service calls would not
scale to a country; it writes nothing but its own rows. :func:`figures` reads one scope back in
two queries and applies the suppression rules of ``suppression.py`` (every group under 10 people
shown as "< 10", complementary suppression so no hidden figure is recoverable from a total).

Definitions (on the page's footnote too):

- learners: student accounts with at least one lesson read or quiz submitted, counted once, in
  the month of their first activity (so months add up to the total) and their province;
- lessons read: lessons marked done by students; modules passed: first passes of a module's quiz;
- certificates: certificates held (not revoked) by students, in the month issued;
- workshops held: published workshops that have started, by their province and month;
- workshop participants: check-ins at those workshops (walk-ins included), by the workshop's
  province and month; the people behind them are counted apart for suppression.

Months are months in WIB (UTC+7). A learner's province is the one they chose (optional; "not
said" otherwise). Deleted accounts drop out at the next rollup.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Interval, delete, distinct, exists, func, insert, literal_column, select, union_all

from ..accounts.models import STUDENT, User
from ..certificates.models import Certificate
from ..database import write_transaction
from ..extensions import db
from ..learning.models import LearningEvent, LessonProgress, QuizAttempt
from ..utils import utcnow
from ..workshops import provinces
from ..workshops.models import PUBLISHED, Registration, Workshop, workshop_modules
from .models import MONTH, PROVINCE, TOTAL, ImpactRollup, ImpactRun
from .suppression import Cell, protect

ALL = "all"
NOT_SAID = "-"
WIB_OFFSET = timedelta(hours=7)

# (metric, label, column with the number of people behind it: None when not about people)
METRICS = [
    ("learners", _l("Pelajar terjangkau"), "learners"),
    ("lessons_read", _l("Pelajaran dibaca"), "lessons_read_people"),
    ("modules_passed", _l("Modul lulus"), "modules_passed_people"),
    ("certificates", _l("Sertifikat"), "certificates_people"),
    ("workshops_held", _l("Lokakarya terlaksana"), None),
    ("participants", _l("Peserta lokakarya"), "participants_people"),
]
COUNTS_PEOPLE = {"learners"}  # the value itself is a number of people (so a hidden one is 1 to 9)


def scope_key(module_ids=None) -> str:
    """``"all"``, or a short stable key for a set of modules (any order, duplicates ignored)."""
    if module_ids is None:
        return ALL
    ids = ",".join(str(i) for i in sorted({int(i) for i in module_ids}))
    return "m-" + hashlib.sha256(ids.encode()).hexdigest()[:32]


# -- the rollup ----------------------------------------------------------------------------

def _month(column):
    """The month (WIB) of a stored UTC time, as "2026-11", in SQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(column + literal_column("INTERVAL '7 hours'", Interval), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+7 hours")


def _province():
    return func.coalesce(User.province, NOT_SAID)


def _learners(ids, now):
    lessons = select(LessonProgress.user_id.label("user_id"), LessonProgress.completed_at.label("at"))
    attempts = select(QuizAttempt.user_id.label("user_id"), QuizAttempt.submitted_at.label("at")) \
        .where(QuizAttempt.submitted_at.is_not(None))
    if ids is not None:
        lessons = lessons.where(LessonProgress.module_id.in_(ids))
        attempts = attempts.where(QuizAttempt.module_id.in_(ids))
    activity = union_all(lessons, attempts).subquery()
    first = select(activity.c.user_id, func.min(activity.c.at).label("at")).group_by(activity.c.user_id).subquery()
    return select(_province().label("p"), _month(first.c.at).label("m"), first.c.user_id.label("person")) \
        .join(User, User.id == first.c.user_id).where(User.role == STUDENT)


def _lessons_read(ids, now):
    query = select(_province().label("p"), _month(LessonProgress.completed_at).label("m"),
                   LessonProgress.user_id.label("person")) \
        .join(User, User.id == LessonProgress.user_id).where(User.role == STUDENT)
    return query if ids is None else query.where(LessonProgress.module_id.in_(ids))


def _modules_passed(ids, now):
    query = select(_province().label("p"), _month(LearningEvent.created_at).label("m"),
                   LearningEvent.user_id.label("person")) \
        .join(User, User.id == LearningEvent.user_id) \
        .where(User.role == STUDENT, LearningEvent.verb == LearningEvent.PASSED_MODULE)
    return query if ids is None else query.where(LearningEvent.module_id.in_(ids))


def _certificates(ids, now):
    query = select(_province().label("p"), _month(Certificate.issued_at).label("m"),
                   Certificate.user_id.label("person")) \
        .join(User, User.id == Certificate.user_id).where(User.role == STUDENT, Certificate.revoked_at.is_(None))
    return query if ids is None else query.where(Certificate.module_id.in_(ids))


def _held(query, ids, now):
    query = query.where(Workshop.status == PUBLISHED, Workshop.starts_at <= now)
    if ids is None:
        return query
    return query.where(exists().where(workshop_modules.c.workshop_id == Workshop.id,
                                      workshop_modules.c.module_id.in_(ids)))


def _workshops_held(ids, now):
    return _held(select(Workshop.province.label("p"), _month(Workshop.starts_at).label("m"),
                        Workshop.id.label("person")), ids, now)


def _participants(ids, now):
    person = func.coalesce(Registration.user_id, -Registration.id)  # a walk-in without an account is one person
    query = select(Workshop.province.label("p"), _month(Workshop.starts_at).label("m"), person.label("person")) \
        .join(Workshop, Workshop.id == Registration.workshop_id).where(Registration.checked_in_at.is_not(None))
    return _held(query, ids, now)


SOURCES = {"learners": _learners, "lessons_read": _lessons_read, "modules_passed": _modules_passed,
           "certificates": _certificates, "workshops_held": _workshops_held, "participants": _participants}


def _count(source) -> dict[tuple[str, str], tuple[int, int]]:
    """{(dimension, key): (rows, different people)} for the country, each province, each month."""
    base = source.subquery()
    counted = (func.count(), func.count(distinct(base.c.person)))
    found = {(TOTAL, ""): tuple(db.session.execute(select(*counted)).one())}
    for dimension, column in ((PROVINCE, base.c.p), (MONTH, base.c.m)):
        for key, rows, people in db.session.execute(select(column, *counted).group_by(column)):
            found[(dimension, key)] = (rows, people)
    return found


def rollup(module_ids=None, now: datetime | None = None) -> int:
    """Recompute one scope's figures and replace its rows (idempotent: the same data gives the
    same rows). 18 aggregate queries, then one short write (4 statements). Returns the number of rows."""
    now = now or utcnow()
    ids = None if module_ids is None else sorted({int(i) for i in module_ids})
    key = scope_key(ids)
    blank = {column: 0 for metric, _, people in METRICS for column in (metric, people) if column}
    rows: dict[tuple[str, str], dict] = {}
    for metric, _, people_column in METRICS:
        for (dimension, cell), (value, people) in _count(SOURCES[metric](ids, now)).items():
            row = rows.setdefault((dimension, cell), dict(blank, scope=key, dimension=dimension, key=cell))
            row[metric] = value
            if people_column and people_column != metric:
                row[people_column] = people
    db.session.commit()  # end the read transaction before taking the write lock
    with write_transaction() as session:
        if session.get_bind().dialect.name == "postgresql":  # two crons at once take turns
            session.execute(select(func.pg_advisory_xact_lock(0x1A9AC7)))
        session.execute(delete(ImpactRollup).where(ImpactRollup.scope == key))
        session.execute(delete(ImpactRun).where(ImpactRun.scope == key))
        session.execute(insert(ImpactRollup), list(rows.values()))  # one executemany, whatever the number of rows
        session.add(ImpactRun(scope=key, module_ids=ids, computed_at=now))
    return len(rows)


def rollup_all(now: datetime | None = None) -> dict[str, int]:
    """Roll up every module, every scope rolled up before, and the scopes other areas ask for
    (``literacy_impact_scopes`` hooks: callables returning lists of module ids, such as each
    partner organisation's modules)."""
    scopes = {ALL: None}
    for (module_ids,) in db.session.execute(select(ImpactRun.module_ids).where(ImpactRun.scope != ALL)):
        scopes[scope_key(module_ids)] = module_ids
    for hook in current_app.extensions.get("literacy_impact_scopes", {}).values():
        for module_ids in hook():
            scopes[scope_key(module_ids)] = list(module_ids)
    return {key: rollup(module_ids, now) for key, module_ids in scopes.items()}


# -- the figures -------------------------------------------------------------------------

@dataclass
class Row:
    key: str  # a province slug, NOT_SAID, or "2026-11"
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def month(self) -> date:
        year, month = self.key.split("-")
        return date(int(year), int(month), 1)

    @property
    def province_name(self) -> str | None:
        return provinces.name_of(self.key) if self.key in provinces.PROVINCES else None


@dataclass
class Figures:
    computed_at: datetime | None
    total: dict[str, Cell]
    provinces: list[Row]
    months: list[Row]
    metrics: list = field(default_factory=lambda: METRICS)


def _months_between(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def figures(module_ids=None) -> Figures:
    """The published figures of a scope: every module, or only ``module_ids`` (a partner's), in
    two queries whatever the data size. Nothing computed yet: empty tables, ``computed_at`` None."""
    key = scope_key(module_ids)
    run = db.session.get(ImpactRun, key)
    stored = {(r.dimension, r.key): r for r in db.session.scalars(select(ImpactRollup).where(ImpactRollup.scope == key))}
    if run is None:
        return Figures(None, {}, [], [])
    province_keys = [slug for slug, _ in provinces.choices()] + [NOT_SAID]
    month_keys = sorted(k for d, k in stored if d == MONTH)
    if month_keys:
        month_keys = _months_between(month_keys[0], max(month_keys[-1], (run.computed_at + WIB_OFFSET).strftime("%Y-%m")))
    empty = ImpactRollup()
    result = Figures(run.computed_at, {}, [Row(k) for k in province_keys], [Row(k) for k in month_keys])
    total_row = stored.get((TOTAL, ""), empty)
    for metric, _, people_column in METRICS:
        def pair(row):
            value = getattr(row, metric) or 0
            return value, (None if people_column is None else getattr(row, people_column) or 0)

        tables = [[pair(stored.get((PROVINCE, k), empty)) for k in province_keys],
                  [pair(stored.get((MONTH, k), empty)) for k in month_keys]]
        (by_province, by_month), total = protect(tables, pair(total_row), metric in COUNTS_PEOPLE)
        result.total[metric] = total
        for row, cell in zip(result.provinces, by_province):
            row.cells[metric] = cell
        for row, cell in zip(result.months, by_month):
            row.cells[metric] = cell
    return result
