"""Admin forms."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from ..accounts.models import ROLE_LABELS
from ..forms import FlaskForm


def _organisation_id(value) -> int | None:
    """An id from the list, or None; anything else (text, a number too long) picks nothing."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 19 else None


class RoleForm(FlaskForm):
    role = SelectField(_l("Peran"), choices=list(ROLE_LABELS.items()))
    partner = SelectField(_l("Organisasi mitra (untuk peran Mitra)"), coerce=_organisation_id, validate_choice=False)
    confirm = HiddenField()


class DisableForm(FlaskForm):
    confirm = HiddenField()


class OrganisationForm(FlaskForm):
    name = StringField(_l("Nama organisasi"), validators=[DataRequired(_l("Isi nama organisasi.")),
                                                         Length(max=120, message=_l("Nama organisasi paling banyak 120 karakter."))])
