"""Leaving a class and taking a student off a roster: the membership goes, the progress stays."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.classes import services
from literacy.classes.models import Classroom
from literacy.extensions import db
from literacy.learning import quiz
from literacy.learning.models import QuizAttempt
from literacy.learning.services import complete_lesson, completed_lesson_ids


@pytest.fixture
def school(app, make_user, example_course):
    """A facilitator's class with two students, a second class, and another facilitator."""
    ids = {name: make_user(name) for name in ("ani", "budi")}
    ids["bu_guru"] = make_user("bu_guru", role="facilitator")
    ids["pak_lain"] = make_user("pak_lain", role="facilitator")
    with app.app_context():
        facilitator = db.session.get(User, ids["bu_guru"])
        own = services.create_class(facilitator, "Kelas 8B")
        second = services.create_class(facilitator, "Klub Literasi")
        for name in ("ani", "budi"):
            services.join(db.session.get(User, ids[name]), own.code)
        services.join(db.session.get(User, ids["ani"]), second.code)
        ids["class"], ids["second"] = own.id, second.id
        db.session.remove()
    return ids


def member_names(class_id: int) -> list[str]:
    return [student.username for student in services.roster(db.session.get(Classroom, class_id))]


# -- the service ------------------------------------------------------------------------------

def test_removing_a_member_ends_only_that_membership_and_keeps_progress(db, school, module_with_progress):
    ani, classroom = db.session.get(User, school["ani"]), db.session.get(Classroom, school["class"])
    facilitator = db.session.get(User, school["bu_guru"])
    lessons_before = completed_lesson_ids(ani.id)
    assert services.remove_member(classroom, ani) is True
    assert member_names(school["class"]) == ["budi"]
    assert member_names(school["second"]) == ["ani"]  # her other class is untouched
    assert services.teaches(facilitator, ani)  # through that other class
    assert completed_lesson_ids(ani.id) == lessons_before != set()
    assert db.session.scalars(select(QuizAttempt.id).where(QuizAttempt.user_id == ani.id)).all()
    assert services.remove_member(classroom, ani) is False  # a second tap changes nothing


def test_a_removed_student_is_no_longer_the_facilitators(db, school):
    budi, facilitator = db.session.get(User, school["budi"]), db.session.get(User, school["bu_guru"])
    assert services.teaches(facilitator, budi)
    services.remove_member(db.session.get(Classroom, school["class"]), budi)
    assert not services.teaches(facilitator, budi)
    assert services.memberships_of(budi) == []


def test_memberships_of_lists_a_students_classes(db, school):
    ani = db.session.get(User, school["ani"])
    assert [m.classroom.name for m in services.memberships_of(ani)] == ["Kelas 8B", "Klub Literasi"]


@pytest.fixture
def module_with_progress(db, school):
    from literacy.catalog.models import Module

    module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
    complete_lesson(school["ani"], module.lessons[0])
    attempt = quiz.start_attempt(school["ani"], module)
    quiz.submit(attempt, {}, module)
    return module


NOT_A_STUDENT = ("Hanya akun siswa yang bisa bergabung dengan kelas. Untuk ikut mengajar, minta fasilitator "
                 "kelas ini menambahkanmu sebagai fasilitator pendamping.")


@pytest.mark.parametrize("role", ["facilitator", "partner", "admin"])
def test_only_students_join_a_class(db, school, make_user, role):
    """A facilitator, partner or admin in a roster would show in the class's reports as a student."""
    user = db.session.get(User, make_user("tamu", role=role))
    code = db.session.get(Classroom, school["class"]).code
    assert services.join_refusal(user, db.session.get(Classroom, school["class"])) == NOT_A_STUDENT
    with pytest.raises(services.ClassError, match="Hanya akun siswa"):
        services.join(user, code)
    assert member_names(school["class"]) == ["ani", "budi"]


def test_no_one_joins_an_archived_class(db, school, make_user):
    student = db.session.get(User, make_user("citra"))
    classroom = db.session.get(Classroom, school["class"])
    services.set_archived(classroom, True)
    assert services.join_refusal(student, classroom) == "Kelas 8B sudah diarsipkan dan tidak menerima siswa baru."
    with pytest.raises(services.ClassError, match="sudah diarsipkan"):
        services.join(student, classroom.code)
    assert member_names(school["class"]) == ["ani", "budi"]


# -- the pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("who, archived", [("pak_lain", False), ("citra", True)])
def test_a_join_link_that_cannot_be_used_says_why_and_adds_no_one(app, client, school, make_user, login, who, archived):
    """A facilitator is not a student; an archived class takes no one (it was a server error)."""
    make_user("citra")
    with app.app_context():
        classroom = db.session.get(Classroom, school["class"])
        services.set_archived(classroom, archived)
        code = classroom.code
    message = "Kelas 8B sudah diarsipkan dan tidak menerima siswa baru." if archived else NOT_A_STUDENT
    login(client, who)
    page = client.get(f"/kelas/gabung/{code}").get_data(as_text=True)
    assert message in page and '<form method="post">' not in page.split("<main")[-1]
    response = client.submit(f"/kelas/gabung/{code}")
    assert response.status_code == 403 and message in response.get_data(as_text=True)
    with app.app_context():
        assert member_names(school["class"]) == ["ani", "budi"]


def test_the_settings_page_offers_the_class_code_form_to_students_only(app, client, school, make_user, login):
    login(client, "ani")
    assert 'action="/akun/kelas"' in client.get("/akun").get_data(as_text=True)
    facilitator = app.test_client()
    login(facilitator, "pak_lain")
    page = facilitator.get("/akun").get_data(as_text=True)
    assert 'action="/akun/kelas"' not in page and 'id="kelas"' not in page  # no class section at all
    with app.app_context():
        code = db.session.get(Classroom, school["class"]).code
    assert facilitator.submit("/akun/kelas", {"class_code": code}).status_code == 403
    with app.app_context():
        assert member_names(school["class"]) == ["ani", "budi"]


def test_a_member_promoted_to_facilitator_still_sees_and_can_leave_the_class(app, client, school, login):
    with app.app_context():
        from literacy.database import write_transaction
        with write_transaction() as session:
            session.get(User, school["budi"]).role = "facilitator"
    login(client, "budi")
    page = client.get("/akun").get_data(as_text=True)
    assert f'action="/kelas/{school["class"]}/keluar"' in page and 'action="/akun/kelas"' not in page
    assert client.submit(f"/kelas/{school['class']}/keluar").status_code == 303
    with app.app_context():
        assert member_names(school["class"]) == ["ani"]


def test_a_student_leaves_a_class_from_the_settings_page(app, client, school, login):
    login(client, "ani")
    page = client.get("/akun").get_data(as_text=True)
    assert "Kelas 8B" in page and "Klub Literasi" in page and page.count("Keluar dari kelas") >= 2
    assert "Kemajuan belajarmu tetap tersimpan" in page  # said before the button, not only after
    response = client.submit(f"/kelas/{school['class']}/keluar")
    assert response.status_code == 303 and response.headers["Location"] == "/akun"
    page = client.get("/akun").get_data(as_text=True)
    assert "Kamu sudah keluar dari Kelas 8B." in page
    assert f'action="/kelas/{school["class"]}/keluar"' not in page and "Klub Literasi" in page
    with app.app_context():
        assert member_names(school["class"]) == ["budi"]
    assert client.submit(f"/kelas/{school['class']}/keluar").status_code == 404  # not a member any more


def test_a_facilitator_removes_a_student_from_the_roster(app, client, school, login):
    login(client, "bu_guru")
    url = f"/kelas/{school['class']}"
    page = client.get(url).get_data(as_text=True)
    assert page.count(">Keluarkan dari kelas<") == 2 and ">Keluarkan budi<" in page
    assert "kemajuan belajarnya tetap tersimpan" in page  # said before the button, not only after
    response = client.submit(f"{url}/siswa/{school['budi']}/keluarkan")
    assert response.status_code == 303 and response.headers["Location"] == url
    page = client.get(url).get_data(as_text=True)
    assert "budi sudah dikeluarkan dari kelas ini." in page and "<h3>budi" not in page
    # the facilitator has no say over the student any more
    assert client.submit(f"{url}/siswa/{school['budi']}/atur-ulang").status_code == 404
    assert client.submit(f"{url}/siswa/{school['budi']}/keluarkan").status_code == 404


def test_a_student_cannot_remove_a_classmate(app, client, school, login):
    login(client, "ani")
    assert client.submit(f"/kelas/{school['class']}/siswa/{school['budi']}/keluarkan").status_code == 404
    with app.app_context():
        assert member_names(school["class"]) == ["ani", "budi"]


def test_another_facilitator_cannot_remove_or_leave_for_someone(app, client, school, login):
    login(client, "pak_lain")
    assert client.submit(f"/kelas/{school['class']}/siswa/{school['budi']}/keluarkan").status_code == 404
    assert client.submit(f"/kelas/{school['class']}/keluar").status_code == 404
    with app.app_context():
        assert member_names(school["class"]) == ["ani", "budi"]


def test_leaving_and_removing_need_the_csrf_token(app, client, school, login):
    login(client, "ani")
    assert client.post(f"/kelas/{school['class']}/keluar").status_code == 400
    teacher = app.test_client()
    login(teacher, "bu_guru")
    assert teacher.post(f"/kelas/{school['class']}/siswa/{school['budi']}/keluarkan").status_code == 400
    with app.app_context():
        assert member_names(school["class"]) == ["ani", "budi"]
