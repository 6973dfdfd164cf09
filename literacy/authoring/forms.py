"""Authoring forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import FlaskForm


class ActionForm(FlaskForm):
    """A button that changes something (CSRF only)."""


class NewModuleForm(FlaskForm):
    slug = StringField(_l("Slug modul"), validators=[DataRequired(_l("Isi slug modul.")), Length(max=80)],
                       description=_l("Nama folder modul dan bagian alamatnya: huruf kecil, angka dan tanda hubung, "
                                      "misalnya 'cek-dulu-sebelum-sebar'. Tidak bisa diubah nanti."))


class UploadForm(FlaskForm):
    archive = FileField(_l("Berkas zip folder modul"), validators=[DataRequired(_l("Pilih berkas zip."))],
                        description=_l("Zip folder modulnya (berisi module.md, pelajaran, kuis.md dan media/). "
                                       "Paling besar 2 MB."))
    module_slug = StringField(_l("Slug modul (boleh kosong: nama folder di dalam zip)"), validators=[Length(max=80)])


class ReplaceForm(FlaskForm):
    archive = FileField(_l("Berkas zip folder modul"), validators=[DataRequired(_l("Pilih berkas zip."))],
                        description=_l("Semua berkas draf diganti dengan isi zip ini."))


class FileForm(FlaskForm):
    text = TextAreaField(_l("Isi berkas"))


class NewFileForm(FlaskForm):
    path = StringField(_l("Nama berkas baru"), validators=[DataRequired(_l("Isi nama berkas.")), Length(max=200)],
                       description=_l("Misalnya '03-lapor-akun-palsu.md', atau 'en/module.md' untuk terjemahan."))


class ImageForm(FlaskForm):
    image = FileField(_l("Gambar untuk folder media/"), validators=[DataRequired(_l("Pilih gambar."))],
                      description=_l("PNG, JPG atau WEBP, paling besar 500 KB. Nama berkas tanpa spasi, misalnya "
                                     "'langkah-1.png'."))


class PathForm(FlaskForm):
    path = HiddenField(validators=[DataRequired()])
    direction = HiddenField()


class RenameForm(FlaskForm):
    path = HiddenField(validators=[DataRequired()])
    slug = StringField(_l("Slug baru"), validators=[DataRequired(_l("Isi slug baru.")), Length(max=60)])


class CommentsForm(FlaskForm):
    comments = TextAreaField(_l("Komentar untuk penulis"), validators=[DataRequired(_l("Tulis komentar."))],
                             description=_l("Satu komentar per baris. Awali dengan berkas dan baris agar tampil di "
                                            "sebelah berkasnya, misalnya '01-pengantar.md:12: contoh ini kurang jelas'."))


class ReviewerForm(FlaskForm):
    username = StringField(_l("Nama pengguna"), validators=[DataRequired(_l("Isi nama pengguna.")), Length(max=32)])
