"""The impact figures on a known data set: counts, suppression, rollup idempotence, the module filter."""
from __future__ import annotations

import itertools
import random
import shutil
from datetime import datetime

import pytest
from sqlalchemy import func, select

from literacy.accounts.models import User
from literacy.catalog.models import Lesson, Module
from literacy.extensions import db
from literacy.impact import services
from literacy.impact.models import ImpactRollup, ImpactRun
from literacy.learning.models import LessonProgress
from literacy.impact.suppression import HIDDEN, SHOWN, SMALL, THRESHOLD, pinned, protect

from .conftest import NOV, NOW, OCT, Builder, known_data_set


def stored(scope="all") -> dict:
    return {(r.dimension, r.key): r for r in db.session.scalars(select(ImpactRollup).where(ImpactRollup.scope == scope))}


def published(figures, dimension, key, metric):
    rows = figures.provinces if dimension == "province" else figures.months
    return next(row for row in rows if row.key == key).cells[metric]


def test_the_rollup_counts_the_known_data_set(builder):
    known_data_set(builder)
    assert services.rollup(now=NOW) == 1 + 5 + 2  # the country, 5 provinces (with "not said"), 2 months
    rows = stored()
    total = rows[("total", "")]
    assert (total.learners, total.lessons_read, total.lessons_read_people) == (44, 88, 44)
    assert (total.modules_passed, total.modules_passed_people, total.certificates) == (28, 28, 11)
    assert (total.workshops_held, total.participants, total.participants_people) == (2, 15, 15)
    assert {k: r.learners for (d, k), r in rows.items() if d == "province"} == \
        {"bali": 11, "aceh": 10, "papua": 9, "gorontalo": 2, "-": 12}
    assert (rows[("month", "2026-10")].learners, rows[("month", "2026-11")].learners) == (23, 21)
    assert (rows[("province", "papua")].lessons_read, rows[("province", "papua")].lessons_read_people) == (18, 9)
    assert (rows[("province", "papua")].participants, rows[("province", "bali")].participants_people) == (3, 12)
    assert rows[("month", "2026-11")].workshops_held == 2  # neither the December one nor the cancelled one


def test_the_threshold_is_ten_people_9_hidden_10_and_11_shown(builder):
    known_data_set(builder)
    services.rollup(now=NOW)
    figures = services.figures()
    learners = {row.key: (row.cells["learners"].state, row.cells["learners"].value) for row in figures.provinces}
    assert learners["gorontalo"] == (SMALL, None)
    assert learners["papua"] == (SMALL, None)  # 9
    assert learners["aceh"] == (SHOWN, 10)
    assert learners["bali"] == (SHOWN, 11)
    assert learners["-"] == (SHOWN, 12)
    assert learners["maluku"] == (SHOWN, 0)
    assert figures.total["learners"].value == 44


def test_a_figure_counted_from_fewer_than_10_people_is_hidden_whatever_its_size(builder):
    known_data_set(builder)
    services.rollup(now=NOW)
    figures = services.figures()
    assert published(figures, "province", "papua", "lessons_read").state == SMALL  # 18 lessons, 9 readers
    assert published(figures, "province", "aceh", "lessons_read").value == 20
    assert published(figures, "province", "aceh", "modules_passed").state == SMALL  # 5 passes


def test_a_lone_hidden_cell_takes_another_with_it_and_totals_stay_exact(builder):
    known_data_set(builder)
    services.rollup(now=NOW)
    figures = services.figures()
    # passes: aceh 5 would be 28 - 11 - 12; bali (the smallest other) is hidden too
    assert published(figures, "province", "bali", "modules_passed").state == HIDDEN
    assert published(figures, "province", "-", "modules_passed").value == 12
    assert figures.total["modules_passed"].value == 28
    # participants: papua 3 would be 15 - 12
    assert published(figures, "province", "papua", "participants").state == SMALL
    assert published(figures, "province", "bali", "participants").state == HIDDEN
    assert figures.total["participants"].value == 15
    # workshops are public anyway: never hidden
    assert published(figures, "province", "papua", "workshops_held").value == 1
    assert [(row.key, row.cells["learners"].value) for row in figures.months] == [("2026-10", 23), ("2026-11", 21)]


def test_nothing_rolled_up_yet_gives_empty_figures(db):
    figures = services.figures()
    assert (figures.computed_at, figures.total, figures.provinces, figures.months) == (None, {}, [], [])


def test_the_rollup_is_idempotent(builder, runner):
    known_data_set(builder)

    def snapshot():
        db.session.commit()
        return sorted((r.dimension, r.key, *(getattr(r, c.name) for c in ImpactRollup.__table__.columns
                                             if c.name not in ("id", "dimension", "key")))
                      for r in db.session.scalars(select(ImpactRollup)))

    services.rollup(now=NOW)
    first = snapshot()
    services.rollup(now=NOW)
    assert snapshot() == first
    assert db.session.scalar(select(func.count()).select_from(ImpactRun)) == 1
    result = runner.invoke(args=["impact", "rollup"])
    assert result.exit_code == 0 and result.output == "all: 8 rows\n"
    result = runner.invoke(args=["impact", "rollup"])
    assert result.output == "all: 8 rows\n"
    assert db.session.scalar(select(func.count()).select_from(ImpactRollup)) == 8


def test_the_command_refuses_bad_module_ids(runner, db):
    result = runner.invoke(args=["impact", "rollup", "--modules", "1,dua"])
    assert result.exit_code == 2 and "module ids are numbers" in result.output


def test_new_activity_and_deleted_accounts_show_at_the_next_rollup(builder):
    known_data_set(builder)
    services.rollup(now=NOW)
    builder.learners(1, "gorontalo", NOV)
    assert services.figures().total["learners"].value == 44  # not before the rollup
    services.rollup(now=NOW)
    assert services.figures().total["learners"].value == 45
    gone = db.session.scalar(select(User).where(User.province == "gorontalo"))
    db.session.delete(gone)
    db.session.commit()
    services.rollup(now=NOW)
    assert stored()[("province", "gorontalo")].learners == 2


# -- the module filter (partners' figures) --------------------------------------------

@pytest.fixture
def two_modules(app, db, example_course, tmp_path):
    from literacy.content.services import import_paths

    shutil.copytree(example_course / "kenali-hoaks", tmp_path / "modul-mitra")
    import_paths([tmp_path])
    db.session.remove()
    return db.session.scalar(select(Module.id).where(Module.slug == "modul-mitra"))


def test_figures_for_some_modules_count_only_those(two_modules):
    build = Builder()
    partner = db.session.get(Module, two_modules)
    build.learners(12, "bali", OCT)  # the first module only
    readers = build.learners(10, "aceh", NOV, module=partner)
    build.passes(readers, NOV, certificate=True, module=partner)
    build.workshop("aceh", NOV, attendees=11, module=partner)
    build.workshop("bali", NOV, attendees=20)
    services.rollup(now=NOW)
    services.rollup([partner.id], now=NOW)
    everything, theirs = services.figures(), services.figures([partner.id])
    assert everything.total["learners"].value == 22 and theirs.total["learners"].value == 10
    assert theirs.total["lessons_read"].value == 20 and theirs.total["modules_passed"].value == 10
    assert theirs.total["certificates"].value == 10
    assert (theirs.total["workshops_held"].value, theirs.total["participants"].value) == (1, 11)
    assert published(theirs, "province", "bali", "learners").value == 0
    assert everything.total["workshops_held"].value == 2
    assert services.scope_key([partner.id, partner.id]) == services.scope_key([partner.id])
    assert services.figures([partner.id, 999]).computed_at is None  # a scope never rolled up


def test_a_learner_of_several_modules_is_one_learner(two_modules):
    build = Builder()
    partner = db.session.get(Module, two_modules)
    people = build.learners(10, "bali", OCT)
    lesson = db.session.scalar(select(Lesson).where(Lesson.module_id == partner.id))
    for user_id in people:
        db.session.add(LessonProgress(user_id=user_id, lesson_id=lesson.id, module_id=partner.id, completed_at=NOV))
    db.session.commit()
    services.rollup(now=NOW)
    services.rollup([build.module.id, partner.id], now=NOW)
    for figures in (services.figures(), services.figures([partner.id, build.module.id])):
        assert figures.total["learners"].value == 10
        assert [(r.key, r.cells["learners"].value) for r in figures.months] == [("2026-10", 10), ("2026-11", 0)]
        assert figures.total["lessons_read"].value == 30


def test_rollup_all_keeps_every_scope_and_the_ones_hooks_ask_for(app, two_modules):
    build = Builder()
    build.learners(10, "bali", OCT)
    services.rollup([two_modules], now=NOW)
    app.extensions["literacy_impact_scopes"] = {"test": lambda: [[build.module.id]]}
    done = services.rollup_all(now=NOW)
    assert set(done) == {"all", services.scope_key([two_modules]), services.scope_key([build.module.id])}
    assert services.figures([build.module.id]).total["learners"].value == 10


# -- the suppression rules on their own ------------------------------------------------

def people_table(*counts):
    return [(n, n) for n in counts]


@pytest.mark.parametrize("count, state", [(0, SHOWN), (1, SMALL), (9, SMALL), (10, SHOWN), (11, SHOWN)])
def test_the_threshold_cell_by_cell(count, state):
    (cells,), total = protect([people_table(count, 40, 45)], (count + 85, count + 85), counts_people=True)
    assert cells[0].state == state
    assert total.state == SHOWN


def test_a_total_of_fewer_than_10_people_hides_everything_but_zeros():
    (cells,), total = protect([people_table(3, 0, 5)], (8, 8), counts_people=True)
    assert [c.state for c in cells] == [SMALL, SHOWN, SMALL] and total.state == SMALL


def test_when_no_cell_can_protect_the_total_goes_and_every_table_hides_a_cell():
    # 1 + 10 = 11: with 10 hidden as well, the total would still say 1 and 10
    (provinces, months), total = protect([people_table(1, 10), people_table(11)], (11, 11), counts_people=True)
    assert total.state == HIDDEN
    assert [c.state for c in provinces] == [SMALL, HIDDEN]
    assert [c.state for c in months] == [HIDDEN]  # else 11 would give the total back


def feasible(cells, total_value, counts_people):
    """Every assignment of the hidden cells consistent with what is published (brute force)."""
    hidden = [i for i, c in enumerate(cells) if c.suppressed]
    remainder = total_value - sum(c.value for c in cells if not c.suppressed)
    ranges = [range(1, THRESHOLD if counts_people else remainder + 1) if cells[i].state == SMALL
              else range(THRESHOLD, remainder + 1) for i in hidden]
    return [combo for combo in itertools.product(*ranges) if sum(combo) == remainder]


@pytest.mark.parametrize("counts_people", [True, False])
def test_no_hidden_figure_can_be_worked_out_from_the_total(counts_people):
    """On 400 random tables, every hidden cell keeps at least two possible values."""
    rng = random.Random(20261201)
    for _ in range(400):
        people = [rng.choice([0, 0, 1, 2, 5, 9, 10, 11, 12, 15, 25]) for _ in range(rng.randint(1, 5))]
        values = people if counts_people else [p * rng.randint(1, 3) for p in people]
        table = list(zip(values, people))
        total = (sum(values), sum(people))
        (cells,), total_cell = protect([table], total, counts_people)
        for cell, (value, people_count) in zip(cells, table):
            assert not (0 < people_count < THRESHOLD) or cell.state == SMALL
        if total_cell.suppressed:
            continue
        solutions = feasible(cells, total[0], counts_people)
        assert tuple(c.raw for c in cells if c.suppressed) in solutions
        for position in range(len(solutions[0]) if solutions and solutions[0] else 0):
            assert len({s[position] for s in solutions}) >= 2, (table, [c.state for c in cells])
        assert pinned(values, [c.state for c in cells], total[0], counts_people) == []


def test_the_rollup_runs_a_fixed_number_of_queries(builder, count_queries, is_postgres):
    known_data_set(builder)
    with count_queries() as small:
        services.rollup(now=NOW)
    builder.learners(200, "jawa-barat", OCT)
    builder.learners(150, None, datetime(2026, 9, 1))
    with count_queries() as large:
        services.rollup(now=NOW)
    # 6 figures x 3 (country, provinces, months); delete the scope's rows and run, insert both
    # (PostgreSQL: and the advisory lock)
    assert len(small) == len(large) == 6 * 3 + 4 + is_postgres
