"""Draw the images of the module "transaksi-digital-cerdas".

Run from the repository root:  python docs/media-src/transaksi-digital-cerdas.py [--lang id|en]
Writes qris-cek-nama.png (Indonesian) and qris-cek-nama-en.png (English; without --lang both are
drawn), 720 px wide with a small palette, into content/transaksi-digital-cerdas/media/.
All names and numbers in the pictures are invented.
"""
import argparse
from pathlib import Path

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
BLUE = (21, 101, 192)

TEXTS = {
    "id": {
        "file": "qris-cek-nama.png",
        "title": "Kamu sedang jajan di KANTIN BU MADE. Cek nama penerima sebelum bayar:",
        "confirm": "Konfirmasi Pembayaran",
        "recipient": "Penerima (merchant)",
        "via": "Dibayar lewat QRIS",
        "amount_label": "Nominal",
        "amount": "Rp12.000",
        "pay": "Bayar",
        "ok": "\u2713 Cocok: lanjutkan",
        "bad": "\u2717 Tidak cocok: batalkan!",
        "note": "Contoh rekaan untuk latihan",
    },
    "en": {
        "file": "qris-cek-nama-en.png",
        "title": "You are buying a snack at KANTIN BU MADE. Check the recipient's name before you pay:",
        "confirm": "Confirm Payment",
        "recipient": "Recipient (merchant)",
        "via": "Paid with QRIS",
        "amount_label": "Amount",
        "amount": "Rp12,000",
        "pay": "Pay",
        "ok": "\u2713 Matches: go ahead",
        "bad": "\u2717 No match: cancel!",
        "note": "Made-up example for practice",
    },
}


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


def confirm_screen(d, t, x0, name, ok):
    """One phone with a QRIS payment confirmation page."""
    w, top, bottom = 300, 96, 470
    d.rounded_rectangle((x0, top, x0 + w, bottom), radius=30, fill=INK)
    d.rounded_rectangle((x0 + 12, top + 20, x0 + w - 12, bottom - 20), radius=16, fill=PAPER)
    cx0, cx1 = x0 + 28, x0 + w - 28
    y = top + 36
    d.text((cx0, y), t["confirm"], font=font(18, True), fill=INK)
    y += 36
    d.text((cx0, y), t["recipient"], font=font(14), fill=MUTED)
    y += 22
    color = GREEN if ok else RED
    d.rounded_rectangle((cx0 - 6, y - 4, cx1 + 6, y + 36), radius=8, outline=color, width=3)
    d.text((cx0 + 4, y + 4), name, font=font(19, True), fill=INK)
    y += 52
    d.text((cx0, y), t["via"], font=font(13), fill=MUTED)
    y += 30
    d.text((cx0, y), t["amount_label"], font=font(14), fill=MUTED)
    y += 22
    d.text((cx0, y), t["amount"], font=font(26, True), fill=INK)
    y += 50
    d.rounded_rectangle((cx0, y, cx1, y + 46), radius=23, fill=BLUE)
    tw = d.textlength(t["pay"], font=font(19, True))
    d.text(((cx0 + cx1 - tw) / 2, y + 12), t["pay"], font=font(19, True), fill=PAPER)
    # verdict under the phone
    vy = bottom + 14
    d.rounded_rectangle((x0, vy, x0 + w, vy + 56), radius=12, fill=color)
    label = t["ok"] if ok else t["bad"]
    tw = d.textlength(label, font=font(20, True))
    d.text((x0 + (w - tw) / 2, vy + 15), label, font=font(20, True), fill=PAPER)


def qris_cek_nama(lang):
    """Two confirmation screens: the matching merchant name and a fake one."""
    t = TEXTS[lang]
    H = 590
    img = Image.new("RGB", (W, H), BG)
    d = ImageDraw.Draw(img)
    text_block(d, (30, 22), t["title"], font(19, True), W - 60, gap=6)
    confirm_screen(d, t, 40, "KANTIN BU MADE", True)
    confirm_screen(d, t, W - 40 - 300, "JAYA CELL 8821", False)
    d.text((30, H - 28), t["note"], font=font(13), fill=MUTED)
    save(img, t["file"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(TEXTS), help="draw only this language (default: all)")
    args = parser.parse_args()
    for lang in [args.lang] if args.lang else TEXTS:
        qris_cek_nama(lang)
