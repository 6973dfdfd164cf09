"""Draw the images of the module kreator-konten-positif.

Run from the repository root:  python docs/media-src/kreator-konten-positif.py [--lang id|en]
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).
Writes content/kreator-konten-positif/media/contoh-keterangan-kredit.png (Indonesian) and
contoh-keterangan-kredit-en.png (English; without --lang both are drawn): a fictional post
caption with a full credit block, and the photo credit split into title, creator, source and
licence. All names in it are invented.
"""

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
MEDIA = ROOT / "content" / "kreator-konten-positif" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

WIDTH, HEIGHT = 720, 600
INK = (33, 37, 41)
MUTED = (96, 104, 114)
CARD = (248, 249, 250)
CARD_EDGE = (190, 196, 204)
TAG = (200, 60, 60)
COLOURS = [  # fill, edge of the four parts of a credit
    ((255, 236, 204), (214, 140, 30)),
    ((220, 236, 252), (60, 120, 200)),
    ((222, 244, 226), (46, 139, 87)),
    ((240, 226, 250), (130, 80, 170)),
]
TEXTS = {
    "id": {
        "file": "contoh-keterangan-kredit.png",
        "title": "Contoh keterangan kredit di unggahan",
        "tag": "CONTOH FIKTIF",
        "subtitle": "Video \u00b7 Festival budaya sekolah",
        "caption": [
            ("bold", "Tari Saman: seribu tangan dari Gayo"),
            ("regular", "Satu menit mengenal tari kebanggaan Aceh."),
            ("bold", "Kredit:"),
            ("regular", "\u2022 Penari dan suara: Tim Saman sekolah (tampil dengan izin)"),
            ("regular", "\u2022 Foto: \u201cSaman Dance\u201d oleh A. Fotografer,"),
            ("regular", "   Wikimedia Commons, CC BY-SA 4.0"),
            ("regular", "\u2022 Gambar latar judul: dibuat dengan AI"),
            ("regular", "\u2022 Video dan narasi: Nurul"),
        ],
        "parts_title": "Kredit foto yang lengkap memuat empat bagian:",
        "parts": [("Judul", "\u201cSaman Dance\u201d"), ("Pembuat", "A. Fotografer"),
                  ("Sumber", "Wikimedia Commons"), ("Lisensi", "CC BY-SA 4.0")],
        "footer": "Nama akun dan nama fotografer di atas hanyalah contoh.",
    },
    "en": {
        "file": "contoh-keterangan-kredit-en.png",
        "title": "Example of credits in a post",
        "tag": "FICTIONAL EXAMPLE",
        "subtitle": "Video \u00b7 School culture festival",
        "caption": [
            ("bold", "Tari Saman: a thousand hands from Gayo"),
            ("regular", "One minute with Aceh's proudest dance."),
            ("bold", "Credits:"),
            ("regular", "\u2022 Dancers and sound: school Saman team (with permission)"),
            ("regular", "\u2022 Photo: \u201cSaman Dance\u201d by A. Photographer,"),
            ("regular", "   Wikimedia Commons, CC BY-SA 4.0"),
            ("regular", "\u2022 Title background image: made with AI"),
            ("regular", "\u2022 Video and narration: Nurul"),
        ],
        "parts_title": "A full photo credit has four parts:",
        "parts": [("Title", "\u201cSaman Dance\u201d"), ("Creator", "A. Photographer"),
                  ("Source", "Wikimedia Commons"), ("Licence", "CC BY-SA 4.0")],
        "footer": "The account name and photographer's name above are only examples.",
    },
}


def font(name, size):
    return ImageFont.truetype(str(FONT_DIR / name), size)


def main(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    d = ImageDraw.Draw(img)
    title = font("DejaVuSans-Bold.ttf", 22)
    bold = font("DejaVuSans-Bold.ttf", 16)
    regular = font("DejaVuSans.ttf", 16)
    small = font("DejaVuSans.ttf", 14)

    d.text((24, 18), t["title"], font=title, fill=INK)
    tag = t["tag"]
    tag_w = d.textlength(tag, font=small) + 20
    d.rounded_rectangle([WIDTH - 24 - tag_w, 18, WIDTH - 24, 44], radius=8, outline=TAG, width=2)
    d.text((WIDTH - 14 - tag_w, 23), tag, font=small, fill=TAG)

    # The caption card, drawn like a post in a video app.
    top = 62
    d.rounded_rectangle([24, top, WIDTH - 24, top + 330], radius=16, fill=CARD, outline=CARD_EDGE, width=2)
    d.ellipse([44, top + 18, 84, top + 58], fill=(60, 120, 200))
    d.text((56, top + 27), "N", font=bold, fill="white")
    d.text((96, top + 20), "@karya.nurul.contoh", font=bold, fill=INK)
    d.text((96, top + 40), t["subtitle"], font=small, fill=MUTED)

    fonts = {"bold": bold, "regular": regular}
    lines = [(fonts[style], text) for style, text in t["caption"]]
    y = top + 78
    for fnt, text in lines:
        d.text((48, y), text, font=fnt, fill=INK)
        y += 30 if fnt is regular else 32

    # The photo credit split into its four parts.
    y = top + 352
    d.text((24, y), t["parts_title"], font=bold, fill=INK)
    box_w, box_h, gap = 156, 104, 12
    x = 24
    y += 34
    for (label, value), (fill, edge) in zip(t["parts"], COLOURS):
        d.rounded_rectangle([x, y, x + box_w, y + box_h], radius=12, fill=fill, outline=edge, width=3)
        lw = d.textlength(label, font=bold)
        d.text((x + (box_w - lw) / 2, y + 18), label, font=bold, fill=edge)
        words, row = value.split(" "), ""
        rows = []
        for word in words:
            trial = f"{row} {word}".strip()
            if d.textlength(trial, font=regular) <= box_w - 16:
                row = trial
            else:
                rows.append(row)
                row = word
        rows.append(row)
        for i, text in enumerate(rows):
            tw = d.textlength(text, font=regular)
            d.text((x + (box_w - tw) / 2, y + 50 + i * 22), text, font=regular, fill=INK)
        x += box_w + gap

    d.text((24, HEIGHT - 36), t["footer"], font=small, fill=MUTED)

    out = MEDIA / t["file"]
    img.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(TEXTS), help="draw only this language (default: all)")
    args = parser.parse_args()
    MEDIA.mkdir(parents=True, exist_ok=True)
    for lang in [args.lang] if args.lang else TEXTS:
        main(lang)
