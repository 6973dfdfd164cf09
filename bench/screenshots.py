"""Phone-width screenshots of the pages a student sees, for README.md, redone after any change.

Usage: .venv/bin/python bench/screenshots.py [--out docs/screenshots]

Runs the demo app (bench/demo.py: the bundled course and one student's story) on loopback,
opens it in Debian's Chromium through Playwright at 360 x 740 CSS pixels (a cheap Android
phone), logs the student in through the login form and takes the lesson, quiz, result,
dashboard, workshop and certificate pages, each as the top of the page a phone shows first,
and the lesson once more with the connection off (read from the phone, with the offline notice).
The PNGs are reduced to a 64-colour palette (the pages use a handful of colours), so each
weighs a few tens of KB.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.demo import PASSWORD, STUDENT, running_demo  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = ("lesson", "quiz", "result", "dashboard", "workshop", "certificate")
SIZE = {"width": 360, "height": 740}


def optimised(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
        return out.getvalue()


def main() -> None:
    from playwright.sync_api import expect, sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with running_demo() as (base, urls), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport=SIZE, locale="id-ID", device_scale_factor=1)
        page = context.new_page()
        page.goto(base + "/masuk")
        page.get_by_label("Nama pengguna atau email").fill(STUDENT)
        page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("button", name="Keluar", exact=True)).to_be_attached()
        for name in PAGES:
            page.goto(base + urls[name], wait_until="load")
            path = args.out / f"{name}.png"
            path.write_bytes(optimised(page.screenshot()))
            print(f"{path.relative_to(ROOT)}: {urls[name]}, {path.stat().st_size:,} bytes")
        # the lesson again with no connection: read from the phone, with the offline notice
        page.goto(base + urls["lesson"])
        expect(page.locator("html")).to_have_attribute("data-offline", "kept")
        context.set_offline(True)
        page.reload()
        expect(page.locator("#app-notices")).to_contain_text("luring")
        path = args.out / "lesson-offline.png"
        path.write_bytes(optimised(page.screenshot()))
        print(f"{path.relative_to(ROOT)}: {urls['lesson']} offline, {path.stat().st_size:,} bytes")
        browser.close()


if __name__ == "__main__":
    main()
