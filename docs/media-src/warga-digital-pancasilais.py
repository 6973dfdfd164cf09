"""Draw the images of the module warga-digital-pancasilais.

Run from the repository root:  python docs/media-src/warga-digital-pancasilais.py [--lang en]
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).
Writes content/warga-digital-pancasilais/media/siklus-gelembung-filter.png (Indonesian labels),
or with --lang en siklus-gelembung-filter-en.png (English labels). The first edition's English
file was named filter-bubble-cycle.png; the English lesson moves to the -en name when it is redrawn.
"""

import math
from pathlib import Path

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
MEDIA = ROOT / "content" / "warga-digital-pancasilais" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

WIDTH, HEIGHT = 720, 620
INK = (33, 37, 41)
GREY = (90, 98, 110)
BUBBLE = (214, 234, 248)
BUBBLE_EDGE = (93, 156, 214)
BOX = (255, 244, 214)
BOX_EDGE = (204, 150, 40)
EXIT = (220, 242, 224)
EXIT_EDGE = (46, 139, 87)

TEXTS = {
    "id": {
        "title": "Siklus gelembung filter",
        "centre": ["Gelembung", "filter"],
        "steps": [
            "1. Kamu menonton dan menyukai konten tertentu",
            "2. Algoritma mencatat kebiasaanmu",
            "3. Beranda menampilkan lebih banyak konten serupa",
            "4. Pandangan lain makin jarang terlihat",
        ],
        "exit_title": "Cara keluar:",
        "exit": "cari topik sendiri, ikuti sumber yang beragam, pilih \u201cTidak\u00a0tertarik\u201d",
    },
    "en": {
        "title": "The filter bubble cycle",
        "centre": ["Filter", "bubble"],
        "steps": [
            "1. You watch and like certain content",
            "2. The algorithm records your habits",
            "3. Your feed shows more of the same",
            "4. Other views appear less and less",
        ],
        "exit_title": "Ways out:",
        "exit": "search topics yourself, follow varied sources, tap \u201cNot\u00a0interested\u201d",
    },
}


def font(name, size):
    return ImageFont.truetype(str(FONT_DIR / name), size)


def wrap(draw, text, fnt, max_width):
    """Split text into lines no wider than max_width pixels."""
    lines, line = [], ""
    for word in text.split(" "):  # not split(): keeps no-break spaces
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=fnt) <= max_width:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def centred_text(draw, cx, cy, lines, fnt, fill=INK, gap=4):
    heights = [fnt.getbbox(line)[3] - fnt.getbbox(line)[1] for line in lines]
    total = sum(heights) + gap * (len(lines) - 1)
    y = cy - total / 2
    for line, h in zip(lines, heights):
        w = draw.textlength(line, font=fnt)
        draw.text((cx - w / 2, y - fnt.getbbox(line)[1]), line, font=fnt, fill=fill)
        y += h + gap


def arrow(draw, start, end, width=4, head=14):
    draw.line([start, end], fill=GREY, width=width)
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - head * math.cos(angle - 0.45), end[1] - head * math.sin(angle - 0.45))
    right = (end[0] - head * math.cos(angle + 0.45), end[1] - head * math.sin(angle + 0.45))
    draw.polygon([end, left, right], fill=GREY)


def draw_cycle(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    d = ImageDraw.Draw(img)
    title_font = font("DejaVuSans-Bold.ttf", 24)
    box_font = font("DejaVuSans.ttf", 17)
    centre_font = font("DejaVuSans-Bold.ttf", 20)
    exit_bold = font("DejaVuSans-Bold.ttf", 17)

    centred_text(d, WIDTH / 2, 30, [t["title"]], title_font)

    cx, cy, r = WIDTH / 2, 300, 82
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=BUBBLE, outline=BUBBLE_EDGE, width=4)
    centred_text(d, cx, cy, t["centre"], centre_font)

    bw, bh = 240, 92
    centres = [(cx, 115), (590, cy), (cx, 485), (130, cy)]
    for (bx, by), step in zip(centres, t["steps"]):
        d.rounded_rectangle([bx - bw / 2, by - bh / 2, bx + bw / 2, by + bh / 2],
                            radius=14, fill=BOX, outline=BOX_EDGE, width=3)
        centred_text(d, bx, by, wrap(d, step, box_font, bw - 24), box_font)

    arrow(d, (cx + bw / 2 + 6, 125), (575, cy - bh / 2 - 8))
    arrow(d, (575, cy + bh / 2 + 6), (cx + bw / 2 + 8, 470))
    arrow(d, (cx - bw / 2 - 6, 470), (145, cy + bh / 2 + 8))
    arrow(d, (145, cy - bh / 2 - 6), (cx - bw / 2 - 8, 125))

    top = 552
    d.rounded_rectangle([20, top, WIDTH - 20, HEIGHT - 12], radius=12,
                        fill=EXIT, outline=EXIT_EDGE, width=3)
    label_w = d.textlength(t["exit_title"], font=exit_bold)
    d.text((36, top + 10), t["exit_title"], font=exit_bold, fill=EXIT_EDGE)
    lines = wrap(d, t["exit"], box_font, WIDTH - 80 - label_w)
    for i, line in enumerate(lines):
        d.text((44 + label_w, top + 10 + i * 22), line, font=box_font, fill=INK)

    out = MEDIA / file_name("siklus-gelembung-filter.png", lang)
    img.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    MEDIA.mkdir(parents=True, exist_ok=True)
    draw_cycle(language())
