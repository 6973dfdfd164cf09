"""Draw the images of the module stop-perundungan-siber.

Run from the repository root:  python docs/media-src/stop-perundungan-siber.py [--lang id|en]
Writes content/stop-perundungan-siber/media/contoh-bukti-tangkapan-layar.png (Indonesian) and
contoh-bukti-tangkapan-layar-en.png (English; without --lang both are drawn): a clearly
fictional chat mock with numbered labels showing what good evidence contains.
"""

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "stop-perundungan-siber" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

W, H = 720, 760
BG = (246, 244, 239)
INK = (33, 37, 41)
MUTED = (96, 103, 112)
PHONE = (255, 255, 255)
HEADER = (0, 98, 87)
BUBBLE = (232, 236, 240)
ACCENT = (200, 62, 30)
NOTE_BG = (255, 248, 220)

TEXTS = {
    "id": {
        "file": "contoh-bukti-tangkapan-layar.png",
        "title": "Tangkapan layar yang baik untuk bukti",
        "subtitle": "Contoh fiktif: nama akun dan isi pesan dikarang.",
        "account_note": "akun fiktif",
        "date": "Senin, 3 Maret 2025",
        "messages": [
            ("Foto kamu tidur di bus kemarin udah kusebar ke grup angkatan.", "21.14"),
            ("Semua orang ketawa. Mulai besok namamu Ratu Ngorok.", "21.15"),
            ("Kalau berani lapor guru, fotonya kusebar lebih banyak lagi.", "21.17"),
        ],
        "input": "Ketik pesan",
        "captions": [
            "Nama akun atau nomor pengirim",
            "Tanggal percakapan",
            "Jam di setiap pesan",
            "Isi pesan utuh, tidak dipotong dan tidak diedit",
        ],
        "note": ("Tambahan: salin tautan profil ke aplikasi catatan,",
                 "lalu simpan semua bukti di satu album khusus."),
    },
    "en": {
        "file": "contoh-bukti-tangkapan-layar-en.png",
        "title": "A good screenshot to keep as evidence",
        "subtitle": "Fictional example: the account name and messages are made up.",
        "account_note": "fictional account",
        "date": "Monday, 3 March 2025",
        "messages": [
            ("I've sent that photo of you asleep on the bus to the whole year group.", "21:14"),
            ("Everyone's laughing. From tomorrow your name is Snoring Queen.", "21:15"),
            ("If you dare tell a teacher, I'll spread the photo even more.", "21:17"),
        ],
        "input": "Type a message",
        "captions": [
            "Sender's account name or number",
            "Date of the conversation",
            "Time of each message",
            "The whole message, not cropped or edited",
        ],
        "note": ("Also: copy the profile link into a notes app,",
                 "then keep all the evidence in one separate album."),
    },
}


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def badge(d, x, y, n):
    r = 15
    d.ellipse((x - r, y - r, x + r, y + r), fill=ACCENT)
    d.text((x, y), str(n), font=font(17, True), fill=(255, 255, 255), anchor="mm")


def wrap(d, text, fnt, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        trial = (cur + " " + w).strip()
        if d.textlength(trial, font=fnt) <= width:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def evidence_screenshot(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)

    d.text((24, 22), t["title"], font=font(24, True), fill=INK)
    d.text((24, 56), t["subtitle"], font=font(15), fill=MUTED)

    # phone
    px0, py0, px1, py1 = 24, 92, 424, 660
    d.rounded_rectangle((px0, py0, px1, py1), radius=26, fill=PHONE, outline=(170, 170, 170), width=3)
    # header with account name (label 1)
    d.rounded_rectangle((px0 + 3, py0 + 3, px1 - 3, py0 + 78), radius=22, fill=HEADER)
    d.rectangle((px0 + 3, py0 + 50, px1 - 3, py0 + 78), fill=HEADER)
    d.ellipse((px0 + 18, py0 + 18, px0 + 60, py0 + 60), fill=(190, 214, 210))
    d.text((px0 + 39, py0 + 39), "?", font=font(22, True), fill=HEADER, anchor="mm")
    d.text((px0 + 74, py0 + 20), "si.paling.lucu_x", font=font(19, True), fill=(255, 255, 255))
    d.text((px0 + 74, py0 + 46), t["account_note"], font=font(14), fill=(214, 232, 228))

    # date chip (label 2)
    chip = t["date"]
    cf = font(15)
    cw = d.textlength(chip, font=cf) + 28
    cx = (px0 + px1) / 2
    d.rounded_rectangle((cx - cw / 2, py0 + 102, cx + cw / 2, py0 + 132), radius=12, fill=(222, 226, 230))
    d.text((cx, py0 + 117), chip, font=cf, fill=INK, anchor="mm")

    # messages (labels 3 and 4)
    msgs = t["messages"]
    mf = font(17)
    y = py0 + 156
    bubble_boxes = []
    for text, time in msgs:
        lines = wrap(d, text, mf, 270)
        bh = 22 * len(lines) + 40
        box = (px0 + 18, y, px0 + 330, y + bh)
        d.rounded_rectangle(box, radius=14, fill=BUBBLE)
        for i, line in enumerate(lines):
            d.text((px0 + 32, y + 12 + 22 * i), line, font=mf, fill=INK)
        d.text((px0 + 318, y + bh - 10), time, font=font(13), fill=MUTED, anchor="rs")
        bubble_boxes.append(box)
        y += bh + 14

    # input bar
    d.rounded_rectangle((px0 + 16, py1 - 62, px1 - 16, py1 - 18), radius=20, outline=(200, 200, 200), width=2)
    d.text((px0 + 34, py1 - 40), t["input"], font=font(15), fill=(160, 160, 160), anchor="lm")

    # numbered markers beside each part, joined to the captions on the right
    name_end = px0 + 74 + d.textlength("si.paling.lucu_x", font=font(19, True))
    markers = [
        (name_end + 24, py0 + 32),
        (cx + cw / 2 + 22, py0 + 117),
        (bubble_boxes[0][2] + 22, bubble_boxes[0][3] - 16),
        (bubble_boxes[1][2] + 22, (bubble_boxes[1][1] + bubble_boxes[2][3]) / 2),
    ]
    captions = t["captions"]
    lx = 466
    lf = font(17, True)
    for n, ((mx, my), text) in enumerate(zip(markers, captions), start=1):
        d.line((mx, my, lx, my), fill=ACCENT, width=3)
        badge(d, mx, my, n)
        badge(d, lx, my, n)
        for i, line in enumerate(wrap(d, text, lf, W - lx - 40)):
            d.text((lx + 24, my - 11 + 22 * i), line, font=lf, fill=INK)

    # note below the phone
    d.rounded_rectangle((24, 678, W - 24, 740), radius=12, fill=NOTE_BG, outline=(226, 200, 120), width=2)
    d.text((40, 692), t["note"][0], font=font(16, True), fill=INK)
    d.text((40, 715), t["note"][1], font=font(16), fill=INK)

    out = img.convert("P", palette=Image.ADAPTIVE, colors=32)
    OUT.mkdir(parents=True, exist_ok=True)
    out.save(OUT / t["file"], optimize=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(TEXTS), help="draw only this language (default: all)")
    args = parser.parse_args()
    for lang in [args.lang] if args.lang else TEXTS:
        evidence_screenshot(lang)
