"""The bundled course stays complete, clean and well made (issue: the bundled course)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from literacy.content.source import read_paths

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def course(app_factory_module):
    app = app_factory_module
    with app.test_request_context():
        modules, report = read_paths([CONTENT])
        problems = [(p.severity, p.code, p.format()) for p in report.problems]
    return modules, problems


@pytest.fixture(scope="module")
def app_factory_module():
    from literacy import create_app
    from literacy.config import TestingConfig

    return create_app(TestingConfig, DATABASE_URL="sqlite://")


def test_checker_reports_nothing(course):
    _, problems = course
    assert [text for _severity, _code, text in problems] == []


def test_size_and_balance(course):
    modules, _ = course
    pillars = Counter(m.pillar for m in modules)
    assert len(modules) >= 12
    assert all(pillars[p] >= 3 for p in ("cakap", "etika", "budaya", "aman")), pillars
    assert pillars["aman"] == max(pillars.values()) and pillars["aman"] > min(pillars.values())
    assert sum(len(m.lessons) for m in modules) >= 45


def test_every_module_has_a_real_quiz_bank(course):
    modules, _ = course
    for module in modules:
        assert module.quiz is not None and len(module.quiz.questions) >= 10, module.slug
        assert 0 < module.pass_mark <= 100 and module.certificate
        assert module.license == "CC BY-SA 4.0"
        for question in module.quiz.questions:
            text = question.texts["id"]
            assert text.explanation_html.strip(), (module.slug, question.key)


def test_english_versions_cover_every_pillar(course):
    modules, _ = course
    translated = {m.pillar for m in modules if "en" in m.languages
                  and all("en" in lesson.texts for lesson in m.lessons)
                  and all("en" in q.texts for q in m.quiz.questions)}
    assert translated == {"cakap", "etika", "budaya", "aman"}


def test_lessons_have_the_shape_students_expect(course):
    modules, _ = course
    for module in modules:
        for lesson in module.lessons:
            text = lesson.texts["id"]
            where = f"{module.slug}/{lesson.filename}"
            assert text.objectives, where
            assert 'class="callout callout-activity"' in text.html, where
            assert 'class="callout callout-reflection"' in text.html, where
            assert re.search(r"<h2>Cerita", text.html), where
            assert "<h2>Sumber</h2>" in text.html, where
            words = len(re.sub(r"<[^>]+>", " ", text.html).split())
            assert 300 <= words <= 1100, (where, words)


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def test_the_longest_option_is_not_a_tell(course):
    modules, _ = course
    single = longest_right = 0
    for module in modules:
        for question in module.quiz.questions:
            if question.kind != "single":
                continue
            lengths = [len(_plain(o["html"])) for o in question.texts["id"].options]
            single += 1
            if lengths.index(max(lengths)) in question.correct and lengths.count(max(lengths)) == 1:
                longest_right += 1
    assert single >= 80
    assert longest_right / single < 0.25, (longest_right, single)


def test_right_answers_are_not_always_in_one_position(course):
    modules, _ = course
    positions = Counter(q.correct[0] for m in modules for q in m.quiz.questions if q.kind == "single")
    assert len(positions) >= 3 and max(positions.values()) / sum(positions.values()) < 0.5, positions


def test_only_current_facts(course):
    """The ministry is Komdigi (Kominfo only as its former name); laws are cited with their numbers."""
    for path in CONTENT.rglob("*.md"):
        text = path.read_text()
        for match in re.finditer(r"Kominfo", text):
            window = text[max(0, match.start() - 80): match.end() + 80]
            assert re.search(r"Komdigi|dulu|sebelumnya|formerly|former|kini|sekarang|now", window), (path, window)
        for law, number in (("UU PDP", r"27(/| Tahun )2022"), ("UU TPKS", r"12(/| Tahun )2022")):
            if law in text and re.match(r"\d\d-", path.name) and "/en/" not in str(path):
                assert re.search(number, text), (path, law)
