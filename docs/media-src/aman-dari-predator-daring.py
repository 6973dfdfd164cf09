"""Draw the images of the module content/aman-dari-predator-daring.

Draws tangga-grooming.png (Indonesian) or, with --lang en, tangga-grooming-en.png (English).
Run from the repository root:  python3 docs/media-src/aman-dari-predator-daring.py [--lang en]
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).
"""
from pathlib import Path

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[2] / "content" / "aman-dari-predator-daring" / "media"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

W, H = 720, 560
BG = (255, 255, 255)
INK = (33, 37, 41)
MUTED = (90, 98, 106)
STEP_COLOURS = [
    (255, 236, 179),  # 1 soft yellow
    (255, 214, 153),  # 2
    (255, 190, 140),  # 3
    (250, 160, 130),  # 4
    (235, 120, 110),  # 5 red-ish: the most dangerous step
]
HELP_BG = (220, 242, 230)
HELP_INK = (20, 100, 60)


TEXTS = {
    "id": {
        "title": "Pola grooming daring: lima anak tangga",
        "subtitle": "Urutannya bisa berbeda, dan kadang terjadi sangat cepat.",
        "steps": [
            ("1", "Pujian & perhatian", "\"Kamu beda dari yang lain.\""),
            ("2", "Hadiah", "Pulsa, kuota, diamond gim."),
            ("3", "Rahasia", "\"Jangan bilang siapa-siapa.\""),
            ("4", "Menjauhkan", "\"Cuma aku yang ngerti kamu.\""),
            ("5", "Pindah ke chat pribadi", "Minta foto, video call, ketemuan."),
        ],
        "panel": ["Kamu boleh", "berhenti di anak", "tangga mana pun."],
        "items": [
            "1. Simpan bukti",
            "   (tangkapan layar)",
            "2. Blokir & laporkan",
            "3. Cerita ke orang",
            "   dewasa tepercaya",
            "",
            "SAPA 129",
            "Telepon 129",
            "WA 08111-129-129",
            "",
            "Ini bukan salahmu.",
        ],
        "bold": ("SAPA 129", "Ini bukan salahmu."),
    },
    "en": {
        "title": "Online grooming: five steps up",
        "subtitle": "The order can change, and sometimes it happens very fast.",
        "steps": [
            ("1", "Praise & attention", "\"You're not like the others.\""),
            ("2", "Gifts", "Phone credit, data, game diamonds."),
            ("3", "Secrets", "\"Don't tell anyone.\""),
            ("4", "Cutting you off", "\"Only I understand you.\""),
            ("5", "Moving to private chat", "Photos, video calls, meeting up."),
        ],
        "panel": ["You can stop", "at any step."],
        "items": [
            "1. Keep evidence",
            "   (screenshots)",
            "2. Block & report",
            "3. Tell an adult",
            "   you trust",
            "",
            "SAPA 129",
            "Call 129",
            "WA 08111-129-129",
            "",
            "It's not your fault.",
        ],
        "bold": ("SAPA 129", "It's not your fault."),
    },
}


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(FONT_DIR + name, size)


def tangga_grooming(lang="id"):
    """Five rising steps of online grooming, with a 'you can stop at any step' panel."""
    t = TEXTS[lang]
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)

    d.text((24, 18), t["title"], font=font(24, True), fill=INK)
    d.text((24, 52), t["subtitle"],
           font=font(16), fill=MUTED)

    steps = t["steps"]
    step_w, step_h = 300, 62
    x0, y_bottom = 24, 530
    for i, (num, title, example) in enumerate(steps):
        x = x0 + i * 36
        y = y_bottom - (i + 1) * (step_h + 12)
        d.rounded_rectangle([x, y, x + step_w, y + step_h], radius=10,
                            fill=STEP_COLOURS[i], outline=INK, width=2)
        d.ellipse([x + 10, y + 14, x + 44, y + 48], fill=BG, outline=INK, width=2)
        nf = font(20, True)
        tw = d.textlength(num, font=nf)
        d.text((x + 27 - tw / 2, y + 18), num, font=nf, fill=INK)
        d.text((x + 54, y + 8), title, font=font(17, True), fill=INK)
        d.text((x + 54, y + 34), example, font=font(14), fill=INK)

    # Help panel on the right
    px0, py0, px1, py1 = 482, 110, 706, 520
    d.rounded_rectangle([px0, py0, px1, py1], radius=14, fill=HELP_BG, outline=HELP_INK, width=3)
    for i, line in enumerate(t["panel"]):
        d.text((px0 + 16, py0 + 14 + i * 26), line, font=font(18, True), fill=HELP_INK)
    items = t["items"]
    y = py0 + 112
    for line in items:
        bold = line in t["bold"]
        d.text((px0 + 16, y), line, font=font(16, bold), fill=INK if not bold else HELP_INK)
        y += 24

    out = OUT / file_name("tangga-grooming.png", lang)
    img = img.quantize(colors=32, method=Image.Quantize.MEDIANCUT)
    img.save(out, optimize=True)
    return out


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    path = tangga_grooming(language())
    print(path, path.stat().st_size, "bytes")
