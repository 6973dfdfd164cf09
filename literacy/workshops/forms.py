"""Workshop forms. Times are typed in the venue's local time; services turn them into UTC."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (DateTimeLocalField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import FlaskForm
from . import provinces
from .models import AUDIENCES

MAX_CAPACITY = 1000
def _length(max_length: int) -> Length:
    return Length(max=max_length, message=_l("Paling banyak %(max)d karakter."))


class LocalDateTimeField(DateTimeLocalField):
    """A date and time typed in the venue's zone, with an Indonesian message for what does not parse."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Tulis tanggal dan jam dengan lengkap, misalnya 2026-12-12 09.00.")) from None


class WholeNumberField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Tulis angka bulat, misalnya 30.")) from None


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(label, required_message=None, max_length=200, **kwargs):
    validators = [DataRequired(required_message)] if required_message else [Optional()]
    return StringField(label, validators=[*validators, _length(max_length)], **kwargs)


class WorkshopForm(FlaskForm):
    title = _text(_l("Judul"), _l("Isi judul lokakarya."))
    description = TextAreaField(_l("Deskripsi"), validators=[Optional(), _length(5000)],
                                description=_l("Apa yang dipelajari, apa yang perlu dibawa peserta."))
    modules = MultiCheckboxField(_l("Modul yang diajarkan"), choices=[], validate_choice=True)
    audiences = MultiCheckboxField(_l("Peserta yang dituju"), choices=list(AUDIENCES.items()),
                                   validators=[DataRequired(_l("Pilih paling sedikit satu kelompok peserta."))])
    venue_name = _text(_l("Nama tempat"), _l("Isi nama tempat."), description=_l("Misalnya: Aula SMPN 3 Kupang."))
    venue_address = _text(_l("Alamat tempat"), _l("Isi alamat tempat."), max_length=300)
    city = _text(_l("Kabupaten/kota"), _l("Isi kabupaten atau kota."), max_length=100)
    province = SelectField(_l("Provinsi"), choices=[("", _l("Pilih provinsi"))] + provinces.choices(),
                           validators=[DataRequired(_l("Pilih provinsi dari daftar."))],
                           description=_l("Zona waktu (WIB, WITA atau WIT) mengikuti provinsi."))
    starts_at = LocalDateTimeField(_l("Mulai (waktu setempat)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                   validators=[InputRequired(_l("Isi tanggal dan jam mulai."))])
    ends_at = LocalDateTimeField(_l("Selesai (waktu setempat)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                 validators=[InputRequired(_l("Isi tanggal dan jam selesai."))])
    capacity = WholeNumberField(_l("Kapasitas (jumlah kursi)"), validators=[
        InputRequired(_l("Isi kapasitas.")),
        NumberRange(min=1, max=MAX_CAPACITY, message=_l("Kapasitas harus antara %(min)s dan %(max)s orang."))])
    registration_opens_at = LocalDateTimeField(
        _l("Pendaftaran dibuka (waktu setempat)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()], description=_l("Kosongkan agar pendaftaran langsung dibuka saat diterbitkan."))
    registration_closes_at = LocalDateTimeField(
        _l("Pendaftaran ditutup (waktu setempat)"), format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()], description=_l("Kosongkan agar pendaftaran ditutup saat lokakarya mulai."))
    co_facilitators = _text(_l("Fasilitator pendamping"), max_length=500,
                            description=_l("Nama pengguna fasilitator lain, dipisah koma. Mereka boleh mengubah "
                                           "lokakarya ini dan melihat daftar peserta."))
    class_id = SelectField(_l("Untuk kelas"), choices=[], coerce=str, validate_choice=False,
                           description=_l("Anggota kelas ini mendapat undangan saat lokakarya diterbitkan."))

    def __init__(self, *args, module_choices=(), class_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.modules.choices = list(module_choices)
        self.class_id.choices = [("", _l("Tidak untuk kelas tertentu"))] + [(str(i), n) for i, n in class_choices]

    def validate_class_id(self, field):
        field.data = field.data or ""
        if field.data not in {value for value, _ in field.choices}:
            raise ValidationError(_l("Pilih kelas dari daftar."))

    def validate_province(self, field):
        if field.data not in provinces.PROVINCES:
            raise ValidationError(_l("Pilih provinsi dari daftar."))

    def validate_ends_at(self, field):
        start, end = self.starts_at.data, field.data
        if start and end:
            if end <= start:
                raise ValidationError(_l("Waktu selesai harus sesudah waktu mulai."))
            if (end - start).days >= 3:
                raise ValidationError(_l("Lokakarya paling lama 3 hari. Buat lokakarya terpisah untuk acara yang lebih panjang."))

    def validate_registration_closes_at(self, field):
        start, opens, closes = self.starts_at.data, self.registration_opens_at.data, field.data
        if closes and start and closes > start:
            raise ValidationError(_l("Pendaftaran harus ditutup paling lambat saat lokakarya mulai."))
        if closes and opens and closes <= opens:
            raise ValidationError(_l("Pendaftaran harus ditutup sesudah dibuka."))

    def validate_registration_opens_at(self, field):
        if field.data and self.starts_at.data and field.data >= self.starts_at.data:
            raise ValidationError(_l("Pendaftaran harus dibuka sebelum lokakarya mulai."))


class CheckInCodeForm(FlaskForm):
    code = StringField(_l("Kode presensi"), validators=[DataRequired(_l("Isi kode presensi.")), _length(20)],
                       description=_l("Kode enam huruf di bawah kode QR peserta."))


class WalkInForm(FlaskForm):
    username = _text(_l("Nama pengguna (jika punya akun)"), max_length=32)
    name = _text(_l("Nama (jika tidak punya akun)"), max_length=120)

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        if not (self.username.data or "").strip() and not (self.name.data or "").strip():
            self.username.errors.append(_l("Isi nama pengguna atau nama peserta."))
            return False
        return True


class FeedbackForm(FlaskForm):
    rating = RadioField(_l("Nilai lokakarya ini"), choices=[(str(n), str(n)) for n in range(1, 6)],
                        validators=[InputRequired(_l("Pilih nilai 1 sampai 5."))], validate_choice=False)
    comment = TextAreaField(_l("Komentar singkat (boleh kosong)"),
                            validators=[Optional(), _length(500)])

    def validate_rating(self, field):
        if field.data not in {value for value, _ in field.choices}:
            raise ValidationError(_l("Pilih nilai 1 sampai 5."))
