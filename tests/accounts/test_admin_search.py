"""The admin user search: what is typed is searched for literally, wildcards included."""
from __future__ import annotations

import pytest

from literacy.accounts import services


@pytest.fixture
def people(db, make_user):
    make_user("ani", display_name="Ani Diskon 100%")
    make_user("budi_santoso")
    make_user("citra", display_name="Citra/Dewi")
    make_user("dodi", display_name="Dodi \\ Eko")
    make_user("eka", email="eka.putri@contoh.id")


def found(query: str) -> list[str]:
    return [user.username for user in services.search_users(query, 1).items]


@pytest.mark.parametrize("query, expected", [
    ("%", ["ani"]),
    ("_", ["budi_santoso"]),
    ("i_s", ["budi_santoso"]),
    ("0%", ["ani"]),
    ("/", ["citra"]),
    ("\\", ["dodi"]),
    ("a%i", []),
    ("eka.putri", ["eka"]),
    ("DISKON", ["ani"]),
])
def test_search_takes_like_wildcards_literally(people, query, expected):
    assert found(query) == expected


def test_an_empty_search_lists_everyone(people):
    assert found("") == ["ani", "budi_santoso", "citra", "dodi", "eka"]
