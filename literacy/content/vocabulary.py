"""The fixed vocabulary of the content format, shared by the checker and the pages."""
from flask_babel import lazy_gettext as _l

PILLARS = {
    "cakap": _l("Cakap Digital"),
    "etika": _l("Etika Digital"),
    "budaya": _l("Budaya Digital"),
    "aman": _l("Aman Digital"),
}
PILLAR_DESCRIPTIONS = {
    "cakap": _l("Terampil memakai gawai, mesin pencari, aplikasi percakapan dan transaksi daring."),
    "etika": _l("Sopan dan bertanggung jawab: netiket, komentar yang berempati, melawan perundungan siber."),
    "budaya": _l("Membawa nilai Pancasila dan Bhinneka Tunggal Ika ke ruang digital, bangga berkarya."),
    "aman": _l("Melindungi akun, gawai dan data pribadi; waspada penipuan dan tahu ke mana melapor."),
}
LEVELS = {"pemula": _l("Pemula"), "menengah": _l("Menengah"), "mahir": _l("Mahir")}
LANGUAGES = {"id": _l("Bahasa Indonesia"), "en": _l("Bahasa Inggris")}
SOURCE_LANGUAGE = "id"
TRANSLATION_LANGUAGES = ("en",)

# Callout blocks (``::: tips`` ... ``:::``): the name partners write -> the kind it renders as.
CALLOUTS = {
    "tips": "tip", "tip": "tip",
    "peringatan": "warning", "warning": "warning",
    "kegiatan": "activity", "activity": "activity",
    "refleksi": "reflection", "reflection": "reflection",
    "ingat": "remember", "remember": "remember",
}
# The heading shown on a callout, in the language of the lesson (rendered once, at import).
CALLOUT_TITLES = {
    "id": {"tip": "Tips", "warning": "Peringatan", "activity": "Kegiatan", "reflection": "Refleksi",
           "remember": "Ingat"},
    "en": {"tip": "Tip", "warning": "Warning", "activity": "Activity", "reflection": "Reflection",
           "remember": "Remember"},
}
# Second edition (issue 15): what the checker warns about.
MIN_QUIZ_BANK = 20  # questions in kuis.md
MAX_LESSON_WORDS = 700  # body text, without the sources section
REMEMBER_ITEMS = 3  # points in the one ::: ingat box that ends a lesson
SOURCES_HEADINGS = {"id": "Sumber", "en": "Sources"}  # the ## section whose links must name a page
TRUE_FALSE = {"id": ("Benar", "Salah"), "en": ("True", "False")}

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
# The first bytes each image type must start with (a renamed file is not an image).
MEDIA_SIGNATURES = {
    "image/png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda data: data.startswith(b"\xff\xd8\xff"),
    "image/webp": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
}
MAX_MEDIA_BYTES = 500 * 1024
RESERVED_LESSON_SLUGS = {"media", "kuis", "tes-awal", "catatan-fasilitator"}
