"""The rollup tables ``flask impact rollup`` keeps, one set of rows per scope.

A scope is every module (``"all"``) or one set of modules (a partner organisation's). A row holds
a figure's raw value and, for figures about people, the number of different people behind it,
for the whole country, a province or a month: what the suppression rules of ``services.py`` need.
Rows hold counts, never a person; they are not public as such (the page and the CSV apply the
rules). Distinct people cannot be added up across days or modules, so a rollup recomputes its
scope whole, from the event tables, and replaces the scope's rows in one transaction.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

TOTAL, PROVINCE, MONTH = "total", "province", "month"


class ImpactRollup(db.Model):
    __tablename__ = "impact_rollups"
    __table_args__ = (UniqueConstraint("scope", "dimension", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    dimension: Mapped[str] = mapped_column(String(10))  # total | province | month
    key: Mapped[str] = mapped_column(String(40))  # "" (total), a province slug or "-" (not said), "2026-11"
    learners: Mapped[int] = mapped_column(default=0)
    lessons_read: Mapped[int] = mapped_column(default=0)
    lessons_read_people: Mapped[int] = mapped_column(default=0)
    modules_passed: Mapped[int] = mapped_column(default=0)
    modules_passed_people: Mapped[int] = mapped_column(default=0)
    certificates: Mapped[int] = mapped_column(default=0)
    certificates_people: Mapped[int] = mapped_column(default=0)
    workshops_held: Mapped[int] = mapped_column(default=0)
    participants: Mapped[int] = mapped_column(default=0)
    participants_people: Mapped[int] = mapped_column(default=0)


class ImpactRun(db.Model):
    """When a scope was last rolled up, and which modules it covers (None: all)."""

    __tablename__ = "impact_rollup_runs"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    module_ids: Mapped[list | None] = mapped_column(JSON)
    computed_at: Mapped[datetime]
