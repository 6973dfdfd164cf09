"""The demo app behind bench/screenshots.py and bench/lighthouse.sh --demo serves every page it names."""
from __future__ import annotations

import json
import urllib.request


def test_the_demo_serves_every_page_type_for_its_student():
    from bench.demo import running_demo, session_cookie

    with running_demo() as (base, urls):
        cookie = session_cookie(base)
        assert set(urls) == {"lesson", "quiz", "result", "dashboard", "workshop", "certificate", "verification"}
        for name, url in urls.items():
            request = urllib.request.Request(base + url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request) as response:
                assert response.status == 200 and response.url == base + url, name
                page = response.read().decode()
            assert "Sekar Ayu" in page if name == "certificate" else "Keluar" in page, name
        with urllib.request.urlopen(base + "/manifest.webmanifest") as response:
            assert json.load(response)["short_name"] == "Literasi"
