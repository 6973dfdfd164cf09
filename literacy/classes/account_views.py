"""Accounts for a whole class at once (printed as cut-out login cards) and paper consent for many."""
from __future__ import annotations

import base64
import json
import zlib

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import services as accounts
from ..accounts.forms import OLDEST_AGE, YOUNGEST_AGE, EmptyForm
from ..security import no_store, seal, unseal
from ..utils import utcnow
from . import bulk, services
from .forms import BulkAccountsForm
from .views import _class_or_404, bp, paper_reference

CARDS_KEY = "class_cards"
CARD_MINUTES = 30  # long enough to print, short enough that a shared computer forgets them


def _pack(class_id: int, cards: list[bulk.Card]) -> str:
    data = json.dumps([class_id, [[c.name, c.username, c.password] for c in cards]], ensure_ascii=False)
    return seal(base64.b64encode(zlib.compress(data.encode(), 9)).decode())


def _unpack(class_id: int) -> list[bulk.Card] | None:
    packed = unseal(session.get(CARDS_KEY), max_age=CARD_MINUTES * 60)
    if packed is None:
        return None
    owner, cards = json.loads(zlib.decompress(base64.b64decode(packed)))
    return [bulk.Card(*card) for card in cards] if owner == class_id else None


@bp.route("/<int:class_id>/akun-siswa", methods=["GET", "POST"])
def bulk_accounts(class_id):
    """Paste names, get accounts with one-time passwords (changed at first login) on printable cards."""
    classroom = _class_or_404(class_id, "classes.manage")
    form, problems = BulkAccountsForm(), []
    if form.validate_on_submit():
        year = utcnow().year
        lines, problems = bulk.parse(form.names.data, form.birth_year.data,
                                     range(year - OLDEST_AGE, year - YOUNGEST_AGE + 1))
        if not problems:
            try:
                cards = bulk.create_students(classroom, lines)
            except services.ClassError as error:
                problems = [str(error)]
            else:
                session[CARDS_KEY] = _pack(classroom.id, cards)
                flash(_("%(count)s akun dibuat dan masuk ke %(kelas)s. Cetak kartunya sekarang: kata sandi "
                        "sementara hanya tampil di sini.", count=len(cards), kelas=classroom.label), "success")
                return redirect(url_for("classes.cards", class_id=classroom.id), code=303)
    status = 400 if (form.errors or problems) else 200
    return render_template("classes/bulk_accounts.html", classroom=classroom, form=form, problems=problems,
                           max_students=bulk.MAX_STUDENTS), status


@bp.get("/<int:class_id>/kartu-masuk")
@no_store
def cards(class_id):
    """The login cards, 8 to an A4 page, for a while after the accounts were made; then gone."""
    classroom = _class_or_404(class_id, "classes.manage")
    return render_template("classes/cards.html", classroom=classroom, cards=_unpack(classroom.id),
                           login_url=url_for("accounts.login", _external=True), minutes=CARD_MINUTES,
                           form=EmptyForm())


@bp.post("/<int:class_id>/kartu-masuk/selesai")
def cards_done(class_id):
    classroom = _class_or_404(class_id, "classes.manage")
    if EmptyForm().validate_on_submit():
        session.pop(CARDS_KEY, None)
    return redirect(url_for("classes.detail", class_id=classroom.id), code=303)


def _waiting_for_consent(classroom):
    return [s for s in services.roster(classroom) if s.is_minor and s.active_consent is None]


@bp.route("/<int:class_id>/persetujuan", methods=["GET", "POST"])
def bulk_consent(class_id):
    """Record the paper consent forms that came back, several students at once.

    Rows left without a guardian's name are skipped; if any filled row has a problem nothing is
    recorded and every value typed comes back with the problem next to it.
    """
    classroom = _class_or_404(class_id, "classes.manage")
    students = _waiting_for_consent(classroom)
    form, values, errors = EmptyForm(), {}, {}
    if form.validate_on_submit():
        for student in students:
            name = accounts.clean_name(request.form.get(f"guardian-{student.id}")) or ""
            reference = (request.form.get(f"reference-{student.id}") or "").strip()
            values[student.id] = (name, reference)
            if not name:
                continue
            if len(name) > 120:
                errors[student.id] = _("Nama orang tua/wali paling banyak 120 karakter.")
            elif not reference or len(reference) > 80:
                errors[student.id] = _("Tulis nomor formulir yang tercetak, paling banyak 80 karakter.")
        filled = [s for s in students if values.get(s.id, ("",))[0]]
        if not filled:
            flash(_("Isi nama orang tua/wali untuk formulir yang sudah kembali."), "error")
        elif not errors:
            recorded = 0
            for student in filled:
                try:
                    accounts.record_paper_consent(current_user._get_current_object(), student, *values[student.id])
                except accounts.AccountError:  # recorded a moment ago by a co-facilitator
                    continue
                recorded += 1
            flash(_("Persetujuan tercatat untuk %(count)s siswa.", count=recorded), "success")
            return redirect(url_for("classes.detail", class_id=classroom.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("classes/bulk_consent.html", classroom=classroom, students=students, form=form,
                           values=values, errors=errors, reference=paper_reference), status
