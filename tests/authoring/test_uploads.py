"""Uploaded zips are read without trusting them: every malicious or broken zip is refused whole."""
from __future__ import annotations

import io
import stat
import zipfile

import pytest

from literacy.authoring import archive
from literacy.authoring.archive import UploadError, read_zip

from .conftest import example_files, make_zip

def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def _zip_with(entries) -> bytes:
    """entries: (ZipInfo or name, data)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            z.writestr(info, data)
    return buffer.getvalue()


def _refused(app, data, match):
    with app.test_request_context(), pytest.raises(UploadError, match=match):
        read_zip(data)


def test_the_folder_zip_and_a_flat_zip_are_both_read(app):
    with app.test_request_context():
        assert read_zip(make_zip(example_files())) == ("cek-fakta", example_files())
        assert read_zip(make_zip(example_files(), folder=None)) == (None, example_files())
        # what a Mac adds is left out, not refused
        files = example_files() | {"__MACOSX/._module.md": b"x", ".DS_Store": b"x"}
        assert read_zip(make_zip(files, folder=None))[1] == example_files()


@pytest.mark.parametrize("name", ["../module.md", "/etc/passwd", "a/../../x.md", "C:/x.md", "media\\x.png"])
def test_path_traversal_and_absolute_paths_are_refused(app, name):
    _refused(app, _zip_with([("module.md", b"---\n---\n"), (name, b"x")]), "tidak aman")


@pytest.mark.parametrize("mode", [stat.S_IFLNK | 0o777, stat.S_IFCHR | 0o644, stat.S_IFIFO | 0o644, stat.S_IFBLK | 0o644])
def test_symlinks_and_devices_are_refused(app, mode):
    link = zipfile.ZipInfo("media/pass.png")
    link.create_system = 3
    link.external_attr = mode << 16
    _refused(app, _zip_with([("module.md", b"---\n---\n"), (link, b"/etc/passwd")]), "tautan simbolik")


def test_a_zip_bomb_is_refused_by_its_ratio(app):
    _refused(app, _zip_with([("module.md", b"---\n---\n"), ("01-besar.md", b"a" * (150 * 1024))]), "bom zip")


def test_a_zip_that_lies_about_its_sizes_is_refused(app):
    """The header says a small file; reading never goes past the limit whatever it says."""
    data = bytearray(_zip_with([("module.md", b"---\n---\n"), ("01-a.md", b"x" * (300 * 1024))]))
    # patch the declared uncompressed size of 01-a.md in its central directory entry to 10 bytes
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("01-a.md")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"01-a.md"))
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    header = info.header_offset
    data[header + 22:header + 26] = (10).to_bytes(4, "little")
    _refused(app, bytes(data), "rusak|batas")


def test_too_many_files_and_too_large_uploads_are_refused(app, monkeypatch):
    many = [("module.md", b"---\n---\n")] + [(f"media/{n}.png", PNG) for n in range(archive.MAX_ENTRIES)]
    _refused(app, _zip_with(many), "entri; batasnya")
    _refused(app, b"PK" + b"\0" * (archive.MAX_ZIP_BYTES + 1), "terlalu besar")
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    _refused(app, make_zip(example_files()), "setelah dibuka")


@pytest.mark.parametrize("name, data, match", [
    ("skrip.js", b"alert(1)", "tidak diterima"),
    ("media/gambar.svg", b"<svg/>", "tidak diterima"),
    ("media/palsu.png", b"GIF89a not a png", "bukan gambar yang sah"),
    ("media/potong.png", PNG[:30], "bukan gambar yang sah"),
    ("en/media/a.png", PNG, "tidak diterima"),
    ("dalam/folder/01-a.md", b"x", "tidak diterima"),
])
def test_only_allowed_types_and_real_images(app, name, data, match):
    _refused(app, _zip_with([("module.md", b"---\n---\n"), (name, data)]), match)


def test_a_real_image_is_accepted(app):
    with app.test_request_context():
        assert read_zip(_zip_with([("module.md", b"---\n---\n"), ("media/titik.png", PNG)]))[1]["media/titik.png"] == PNG


def test_not_a_zip_and_no_module_md(app):
    _refused(app, b"bukan zip", "bukan zip")
    _refused(app, _zip_with([("01-a.md", b"x")]), "tidak berisi module.md")
    encrypted = bytearray(_zip_with([("module.md", b"---\n---\n")]))
    encrypted[6] |= 1
    central = encrypted.rfind(b"PK\x01\x02")
    encrypted[central + 8] |= 1
    _refused(app, bytes(encrypted), "dienkripsi")


def test_nothing_is_kept_when_an_upload_is_refused(app, people, user):
    from sqlalchemy import func, select

    from literacy.authoring import services
    from literacy.authoring.models import AuthoredFile, AuthoredModule
    from literacy.extensions import db

    bad = make_zip(example_files() | {"media/palsu.png": b"not a png"})
    with app.test_request_context():
        with pytest.raises(services.AuthoringError, match="bukan gambar"):
            services.upload_module(user("mitra"), bad)
        assert db.session.scalar(select(func.count(AuthoredModule.id))) == 0
        assert db.session.scalar(select(func.count(AuthoredFile.id))) == 0


def test_a_pixel_bomb_is_refused(app):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buffer, "PNG")
    _refused(app, _zip_with([("module.md", b"---\n---\n"), ("media/bom.png", buffer.getvalue())]), "piksel")


def test_the_renaming_prefix_is_never_a_module_path(app):
    from literacy.authoring.services import RENAMING

    with app.test_request_context():
        assert archive.allowed_path(RENAMING + "01-a.md") is not None
