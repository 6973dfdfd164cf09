"""Learning events as xAPI 1.0.3 statements, for a learning record store (LRS).

One statement per :class:`~.models.LearningEvent` (lesson completed, quiz or pre-test attempted
with its score, module passed), shaped by the xAPI 1.0.3 data rules
(github.com/adlnet/xAPI-Spec, xAPI-Data.md section 2.4):

- **actor**: an Agent identified by an ``account`` on this platform: ``homePage`` is the
  platform's public URL, ``name`` an opaque id (an HMAC of the user id under the app's secret
  key), stable across exports and never an email, username or a child's name. An Agent has no
  ``name`` property here at all.
- **verb**: from the ADL vocabulary (``http://adlnet.gov/expapi/verbs/completed``, ``attempted``,
  ``passed``), with a display in Indonesian and English.
- **object**: an Activity whose id is the lesson, module or quiz page under the public URL, with a
  definition (type from the ADL activity types, name in ``id`` and ``en``).
- **result**: score (scaled, raw, min, max; the score is kept as a percentage), success, completion.
- **timestamp**: when the event happened, ISO 8601 in UTC with ``Z``.
- **context**: the class as a ``grouping`` activity (for a class export), the module as
  ``parent`` of a lesson or quiz, the platform's name.
- **id**: a UUID (version 5) derived from the platform URL and the event's id, so exporting again
  gives the same ids and an LRS recognises statements it already has; no registration is needed.
- **version**: ``"1.0.3"``.

Statements are built without a request (tested directly); :func:`class_statements` reads a
fixed number of queries whatever the size of the class.
"""
from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..catalog.models import Lesson, Module
from ..extensions import db
from ..utils import public_url
from .models import PRETEST, LearningEvent

VERSION = "1.0.3"
VERBS = {
    LearningEvent.COMPLETED_LESSON: ("http://adlnet.gov/expapi/verbs/completed",
                                     {"en-US": "completed", "id": "menyelesaikan"}),
    LearningEvent.SUBMITTED_ATTEMPT: ("http://adlnet.gov/expapi/verbs/attempted",
                                      {"en-US": "attempted", "id": "mengerjakan"}),
    LearningEvent.PASSED_MODULE: ("http://adlnet.gov/expapi/verbs/passed", {"en-US": "passed", "id": "lulus"}),
}
ACTIVITY_TYPES = {
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "module": "http://adlnet.gov/expapi/activities/module",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
}
PRETEST_PREFIX = {"id": "Tes awal: ", "en": "Pre-test: "}
PLATFORM = "Literasi"


def actor_name(user_id: int) -> str:
    """The learner's opaque, stable account name: no one can turn it back into an id or a person
    without the server's secret key (a bare ``user-42`` could be matched with other exports)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"xapi-actor:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


def statement_id(home: str, event: LearningEvent) -> str:
    """A UUID derived from the platform and the event: the same statement id on every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{home}xapi/learning-event/{event.id}"))


def timestamp(moment) -> str:
    """A stored UTC time as ISO 8601 with ``Z`` (milliseconds, as LRSs store them)."""
    return moment.isoformat(timespec="milliseconds") + "Z"


def _names(texts) -> dict[str, str]:
    return {text.language: text.title for text in sorted(texts, key=lambda t: t.language)}


class _Catalog:
    """The modules and lessons a batch of events points at, loaded in four queries."""

    def __init__(self, events: list[LearningEvent]):
        module_ids = {e.module_id for e in events}
        lesson_ids = {e.object_id for e in events if e.object_type == "lesson"}
        self.modules = {m.id: m for m in db.session.scalars(
            select(Module).where(Module.id.in_(module_ids)).options(selectinload(Module.texts)))} if module_ids else {}
        self.lessons = {lesson.id: lesson for lesson in db.session.scalars(
            select(Lesson).where(Lesson.id.in_(lesson_ids)).options(selectinload(Lesson.texts)))} if lesson_ids else {}

    def module_activity(self, module: Module) -> dict:
        return {"objectType": "Activity", "id": public_url("catalog.module", slug=module.slug),
                "definition": {"type": ACTIVITY_TYPES["module"], "name": _names(module.texts)}}

    def lesson_activity(self, module: Module, lesson: Lesson) -> dict:
        return {"objectType": "Activity",
                "id": public_url("catalog.lesson", slug=module.slug, lesson_slug=lesson.slug),
                "definition": {"type": ACTIVITY_TYPES["lesson"], "name": _names(lesson.texts)}}

    def quiz_activity(self, module: Module, kind: str | None) -> dict:
        url = public_url("learning.quiz_home", slug=module.slug)
        names = dict(module.quiz_title) or _names(module.texts)
        if kind == PRETEST:
            url += "#tes-awal"
            names = {language: PRETEST_PREFIX.get(language, "") + title
                     for language, title in _names(module.texts).items()}
        return {"objectType": "Activity", "id": url,
                "definition": {"type": ACTIVITY_TYPES["assessment"], "name": names}}


def _score(stored: dict | None) -> dict | None:
    scaled = ((stored or {}).get("score") or {}).get("scaled")
    if scaled is None:
        return None
    return {"scaled": round(scaled, 4), "raw": round(scaled * 100, 2), "min": 0, "max": 100}


def _statement(event: LearningEvent, catalog: _Catalog, home: str, grouping: list[dict]) -> dict | None:
    module = catalog.modules.get(event.module_id)
    if module is None:
        return None
    parent = [catalog.module_activity(module)]
    result: dict = {"completion": True}
    stored = event.result or {}
    if event.verb == LearningEvent.COMPLETED_LESSON:
        lesson = catalog.lessons.get(event.object_id)
        if lesson is None:
            return None
        activity = catalog.lesson_activity(module, lesson)
    elif event.verb == LearningEvent.SUBMITTED_ATTEMPT:
        kind = stored.get("kind")
        activity = catalog.quiz_activity(module, kind)
        if kind != PRETEST and stored.get("success") is not None:  # a pre-test is not passed or failed
            result["success"] = bool(stored["success"])
    else:
        activity, parent = catalog.module_activity(module), []
        result["success"] = True
    score = _score(stored)
    if score is not None:
        result["score"] = score
    context_activities = {}
    if parent:
        context_activities["parent"] = parent
    if grouping:
        context_activities["grouping"] = grouping
    verb_id, display = VERBS[event.verb]
    statement = {
        "id": statement_id(home, event),
        "actor": {"objectType": "Agent", "account": {"homePage": home, "name": actor_name(event.user_id)}},
        "verb": {"id": verb_id, "display": display},
        "object": activity,
        "result": result,
        "context": {"platform": PLATFORM, **({"contextActivities": context_activities} if context_activities else {})},
        "timestamp": timestamp(event.created_at),
        "version": VERSION,
    }
    return statement


def statements(events: Iterable[LearningEvent], grouping: list[dict] | None = None) -> list[dict]:
    """The events as statements, in their order; ``grouping``: context activities they share."""
    events = list(events)
    catalog = _Catalog(events)
    home = public_url("core.home")
    built = (_statement(event, catalog, home, grouping or []) for event in events)
    return [statement for statement in built if statement is not None]


def class_activity(classroom) -> dict:
    """The class as an Activity (its page, which only its facilitators can open)."""
    return {"objectType": "Activity", "id": public_url("classes.detail", class_id=classroom.id),
            "definition": {"name": {"und": classroom.name}}}  # named by a teacher, in any language


def class_statements(classroom, students) -> list[dict]:
    """Every learning event of the class's students (``classes.services.roster``), oldest first,
    each with the class as its ``grouping`` context."""
    ids = [student.id for student in students]
    if not ids:
        return []
    events = db.session.scalars(select(LearningEvent).where(LearningEvent.user_id.in_(ids))
                                .order_by(LearningEvent.created_at, LearningEvent.id)).all()
    return statements(events, grouping=[class_activity(classroom)])


def own_statements(user) -> list[dict]:
    """A learner's own events, for "unduh data saya"."""
    events = db.session.scalars(select(LearningEvent).where(LearningEvent.user_id == user.id)
                                .order_by(LearningEvent.id)).all()
    return statements(events)
