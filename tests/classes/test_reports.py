"""The class report: numbers on a known class, sorting, CSV, missed questions, gain, cost, access."""
from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import select

from literacy.accounts.models import User
from literacy.catalog.models import Module
from literacy.classes import reports, services
from literacy.extensions import db
from literacy.learning.models import QuizAttempt

from ..weight import only_the_app_script
from .conftest import classroom_of, first_wrong_answers, take


def test_each_cell_says_how_far_the_student_got(db, taught):
    report = reports.build(classroom_of(taught), date.today())
    [assignment] = report.assignments
    by_name = {s.username: report.cell(s, assignment) for s in report.students}
    ani, budi, citra = by_name["ani"], by_name["budi"], by_name["citra"]
    assert (ani.state, ani.best_score, ani.lessons_done, ani.overdue) == (reports.PASSED, 100.0, 2, False)
    assert (budi.state, budi.lessons_done, budi.lesson_count, budi.best_score, budi.overdue) == \
        (reports.IN_PROGRESS, 1, 2, 0.0, True)
    assert (citra.state, citra.attempts, citra.overdue) == (reports.NOT_STARTED, 0, True)
    assert ani.pretest_score == 0.0 and ani.gain == 100.0 and budi.gain is None


def test_the_class_averages_count_every_student(db, taught):
    [summary] = reports.build(classroom_of(taught), date.today()).summaries
    assert (summary.students, summary.started, summary.done, summary.overdue) == (3, 2, 1, 2)
    assert summary.done_percent == 33.3
    assert summary.average_score == 50.0  # ani 100, budi 0; citra has no score and is not averaged
    assert summary.average_gain == 100.0  # only ani took both the pre-test and the quiz


def test_nothing_is_overdue_before_or_on_the_due_day(db, taught):
    classroom = classroom_of(taught)
    due = classroom.assignments[0].due_on
    report = reports.build(classroom, due)
    assert [report.cell(s, report.assignments[0]).overdue for s in report.students] == [False, False, False]


def test_rows_sort_by_name_by_modules_done_and_by_one_module(db, taught):
    report = reports.build(classroom_of(taught), date.today())
    names = lambda rows: [s.username for s in rows]  # noqa: E731
    assert names(report.sorted_students("nama", False)) == ["ani", "budi", "citra"]
    assert names(report.sorted_students("nama", True)) == ["citra", "budi", "ani"]
    assert names(report.sorted_students(str(taught["module"]), True)) == ["ani", "budi", "citra"]
    assert names(report.sorted_students(str(taught["module"]), False)) == ["citra", "budi", "ani"]
    assert names(report.sorted_students("selesai", True))[0] == "ani"
    assert names(report.sorted_students("999999", True)) == ["citra", "budi", "ani"]  # unknown: by name


def test_the_most_missed_question_names_the_wrong_option_chosen(db, taught):
    module = db.session.get(Module, taught["module"])
    drawn = {name: set(db.session.scalar(select(QuizAttempt.question_ids).where(
        QuizAttempt.user_id == taught[name], QuizAttempt.kind == "quiz"))) for name in ("ani", "budi")}
    missed = reports.missed_questions([taught["ani"], taught["budi"]], module)
    assert {m.question.id for m in missed} == drawn["budi"]  # budi got his three questions wrong, ani none
    for item in missed:
        answered = 1 + (item.question.id in drawn["ani"])
        assert (item.answered, item.wrong, item.wrong_percent, item.wrong_option_count) == \
            (answered, 1, 100.0 / answered, 1)
        assert item.wrong_option not in item.question.correct
    assert [m.wrong_percent for m in missed] == sorted((m.wrong_percent for m in missed), reverse=True)
    citra = set(take(taught["citra"], module, first_wrong_answers).question_ids)
    again = reports.missed_questions([taught["ani"], taught["budi"], taught["citra"]], module, limit=100)
    assert {m.question.id: m.wrong for m in again} == {
        question: (question in drawn["budi"]) + (question in citra) for question in drawn["budi"] | citra}


def test_the_report_page_shows_the_matrix_and_averages(client, taught, login):
    login(client, "bu_guru")
    response = client.get(f"/kelas/{taught['class']}/laporan")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "lulus, 100%" in page and "1/2 pelajaran, terlambat" in page and "belum mulai, terlambat" in page
    assert "33,3% selesai" in page and "nilai rata-rata 50%" in page
    assert "<svg" in page and only_the_app_script(page)  # the chart is drawn on the server, not by a script
    assert page.index(">ani<") < page.index(">budi<") < page.index(">citra<")
    desc = client.get(f"/kelas/{taught['class']}/laporan?urut=nama&arah=turun").get_data(as_text=True)
    assert desc.index(">citra<") < desc.index(">budi<") < desc.index(">ani<")


def test_the_csv_opens_in_excel_with_the_same_numbers(client, taught, login):
    login(client, "pak_pendamping")  # a co-facilitator reads the report too
    response = client.get(f"/kelas/{taught['class']}/laporan.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Nama pengguna", "Nama", "Kenali Hoaks", "Modul selesai"]
    assert rows[1] == ["ani", "", "lulus, 100%", "1"]  # a child's name is not stored without consent
    assert rows[2][2] == "1/2 pelajaran, terlambat" and rows[3][2] == "belum mulai, terlambat"
    assert rows[4][0] == "Rata-rata kelas" and rows[4][2] == "33,3% selesai, nilai rata-rata 50%"


def test_the_student_and_module_pages(client, taught, login):
    login(client, "bu_guru")
    page = client.get(f"/kelas/{taught['class']}/laporan/siswa/{taught['ani']}").get_data(as_text=True)
    assert "lulus, 100%" in page and "+100" in page
    page = client.get(f"/kelas/{taught['class']}/laporan/modul/kenali-hoaks").get_data(as_text=True)
    assert "Soal yang paling sering salah" in page and "Salah 1 dari " in page
    assert "Kenaikan rata-rata dari tes awal ke kuis: 100 poin (1 siswa)" in page
    assert client.get(f"/kelas/{taught['class']}/laporan/siswa/{taught['dedi']}").status_code == 404
    assert client.get(f"/kelas/{taught['class']}/laporan/modul/tidak-ada").status_code == 404


def test_only_the_class_facilitators_see_its_report(app, taught, login):
    urls = [f"/kelas/{taught['class']}/laporan", f"/kelas/{taught['class']}/laporan.csv",
            f"/kelas/{taught['class']}/laporan/siswa/{taught['ani']}",
            f"/kelas/{taught['class']}/laporan/modul/kenali-hoaks"]
    for name, expected in (("pak_lain", 404), ("budi", 404), ("pak_pendamping", 200)):
        client = app.test_client()
        login(client, name)
        assert [client.get(url).status_code for url in urls] == [expected] * 4, name
    assert app.test_client().get(urls[0]).status_code == 302  # anonymous: to the login page


def _big_class(app, make_user, taught, size: int) -> None:
    user_ids = [make_user(f"murid{n}", birth_year=2011) for n in range(size)]
    with app.app_context():
        module = db.session.get(Module, taught["module"])
        for n, user_id in enumerate(user_ids):
            services.join(db.session.get(User, user_id), taught["code"])
            if n % 3 == 0:
                take(user_id, module, first_wrong_answers)
        db.session.remove()


def _report_queries(client, count_queries, taught) -> dict[str, int]:
    counts = {}
    for url in (f"/kelas/{taught['class']}/laporan", f"/kelas/{taught['class']}/laporan.csv",
                f"/kelas/{taught['class']}/laporan/modul/kenali-hoaks",
                f"/kelas/{taught['class']}/laporan/siswa/{taught['ani']}"):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_report_pages_run_the_same_queries_for_3_and_300_students(app, client, taught, login, make_user,
                                                                   count_queries):
    login(client, "bu_guru")
    small = _report_queries(client, count_queries, taught)
    _big_class(app, make_user, taught, 297)
    with app.app_context():
        assert len(services.roster(classroom_of(taught))) == 300
    assert _report_queries(client, count_queries, taught) == small
    assert list(small.values()) == [11, 9, 11, 12]  # attendance: registrations, then their workshops by id; a module or a student page builds only its column or row


def test_attendance_at_workshops_shows_in_the_report(app, client, taught, login):
    from literacy.workshops import registrations
    from literacy.workshops import services as workshops
    from tests.workshops.conftest import workshop_data

    with app.app_context():
        facilitator = db.session.get(User, taught["bu_guru"])
        workshop = workshops.save_workshop(facilitator, workshop_data(title="Lokakarya Cek Fakta"))
        workshops.publish(workshop)
        registration = registrations.register(db.session.get(User, taught["budi"]), workshop)
        registrations.check_in(facilitator, registration, now=workshop.starts_at)
        registrations.register(db.session.get(User, taught["ani"]), workshop)  # registered, not present
        db.session.remove()
    login(client, "bu_guru")
    page = client.get(f"/kelas/{taught['class']}/laporan").get_data(as_text=True)
    assert "budi: Lokakarya Cek Fakta" in page and "ani: Lokakarya" not in page
    page = client.get(f"/kelas/{taught['class']}/laporan/siswa/{taught['budi']}").get_data(as_text=True)
    assert "Lokakarya Cek Fakta" in page
