"""Account forms. Labels use the glossary's words; messages say what to do."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, Regexp, ValidationError

from ..forms import FlaskForm
from ..i18n import USER_ZONES
from ..utils import utcnow
from ..workshops import provinces
from . import passwords

USERNAME_PATTERN = r"^[A-Za-z0-9_.]+$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
OLDEST_AGE, YOUNGEST_AGE = 100, 9


def username_field():
    return StringField(_l("Nama pengguna"), validators=[
        DataRequired(_l("Isi nama pengguna.")),
        Length(3, 32, _l("Nama pengguna 3 sampai 32 karakter.")),
        Regexp(USERNAME_PATTERN, message=_l("Gunakan huruf, angka, titik atau garis bawah saja, tanpa spasi.")),
    ], description=_l("Tanpa spasi. Jangan pakai nama lengkapmu."))


def new_password_field(label=_l("Kata sandi")):
    return PasswordField(label, validators=[DataRequired(_l("Isi kata sandi."))],
                         description=_l("Minimal 8 karakter. Gabungan beberapa kata lebih mudah diingat dan sulit ditebak."))


def email_field(label=_l("Email (tidak wajib)")):
    return StringField(label, validators=[
        Optional(), Length(max=254, message=_l("Email terlalu panjang.")),
        Regexp(EMAIL_PATTERN, message=_l("Tulis alamat email yang lengkap, misalnya nama@contoh.id.")),
    ])


class BirthYearRange:
    """Checked when the form is validated, so the range moves with the calendar."""

    def __call__(self, form, field):
        year = utcnow().year
        field.errors[:] = []  # "Tulis dengan angka saja." would only repeat what follows
        if field.data is None or not year - OLDEST_AGE <= field.data <= year - YOUNGEST_AGE:
            raise ValidationError(_l("Tulis tahun lahir dengan 4 angka, antara %(low)s dan %(high)s.",
                                     low=year - OLDEST_AGE, high=year - YOUNGEST_AGE))


def birth_year_field():
    return IntegerField(_l("Tahun lahir"), validators=[BirthYearRange()],
                        description=_l("Hanya tahunnya, misalnya 2011."))


def province_field():
    """Optional; the impact page counts learners by province, never shows a group under 10."""
    return SelectField(_l("Provinsi (tidak wajib)"), choices=[("", _l("Tidak ingin menyebutkan")), *provinces.choices()],
                       validate_choice=False, default="",
                       validators=[Optional(), AnyOf(list(provinces.PROVINCES), message=_l("Pilih provinsi dari daftar."))],
                       description=_l("Hanya provinsinya, untuk menghitung berapa pelajar di tiap provinsi. Tidak ditampilkan kepada siapa pun."))


class PolicyPassword:
    """The password policy, with the username to compare against."""

    def __call__(self, form, field):
        username = form.username.data if hasattr(form, "username") else ""
        problem = passwords.problem_with(field.data or "", username=username or "")
        if problem:
            raise ValidationError(problem)


class BirthYearForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    tahun = birth_year_field()


class SignupForm(FlaskForm):
    username = username_field()
    password = new_password_field()
    birth_year = HiddenField()
    display_name = StringField(_l("Nama tampilan"), validators=[Optional(), Length(max=80, message=_l("Nama tampilan paling banyak 80 karakter."))],
                               description=_l("Nama yang dicetak di sertifikat."))
    email = email_field()
    guardian_email = email_field(_l("Email orang tua/wali"))
    class_code = StringField(_l("Kode kelas (tidak wajib)"), validators=[Optional(), Length(max=12)],
                             description=_l("Dari fasilitator atau gurumu, jika ada."))
    province = province_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.password.validators = [*self.password.validators, PolicyPassword()]


class LoginForm(FlaskForm):
    login = StringField(_l("Nama pengguna atau email"), validators=[DataRequired(_l("Isi nama pengguna atau email.")), Length(max=254)])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi.")), Length(max=passwords.MAX_LENGTH)])
    remember = BooleanField(_l("Ingat saya di perangkat ini"), description=_l("Jangan centang di HP atau komputer milik orang lain."))


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Kata sandi saat ini"), validators=[DataRequired(_l("Isi kata sandi saat ini."))])
    new_password = new_password_field(_l("Kata sandi baru"))


class NewPasswordForm(FlaskForm):
    new_password = new_password_field(_l("Kata sandi baru"))


class ResetRequestForm(FlaskForm):
    login = StringField(_l("Nama pengguna atau email"), validators=[DataRequired(_l("Isi nama pengguna atau email.")), Length(max=254)])


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Nama tampilan"), validators=[Optional(), Length(max=80, message=_l("Nama tampilan paling banyak 80 karakter."))])
    email = email_field()
    # its own id: the password form on the same settings page has a current_password too
    current_password = PasswordField(_l("Kata sandi saat ini (hanya jika mengganti email)"), validators=[Optional()],
                                     id="profile_current_password")
    locale = SelectField(_l("Bahasa"), choices=[("id", "Bahasa Indonesia", {"lang": "id"}), ("en", "English", {"lang": "en"})])
    timezone = SelectField(_l("Zona waktu"), choices=list(USER_ZONES.items()), validate_choice=False,
                           validators=[Optional(), AnyOf(list(USER_ZONES), message=_l("Pilih WIB, WITA atau WIT."))],
                           description=_l("Jam di Literasi ditampilkan dalam zona ini."))
    province = province_field()


class ConsentRequestForm(FlaskForm):
    guardian_email = email_field(_l("Email orang tua/wali"))

    def validate_guardian_email(self, field):
        if not field.data:
            raise ValidationError(_l("Isi email orang tua/wali."))


class GuardianConsentForm(FlaskForm):
    guardian_name = StringField(_l("Nama orang tua/wali"), validators=[DataRequired(_l("Isi nama Anda.")), Length(max=120)])
    agree = BooleanField(_l("Saya orang tua/wali dari pemilik akun ini dan menyetujui hal di atas."),
                         validators=[DataRequired(_l("Centang kotak ini untuk memberi persetujuan."))])


class PaperConsentForm(FlaskForm):
    guardian_name = StringField(_l("Nama orang tua/wali"), validators=[DataRequired(_l("Isi nama orang tua/wali.")), Length(max=120)])
    reference = StringField(_l("Nomor formulir kertas"), validators=[DataRequired(_l("Isi nomor atau kode formulir.")), Length(max=80)])


class JoinClassForm(FlaskForm):
    class_code = StringField(_l("Kode kelas"), validators=[DataRequired(_l("Isi kode kelas.")), Length(max=12)])


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi untuk memastikan ini kamu."))])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state."""


class RecoveryForm(FlaskForm):
    login = StringField(_l("Nama pengguna atau email"), validators=[DataRequired(_l("Isi nama pengguna."))])
    code = StringField(_l("Kode pemulihan"), validators=[DataRequired(_l("Isi kode pemulihan."))],
                       description=_l("16 huruf dan angka, misalnya abcd-efgh-jkmn-pqrs. Tanda hubung boleh ditulis atau tidak."))
    new_password = new_password_field(_l("Kata sandi baru"))


class NewRecoveryCodeForm(FlaskForm):
    password = PasswordField(_l("Kata sandi saat ini"), validators=[DataRequired(_l("Isi kata sandi untuk memastikan ini kamu."))])
