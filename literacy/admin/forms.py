"""Admin forms."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from ..accounts.models import ROLE_LABELS
from ..forms import FlaskForm


class RoleForm(FlaskForm):
    role = SelectField(choices=list(ROLE_LABELS.items()))
    partner = StringField(_l("Organisasi mitra"), validators=[Optional(), Length(max=120)])
