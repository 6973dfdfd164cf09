"""Control characters and NUL in any input get a clear 400, never a 500 (issue 9, item 7)."""
from __future__ import annotations

import pytest

from literacy.security import CONTROL_IN_FORMS

from .conftest import PASSWORD

MESSAGE = "karakter tak terlihat"


def test_a_line_break_in_next_is_refused_not_a_server_error(client):
    response = client.get("/masuk?next=/%0D%0AX:1")
    assert response.status_code == 400 and MESSAGE in response.get_data(as_text=True)


def test_a_line_break_in_the_language_switchs_next_is_refused(client):
    response = client.get("/bahasa/en", query_string={"next": "/modul\r\nSet-Cookie: x=1"})
    assert response.status_code == 400 and MESSAGE in response.get_data(as_text=True)
    assert "x=1" not in str(response.headers)


@pytest.mark.parametrize("url, field", [("/masuk", "login"), ("/lupa-kata-sandi", "login"), ("/masuk", "password")])
def test_nul_in_a_field_is_a_clear_400_on_every_database(client, make_user, url, field):
    make_user("nadia")
    data = {"login": "nadia", "password": PASSWORD}
    data[field] = data[field] + "\x00"
    response = client.submit(url, data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert MESSAGE in page and "Traceback" not in page


def test_nul_in_the_address_is_a_clear_400(client):
    response = client.get("/modul/%00")
    assert response.status_code == 400 and MESSAGE in response.get_data(as_text=True)


def test_every_page_refuses_nul_in_its_query_string(app, client):
    pages = [rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and not rule.arguments]
    assert len(pages) > 10
    for page in pages:
        response = client.get(page + "?q=%00")
        assert response.status_code == 400, page


def test_typed_text_may_hold_line_breaks_and_tabs():
    assert not CONTROL_IN_FORMS.search("Baris satu\r\nBaris\tdua")
    assert all(CONTROL_IN_FORMS.search(char) for char in ("\x00", "\x08", "\x1b", "\x7f"))


@pytest.mark.parametrize("url", ["/lokakarya/99999999999999999999", "/kelas/99999999999999999999",
                                 "/admin/pengguna/99999999999999999999"])
def test_an_id_too_long_for_the_database_is_a_404(client, url):
    assert client.get(url).status_code == 404
