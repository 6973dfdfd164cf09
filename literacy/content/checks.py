"""Problems the checker reports: where (file and line), how bad, and what to do about it.

Each message says what is wrong and how to fix it, in the reader's language (Indonesian by
default, English with ``--lang en``). Codes are stable, for tools reading ``--format json``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

ERROR = "error"
WARNING = "warning"

MESSAGES = {
    # files and folders
    "module-slug": _l("Nama folder modul '%(slug)s' tidak valid. Gunakan huruf kecil, angka dan tanda hubung saja, misalnya 'cek-dulu-sebelum-sebar'."),
    "module-duplicate": _l("Slug modul '%(slug)s' sudah dipakai di %(other)s. Setiap modul butuh nama folder yang unik."),
    "module-missing": _l("Berkas module.md tidak ada. Setiap folder modul butuh module.md berisi front matter modul."),
    "not-a-module": _l("Folder ini bukan modul (tidak ada module.md) dan bukan folder konten. Periksa jalurnya."),
    "unknown-file": _l("Berkas atau folder '%(name)s' tidak dikenali dan akan diabaikan. Pelajaran dinamai '01-judul.md', kuis 'kuis.md', gambar di folder 'media/'."),
    "lesson-filename": _l("Nama berkas pelajaran '%(name)s' tidak valid. Gunakan dua angka, tanda hubung, lalu slug huruf kecil, misalnya '01-ciri-ciri-hoaks.md'."),
    "lesson-number-duplicate": _l("Nomor pelajaran %(number)s dipakai lebih dari sekali (juga di %(other)s). Beri setiap pelajaran nomor yang berbeda."),
    "lesson-slug-duplicate": _l("Slug pelajaran '%(slug)s' dipakai lebih dari sekali (juga di %(other)s). Slug harus unik dalam satu modul."),
    "lesson-slug-reserved": _l("Slug pelajaran '%(slug)s' sudah dipakai oleh sistem. Pilih nama lain."),
    "no-lessons": _l("Modul ini belum punya pelajaran. Tambahkan minimal satu berkas seperti '01-pengantar.md'."),
    "media-type": _l("Jenis berkas '%(name)s' tidak diizinkan di folder media. Gunakan PNG, JPG atau WEBP (SVG dan GIF tidak diterima)."),
    "media-size": _l("Gambar '%(name)s' berukuran %(size)s KB; batasnya %(limit)s KB. Perkecil gambar agar cepat dimuat di HP."),
    "symlink": _l("'%(name)s' adalah tautan simbolik (symlink). Demi keamanan, konten harus berupa berkas biasa di dalam folder modul: salin berkasnya ke sini."),
    "media-content": _l("Isi berkas '%(name)s' bukan gambar %(kind)s yang sah. Simpan ulang gambarnya sebagai PNG, JPG atau WEBP."),
    "unreadable": _l("Berkas tidak bisa dibaca sebagai teks UTF-8. Simpan ulang berkas dengan encoding UTF-8."),
    # front matter
    "front-matter-missing": _l("Front matter tidak ada. Berkas harus diawali baris '---', diikuti kolom YAML, lalu ditutup dengan '---'."),
    "front-matter-unclosed": _l("Front matter tidak ditutup. Tambahkan baris '---' setelah kolom terakhir."),
    "yaml": _l("YAML tidak bisa dibaca: %(detail)s. Periksa titik dua, tanda kutip dan indentasi di baris ini."),
    "front-matter-not-mapping": _l("Front matter harus berisi pasangan 'kolom: nilai'."),
    "field-missing": _l("Kolom '%(field)s' wajib diisi di front matter."),
    "field-unknown": _l("Kolom '%(field)s' tidak dikenal dan akan diabaikan. Periksa ejaannya."),
    "field-not-allowed": _l("Kolom '%(field)s' tidak dipakai di terjemahan; nilainya diambil dari modul berbahasa Indonesia. Hapus kolom ini."),
    "field-type": _l("Kolom '%(field)s' harus berisi %(expected)s."),
    "field-too-long": _l("Kolom '%(field)s' terlalu panjang (%(length)s karakter, maksimal %(limit)s). Persingkat."),
    "pillar": _l("Pilar '%(value)s' tidak dikenal. Pilih salah satu: %(choices)s."),
    "level": _l("Tingkat '%(value)s' tidak dikenal. Pilih salah satu: %(choices)s."),
    "language": _l("Bahasa '%(value)s' tidak sesuai. Di folder ini gunakan '%(expected)s'."),
    "pass-mark": _l("Nilai minimal lulus %(value)s harus di antara 0 dan 100."),
    "number-range": _l("Kolom '%(field)s' harus bilangan bulat dari %(low)s sampai %(high)s."),
    # lesson bodies
    "lesson-empty": _l("Pelajaran ini kosong. Tulis isi pelajaran di bawah front matter."),
    "heading-h1": _l("Judul tingkat 1 ('# ') dipakai untuk judul pelajaran dari front matter. Mulai judul bagian dari '## '."),
    "heading-skip": _l("Tingkat judul melompat dari %(previous)s ke %(level)s. Gunakan '%(expected)s' agar struktur halaman jelas bagi pembaca layar."),
    "image-alt": _l("Gambar '%(src)s' tidak punya teks alternatif. Tulis deskripsi di dalam kurung siku: ![deskripsi gambar](media/nama.png)."),
    "image-path": _l("Gambar '%(src)s' harus diambil dari folder media modul, misalnya 'media/diagram.png'. Gambar dari luar tidak ditampilkan."),
    "image-missing": _l("Gambar 'media/%(name)s' tidak ada di folder media modul. Periksa nama berkasnya (huruf besar-kecil berpengaruh)."),
    "link-http": _l("Tautan '%(href)s' tidak memakai https. Ganti dengan alamat https:// agar aman."),
    "link-scheme": _l("Tautan '%(href)s' memakai skema yang tidak diizinkan dan akan dihapus. Gunakan https:// atau mailto:."),
    "link-relative": _l("Tautan '%(href)s' mengarah ke berkas lokal dan tidak akan berfungsi di halaman. Gunakan alamat https:// lengkap, atau sebut judul pelajarannya saja."),
    "translation-quiz-missing": _l("Kuis belum diterjemahkan (tidak ada %(name)s); pembaca akan melihat soal berbahasa Indonesia."),
    "raw-html": _l("HTML mentah '%(html)s' tidak didukung: tidak dijalankan dan akan tampil sebagai teks biasa. Hapus dan gunakan markdown."),
    "callout-unknown": _l("Kotak '::: %(name)s' tidak dikenal. Gunakan salah satu: %(choices)s."),
    "callout-unclosed": _l("Kotak '::: %(name)s' tidak ditutup. Tambahkan baris ':::' di akhir kotak."),
    "callout-nested": _l("Kotak tidak boleh berada di dalam kotak lain. Tutup kotak sebelumnya dengan ':::' dulu."),
    "callout-stray": _l("Baris ':::' ini tidak menutup kotak apa pun. Hapus baris ini."),
    # quizzes
    "workshop-without-certificate": _l("'workshop_required: true' tidak berarti apa-apa karena modul ini tidak memberi sertifikat. Hapus baris itu, atau tulis 'certificate: true'."),
    "certificate-without-quiz": _l("Modul ini memberi sertifikat tetapi tidak punya kuis.md. Tambahkan kuis, atau tulis 'certificate: false'."),
    "quiz-text-outside": _l("Teks sebelum soal pertama akan diabaikan. Setiap soal diawali judul '## '."),
    "quiz-heading-level": _l("Soal harus diawali judul tingkat 2 ('## '). Judul tingkat lain tidak dipakai di kuis."),
    "quiz-empty": _l("Kuis ini belum punya soal. Tambahkan soal dengan judul '## ' dan pilihan jawaban."),
    "question-key": _l("Soal ini tidak punya kunci. Akhiri judul soal dengan kunci unik, misalnya '{#ciri-hoaks-1}' (huruf kecil, angka, tanda hubung)."),
    "question-key-duplicate": _l("Kunci soal '%(key)s' sudah dipakai di baris %(other)s. Setiap soal butuh kunci unik."),
    "question-text": _l("Soal ini tidak punya pertanyaan. Tulis pertanyaannya di judul '## '."),
    "question-no-options": _l("Soal '%(key)s' tidak punya pilihan jawaban. Tulis pilihan sebagai daftar '- [ ]' dan tandai yang benar dengan '- [x]'."),
    "question-one-option": _l("Soal '%(key)s' hanya punya %(count)s pilihan jawaban. Beri minimal dua pilihan."),
    "question-no-answer": _l("Soal '%(key)s' tidak punya jawaban benar. Tandai minimal satu pilihan dengan '- [x]'."),
    "option-checkbox": _l("Pilihan jawaban harus diawali '[ ]' (salah) atau '[x]' (benar)."),
    "option-empty": _l("Pilihan jawaban ini kosong. Tulis teks pilihannya setelah '[ ]' atau '[x]'."),
    "question-explanation": _l("Soal '%(key)s' belum punya penjelasan. Tambahkan kutipan '> ...' setelah pilihan jawaban; penjelasan membantu siswa belajar dari kesalahan."),
    "question-extra": _l("Isi ini tidak dikenali sebagai bagian soal '%(key)s' dan akan diabaikan. Urutannya: pertanyaan, pilihan jawaban, lalu penjelasan '> ...'."),
    "quiz-draw-too-many": _l("Kolom '%(field)s' (%(value)s) lebih besar dari jumlah soal di bank soal (%(count)s)."),
    # second edition (issue 15): what a lesson and a module should have
    "remember-box": _l("Pelajaran ini punya %(count)s kotak '::: ingat'. Akhiri setiap pelajaran dengan tepat satu kotak '::: ingat' (bahasa Inggris: '::: remember') setelah kotak refleksi dan sebelum '## Sumber'."),
    "remember-items": _l("Kotak '::: ingat' berisi %(count)s poin. Tulis tepat %(expected)s poin singkat sebagai daftar '- '."),
    "lesson-too-long": _l("Pelajaran ini berisi %(words)s kata (tanpa bagian Sumber); batasnya %(limit)s kata. Persingkat, atau bagi menjadi dua pelajaran."),
    "link-bare-domain": _l("Tautan sumber '%(href)s' hanya menuju halaman depan situs. Tautkan halaman yang memuat faktanya (teks peraturan, halaman lembaga, artikel)."),
    "image-english-variant": _l("Pelajaran berbahasa Inggris ini memakai gambar '%(name)s', padahal ada versi Inggrisnya '%(english)s'. Gunakan media/%(english)s."),
    "quiz-bank-small": _l("Bank soal berisi %(count)s soal; minimal %(minimum)s agar setiap percobaan kuis berbeda. Tambahkan soal."),
    "notes-missing": _l("Modul ini belum punya %(name)s (rencana lokakarya 90 menit, pertanyaan diskusi, kegiatan tanpa gawai) untuk fasilitator."),
    # shared pages (content/_halaman)
    "page-filename": _l("Nama berkas halaman '%(name)s' tidak valid. Gunakan huruf kecil, angka dan tanda hubung, misalnya 'lapor.md'."),
    "page-empty": _l("Halaman ini kosong. Tulis isinya di bawah front matter."),
    # facilitator notes (catatan-fasilitator.md)
    "notes-empty": _l("Catatan fasilitator ini kosong. Tulis isinya di bawah front matter: rencana lokakarya 90 menit, pertanyaan diskusi dan kegiatan tanpa gawai."),
    # the pre-test pool (tes-awal.md)
    "pretest-without-quiz": _l("Ada tes-awal.md tetapi tidak ada kuis.md. Tes awal memakai pengaturan 'pretest_questions' dari kuis.md: tambahkan kuis.md atau hapus tes-awal.md."),
    "pretest-key-duplicate": _l("Kunci soal '%(key)s' sudah dipakai di %(name)s baris %(other)s. Soal tes awal butuh kunci yang berbeda dari semua soal kuis."),
    "pretest-draw-too-many": _l("Kolom 'pretest_questions' (%(value)s) lebih besar dari jumlah soal di %(name)s (%(count)s). Tambahkan soal ke tes awal atau kecilkan angkanya."),
    # translations
    "translation-orphan": _l("Berkas terjemahan '%(name)s' tidak punya pasangan berbahasa Indonesia. Nama berkas harus sama dengan berkas aslinya."),
    "translation-missing": _l("Pelajaran '%(name)s' belum diterjemahkan; pembaca akan melihat versi bahasa Indonesia."),
    "translation-question-missing": _l("Soal '%(key)s' belum diterjemahkan; pembaca akan melihat versi bahasa Indonesia."),
    "translation-question-extra": _l("Soal '%(key)s' tidak ada di kuis berbahasa Indonesia. Kunci soal terjemahan harus sama dengan aslinya."),
    "translation-question-mismatch": _l("Soal '%(key)s' dalam terjemahan punya pilihan atau jawaban benar yang berbeda dari aslinya. Samakan jumlah, urutan dan jawaban benarnya."),
    "translation-without-module": _l("Ada folder terjemahan tetapi tidak ada %(name)s di dalamnya."),
    "internal": _l("Berkas ini tidak bisa diperiksa karena kesalahan tak terduga (%(detail)s). Laporkan ke tim Literasi."),
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    severity: str
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def message(self) -> str:
        """The message in the current locale (wrap in ``flask_babel.force_locale`` to choose)."""
        return str(MESSAGES[self.code]) % self.params

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message()}"

    def as_dict(self) -> dict:
        return {
            "file": self.path, "line": self.line, "severity": self.severity,
            "code": self.code, "message": self.message(),
        }


class Report:
    """The problems found while reading content, in the order they were found."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.folders: list[str] = []  # the module folders read, in order

    def error(self, path, line: int, code: str, **params) -> None:
        self.problems.append(Problem(str(path), max(int(line), 1), ERROR, code, params))

    def warning(self, path, line: int, code: str, **params) -> None:
        self.problems.append(Problem(str(path), max(int(line), 1), WARNING, code, params))

    def errors_in(self, folder: str) -> list[Problem]:
        """The errors in a module folder's files (or about the folder itself)."""
        return [p for p in self.errors if p.path == folder or p.path.startswith(folder + "/")]

    def folders_with_errors(self) -> list[str]:
        return [folder for folder in self.folders if self.errors_in(folder)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]
