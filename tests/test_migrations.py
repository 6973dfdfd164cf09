"""Migrations build exactly the models' schema, and undo it, on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from literacy import MIGRATIONS, create_app
from literacy.config import TestingConfig
from literacy.extensions import db


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A database of the same kind as the suite's, empty, created for this test alone."""
    if not database_url.startswith("postgresql"):
        yield "sqlite:///" + str(tmp_path / "migrations.sqlite3")
        return
    name = f"literacy_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_to_head_gives_the_models_schema_and_downgrade_removes_it(empty_database_url):
    app = create_app(TestingConfig, DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        tables = set(inspect(db.engine).get_table_names())
        assert tables - {"alembic_version"} == set(db.metadata.tables)

        downgrade(directory=str(MIGRATIONS), revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_every_migration_has_a_dated_name_and_a_real_downgrade():
    files = sorted((MIGRATIONS / "versions").glob("*.py"))
    for path in files:
        assert path.name[:11].replace("_", "").isdigit(), path.name
        source = path.read_text()
        body = source.split("def downgrade():", 1)[1]
        assert body.strip() != "pass", f"{path.name} has an empty downgrade()"


def test_the_login_rows_migration_keeps_people_and_their_classes_and_never_reuses_ids(empty_database_url):
    """Rebuilding ``users`` with AUTOINCREMENT (SQLite) must not cascade into the tables that point at it."""
    app = create_app(TestingConfig, DATABASE_URL=empty_database_url)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS), revision="16173c34f4d1")
        with db.engine.begin() as conn:
            ids = {}
            for name, role, version in (("bu_maria", "facilitator", 3), ("ketut", "student", 1), ("dihapus", "student", 1)):
                conn.execute(text(
                    "INSERT INTO users (username, username_key, password_hash, role, session_version, "
                    "must_change_password, created_at) VALUES (:name, :name, 'x', :role, :version, false, "
                    "'2026-11-30 10:00:00')"), {"name": name, "role": role, "version": version})
                ids[name] = conn.execute(text("SELECT id FROM users WHERE username = :name"), {"name": name}).scalar()
            conn.execute(text("INSERT INTO classrooms (name, code, facilitator_id, created_at) "
                              "VALUES ('8B', 'ABCD-1234', :f, '2026-11-30 10:00:00')"), {"f": ids["bu_maria"]})
            class_id = conn.execute(text("SELECT id FROM classrooms")).scalar()
            conn.execute(text("INSERT INTO class_memberships (classroom_id, student_id, joined_at) "
                              "VALUES (:c, :s, '2026-11-30 10:00:00')"), {"c": class_id, "s": ids["ketut"]})
        upgrade(directory=str(MIGRATIONS))
        with db.engine.begin() as conn:
            secrets_ = conn.execute(text("SELECT auth_secret FROM users ORDER BY id")).scalars().all()
            assert len(secrets_) == 3 and len(set(secrets_)) == 3 and all(len(s) >= 40 for s in secrets_)
            assert conn.execute(text("SELECT classroom_id, student_id FROM class_memberships")).all() \
                == [(class_id, ids["ketut"])]
            conn.execute(text("DELETE FROM users WHERE id = :id"), {"id": ids["dihapus"]})
            conn.execute(text("INSERT INTO users (username, username_key, password_hash, role, auth_secret, "
                              "must_change_password, created_at) VALUES ('baru', 'baru', 'x', 'student', 's', "
                              "false, '2026-12-01 10:00:00')"))
            assert conn.execute(text("SELECT id FROM users WHERE username = 'baru'")).scalar() > ids["dihapus"]
        db.engine.dispose()


def test_the_schedule_index_is_made_by_its_migration_and_undone(empty_database_url):
    """ix_workshops_province_starts_at (docs/performance.md, National scale) replaces the province index."""
    app = create_app(TestingConfig, DATABASE_URL=empty_database_url)
    with app.app_context():
        # whatever the migration follows once the branches are merged
        before = ScriptDirectory(str(MIGRATIONS)).get_revision("88615f290dec").down_revision
        upgrade(directory=str(MIGRATIONS), revision=before)
        names = {i["name"] for i in inspect(db.engine).get_indexes("workshops")}
        assert "ix_workshops_province" in names and "ix_workshops_province_starts_at" not in names
        upgrade(directory=str(MIGRATIONS), revision="88615f290dec")
        indexes = {i["name"]: i["column_names"] for i in inspect(db.engine).get_indexes("workshops")}
        assert indexes["ix_workshops_province_starts_at"] == ["province", "starts_at"]
        assert "ix_workshops_province" not in indexes
        downgrade(directory=str(MIGRATIONS), revision=before)
        names = {i["name"] for i in inspect(db.engine).get_indexes("workshops")}
        assert "ix_workshops_province" in names and "ix_workshops_province_starts_at" not in names
        downgrade(directory=str(MIGRATIONS), revision="base")
        db.engine.dispose()
