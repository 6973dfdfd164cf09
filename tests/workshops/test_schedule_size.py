"""A national schedule is long: the month is narrowed in the database, the lists are bounded."""
from __future__ import annotations

from datetime import datetime

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.utils import utcnow
from literacy.workshops import services


def next_year() -> int:
    return utcnow().year + 1


def test_the_month_filter_keeps_each_workshop_in_the_month_of_its_own_zone(app, make_workshop):
    year = next_year()
    wanted = {
        make_workshop(title="Papua, 1 Januari 00.30 WIT", province="papua",
                      starts_at=datetime(year, 1, 1, 0, 30), ends_at=datetime(year, 1, 1, 2, 0)),
        make_workshop(title="NTT, 31 Januari 23.00 WITA", province="nusa-tenggara-timur",
                      starts_at=datetime(year, 1, 31, 23, 0), ends_at=datetime(year, 1, 31, 23, 45)),
    }
    # 31 December 23.30 WIB is later in UTC than 1 January 00.30 WIT, yet in December
    make_workshop(title="Aceh, 31 Desember 23.30 WIB", province="aceh",
                  starts_at=datetime(year - 1, 12, 31, 23, 30), ends_at=datetime(year - 1, 12, 31, 23, 50))
    make_workshop(title="Aceh, 1 Februari 00.30 WIB", province="aceh",
                  starts_at=datetime(year, 2, 1, 0, 30), ends_at=datetime(year, 2, 1, 2, 0))
    with app.app_context():
        schedule = services.schedule(services.Filters(month=f"{year}-01"))
        assert {w.id for w in schedule.upcoming} == wanted
        assert not schedule.more


def test_month_window_is_wide_enough_for_every_zone():
    assert services.month_window("2027-12") == (datetime(2027, 11, 30, 15), datetime(2027, 12, 31, 17))


def test_a_month_that_does_not_exist_is_ignored():
    assert services.Filters.from_args({"bulan": "2027-13"}).month == ""
    assert services.Filters.from_args({"bulan": "2027-00"}).month == ""
    assert services.Filters.from_args({"bulan": "2027-12"}).month == "2027-12"


def test_the_schedule_shows_the_soonest_and_says_there_are_more(app, client, make_workshop, monkeypatch):
    monkeypatch.setattr(services, "UPCOMING_SHOWN", 2)
    later, soonest, second = (make_workshop(title=f"Lokakarya {days}", starts_at=datetime(next_year(), 3, days, 9),
                                            ends_at=datetime(next_year(), 3, days, 12)) for days in (9, 2, 5))
    with app.app_context():
        schedule = services.schedule(services.Filters())
        assert [w.id for w in schedule.upcoming] == [soonest, second]
        assert schedule.more
    page = client.get("/lokakarya").get_data(as_text=True)
    assert "Ini 2 lokakarya terdekat. Pilih provinsi atau bulan untuk melihat yang lain." in page
    assert f"/lokakarya/{later}\"" not in page


def test_the_planning_list_holds_the_latest_workshops_only(app, make_workshop, facilitator):
    ids = [make_workshop(title=f"Lokakarya {day}", starts_at=datetime(next_year(), 4, day, 9),
                         ends_at=datetime(next_year(), 4, day, 12)) for day in (1, 3, 2)]
    with app.app_context():
        owner = db.session.get(User, facilitator)
        assert [w.id for w in services.managed_by(owner, limit=2)] == [ids[1], ids[2]]
        first, second = services.managed_page(owner, 1, per_page=2), services.managed_page(owner, 2, per_page=2)
        assert [w.id for w in first.items] == [ids[1], ids[2]] and first.total == 3 and first.has_next
        assert [w.id for w in second.items] == [ids[0]] and not second.has_next
        assert services.managed_page(owner, 3, per_page=2).items == []
        assert [w.id for w in services.managed_page(owner, -4, per_page=2).items] == [ids[1], ids[2]]


def test_the_planning_page_walks_through_every_workshop_page_by_page(app, make_workshop, facilitator, login,
                                                                     monkeypatch):
    monkeypatch.setattr(services, "MANAGED_PER_PAGE", 2)
    for day in (1, 2, 3):
        make_workshop(title=f"Lokakarya {day} April", starts_at=datetime(next_year(), 4, day, 9),
                      ends_at=datetime(next_year(), 4, day, 12))
    client = app.test_client()
    login(client, "bu_fasil")
    first = client.get("/lokakarya/kelola").get_data(as_text=True)
    assert "Lokakarya 3 April" in first and "Lokakarya 2 April" in first and "Lokakarya 1 April" not in first
    assert "Halaman 1 dari 2, terbaru menurut tanggal mulai (3 lokakarya)." in first
    assert 'href="/lokakarya/kelola?halaman=2" rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/lokakarya/kelola?halaman=2").get_data(as_text=True)
    assert "Lokakarya 1 April" in second and "Lokakarya 3 April" not in second
    assert 'href="/lokakarya/kelola?halaman=1" rel="prev"' in second and 'rel="next"' not in second
    for past_the_end in ("?halaman=9", "?halaman=-1&halaman=x", "?halaman=99999999999999999999"):
        response = client.get("/lokakarya/kelola" + past_the_end)
        assert response.status_code == 200
    assert "Halaman ini kosong." in client.get("/lokakarya/kelola?halaman=9").get_data(as_text=True)
    assert "Lokakarya 3 April" in client.get("/lokakarya/kelola?halaman=abc").get_data(as_text=True)


def test_workshops_from_the_edge_of_the_next_month_take_no_place_in_the_list(app, make_workshop, monkeypatch):
    """The month is exact in the database, so the list's limit and its "more" count only that month."""
    monkeypatch.setattr(services, "UPCOMING_SHOWN", 2)
    year = next_year()
    december = [make_workshop(title=f"Desember {day}", province="aceh", starts_at=datetime(year, 12, day, 2),
                              ends_at=datetime(year, 12, day, 4)) for day in (3, 4)]
    # 30 November 23.00 WITA (15.00 UTC) is inside the wide UTC window of December, yet in November
    make_workshop(title="NTT, 30 November 23.00 WITA", province="nusa-tenggara-timur",
                  starts_at=datetime(year, 11, 30, 15), ends_at=datetime(year, 11, 30, 15, 45))
    with app.app_context():
        schedule = services.schedule(services.Filters(month=f"{year}-12"))
        assert [w.id for w in schedule.upcoming] == december
        assert not schedule.more


def test_a_month_of_an_impossible_year_is_ignored_not_an_error(client):
    for month in ("0000-01", "0001-01", "9999-12"):
        assert services.Filters.from_args({"bulan": month}).month == ""
        assert client.get(f"/lokakarya?bulan={month}").status_code == 200
