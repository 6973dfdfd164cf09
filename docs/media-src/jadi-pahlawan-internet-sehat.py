"""Draw the images of the module content/jadi-pahlawan-internet-sehat.

Run from the repository root:  python3 docs/media-src/jadi-pahlawan-internet-sehat.py [--lang en]
Draws papan-ular-tangga.png (Indonesian), or with --lang en papan-ular-tangga-en.png (English).
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).
"""
import math
from pathlib import Path

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[2] / "content" / "jadi-pahlawan-internet-sehat" / "media"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

INK = (33, 37, 41)
MUTED = (90, 98, 106)
CELL_A = (232, 244, 253)
CELL_B = (255, 255, 255)
LADDER = (30, 130, 76)
SNAKE = (200, 55, 55)

COLS, ROWS = 6, 5
CELL = 64
BOARD_X, BOARD_Y = 20, 70

# (from, to, label): ladders go up, snakes go down.
TEXTS = {
    "id": {
        "title": "Contoh papan ular tangga literasi digital",
        "subtitle": "Tangga = kebiasaan baik (naik). Ular = kebiasaan berisiko (turun).",
        "start": "MULAI di kotak 1, FINIS di kotak 30",
        "ladders_title": "Tangga (naik)",
        "snakes_title": "Ular (turun)",
        "ladders": [
            (3, 11, "Aktifkan verifikasi dua langkah"),
            (8, 17, "Cek fakta sebelum membagikan"),
            (15, 24, "Cerita ke guru BK saat diancam"),
        ],
        "snakes": [
            (12, 2, "Memberi kode OTP ke \"petugas\" palsu"),
            (21, 10, "Memasang APK undangan dari nomor asing"),
            (28, 19, "Menyebar foto memalukan teman"),
        ],
        "note": "Setiap berhenti di ular atau tangga, kelompok membahas kenapa "
                "kebiasaan itu aman atau berbahaya.",
    },
    "en": {
        "title": "Example digital-literacy snakes and ladders",
        "subtitle": "Ladders = good habits (go up). Snakes = risky habits (go down).",
        "start": "START on square 1, FINISH on square 30",
        "ladders_title": "Ladders (up)",
        "snakes_title": "Snakes (down)",
        "ladders": [
            (3, 11, "Turn on two-step verification"),
            (8, 17, "Fact-check before you share"),
            (15, 24, "Tell the school counsellor when threatened"),
        ],
        "snakes": [
            (12, 2, "Give an OTP code to a fake \"officer\""),
            (21, 10, "Install an invitation APK from an unknown number"),
            (28, 19, "Share an embarrassing photo of a friend"),
        ],
        "note": "At every snake or ladder, the group discusses why that habit "
                "is safe or dangerous.",
    },
}


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(FONT_DIR + name, size)


def cell_centre(n):
    """Centre of square n (1-based), numbered boustrophedon from the bottom left."""
    row = (n - 1) // COLS
    col = (n - 1) % COLS
    if row % 2 == 1:
        col = COLS - 1 - col
    x = BOARD_X + col * CELL + CELL // 2
    y = BOARD_Y + (ROWS - 1 - row) * CELL + CELL // 2
    return x, y


def draw_ladder(d, a, b):
    (x1, y1), (x2, y2) = cell_centre(a), cell_centre(b)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    nx, ny = -dy / length * 9, dx / length * 9
    for s in (1, -1):
        d.line([(x1 + s * nx, y1 + s * ny), (x2 + s * nx, y2 + s * ny)], fill=LADDER, width=4)
    rungs = int(length // 18)
    for i in range(1, rungs):
        t = i / rungs
        cx, cy = x1 + dx * t, y1 + dy * t
        d.line([(cx + nx, cy + ny), (cx - nx, cy - ny)], fill=LADDER, width=3)


def draw_snake(d, a, b):
    (x1, y1), (x2, y2) = cell_centre(a), cell_centre(b)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    nx, ny = -dy / length, dx / length
    pts = []
    steps = 40
    for i in range(steps + 1):
        t = i / steps
        wave = math.sin(t * math.pi * 3) * 10
        pts.append((x1 + dx * t + nx * wave, y1 + dy * t + ny * wave))
    d.line(pts, fill=SNAKE, width=7, joint="curve")
    hx, hy = pts[0]
    d.ellipse([hx - 9, hy - 9, hx + 9, hy + 9], fill=SNAKE)
    d.ellipse([hx - 4, hy - 4, hx - 1, hy - 1], fill=(255, 255, 255))


def wrap(d, text, fnt, width):
    """Split text into lines that fit in width pixels."""
    lines, cur = [], ""
    for word in text.split():
        test = f"{cur} {word}".strip()
        if d.textlength(test, font=fnt) <= width:
            cur = test
        else:
            lines.append(cur)
            cur = word
    lines.append(cur)
    return lines


def papan_ular_tangga(lang):
    """A 30-square snakes-and-ladders board about digital safety, with a legend."""
    t = TEXTS[lang]
    w, h = 720, 470
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((20, 16), t["title"], font=font(22, True), fill=INK)
    d.text((20, 44), t["subtitle"],
           font=font(14), fill=MUTED)

    for n in range(1, COLS * ROWS + 1):
        cx, cy = cell_centre(n)
        x0, y0 = cx - CELL // 2, cy - CELL // 2
        fill = CELL_A if n % 2 else CELL_B
        d.rectangle([x0, y0, x0 + CELL, y0 + CELL], fill=fill, outline=(160, 170, 180))
        d.text((x0 + 5, y0 + 3), str(n), font=font(13, True), fill=INK)
    for a, b, _ in t["ladders"]:
        draw_ladder(d, a, b)
    for a, b, _ in t["snakes"]:
        draw_snake(d, a, b)
    d.text((BOARD_X + 4, BOARD_Y + ROWS * CELL + 6), t["start"],
           font=font(13, True), fill=MUTED)

    lx = BOARD_X + COLS * CELL + 22
    max_w = w - lx - 12
    y = 74

    def legend(title, items, colour, y):
        d.text((lx, y), title, font=font(17, True), fill=colour)
        y += 26
        for a, b, label in items:
            d.text((lx, y), f"{a} \u2192 {b}", font=font(14, True), fill=colour)
            for line in wrap(d, label, font(14), max_w - 72):
                d.text((lx + 72, y), line, font=font(14), fill=INK)
                y += 19
            y += 7
        return y + 8

    y = legend(t["ladders_title"], t["ladders"], LADDER, y)
    y = legend(t["snakes_title"], t["snakes"], SNAKE, y)
    for line in wrap(d, t["note"], font(13), max_w):
        d.text((lx, y), line, font=font(13), fill=MUTED)
        y += 18

    out = OUT / file_name("papan-ular-tangga.png", lang)
    img = img.quantize(colors=32, method=Image.Quantize.MEDIANCUT)
    img.save(out, optimize=True)
    return out


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for path in [papan_ular_tangga(language())]:
        print(path, path.stat().st_size, "bytes")
