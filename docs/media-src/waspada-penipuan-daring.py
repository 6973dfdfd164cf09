"""Draw the images of the module content/waspada-penipuan-daring/.

Run from the repository root:  python docs/media-src/waspada-penipuan-daring.py [--lang en]
Needs Pillow. Writes two PNG files (720 px wide, each under 60 KB) to
content/waspada-penipuan-daring/media/ (with --lang en: the same names ending in -en.png, every
text in English):

- chat-otp-salah-kirim.png: a screenshot-style MOCK of an "OTP salah kirim" scam chat.
  Every name, number and code in it is invented (numbers of the form 0812-0000-xxxx).
- tautan-asli-vs-palsu.png: how to read a link and find the real domain.
"""

from pathlib import Path

from lang_arg import file_name, language
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


def badge(draw, x, y, number, r=15):
    """A red numbered circle used to point at a warning sign."""
    draw.ellipse((x - r, y - r, x + r, y + r), fill=RED)
    f = BOLD(17)
    t = str(number)
    tw = draw.textlength(t, font=f)
    draw.text((x - tw / 2, y - 11), t, font=f, fill=WHITE)


def save(img, name):
    OUT.mkdir(parents=True, exist_ok=True)
    small = img.convert("RGB").quantize(colors=48, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path = OUT / name
    small.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {img.size[0]}x{img.size[1]}, {path.stat().st_size} bytes")


TEXTS = {
    "id": {
        "banner": "CONTOH FIKTIF \u2022 ilustrasi penipuan untuk belajar",
        "sms_title": "Pesan SMS \u2022 22.30",
        "sms_code": "Kode WhatsApp kamu: 4\u2022\u2022-\u2022\u2022\u2022",
        "sms_warning": "Jangan bagikan kode ini kepada siapa pun.",
        "messages": [
            "Assalamualaikum kak, maaf mengganggu malam-malam.",
            "Tadi saya mau daftar akun, tapi nomornya salah ketik. Kodenya malah terkirim ke nomor kakak.",
            "Boleh tolong kirimkan 6 angka yang barusan masuk? Penting sekali kak, buat daftar beasiswa.",
            "Cepat ya kak, kodenya cuma berlaku 5 menit. Makasih banyak!",
        ],
        "input": "Ketik pesan",
        "signs": "Tanda bahaya",
        "legend": [
            "Nomor tidak dikenal, tidak tersimpan di kontakmu.",
            "\u201cSalah ketik\u201d hanya alasan: kode dikirim ke pemilik akun, yaitu kamu.",
            "Meminta kode OTP. Petugas resmi pun tidak pernah memintanya.",
            "Mendesak: \u201ccepat\u201d, \u201c5 menit\u201d, supaya kamu tidak sempat berpikir.",
        ],
        "link_title": "Siapa pemilik tautan ini?",
        "link_intro": "Cari garis miring (/) pertama setelah https://. Bagian tepat sebelum "
                      "garis miring itu, dibaca dari ujung kanan, adalah pemilik situsnya.",
        "real": "ASLI",
        "real_notes": ["Pemilik: komdigi.go.id", "Situs pemerintah Indonesia berakhiran .go.id"],
        "fake_front": "PALSU: nama asli ditaruh di depan",
        "fake_front_notes": ["Pemilik sebenarnya: kuota-gratis.xyz",
                             "\u201ckomdigi.go.id\u201d di depan hanya hiasan untuk menipu mata."],
        "fake_letters": "PALSU: huruf yang mirip",
        "fake_letters_notes": ["Huruf r dan n yang berdempetan menyamar menjadi m.",
                               "Pemilik: korndigi.id, dan tidak berakhiran .go.id"],
        "footer": "Ragu? Jangan ketuk. Ketik sendiri alamat resminya.",
    },
    "en": {
        "banner": "FICTIONAL EXAMPLE \u2022 a scam, drawn for learning",
        "sms_title": "SMS message \u2022 22.30",
        "sms_code": "Your WhatsApp code: 4\u2022\u2022-\u2022\u2022\u2022",
        "sms_warning": "Do not share this code with anyone.",
        "messages": [
            "Hello, sorry to bother you so late at night.",
            "I was signing up for an account but mistyped my number. The code was sent to your number instead.",
            "Could you please send me the 6 digits you just got? It is really important, it is for a scholarship.",
            "Quickly please, the code only works for 5 minutes. Thanks a lot!",
        ],
        "input": "Type a message",
        "signs": "Warning signs",
        "legend": [
            "An unknown number, not saved in your contacts.",
            "\u201cMistyped\u201d is only an excuse: the code is sent to the account's owner, you.",
            "Asks for the OTP code. Not even real staff ever ask for it.",
            "Pressure: \u201cquickly\u201d, \u201c5 minutes\u201d, so you have no time to think.",
        ],
        "link_title": "Who owns this link?",
        "link_intro": "Find the first slash (/) after https://. The part just before that slash, "
                      "read from its right end, is the site's owner.",
        "real": "REAL",
        "real_notes": ["Owner: komdigi.go.id", "Indonesian government sites end in .go.id"],
        "fake_front": "FAKE: the real name placed in front",
        "fake_front_notes": ["Real owner: kuota-gratis.xyz",
                             "\u201ckomdigi.go.id\u201d in front is only decoration to fool your eyes."],
        "fake_letters": "FAKE: look-alike letters",
        "fake_letters_notes": ["The letters r and n side by side pass for an m.",
                               "Owner: korndigi.id, and it does not end in .go.id"],
        "footer": "In doubt? Don't tap. Type the official address yourself.",
    },
}


def chat_otp(lang):
    tx = TEXTS[lang]
    H = 1200
    img = Image.new("RGB", (W, H), (236, 229, 221))
    d = ImageDraw.Draw(img)

    # Banner: this is a fictional example.
    d.rectangle((0, 0, W, 44), fill=(255, 214, 0))
    t = tx["banner"]
    f = BOLD(19)
    d.text(((W - d.textlength(t, font=f)) / 2, 11), t, font=f, fill=DARK)

    # Chat header.
    d.rectangle((0, 44, W, 124), fill=(7, 94, 84))
    d.text((18, 62), "\u2190", font=BOLD(30), fill=WHITE)
    d.ellipse((62, 58, 114, 110), fill=(189, 189, 189))
    d.ellipse((78, 68, 98, 88), fill=(238, 238, 238))
    d.pieslice((68, 88, 108, 124), 180, 360, fill=(238, 238, 238))
    d.text((128, 62), "+62 812-0000-1234", font=BOLD(23), fill=WHITE)
    d.text((128, 92), "online", font=SANS(17), fill=(200, 230, 225))
    badge(d, 690, 84, 1)

    # SMS notification that arrived just before the chat.
    y = 140
    d.rounded_rectangle((24, y, W - 24, y + 112), radius=14, fill=WHITE, outline=(200, 200, 200))
    d.text((44, y + 12), tx["sms_title"], font=SANS(16), fill=GREY)
    d.text((44, y + 36), tx["sms_code"], font=BOLD(20), fill=DARK)
    d.text((44, y + 66), tx["sms_warning"], font=SANS(18), fill=DARK)

    # Incoming messages.
    messages = list(zip(tx["messages"], (None, 2, 3, 4)))
    y = 276
    f = SANS(20)
    for text, mark in messages:
        lines = wrap(d, text, f, 470)
        h = 22 + 28 * len(lines) + 24
        d.rounded_rectangle((24, y, 24 + 510, y + h), radius=12, fill=WHITE)
        for i, line in enumerate(lines):
            d.text((40, y + 12 + 28 * i), line, font=f, fill=DARK)
        d.text((24 + 510 - 60, y + h - 24), "22.31", font=SANS(14), fill=GREY)
        if mark:
            badge(d, 560, y + h / 2, mark)
        y += h + 14

    # Input bar.
    d.rounded_rectangle((16, y + 6, W - 84, y + 58), radius=26, fill=WHITE)
    d.text((40, y + 20), tx["input"], font=SANS(19), fill=GREY)
    d.ellipse((W - 72, y + 6, W - 20, y + 58), fill=(0, 168, 132))
    d.text((W - 55, y + 16), "\u25b6", font=SANS(22), fill=WHITE)

    # Legend of warning signs.
    y += 82
    d.rectangle((0, y, W, H), fill=WHITE)
    d.rectangle((0, y, W, y + 4), fill=RED)
    d.text((24, y + 16), tx["signs"], font=BOLD(22), fill=RED)
    legend = tx["legend"]
    y += 54
    f = SANS(18)
    for i, text in enumerate(legend, 1):
        badge(d, 40, y + 12, i, r=14)
        lines = wrap(d, text, f, W - 100)
        for j, line in enumerate(lines):
            d.text((66, y + 26 * j), line, font=f, fill=DARK)
        y += 26 * len(lines) + 12
    assert y <= H, y
    save(img.crop((0, 0, W, y + 8)), file_name("chat-otp-salah-kirim.png", lang))


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
    tx = TEXTS[lang]
    img = Image.new("RGB", (W, 900), (245, 247, 250))
    d = ImageDraw.Draw(img)
    d.text((20, 18), tx["link_title"], font=BOLD(27), fill=DARK)
    y = 60
    for line in wrap(d, tx["link_intro"], SANS(18), W - 40):
        d.text((20, y), line, font=SANS(18), fill=DARK)
        y += 26
    y += 14
    y = url_card(d, y, True, tx["real"], [
        ("https://www.", "plain"), ("komdigi.go.id", "owner"), ("/berita", "plain"),
    ], tx["real_notes"])
    y = url_card(d, y, False, tx["fake_front"], [
        ("https://", "plain"), ("komdigi.go.id.", "decoy"), ("kuota-gratis.xyz", "owner"), ("/klaim", "plain"),
    ], tx["fake_front_notes"])
    y = url_card(d, y, False, tx["fake_letters"], [
        ("https://www.ko", "plain"), ("rn", "trick"), ("digi.id", "plain"), ("/kuota", "plain"),
    ], tx["fake_letters_notes"], mono=False)
    d.rectangle((0, y, W, y + 62), fill=(7, 94, 84))
    t = tx["footer"]
    f = BOLD(20)
    d.text(((W - d.textlength(t, font=f)) / 2, y + 19), t, font=f, fill=WHITE)
    save(img.crop((0, 0, W, y + 62)), file_name("tautan-asli-vs-palsu.png", lang))


if __name__ == "__main__":
    lang = language()
    chat_otp(lang)
    tautan(lang)
