"""Every permission question is answered here, and only here.

Views call :func:`require` (which aborts) or templates call :func:`can` (which answers);
neither ever compares roles by hand. Each rule takes the user and, where it concerns one
object, that object, so access is checked on every object, not only on the route.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from .accounts.models import ADMIN, FACILITATOR, PARTNER, STUDENT


def _admin(user, obj=None) -> bool:
    return user.role == ADMIN


def _staff_of_student(user, student) -> bool:
    """Admins, and facilitators who have the student in one of their classes."""
    if user.role == ADMIN:
        return True
    if user.role != FACILITATOR or student.role != STUDENT:
        return False
    from .classes.services import teaches

    return teaches(user, student)


def _teaches_class(user, classroom) -> bool:
    """Admins, and the class's facilitators (owner and co-facilitators)."""
    if user.role == ADMIN:
        return True
    return user.role == FACILITATOR and user.id in classroom.facilitator_ids


def _owns_class(user, classroom) -> bool:
    """Admins, and the facilitator who made the class (who alone picks its co-facilitators and archives it)."""
    if user.role == ADMIN:
        return True
    return user.role == FACILITATOR and classroom.facilitator_id == user.id


def _owns_membership_class(user, membership=None) -> bool:
    """Admins, and the facilitators of the class the membership is in."""
    return membership is not None and _teaches_class(user, membership.classroom)


def _is_own_membership(user, membership=None) -> bool:
    return membership is not None and membership.student_id == user.id
def _plans_workshops(user, obj=None) -> bool:
    return user.role in (FACILITATOR, ADMIN)


def _runs_workshop(user, workshop) -> bool:
    """Admins, and the workshop's own facilitators (owner and co-facilitators)."""
    if user.role == ADMIN:
        return True
    return user.role == FACILITATOR and user.id in workshop.facilitator_ids


def _reviewer(user, obj=None) -> bool:
    """Admins, and the accounts an admin made content reviewers."""
    if user.role == ADMIN:
        return True
    from .authoring.services import is_reviewer

    return is_reviewer(user)


def _partner_author(user, obj=None) -> bool:
    return user.role == PARTNER and user.partner_id is not None


def _of_organisation(user, authored) -> bool:
    """A partner of the organisation that owns the browser-authored module."""
    return _partner_author(user) and authored.organisation_id == user.partner_id


RULES = {
    "admin.users": _admin,
    "admin.partners": _admin,
    "admin.change_role": lambda user, target: _admin(user) and target.id != user.id,
    "admin.disable": lambda user, target: _admin(user) and target.id != user.id,
    "authoring.nav": lambda user, obj=None: _partner_author(user) or _admin(user),  # no query on every page
    "impact.partner": _partner_author,
    "authoring.home": lambda user, obj=None: _partner_author(user) or _reviewer(user),
    "authoring.create": _partner_author,
    "authoring.view": lambda user, authored: _of_organisation(user, authored) or _reviewer(user),
    "authoring.edit": _of_organisation,
    "authoring.review": lambda user, authored=None: _reviewer(user),
    "authoring.reviewers": _admin,
    "authoring.audit": _admin,
    "catalog.print_handout": lambda user, module=None: True,  # any account; quiz questions stay off public pages
    "catalog.answer_key": lambda user, module=None: user.role in (FACILITATOR, ADMIN),
    "certificates.download": lambda user, certificate: certificate.user_id == user.id,
    "certificates.revoke": _admin,
    "content.facilitator_notes": lambda user, module=None: user.role in (FACILITATOR, ADMIN),
    "classes.create": lambda user, obj=None: user.role in (FACILITATOR, ADMIN),
    "classes.view": _teaches_class,
    "classes.manage": _teaches_class,
    "classes.own": _owns_class,
    "classes.join": lambda user, classroom=None: user.role == STUDENT,  # staff would sit in its roster
    "classes.leave": _is_own_membership,
    "classes.remove_member": _owns_membership_class,
    "student.record_consent": _staff_of_student,
    "workshops.plan": _plans_workshops,
    "workshops.manage": _runs_workshop,
    "workshops.register": lambda user, workshop=None: user.role == STUDENT,
    "student.reset_password": _staff_of_student,
}


def can(action: str, obj=None, user=None) -> bool:
    """Whether ``user`` (default: the current user) may do ``action`` (to ``obj``)."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False):
        return False
    return RULES[action](user, obj) if obj is not None else RULES[action](user)


def require(action: str, obj=None, *, hide: bool = False) -> None:
    """Abort unless the current user may do ``action``: log in first (401 -> login page), then 403.

    ``hide=True`` answers 404 instead of 403, for objects whose existence is itself private.
    """
    if not current_user.is_authenticated:
        from .extensions import login_manager

        abort(login_manager.unauthorized())
    if not can(action, obj):
        abort(404 if hide else 403)
