"""Indonesia's 38 provinces and the time zone each one keeps (WIB, WITA, WIT).

A workshop's zone follows from its province; a province is stored by its slug, shown by its name.
"""
from __future__ import annotations

import re

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

# (name, zone), west to east, as the Kemendagri list orders them.
_PROVINCES = [
    ("Aceh", WIB), ("Sumatera Utara", WIB), ("Sumatera Barat", WIB), ("Riau", WIB), ("Jambi", WIB),
    ("Sumatera Selatan", WIB), ("Bengkulu", WIB), ("Lampung", WIB), ("Kepulauan Bangka Belitung", WIB),
    ("Kepulauan Riau", WIB), ("DKI Jakarta", WIB), ("Jawa Barat", WIB), ("Jawa Tengah", WIB),
    ("DI Yogyakarta", WIB), ("Jawa Timur", WIB), ("Banten", WIB),
    ("Bali", WITA), ("Nusa Tenggara Barat", WITA), ("Nusa Tenggara Timur", WITA),
    ("Kalimantan Barat", WIB), ("Kalimantan Tengah", WIB),
    ("Kalimantan Selatan", WITA), ("Kalimantan Timur", WITA), ("Kalimantan Utara", WITA),
    ("Sulawesi Utara", WITA), ("Sulawesi Tengah", WITA), ("Sulawesi Selatan", WITA),
    ("Sulawesi Tenggara", WITA), ("Gorontalo", WITA), ("Sulawesi Barat", WITA),
    ("Maluku", WIT), ("Maluku Utara", WIT),
    ("Papua", WIT), ("Papua Barat", WIT), ("Papua Selatan", WIT), ("Papua Tengah", WIT),
    ("Papua Pegunungan", WIT), ("Papua Barat Daya", WIT),
]


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


PROVINCES: dict[str, tuple[str, str]] = {slugify(name): (name, zone) for name, zone in _PROVINCES}


def name_of(slug: str) -> str:
    return PROVINCES[slug][0]


def zone_of(slug: str) -> str:
    return PROVINCES[slug][1]


def choices() -> list[tuple[str, str]]:
    """(slug, name) in alphabetical order, for a select box."""
    return sorted(((slug, name) for slug, (name, _) in PROVINCES.items()), key=lambda c: c[1])
