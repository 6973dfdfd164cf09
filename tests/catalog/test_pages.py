"""The catalog, module and lesson pages as a student sees them."""
from __future__ import annotations

import re


def test_catalog_groups_modules_by_pillar(client, example_course):
    page = client.get("/modul").get_data(as_text=True)
    assert "<h2 id=\"pilar-cakap\">Cakap Digital</h2>" in page
    assert 'href="/modul/kenali-hoaks"' in page
    assert "Pemula · 20 menit · 2 pelajaran" in page
    assert "pilar-aman" not in page  # no empty pillars


def test_catalog_filters(client, example_course):
    assert "kenali-hoaks" in client.get("/modul?pilar=cakap&tingkat=pemula&bahasa=en").get_data(as_text=True)
    empty = client.get("/modul?pilar=aman").get_data(as_text=True)
    assert "kenali-hoaks" not in empty and "Belum ada modul yang cocok" in empty
    assert "kenali-hoaks" not in client.get("/modul?tingkat=mahir").get_data(as_text=True)
    # nonsense filter values are ignored rather than failing
    response = client.get("/modul?pilar=<script>&tingkat=x")
    assert response.status_code == 200 and "kenali-hoaks" in response.get_data(as_text=True)


def test_module_page(client, example_course):
    page = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert "<h1>Kenali Hoaks</h1>" in page
    assert "Mengenali ciri-ciri pesan hoaks" in page  # objectives
    assert re.search(r'<ol class="outline">.*Apa Itu Hoaks\?.*Periksa Dulu', page, re.S)
    assert "kuis berisi 3 soal. Nilai minimal lulus: 70." in page
    assert "tes awal singkat (2 soal)" in page
    assert 'href="/modul/kenali-hoaks/apa-itu-hoaks"' in page


def test_lesson_page_renders_stored_html_with_outline_and_pager(client, example_course):
    page = client.get("/modul/kenali-hoaks/apa-itu-hoaks").get_data(as_text=True)
    assert "<h1>Apa Itu Hoaks?</h1>" in page
    assert '<aside class="callout callout-tip"><p><strong>Tips</strong></p>' in page
    assert '<img src="/modul/kenali-hoaks/media/tiga-langkah.png" alt="Diagram tiga langkah' in page
    assert 'rel="noopener noreferrer"' in page
    assert 'rel="next" href="/modul/kenali-hoaks/periksa-dulu"' in page
    assert 'aria-current="page"' in page and "Pelajaran 1 dari 2" in page
    last = client.get("/modul/kenali-hoaks/periksa-dulu").get_data(as_text=True)
    assert 'rel="prev" href="/modul/kenali-hoaks/apa-itu-hoaks"' in last
    assert "Kembali ke halaman modul" in last


def test_english_reader_gets_the_translation_or_a_marked_fallback(client, example_course):
    client.set_cookie("lang", "en")
    page = client.get("/modul/kenali-hoaks/apa-itu-hoaks").get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>What Is a Hoax?</h1>" in page
    assert "<p><strong>Tip</strong></p>" in page
    module = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert "<h1>Spotting Hoaxes</h1>" in module


def test_indonesian_text_is_marked_when_the_page_is_english(app, client, example_course):
    from sqlalchemy import delete

    from literacy.catalog.models import LessonText
    from literacy.extensions import db

    with app.app_context():
        db.session.execute(delete(LessonText).where(LessonText.language == "en", LessonText.title == "Check First"))
        db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get("/modul/kenali-hoaks/periksa-dulu").get_data(as_text=True)
    assert '<article class="lesson" lang="id">' in page
    assert "<h1>Periksa Dulu</h1>" in page


def test_missing_module_and_lesson_are_404(client, example_course):
    assert client.get("/modul/tidak-ada").status_code == 404
    assert client.get("/modul/kenali-hoaks/tidak-ada").status_code == 404
    assert client.get("/modul/kenali-hoaks/media/tidak-ada.png").status_code == 404


def test_retired_lessons_are_gone_from_pages(app, client, example_course):
    from sqlalchemy import update

    from literacy.catalog.models import Lesson
    from literacy.extensions import db
    from literacy.utils import utcnow

    with app.app_context():
        db.session.execute(update(Lesson).where(Lesson.slug == "periksa-dulu").values(retired_at=utcnow()))
        db.session.commit()
    assert client.get("/modul/kenali-hoaks/periksa-dulu").status_code == 404
    assert "Periksa Dulu" not in client.get("/modul/kenali-hoaks").get_data(as_text=True)


def test_media_is_served_with_type_and_cache_validators(client, example_course):
    response = client.get("/modul/kenali-hoaks/media/tiga-langkah.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    etag = response.headers["ETag"]
    assert client.get("/modul/kenali-hoaks/media/tiga-langkah.png", headers={"If-None-Match": etag}).status_code == 304


def test_lesson_page_runs_a_fixed_small_number_of_queries(app, client, example_course, count_queries):
    kept = app.extensions["literacy_kept_pages"].pages
    size = kept.size
    app.config["PAGE_CACHE_SIZE"] = kept.size = 0  # rendered every time
    client.get("/modul/kenali-hoaks/apa-itu-hoaks")
    with count_queries() as queries:
        assert client.get("/modul/kenali-hoaks/apa-itu-hoaks").status_code == 200
    assert len(queries) == 4, queries  # the module's version (for the ETag), module, outline, text
    app.config["PAGE_CACHE_SIZE"] = kept.size = size
    app.extensions.pop("literacy_caches")
    client.get("/modul/kenali-hoaks/apa-itu-hoaks")
    with count_queries() as queries:
        assert client.get("/modul/kenali-hoaks/apa-itu-hoaks").status_code == 200
    assert len(queries) == 1, queries  # the site's content stamp; the page is the kept copy


def test_catalog_query_count_does_not_grow_with_modules(app, client, example_course, count_queries, tmp_path):
    import shutil

    from literacy.content.services import import_paths
    from literacy.extensions import db

    with count_queries() as one:
        client.get("/modul")
    for n in range(5):
        shutil.copytree(example_course / "kenali-hoaks", tmp_path / f"salinan-{n}")
    with app.app_context():
        import_paths([tmp_path])
        db.session.remove()
    with count_queries() as six:
        page = client.get("/modul").get_data(as_text=True)
    assert page.count('class="card pillar-cakap"') == 6
    assert len(six) == len(one) == 4  # the site's stamp (the kept page's key), the catalog's (ETag), modules, texts
    with count_queries() as kept:
        client.get("/modul")
    assert len(kept) == 1


def test_a_newcomer_is_offered_the_configured_first_module_or_the_first_beginner_one():
    from types import SimpleNamespace as Module

    from literacy.catalog.services import suggest_first

    modules = [Module(slug="b-aman", pillar="aman", level="pemula"), Module(slug="z-cakap", pillar="cakap", level="menengah"),
               Module(slug="c-cakap", pillar="cakap", level="pemula"), Module(slug="a-etika", pillar="etika", level="pemula")]
    assert suggest_first(modules, "a-etika").slug == "a-etika"
    assert suggest_first(modules, "tidak-ada").slug == "c-cakap"
    assert suggest_first(modules, None).slug == "c-cakap"
    assert suggest_first([], "a-etika") is None


def test_the_suggestion_is_gone_once_the_student_has_started(app, client, example_course, make_user, login):
    assert "Baru mulai? Mulai dari sini" in client.get("/modul").get_data(as_text=True)
    make_user("siti")
    login(client, "siti")
    assert "Baru mulai? Mulai dari sini" in client.get("/modul").get_data(as_text=True)
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    assert "Baru mulai? Mulai dari sini" not in client.get("/modul").get_data(as_text=True)


def _indonesian_only(app):
    from sqlalchemy import delete, update

    from literacy.catalog.models import LessonText, Module, ModuleText
    from literacy.extensions import db

    with app.app_context():
        db.session.execute(delete(ModuleText).where(ModuleText.language == "en"))
        db.session.execute(delete(LessonText).where(LessonText.language == "en"))
        db.session.execute(update(Module).values(languages="id"))
        db.session.commit()


def test_a_module_only_in_indonesian_is_labelled_so_in_english(app, client, example_course):
    _indonesian_only(app)
    for url in ("/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks"):
        assert "Only in Indonesian" not in client.get(url).get_data(as_text=True)  # needless in Indonesian
        assert "hanya ada dalam bahasa Indonesia" not in client.get(url).get_data(as_text=True)
    client.set_cookie("lang", "en")
    assert "Only in Indonesian" in client.get("/modul").get_data(as_text=True)
    assert "This module is only available in Indonesian." in client.get("/modul/kenali-hoaks").get_data(as_text=True)
    lesson = client.get("/modul/kenali-hoaks/apa-itu-hoaks").get_data(as_text=True)
    assert "This lesson is only available in Indonesian." in lesson and '<article class="lesson" lang="id">' in lesson


def test_a_translated_module_carries_no_such_label(client, example_course):
    client.set_cookie("lang", "en")
    for url in ("/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks"):
        page = client.get(url).get_data(as_text=True)
        assert "Only in Indonesian" not in page and "only available in Indonesian" not in page
