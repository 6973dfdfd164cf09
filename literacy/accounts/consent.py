"""The consent text a parent or guardian agrees to. Changing the wording means a new version."""
from flask_babel import lazy_gettext as _l

VERSION = "2026-11-v1"
LINK_VALID_DAYS = 7

TEXT = (
    _l("Anak Anda mendaftar di Literasi, platform belajar literasi digital. Untuk anak di bawah 18 tahun, kami hanya menyimpan nama pengguna, tahun lahir dan kemajuan belajar sampai orang tua atau wali menyetujui."),
    _l("Dengan persetujuan Anda, kami juga boleh menyimpan nama tampilan (nama yang dicetak di sertifikat) dan alamat email anak, serta menerbitkan sertifikat atas nama tersebut."),
    _l("Kami tidak meminta nomor telepon, alamat rumah atau foto, tidak menampilkan iklan, dan tidak menjual data kepada siapa pun. Data diproses sesuai UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."),
    _l("Anda dapat menarik persetujuan kapan saja melalui tautan di email konfirmasi; nama tampilan dan email anak akan dihapus. Anak juga dapat mengunduh atau menghapus datanya sendiri."),
)
