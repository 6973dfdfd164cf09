"""Partner organisations: the list an admin keeps, and picks from when making someone a partner."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import PartnerOrganisation, User
from ..accounts.services import AccountError
from ..database import write_transaction
from ..extensions import db


def organisations() -> list[tuple[PartnerOrganisation, int]]:
    """Every organisation with its number of partner accounts, by name (one query)."""
    members = func.count(User.id)
    return db.session.execute(
        select(PartnerOrganisation, members).outerjoin(User, User.partner_id == PartnerOrganisation.id)
        .group_by(PartnerOrganisation.id).order_by(func.lower(PartnerOrganisation.name))
    ).all()


def get_organisation(organisation_id: int | None) -> PartnerOrganisation | None:
    return db.session.get(PartnerOrganisation, organisation_id) if organisation_id else None


def save_organisation(name: str, organisation: PartnerOrganisation | None = None) -> PartnerOrganisation:
    """Create an organisation, or rename one; names are unique whatever their case."""
    name = " ".join((name or "").split())
    if not name:
        raise AccountError(_("Isi nama organisasi."), "name")
    with write_transaction() as session:
        taken = session.scalar(select(PartnerOrganisation.id).where(
            func.lower(PartnerOrganisation.name) == name.lower(),
            PartnerOrganisation.id != (organisation.id if organisation else 0)))
        if taken:
            raise AccountError(_("Organisasi dengan nama itu sudah ada."), "name")
        organisation = organisation or PartnerOrganisation()
        organisation.name = name
        session.add(organisation)
    return organisation
