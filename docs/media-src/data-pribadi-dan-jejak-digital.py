"""Draw the images of the module data-pribadi-dan-jejak-digital.

Run from the repository root:  python3 docs/media-src/data-pribadi-dan-jejak-digital.py [--lang en]
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).

Output:
  content/data-pribadi-dan-jejak-digital/media/izin-lokasi-senter.png
    A MOCK (invented app "Senter Terang") of an Android location-permission prompt,
    with an explanation of each choice. Width 720 px, limited palette, < 60 KB.
  content/data-pribadi-dan-jejak-digital/media/izin-lokasi-senter-en.png (--lang en)
    The same image in English (the invented app keeps its name).
"""
import os

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "content", "data-pribadi-dan-jejak-digital", "media")
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

W, H = 720, 600

BG = (246, 247, 249)
INK = (32, 33, 36)
MUTED = (95, 99, 104)
PHONE = (45, 48, 54)
SCREEN = (214, 219, 226)
DIALOG = (255, 255, 255)
BTN = (232, 240, 254)
BTN_INK = (26, 84, 170)
GREEN = (30, 130, 76)
GREEN_BG = (226, 245, 234)
AMBER = (176, 110, 0)
AMBER_BG = (254, 243, 220)
BLUE_BG = (232, 240, 254)

TEXTS = {
    "id": {
        "title": "Contoh fiktif: aplikasi senter meminta lokasi",
        "subtitle": "Pilih izin sesuai kebutuhan aplikasinya, bukan asal ketuk.",
        "clock": "09.41",
        "question": "Izinkan Senter Terang mengakses lokasi perangkat ini?",
        "accuracy": ["Akurat", "Perkiraan"],
        "buttons": ["Saat aplikasi digunakan", "Hanya kali ini", "Jangan izinkan"],
        "boxes": [
            ("Saat aplikasi digunakan",
             "Hanya untuk aplikasi yang jelas butuh lokasi, misalnya peta atau ojek daring."),
            ("Hanya kali ini",
             "Izin berlaku sekali saja. Lain kali aplikasi harus bertanya lagi."),
            ("Jangan izinkan  \u2713 pilihan tepat di sini",
             "Senter cukup menyalakan lampu kilat. Senter tidak butuh tahu di mana kamu berada."),
        ],
        "footer": "Tampilan di ponselmu bisa sedikit berbeda. Izin bisa diubah kapan saja: "
                  "Pengaturan, Aplikasi, pilih aplikasinya, lalu Izin.",
    },
    "en": {
        "title": "Made-up example: a torch app asks for location",
        "subtitle": "Choose permissions by what the app needs; don't just tap.",
        "clock": "9:41",
        "question": "Allow Senter Terang to access this device's location?",
        "accuracy": ["Precise", "Approximate"],
        "buttons": ["While using the app", "Only this time", "Don't allow"],
        "boxes": [
            ("While using the app",
             "Only for apps that clearly need your location, such as maps or ride-hailing apps."),
            ("Only this time",
             "The permission works just once. Next time the app has to ask again."),
            ("Don't allow  \u2713 the right choice here",
             "A torch only needs to switch on the flash. It doesn't need to know where you are."),
        ],
        "footer": "Your phone may look a little different. You can change permissions any time: "
                  "Settings, Apps, choose the app, then Permissions.",
    },
}


def font(name, size):
    return ImageFont.truetype(os.path.join(FONT_DIR, name), size)


F_TITLE = font("DejaVuSans-Bold.ttf", 19)
F_BOLD = font("DejaVuSans-Bold.ttf", 14)
F_TEXT = font("DejaVuSans.ttf", 13)
F_SMALL = font("DejaVuSans.ttf", 12)
F_DLG = font("DejaVuSans-Bold.ttf", 14)
F_BTN = font("DejaVuSans-Bold.ttf", 13)


def wrap(draw, text, fnt, width):
    """Split text into lines that fit in width pixels."""
    words, lines, line = text.split(), [], ""
    for w in words:
        test = (line + " " + w).strip()
        if draw.textlength(test, font=fnt) <= width:
            line = test
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def text_block(draw, xy, text, fnt, fill, width, spacing=4):
    x, y = xy
    for ln in wrap(draw, text, fnt, width):
        draw.text((x, y), ln, font=fnt, fill=fill)
        y += fnt.size + spacing
    return y


def arrow(draw, start, end, fill):
    draw.line([start, end], fill=fill, width=3)
    ex, ey = end
    draw.polygon([(ex, ey), (ex + 10, ey - 6), (ex + 10, ey + 6)], fill=fill)


def draw(lang):
    t = TEXTS[lang]
    os.makedirs(OUT, exist_ok=True)
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)

    d.text((24, 18), t["title"], font=F_TITLE, fill=INK)
    d.text((24, 46), t["subtitle"],
           font=F_TEXT, fill=MUTED)

    # Phone body and screen
    px, py, pw, ph = 24, 80, 280, 480
    d.rounded_rectangle([px, py, px + pw, py + ph], radius=34, fill=PHONE)
    sx, sy, sw, sh = px + 12, py + 16, pw - 24, ph - 32
    d.rounded_rectangle([sx, sy, sx + sw, sy + sh], radius=24, fill=SCREEN)
    d.text((sx + 16, sy + 8), t["clock"], font=F_SMALL, fill=INK)
    d.text((sx + sw - 56, sy + 8), "4G 78%", font=F_SMALL, fill=INK)

    # Permission dialog
    dx, dy, dw = sx + 12, sy + 48, sw - 24
    d.rounded_rectangle([dx, dy, dx + dw, dy + 370], radius=20, fill=DIALOG)
    # location pin icon
    cx = dx + dw // 2
    d.ellipse([cx - 11, dy + 14, cx + 11, dy + 36], fill=BTN_INK)
    d.polygon([(cx - 9, dy + 30), (cx + 9, dy + 30), (cx, dy + 46)], fill=BTN_INK)
    d.ellipse([cx - 4, dy + 21, cx + 4, dy + 29], fill=DIALOG)

    y = dy + 58
    for ln in wrap(d, t["question"], F_DLG, dw - 32):
        tw = d.textlength(ln, font=F_DLG)
        d.text((cx - tw / 2, y), ln, font=F_DLG, fill=INK)
        y += 20

    # precise / approximate choice
    y += 8
    for i, label in enumerate(t["accuracy"]):
        bx = dx + 24 + i * ((dw - 48) // 2)
        d.ellipse([bx + 30, y, bx + 62, y + 32], outline=MUTED, width=2)
        d.ellipse([bx + 42, y + 12, bx + 50, y + 20], fill=MUTED)
        tw = d.textlength(label, font=F_SMALL)
        d.text((bx + 46 - tw / 2, y + 38), label, font=F_SMALL, fill=INK)
    y += 66

    buttons = t["buttons"]
    centers = []
    for i, label in enumerate(buttons):
        by = y + i * 52
        chosen = i == 2
        fill = GREEN_BG if chosen else BTN
        outline = GREEN if chosen else None
        d.rounded_rectangle([dx + 14, by, dx + dw - 14, by + 40], radius=20, fill=fill,
                            outline=outline, width=3 if chosen else 1)
        tw = d.textlength(label, font=F_BTN)
        d.text((cx - tw / 2, by + 12), label, font=F_BTN, fill=GREEN if chosen else BTN_INK)
        centers.append(by + 20)

    # Explanations on the right
    ex, ew = 350, 346
    colours = [(BLUE_BG, BTN_INK), (AMBER_BG, AMBER), (GREEN_BG, GREEN)]
    boxes = [(title, body, bg, ink) for (title, body), (bg, ink) in zip(t["boxes"], colours)]
    tops = [130, 262, 394]
    for (title, body, bg, ink), top, cy in zip(boxes, tops, centers):
        lines = wrap(d, body, F_TEXT, ew - 28)
        bh = 42 + len(lines) * 18
        d.rounded_rectangle([ex, top, ex + ew, top + bh], radius=12, fill=bg, outline=ink, width=2)
        d.text((ex + 14, top + 12), title, font=F_BOLD, fill=ink)
        text_block(d, (ex + 14, top + 36), body, F_TEXT, INK, ew - 28)
        arrow(d, (ex - 4, top + bh // 2), (dx + dw - 10, cy), ink)

    text_block(d, (ex, 520), t["footer"],
               F_SMALL, MUTED, ew)

    out = img.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = os.path.join(OUT, file_name("izin-lokasi-senter.png", lang))
    out.save(path, optimize=True)
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    draw(language())
