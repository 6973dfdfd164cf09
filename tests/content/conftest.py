"""Fixtures for the content pipeline: a copy of the guide's example module to mangle."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "contoh-modul" / "kenali-hoaks"


class ModuleFolder:
    """A writable copy of the example module, with helpers to edit its files."""

    def __init__(self, root: Path):
        self.root = root
        self.path = root / "kenali-hoaks"
        shutil.copytree(EXAMPLE, self.path)

    def read(self, name: str) -> str:
        return (self.path / name).read_text()

    def write(self, name: str, text: str) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))

    def line_of(self, name: str, needle: str) -> int:
        for number, line in enumerate(self.read(name).split("\n"), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")


@pytest.fixture
def module_folder(tmp_path):
    return ModuleFolder(tmp_path / "content")


@pytest.fixture
def read(app):
    """Read content paths inside a request context (messages need a locale)."""
    from literacy.content.source import read_paths

    def run(*paths):
        with app.test_request_context():
            modules, report = read_paths([str(p) for p in paths])
            messages = [p.format() for p in report.problems]
        return modules, report, messages

    return run
