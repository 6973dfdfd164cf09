"""Admin forms."""
from flask_wtf import FlaskForm
from wtforms import SelectField

from ..accounts.models import ROLE_LABELS


class RoleForm(FlaskForm):
    role = SelectField(choices=list(ROLE_LABELS.items()))
