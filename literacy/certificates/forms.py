"""Certificate forms: typing a code to verify, and revoking with a reason."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from ..forms import FlaskForm
from . import codes
from .services import REVOCATION_REASONS


def _a_code(form, field):
    if codes.normalise(field.data) is None:
        raise ValidationError(_l("Kode sertifikat terdiri dari 12 huruf dan angka, misalnya ACDE-FGHJ-KMNP. "
                                 "Periksa lagi kode yang tertulis di sertifikat."))


class VerifyForm(FlaskForm):
    kode = StringField(_l("Kode verifikasi"), validators=[DataRequired(_l("Ketik kode verifikasi dari sertifikat.")),
                                                          Length(max=40), _a_code],
                       description=_l("Tertulis di bawah sertifikat, misalnya ACDE-FGHJ-KMNP. "
                                      "Huruf besar atau kecil, dengan atau tanpa tanda hubung."))


class RevokeForm(FlaskForm):
    reason = RadioField(_l("Alasan pencabutan"), choices=list(REVOCATION_REASONS.items()),
                        validators=[DataRequired(_l("Pilih alasan pencabutan."))])
