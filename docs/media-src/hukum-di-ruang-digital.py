"""Draw the images of the module hukum-di-ruang-digital.

Run from the repository root:  python docs/media-src/hukum-di-ruang-digital.py [--lang en]
Writes content/hukum-di-ruang-digital/media/lisensi-creative-commons.png (Indonesian), or with
--lang en lisensi-creative-commons-en.png (English): the four Creative Commons licence elements,
CC0, and an example attribution line.
"""

from pathlib import Path

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "hukum-di-ruang-digital" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

W, H = 720, 640
BG = (248, 246, 241)
INK = (33, 37, 41)
MUTED = (96, 103, 112)
CARD = (255, 255, 255)
LINE = (214, 210, 200)
COLOURS = {
    "BY": (0, 98, 87),
    "SA": (31, 86, 160),
    "NC": (176, 80, 20),
    "ND": (120, 60, 140),
}


TEXTS = {
    "id": {
        "title": "Unsur lisensi Creative Commons",
        "subtitle": "Lisensi CC menggabungkan unsur-unsur ini, misalnya CC BY-SA atau CC BY-NC.",
        "cards": [
            ("BY", "Atribusi", "Cantumkan nama pencipta. Ada di semua lisensi CC."),
            ("SA", "BerbagiSerupa", "Karya turunanmu memakai lisensi yang sama."),
            ("NC", "NonKomersial", "Tidak boleh dipakai untuk mencari keuntungan."),
            ("ND", "TanpaTurunan", "Boleh dibagikan, tetapi tidak boleh diubah."),
        ],
        "cc0": ("Pencipta melepaskan haknya sejauh diizinkan hukum:", "karya bebas dipakai."),
        "example": "Contoh atribusi (nama fiktif):",
        "parts": [
            ('"Sawah Jatiluwih"', "judul"),
            ("oleh Made Contoh,", "pembuat"),
            ("Wikimedia Commons,", "sumber"),
            ("CC BY 4.0", "lisensi"),
        ],
    },
    "en": {
        "title": "Creative Commons licence elements",
        "subtitle": "CC licences combine these elements, for example CC BY-SA or CC BY-NC.",
        "cards": [
            ("BY", "Attribution", "Credit the creator. Part of every CC licence."),
            ("SA", "ShareAlike", "Your derivative work uses the same licence."),
            ("NC", "NonCommercial", "May not be used to make a profit."),
            ("ND", "NoDerivatives", "May be shared, but not changed."),
        ],
        "cc0": ("The creator gives up their rights as far as the law allows:",
                "the work is free to use."),
        "example": "Example attribution (made-up name):",
        "parts": [
            ('"Sawah Jatiluwih"', "title"),
            ("by Made Contoh,", "creator"),
            ("Wikimedia Commons,", "source"),
            ("CC BY 4.0", "licence"),
        ],
    },
}


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


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


def licence_elements(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)
    d.text((24, 22), t["title"], font=font(25, True), fill=INK)
    d.text((24, 58), t["subtitle"], font=font(15), fill=MUTED)

    cards = t["cards"]
    cw, ch, gap = 324, 150, 24
    for i, (code, name, desc) in enumerate(cards):
        x = 24 + (i % 2) * (cw + gap)
        y = 96 + (i // 2) * (ch + gap)
        col = COLOURS[code]
        d.rounded_rectangle((x, y, x + cw, y + ch), radius=16, fill=CARD, outline=LINE, width=2)
        d.ellipse((x + 18, y + 20, x + 82, y + 84), fill=col)
        d.text((x + 50, y + 52), code, font=font(24, True), fill=(255, 255, 255), anchor="mm")
        d.text((x + 98, y + 30), name, font=font(20, True), fill=col)
        for j, line in enumerate(wrap(d, desc, font(16), cw - 116)):
            d.text((x + 98, y + 62 + 22 * j), line, font=font(16), fill=INK)

    # CC0
    y0 = 96 + 2 * (ch + gap)
    d.rounded_rectangle((24, y0, W - 24, y0 + 70), radius=16, fill=CARD, outline=LINE, width=2)
    d.text((44, y0 + 35), "CC0", font=font(22, True), fill=INK, anchor="lm")
    d.text((118, y0 + 24), t["cc0"][0], font=font(16), fill=INK)
    d.text((118, y0 + 46), t["cc0"][1], font=font(16), fill=INK)

    # attribution example
    y1 = y0 + 94
    d.text((24, y1), t["example"], font=font(16, True), fill=INK)
    parts = t["parts"]
    x = 24
    pf = font(17)
    for text, label in parts:
        tw = d.textlength(text, font=pf)
        d.text((x, y1 + 30), text, font=pf, fill=INK)
        d.line((x, y1 + 56, x + tw - 6, y1 + 56), fill=COLOURS["BY"], width=3)
        d.text((x + (tw - 6) / 2, y1 + 74), label, font=font(14, True), fill=COLOURS["BY"], anchor="mm")
        x += tw + 10

    out = img.convert("P", palette=Image.ADAPTIVE, colors=32)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / file_name("lisensi-creative-commons.png", lang)
    out.save(path, optimize=True)
    print(path, out.size, path.stat().st_size, "bytes")


if __name__ == "__main__":
    licence_elements(language())
