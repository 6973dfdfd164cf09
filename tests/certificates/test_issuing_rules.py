"""Certificate rules called directly: what a standing says at each edge, the verdicts, the fixed
titles and reasons, what is exported, what consent withdrawal and erasure leave behind."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select, update

from literacy.accounts.models import User
from literacy.catalog.models import Module
from literacy.certificates import services
from literacy.certificates.models import Certificate, ModuleRequirement
from literacy.database import write_transaction
from literacy.utils import utcnow

from .conftest import get_module


def test_the_fixed_words_of_issuing():
    assert services.CAPSTONE_TITLES == {"id": "Sertifikat Literasi Digital", "en": "Digital Literacy Certificate"}
    assert services.CAPSTONE_ORGANISATION == "Literasi"
    assert list(services.REVOCATION_REASONS) == ["error", "misconduct", "identity", "request"]
    assert (services.WAIT_CONSENT, services.WAIT_WORKSHOP) == ("consent", "workshop")
    assert (services.VALID, services.REVOKED, services.NOT_HELD, services.NOT_FOUND) == (
        "valid", "revoked", "not-held", "not-found")
    assert services.module_key(7) == "module:7"


@pytest.mark.parametrize("certificate, verdict", [
    (None, "not-found"),
    (SimpleNamespace(revoked=True, held=True), "revoked"),
    (SimpleNamespace(revoked=True, held=False), "revoked"),
    (SimpleNamespace(revoked=False, held=False), "not-held"),
    (SimpleNamespace(revoked=False, held=True), "valid"),
])
def test_verdicts(certificate, verdict):
    assert services.verdict(certificate) == verdict


@pytest.mark.parametrize("kind, passed, needs, done, missing, earned", [
    ("module", True, False, False, [], True),
    ("module", False, False, False, [], False),
    ("module", True, True, False, [], False),
    ("module", True, True, True, [], True),
    ("module", False, True, True, [], False),
    ("capstone", False, False, False, [], True),
    ("capstone", True, False, False, ["aman"], False),
])
def test_what_earns_a_certificate(kind, passed, needs, done, missing, earned):
    standing = services.Standing(key="k", kind=kind, module=None, passed=passed, needs_workshop=needs,
                                 workshop_done=done, pillars_missing=missing)
    assert standing.earned is earned
    assert standing.issued is False
    assert services.Standing(key="k", kind=kind, module=None, certificate=object()).issued is True


def test_a_new_standing_starts_empty():
    standing = services.Standing(key="k", kind="module", module=None)
    assert (standing.certificate, standing.passed, standing.score, standing.lessons_left, standing.needs_workshop,
            standing.workshop_done, standing.waiting_for, standing.pillars_missing, standing.started) == (
        None, False, None, 0, False, False, None, [], False)
    assert services.Standing(key="k", kind="capstone", module=None,
                             pillars_missing=["cakap", "aman"]).missing_pillar_names == ["Cakap Digital", "Aman Digital"]


def test_attendance_is_asked_of_the_workshops_hook(app):
    with app.app_context():
        app.extensions.pop("literacy_attendance", None)
        assert services.attended(1, 2) is False
        asked = []
        app.extensions["literacy_attendance"] = lambda user_id, module_id: asked.append((user_id, module_id)) or 1
        assert services.attended(1, 2) is True
        app.extensions["literacy_attendance"] = lambda user_id, module_id: 0
        assert services.attended(1, 2) is False
        assert asked == [(1, 2)]
        del app.extensions["literacy_attendance"]


def test_lookups_of_malformed_codes_find_nothing(app):
    with app.app_context():
        assert services.by_public_id("") is None
        assert services.by_public_id(None) is None
        assert services.by_public_id("x" * 23 + "!") is None
        assert services.by_code(None) is None
        assert services.by_code("") is None
        assert services.workshop_required_ids([]) == set()
        assert services.workshop_required_ids(iter([])) == set()


def test_malformed_codes_are_refused_before_any_query(app, count_queries):
    # the public verification page answers junk without touching the database
    with app.app_context(), count_queries() as queries:
        assert services.by_public_id("x" * 23 + "!") is None and services.by_public_id(None) is None
        assert services.by_code("bukan kode") is None and services.by_code(None) is None
        assert services.workshop_required_ids([]) == set()
    assert queries == []


def test_standings_issuing_and_the_records_kept(app, db, course, make_user, pass_quiz):
    student = make_user("rina", display_name="Rina Wulandari")
    db.session.execute(update(User).where(User.id == student).values(locale="en"))
    db.session.commit()
    other, newcomer = make_user("bayu"), make_user("cici")
    admin = make_user("admin_sertifikat", role="admin")
    cakap, aman, blended = get_module("hoaks-cakap"), get_module("hoaks-aman"), get_module("hoaks-lokakarya")
    assert services.workshop_required_ids([cakap.id, blended.id, blended.id + 999]) == {blended.id}
    db.session.execute(update(Module).where(Module.id == cakap.id).values(authors=["Tim Literasi", "Bu Rahma"]))
    db.session.execute(update(Module).where(Module.id == aman.id).values(authors=[]))
    db.session.commit()

    before = {s.key: s for s in services.standings(db.session.get(User, student))}
    fresh = before[services.module_key(cakap.id)]
    assert (fresh.passed, fresh.started, fresh.score, fresh.waiting_for, fresh.needs_workshop) == (
        False, False, None, None, False)
    assert fresh.lessons_left == cakap.lesson_count > 0
    assert before[services.module_key(blended.id)].needs_workshop is True
    assert before[services.module_key(blended.id)].waiting_for is None  # not passed: waiting for nothing yet
    assert before["capstone"].started is True and before["capstone"].waiting_for is None
    assert [s.key for s in services.standings(db.session.get(User, student), module_ids={aman.id})] == [
        services.module_key(aman.id), "capstone"]

    pass_quiz(student, "hoaks-cakap")
    pass_quiz(student, "hoaks-aman")
    pass_quiz(student, "hoaks-lokakarya")
    pass_quiz(other, "hoaks-cakap")
    db.session.remove()
    mine = services.certificates_of(student)
    assert [c.module_id for c in mine] == [aman.id, cakap.id]  # the newest first
    by_module = {c.module_id: c for c in mine}
    assert by_module[cakap.id].organisation == "Tim Literasi, Bu Rahma"
    assert by_module[aman.id].organisation == "Literasi"
    assert by_module[cakap.id].language == "en" and services.certificates_of(other)[0].language == "id"
    assert re.fullmatch(r"[0-9a-f]{32}", by_module[cakap.id].recipient_salt)
    assert by_module[cakap.id].holder_name == "Rina Wulandari"
    after = {s.key: s for s in services.standings(db.session.get(User, student))}
    waiting = after[services.module_key(blended.id)]
    assert (waiting.passed, waiting.workshop_done, waiting.waiting_for, waiting.started) == (
        True, False, "workshop", True)
    assert after[services.module_key(cakap.id)].certificate.id == by_module[cakap.id].id
    assert after[services.module_key(cakap.id)].score == 100.0
    assert services.issue_pending_for(student) == []
    assert services.issue_pending_for(10_000) == []

    # finding: only the holder's own; the newest of all first
    public_id = by_module[cakap.id].public_id
    assert services.own_certificate(student, public_id).id == by_module[cakap.id].id
    assert services.own_certificate(other, public_id) is None
    assert services.own_certificate(student, "x" * 24) is None
    newest = max(c.id for c in services.recent())
    assert [c.id for c in services.recent(2)] == [newest, newest - 1]
    assert len(services.recent()) == 3

    # revocation and the export
    assert services.revoke(by_module[aman.id], db.session.get(User, admin), "request") is True
    assert by_module[aman.id].revoked_reason == "request"  # refreshed by revoke()
    exported = services.export(db.session.get(User, student))
    revoked = by_module[aman.id]
    assert exported[0] == {"code": revoked.pretty_code, "title": revoked.titles, "name": "Rina Wulandari",
                           "score": 100.0, "issued_at": revoked.issued_at.isoformat() + "Z",
                           "revoked_at": revoked.revoked_at.isoformat() + "Z", "revoked_reason": "request"}
    assert exported[1]["revoked_at"] is None and exported[1]["revoked_reason"] is None

    # a retired module's certificate stays listed; a retired one not held does not
    db.session.execute(update(Module).where(Module.id.in_([cakap.id, aman.id])).values(retired_at=utcnow()))
    db.session.commit()
    keys = [s.key for s in services.standings(db.session.get(User, student))]
    assert services.module_key(cakap.id) in keys
    assert services.module_key(cakap.id) not in [s.key for s in services.standings(db.session.get(User, newcomer))]


def test_consent_withdrawal_and_erasure_touch_only_that_persons_certificates(app, db, course, make_user, pass_quiz):
    leaving, staying = make_user("putri", display_name="Putri A"), make_user("joko", display_name="Joko B")
    admin = make_user("admin_sertifikat", role="admin")
    pass_quiz(leaving, "hoaks-cakap")
    pass_quiz(staying, "hoaks-cakap")
    db.session.remove()
    [gone] = services.certificates_of(leaving)
    [kept] = services.certificates_of(staying)
    salt = gone.recipient_salt
    services.revoke(kept, db.session.get(User, admin), "error")
    with write_transaction() as session:
        services.on_consent_withdrawn(session, session.get(User, leaving))
    db.session.expire_all()
    assert (gone.holder_name, kept.holder_name) == ("putri", "Joko B")
    with write_transaction() as session:
        services.erase(session, session.get(User, admin))
        services.erase(session, session.get(User, leaving))
    db.session.expire_all()
    assert (gone.user_id, gone.holder_name) == (None, None)
    assert re.fullmatch(r"[0-9a-f]{32}", gone.recipient_salt) and gone.recipient_salt != salt
    assert (kept.user_id, kept.holder_name, kept.revoked_by_id) == (staying, "Joko B", None)
    assert kept.revoked_reason == "error"


def test_store_requirement_keeps_the_front_matter_flag(app, db, course):
    module = get_module("hoaks-cakap")
    with write_transaction() as session:
        services.store_requirement(session, module, SimpleNamespace(workshop_required=True))
    assert db.session.get(ModuleRequirement, module.id).workshop_required is True
    with write_transaction() as session:
        services.store_requirement(session, module, SimpleNamespace())
    db.session.expire_all()
    assert db.session.get(ModuleRequirement, module.id).workshop_required is False
    assert db.session.scalar(select(ModuleRequirement.module_id).where(
        ModuleRequirement.workshop_required.is_(True))) == get_module("hoaks-lokakarya").id


def test_workshop_required_ids_answers_only_for_the_modules_asked(app, db, course):
    cakap, lokakarya = get_module("hoaks-cakap"), get_module("hoaks-lokakarya")
    with write_transaction() as session:
        services.store_requirement(session, cakap, SimpleNamespace(workshop_required=True))
    assert services.workshop_required_ids([lokakarya.id]) == {lokakarya.id}
    assert services.workshop_required_ids([cakap.id, lokakarya.id, 10_000]) == {cakap.id, lokakarya.id}


def test_erasing_an_admin_forgets_only_their_own_revocations(app, db, course, make_user, pass_quiz):
    first, second = make_user("admin_satu", role="admin"), make_user("admin_dua", role="admin")
    holders = make_user("ayu"), make_user("bima")
    for holder in holders:
        pass_quiz(holder, "hoaks-cakap")
    db.session.remove()
    by_first, by_second = (services.certificates_of(holder)[0] for holder in holders)
    services.revoke(by_first, db.session.get(User, first), "error")
    services.revoke(by_second, db.session.get(User, second), "request")
    with write_transaction() as session:
        services.erase(session, session.get(User, first))
    db.session.expire_all()
    assert (by_first.revoked_by_id, by_second.revoked_by_id) == (None, second)
    assert (by_first.revoked_reason, by_second.revoked_reason) == ("error", "request")


def test_lessons_left_counts_down_to_zero(app, db, course, make_user):
    from literacy.catalog.models import Lesson
    from literacy.learning.services import complete_lesson

    student = make_user("rina")
    module = get_module("hoaks-cakap")
    module_id, key = module.id, services.module_key(module.id)
    lessons = db.session.scalars(select(Lesson.id).where(Lesson.module_id == module_id).order_by(Lesson.id)).all()
    assert len(lessons) == module.lesson_count >= 2

    def left():
        db.session.remove()
        return {s.key: s for s in services.standings(db.session.get(User, student))}[key].lessons_left

    complete_lesson(student, lessons[0], module_id)
    assert left() == len(lessons) - 1
    for lesson_id in lessons[1:]:
        complete_lesson(student, lesson_id, module_id)
    assert left() == 0
    with write_transaction() as session:  # a stored count lower than the lessons read never goes below zero
        session.execute(update(Module).where(Module.id == module_id).values(lesson_count=1))
    assert left() == 0


def test_a_certificate_for_a_module_that_no_longer_gives_one_stays_listed(app, db, course, make_user, pass_quiz):
    student = make_user("rina")
    pass_quiz(student, "hoaks-cakap")
    module = get_module("hoaks-cakap")
    db.session.execute(update(Module).where(Module.id == module.id).values(certificate=False))
    db.session.commit()
    [kept] = [s for s in services.standings(db.session.get(User, student)) if s.key == services.module_key(module.id)]
    assert (kept.kind, kept.module, kept.passed, kept.started, kept.issued) == ("module", None, True, True, True)
    assert services.module_key(module.id) not in [
        s.key for s in services.standings(db.session.get(User, student), module_ids={module.id})]


def test_the_admins_list_shows_the_newest_fifty(app, db, make_user):
    student = make_user("rina")
    with write_transaction() as session:
        for n in range(51):
            session.add(Certificate(public_id=f"p{n:031d}", code=f"{n:012d}", credential_uuid=f"u{n:035d}",
                                    issue_key=f"module:{n}", kind="module", user_id=student, titles={"id": "x"},
                                    organisation="Literasi", recipient_salt="0" * 32))
    listed = services.recent()
    assert len(listed) == 50 and listed[0].code == f"{50:012d}" and listed[-1].code == f"{1:012d}"
    assert [c.code for c in services.recent(1)] == [f"{50:012d}"]


def test_the_capstone_waits_for_consent_only_once_every_pillar_is_passed(app, db, course, make_user, pass_quiz):
    minor = make_user("adi_kupang", birth_year=utcnow().year - 14)

    def capstone():
        db.session.remove()
        return [s for s in services.standings(db.session.get(User, minor)) if s.kind == "capstone"][0]

    for slug in ("hoaks-cakap", "hoaks-etika", "hoaks-budaya"):
        pass_quiz(minor, slug)
    assert (capstone().pillars_missing, capstone().waiting_for) == (["aman"], None)
    pass_quiz(minor, "hoaks-aman")
    assert (capstone().pillars_missing, capstone().waiting_for, capstone().issued) == ([], "consent", False)
    assert services.certificates_of(minor) == []


def test_attendance_is_asked_only_for_a_passed_blended_module_without_its_certificate(app, db, course, make_user,
                                                                                      pass_quiz):
    """Each question to the workshops area is a query: the standings ask it only where the answer
    can change what the student sees."""
    student = make_user("sari", birth_year=1990)
    asked = []
    app.extensions["literacy_attendance"] = lambda user_id, module_id: asked.append(module_id) or False
    blended = get_module("hoaks-lokakarya").id

    def standings():
        db.session.remove()  # a fresh read (SQLite's snapshot would not see the passes made meanwhile)
        services.standings(db.session.get(User, student))

    try:
        for slug in ("hoaks-cakap", "hoaks-etika"):
            pass_quiz(student, slug)
        standings()
        assert asked == []  # blended module not passed; the passed ones need no workshop
        pass_quiz(student, "hoaks-lokakarya")
        assert asked == [blended]  # asked once by the issuing that the pass sets off
        standings()
        assert asked == [blended, blended]
    finally:
        del app.extensions["literacy_attendance"]


def test_what_a_standing_waits_for(app, db, course, make_user, pass_quiz):
    """A held certificate waits for nothing, even after consent is withdrawn, and its attendance is
    not asked again; a retired module's held certificate keeps its module; a blended module passed
    and attended by a minor without consent waits for consent, not for the workshop."""
    from literacy.accounts import services as accounts
    from literacy.catalog.models import Module

    facilitator = make_user("bu_wati", role="facilitator")
    minor = make_user("tika_ende", birth_year=utcnow().year - 15)
    asked = []
    app.extensions["literacy_attendance"] = lambda user_id, module_id: asked.append(module_id) or True

    def standing(key):
        db.session.remove()
        return {s.key: s for s in services.standings(db.session.get(User, minor))}[key]

    try:
        accounts.record_paper_consent(db.session.get(User, facilitator), db.session.get(User, minor), "Ibu Ani", "F-1")
        db.session.remove()
        for slug in ("hoaks-cakap", "hoaks-etika", "hoaks-budaya", "hoaks-aman", "hoaks-lokakarya"):
            pass_quiz(minor, slug)  # the blended one attended (the hook says so)
        cakap, blended = get_module("hoaks-cakap"), get_module("hoaks-lokakarya")
        assert standing(services.CAPSTONE_KEY).issued and standing(services.module_key(cakap.id)).issued
        assert accounts.withdraw_consent(db.session.get(User, minor), "guardian") is True
        assert standing(services.CAPSTONE_KEY).waiting_for is None
        assert standing(services.module_key(cakap.id)).waiting_for is None
        asked.clear()
        assert standing(services.module_key(blended.id)).issued and asked == []  # held: not asked again

        with write_transaction() as session:
            session.execute(update(Module).where(Module.id == cakap.id).values(retired_at=utcnow()))
        kept = standing(services.module_key(cakap.id))
        assert kept.issued and kept.module is not None and kept.module.id == cakap.id

        newcomer = make_user("nia_ende", birth_year=utcnow().year - 15)  # no consent recorded
        pass_quiz(newcomer, "hoaks-lokakarya")
        db.session.remove()
        waiting = {s.key: s for s in services.standings(db.session.get(User, newcomer))}[services.module_key(blended.id)]
        assert (waiting.issued, waiting.workshop_done, waiting.waiting_for) == (False, True, services.WAIT_CONSENT)
    finally:
        del app.extensions["literacy_attendance"]


def test_a_capstone_not_yet_issued_to_an_adult_waits_for_nothing(app, db, course, make_user, pass_quiz):
    adult = make_user("dewi_kupang", birth_year=1990)
    for slug in ("hoaks-cakap", "hoaks-etika", "hoaks-budaya", "hoaks-aman"):
        pass_quiz(adult, slug)
    with write_transaction() as session:  # as if the issuing had not run yet
        session.execute(Certificate.__table__.delete().where(Certificate.issue_key == services.CAPSTONE_KEY))
    db.session.remove()
    [capstone] = [s for s in services.standings(db.session.get(User, adult)) if s.kind == "capstone"]
    assert (capstone.issued, capstone.earned, capstone.waiting_for) == (False, True, None)


def test_a_certificate_for_an_account_without_a_language_is_in_indonesian(app, db, course, make_user, pass_quiz):
    student = make_user("yanti")
    with write_transaction() as session:
        session.execute(update(User).where(User.id == student).values(locale=None))
    pass_quiz(student, "hoaks-cakap")
    assert [c.language for c in services.certificates_of(student)] == ["id"]
