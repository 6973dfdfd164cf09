"""Draw the images of the module cek-dulu-sebelum-sebar.

A fictional viral post (mock, invented account and domain) with six warning signs of a
hoax marked by numbered badges, plus a legend explaining each sign. The post itself stays in
Indonesian in both languages; the title and legend are in Indonesian (ciri-hoaks.png) or
English (ciri-hoaks-en.png).

Run from the repository root:  python docs/media-src/cek-dulu-sebelum-sebar.py [--lang en]
Needs Pillow and the DejaVu fonts (/usr/share/fonts/truetype/dejavu/).
"""
import random
from pathlib import Path

from lang_arg import file_name, language
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[2] / "content" / "cek-dulu-sebelum-sebar" / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

W = 720
BG = (241, 243, 246)
CARD = (255, 255, 255)
BORDER = (200, 205, 212)
TEXT = (28, 32, 38)
MUTED = (96, 104, 114)
RED = (196, 30, 45)
LINK = (20, 88, 170)
PHOTO = (176, 184, 194)
PHOTO_DARK = (120, 129, 140)
BANNER = (255, 236, 179)


def font(name, size):
    return ImageFont.truetype(str(FONT_DIR / name), size)


F_SMALL = font("DejaVuSans.ttf", 15)
F_BODY = font("DejaVuSans.ttf", 18)
F_BOLD = font("DejaVuSans-Bold.ttf", 18)
F_HEAD = font("DejaVuSans-Bold.ttf", 21)
F_TITLE = font("DejaVuSans-Bold.ttf", 24)
F_BADGE = font("DejaVuSans-Bold.ttf", 16)

TEXTS = {
    "id": {
        "banner": "CONTOH FIKTIF UNTUK LATIHAN, BUKAN UNGGAHAN ASLI",
        "title": "Enam tanda bahaya dalam satu unggahan",
        "legend": [
            "Huruf kapital dan tanda seru berderet untuk memancing panik.",
            "Desakan untuk segera menyebarkan ke banyak grup.",
            "Sumber kabur: \"orang dalam\" dan akun tanpa identitas jelas.",
            "Tautan bukan situs resmi (situs resmi KPU: kpu.go.id) dan meminta NIK serta foto KTP.",
            "Foto tanpa keterangan kapan dan di mana diambil.",
            "Tidak ada tanggal kejadian; banyak dibagikan bukan bukti benar.",
        ],
        "footer": "Ragu? Cek dulu di turnbackhoax.id atau cekfakta.com sebelum membagikan.",
    },
    "en": {
        "banner": "FICTIONAL EXAMPLE FOR PRACTICE, NOT A REAL POST",
        "title": "Six warning signs in one post",
        "legend": [
            "Capital letters and rows of exclamation marks to cause panic.",
            "Pressure to forward it to many groups right now.",
            "Vague source: an \"insider\" and an account with no clear identity.",
            "A link that is not an official site (the KPU's is kpu.go.id) and asks for your NIK (national ID number) and a photo of your ID card.",
            "A photo with no information on when or where it was taken.",
            "No date for the event; being shared a lot does not make it true.",
        ],
        "footer": "In doubt? Check turnbackhoax.id or cekfakta.com before you share.",
    },
}


def wrap(draw, text, fnt, width):
    """Split text into lines that fit in width pixels."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=fnt) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def badge(draw, x, y, n, r=14):
    draw.ellipse((x - r, y - r, x + r, y + r), fill=RED)
    draw.text((x, y), str(n), font=F_BADGE, fill=(255, 255, 255), anchor="mm")


def draw_image(lang):
    t = TEXTS[lang]
    img = Image.new("RGB", (W, 1400), BG)
    d = ImageDraw.Draw(img)

    # banner and title
    d.rectangle((0, 0, W, 34), fill=BANNER)
    d.text((W // 2, 17), t["banner"], font=F_SMALL, fill=TEXT, anchor="mm")
    d.text((24, 52), t["title"], font=F_TITLE, fill=TEXT)

    # the post card
    cx0, cx1 = 24, W - 24
    top = 96
    inner_x = cx0 + 20
    inner_w = cx1 - cx0 - 40 - 40  # leave room for badges on the right
    y = top + 18
    # header: avatar, account, time
    d.ellipse((inner_x, y, inner_x + 44, y + 44), fill=PHOTO_DARK)
    d.text((inner_x + 22, y + 22), "?", font=F_HEAD, fill=(255, 255, 255), anchor="mm")
    d.text((inner_x + 58, y + 2), "Info Warga Terkini 2", font=F_BOLD, fill=TEXT)
    d.text((inner_x + 58, y + 25), "@infowarga_terkini2 · 0812-0000-xxxx", font=F_SMALL, fill=MUTED)
    badge(d, cx1 - 26, y + 22, 3)
    y += 62

    # headline
    for line in wrap(d, "!!! SEBARKAN SEKARANG SEBELUM DIHAPUS !!!", F_HEAD, inner_w):
        d.text((inner_x, y), line, font=F_HEAD, fill=RED)
        y += 28
    badge(d, cx1 - 26, y - 16, 1)
    y += 8

    body = ("PENTING!!! Pemilih pemula yang belum daftar ulang lewat tautan di bawah "
            "TIDAK BISA MENCOBLOS besok. Siapkan NIK dan foto KTP. Info dari orang dalam, dijamin valid.")
    for line in wrap(d, body, F_BODY, inner_w):
        d.text((inner_x, y), line, font=F_BODY, fill=TEXT)
        y += 25
    y += 6
    d.text((inner_x, y), "Kirim ke 10 grup sekarang juga!!", font=F_BOLD, fill=TEXT)
    badge(d, cx1 - 26, y + 11, 2)
    y += 36

    # link preview
    d.rounded_rectangle((inner_x, y, cx1 - 60, y + 54), radius=8, outline=BORDER, fill=(236, 242, 250))
    d.text((inner_x + 12, y + 7), "daftarulang-pemilih-kpu.example/klaim", font=F_BOLD, fill=LINK)
    d.text((inner_x + 12, y + 31), "Daftar ulang pemilih pemula, GRATIS", font=F_SMALL, fill=MUTED)
    badge(d, cx1 - 26, y + 27, 4)
    y += 70

    # photo placeholder: a crowd drawn with simple shapes
    ph0, ph1 = y, y + 180
    d.rectangle((inner_x, ph0, cx1 - 60, ph1), fill=PHOTO)
    rnd = random.Random(7)
    for _ in range(38):
        px = rnd.randint(inner_x + 10, cx1 - 80)
        py = rnd.randint(ph0 + 60, ph1 - 66)  # keep figures above the caption bar
        d.ellipse((px, py - 22, px + 18, py - 4), fill=PHOTO_DARK)
        d.rounded_rectangle((px - 6, py - 2, px + 24, py + 34), radius=8, fill=PHOTO_DARK)
    d.rectangle((inner_x, ph1 - 30, cx1 - 60, ph1), fill=(60, 66, 74))
    d.text((inner_x + 10, ph1 - 15), "foto tanpa keterangan", font=F_SMALL, fill=(255, 255, 255), anchor="lm")
    badge(d, cx1 - 26, (ph0 + ph1) // 2, 5)
    y = ph1 + 14

    # footer of the post
    d.text((inner_x, y), "Dibagikan 12.400 kali · 3.100 komentar", font=F_SMALL, fill=MUTED)
    badge(d, cx1 - 26, y + 9, 6)
    y += 36
    d.rounded_rectangle((cx0, top, cx1, y), radius=14, outline=BORDER, width=2)

    # legend
    y += 20
    for n, text in enumerate(t["legend"], 1):
        badge(d, 24 + 14, y + 12, n)
        lines = wrap(d, text, F_BODY, W - 24 - 48 - 24)
        for k, line in enumerate(lines):
            d.text((24 + 40, y + k * 25), line, font=F_BODY, fill=TEXT)
        y += 25 * len(lines) + 10
    y += 6
    for line in wrap(d, t["footer"], F_BOLD, W - 48):
        d.text((24, y), line, font=F_BOLD, fill=LINK)
        y += 25
    y += 14

    img = img.crop((0, 0, W, y))
    # a small palette keeps the file light
    img = img.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / file_name("ciri-hoaks.png", lang)
    img.save(path, optimize=True)
    print(path, img.size, path.stat().st_size, "bytes")


if __name__ == "__main__":
    draw_image(language())
