"""Catalog pages: /modul, /modul/<module>, /modul/<module>/<lesson>, facilitator notes, and module media."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from ..content.vocabulary import LANGUAGES, LEVELS, PILLAR_DESCRIPTIONS, PILLARS
from ..learning import services as learning
from ..learning.views import done_lessons
from ..permissions import can, require
from ..caching import shared_page
from . import services

bp = Blueprint("catalog", __name__, template_folder="templates")


@bp.app_context_processor
def vocabulary():
    return {"PILLARS": PILLARS, "LEVELS": LEVELS, "LANGUAGES": LANGUAGES}


def _module_or_404(slug: str):
    module = services.get_module(slug)
    if module is None:
        abort(404)
    return module


@bp.get("/modul")
@shared_page(lambda: services.catalog_stamp(), offline=True, query=("pilar", "tingkat", "bahasa"))
def index():
    """All modules, grouped by pillar, filterable by pillar, level and language."""
    filters = services.CatalogFilter.from_args(request.args)
    groups = services.list_modules(filters)
    modules = [m for ms in groups.values() for m in ms]
    statuses = _statuses(modules)
    newcomer = filters == services.CatalogFilter() and not any(s.started for s in statuses.values())
    return render_template(
        "catalog/index.html", groups=groups, filters=filters, descriptions=PILLAR_DESCRIPTIONS,
        language=str(get_locale()), statuses=statuses,
        first=services.suggest_first(modules, current_app.config.get("FIRST_MODULE")) if newcomer else None,
    )


def _statuses(modules):
    """Each module's status for the logged-in student ({} for visitors)."""
    if not current_user.is_authenticated or not modules:
        return {}
    return learning.module_statuses(current_user.id, modules)


@bp.get("/modul/<slug>")
@shared_page(lambda slug: services.module_stamp(slug), offline=True)
def module(slug):
    """A module's summary, objectives, lessons and quiz."""
    module = _module_or_404(slug)
    language = str(get_locale())
    return render_template(
        "catalog/module.html", module=module, text=module.text(language),
        lessons=services.cached_outline(module, language), status=_statuses([module]).get(module.id),
        done=done_lessons(module.id),
        notes_link=can("content.facilitator_notes", module) and services.has_facilitator_notes(module),
    )


@bp.get("/modul/<slug>/catatan-fasilitator")
def facilitator_notes(slug):
    """The module's workshop plan, discussion questions and offline activity: facilitators and admins only.

    Everyone else gets the 404 a module without notes gives, so the notes' existence stays private.
    """
    module = _module_or_404(slug)
    if not can("content.facilitator_notes", module):
        abort(404)
    language = str(get_locale())
    notes = services.facilitator_notes(module, language)
    if notes is None:
        abort(404)
    return render_template("catalog/facilitator_notes.html", module=module, module_text=module.text(language),
                           notes=notes)


@bp.get("/modul/<slug>/<lesson_slug>")
@shared_page(lambda slug, lesson_slug: services.module_stamp(slug), offline=True)
def lesson(slug, lesson_slug):
    """One lesson with the module's outline and previous/next links."""
    module = _module_or_404(slug)
    language = str(get_locale())
    lessons = services.cached_outline(module, language)
    index = next((i for i, entry in enumerate(lessons) if entry.slug == lesson_slug), None)
    if index is None:
        abort(404)
    text = services.cached_lesson_text(module, lessons[index].id, language)
    return render_template(
        "catalog/lesson.html", module=module, module_text=module.text(language), lessons=lessons,
        current=lessons[index], text=text, done=done_lessons(module.id),
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
    )


@bp.get("/modul/<slug>/media/<name>")
def media(slug, name):
    """An image from a module's media folder, cacheable by its content hash."""
    media = services.get_media(slug, name)
    if media is None:
        abort(404)
    response = make_response(media.data)
    response.mimetype = media.content_type
    response.set_etag(media.sha256)
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 24 * 3600
    return response.make_conditional(request)


@bp.get("/modul/<slug>/cetak")
def handout(slug):
    """The module to print: every lesson, then the quiz as a worksheet, for a workshop without devices."""
    return _handout(slug, with_key=False)


@bp.get("/modul/<slug>/cetak/kunci")
def handout_with_key(slug):
    """The facilitator's copy of the handout: the worksheet's answer key and explanations at the end."""
    return _handout(slug, with_key=True)


def _handout(slug, with_key: bool):
    module = _module_or_404(slug)
    require("catalog.answer_key" if with_key else "catalog.print_handout", module, hide=with_key)
    language = str(get_locale())
    return render_template("catalog/handout.html", module=module, text=module.text(language),
                           handout=services.handout(module, language), with_key=with_key)
