"""The base of every form: WTForms' own messages in the visitor's language.

WTForms ships no Indonesian catalog, so its built-in messages ("Not a valid integer value.",
"This field is required.", the default ``Length`` texts...) would reach students in English.
``FlaskForm`` here answers them from our own catalog (Indonesian message ids, like every string
of the app); a message WTForms adds later falls back to a plain Indonesian sentence, never English.
Every area imports ``FlaskForm`` from here, not from ``flask_wtf`` (``tests/test_forms.py`` checks).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm as _FlaskWTFForm

# WTForms' English texts (keys, exactly as WTForms writes them) and what we say instead.
WTFORMS_MESSAGES = {
    "This field is required.": _l("Bagian ini wajib diisi."),
    "Not a valid integer value.": _l("Tulis dengan angka saja."),
    "Not a valid decimal value.": _l("Tulis dengan angka saja."),
    "Not a valid float value.": _l("Tulis dengan angka saja."),
    "Not a valid date value.": _l("Tulis tanggal yang benar."),
    "Not a valid datetime value.": _l("Tulis tanggal dan jam yang benar."),
    "Not a valid time value.": _l("Tulis jam yang benar."),
    "Not a valid week value.": _l("Tulis minggu yang benar."),
    "Not a valid choice.": _l("Pilih salah satu pilihan yang ada."),
    "Invalid Choice: could not coerce.": _l("Pilih salah satu pilihan yang ada."),
    "Invalid choice(s): one or more data inputs could not be coerced.": _l("Pilih dari pilihan yang ada."),
    "'%(value)s' is not a valid choice for this field.": _l("Pilih dari pilihan yang ada."),
    "'%(value)s' are not valid choices for this field.": _l("Pilih dari pilihan yang ada."),
    "Choices cannot be None.": _l("Pilih salah satu pilihan yang ada."),
    "Invalid input.": _l("Isian ini belum benar. Periksa lagi."),
    "Invalid email address.": _l("Tulis alamat email yang lengkap, misalnya nama@contoh.id."),
    "Invalid URL.": _l("Tulis alamat web yang lengkap, misalnya https://contoh.id."),
    "Invalid IP address.": _l("Isian ini belum benar. Periksa lagi."),
    "Invalid Mac address.": _l("Isian ini belum benar. Periksa lagi."),
    "Invalid UUID.": _l("Isian ini belum benar. Periksa lagi."),
    "Field must be equal to %(other_name)s.": _l("Isian ini harus sama dengan %(other_name)s."),
    "Number must be at least %(min)s.": _l("Angkanya paling kecil %(min)s."),
    "Number must be at most %(max)s.": _l("Angkanya paling besar %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Angkanya antara %(min)s dan %(max)s."),
    "Date must be at least %(min)s.": _l("Tanggalnya paling awal %(min)s."),
    "Date must be at most %(max)s.": _l("Tanggalnya paling akhir %(max)s."),
    "Date must be between %(min)s and %(max)s.": _l("Tanggalnya antara %(min)s dan %(max)s."),
    "Field must be at least %(min)d character long.": _l("Paling sedikit %(min)d karakter."),
    "Field must be at least %(min)d characters long.": _l("Paling sedikit %(min)d karakter."),
    "Field cannot be longer than %(max)d character.": _l("Paling banyak %(max)d karakter."),
    "Field cannot be longer than %(max)d characters.": _l("Paling banyak %(max)d karakter."),
    "Field must be exactly %(max)d character long.": _l("Harus tepat %(max)d karakter."),
    "Field must be exactly %(max)d characters long.": _l("Harus tepat %(max)d karakter."),
    "Field must be between %(min)d and %(max)d characters long.": _l("Harus %(min)d sampai %(max)d karakter."),
    "Invalid value, must be one of: %(values)s.": _l("Pilih salah satu dari: %(values)s."),
    "Invalid value, can't be any of: %(values)s.": _l("Tidak boleh salah satu dari: %(values)s."),
    "This field cannot be edited.": _l("Bagian ini tidak bisa diubah."),
    "This field is disabled and cannot have a value.": _l("Bagian ini tidak bisa diubah."),
    "Invalid CSRF Token.": _l("Formulir ini sudah kedaluwarsa. Muat ulang halaman, lalu coba lagi."),
    "CSRF token missing.": _l("Formulir ini sudah kedaluwarsa. Muat ulang halaman, lalu coba lagi."),
    "CSRF failed.": _l("Formulir ini sudah kedaluwarsa. Muat ulang halaman, lalu coba lagi."),
    "CSRF token expired.": _l("Formulir ini sudah kedaluwarsa. Muat ulang halaman, lalu coba lagi."),
}
UNKNOWN = _l("Isian ini belum benar. Periksa lagi.")


class WTFormsMessages:
    """The ``gettext``/``ngettext`` pair WTForms asks its messages from."""

    def gettext(self, string: str) -> str:
        return str(WTFORMS_MESSAGES.get(string, UNKNOWN))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class FlaskForm(_FlaskWTFForm):
    """Flask-WTF's form with WTForms' messages in the visitor's language."""

    class Meta:
        def get_translations(self, form):
            return WTFormsMessages()


__all__ = ["FlaskForm", "WTFormsMessages", "WTFORMS_MESSAGES"]
