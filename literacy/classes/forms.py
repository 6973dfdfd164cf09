"""Class forms."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..forms import FlaskForm


class ClassForm(FlaskForm):
    name = StringField(_l("Nama kelas"), validators=[DataRequired(_l("Isi nama kelas.")), Length(max=120)],
                       description=_l("Misalnya: Kelas 8B SMPN 3 Kupang."))
