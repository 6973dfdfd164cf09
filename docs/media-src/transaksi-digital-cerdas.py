"""Draw the images of the module "transaksi-digital-cerdas".

Run from the repository root:  python docs/media-src/transaksi-digital-cerdas.py
Writes PNG files (720 px wide, small palette) into content/transaksi-digital-cerdas/media/.
All names, numbers and apps in the pictures are invented (e.g. "DompetKu", 0812-0000-xxxx).
"""
from pathlib import Path

from lang_arg import language
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "transaksi-digital-cerdas" / "media"
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

W = 720
INK = (33, 33, 33)
MUTED = (97, 97, 97)
PAPER = (255, 255, 255)
BG = (236, 239, 241)
RED = (183, 28, 28)
GREEN = (27, 110, 52)
CHAT_BG = (230, 221, 212)
BUBBLE = (255, 255, 255)
SMS_BG = (245, 245, 245)
BLUE = (21, 101, 192)


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(FONT_DIR + name, size)


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


def text_block(draw, xy, text, fnt, width, fill=INK, gap=6):
    x, y = xy
    for ln in wrap(draw, text, fnt, width):
        draw.text((x, y), ln, font=fnt, fill=fill)
        y += fnt.size + gap
    return y


def save(img, name):
    OUT.mkdir(parents=True, exist_ok=True)
    img = img.convert("P", palette=Image.ADAPTIVE, colors=32)
    path = OUT / name
    img.save(path, optimize=True)
    print(path, path.stat().st_size, "bytes")


def otp_salah_kirim():
    """Mock phone screen: an OTP SMS, then a scam WhatsApp message asking for it."""
    H = 640
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)
    # phone frame
    px0, px1 = 150, 570
    d.rounded_rectangle((px0, 16, px1, H - 16), radius=36, fill=INK)
    d.rounded_rectangle((px0 + 14, 40, px1 - 14, H - 40), radius=20, fill=CHAT_BG)
    sx0, sx1 = px0 + 14, px1 - 14
    # SMS notification at the top
    d.rounded_rectangle((sx0 + 12, 54, sx1 - 12, 190), radius=14, fill=SMS_BG, outline=(189, 189, 189))
    d.text((sx0 + 28, 64), "SMS  ·  DompetKu", font=font(16, True), fill=MUTED)
    y = text_block(d, (sx0 + 28, 92), "Kode OTP kamu: 4821.", font(20, True), sx1 - sx0 - 60)
    text_block(d, (sx0 + 28, y + 2),
               "JANGAN BERIKAN KODE INI KEPADA SIAPA PUN, termasuk petugas DompetKu.",
               font(16), sx1 - sx0 - 60, fill=INK, gap=4)
    # chat header
    d.rectangle((sx0, 206, sx1, 258), fill=(7, 94, 84))
    d.ellipse((sx0 + 12, 214, sx0 + 48, 250), fill=(178, 223, 219))
    d.text((sx0 + 60, 216), "+62 812-0000-xxxx", font=font(19, True), fill=PAPER)
    d.text((sx0 + 60, 238), "nomor tidak dikenal", font=font(13), fill=(224, 242, 241))
    # incoming bubble
    msg = ("Maaf dik, kode OTP saya salah kirim ke nomor adik. "
           "Tolong kirim balik ya, penting untuk bayar sekolah anak saya.")
    fnt = font(19)
    lines = wrap(d, msg, fnt, 300)
    bh = len(lines) * (fnt.size + 7) + 40
    bx0, by0 = sx0 + 16, 280
    d.rounded_rectangle((bx0, by0, bx0 + 330, by0 + bh), radius=14, fill=BUBBLE)
    yy = by0 + 12
    for ln in lines:
        d.text((bx0 + 14, yy), ln, font=fnt, fill=INK)
        yy += fnt.size + 7
    d.text((bx0 + 270, by0 + bh - 24), "19.42", font=font(13), fill=MUTED)
    # red warning label
    ly = by0 + bh + 26
    d.rounded_rectangle((sx0 + 16, ly, sx1 - 16, ly + 104), radius=12, fill=RED)
    d.text((sx0 + 32, ly + 12), "PENIPUAN!", font=font(22, True), fill=PAPER)
    text_block(d, (sx0 + 32, ly + 44),
               "Jangan kirim kode OTP kepada siapa pun.", font(17, True),
               sx1 - sx0 - 64, fill=PAPER, gap=4)
    # fictional note
    d.text((sx0 + 16, H - 70), "Contoh rekaan untuk latihan", font=font(14), fill=MUTED)
    save(img, "otp-salah-kirim.png")


def confirm_screen(d, x0, name, ok):
    """One phone with a QRIS payment confirmation page."""
    w, top, bottom = 300, 96, 470
    d.rounded_rectangle((x0, top, x0 + w, bottom), radius=30, fill=INK)
    d.rounded_rectangle((x0 + 12, top + 20, x0 + w - 12, bottom - 20), radius=16, fill=PAPER)
    cx0, cx1 = x0 + 28, x0 + w - 28
    y = top + 36
    d.text((cx0, y), "Konfirmasi Pembayaran", font=font(18, True), fill=INK)
    y += 36
    d.text((cx0, y), "Penerima (merchant)", font=font(14), fill=MUTED)
    y += 22
    color = GREEN if ok else RED
    d.rounded_rectangle((cx0 - 6, y - 4, cx1 + 6, y + 36), radius=8, outline=color, width=3)
    d.text((cx0 + 4, y + 4), name, font=font(19, True), fill=INK)
    y += 52
    d.text((cx0, y), "Dibayar lewat QRIS", font=font(13), fill=MUTED)
    y += 30
    d.text((cx0, y), "Nominal", font=font(14), fill=MUTED)
    y += 22
    d.text((cx0, y), "Rp12.000", font=font(26, True), fill=INK)
    y += 50
    d.rounded_rectangle((cx0, y, cx1, y + 46), radius=23, fill=BLUE)
    tw = d.textlength("Bayar", font=font(19, True))
    d.text(((cx0 + cx1 - tw) / 2, y + 12), "Bayar", font=font(19, True), fill=PAPER)
    # verdict under the phone
    vy = bottom + 14
    d.rounded_rectangle((x0, vy, x0 + w, vy + 56), radius=12, fill=color)
    label = "✓ Cocok: lanjutkan" if ok else "✗ Tidak cocok: batalkan!"
    tw = d.textlength(label, font=font(20, True))
    d.text((x0 + (w - tw) / 2, vy + 15), label, font=font(20, True), fill=PAPER)


def qris_cek_nama():
    """Two confirmation screens: the matching merchant name and a fake one."""
    H = 590
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)
    title = "Kamu sedang jajan di KANTIN BU MADE. Cek nama penerima sebelum bayar:"
    text_block(d, (30, 22), title, font(19, True), W - 60, gap=6)
    confirm_screen(d, 40, "KANTIN BU MADE", True)
    confirm_screen(d, W - 40 - 300, "JAYA CELL 8821", False)
    d.text((30, H - 28), "Contoh rekaan untuk latihan", font=font(13), fill=MUTED)
    save(img, "qris-cek-nama.png")


if __name__ == "__main__":
    language(available=("id",))  # --lang en: no English texts yet for these images
    otp_salah_kirim()
    qris_cek_nama()
