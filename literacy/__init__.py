"""Literasi: digital-literacy lessons, quizzes, certificates and workshops in Bahasa Indonesia."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from . import assets, caching, config, i18n, permissions, security
from .accounts import sessions
from .extensions import csrf, db, limiter, migrate

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class BoundedIntegerConverter(IntegerConverter):
    def __init__(self, map, fixed_digits=0, min=None, max=2**63 - 1, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def create_app(config_object=None, **overrides) -> Flask:
    """Build the Literasi application: settings, extensions, feature areas, then the web layer."""
    app = Flask(__name__, instance_relative_config=True)
    configure_settings(app, config_object or config.Config, overrides)
    configure_extensions(app)
    configure_templates(app)
    configure_blueprints(app)
    configure_cli(app)
    i18n.configure(app)
    configure_kept_pages(app)
    security.configure(app)
    assets.configure(app)
    return app


def configure_settings(app: Flask, config_object, overrides: dict) -> None:
    app.config.from_object(config_object)
    app.config.from_prefixed_env("LITERACY")
    app.config.update(overrides)
    config.resolve(app)


def configure_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    sessions.configure(app)


def configure_templates(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["can"] = permissions.can


def configure_blueprints(app: Flask) -> None:
    # <int:...> ids fit a database integer: a longer number is a 404, not an OverflowError.
    app.url_map.converters["int"] = BoundedIntegerConverter
    from .accounts.views import bp as accounts
    from .admin.views import bp as admin
    from .authoring.views import bp as authoring
    from .catalog.views import bp as catalog
    from .certificates.badge_views import bp as badges
    from .certificates.views import bp as certificates
    from .classes.views import bp as classes
    from .core.views import bp as core
    from .errors.views import bp as errors
    from .impact.views import bp as impact
    from .learning.views import bp as learning
    from .offline.views import bp as offline
    from .workshops.planning import bp as planning
    from .workshops.views import bp as workshops

    for blueprint in (core, catalog, learning, accounts, classes, workshops, planning, certificates, badges, impact,
                      admin, authoring, offline, errors):
        app.register_blueprint(blueprint)


def configure_kept_pages(app: Flask) -> None:
    from .catalog.services import site_stamp

    caching.configure(app, stamp=site_stamp)


def configure_cli(app: Flask) -> None:
    from .accounts.cli import users_cli
    from .backup import backup_command
    from .content.cli import content_cli
    from .impact.cli import impact_cli
    from .outbox.cli import mail_cli
    from .workshops.cli import workshops_cli

    app.cli.add_command(i18n.translate_cli)
    app.cli.add_command(content_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(workshops_cli)
    app.cli.add_command(impact_cli)
    app.cli.add_command(backup_command)
