"""Running a class: edit, archive, co-facilitators, a new join code, assigned modules with due dates."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.catalog.models import Module
from literacy.classes import services
from literacy.extensions import db
from literacy.permissions import can

from .conftest import classroom_of


def user(ids, name) -> User:
    return db.session.get(User, ids[name])


# -- rules ------------------------------------------------------------------------------------

def test_a_co_facilitator_teaches_the_class_but_does_not_own_it(db, taught):
    classroom, helper, outsider = classroom_of(taught), user(taught, "pak_pendamping"), user(taught, "pak_lain")
    assert [can(action, classroom, user=helper) for action in ("classes.view", "classes.manage", "classes.own")] == \
        [True, True, False]
    assert [can(action, classroom, user=outsider) for action in ("classes.view", "classes.manage", "classes.own")] == \
        [False, False, False]
    assert can("classes.own", classroom, user=user(taught, "bu_guru"))
    assert services.teaches(helper, user(taught, "ani")) and not services.teaches(outsider, user(taught, "ani"))
    assert can("student.reset_password", user(taught, "ani"), user=helper)
    assert [c.id for c in services.classes_of(helper)] == [classroom.id]
    assert services.remove_co_facilitator(classroom, helper.id) is True
    assert not can("classes.view", classroom, user=helper) and not services.teaches(helper, user(taught, "ani"))
    assert services.remove_co_facilitator(classroom, helper.id) is False


def test_only_facilitator_accounts_become_co_facilitators(db, taught):
    classroom = classroom_of(taught)
    with pytest.raises(services.ClassError, match="Tidak ada akun fasilitator bernama ani"):
        services.add_co_facilitator(classroom, "ani")
    with pytest.raises(services.ClassError, match="Tidak ada akun fasilitator bernama siapa"):
        services.add_co_facilitator(classroom, "siapa")
    with pytest.raises(services.ClassError, match="sudah mengajar"):
        services.add_co_facilitator(classroom, "PAK_PENDAMPING")
    with pytest.raises(services.ClassError, match="sudah mengajar"):
        services.add_co_facilitator(classroom, "bu_guru")


def test_an_archived_class_takes_no_one_and_changes_nothing(db, taught):
    classroom = classroom_of(taught)
    assert services.set_archived(classroom, True) is True and services.set_archived(classroom, True) is False
    with pytest.raises(services.ClassError, match="sudah diarsipkan dan tidak menerima siswa baru"):
        services.join(user(taught, "dedi"), classroom.code)
    module = db.session.get(Module, taught["module"])
    for attempt in (lambda: services.update_class(classroom, "X", "school", None),
                    lambda: services.regenerate_code(classroom),
                    lambda: services.assign(classroom, module, None),
                    lambda: services.add_co_facilitator(classroom, "pak_lain")):
        with pytest.raises(services.ClassError, match="sudah diarsipkan"):
            attempt()
    assert services.assignments_for(user(taught, "ani")) == []  # off the dashboard
    assert services.teaches(user(taught, "bu_guru"), user(taught, "ani"))  # still hers to look after
    assert [c.id for c in services.classes_of(user(taught, "bu_guru"))] == [classroom.id]
    services.set_archived(classroom, False)
    services.join(user(taught, "dedi"), classroom.code)
    assert services.is_member(classroom, user(taught, "dedi"))


def test_a_new_code_replaces_the_old_one_and_keeps_the_members(db, taught):
    classroom = classroom_of(taught)
    old = classroom.code
    new = services.regenerate_code(classroom)
    assert new != old and len(new) == 6
    with pytest.raises(services.ClassError, match="Kode kelas tidak ditemukan"):
        services.join(user(taught, "dedi"), old)
    assert len(services.roster(classroom)) == 3
    services.join(user(taught, "dedi"), new.lower())
    assert len(services.roster(classroom)) == 4


def test_a_student_in_two_classes_sees_each_module_once_with_the_earliest_due_date(db, taught):
    module = db.session.get(Module, taught["module"])
    second = services.create_class(user(taught, "pak_lain"), "Klub Literasi")
    services.join(user(taught, "ani"), second.code)
    services.assign(second, module, date.today() - timedelta(days=5))
    [assignment] = services.assignments_for(user(taught, "ani"))
    assert assignment.classroom_id == second.id and assignment.due_on == date.today() - timedelta(days=5)
    services.assign(second, module, None)  # assigning again changes the due date
    [assignment] = services.assignments_for(user(taught, "ani"))
    assert assignment.classroom_id == taught["class"]
    assert services.remove_member(second, user(taught, "ani"))  # she leaves one class, keeps the other
    assert [a.classroom_id for a in services.assignments_for(user(taught, "ani"))] == [taught["class"]]


def test_assignments_come_soonest_due_first_and_undated_last(db, taught, app):
    from literacy.content.services import import_paths
    from pathlib import Path

    import_paths([Path("content/netiket"), Path("content/cek-dulu-sebelum-sebar")])
    classroom = classroom_of(taught)
    netiket = db.session.scalar(select(Module).where(Module.slug == "netiket"))
    cek = db.session.scalar(select(Module).where(Module.slug == "cek-dulu-sebelum-sebar"))
    services.assign(classroom, netiket, None)
    services.assign(classroom, cek, date.today() + timedelta(days=3))
    order = [a.module.slug for a in services.assignments_for(user(taught, "budi"))]
    assert order == ["kenali-hoaks", "cek-dulu-sebelum-sebar", "netiket"]
    assert services.unassign(classroom, classroom.assignments[0].id) is True
    assert len(services.assignments_for(user(taught, "budi"))) == 2


# -- pages ------------------------------------------------------------------------------------

def test_the_facilitator_edits_and_archives_the_class(client, taught, login, app):
    login(client, "bu_guru")
    url = f"/kelas/{taught['class']}"
    response = client.submit(f"{url}/ubah", {"name": "Kelas 8C", "kind": "community", "ends_on": "2027-06-30"})
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Kelas 8C" in page and "Komunitas" in page and "30 Juni 2027" in page
    bad = client.submit(f"{url}/ubah", {"name": "", "kind": "sekte", "ends_on": "30/06/2027"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 200 and "Isi nama kelas." in text and "Tulis tanggal dengan lengkap" in text
    assert client.submit(f"{url}/arsip", {"archived": "1"}).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Kelas ini diarsipkan pada" in page and "Kode kelas" not in page  # no code to hand out
    assert client.get("/kelas").get_data(as_text=True).count("Kelas yang diarsipkan (1)") == 1
    with app.app_context():
        assert classroom_of(taught).archived


def test_a_co_facilitator_may_not_archive_or_pick_co_facilitators(client, taught, login):
    login(client, "pak_pendamping")
    url = f"/kelas/{taught['class']}"
    assert client.get(url).status_code == 200
    assert client.submit(f"{url}/arsip", {"archived": "1"}).status_code == 404
    assert client.submit(f"{url}/fasilitator", {"username": "pak_lain"}).status_code == 404
    assert client.submit(f"{url}/kode-baru").status_code == 303  # but may renew a leaked code


def test_adding_a_co_facilitator_by_username(client, taught, login, app):
    login(client, "bu_guru")
    url = f"/kelas/{taught['class']}"
    bad = client.submit(f"{url}/fasilitator", {"username": "ani"})
    assert bad.status_code == 400 and "Tidak ada akun fasilitator bernama ani" in bad.get_data(as_text=True)
    assert client.submit(f"{url}/fasilitator", {"username": "Pak_Lain"}).status_code == 303
    with app.app_context():
        assert {u.username for u in classroom_of(taught).co_facilitators} == {"pak_pendamping", "pak_lain"}
    assert client.submit(f"{url}/fasilitator/{taught['pak_lain']}/hapus").status_code == 303
    with app.app_context():
        assert {u.username for u in classroom_of(taught).co_facilitators} == {"pak_pendamping"}


def test_assigning_a_module_with_a_due_date(client, taught, login, app):
    login(client, "bu_guru")
    url = f"/kelas/{taught['class']}/modul"
    past = client.submit(url, {"module": "kenali-hoaks", "due_on": (date.today() - timedelta(days=2)).isoformat()})
    assert past.status_code == 400 and "Tenggat itu sudah lewat" in past.get_data(as_text=True)
    unknown = client.submit(url, {"module": "tidak-ada", "due_on": ""})
    assert unknown.status_code == 400 and "Not a valid choice" not in unknown.get_data(as_text=True)
    due = date.today() + timedelta(days=7)
    assert client.submit(url, {"module": "kenali-hoaks", "due_on": due.isoformat()}).status_code == 303
    with app.app_context():
        [assignment] = classroom_of(taught).assignments
        assert assignment.due_on == due
    client = app.test_client()
    login(client, "ani")
    dashboard = client.get("/dasbor").get_data(as_text=True)
    assert "Tugas dari kelasmu" in dashboard and "Kelas 8B" in dashboard
    assert dashboard.index("Tugas dari kelasmu") < dashboard.index("Kenali Hoaks")


def test_a_student_sees_an_overdue_assignment(app, client, taught, login):
    login(client, "budi")
    page = client.get("/dasbor").get_data(as_text=True)
    assert "Sudah lewat tenggat" in page
    client = app.test_client()
    login(client, "ani")  # passed it: never overdue
    assert "Sudah lewat tenggat" not in client.get("/dasbor").get_data(as_text=True)


def test_a_student_cannot_manage_a_class(client, taught, login):
    login(client, "ani")
    url = f"/kelas/{taught['class']}"
    for path in ("", "/ubah", "/modul", "/akun-siswa", "/persetujuan", "/kartu-masuk"):
        assert client.get(url + path).status_code == 404, path
    assert client.submit(f"{url}/kode-baru").status_code == 404


def test_the_dashboard_runs_the_same_queries_for_one_or_three_assignments(app, client, taught, login, count_queries):
    from pathlib import Path

    from literacy.content.services import import_paths

    login(client, "budi")
    with count_queries() as queries:
        assert client.get("/dasbor").status_code == 200
    one = len(queries)
    with app.app_context():
        import_paths([Path("content/netiket"), Path("content/cek-dulu-sebelum-sebar")])
        classroom = classroom_of(taught)
        for slug in ("netiket", "cek-dulu-sebelum-sebar"):
            services.assign(classroom, db.session.scalar(select(Module).where(Module.slug == slug)), None)
        db.session.remove()
    with count_queries() as queries:
        page = client.get("/dasbor").get_data(as_text=True)
    assert page.count('class="card pillar-') >= 3 and "Netiket" in page
    assert len(queries) == one == 21  # 19 without assignments; +2: the modules and their texts (classes come joined)
