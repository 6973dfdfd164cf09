"""Error pages: a short Indonesian (or English) explanation and a way back, never a traceback."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..security import ControlCharacters

bp = Blueprint("errors", __name__, template_folder="templates")

MESSAGES = {
    400: (_l("Permintaan tidak dapat diproses"), _l("Ada yang kurang atau tidak sesuai pada permintaanmu. Kembali ke halaman sebelumnya dan coba lagi.")),
    403: (_l("Akses ditolak"), _l("Kamu tidak punya izin untuk membuka halaman ini. Jika menurutmu ini keliru, hubungi fasilitator atau admin.")),
    404: (_l("Halaman tidak ditemukan"), _l("Halaman yang kamu cari tidak ada atau sudah dipindahkan. Periksa kembali alamatnya.")),
    405: (_l("Cara membuka halaman ini tidak didukung"), _l("Halaman ini tidak bisa dibuka dengan cara itu. Kembali ke beranda dan coba dari sana.")),
    413: (_l("Berkas terlalu besar"), _l("Data yang kamu kirim terlalu besar. Perkecil lalu coba lagi.")),
    429: (_l("Terlalu banyak percobaan"), _l("Kamu mencoba terlalu sering dalam waktu singkat. Tunggu sebentar, lalu coba lagi.")),
    500: (_l("Terjadi kesalahan di server kami"), _l("Maaf, ada yang tidak beres di pihak kami. Tidak ada yang hilang dari akunmu. Coba lagi beberapa saat lagi.")),
}
CSRF_MESSAGE = (
    _l("Formulir sudah kedaluwarsa"),
    _l("Demi keamananmu, formulir ini perlu dimuat ulang. Kembali, muat ulang halamannya, lalu kirim lagi."),
)


def render_error(code: int, title, message):
    try:
        return render_template("errors/error.html", code=code, title=title, message=message), code
    except Exception:  # the error page itself must never fail: fall back to plain text
        current_app.logger.exception("error page failed to render")
        return f"{code} {title}\n{message}\n", code, {"Content-Type": "text/plain; charset=utf-8"}
CONTROL_MESSAGE = (
    _l("Ada karakter yang tidak bisa diproses"),
    _l("Isian atau alamat halaman memuat karakter tak terlihat (karakter kontrol). Kembali, hapus karakter itu, lalu kirim lagi: yang sudah kamu ketik masih ada."),
)


@bp.app_errorhandler(ControlCharacters)
def control_characters(error):
    return render_error(400, *CONTROL_MESSAGE)


@bp.app_errorhandler(CSRFError)
def csrf_error(error):
    return render_error(400, *CSRF_MESSAGE)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    code = error.code or 500
    if code not in MESSAGES:
        return error
    response = render_error(code, *MESSAGES[code])
    if code == 405 and error.valid_methods:
        return (*response, {"Allow": ", ".join(error.valid_methods)})
    return response


@bp.app_errorhandler(InternalServerError)
def server_error(error):
    return render_error(500, *MESSAGES[500])
