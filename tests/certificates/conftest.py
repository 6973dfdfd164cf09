"""Fixtures for certificates: a small course with one module per pillar, and passing its quizzes."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from literacy.catalog.models import Module
from literacy.extensions import db

from ..content.conftest import EXAMPLE, module_folder, read  # noqa: F401  (fixtures)
from ..learning.conftest import right_answers, wrong_answers

# slug: (pillar, extra front matter)
COURSE = {
    "hoaks-cakap": ("cakap", ""),
    "hoaks-etika": ("etika", ""),
    "hoaks-budaya": ("budaya", ""),
    "hoaks-aman": ("aman", ""),
    "hoaks-tanpa-sertifikat": ("aman", "certificate: false\n"),
    "hoaks-lokakarya": ("etika", "workshop_required: true\n"),
}


@pytest.fixture
def course(app, tmp_path):
    """Six copies of the guide's example module: one per pillar, one without a certificate, one blended."""
    from literacy.content.services import import_paths

    root = tmp_path / "kursus"
    for slug, (pillar, extra) in COURSE.items():
        shutil.copytree(EXAMPLE, root / slug)
        meta = (root / slug / "module.md").read_text()
        meta = meta.replace("pillar: cakap\n", f"pillar: {pillar}\n", 1).replace(
            "title: Kenali Hoaks\n", f"title: Kenali Hoaks {pillar.title()}\n", 1)
        meta = meta.replace("certificate: true\n", extra or "certificate: true\n", 1) if "certificate" in extra else \
            meta.replace("certificate: true\n", "certificate: true\n" + extra, 1)
        (root / slug / "module.md").write_text(meta)
    with app.app_context():
        result, report = import_paths([root])
        assert report.errors == [] and sorted(result.created) == sorted(COURSE)
        db.session.remove()
    return root


def get_module(slug: str) -> Module:
    return db.session.scalar(select(Module).where(Module.slug == slug))


@pytest.fixture
def pass_quiz(app):
    """Pass (or fail) a module's quiz through the quiz engine, as the quiz page does."""
    from literacy.learning import quiz

    def run(user_id: int, slug: str, passing: bool = True):
        with app.app_context():
            module = get_module(slug)
            attempt = quiz.start_attempt(user_id, module)
            quiz.submit(attempt, (right_answers if passing else wrong_answers)(attempt), module)
            db.session.remove()

    return run
