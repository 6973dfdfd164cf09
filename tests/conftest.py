"""Shared fixtures: a real database (SQLite file, or PostgreSQL when
``LITERACY_TEST_DATABASE_URL`` is set), the app, clients with CSRF tokens, and factories."""
from __future__ import annotations

import os
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from literacy import assets, create_app
from literacy.config import TestingConfig
from literacy.database import normalise_url
from literacy.extensions import db as _db
from literacy.utils import utcnow

pytest_plugins = ["tests.browser"]

CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _reuse_url_builders() -> None:
    """Most tests make an app of their own (about 2,000 a run), and werkzeug compiles two small
    Python functions for each of its ~140 routes every time: about half of create_app's time
    (86 ms a call under load here, 39 ms with this).
    A builder's code depends only on its rule (werkzeug passes the rule in as an argument), so
    the tests compile each once and hand the same function to every app. Nothing else changes;
    on another major version of werkzeug the tests compile them as before."""
    from importlib.metadata import version

    from werkzeug.routing.rules import Rule

    original = getattr(Rule, "_compile_builder", None)
    if original is None or not version("werkzeug").startswith("3."):  # the key below is 3.x's inputs
        return
    built: dict = {}

    def compile_builder(self, append_unknown=True):
        try:
            key = (self.rule, self.host, self.subdomain, self.map.host_matching, self.merge_slashes,
                   tuple(self._trace), repr(sorted((self.defaults or {}).items())), append_unknown)
        except (AttributeError, TypeError):
            return original(self, append_unknown)
        if key not in built:
            built[key] = original(self, append_unknown)
        return built[key]

    Rule._compile_builder = compile_builder


_reuse_url_builders()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("LITERACY_TEST_DATABASE_URL")
    if url:
        return normalise_url(url)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "literacy-test.sqlite3")


@pytest.fixture(scope="session")
def is_postgres(database_url):
    return database_url.startswith("postgresql")


@pytest.fixture(scope="session")
def _schema(database_url):
    """Create the models' schema once per run (tests only; the app itself uses migrations)."""
    create_app(TestingConfig, DATABASE_URL=database_url)  # registers every area, so every model
    engine = create_engine(database_url)
    _db.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    _db.metadata.create_all(engine)
    engine.dispose()
    assets.build()
    yield


class Client(FlaskClient):
    """A test client that sends the CSRF token a real form would carry.

    Responses are buffered, so they are closed as a real server closes them after sending, and
    what runs then (the outbox delivering mail) has run when the call returns.
    """

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token of the current session, read from a page as a browser would."""
        # The login page: anonymous pages are shared and carry no token; a logged-in person is sent on
        # to a page with the logout form, which has one.
        page = self.get("/masuk", follow_redirects=True).get_data(as_text=True)
        return CSRF_INPUT.search(page).group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        """POST a form as a browser would, with the session's CSRF token, from one of the site's pages."""
        form = {"csrf_token": self.csrf_token(), **(data or {})}
        kwargs["headers"] = {"Sec-Fetch-Site": "same-origin", **kwargs.get("headers", {})}
        return self.post(url, data=form, **kwargs)


class Mailbox:
    """Messages that reached the loopback SMTP server."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def last_to(self, address: str):
        for message in reversed(self.messages):
            if message["To"] == address:
                return message
        raise AssertionError(f"no mail to {address}; got {[m['To'] for m in self.messages]}")


@pytest.fixture(scope="session")
def _smtp():
    """A real SMTP server (aiosmtpd) on loopback for the whole run."""
    from aiosmtpd.controller import Controller

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(_smtp):
    _smtp[1].messages.clear()
    return _smtp[1]


@pytest.fixture(scope="session")
def _badge_key_path(tmp_path_factory):
    """Where test apps keep the Open Badges signing key: a temporary file, created on first use."""
    return str(tmp_path_factory.mktemp("keys") / "badge_signing_key.pem")


@pytest.fixture
def app_factory(database_url, _schema, _smtp, _badge_key_path):
    """Build an app on the test database; extra settings override the testing defaults."""
    made = []

    def make(**overrides):
        settings = {"DATABASE_URL": database_url, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": _smtp[0].port,
                    "BADGE_SIGNING_KEY_PATH": _badge_key_path}
        settings.update(overrides)
        application = create_app(TestingConfig, **settings)
        application.test_client_class = Client
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            _db.session.remove()
            _clear_tables()
            _db.engine.dispose()


def _clear_tables():
    """Empty every table, children first; on PostgreSQL also set every sequence back to 1.

    Not TRUNCATE: on PostgreSQL it makes new files for all 37 tables, 300 to 400 ms after every
    test here, against 8 to 20 ms for these DELETEs and one setval() over the sequences."""
    tables = list(reversed(_db.metadata.sorted_tables))
    if not tables:
        return
    with _db.engine.begin() as conn:
        for table in tables:
            conn.execute(table.delete())
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n"
                              " ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = current_schema()"))


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture
def db(app):
    """The database inside an app context, for service tests without HTTP."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def count_queries(app):
    """Count the SQL statements run inside a ``with count_queries() as queries:`` block."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        statements: list[str] = []
        with app.app_context():
            engine = _db.engine

        def record(conn, cursor, statement, *args):
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")):
                statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


def import_example_course(app):
    """Import the authoring guide's example module; return its folder."""
    from pathlib import Path

    from literacy.content.services import import_paths

    root = Path(__file__).resolve().parent.parent / "docs" / "contoh-modul"
    with app.app_context():
        result, report = import_paths([root])
        assert report.errors == [] and result.created == ["kenali-hoaks"]
        _db.session.remove()
    return root


def import_site_pages(app):
    """Import the bundled course's shared pages (content/_halaman: the reporting map at /lapor)."""
    from pathlib import Path

    from literacy.content.checks import Report
    from literacy.content.pages import read_pages
    from literacy.content.services import import_pages

    with app.test_request_context():
        report = Report()
        pages = read_pages([Path(__file__).resolve().parent.parent / "content"], report)
        assert report.problems == [] and import_pages(pages) == ["lapor"]
        _db.session.remove()


@pytest.fixture
def example_course(app):
    """The authoring guide's example module, imported."""
    return import_example_course(app)


@pytest.fixture
def site_pages(app):
    """The bundled course's shared pages, imported."""
    import_site_pages(app)


@pytest.fixture(scope="session")
def _snapshots():
    return {}


@pytest.fixture
def snapshot(app, _snapshots):
    """A world built once per run and put back, row for row, for every test that asks for it.

    ``snapshot("name", build)`` runs ``build()`` on the empty database the first time, then keeps
    every row of every table and what ``build`` returned. Later calls write the same rows back
    (same ids; PostgreSQL's sequences are moved past them) and return a copy of the same result.
    Only for worlds that live wholly in the database (no files) and whose times do not matter by the
    minute: a restored row keeps the time it was first built at.
    """
    import copy

    def take(name, build):
        with app.app_context():
            if name in _snapshots:
                rows, result = _snapshots[name]
                _restore_rows(rows)
                return copy.deepcopy(result)
            assert _dump_rows() == {}, "a snapshot must be the first thing a test writes"
        result = build()
        with app.app_context():
            _snapshots[name] = (_dump_rows(), copy.deepcopy(result))
        return result

    return take


def _dump_rows() -> dict:
    """Every row of every table that has any, by table name."""
    dump = {}
    with _db.engine.connect() as conn:
        for table in _db.metadata.sorted_tables:
            rows = [dict(row) for row in conn.execute(table.select()).mappings()]
            if rows:
                dump[table.name] = rows
    return dump


def _restore_rows(dump: dict) -> None:
    tables = {table.name: table for table in _db.metadata.sorted_tables}
    with _db.engine.begin() as conn:
        for name, table in tables.items():  # parents before children
            if name in dump:
                conn.execute(table.insert(), dump[name])
        if conn.dialect.name == "postgresql":  # _clear_tables set every sequence back to 1
            for name in dump:
                for column in tables[name].primary_key.columns:
                    sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                           {"t": f'"{name}"', "c": column.name})
                    if sequence:
                        conn.execute(text(f'SELECT setval(:s, (SELECT max("{column.name}") FROM "{name}"))'),
                                     {"s": sequence})


PASSWORD = "kopi susu gula aren"


def years_ago(years: int) -> int:
    """The birth year of someone ``years`` old this year, read when a test runs (never at collection)."""
    return utcnow().year - years


@pytest.fixture
def make_user(app):
    """Create an account: ``make_user("budi", role="facilitator", birth_year=2011)``."""
    from literacy.accounts import services

    counter = iter(range(1, 10_000))

    def make(username=None, *, role="student", birth_year=1995, password=PASSWORD, **kwargs):
        username = username or f"pengguna{next(counter)}"
        if role == "partner":
            kwargs.setdefault("partner_name", "Mitra Uji")
        with app.app_context():
            user = services.create_user(username, password, birth_year=birth_year, role=role, **kwargs)
            user_id = user.id
            _db.session.remove()
        return user_id

    return make


@pytest.fixture
def login():
    """Log a client in through the real form."""

    def do(client, username, password=PASSWORD, remember=False):
        data = {"login": username, "password": password}
        if remember:
            data["remember"] = "y"
        response = client.submit("/masuk", data)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        return response

    return do
