"""Authoring operations: create, upload, edit, check, review, publish, restore, and the partner's figures.

No ``request`` here. Every change runs in one write transaction together with its audit entry;
publishing runs the content importer in that same transaction, so a refused or failed publication
leaves the catalog and the version as they were.
"""
from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import and_, case, distinct, func, select, union
from sqlalchemy.orm import selectinload

from ..accounts.models import ADMIN, PARTNER, User
from ..catalog.models import Module, Question, QuestionText
from ..content.checks import ERROR, Report
from ..content.keys import add_missing_keys
from ..content.quizzes import SLUG
from ..content.services import ImportResult, import_modules_in
from ..content.skeleton import skeleton_files
from ..content.source import LESSON_FILE, QUIZ_FILE, read_paths
from ..content.structure import ModuleSource
from ..database import write_transaction
from ..extensions import db
from ..learning.models import QUIZ, LessonProgress, QuizAttempt
from ..learning.scoring import AnswerTally
from ..utils import utcnow
from .archive import MAX_ENTRIES, MAX_TOTAL_BYTES, UploadError, check_file, read_zip, write_zip
from .models import DRAFT, PUBLISHED, REVIEW, AuditEntry, AuthoredFile, AuthoredModule, AuthoredVersion, ContentReviewer


class AuthoringError(Exception):
    """A refused authoring action, with a message for the person who tried it."""


# --- reading -----------------------------------------------------------------------------------

def get_module(authored_id: int) -> AuthoredModule | None:
    return db.session.scalars(
        select(AuthoredModule).where(AuthoredModule.id == authored_id)
        .options(selectinload(AuthoredModule.versions).selectinload(AuthoredVersion.files))
    ).first()


def modules_of(organisation_id: int | None) -> list[AuthoredModule]:
    """An organisation's modules (every organisation's for None), by slug, with their versions."""
    query = select(AuthoredModule).options(selectinload(AuthoredModule.versions)).order_by(AuthoredModule.slug)
    if organisation_id is not None:
        query = query.where(AuthoredModule.organisation_id == organisation_id)
    return db.session.scalars(query).all()


def in_review() -> list[AuthoredVersion]:
    return db.session.scalars(
        select(AuthoredVersion).where(AuthoredVersion.state == REVIEW)
        .options(selectinload(AuthoredVersion.module)).order_by(AuthoredVersion.submitted_at)
    ).all()


def is_reviewer(user) -> bool:
    return bool(db.session.scalar(select(ContentReviewer.user_id).where(ContentReviewer.user_id == user.id)))


def reviewers() -> list[ContentReviewer]:
    return db.session.scalars(select(ContentReviewer).options(selectinload(ContentReviewer.user))
                              .order_by(ContentReviewer.granted_at)).all()


def authored_slugs(slugs) -> set[str]:
    """Which of ``slugs`` are browser-authored (the importer refuses those)."""
    slugs = list(slugs)
    if not slugs:
        return set()
    return set(db.session.scalars(select(AuthoredModule.slug).where(AuthoredModule.slug.in_(slugs))))


# --- checking ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FileProblem:
    path: str  # "" for the module as a whole
    line: int
    severity: str
    code: str
    message: str


@dataclass
class CheckResult:
    source: ModuleSource | None
    report: Report
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[FileProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    def by_file(self) -> dict[str, list[FileProblem]]:
        grouped: dict[str, list[FileProblem]] = defaultdict(list)
        for problem in self.problems:
            grouped[problem.path].append(problem)
        return dict(grouped)


def check(slug: str, files: dict[str, bytes], publish=None):
    """Run the checker of ``flask content check`` on ``files`` as the module folder ``slug``.

    The files are written to a temporary folder and read by ``content.source.read_paths``; the
    problems come back with paths inside the module folder. ``publish`` (a callable taking the
    module sources and the report) runs while the folder still exists.
    """
    with tempfile.TemporaryDirectory(prefix="literasi-") as root:
        folder = Path(root) / slug
        folder.mkdir()
        for path, data in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        modules, report = read_paths([folder])
        prefix = str(folder)
        problems = [
            FileProblem(p.path[len(prefix) + 1:] if p.path.startswith(prefix + "/") else "", p.line, p.severity,
                        p.code, p.message())
            for p in report.problems
        ]
        result = CheckResult(modules[0] if modules else None, report, problems)
        if publish is not None:
            return result, publish(modules, report)
    return result


# --- writing -----------------------------------------------------------------------------------

def _audit(session, user, action: str, authored: AuthoredModule | None, version: int | None, detail: str = ""):
    session.add(AuditEntry(user_id=user.id if user else None, action=action,
                           authored_module_id=authored.id if authored else None, version=version,
                           detail=detail[:300]))


def _check_slug(session, slug: str) -> None:
    if not SLUG.match(slug or "") or len(slug) > 80:
        raise AuthoringError(_("Slug '%(slug)s' tidak valid. Gunakan huruf kecil, angka dan tanda hubung saja, "
                               "misalnya 'cek-dulu-sebelum-sebar'.", slug=slug))
    taken = session.scalar(select(AuthoredModule.id).where(AuthoredModule.slug == slug)) or \
        session.scalar(select(Module.id).where(Module.slug == slug))
    if taken:
        raise AuthoringError(_("Slug '%(slug)s' sudah dipakai modul lain. Pilih slug lain.", slug=slug))


def _check_limits(files: dict[str, bytes]) -> None:
    if len(files) > MAX_ENTRIES:
        raise AuthoringError(_("Modul ini punya %(count)s berkas; batasnya %(limit)s.", count=len(files),
                               limit=MAX_ENTRIES))
    if sum(len(d) for d in files.values()) > MAX_TOTAL_BYTES:
        raise AuthoringError(_("Berkas modul ini terlalu besar bersama-sama (batasnya %(limit)s MB).",
                               limit=MAX_TOTAL_BYTES // (1024 * 1024)))


def create_module(user: User, slug: str, files: dict[str, bytes] | None = None) -> AuthoredModule:
    """A new module of the user's organisation, version 1 a draft: the skeleton, or uploaded files."""
    if user.role != PARTNER or user.partner_id is None:
        raise AuthoringError(_("Hanya akun mitra yang terhubung ke organisasi yang bisa membuat modul."))
    action = "create" if files is None else "upload"
    files = dict(files) if files is not None else skeleton_files(slug, user.partner.name if user.partner else "")
    _check_limits(files)
    with write_transaction() as session:
        _check_slug(session, slug)
        authored = AuthoredModule(slug=slug, organisation_id=user.partner_id)
        version = AuthoredVersion(number=1, state=DRAFT, created_by_id=user.id,
                                  files=[AuthoredFile(path=p, data=d) for p, d in sorted(files.items())])
        authored.versions.append(version)
        session.add(authored)
        session.flush()
        _audit(session, user, action, authored, 1)
    return authored


def upload_module(user: User, data: bytes, slug: str | None = None) -> AuthoredModule:
    """A new module from a zip of its folder; the slug is the folder's name unless given."""
    try:
        folder, files = read_zip(data)
    except UploadError as error:
        raise AuthoringError(str(error)) from None
    return create_module(user, (slug or folder or "").strip(), files)


def _working_draft(session, authored: AuthoredModule, user: User) -> AuthoredVersion:
    latest = authored.latest
    if latest.state != DRAFT:
        raise AuthoringError(_("Versi %(number)s tidak bisa diubah lagi. Buat draf baru dulu.", number=latest.number))
    return latest


def replace_files(user: User, authored: AuthoredModule, data: bytes) -> AuthoredVersion:
    """Upload a zip into the module's draft (a new draft if the latest version is no draft)."""
    try:
        _folder, files = read_zip(data)
    except UploadError as error:
        raise AuthoringError(str(error)) from None
    _check_limits(files)
    with write_transaction() as session:
        session.add(authored)
        if authored.latest.state == DRAFT:
            version = authored.latest
            version.files = [AuthoredFile(path=p, data=d) for p, d in sorted(files.items())]
        else:
            version = _new_version(authored, user, authored.latest.number, files)
        _audit(session, user, "upload", authored, version.number)
    return version


def _new_version(authored: AuthoredModule, user: User, based_on: int | None, files: dict[str, bytes]):
    version = AuthoredVersion(number=authored.latest.number + 1, state=DRAFT, based_on=based_on,
                              created_by_id=user.id,
                              files=[AuthoredFile(path=p, data=d) for p, d in sorted(files.items())])
    authored.versions.append(version)
    return version


def new_draft(user: User, authored: AuthoredModule, from_number: int | None = None) -> AuthoredVersion:
    """Editing a module whose latest version is in review or published: a new draft with its files."""
    with write_transaction() as session:
        session.add(authored)
        if authored.latest.state == DRAFT:
            raise AuthoringError(_("Modul ini sudah punya draf: versi %(number)s.", number=authored.latest.number))
        if authored.latest.state == REVIEW:
            raise AuthoringError(_("Versi %(number)s sedang ditinjau. Tunggu hasil tinjauannya dulu.",
                                   number=authored.latest.number))
        source = authored.version(from_number) if from_number else authored.latest
        if source is None:
            raise AuthoringError(_("Versi itu tidak ada."))
        version = _new_version(authored, user, source.number, source.file_map())
        _audit(session, user, "new-draft", authored, version.number, f"from {source.number}")
    return version


def save_file(user: User, authored: AuthoredModule, path: str, data: bytes, action: str = "save") -> AuthoredVersion:
    """Write one file of the draft (added if new). Text is stored with Unix line endings."""
    try:
        check_file(path, data)
    except UploadError as error:
        raise AuthoringError(str(error)) from None
    with write_transaction() as session:
        session.add(authored)
        version = _working_draft(session, authored, user)
        row = next((f for f in version.files if f.path == path), None)
        files = version.file_map() | {path: data}
        _check_limits(files)
        if row is None:
            version.files.append(AuthoredFile(path=path, data=data))
        else:
            row.data = data
        _audit(session, user, action, authored, version.number, path)
    return version


def save_text(user: User, authored: AuthoredModule, path: str, text: str) -> AuthoredVersion:
    return save_file(user, authored, path, text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8"))


def delete_file(user: User, authored: AuthoredModule, path: str) -> None:
    with write_transaction() as session:
        session.add(authored)
        version = _working_draft(session, authored, user)
        row = next((f for f in version.files if f.path == path), None)
        if row is None:
            raise AuthoringError(_("Berkas '%(path)s' tidak ada.", path=path))
        if path == "module.md":
            raise AuthoringError(_("module.md tidak bisa dihapus: setiap modul membutuhkannya."))
        version.files.remove(row)
        _audit(session, user, "delete", authored, version.number, path)


def lessons_of(version: AuthoredVersion) -> list[tuple[int, str, str]]:
    """The draft's lesson files as (number, slug, path), in order."""
    lessons = []
    for row in version.files:
        match = LESSON_FILE.match(row.path)
        if match:
            lessons.append((int(match.group(1)), match.group(2), row.path))
    return sorted(lessons)


RENAMING = "~/"  # a prefix no module file can have (allowed_path refuses it)


def _renumber(version: AuthoredVersion, order: list[tuple[str, str]]) -> dict[str, str]:
    """Rename the lesson files (and their translations) to 01.., 02.. in ``order`` of (old path, new slug)."""
    renames = {}
    for position, (old, slug) in enumerate(order, start=1):
        renames[old] = f"{position:02d}-{slug}.md"
    by_path = {f.path: f for f in version.files}
    translations = {f"{lang}/{old}": f"{lang}/{new}" for old, new in renames.items() for lang in ("en",)}
    for old, new in (renames | translations).items():
        if old in by_path:
            by_path[old].path = RENAMING + new  # two steps, so a swap never meets the unique constraint
    db.session.flush()
    for row in version.files:
        if row.path.startswith(RENAMING):
            row.path = row.path[len(RENAMING):]
    return renames


def rename_lesson(user: User, authored: AuthoredModule, path: str, slug: str) -> None:
    """Give a lesson a new slug (its URL). Students' progress on the old slug does not carry over."""
    if not SLUG.match(slug or "") or len(slug) > 60:
        raise AuthoringError(_("Slug '%(slug)s' tidak valid. Gunakan huruf kecil, angka dan tanda hubung saja.",
                               slug=slug))
    with write_transaction() as session:
        session.add(authored)
        version = _working_draft(session, authored, user)
        lessons = lessons_of(version)
        if path not in [p for _n, _s, p in lessons]:
            raise AuthoringError(_("Berkas '%(path)s' tidak ada.", path=path))
        if any(s == slug and p != path for _n, s, p in lessons):
            raise AuthoringError(_("Slug pelajaran '%(slug)s' sudah dipakai.", slug=slug))
        _renumber(version, [(p, slug if p == path else s) for _n, s, p in lessons])
        _audit(session, user, "rename", authored, version.number, f"{path} -> {slug}")


def move_lesson(user: User, authored: AuthoredModule, path: str, step: int) -> None:
    """Move a lesson one place up (-1) or down (+1); the files are renumbered 01, 02, ..."""
    with write_transaction() as session:
        session.add(authored)
        version = _working_draft(session, authored, user)
        order = [(p, s) for _n, s, p in lessons_of(version)]
        index = next((i for i, (p, _s) in enumerate(order) if p == path), None)
        if index is None:
            raise AuthoringError(_("Berkas '%(path)s' tidak ada.", path=path))
        other = index + (1 if step > 0 else -1)
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
        _renumber(version, order)
        _audit(session, user, "reorder", authored, version.number, path)


def add_keys(user: User, authored: AuthoredModule) -> list[tuple[int, str]]:
    """Write a key derived from its text into every quiz question without one (as ``check --fix``)."""
    version = authored.latest
    data = version.file_map().get(QUIZ_FILE)
    if data is None:
        return []
    text, added = add_missing_keys(data.decode("utf-8", "replace"))
    if added:
        save_file(user, authored, QUIZ_FILE, text.encode("utf-8"), action="add-keys")
    return added


# --- review and publishing ----------------------------------------------------------------------

def submit(user: User, authored: AuthoredModule) -> AuthoredVersion:
    """Send the draft for review; only a draft the checker finds no error in."""
    version = authored.latest
    if version.state != DRAFT:
        raise AuthoringError(_("Hanya draf yang bisa diajukan untuk ditinjau."))
    if check(authored.slug, version.file_map()).errors:
        raise AuthoringError(_("Perbaiki dulu semua galat dari pemeriksa, lalu ajukan lagi."))
    with write_transaction() as session:
        session.add(version)
        version.state, version.submitted_at = REVIEW, utcnow()
        version.review_comments = []
        _audit(session, user, "submit", authored, version.number)
    return version


def parse_comments(text: str) -> list[dict]:
    """Reviewer comments, one a line; "01-pengantar.md:12: ..." points at a file and line."""
    import re

    comments = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = re.match(r"^([^\s:]+\.md)(?::(\d+))?:\s*(.+)$", line)
        if match:
            comments.append({"path": match.group(1), "line": int(match.group(2)) if match.group(2) else None,
                             "text": match.group(3)[:500]})
        else:
            comments.append({"path": None, "line": None, "text": line[:500]})
    return comments[:100]


def return_to_draft(user: User, authored: AuthoredModule, comments: str) -> AuthoredVersion:
    """A reviewer sends the version back to its authors with comments (required)."""
    version = authored.latest
    if version.state != REVIEW:
        raise AuthoringError(_("Hanya versi yang sedang ditinjau yang bisa dikembalikan."))
    parsed = parse_comments(comments)
    if not parsed:
        raise AuthoringError(_("Tulis komentar agar penulis tahu apa yang perlu diperbaiki."))
    with write_transaction() as session:
        session.add(version)
        version.state, version.reviewed_at, version.reviewed_by_id = DRAFT, utcnow(), user.id
        version.review_comments = parsed
        version.submitted_at = None
        _audit(session, user, "return", authored, version.number, f"{len(parsed)} komentar")
    return version


def publish(user: User, authored: AuthoredModule, number: int) -> ImportResult:
    """Publish a version in review, or a published one again (restore), through the content importer.

    The files go through the same reading and import as ``flask content import`` (same slugs, keys,
    content hash), in the same transaction as the version's new state and the audit entry.
    """
    version = authored.version(number)
    if version is None:
        raise AuthoringError(_("Versi itu tidak ada."))
    if version.state not in (REVIEW, PUBLISHED):
        raise AuthoringError(_("Draf harus diajukan dan ditinjau dulu sebelum diterbitkan."))
    if version.state == PUBLISHED and authored.live_number == number:
        raise AuthoringError(_("Versi %(number)s sudah tampil di katalog.", number=number))

    def run(modules, report):
        if report.errors or not modules:
            raise AuthoringError(_("Pemeriksa menemukan galat; versi ini tidak bisa diterbitkan."))
        with write_transaction() as session:
            session.add(authored)
            other = session.scalar(select(Module.id).where(Module.slug == authored.slug))
            if other is not None and other != authored.module_id:
                raise AuthoringError(_("Slug '%(slug)s' sudah dipakai modul lain di katalog.", slug=authored.slug))
            result = import_modules_in(session, modules, report)
            authored.module_id = session.scalar(select(Module.id).where(Module.slug == authored.slug))
            restoring = version.state == PUBLISHED
            if not restoring:
                version.state, version.reviewed_at, version.reviewed_by_id = PUBLISHED, utcnow(), user.id
            version.published_at, version.published_by_id = utcnow(), user.id
            authored.live_number = number
            _audit(session, user, "restore" if restoring else "publish", authored, number)
        return result

    _result, imported = check(authored.slug, version.file_map(), publish=run)
    return imported


def download(version: AuthoredVersion) -> bytes:
    """The version's files as a zip of the module folder, byte for byte."""
    return write_zip(version.module.slug, version.file_map())


# --- reviewers ---------------------------------------------------------------------------------

def grant_reviewer(admin: User, username: str) -> ContentReviewer:
    with write_transaction() as session:
        user = session.scalar(select(User).where(User.username_key == (username or "").strip().lower()))
        if user is None:
            raise AuthoringError(_("Akun '%(username)s' tidak ditemukan.", username=username))
        if user.role not in (PARTNER, ADMIN, "facilitator") or user.is_minor:
            raise AuthoringError(_("Peninjau harus akun dewasa dengan peran fasilitator, mitra atau admin."))
        if session.get(ContentReviewer, user.id):
            raise AuthoringError(_("%(username)s sudah menjadi peninjau.", username=user.username))
        reviewer = ContentReviewer(user_id=user.id, granted_by_id=admin.id)
        session.add(reviewer)
        _audit(session, admin, "grant-reviewer", None, None, user.username)
    return reviewer


def revoke_reviewer(admin: User, user_id: int) -> None:
    with write_transaction() as session:
        reviewer = session.get(ContentReviewer, user_id)
        if reviewer is None:
            raise AuthoringError(_("Akun itu bukan peninjau."))
        _audit(session, admin, "revoke-reviewer", None, None, reviewer.user.username)
        session.delete(reviewer)


# --- the audit log -----------------------------------------------------------------------------

ACTIONS = ("create", "upload", "save", "add-media", "delete", "rename", "reorder", "add-keys", "new-draft", "submit",
           "return", "publish", "restore", "grant-reviewer", "revoke-reviewer")
PAGE_SIZE = 50


def audit_log(slug: str | None = None, action: str | None = None, username: str | None = None, page: int = 1):
    """Audit entries, newest first, filtered; (entries, whether there is a next page)."""
    query = (select(AuditEntry).options(selectinload(AuditEntry.user), selectinload(AuditEntry.module))
             .order_by(AuditEntry.id.desc()))
    if slug:
        query = query.join(AuthoredModule, AuthoredModule.id == AuditEntry.authored_module_id).where(
            AuthoredModule.slug == slug)
    if action:
        query = query.where(AuditEntry.action == action)
    if username:
        query = query.join(User, User.id == AuditEntry.user_id).where(User.username_key == username.lower())
    rows = db.session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


# --- the partner's figures ---------------------------------------------------------------------

@dataclass
class MissedQuestion:
    key: str
    prompt_html: str
    missed: int
    answered: int
    wrong_option_html: str | None
    wrong_option_count: int


@dataclass
class ModuleFigures:
    reached: int = 0
    passed: int = 0
    average_score: float | None = None
    missed: list[MissedQuestion] = field(default_factory=list)


def figures(module_ids: list[int], language: str = "id", top: int = 3) -> dict[int, ModuleFigures]:
    """Learners per module: reached (a lesson done or a quiz started), passed, average quiz score,
    and the most-missed questions with the wrong option chosen most. Four queries, however many
    modules, learners and attempts."""
    if not module_ids:
        return {}
    result = {module_id: ModuleFigures() for module_id in module_ids}
    learners = union(
        select(LessonProgress.module_id, LessonProgress.user_id).where(LessonProgress.module_id.in_(module_ids)),
        select(QuizAttempt.module_id, QuizAttempt.user_id).where(QuizAttempt.module_id.in_(module_ids)),
    ).subquery()
    for module_id, count in db.session.execute(
            select(learners.c.module_id, func.count(distinct(learners.c.user_id))).group_by(learners.c.module_id)):
        result[module_id].reached = count
    submitted = and_(QuizAttempt.module_id.in_(module_ids), QuizAttempt.kind == QUIZ,
                     QuizAttempt.submitted_at.is_not(None))
    for module_id, passed, average in db.session.execute(
            select(QuizAttempt.module_id,
                   func.count(distinct(case((QuizAttempt.passed.is_(True), QuizAttempt.user_id)))),
                   func.avg(QuizAttempt.score))
            .where(submitted).group_by(QuizAttempt.module_id)):
        result[module_id].passed = passed
        result[module_id].average_score = float(average) if average is not None else None
    questions = {q.id: q for q in db.session.scalars(
        select(Question).where(Question.module_id.in_(module_ids)).options(selectinload(Question.texts)))}
    tally = AnswerTally(db.session.execute(select(QuizAttempt.question_ids, QuizAttempt.answers).where(submitted)),
                        {question_id: q.correct for question_id, q in questions.items()})
    for question_id, count in tally.missed.most_common():
        question = questions[question_id]
        entry = result[question.module_id]
        if len(entry.missed) >= top:
            continue
        texts: dict[str, QuestionText] = {t.language: t for t in question.texts}
        text = texts.get(language) or texts["id"]
        option, times = tally.most_chosen_wrong(question_id)
        entry.missed.append(MissedQuestion(
            question.key, text.prompt_html, count, tally.answered[question_id],
            text.options[option]["html"] if option is not None and option < len(text.options) else None, times))
    return result


def published_module_ids(organisation_id: int) -> list[int]:
    """The catalog ids of an organisation's published modules (what its impact figures cover)."""
    return sorted(db.session.scalars(select(AuthoredModule.module_id).where(
        AuthoredModule.organisation_id == organisation_id, AuthoredModule.module_id.is_not(None))))


def impact_scopes() -> list[list[int]]:
    """Each organisation's published modules: the daily rollup computes their figures too
    (the ``literacy_impact_scopes`` hook)."""
    scopes: dict[int, list[int]] = {}
    for organisation_id, module_id in db.session.execute(select(
            AuthoredModule.organisation_id, AuthoredModule.module_id).where(AuthoredModule.module_id.is_not(None))):
        scopes.setdefault(organisation_id, []).append(module_id)
    return [sorted(ids) for ids in scopes.values()]
