"""Draw the images of the module content/waspada-penipuan-daring/.

Run from the repository root:  python docs/media-src/waspada-penipuan-daring.py [--lang id|en]
Needs Pillow. Writes, 720 px wide and under 60 KB, to content/waspada-penipuan-daring/media/:

- tautan-asli-vs-palsu.png (Indonesian) and tautan-asli-vs-palsu-en.png (English; without
  --lang both are drawn): how to read a link and find the real domain.

(The "OTP salah kirim" chat mock was dropped with its image in the second edition.)
"""

import argparse
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "waspada-penipuan-daring" / "media"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

W = 720


def font(name, size):
    return ImageFont.truetype(str(FONTS / name), size)


SANS = lambda s: font("DejaVuSans.ttf", s)  # noqa: E731
BOLD = lambda s: font("DejaVuSans-Bold.ttf", s)  # noqa: E731
MONO = lambda s: font("DejaVuSansMono.ttf", s)  # noqa: E731
MONOB = lambda s: font("DejaVuSansMono-Bold.ttf", s)  # noqa: E731

RED = (198, 40, 40)
GREEN = (27, 122, 62)
DARK = (33, 33, 33)
GREY = (110, 110, 110)
WHITE = (255, 255, 255)

TEXTS = {
    "id": {
        "file": "tautan-asli-vs-palsu.png",
        "title": "Siapa pemilik tautan ini?",
        "intro": ("Cari garis miring (/) pertama setelah https://. Bagian tepat sebelum "
                  "garis miring itu, dibaca dari ujung kanan, adalah pemilik situsnya."),
        "real": ("ASLI", ["Pemilik: komdigi.go.id", "Situs pemerintah Indonesia berakhiran .go.id"]),
        "front": ("PALSU: nama asli ditaruh di depan",
                  ["Pemilik sebenarnya: kuota-gratis.xyz",
                   "\u201ckomdigi.go.id\u201d di depan hanya hiasan untuk menipu mata."]),
        "lookalike": ("PALSU: huruf yang mirip",
                      ["Huruf r dan n yang berdempetan menyamar menjadi m.",
                       "Pemilik: korndigi.id, dan tidak berakhiran .go.id"]),
        "footer": "Ragu? Jangan ketuk. Ketik sendiri alamat resminya.",
    },
    "en": {
        "file": "tautan-asli-vs-palsu-en.png",
        "title": "Who owns this link?",
        "intro": ("Find the first slash (/) after https://. Read the part before it from the right: "
                  "skip the ending (.go.id, .xyz). The word just before the ending, with that ending, "
                  "is the owner."),
        "real": ("REAL", ["Owner: komdigi.go.id", "Indonesian government sites end in .go.id"]),
        "front": ("FAKE: the real name put in front",
                  ["Real owner: kuota-gratis.xyz",
                   "\u201ckomdigi.go.id\u201d in front is only there to fool your eyes."]),
        "lookalike": ("FAKE: look-alike letters",
                      ["The letters r and n side by side pose as an m.",
                       "Owner: korndigi.id, and it doesn't end in .go.id"]),
        "footer": "Not sure? Don't tap. Type the official address yourself.",
    },
}


def wrap(draw, text, fnt, width):
    """Split text into lines that fit in width pixels."""
    lines, line = [], ""
    for word in text.split():
        test = f"{line} {word}".strip()
        if draw.textlength(test, font=fnt) <= width:
            line = test
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def save(img, name):
    OUT.mkdir(parents=True, exist_ok=True)
    small = img.convert("RGB").quantize(colors=48, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = OUT / name
    small.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {img.size[0]}x{img.size[1]}, {path.stat().st_size} bytes")


def url_card(d, y, ok, label, parts, notes, mono=True):
    """One link, drawn as coloured parts, with a verdict and explanation lines."""
    colour = GREEN if ok else RED
    height = 72 + 56 + 28 * len(notes)
    d.rounded_rectangle((20, y, W - 20, y + height), radius=14, fill=WHITE, outline=colour, width=3)
    sign = "\u2713 " if ok else "\u2717 "
    d.text((40, y + 14), sign + label, font=BOLD(21), fill=colour)

    # The link, part by part: (text, style) where style is plain / owner / decoy.
    x = 40
    ty = y + 58
    f = MONO(21) if mono else SANS(22)
    for text, style in parts:
        fnt = (MONOB(21) if mono else BOLD(22)) if style == "owner" else f
        w = d.textlength(text, font=fnt)
        if style == "owner":
            d.rectangle((x - 2, ty - 4, x + w + 2, ty + 28), fill=(220, 242, 226) if ok else (253, 226, 226))
            d.line((x, ty + 30, x + w, ty + 30), fill=colour, width=3)
        if style == "trick":
            d.rectangle((x - 2, ty - 4, x + w + 2, ty + 28), fill=(255, 236, 179))
        d.text((x, ty), text, font=fnt, fill=GREY if style == "decoy" else DARK)
        x += w
    ny = y + 110
    for note in notes:
        d.text((40, ny), note, font=SANS(18), fill=DARK)
        ny += 28
    return y + height + 18


def tautan(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (W, 900), (245, 247, 250))
    d = ImageDraw.Draw(img)
    d.text((20, 18), t["title"], font=BOLD(27), fill=DARK)
    y = 60
    for line in wrap(d, t["intro"], SANS(18), W - 40):
        d.text((20, y), line, font=SANS(18), fill=DARK)
        y += 26
    y += 14
    y = url_card(d, y, True, t["real"][0], [
        ("https://www.", "plain"), ("komdigi.go.id", "owner"), ("/berita", "plain"),
    ], t["real"][1])
    y = url_card(d, y, False, t["front"][0], [
        ("https://", "plain"), ("komdigi.go.id.", "decoy"), ("kuota-gratis.xyz", "owner"), ("/klaim", "plain"),
    ], t["front"][1])
    y = url_card(d, y, False, t["lookalike"][0], [
        ("https://www.ko", "plain"), ("rn", "trick"), ("digi.id", "plain"), ("/kuota", "plain"),
    ], t["lookalike"][1], mono=False)
    d.rectangle((0, y, W, y + 62), fill=(7, 94, 84))
    footer = t["footer"]
    f = BOLD(20)
    d.text(((W - d.textlength(footer, font=f)) / 2, y + 19), footer, font=f, fill=WHITE)
    save(img.crop((0, 0, W, y + 62)), t["file"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(TEXTS), help="draw only this language (default: all)")
    args = parser.parse_args()
    for lang in [args.lang] if args.lang else TEXTS:
        tautan(lang)
