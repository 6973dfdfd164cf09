"""Class forms."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..accounts.forms import OLDEST_AGE, YOUNGEST_AGE
from ..forms import FlaskForm
from ..utils import utcnow
from .models import KIND_LABELS


class DayField(DateField):
    """A calendar day (a date box in browsers; typed as 2026-12-31 where there is none)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Tulis tanggal dengan lengkap, misalnya 2026-12-31.")) from None


class ClassForm(FlaskForm):
    name = StringField(_l("Nama kelas"), validators=[DataRequired(_l("Isi nama kelas.")), Length(max=120)],
                       description=_l("Misalnya: Kelas 8B SMPN 3 Kupang."))
    kind = RadioField(_l("Jenis kelas"), choices=list(KIND_LABELS.items()), default="school")
    ends_on = DayField(_l("Tanggal berakhir (tidak wajib)"), validators=[Optional()],
                       description=_l("Misalnya akhir tahun ajaran. Setelah itu kamu bisa mengarsipkan kelasnya."))


class CoFacilitatorForm(FlaskForm):
    username = StringField(_l("Nama pengguna fasilitator pendamping"),
                           validators=[DataRequired(_l("Isi nama pengguna.")), Length(max=32)])


class AssignmentForm(FlaskForm):
    module = SelectField(_l("Modul"), validators=[DataRequired(_l("Pilih modul."))])
    due_on = DayField(_l("Tenggat (tidak wajib)"), validators=[Optional()])

    def validate_due_on(self, field):
        if field.data is not None and field.data < utcnow().date():
            raise ValidationError(_l("Tenggat itu sudah lewat. Pilih hari ini atau sesudahnya."))


class BirthYearDefault:
    def __call__(self, form, field):
        year = utcnow().year
        if field.data is not None and not year - OLDEST_AGE <= field.data <= year - YOUNGEST_AGE:
            raise ValidationError(_l("Tulis tahun lahir dengan 4 angka, antara %(low)s dan %(high)s.",
                                     low=year - OLDEST_AGE, high=year - YOUNGEST_AGE))


class BulkAccountsForm(FlaskForm):
    names = TextAreaField(_l("Nama siswa, satu per baris"), validators=[
        DataRequired(_l("Tulis minimal satu nama siswa, satu nama per baris.")),
        Length(max=8000, message=_l("Daftar terlalu panjang. Buat dalam beberapa bagian."))],
        description=_l("Tahun lahir boleh ditulis di akhir baris, misalnya \"Siti Aminah, 2011\". "
                       "Bisa juga ditempel dari Excel."))
    birth_year = IntegerField(_l("Tahun lahir untuk baris tanpa tahun (tidak wajib)"),
                              validators=[Optional(), BirthYearDefault()])

