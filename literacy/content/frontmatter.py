"""Reading a file and checking its front matter against the fields its kind of file allows."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from flask_babel import lazy_gettext as _l

from .checks import Report

FIELD_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")

TYPE_NAMES = {
    "text": _l("teks"),
    "integer": _l("bilangan bulat"),
    "boolean": _l("true atau false"),
    "text-list": _l("daftar teks (setiap baris diawali '- '; beri tanda kutip pada teks yang memuat titik dua)"),
}


def is_symlink(path: Path, report: Report) -> bool:
    """Partner content is untrusted: a symlink could publish any file the server can read."""
    if path.is_symlink():
        report.error(path, 1, "symlink", name=path.name)
        return True
    return False


@dataclass
class Field:
    kind: str  # text | integer | boolean | text-list
    required: bool = False
    max_length: int | None = None


MODULE_FIELDS = {
    "title": Field("text", True, 120),
    "pillar": Field("text", True),
    "level": Field("text", True),
    "language": Field("text", True),
    "summary": Field("text", True, 200),
    "objectives": Field("text-list", True),
    "duration_minutes": Field("integer", True),
    "authors": Field("text-list"),
    "license": Field("text"),
    "pass_mark": Field("integer"),
    "certificate": Field("boolean"),
    "workshop_required": Field("boolean"),
}
MODULE_TRANSLATION_FIELDS = {
    "title": Field("text", True, 120),
    "language": Field("text", True),
    "summary": Field("text", True, 200),
    "objectives": Field("text-list", True),
}
LESSON_FIELDS = {
    "title": Field("text", True, 120),
    "duration_minutes": Field("integer"),
    "objectives": Field("text-list"),
}
QUIZ_FIELDS = {
    "title": Field("text", True, 120),
    "questions_per_attempt": Field("integer"),
    "pretest_questions": Field("integer"),
    "cooldown_minutes": Field("integer"),
}
QUIZ_TRANSLATION_FIELDS = {"title": Field("text", True, 120)}
# tes-awal.md (the pre-test pool) and catatan-fasilitator.md, in both languages: a title only.
TITLE_ONLY_FIELDS = QUIZ_TRANSLATION_FIELDS


@dataclass
class Document:
    """One markdown file: its text, front matter values, and the line of each field."""

    path: Path
    text: str
    meta: dict
    field_lines: dict[str, int]
    body_line: int  # first line after the front matter (1-based)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.body_line - 1:])


def read_document(path: Path, report: Report, fields: dict[str, Field],
                  source_fields: dict[str, Field] | None = None) -> Document | None:
    """Read a file and validate its front matter against ``fields``.

    ``source_fields`` lists fields that belong to the Indonesian original only: in a
    translation they are reported as not used.
    """
    if is_symlink(path, report):
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        report.error(path, 1, "unreadable")
        return None
    except OSError as exc:
        report.error(path, 1, "internal", detail=exc.strerror or type(exc).__name__)
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        report.error(path, 1, "front-matter-missing")
        return Document(path, text, {}, {}, 1) if _validate({}, {}, path, fields, report) else None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        report.error(path, len(lines), "front-matter-unclosed")
        return None
    raw = "\n".join(lines[1:closing])
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        curly = next((n for n, text in enumerate(lines[1:closing], start=2) if any(q in text for q in "“”‘’")), None)
        if curly is not None:
            report.error(path, curly, "yaml-curly-quotes")
            return None
        # The line where the broken construct starts (an unclosed bracket or quote) says more
        # than the line where the parser gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        detail = getattr(exc, "problem", None) or type(exc).__name__
        report.error(path, line, "yaml", detail=str(detail))
        return None
    if not isinstance(meta, dict):
        report.error(path, 2, "front-matter-not-mapping")
        return None
    field_lines = {}
    for offset, line in enumerate(lines[1:closing], start=2):
        match = FIELD_LINE.match(line)
        if match:
            field_lines.setdefault(match.group(1), offset)
    meta = {str(k): v for k, v in meta.items()}
    for name in meta:
        if name not in fields:
            if source_fields and name in source_fields:
                report.warning(path, field_lines.get(name, 2), "field-not-allowed", field=name)
            else:
                close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.7)
                if close:
                    report.warning(path, field_lines.get(name, 2), "field-misspelled", field=name, suggestion=close[0])
                else:
                    report.warning(path, field_lines.get(name, 2), "field-unknown", field=name)
    document = Document(path, text, meta, field_lines, closing + 2)
    _validate(meta, field_lines, path, fields, report)
    return document


def _validate(meta: dict, field_lines: dict, path: Path, fields: dict[str, Field], report: Report) -> bool:
    ok = True
    for name, spec in fields.items():
        line = field_lines.get(name, 1)
        if name not in meta or meta[name] is None or meta[name] == "":
            if spec.required:
                report.error(path, line, "field-missing", field=name)
                ok = False
            meta.pop(name, None)
            continue
        value = meta[name]
        if spec.kind == "text-list" and isinstance(value, str) and name == "authors":
            value = meta[name] = [value]
        valid = {
            "text": isinstance(value, str) and value.strip() != "",
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "text-list": isinstance(value, list) and bool(value)
            and all(isinstance(item, str) and item.strip() for item in value),
        }[spec.kind]
        if not valid:
            shown = value if isinstance(value, str) else yaml.safe_dump(value, default_flow_style=True).strip()
            report.error(path, line, "field-type", field=name, expected=TYPE_NAMES[spec.kind],
                         value=shown.removesuffix("\n...")[:60])
            meta.pop(name)
            ok = ok and not spec.required
            continue
        if spec.max_length and len(value) > spec.max_length:
            report.error(path, line, "field-too-long", field=name, length=len(value), limit=spec.max_length)
    return ok


def check_range(document: Document, name: str, low: int, high: int, report: Report, code="number-range") -> None:
    value = document.meta.get(name)
    if value is not None and not low <= value <= high:
        if code == "pass-mark":
            report.error(document.path, document.line_of(name), code, value=value)
        else:
            report.error(document.path, document.line_of(name), code, field=name, low=low, high=high)
        document.meta.pop(name)
