"""Lists that page (?halaman=N): any number a person or a crawler types gives a page, never a 500."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from literacy.utils import LAST_PAGE, page_number

HUGE = "99999999999999999999"  # past what the database's OFFSET holds


@pytest.mark.parametrize("given, page", [(None, 1), ("3", 3), ("0", 1), ("-7", 1), ("x", 1), ("", 1),
                                         (str(LAST_PAGE), LAST_PAGE), (HUGE, LAST_PAGE)])
def test_the_page_number_is_always_one_the_database_can_take(given, page):
    args = MultiDict({} if given is None else {"halaman": given})
    assert page_number(args) == page


@pytest.mark.parametrize("username, role, url", [
    ("bu_fasil", "facilitator", "/lokakarya/kelola"),
    ("pak_admin", "admin", "/admin/pengguna"),
    ("pak_admin", "admin", "/admin/log-modul"),
])
def test_a_huge_or_negative_page_is_an_empty_page_not_an_error(app, make_user, login, username, role, url):
    make_user(username, role=role, birth_year=1980, email=f"{username}@contoh.id")
    client = app.test_client()
    login(client, username)
    for value in (HUGE, "-1", "abc"):
        response = client.get(f"{url}?halaman={value}")
        assert response.status_code == 200, (url, value)
