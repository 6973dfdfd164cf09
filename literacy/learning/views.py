"""Marking lessons done, taking quizzes, seeing results and the student dashboard."""
from __future__ import annotations

import json

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, user_logged_in
from flask_wtf.csrf import CSRFError

from ..caching import has_session_cookie
from ..catalog import services as catalog
from ..classes.services import get_class, roster
from ..extensions import csrf, db
from ..permissions import require
from ..security import same_origin_request
from . import quiz, services, xapi
from .models import PRETEST, QUIZ

bp = Blueprint("learning", __name__, template_folder="templates")

ANONYMOUS_LESSONS = "carry_lessons"  # "carry_" keys survive the session reset at login
MAX_ANONYMOUS_LESSONS = 200


@bp.record_once
def register_personal_data(state):
    state.app.extensions.setdefault("literacy_exporters", {})["learning"] = services.export
    state.app.extensions.setdefault("literacy_erasers", {})["learning"] = services.erase


@user_logged_in.connect
def keep_anonymous_progress(app, user):
    lesson_ids = session.pop(ANONYMOUS_LESSONS, None)
    if lesson_ids:
        services.merge_anonymous_progress(user.id, lesson_ids)


def done_lessons(module_id: int) -> set[int]:
    """Lessons of a module the visitor has finished: from their account, or from this browser."""
    if current_user.is_authenticated:
        return services.completed_lesson_ids(current_user.id, module_id)
    if not has_session_cookie():  # nothing kept in this browser: leave the page shareable
        return set()
    return set(session.get(ANONYMOUS_LESSONS, []))


def _module_or_404(slug):
    module = catalog.get_module(slug)
    if module is None:
        abort(404)
    return module


@bp.post("/modul/<slug>/<lesson_slug>/selesai")
@csrf.exempt
def complete_lesson(slug, lesson_slug):
    """Mark a lesson done (one tap at its end), then go on to the next step.

    A logged-in person's form carries a CSRF token as every form does. An anonymous visitor's
    lesson page is shared by everyone, so it has none: the browser's own word that the post
    comes from our page (``same_origin_request``) stands in for it.
    """
    if current_user.is_authenticated:
        csrf.protect()
    elif not same_origin_request():
        raise CSRFError()
    module = _module_or_404(slug)
    lessons = catalog.outline(module, str(get_locale()))
    index = next((i for i, entry in enumerate(lessons) if entry.slug == lesson_slug), None)
    if index is None:
        abort(404)
    if current_user.is_authenticated:
        services.complete_lesson(current_user.id, lessons[index].id, module.id)
    else:
        done = session.get(ANONYMOUS_LESSONS, [])
        if lessons[index].id not in done and len(done) < MAX_ANONYMOUS_LESSONS:
            session[ANONYMOUS_LESSONS] = [*done, lessons[index].id]
    flash(_("Pelajaran %(number)s selesai ✓", number=lessons[index].position), "success")
    if index + 1 < len(lessons):
        return redirect(url_for("catalog.lesson", slug=slug, lesson_slug=lessons[index + 1].slug), code=303)
    target = "learning.quiz_home" if module.has_quiz and current_user.is_authenticated else "catalog.module"
    return redirect(url_for(target, slug=slug), code=303)


@bp.get("/dasbor")
@login_required
def dashboard():
    """Continue learning, modules in progress and completed modules."""
    from ..classes.services import assignments_for
    from ..i18n import local_today
    from ..workshops.registrations import upcoming_for
    from .dashboard import build

    board = build(current_user.id, str(get_locale()), assignments_for(current_user), local_today())
    return render_template("learning/dashboard.html", board=board, workshop_registrations=upcoming_for(current_user.id))


@bp.get("/kelas/<int:class_id>/xapi.json")
def class_xapi(class_id):
    """A class's learning events as xAPI 1.0.3 statements (a JSON array an LRS accepts), to download."""
    classroom = get_class(class_id)
    if classroom is None:
        abort(404)
    require("classes.view", classroom, hide=True)
    body = json.dumps(xapi.class_statements(classroom, roster(classroom)), ensure_ascii=False, indent=1)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="kelas-{classroom.id}-xapi.json"'
    return response


@bp.get("/modul/<slug>/kuis")
@login_required
def quiz_home(slug):
    """The quiz's rules, the student's attempts and best score, and the button to start."""
    module = _module_or_404(slug)
    if not module.has_quiz:
        abort(404)
    status = services.module_statuses(current_user.id, [module])[module.id]
    current = quiz.open_attempt(current_user.id, module)  # one at a time, quiz or pre-test
    open_quiz = current if current is not None and current.kind == QUIZ else None
    open_pretest = current if current is not None and current.kind == PRETEST else None
    attempts = quiz.attempts_of(current_user.id, module)
    return render_template(
        "learning/quiz_home.html", module=module, text=module.text(str(get_locale())), status=status,
        attempts=attempts, tried_quiz=any(a.kind == QUIZ for a in attempts), open_quiz=open_quiz,
        open_pretest=open_pretest,
        pretest_available=quiz.pretest_available(module, status, open_quiz),
        retry_at=quiz.retry_allowed_at(current_user.id, module),
    )


@bp.post("/modul/<slug>/kuis/mulai")
@login_required
def start(slug):
    """Start (or resume) a quiz or pre-test attempt; an unfinished one of the other kind comes first."""
    module = _module_or_404(slug)
    kind = PRETEST if request.form.get("jenis") == PRETEST else QUIZ
    try:
        attempt = quiz.start_attempt(current_user.id, module, kind)
    except quiz.QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("learning.quiz_home", slug=slug), code=303)
    if attempt.kind != kind:
        flash(_("Tes awalmu belum selesai. Kirim dulu jawaban tes awal ini, lalu kuis bisa dimulai.")
              if attempt.kind == PRETEST else
              _("Kuismu belum selesai, jadi tes awal tidak bisa dimulai. Lanjutkan kuis ini."), "info")
    return redirect(url_for("learning.attempt", token=attempt.token), code=303)


def _attempt_or_404(token):
    attempt = quiz.get_attempt(token, current_user.id)
    if attempt is None:
        abort(404)
    module = catalog.get_module_by_id(attempt.module_id)
    if module is None:
        abort(404)
    return attempt, module


@bp.route("/kuis/<token>", methods=["GET", "POST"])
@login_required
def attempt(token):
    """Answer the attempt's questions; save along the way or submit. Resubmitting is harmless."""
    attempt, module = _attempt_or_404(token)
    if request.method == "POST":
        answers = quiz.answers_from_form(attempt, request.form)
        if request.form.get("aksi") == "simpan":
            saved = attempt.submitted_at is None and quiz.save_answers(attempt, answers)
            if request.headers.get("X-Requested-With") == "fetch":  # the autosave script
                return ("", 204) if saved else ("", 409)
            if saved:
                flash(_("Jawabanmu tersimpan. Kamu bisa melanjutkan nanti."), "success")
                return redirect(url_for("learning.attempt", token=token), code=303)
        unanswered = [n for n, qid in enumerate(attempt.question_ids, 1) if str(qid) not in answers]
        if attempt.submitted_at is None and unanswered and request.form.get("aksi") != "kirim-saja":
            # blanks: keep what was answered and ask once more, rather than score a slip of the thumb
            if quiz.save_answers(attempt, answers):
                db.session.refresh(attempt)
                return _attempt_page(attempt, module, unanswered=unanswered)
        if attempt.submitted_at is None:
            first = quiz.submit(attempt, answers, module)
            if first and attempt.kind == PRETEST:
                return _after_pretest(attempt, module)
        return redirect(url_for("learning.result", token=token), code=303)
    if attempt.submitted_at is not None:
        return redirect(url_for("learning.result", token=token))
    return _attempt_page(attempt, module)


def _attempt_page(attempt, module, unanswered=()):
    language = str(get_locale())
    questions = quiz.question_views(attempt, language)
    return render_template("learning/attempt.html", attempt=attempt, module=module, text=module.text(language),
                           questions=questions, answered=sum(any(o.chosen for o in q.options) for q in questions),
                           unanswered=unanswered)


def _after_pretest(attempt, module):
    """Straight on to the first lesson not yet read, with the pre-test's score as a starting point."""
    flash(_("Tes awal selesai: nilaimu %(score)s dari 100. Itu titik awalmu, bukan nilai akhir. Setelah "
            "belajar, kuis akan menunjukkan seberapa jauh kamu maju. Selamat belajar!", score=round(attempt.score)),
          "success")
    done = services.completed_lesson_ids(current_user.id, module.id)
    lesson = next((e for e in catalog.outline(module, str(get_locale())) if e.id not in done), None)
    if lesson is None:
        return redirect(url_for("learning.quiz_home", slug=module.slug), code=303)
    return redirect(url_for("catalog.lesson", slug=module.slug, lesson_slug=lesson.slug), code=303)


@bp.get("/kuis/<token>/hasil")
@login_required
def result(token):
    """Score, passed or not yet, and for every question the verdict, feedback and explanation.

    The right options are marked only once the student has passed the module's quiz.
    """
    attempt, module = _attempt_or_404(token)
    if attempt.submitted_at is None:
        return redirect(url_for("learning.attempt", token=token))
    language = str(get_locale())
    status = services.module_statuses(current_user.id, [module])[module.id]
    show_key = quiz.key_shown(attempt, status.passed)
    return render_template("learning/result.html", attempt=attempt, module=module, text=module.text(language),
                           questions=quiz.question_views(attempt, language, show_key), status=status,
                           show_key=show_key, retry_at=quiz.retry_allowed_at(current_user.id, module))
