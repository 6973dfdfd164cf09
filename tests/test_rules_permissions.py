"""Every rule in ``literacy.permissions.RULES``, for every role, called directly at its edges.

The table is written out by hand: a rule that starts letting one more role through (or one fewer)
fails here with the rule, the actor and the object named. People change role after joining a
class (a student promoted to facilitator, a facilitator demoted to student), and an admin acts on
their own account.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin, login_user
from sqlalchemy import select
from werkzeug.exceptions import Forbidden, HTTPException, NotFound

from literacy import permissions
from literacy.accounts.models import User
from literacy.accounts.sessions import open_session
from literacy.classes import services as classes
from literacy.database import write_transaction
from literacy.permissions import RULES, can, require

ACTORS = ["anonymous", "ani", "dedi", "eko", "guru", "pendamping", "lain", "bu_lama", "mitra", "admin"]
# ani: a student in guru's class; dedi: a student in no class; eko: joined guru's class as a student,
# then promoted to facilitator; guru: the class's owner; pendamping: its co-facilitator; lain: a
# facilitator of another class; bu_lama: owned "Kelas Lama" and co-runs the workshop, then demoted
# to student; mitra: a partner; admin: an admin (also the target of their own account's rules).

FACILITATORS_NOW = {"eko", "guru", "pendamping", "lain"}
STUDENTS_NOW = {"ani", "dedi", "bu_lama"}

# (rule, object name) -> the actors allowed; every other actor is refused
TABLE = {
    ("admin.users", None): {"admin"},
    ("admin.partners", None): {"admin"},
    ("admin.change_role", "ani"): {"admin"},
    ("admin.change_role", "admin"): set(),  # not on their own account
    ("admin.disable", "ani"): {"admin"},
    ("admin.disable", "admin"): set(),
    ("authoring.nav", None): {"mitra", "admin"},
    ("authoring.home", None): {"mitra", "admin"},  # admins review; no reviewer granted here
    ("authoring.create", None): {"mitra"},
    ("authoring.view", "mitra's module"): {"mitra", "admin"},
    ("authoring.view", "another organisation's module"): {"admin"},
    ("authoring.edit", "mitra's module"): {"mitra"},
    ("authoring.edit", "another organisation's module"): set(),
    ("authoring.review", None): {"admin"},
    ("authoring.review", "mitra's module"): {"admin"},
    ("authoring.reviewers", None): {"admin"},
    ("authoring.audit", None): {"admin"},
    ("impact.partner", None): {"mitra"},
    ("catalog.print_handout", None): set(ACTORS) - {"anonymous"},
    ("catalog.print_handout", "module"): set(ACTORS) - {"anonymous"},
    ("catalog.answer_key", None): FACILITATORS_NOW | {"admin"},
    ("catalog.answer_key", "module"): FACILITATORS_NOW | {"admin"},
    ("certificates.download", "ani's certificate"): {"ani"},
    ("certificates.revoke", None): {"admin"},
    ("certificates.revoke", "ani's certificate"): {"admin"},
    ("content.facilitator_notes", None): FACILITATORS_NOW | {"admin"},
    ("content.facilitator_notes", "module"): FACILITATORS_NOW | {"admin"},
    ("classes.create", None): FACILITATORS_NOW | {"admin"},
    ("classes.view", "Kelas 8B"): {"guru", "pendamping", "admin"},
    ("classes.manage", "Kelas 8B"): {"guru", "pendamping", "admin"},
    ("classes.own", "Kelas 8B"): {"guru", "admin"},
    ("classes.view", "Kelas Lama"): {"admin"},  # its owner was demoted
    ("classes.manage", "Kelas Lama"): {"admin"},
    ("classes.own", "Kelas Lama"): {"admin"},
    ("classes.join", None): STUDENTS_NOW,  # eko, a member promoted since, cannot join another
    ("classes.join", "Kelas 8B"): STUDENTS_NOW,
    ("classes.leave", "ani in Kelas 8B"): {"ani"},
    ("classes.leave", "eko in Kelas 8B"): {"eko"},  # still a member, whatever the role now
    ("classes.remove_member", "ani in Kelas 8B"): {"guru", "pendamping", "admin"},
    ("classes.remove_member", "dedi in Kelas Lama"): {"admin"},
    ("student.record_consent", "ani"): {"guru", "pendamping", "admin"},
    ("student.record_consent", "dedi"): {"admin"},  # in no class guru or anyone still teaches
    ("student.record_consent", "eko"): {"admin"},  # a member, but no longer a student
    ("student.record_consent", "guru"): {"admin"},
    ("student.reset_password", "ani"): {"guru", "pendamping", "admin"},
    ("student.reset_password", "dedi"): {"admin"},
    ("student.reset_password", "eko"): {"admin"},
    ("student.reset_password", "pendamping"): {"admin"},
    ("workshops.plan", None): FACILITATORS_NOW | {"admin"},
    ("workshops.manage", "workshop"): {"guru", "pendamping", "admin"},  # bu_lama is listed but demoted
    ("workshops.manage", "workshop of lain"): {"lain", "admin"},
    ("workshops.register", None): STUDENTS_NOW,
    ("workshops.register", "workshop"): STUDENTS_NOW,
}


def _log_in(user: User) -> None:
    open_session(user, remember=False)
    login_user(user)


def test_the_table_names_every_rule():
    assert {rule for rule, _ in TABLE} == set(RULES)


@pytest.fixture
def world(app, db, make_user):
    ids = {name: make_user(name, birth_year=2011) for name in ("ani", "dedi", "eko", "bu_lama")}
    for name in ("guru", "pendamping", "lain"):
        ids[name] = make_user(name, role="facilitator")
    ids["mitra"] = make_user("mitra", role="partner")
    ids["admin"] = make_user("admin", role="admin")
    users = {name: db.session.get(User, user_id) for name, user_id in ids.items()}
    kelas = classes.create_class(users["guru"], "Kelas 8B")
    classes.add_co_facilitator(kelas, "pendamping")
    for name in ("ani", "eko"):
        classes.join(users[name], kelas.code)
    with write_transaction() as session:  # bu_lama teaches "Kelas Lama" as a facilitator first
        session.get(User, ids["bu_lama"]).role = "facilitator"
    lama = classes.create_class(db.session.get(User, ids["bu_lama"]), "Kelas Lama")
    classes.join(users["dedi"], lama.code)
    with write_transaction() as session:  # then the roles change after the joining
        session.get(User, ids["eko"]).role = "facilitator"
        session.get(User, ids["bu_lama"]).role = "student"
    db.session.expire_all()
    users = {name: db.session.get(User, user_id) for name, user_id in ids.items()}
    users["anonymous"] = AnonymousUserMixin()
    objects = {
        None: None,
        "Kelas 8B": kelas,
        "Kelas Lama": lama,
        "ani in Kelas 8B": classes.get_membership(kelas.id, ids["ani"]),
        "eko in Kelas 8B": classes.get_membership(kelas.id, ids["eko"]),
        "dedi in Kelas Lama": classes.get_membership(lama.id, ids["dedi"]),
        "ani's certificate": SimpleNamespace(user_id=ids["ani"]),
        "module": SimpleNamespace(slug="kenali-hoaks"),
        "mitra's module": SimpleNamespace(organisation_id=users["mitra"].partner_id),
        "another organisation's module": SimpleNamespace(organisation_id=-1),
        "workshop": SimpleNamespace(facilitator_ids={ids["guru"], ids["pendamping"], ids["bu_lama"]}),
        "workshop of lain": SimpleNamespace(facilitator_ids={ids["lain"]}),
        **{name: users[name] for name in ACTORS if name != "anonymous"},
    }
    assert all(value is not None for key, value in objects.items() if key is not None)
    return users, objects


def test_every_rule_for_every_role(world):
    users, objects = world
    wrong = []
    for (rule, target), allowed in TABLE.items():
        for actor in ACTORS:
            answer = can(rule, objects[target], user=users[actor])
            assert isinstance(answer, bool), (rule, target, actor, answer)
            if answer != (actor in allowed):
                wrong.append(f"{rule} on {target} by {actor}: {answer}")
    assert wrong == []


def test_a_facilitator_loses_a_member_who_is_no_longer_a_student(world, db):
    users, objects = world
    assert can("student.reset_password", users["ani"], user=users["guru"]) is True
    with write_transaction() as session:
        session.get(User, users["ani"].id).role = "facilitator"
    db.session.expire_all()
    ani = db.session.get(User, users["ani"].id)
    assert can("student.reset_password", ani, user=users["guru"]) is False
    assert can("student.record_consent", ani, user=users["pendamping"]) is False
    assert can("student.reset_password", ani, user=users["admin"]) is True


def test_a_student_who_left_is_no_longer_the_facilitators(world, db):
    users, objects = world
    kelas = objects["Kelas 8B"]
    assert classes.remove_member(kelas, users["ani"]) is True
    assert can("student.reset_password", users["ani"], user=users["guru"]) is False
    assert can("student.record_consent", users["ani"], user=users["pendamping"]) is False


def test_a_removed_co_facilitator_no_longer_teaches_the_class(world, db):
    users, objects = world
    kelas = objects["Kelas 8B"]
    assert classes.remove_co_facilitator(kelas, users["pendamping"].id) is True
    db.session.expire_all()
    kelas = classes.get_class(kelas.id)
    assert can("classes.view", kelas, user=users["pendamping"]) is False
    assert can("student.reset_password", users["ani"], user=users["pendamping"]) is False
    assert can("classes.view", kelas, user=users["guru"]) is True


def test_a_disabled_or_missing_user_is_refused_everything_an_object_needs():
    stranger = SimpleNamespace(role="admin")  # no is_authenticated: not a logged-in user
    assert can("admin.users", user=stranger) is False
    assert can("admin.disable", SimpleNamespace(id=2), user=stranger) is False


def test_rules_called_without_an_object_use_the_one_argument_form():
    admin = SimpleNamespace(is_authenticated=True, role="admin", id=1)
    student = SimpleNamespace(is_authenticated=True, role="student", id=2)
    assert can("admin.users", user=admin) is True
    assert can("admin.users", user=student) is False
    assert can("workshops.register", user=student) is True
    assert can("workshops.register", user=admin) is False
    # an object is passed on to the rule
    assert can("admin.change_role", SimpleNamespace(id=2), user=admin) is True
    assert can("admin.change_role", SimpleNamespace(id=1), user=admin) is False


def test_rules_about_a_membership_refuse_when_there_is_none():
    for role in ("student", "facilitator", "admin"):
        user = SimpleNamespace(is_authenticated=True, role=role, id=1)
        assert can("classes.remove_member", user=user) is False
        assert can("classes.leave", user=user) is False


@pytest.mark.parametrize("role, partner_id", [("partner", None), ("student", 3), ("facilitator", 3), ("admin", 3)])
def test_authoring_needs_the_partner_role_and_an_organisation_together(role, partner_id):
    """A partner whose organisation was deleted (the link is set to NULL), and accounts of other
    roles that still carry an organisation id (old data): none of them authors for it."""
    user = SimpleNamespace(is_authenticated=True, role=role, partner_id=partner_id, id=9)
    theirs = SimpleNamespace(organisation_id=3)
    assert can("authoring.create", user=user) is False
    assert can("impact.partner", user=user) is False
    assert can("authoring.edit", theirs, user=user) is False
    assert can("authoring.nav", user=user) is (role == "admin")


def test_can_defaults_to_the_current_user(app, db, make_user):
    admin_id = make_user("kepala", role="admin")
    student_id = make_user("siswa", birth_year=2011)
    with app.test_request_context("/"):
        assert can("admin.users") is False  # nobody logged in
        _log_in(db.session.get(User, admin_id))
        assert can("admin.users") is True
        assert can("admin.disable", db.session.get(User, student_id)) is True
        assert can("admin.disable", db.session.get(User, admin_id)) is False


def test_require_asks_to_log_in_then_forbids_or_hides(app, db, make_user):
    student_id = make_user("siswa", birth_year=2011)
    admin_id = make_user("kepala", role="admin")
    with app.test_request_context("/kelola/pengguna"):
        with pytest.raises(HTTPException) as caught:
            require("admin.users")
        assert caught.value.response.status_code == 302
        assert "/masuk" in caught.value.response.headers["Location"]
    with app.test_request_context("/kelola/pengguna"):
        _log_in(db.session.get(User, student_id))
        with pytest.raises(Forbidden):
            require("admin.users")
        with pytest.raises(NotFound):
            require("admin.users", hide=True)
        kelas_owner = SimpleNamespace(facilitator_ids={admin_id}, facilitator_id=admin_id)
        with pytest.raises(NotFound):
            require("classes.view", kelas_owner, hide=True)
    with app.test_request_context("/kelola/pengguna"):
        _log_in(db.session.get(User, admin_id))
        assert require("admin.users") is None
        assert require("admin.disable", db.session.get(User, student_id)) is None
        with pytest.raises(Forbidden):
            require("admin.disable", db.session.get(User, admin_id))


def test_every_rule_answers_only_for_logged_in_users():
    anonymous = AnonymousUserMixin()
    for rule in RULES:
        assert permissions.can(rule, SimpleNamespace(), user=anonymous) is False
