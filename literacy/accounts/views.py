"""Sign-up, login, logout, password reset, guardian consent and the learner's settings."""
from __future__ import annotations

import json

from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from ..classes.services import find_by_code as find_class_by_code
from ..classes.services import join as join_class_by_code
from ..classes.services import memberships_of
from ..core.views import safe_next
from ..extensions import limiter
from ..permissions import require
from ..security import no_store, seal, unseal
from ..i18n import LOCALE_COOKIE
from ..utils import utcnow
from . import consent as consent_text
from . import forms, passwords, recovery, services, sessions
from .models import FACILITATOR, STUDENT

bp = Blueprint("accounts", __name__, template_folder="templates")

RECOVERY_CODE_KEY = "recovery_code_once"

# Endpoints a user who must change a one-time password may still reach.
OPEN_WHILE_CHANGING = {"accounts.new_password", "accounts.logout", "static", "core.set_language", "core.healthz"}


def _account_key() -> str:
    """The account a login or reset form names, however it is typed (username or email, any
    case), so each limit counts once per account; a name with no account counts as itself."""
    if "limit_account_key" not in g:
        login = (request.form.get("login") or "").strip().lower()[:254]
        user = services.find_by_login(login)
        g.limit_account_key = f"account:{user.id}" if user else f"login:{login}"
    return g.limit_account_key


def _account_and_address_key() -> str:
    return _account_key() + "@" + get_remote_address()


def _failed(response) -> bool:
    return response.status_code != 303


def _config(name):
    return lambda: current_app.config[name]


@bp.before_app_request
def require_new_password():
    if current_user.is_authenticated and current_user.must_change_password \
            and request.endpoint not in OPEN_WHILE_CHANGING:
        return redirect(url_for("accounts.new_password"))


def _start_session(user, remember: bool, recovery_code: str | None = None):
    """A fresh session for a fresh login (no fixation), in the user's own language.

    Keys named "carry_*" (such as lessons read before signing up) survive the reset. A new
    recovery code is shown once, on the next page.
    """
    carried = {key: value for key, value in session.items() if key.startswith("carry_")}
    session.clear()
    session.update(carried)
    sessions.open_session(user, remember)
    login_user(user, remember=remember)
    if recovery_code:
        session[RECOVERY_CODE_KEY] = seal(recovery_code)
        target = url_for("accounts.recovery_code")
    elif user.must_change_password:
        target = url_for("accounts.new_password")
    else:  # facilitators start from their classes, everyone else from their dashboard
        home = url_for("classes.index") if user.role == FACILITATOR else url_for("learning.dashboard")
        target = safe_next(request.args.get("next"), home)
    response = redirect(target, code=303)
    if user.locale:
        response.set_cookie(LOCALE_COOKIE, user.locale, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


def _guardian_key() -> str:
    return "guardian:" + (request.form.get("guardian_email") or "").strip().lower()[:254]


def _no_guardian_email() -> bool:
    return not (request.form.get("guardian_email") or "").strip()


@bp.route("/daftar", methods=["GET", "POST"])
@limiter.limit(_config("RATE_LIMIT_SIGNUP"), methods=["POST"])
@limiter.limit(_config("RATE_LIMIT_CONSENT_EMAIL"), key_func=_guardian_key, methods=["POST"],
               exempt_when=_no_guardian_email)
def signup():
    """Create a student account: birth year first, then only the fields that age allows."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.settings"))
    year_form = forms.BirthYearForm(request.args)
    if "tahun" not in request.args or not year_form.validate():
        return render_template("accounts/signup_year.html", form=year_form, asked="tahun" in request.args)
    birth_year = year_form.tahun.data
    minor = services.is_minor_birth_year(birth_year)
    form = forms.SignupForm(birth_year=birth_year, class_code=request.args.get("kode"))  # from a class's join link
    if form.validate_on_submit() and _class_code_ok(form):
        try:
            user = services.create_user(
                form.username.data, form.password.data, birth_year=birth_year,
                display_name=None if minor else form.display_name.data, province=form.province.data,
            )
        except services.AccountError as error:
            getattr(form, error.field or "username").errors.append(str(error))
        else:
            if form.class_code.data:
                join_class_by_code(user, form.class_code.data)
            asked_guardian = minor and bool(form.guardian_email.data)
            if asked_guardian:
                services.request_consent(user, form.guardian_email.data, classes=_classes_for_guardian(user))
            asked_email = not minor and bool(form.email.data)
            if asked_email:  # kept once confirmed from that inbox; the page says the same if it is taken
                services.request_email(user, form.email.data)
            response = _start_session(user, remember=False, recovery_code=recovery.new_code(user))
            if asked_guardian:
                flash(_("Akunmu sudah dibuat. Kami mengirim email ke orang tua/walimu untuk meminta persetujuan."), "success")
            elif asked_email:
                flash(_("Akunmu sudah dibuat. Buka email yang kami kirim untuk mengonfirmasi alamat emailmu."), "success")
            else:
                flash(_("Akunmu sudah dibuat. Selamat belajar!"), "success")
            return response
    return render_template("accounts/signup.html", form=form, minor=minor, birth_year=birth_year)


def _classes_for_guardian(user) -> list[tuple[str, str, str | None]]:
    return [(m.classroom.label, m.classroom.facilitator.name, m.classroom.facilitator.email)
            for m in memberships_of(user)]


def _class_code_ok(form) -> bool:
    if form.class_code.data and find_class_by_code(form.class_code.data) is None:
        form.class_code.errors.append(_("Kode kelas tidak ditemukan. Periksa lagi kode dari fasilitatormu."))
        return False
    return True


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(_config("RATE_LIMIT_LOGIN"), methods=["POST"])
# Failed logins for one account are limited per address (so a stranger elsewhere cannot lock a
# student out by typing their name) and, more loosely, from all addresses together.
@limiter.limit(_config("RATE_LIMIT_LOGIN_ACCOUNT"), key_func=_account_and_address_key, methods=["POST"],
               deduct_when=_failed)
@limiter.limit(_config("RATE_LIMIT_LOGIN_ACCOUNT_ANY_ADDRESS"), key_func=_account_key, methods=["POST"],
               deduct_when=_failed)
def login():
    """Log in with a username or an email."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = forms.LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.login.data, form.password.data)
        if user is not None:
            return _start_session(user, remember=form.remember.data)
        form.password.errors.append(_("Nama pengguna, email atau kata sandi salah."))
    return render_template("accounts/login.html", form=form)


def _end_this_login() -> None:
    """Forget the login in this browser: the cookie data first, then Flask-Login, which marks the
    remember-me cookie for deletion (clearing the session after it would undo that mark)."""
    session.clear()
    logout_user()


@bp.post("/keluar")
def logout():
    """End this session: its server-side row, the session cookie and the remember-me cookie."""
    if current_user.is_authenticated:
        sessions.close_session(current_user.current_session)
    _end_this_login()
    flash(_("Kamu sudah keluar."), "success")
    return redirect(url_for("core.home"), code=303)


@bp.route("/lupa-kata-sandi", methods=["GET", "POST"])
@limiter.limit(_config("RATE_LIMIT_RESET"), methods=["POST"])
@limiter.limit(_config("RATE_LIMIT_RESET_ACCOUNT"), key_func=_account_key, methods=["POST"])
def forgot_password():
    """Ask for a reset link by email (students without email ask their facilitator)."""
    form = forms.ResetRequestForm()
    if form.validate_on_submit():
        services.send_reset_link(form.login.data)
        flash(_("Jika akun itu punya email, tautan untuk mengatur ulang kata sandi sudah dikirim. Tidak punya email? Minta fasilitator atau gurumu mengatur ulang kata sandimu."), "success")
        return redirect(url_for("accounts.login"), code=303)
    return render_template("accounts/forgot.html", form=form)


@bp.route("/pulihkan", methods=["GET", "POST"])
@limiter.limit(_config("RATE_LIMIT_LOGIN"), methods=["POST"])
@limiter.limit(_config("RATE_LIMIT_LOGIN_ACCOUNT"), key_func=_account_and_address_key, methods=["POST"],
               deduct_when=_failed)
@limiter.limit(_config("RATE_LIMIT_LOGIN_ACCOUNT_ANY_ADDRESS"), key_func=_account_key, methods=["POST"],
               deduct_when=_failed)
def recover():
    """A new password with the recovery code written down at sign-up (no email needed)."""
    form = forms.RecoveryForm()
    if form.validate_on_submit():
        user = services.find_by_login(form.login.data)
        try:
            next_code = recovery.recover(user, form.code.data, form.new_password.data)
        except recovery.RecoveryError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            response = _start_session(user, remember=False, recovery_code=next_code)
            flash(_("Kata sandi baru tersimpan. Kode pemulihanmu yang lama sudah terpakai: simpan kode baru di bawah ini."), "success")
            return response
    return render_template("accounts/recover.html", form=form)


@bp.route("/akun/kode-pemulihan", methods=["GET", "POST"])
@login_required
@limiter.limit(_config("RATE_LIMIT_LOGIN"), methods=["POST"])
def recovery_code():
    """Show a new recovery code once, or make a new one (the old one stops working)."""
    user = current_user._get_current_object()
    form = forms.NewRecoveryCodeForm()
    if form.validate_on_submit():
        if passwords.verify(user.password_hash, form.password.data):
            session[RECOVERY_CODE_KEY] = seal(recovery.new_code(user))
            return redirect(url_for("accounts.recovery_code"), code=303)
        form.password.errors.append(_("Kata sandi salah."))
    code = unseal(session.pop(RECOVERY_CODE_KEY, None))
    page = render_template("accounts/recovery_code.html", code=code, form=form, user=user)
    return page, 400 if form.errors else 200


@bp.route("/atur-ulang/<token>", methods=["GET", "POST"])
@no_store
@limiter.limit(_config("RATE_LIMIT_RESET"), methods=["POST"])
def reset_password(token):
    """Choose a new password from an emailed link (single use, one hour)."""
    user = services.user_from_reset_token(token)
    if user is None:
        return render_template("accounts/link_invalid.html"), 410
    form = forms.NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(user, form.new_password.data)
        except services.AccountError as error:
            form.new_password.errors.append(str(error))
        else:
            _end_this_login()
            flash(_("Kata sandi baru tersimpan. Silakan masuk."), "success")
            return redirect(url_for("accounts.login"), code=303)
    return render_template("accounts/new_password.html", form=form, action=url_for("accounts.reset_password", token=token))


@bp.route("/akun/kata-sandi-baru", methods=["GET", "POST"])
@login_required
def new_password():
    """Replace a one-time password from a facilitator with the student's own.

    Only while the account must change its password: anywhere else a new password needs the
    current one (the settings page), so a moment with someone's phone cannot take the account.
    """
    user = current_user._get_current_object()
    if not user.must_change_password:
        return redirect(url_for("accounts.settings") + "#kata-sandi", code=303)
    form = forms.NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(user, form.new_password.data)
        except services.AccountError as error:
            form.new_password.errors.append(str(error))
        else:
            sessions.open_session(user, remember=False)
            login_user(user)
            flash(_("Kata sandi baru tersimpan."), "success")
            return redirect(url_for("core.home"), code=303)
    return render_template("accounts/new_password.html", form=form, action=url_for("accounts.new_password"))


@bp.get("/akun")
@login_required
def settings():
    """The learner's settings, consent status and their own data."""
    return render_template("accounts/settings.html", **_settings_context())


def _settings_context(**forms_with_errors) -> dict:
    user = current_user._get_current_object()
    context = dict(
        user=user, consent_text=consent_text, now=utcnow(), email_days=services.EMAIL_CONFIRM_DAYS,
        profile=forms.ProfileForm(obj=user, locale=user.locale or request.cookies.get(LOCALE_COOKIE) or "id"),
        password_form=forms.PasswordChangeForm(), consent_form=forms.ConsentRequestForm(),
        join_form=forms.JoinClassForm(), delete_form=forms.DeleteAccountForm(), memberships=memberships_of(user),
    )
    context.update(forms_with_errors)
    return context


def _settings_with(**forms_with_errors):
    """The settings page again, with the failed form showing its errors and what was typed."""
    return render_template("accounts/settings.html", **_settings_context(**forms_with_errors)), 400


@bp.post("/akun/profil")
@login_required
def update_profile():
    """Save display name, email and language."""
    form = forms.ProfileForm()
    if not form.validate():
        return _settings_with(profile=form)
    user = current_user._get_current_object()
    # Only students are asked for a province (the impact figures count learners).
    province = {"province": form.province.data} if user.role == STUDENT else {}
    try:
        services.update_profile(user, display_name=form.display_name.data,
                                email=form.email.data, locale=form.locale.data,
                                current_password=form.current_password.data, timezone=form.timezone.data, **province)
    except services.AccountError as error:
        getattr(form, error.field or "display_name").errors.append(str(error))
        return _settings_with(profile=form)
    response = redirect(url_for("accounts.settings"), code=303)
    response.set_cookie(LOCALE_COOKIE, form.locale.data, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    flash(_("Pengaturan tersimpan."), "success")
    if current_user.pending_email:
        flash(_("Alamat email baru dipakai setelah kamu membuka tautan yang kami kirim ke alamat itu."), "info")
    return response


@bp.route("/akun/email/<token>", methods=["GET", "POST"])
@no_store
@limiter.limit(_config("RATE_LIMIT_RESET"), methods=["POST"])
def confirm_email(token):
    """Confirm a new email address from the link sent to it (works on any device, no login)."""
    user = services.user_from_email_token(token)
    if user is None:
        return render_template("accounts/link_invalid.html"), 410
    form = forms.EmptyForm()
    if form.validate_on_submit():
        try:
            services.confirm_email(user)
        except services.AccountError as error:
            flash(str(error), "error")
            return render_template("accounts/link_invalid.html"), 409
        flash(_("Email %(email)s sekarang terhubung ke akunmu.", email=user.email), "success")
        return redirect(url_for("accounts.settings" if current_user.is_authenticated else "accounts.login"), code=303)
    return render_template("accounts/confirm_email.html", form=form, user=user)


@bp.post("/akun/kata-sandi")
@login_required
@limiter.limit(_config("RATE_LIMIT_LOGIN"))
def change_password():
    """Change the password; every other session ends."""
    form = forms.PasswordChangeForm()
    if not form.validate():
        return _settings_with(password_form=form)
    user = current_user._get_current_object()
    try:
        services.change_password(user, form.new_password.data, current_password=form.current_password.data)
    except services.AccountError as error:
        getattr(form, error.field or "new_password").errors.append(str(error))
        return _settings_with(password_form=form)
    sessions.open_session(user, remember=False)
    login_user(user)  # this browser gets a new login; every other one has ended
    flash(_("Kata sandi diganti. Kamu otomatis keluar dari perangkat lain."), "success")
    return redirect(url_for("accounts.settings"), code=303)


@bp.post("/akun/keluar-semua")
@login_required
def logout_everywhere():
    """End every session on every device, this one included."""
    services.end_all_sessions(current_user._get_current_object())
    _end_this_login()
    flash(_("Kamu sudah keluar dari semua perangkat."), "success")
    return redirect(url_for("accounts.login"), code=303)


@bp.post("/akun/kelas")
@login_required
@limiter.limit(_config("RATE_LIMIT_RESET"))
def join_class():
    """Join a facilitator's class with its code (students only: the form is not shown to others)."""
    require("classes.join")
    form = forms.JoinClassForm()
    if not form.validate():
        return _settings_with(join_form=form)
    try:
        classroom = join_class_by_code(current_user._get_current_object(), form.class_code.data)
    except services.AccountError as error:
        form.class_code.errors.append(str(error))
        return _settings_with(join_form=form)
    flash(_("Kamu bergabung dengan %(kelas)s.", kelas=classroom.label), "success")
    return redirect(url_for("accounts.settings"), code=303)


@bp.post("/akun/persetujuan")
@login_required
@limiter.limit(_config("RATE_LIMIT_RESET"))
@limiter.limit(_config("RATE_LIMIT_CONSENT_EMAIL"), key_func=_guardian_key, exempt_when=_no_guardian_email)
def request_consent():
    """Send (or send again) the consent request to a parent or guardian."""
    form = forms.ConsentRequestForm()
    if not form.validate():
        return _settings_with(consent_form=form)
    try:
        user = current_user._get_current_object()
        services.request_consent(user, form.guardian_email.data, classes=_classes_for_guardian(user))
    except services.AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.settings"), code=303)
    flash(_("Email permintaan persetujuan sudah dikirim ke orang tua/walimu."), "success")
    return redirect(url_for("accounts.settings"), code=303)


@bp.post("/akun/persetujuan/tarik")
@login_required
def withdraw_consent():
    """The student withdraws the consent themselves (their name and email are erased)."""
    if current_user.active_consent is None:
        abort(400)
    erased = services.withdraw_consent(current_user._get_current_object(), by="student")
    flash(_("Persetujuan ditarik. Nama tampilan dan emailmu sudah dihapus.") if erased
          else _("Persetujuan ditarik."), "success")
    return redirect(url_for("accounts.settings"), code=303)


@bp.get("/akun/data-saya.json")
@login_required
def download_data():
    """Everything stored about the learner, as a JSON file."""
    data = services.export_data(current_user._get_current_object())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return current_app.response_class(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="data-saya-literasi.json"', "Cache-Control": "no-store",
    })


@bp.post("/akun/hapus")
@login_required
def delete_account():
    """Erase the account and the personal data attached to it."""
    form = forms.DeleteAccountForm()
    if not form.validate():
        return _settings_with(delete_form=form)
    try:
        services.delete_account(current_user._get_current_object(), form.password.data)
    except services.AccountError as error:
        form.password.errors.append(str(error))
        return _settings_with(delete_form=form)
    _end_this_login()
    flash(_("Akunmu sudah dihapus beserta data pribadimu."), "success")
    return redirect(url_for("core.home"), code=303)


@bp.route("/persetujuan/<token>", methods=["GET", "POST"])
@no_store
@limiter.limit(_config("RATE_LIMIT_RESET"), methods=["POST"])
def guardian_consent(token):
    """The page a parent or guardian opens from the email: what we keep, and a consent button."""
    record = services.consent_from_token(token)
    if record is None:
        return render_template("accounts/link_invalid.html"), 410
    form = forms.GuardianConsentForm()
    if form.validate_on_submit():
        services.give_consent(record, form.guardian_name.data)
        return render_template("accounts/guardian_done.html", record=record)
    return render_template("accounts/guardian_consent.html", form=form, record=record, consent_text=consent_text)


@bp.route("/persetujuan/tarik/<token>", methods=["GET", "POST"])
@no_store
def guardian_withdraw(token):
    """A guardian withdraws consent from the link in the confirmation email."""
    record = services.consent_from_withdraw_token(token)
    if record is None:
        return render_template("accounts/link_invalid.html"), 410
    form = forms.EmptyForm()
    if form.validate_on_submit():
        erased = services.withdraw_consent(record.student, by="guardian")
        return render_template("accounts/guardian_withdrawn.html", record=record, erased=erased)
    return render_template("accounts/guardian_withdraw.html", form=form, record=record)
