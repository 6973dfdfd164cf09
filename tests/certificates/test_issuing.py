"""Issuing as a service: each condition, issue-once under concurrency, codes, and deleted accounts."""
from __future__ import annotations

import re
import threading

from sqlalchemy import func, select

from literacy.accounts import services as accounts
from literacy.accounts.models import User
from literacy.certificates import codes, services
from literacy.certificates.models import Certificate
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD
from .conftest import get_module


def _certificates(user_id):
    db.session.rollback()  # end this test's read transaction: see what other sessions committed since
    return db.session.scalars(select(Certificate).where(Certificate.user_id == user_id)
                              .order_by(Certificate.id)).all()


def test_passing_a_certificate_module_issues_one_certificate_with_what_was_true_then(
        app, db, course, make_user, pass_quiz):
    student = make_user("rina", display_name="Rina Wulandari", birth_year=1999)
    pass_quiz(student, "hoaks-cakap")
    [certificate] = _certificates(student)
    module = get_module("hoaks-cakap")
    assert certificate.holder_name == "Rina Wulandari"
    assert certificate.titles == {"id": "Kenali Hoaks Cakap", "en": "Spotting Hoaxes"}
    assert certificate.module_id == module.id and certificate.module_version == module.version == 1
    assert certificate.organisation == "Tim Literasi"
    assert certificate.score == 100.0 and certificate.kind == "module"
    assert (utcnow() - certificate.issued_at).total_seconds() < 60
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", certificate.public_id)  # 18 random bytes: 144 bits
    assert re.fullmatch(f"[{codes.ALPHABET}]{{12}}", certificate.code)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", certificate.pretty_code)
    # passing again (a better score, another day) issues nothing more
    pass_quiz(student, "hoaks-cakap")
    assert len(_certificates(student)) == 1


def test_no_certificate_below_the_pass_mark_or_for_a_module_without_one(app, db, course, make_user, pass_quiz):
    student = make_user("bayu")
    pass_quiz(student, "hoaks-cakap", passing=False)
    pass_quiz(student, "hoaks-tanpa-sertifikat")
    assert _certificates(student) == []
    standing = {s.key: s for s in services.standings(db.session.get(User, student))}
    cakap = standing[services.module_key(get_module("hoaks-cakap").id)]
    assert not cakap.passed and not cakap.issued and cakap.waiting_for is None
    assert services.module_key(get_module("hoaks-tanpa-sertifikat").id) not in standing


def test_a_blended_certificate_waits_for_workshop_attendance(app, db, course, make_user, pass_quiz):
    student = make_user("dewi")
    pass_quiz(student, "hoaks-lokakarya")
    module_id = get_module("hoaks-lokakarya").id
    assert _certificates(student) == []  # not at any workshop yet, so it waits
    [standing] = [s for s in services.standings(db.session.get(User, student)) if s.module and s.module.id == module_id]
    assert standing.needs_workshop and standing.waiting_for == services.WAIT_WORKSHOP

    present = set()
    app.extensions["literacy_attendance"] = lambda user_id, mid: (user_id, mid) in present
    assert services.issue_pending_for(student) == []  # registered, but not present yet
    present.add((student, module_id))
    [issued] = services.issue_pending_for(student)  # what the workshops area calls after check-in
    assert issued.module_id == module_id and issued.user_id == student
    assert services.issue_pending_for(student) == []


def test_a_minors_certificate_waits_for_consent_and_is_issued_when_it_is_recorded(
        app, db, course, make_user, pass_quiz):
    facilitator = make_user("bu_rahma", role="facilitator")
    minor = make_user("adi_kupang", birth_year=utcnow().year - 14)
    pass_quiz(minor, "hoaks-cakap")
    assert _certificates(minor) == []
    [standing] = [s for s in services.standings(db.session.get(User, minor)) if s.module and s.module.slug == "hoaks-cakap"]
    assert standing.waiting_for == services.WAIT_CONSENT
    accounts.record_paper_consent(db.session.get(User, facilitator), db.session.get(User, minor), "Ibu Maria", "F-7")
    db.session.remove()
    [certificate] = _certificates(minor)
    assert certificate.holder_name == "adi_kupang"  # no display name yet: the username


def test_consent_by_the_guardians_link_issues_too(app, course, client, pass_quiz, mailbox):
    year = utcnow().year - 15
    client.submit(f"/daftar?tahun={year}", {"username": "tari", "password": PASSWORD,
                                            "guardian_email": "ortu.tari@contoh.id"})
    with app.app_context():
        minor = db.session.scalar(select(User.id).where(User.username_key == "tari"))
    pass_quiz(minor, "hoaks-aman")
    with app.app_context():
        assert _certificates(minor) == []
    link = re.search(r"https://literasi\.test(/\S+)", mailbox.last_to("ortu.tari@contoh.id").get_content()).group(1)
    app.test_client().submit(link, {"guardian_name": "Pak Made", "agree": "y"})
    with app.app_context():
        assert [c.titles["id"] for c in _certificates(minor)] == ["Kenali Hoaks Aman"]


def test_the_capstone_needs_a_pass_in_each_of_the_four_pillars(app, db, course, make_user, pass_quiz):
    student = make_user("yusuf")
    for slug in ("hoaks-cakap", "hoaks-etika", "hoaks-budaya"):
        pass_quiz(student, slug)
    assert all(c.kind == "module" for c in _certificates(student))
    [capstone] = [s for s in services.standings(db.session.get(User, student)) if s.kind == "capstone"]
    assert capstone.pillars_missing == ["aman"] and capstone.missing_pillar_names == ["Aman Digital"]
    pass_quiz(student, "hoaks-tanpa-sertifikat")  # an "aman" module without its own certificate still counts
    certificates = _certificates(student)
    assert [c.kind for c in certificates].count("capstone") == 1
    capstone = next(c for c in certificates if c.kind == "capstone")
    assert capstone.titles["id"] == "Sertifikat Literasi Digital" and capstone.module_id is None
    pass_quiz(student, "hoaks-aman")
    assert [c.kind for c in _certificates(student)].count("capstone") == 1


def test_simultaneous_issuing_gives_one_certificate(app, course, make_user, pass_quiz):
    """Many requests at once (a pass, a check-in, a consent...) for one student: one row per certificate."""
    student = make_user("kevin")
    with app.app_context():
        module = get_module("hoaks-cakap")
        from literacy.learning import quiz

        from ..learning.conftest import right_answers

        attempt = quiz.start_attempt(student, module)
        # recorded as passed without the hook, so that every thread below races to issue it
        hooks = app.extensions.pop("literacy_on_module_passed")
        quiz.submit(attempt, right_answers(attempt), module)
        app.extensions["literacy_on_module_passed"] = hooks
        db.session.remove()
    barrier = threading.Barrier(8)
    errors = []

    def issue():
        with app.app_context():
            try:
                barrier.wait()
                services.issue_pending_for(student)
            except Exception as error:  # noqa: BLE001 - recorded and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        assert db.session.scalar(select(func.count(Certificate.id)).where(Certificate.user_id == student)) == 1


def test_codes_are_typed_in_any_case_with_or_without_dashes(app, db, course, make_user, pass_quiz):
    student = make_user("lina")
    pass_quiz(student, "hoaks-cakap")
    [certificate] = _certificates(student)
    pretty = certificate.pretty_code
    for typed in (pretty, pretty.lower(), certificate.code, certificate.code.lower(), f"  {pretty} ",
                  pretty.replace("-", " ")):
        assert services.by_code(typed).id == certificate.id, typed
    for typed in ("", "ABCD", pretty + "A", pretty.replace(pretty[0], "0"), "ACDE-FGHJ-KMN!", None):
        assert services.by_code(typed) is None
    assert not set("0O1IL5S2Z8B") & set(codes.ALPHABET)


def test_codes_and_ids_do_not_repeat():
    generated = {codes.new_code() for _ in range(20_000)}
    assert len(generated) == 20_000
    ids = {codes.new_public_id() for _ in range(20_000)}
    assert len(ids) == 20_000 and all(len(i) == 24 for i in ids)


def test_a_deleted_account_leaves_a_nameless_certificate_that_is_no_longer_held(
        app, db, course, make_user, pass_quiz):
    student = make_user("putri", display_name="Putri Anggraini", email="putri@contoh.id")
    pass_quiz(student, "hoaks-cakap")
    [certificate] = _certificates(student)
    code = certificate.code
    accounts.delete_account(db.session.get(User, student), PASSWORD)
    db.session.remove()
    kept = services.by_code(code)
    assert kept is not None and kept.user_id is None and kept.holder_name is None
    assert services.verdict(kept) == services.NOT_HELD


def test_revocation_records_the_date_and_reason_once(app, db, course, make_user, pass_quiz):
    import pytest

    admin = db.session.get(User, make_user("admin_sertifikat", role="admin"))
    student = make_user("joko")
    pass_quiz(student, "hoaks-cakap")
    [certificate] = _certificates(student)
    with pytest.raises(services.CertificateError):
        services.revoke(certificate, admin, "bosan")
    assert services.revoke(certificate, admin, "misconduct") is True
    assert services.revoke(certificate, admin, "error") is False
    db.session.refresh(certificate)
    assert certificate.revoked_reason == "misconduct" and certificate.revoked_by_id == admin.id
    assert services.verdict(certificate) == services.REVOKED


def test_the_front_matter_field_is_checked_as_a_boolean(read, module_folder):
    module_folder.replace("module.md", "certificate: true\n", "certificate: true\nworkshop_required: ya\n")
    modules, report, messages = read(module_folder.path)
    assert any("workshop_required" in m and "true atau false" in m for m in messages), messages
    module_folder.replace("module.md", "workshop_required: ya\n", "workshop_required: true\n")
    modules, report, messages = read(module_folder.path)
    assert report.errors == [] and modules[0].workshop_required is True


def test_a_workshop_requirement_without_a_certificate_is_flagged(read, module_folder):
    module_folder.replace("module.md", "certificate: true\n", "certificate: false\nworkshop_required: true\n")
    modules, report, messages = read(module_folder.path)
    assert report.errors == []
    assert any("'workshop_required: true' tidak berarti apa-apa" in m for m in messages), messages


def test_withdrawn_consent_takes_the_name_off_a_minors_certificates(app, db, course, make_user, pass_quiz):
    facilitator = make_user("pak_yosef", role="facilitator")
    minor = make_user("rara_ende", birth_year=utcnow().year - 15)
    accounts.record_paper_consent(db.session.get(User, facilitator), db.session.get(User, minor), "Ibu Sisi", "F-9")
    accounts.update_profile(db.session.get(User, minor), display_name="Rara Wea", email=None, locale="id")
    db.session.remove()
    pass_quiz(minor, "hoaks-cakap")
    assert [c.holder_name for c in _certificates(minor)] == ["Rara Wea"]
    assert accounts.withdraw_consent(db.session.get(User, minor), "guardian") is True
    db.session.remove()
    [certificate] = _certificates(minor)
    assert certificate.holder_name == "rara_ende" and services.verdict(certificate) == services.VALID
