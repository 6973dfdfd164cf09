"""Account operations: sign-up, login, passwords, guardian consent, profile, export, deletion.

No request or session here: views pass in what they read from forms, and these functions
return results or raise :class:`AccountError` with a message a person can act on.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..outbox.services import queue as queue_mail
from ..i18n import USER_ZONES, format_when
from ..database import flush_erased, write_transaction
from ..extensions import db
from ..utils import public_url, utcnow
from ..workshops import provinces
from . import consent as consent_text
from . import passwords, sessions
from .models import ADMIN, PARTNER, ROLES, STUDENT, GuardianConsent, PartnerOrganisation, User

RESET_MAX_AGE = 3600
EMAIL_CONFIRM_DAYS = 3


class AccountError(Exception):
    """A refusal with a message for the person (already translated), and the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _normalise_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None


# Characters that make a name lie about itself on a roster or certificate: C0/C1 controls,
# bidirectional overrides and isolates (U+202A-202E, U+2066-2069, LRM/RLM/ALM) and zero-width ones.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_name(name: str | None) -> str | None:
    """A display name as people will see it: no invisible or direction-changing characters,
    single spaces; None when nothing visible is left."""
    name = " ".join(_INVISIBLE.sub("", name or "").split())
    return name or None


def is_minor_birth_year(birth_year: int) -> bool:
    return User(birth_year=birth_year).is_minor


# -- sign-up and login -------------------------------------------------------------------

def _province(province: str | None) -> str | None:
    """A province slug as stored, None for "not said"; anything else is refused."""
    if not province:
        return None
    if province not in provinces.PROVINCES:
        raise AccountError(_("Pilih provinsi dari daftar."), "province")
    return province


def create_user(username: str, password: str, *, birth_year: int | None = None, display_name: str | None = None,
                email: str | None = None, role: str = STUDENT, partner_name: str | None = None,
                province: str | None = None) -> User:
    """Create an account. For a minor, display name and email are not stored (no consent yet);
    a province (optional, coarse) is, like the time zone."""
    if role not in ROLES:
        raise ValueError(role)
    province = _province(province)
    problem = passwords.problem_with(password, username=username)
    if problem:
        raise AccountError(problem, "password")
    user = User(username=username.strip(), username_key=username.strip().lower(), birth_year=birth_year,
                role=role, password_hash=passwords.hash_password(password), province=province)
    if user.may_keep_personal_data:
        user.display_name = clean_name(display_name)
        user.email = _normalise_email(email)
    if role == PARTNER and not (partner_name or "").strip():
        raise AccountError(_("Mitra harus terhubung ke organisasi mitra: isi nama organisasinya."), "partner")
    try:
        with write_transaction() as session:
            _check_unique(session, user.username_key, user.email)
            if role == PARTNER:
                user.partner = _partner_organisation(session, partner_name.strip())
            session.add(user)
    except IntegrityError:
        raise AccountError(_("Nama pengguna atau email itu sudah dipakai. Pilih yang lain."), "username") from None
    return user


def _check_unique(session, username_key: str | None, email: str | None, exclude_id: int | None = None) -> None:
    if username_key:
        taken = session.scalar(select(User.id).where(User.username_key == username_key, User.id != (exclude_id or 0)))
        if taken:
            raise AccountError(_("Nama pengguna itu sudah dipakai. Pilih yang lain."), "username")
    if email:
        taken = session.scalar(select(User.id).where(User.email == email, User.id != (exclude_id or 0)))
        if taken:
            raise AccountError(_("Email itu sudah dipakai akun lain."), "email")


def find_by_login(login: str) -> User | None:
    key = (login or "").strip().lower()
    if not key:
        return None
    return db.session.scalar(select(User).where(or_(User.username_key == key, User.email == key)))


def authenticate(login: str, password: str) -> User | None:
    """The user if the password is right and the account is usable; upgrades old hashes."""
    user = find_by_login(login)
    if user is None:
        passwords.verify_nothing(password)
        return None
    if not passwords.verify(user.password_hash, password) or not user.is_active:
        return None
    with write_transaction():
        if passwords.needs_rehash(user.password_hash):
            user.password_hash = passwords.hash_password(password)
        user.last_login_at = utcnow()
    return user


# -- passwords and sessions --------------------------------------------------------------

def change_password(user: User, new_password: str, *, current_password: str | None = None) -> None:
    """Set a new password and end every session (the caller logs the current one in again)."""
    if current_password is not None and not passwords.verify(user.password_hash, current_password):
        raise AccountError(_("Kata sandi saat ini salah."), "current_password")
    problem = passwords.problem_with(new_password, username=user.username)
    if problem:
        raise AccountError(problem)
    with write_transaction():
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = False
        sessions.end_all(user)


def end_all_sessions(user: User) -> None:
    with write_transaction():
        sessions.end_all(user)


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _binding(user: User, address: str | None) -> str:
    """What an emailed link is bound to: the account's secret (rotated by any reset, password
    change or "Keluar semua") and the address it was sent to."""
    return hashlib.sha256(f"{user.auth_secret}\n{address or ''}".encode()).hexdigest()[:32]


def _reset_binding(user: User) -> str:
    return _binding(user, user.email)  # a new email voids links sent to the old one


def reset_token(user: User) -> str:
    return _reset_serializer().dumps([user.id, _reset_binding(user)])


def user_from_reset_token(token: str) -> User | None:
    try:
        user_id, binding = _reset_serializer().loads(token, max_age=RESET_MAX_AGE)
        user = db.session.get(User, int(user_id))
    except (BadSignature, ValueError, TypeError):
        return None
    if user is None or not hmac.compare_digest(_reset_binding(user), str(binding)) or not user.is_active:
        return None
    return user


def send_reset_link(login: str) -> None:
    """Email a reset link when the account has an email; silent otherwise (no account probing)."""
    user = find_by_login(login)
    if user is None or not user.email or not user.is_active:
        return
    link = public_url("accounts.reset_password", token=reset_token(user))
    queue_mail(user.email, _("Atur ulang kata sandi Literasi"),
              _("Halo %(name)s,\n\nBuka tautan ini dalam satu jam untuk membuat kata sandi baru:\n%(link)s\n\nJika kamu tidak memintanya, abaikan email ini.", name=user.name, link=link), user_id=user.id)


def facilitator_reset(student: User) -> str:
    """A one-time password the student must change at the next login. Shown once, never stored."""
    one_time = passwords.typeable_code(3, 4)
    with write_transaction():
        student.password_hash = passwords.hash_password(one_time)
        student.must_change_password = True
        sessions.end_all(student)
    return one_time


# -- guardian consent --------------------------------------------------------------------

def _expire_pending(student: User) -> None:
    """A new request or a paper consent makes older emailed links stop working.

    The guardian's address in an unanswered request is a third person's data with no further
    use, so it goes too; the request's date stays as a record.
    """
    for old in student.consents:
        if old.status == GuardianConsent.PENDING:
            old.status, old.token_hash, old.guardian_email = GuardianConsent.EXPIRED, None, None


def request_consent(student: User, guardian_email: str, classes=()) -> None:
    """Email the guardian a single-use link, valid for a few days; older pending links stop working.

    ``classes`` are the student's classes as (class label, facilitator's name, facilitator's
    email or None), so the guardian knows which school or class this is and whom to ask.
    """
    if not student.is_minor or student.active_consent is not None:
        raise AccountError(_("Persetujuan orang tua/wali sudah ada atau tidak diperlukan untuk akun ini."))
    guardian_email = _normalise_email(guardian_email)
    token = secrets.token_urlsafe(32)
    with write_transaction():
        _expire_pending(student)
        db.session.add(GuardianConsent(
            student=student, method=GuardianConsent.BY_EMAIL, text_version=consent_text.VERSION,
            guardian_email=guardian_email, token_hash=sessions.hash_token(token),
            token_expires_at=utcnow() + timedelta(days=consent_text.LINK_VALID_DAYS),
        ))
    link = public_url("accounts.guardian_consent", token=token)
    body = _("Yth. orang tua/wali,\n\nAkun Literasi dengan nama pengguna \"%(username)s\" meminta persetujuan Anda. Buka tautan ini (berlaku %(days)s hari, sekali pakai) untuk membaca apa yang kami simpan dan memberi persetujuan:\n%(link)s\n\nJika Anda tidak mengenal akun ini, abaikan email ini.",
             username=student.username, days=consent_text.LINK_VALID_DAYS, link=link)
    for label, facilitator, contact in classes:
        body += "\n\n" + (_("Akun ini terdaftar di %(kelas)s dengan fasilitator %(name)s (%(contact)s), yang dapat Anda hubungi jika ada pertanyaan.", kelas=label, name=facilitator, contact=contact)
                          if contact else _("Akun ini terdaftar di %(kelas)s dengan fasilitator %(name)s, yang dapat Anda hubungi jika ada pertanyaan.", kelas=label, name=facilitator))
    contact = current_app.config.get("CONTACT_EMAIL")
    if contact:
        body += "\n\n" + _("Pertanyaan tentang Literasi dan data anak Anda: %(contact)s", contact=contact)
    queue_mail(guardian_email, _("Persetujuan orang tua/wali untuk akun Literasi"), body, user_id=student.id)


def purge_expired_consent_requests() -> int:
    """Requests nobody answered in time: the guardian's address goes, the dated record stays."""
    with write_transaction() as session:
        erased = session.execute(
            update(GuardianConsent)
            .where(GuardianConsent.status == GuardianConsent.PENDING, GuardianConsent.token_expires_at < utcnow())
            .values(status=GuardianConsent.EXPIRED, token_hash=None, guardian_email=None)
        ).rowcount
    if erased:
        flush_erased()
    return erased


def consent_from_token(token: str) -> GuardianConsent | None:
    """The pending request a guardian's link points to, if it is still valid."""
    record = db.session.scalar(select(GuardianConsent).where(GuardianConsent.token_hash == sessions.hash_token(token or "")))
    if record is None or record.status != GuardianConsent.PENDING or record.token_expires_at < utcnow():
        return None
    return record


def give_consent(record: GuardianConsent, guardian_name: str) -> bool:
    """Record the guardian's consent once (a double tap changes nothing) and send the withdrawal link."""
    withdraw = secrets.token_urlsafe(32)
    given_at = utcnow()
    with write_transaction() as session:
        changed = session.execute(
            update(GuardianConsent)
            .where(GuardianConsent.id == record.id, GuardianConsent.status == GuardianConsent.PENDING)
            .values(status=GuardianConsent.GIVEN, given_at=given_at, guardian_name=guardian_name.strip(),
                    token_hash=None, withdraw_token_hash=sessions.hash_token(withdraw))
        ).rowcount
    if not changed:
        return False
    db.session.refresh(record)
    _consent_given(record.student_id)
    link = public_url("accounts.guardian_withdraw", token=withdraw)
    queue_mail(record.guardian_email, _("Terima kasih: persetujuan untuk akun Literasi tercatat"),
              _("Persetujuan Anda untuk akun \"%(username)s\" tercatat pada %(when)s (versi teks %(version)s).\n\nAnda dapat menarik persetujuan kapan saja melalui tautan ini:\n%(link)s",
                username=record.student.username, when=format_when(given_at),
                version=record.text_version, link=link), user_id=record.student_id)
    return True


def record_paper_consent(facilitator: User, student: User, guardian_name: str, reference: str) -> GuardianConsent:
    if not student.is_minor or student.active_consent is not None:
        raise AccountError(_("Persetujuan orang tua/wali sudah ada atau tidak diperlukan untuk akun ini."))
    with write_transaction():
        _expire_pending(student)
        record = GuardianConsent(
            student=student, method=GuardianConsent.BY_PAPER, text_version=consent_text.VERSION,
            status=GuardianConsent.GIVEN, given_at=utcnow(), guardian_name=guardian_name.strip(),
            paper_reference=reference.strip(), recorded_by=facilitator,
        )
        db.session.add(record)
    _consent_given(student.id)
    return record


def _consent_given(student_id: int) -> None:
    """Other areas (certificates waiting for consent) act on a recorded consent through this hook."""
    for hook in current_app.extensions.get("literacy_on_consent_given", {}).values():
        hook(student_id)


def consent_from_withdraw_token(token: str) -> GuardianConsent | None:
    return db.session.scalar(
        select(GuardianConsent).where(GuardianConsent.withdraw_token_hash == sessions.hash_token(token or ""),
                                      GuardianConsent.status == GuardianConsent.GIVEN)
    )


def withdraw_consent(student: User, by: str) -> bool:
    """Withdraw every consent given for the student; a minor's name and email are erased at once.

    Returns whether personal data was erased (an adult keeps theirs).
    """
    with write_transaction() as session:
        for record in student.consents:
            if record.status == GuardianConsent.GIVEN:
                record.status, record.withdrawn_at, record.withdrawn_by = GuardianConsent.WITHDRAWN, utcnow(), by
                record.withdraw_token_hash = None
        erase = not student.may_keep_personal_data
        if erase:
            student.display_name = student.email = student.pending_email = None
            # Other areas holding the name (certificates) erase their copies in the same transaction.
            for hook in current_app.extensions.get("literacy_on_consent_withdrawn", {}).values():
                hook(session, student)
    if erase:
        flush_erased()
    return erase


# -- the learner's own data --------------------------------------------------------------

_UNCHANGED = object()


def update_profile(user: User, *, display_name: str | None, email: str | None, locale: str | None,
                   current_password: str | None = None, timezone: str | None = None, province=_UNCHANGED) -> None:
    """Save profile fields. A new email (which can reset the password) needs the password and
    takes effect only once confirmed from that address (:func:`request_email`). ``province``:
    a slug, or None/"" to say none; left as it is when not given."""
    display_name = clean_name(display_name)
    if province is not _UNCHANGED:
        province = _province(province)
    email = _normalise_email(email)
    if (display_name or email) and not user.may_keep_personal_data:
        raise AccountError(_("Nama tampilan dan email baru bisa disimpan setelah orang tua/walimu memberi persetujuan."),
                           "display_name")
    old_email = user.email
    if email != old_email and not passwords.verify(user.password_hash, current_password or ""):
        raise AccountError(_("Untuk mengganti email, isi kata sandimu saat ini."), "current_password")
    with write_transaction():
        user.display_name = display_name
        if email is None:
            user.email = user.pending_email = None  # removing an address needs no confirmation
        if locale in current_app.config["LANGUAGES"]:
            user.locale = locale
        if timezone in USER_ZONES:
            user.timezone = timezone
        if province is not _UNCHANGED:
            user.province = province
    if email is not None and email != old_email:
        request_email(user, email)
    elif old_email and email is None:
        _tell_old_address(user, old_email)


def request_email(user: User, email: str) -> None:
    """Ask to use ``email``: a confirmation link goes to that address, or, when another account
    already has it, a note to its owner instead. The asker sees the same either way, so the
    form tells no one which addresses have accounts."""
    email = _normalise_email(email)
    with write_transaction():
        user.pending_email = email
    owner = db.session.scalar(select(User).where(User.email == email, User.id != user.id))
    if owner is not None:
        queue_mail(email, _("Ada yang mencoba memakai email ini di Literasi"),
                   _("Halo %(name)s,\n\nSeseorang mencoba memakai alamat ini untuk akun Literasi lain. Alamat ini sudah dipakai akunmu dengan nama pengguna \"%(username)s\". Lupa kata sandi? Buka:\n%(link)s\n\nJika bukan kamu, abaikan email ini: akunmu tidak berubah.",
                     name=owner.name, username=owner.username, link=public_url("accounts.forgot_password")),
                   user_id=owner.id)
        return
    link = public_url("accounts.confirm_email", token=email_token(user))
    queue_mail(email, _("Konfirmasi email Literasi"),
               _("Halo %(name)s,\n\nBuka tautan ini dalam %(days)s hari untuk memakai alamat ini di akun Literasi \"%(username)s\":\n%(link)s\n\nJika bukan kamu yang memintanya, abaikan email ini.",
                 name=user.name, days=EMAIL_CONFIRM_DAYS, username=user.username, link=link), user_id=user.id)


def _email_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-confirm")


def _email_binding(user: User) -> str:
    return _binding(user, user.pending_email)


def email_token(user: User) -> str:
    return _email_serializer().dumps([user.id, _email_binding(user)])


def user_from_email_token(token: str) -> User | None:
    """The account whose pending address the link confirms, while that address is still the one asked for."""
    try:
        user_id, binding = _email_serializer().loads(token, max_age=EMAIL_CONFIRM_DAYS * 24 * 3600)
        user = db.session.get(User, int(user_id))
    except (BadSignature, ValueError, TypeError):
        return None
    if user is None or not user.pending_email or not user.is_active \
            or not hmac.compare_digest(_email_binding(user), str(binding)):
        return None
    return user


def confirm_email(user: User) -> None:
    """Make the pending address the account's email; the old address is told."""
    old_email = user.email
    try:
        with write_transaction() as session:
            _check_unique(session, None, user.pending_email, exclude_id=user.id)
            user.email, user.pending_email = user.pending_email, None
    except IntegrityError:  # another account confirmed the same address at the same moment
        db.session.rollback()
        raise AccountError(_("Email itu sudah dipakai akun lain."), "email") from None
    if old_email:
        _tell_old_address(user, old_email)


def _tell_old_address(user: User, old_email: str) -> None:
    queue_mail(old_email, _("Email akun Literasi diganti"),
               _("Halo %(name)s,\n\nEmail akun Literasi \"%(username)s\" baru saja diganti. Jika bukan kamu yang menggantinya, segera minta bantuan fasilitator atau admin.",
                 name=user.name, username=user.username), user_id=user.id)


def remember_language(user: User, language: str) -> None:
    with write_transaction():
        user.locale = language


def export_data(user: User) -> dict:
    """Everything stored about the user, for "unduh data saya" (other areas add theirs through hooks)."""
    def when(value):
        return value.isoformat() + "Z" if value else None

    data = {
        "profile": {
            "username": user.username, "display_name": user.display_name, "email": user.email,
            "email_waiting_for_confirmation": user.pending_email,
            "birth_year": user.birth_year, "role": user.role, "language": user.locale, "time_zone": user.timezone,
            "province": user.province,
            "created_at": when(user.created_at), "last_login_at": when(user.last_login_at),
        },
        "guardian_consents": [
            {"status": c.status, "method": c.method, "text_version": c.text_version,
             "guardian_name": c.guardian_name, "guardian_email": c.guardian_email,
             "paper_reference": c.paper_reference, "requested_at": when(c.requested_at),
             "given_at": when(c.given_at), "withdrawn_at": when(c.withdrawn_at)}
            for c in user.consents
        ],
    }
    for name, exporter in current_app.extensions.get("literacy_exporters", {}).items():
        data[name] = exporter(user)
    return data


def delete_account(user: User, password: str) -> None:
    """Erase the account and everything personal attached to it."""
    if not passwords.verify(user.password_hash, password):
        raise AccountError(_("Kata sandi salah. Akun tidak dihapus."))
    with write_transaction() as session:
        for hook in current_app.extensions.get("literacy_erasers", {}).values():
            hook(session, user)
        session.delete(user)
    flush_erased()


# -- administration ----------------------------------------------------------------------

def search_users(query: str, page: int, per_page: int = 25):
    """Accounts whose username, display name or email contains what was typed, taken literally."""
    statement = select(User).order_by(User.username_key).options(selectinload(User.consents),
                                                                  selectinload(User.partner))
    query = query.strip().lower()
    if query:
        # autoescape: a typed % or _ (or the escape character itself) is a character, not a wildcard
        statement = statement.where(or_(User.username_key.contains(query, autoescape=True),
                                        func.lower(User.display_name).contains(query, autoescape=True),
                                        User.email.contains(query, autoescape=True)))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def set_role(target: User, role: str, partner: PartnerOrganisation | None = None) -> None:
    """Change a role; a partner belongs to a partner organisation. Under-18s are never staff."""
    if role not in ROLES:
        raise AccountError(_("Peran tidak dikenal."))
    if role in (ADMIN, PARTNER) and target.is_minor:
        raise AccountError(_("Akun di bawah 18 tahun tidak bisa menjadi admin atau mitra."), "role")
    if role == PARTNER and partner is None:
        raise AccountError(_("Mitra harus terhubung ke organisasi mitra: pilih organisasinya."), "partner")
    with write_transaction():
        target.partner = partner if role == PARTNER else None
        target.role = role
        sessions.end_all(target)


def _partner_organisation(session, name: str) -> PartnerOrganisation:
    organisation = session.scalar(select(PartnerOrganisation).where(func.lower(PartnerOrganisation.name) == name.lower()))
    if organisation is None:
        organisation = PartnerOrganisation(name=name)
        session.add(organisation)
    return organisation


def set_disabled(target: User, disabled: bool) -> None:
    with write_transaction():
        target.disabled_at = utcnow() if disabled else None
        sessions.end_all(target)

