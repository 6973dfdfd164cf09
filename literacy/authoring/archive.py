"""Reading an uploaded module zip without trusting it.

Everything is checked before anything is kept: the number of entries, each entry's declared and
actual size, the compression ratio (zip bombs), names (no absolute paths, no ``..``, no
backslashes or control characters), entry types (symlinks, devices and fifos are refused),
allowed file types, and images decoded. The result is a dict of path -> bytes or an
:class:`UploadError`; nothing is written on failure.
"""
from __future__ import annotations

import io
import re
import stat
import zipfile

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from ..content.vocabulary import MAX_MEDIA_BYTES, MEDIA_SIGNATURES, MEDIA_TYPES, TRANSLATION_LANGUAGES

MAX_ZIP_BYTES = 2 * 1024 * 1024  # the upload itself (the app's request limit is 2 MB too)
MAX_ENTRIES = 200
MAX_TEXT_BYTES = 200 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 64 * 1024
MAX_PIXELS = 4096 * 4096
IGNORED = re.compile(r"(^|/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(/|$)|(^|/)\.")
BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|]")


class UploadError(Exception):
    """Why an upload (or a file) was refused, in the reader's language."""


def allowed_path(path: str) -> str | None:
    """Why ``path`` cannot be a file of a module folder, or None when it can."""
    parts = path.split("/")
    if (not path or path.startswith("/") or BAD_NAME.search(path) or any(p in ("", ".", "..") for p in parts)
            or len(path) > 200 or any(len(p) > 100 for p in parts)):
        return _("Nama berkas '%(path)s' tidak aman (jalur mutlak, '..', garis miring terbalik atau karakter khusus).",
                 path=path)
    suffix = "." + parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
    if len(parts) == 1 or (len(parts) == 2 and parts[0] in TRANSLATION_LANGUAGES):
        if suffix == ".md":
            return None
    elif len(parts) == 2 and parts[0] == "media" and suffix in MEDIA_TYPES:
        return None
    return _("Berkas '%(path)s' tidak diterima. Yang boleh: berkas .md di folder modul atau di en/, dan gambar "
             "PNG, JPG atau WEBP di media/.", path=path)


def check_file(path: str, data: bytes) -> None:
    """Refuse a file whose path, size or content does not fit a module folder."""
    reason = allowed_path(path)
    if reason:
        raise UploadError(reason)
    if path.startswith("media/"):
        if len(data) > MAX_MEDIA_BYTES:
            raise UploadError(_("Gambar '%(path)s' berukuran %(size)s KB; batasnya %(limit)s KB.", path=path,
                                size=len(data) // 1024, limit=MAX_MEDIA_BYTES // 1024))
        verify_image(path, data)
    elif len(data) > MAX_TEXT_BYTES:
        raise UploadError(_("Berkas '%(path)s' berukuran %(size)s KB; batasnya %(limit)s KB.", path=path,
                            size=len(data) // 1024, limit=MAX_TEXT_BYTES // 1024))


def verify_image(path: str, data: bytes) -> None:
    """The bytes are a whole image of the type the name says, of a sane size in pixels."""
    content_type = MEDIA_TYPES["." + path.rsplit(".", 1)[-1].lower()]
    refused = UploadError(_("Isi berkas '%(path)s' bukan gambar yang sah. Simpan ulang gambarnya sebagai PNG, JPG "
                            "atau WEBP.", path=path))
    if not MEDIA_SIGNATURES[content_type](data):
        raise refused
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise UploadError(_("Gambar '%(path)s' terlalu besar (%(width)s × %(height)s piksel). Perkecil "
                                    "gambarnya.", path=path, width=image.width, height=image.height))
            image.verify()
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None


def read_zip(data: bytes) -> tuple[str | None, dict[str, bytes]]:
    """The folder name the zip holds (or None) and its files, relative to the module folder."""
    if len(data) > MAX_ZIP_BYTES:
        raise UploadError(_("Berkas zip terlalu besar (batasnya %(limit)s MB).", limit=MAX_ZIP_BYTES // (1024 * 1024)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError(_("Berkas ini bukan zip yang bisa dibaca.")) from None
    if len(entries) > MAX_ENTRIES:
        raise UploadError(_("Zip berisi %(count)s entri; batasnya %(limit)s.", count=len(entries), limit=MAX_ENTRIES))
    files: list[zipfile.ZipInfo] = []
    declared = 0
    for info in entries:
        name = info.filename
        kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
        if kind and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
            raise UploadError(_("'%(name)s' adalah tautan simbolik atau berkas perangkat; zip hanya boleh berisi "
                                "berkas biasa.", name=name))
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\\" in name or ".." in name.split("/"):
            raise UploadError(_("Nama berkas '%(path)s' tidak aman (jalur mutlak, '..', garis miring terbalik atau "
                                "karakter khusus).", path=name))
        if info.is_dir() or IGNORED.search(name):
            continue
        if info.flag_bits & 0x1:
            raise UploadError(_("Zip yang dienkripsi tidak bisa dibaca. Buat zip tanpa kata sandi."))
        declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise UploadError(_("Isi zip terlalu besar setelah dibuka (batasnya %(limit)s MB).",
                                limit=MAX_TOTAL_BYTES // (1024 * 1024)))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UploadError(_("'%(name)s' terlalu mampat untuk berkas modul (bom zip?). Zip ditolak.", name=name))
        files.append(info)
    names = [info.filename for info in files]
    folder = None
    tops = {name.split("/", 1)[0] for name in names}
    if "module.md" not in names and len(tops) == 1 and all("/" in name for name in names):
        folder = tops.pop()
        prefix = folder + "/"
    else:
        prefix = ""
    result: dict[str, bytes] = {}
    for info in files:
        path = info.filename[len(prefix):]
        reason = allowed_path(path)
        if reason:
            raise UploadError(reason)
        limit = MAX_MEDIA_BYTES if path.startswith("media/") else MAX_TEXT_BYTES
        result[path] = _read_capped(archive, info, limit, path)
        check_file(path, result[path])
    if "module.md" not in result:
        raise UploadError(_("Zip ini tidak berisi module.md. Zip folder modulnya (berisi module.md, pelajaran dan "
                            "kuis.md), bukan folder di atasnya."))
    return folder, result


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> bytes:
    """Read an entry, never more than ``limit`` bytes whatever its header declares."""
    too_big = UploadError(_("Berkas '%(path)s' lebih besar dari batasnya (%(limit)s KB).", path=path,
                            limit=limit // 1024))
    if info.file_size > limit:
        raise too_big
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise UploadError(_("Berkas '%(path)s' di dalam zip rusak.", path=path)) from None
    if len(data) > limit:
        raise too_big
    return data


def write_zip(folder: str, files: dict[str, bytes]) -> bytes:
    """A zip of the folder ``folder`` with ``files`` in path order, with fixed dates (same files, same zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path])
    return buffer.getvalue()
