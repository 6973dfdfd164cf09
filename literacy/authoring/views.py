"""Partner authoring pages under /mitra, and the admin's authoring log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..content.render import media_url
from ..content.vocabulary import MEDIA_TYPES
from ..permissions import can, require
from ..utils import page_number
from . import services
from .forms import (ActionForm, CommentsForm, FileForm, ImageForm, NewFileForm, NewModuleForm, PathForm, RenameForm,
                    ReplaceForm, ReviewerForm, UploadForm)
from .models import DRAFT, PUBLISHED, REVIEW
from .preview import build_preview

bp = Blueprint("authoring", __name__, template_folder="templates")


@bp.record_once
def register_hooks(state):
    state.app.extensions.setdefault("literacy_authored_slugs", {})["authoring"] = services.authored_slugs
    state.app.extensions.setdefault("literacy_impact_scopes", {})["authoring"] = services.impact_scopes
    state.app.extensions["literacy_partner_modules"] = services.published_module_ids  # read by impact


@bp.app_context_processor
def labels():
    return {"state_label": state_label}


def state_label(state: str) -> str:
    return {DRAFT: _("draf"), REVIEW: _("ditinjau"), PUBLISHED: _("terbit")}[state]


def _module_or_404(authored_id: int):
    authored = services.get_module(authored_id)
    if authored is None:
        abort(404)
    require("authoring.view", authored, hide=True)
    return authored


def _version_or_404(authored, number: int):
    version = authored.version(number)
    if version is None:
        abort(404)
    return version


def _back(authored, path: str | None = None):
    if path:
        return redirect(url_for("authoring.edit_file", authored_id=authored.id, path=path), code=303)
    return redirect(url_for("authoring.module", authored_id=authored.id), code=303)


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _refused(error, authored=None, path=None):
    flash(str(error), "error")
    return _back(authored, path) if authored else redirect(url_for("authoring.home"), code=303)


@bp.get("/mitra")
def home():
    """The organisation's modules with state, version and learner figures; the review queue for reviewers."""
    require("authoring.home")
    organisation = current_user.partner_id if current_user.role == "partner" else None
    modules = services.modules_of(organisation) if organisation else []
    reviewing = can("authoring.review")
    if reviewing and not organisation:
        modules = services.modules_of(None)
    figures = services.figures([m.module_id for m in modules if m.module_id], str(get_locale()))
    return render_template("authoring/home.html", modules=modules, figures=figures,
                           queue=services.in_review() if reviewing else [], new_form=NewModuleForm(),
                           upload_form=UploadForm(), may_create=can("authoring.create"))


@bp.post("/mitra/baru")
def create():
    """A new module from the skeleton."""
    require("authoring.create")
    form = NewModuleForm()
    if not form.validate():
        return _refused(_form_errors(form))
    try:
        authored = services.create_module(current_user, form.slug.data.strip())
    except services.AuthoringError as error:
        return _refused(error)
    flash(_("Modul %(slug)s dibuat sebagai draf.", slug=authored.slug), "success")
    return _back(authored)


@bp.post("/mitra/unggah")
def upload():
    """A new module from a zip of its folder."""
    require("authoring.create")
    form = UploadForm()
    if not form.validate():
        return _refused(_form_errors(form))
    try:
        slug = (form.module_slug.data or "").strip() or None
        authored = services.upload_module(current_user, form.archive.data.read(), slug)
    except services.AuthoringError as error:
        return _refused(error)
    flash(_("Zip diterima: modul %(slug)s dibuat sebagai draf. Periksa hasil pemeriksaan di bawah.",
            slug=authored.slug), "success")
    return _back(authored)


@bp.get("/mitra/modul/<int:authored_id>")
def module(authored_id):
    """A module: its versions, the latest version's files and the checker's problems, the actions."""
    authored = _module_or_404(authored_id)
    latest = authored.latest
    result = services.check(authored.slug, latest.file_map())
    return render_template(
        "authoring/module.html", authored=authored, latest=latest, result=result,
        problems=result.by_file(), lessons=services.lessons_of(latest), action=ActionForm(),
        new_file_form=NewFileForm(), image_form=ImageForm(), replace_form=ReplaceForm(),
        rename_form=RenameForm(), comments_form=CommentsForm(),
        may_edit=can("authoring.edit", authored), may_review=can("authoring.review", authored),
    )


@bp.route("/mitra/modul/<int:authored_id>/berkas/<path:path>", methods=["GET", "POST"])
def edit_file(authored_id, path):
    """One file in a textarea; saving runs the checker and shows this file's problems by line."""
    authored = _module_or_404(authored_id)
    latest = authored.latest
    files = latest.file_map()
    if path not in files or path.startswith("media/"):
        abort(404)
    form = FileForm()
    if request.method == "POST":
        require("authoring.edit", authored)
        if not form.validate():
            abort(400)
        try:
            services.save_text(current_user, authored, path, form.text.data or "")
        except services.AuthoringError as error:
            return _refused(error, authored, path)
        flash(_("%(path)s disimpan.", path=path), "success")
        return _back(authored, path)
    result = services.check(authored.slug, files)
    form.text.data = files[path].decode("utf-8", "replace")
    comments = [c for c in latest.review_comments if c.get("path") == path]
    return render_template("authoring/file.html", authored=authored, latest=latest, path=path, form=form,
                           problems=result.by_file().get(path, []), comments=comments,
                           may_edit=can("authoring.edit", authored) and latest.editable,
                           is_quiz=path == "kuis.md", action=ActionForm())


def _edit_action(authored_id):
    authored = _module_or_404(authored_id)
    require("authoring.edit", authored)
    return authored


@bp.post("/mitra/modul/<int:authored_id>/berkas-baru")
def new_file(authored_id):
    authored = _edit_action(authored_id)
    form = NewFileForm()
    if not form.validate():
        return _refused(_form_errors(form), authored)
    path = form.path.data.strip()
    if path in authored.latest.file_map():
        return _refused(_("Berkas '%(path)s' sudah ada.", path=path), authored)
    starter = "---\ntitle: Judul Pelajaran\n---\n\nIsi pelajaran.\n" if path.endswith(".md") else ""
    try:
        services.save_file(current_user, authored, path, starter.encode(), action="save")
    except services.AuthoringError as error:
        return _refused(error, authored)
    return _back(authored, path)


@bp.post("/mitra/modul/<int:authored_id>/gambar")
def add_image(authored_id):
    authored = _edit_action(authored_id)
    form = ImageForm()
    if not form.validate():
        return _refused(_form_errors(form), authored)
    name = (form.image.data.filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    try:
        services.save_file(current_user, authored, f"media/{name}", form.image.data.read(), action="add-media")
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Gambar media/%(name)s disimpan. Pakai di pelajaran: ![deskripsi gambar](media/%(name)s)", name=name),
          "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/hapus")
def delete_file(authored_id):
    authored = _edit_action(authored_id)
    form = PathForm()
    if not form.validate():
        abort(400)
    try:
        services.delete_file(current_user, authored, form.path.data)
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("%(path)s dihapus.", path=form.path.data), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/ganti-nama")
def rename(authored_id):
    authored = _edit_action(authored_id)
    form = RenameForm()
    if not form.validate():
        return _refused(_form_errors(form), authored)
    try:
        services.rename_lesson(current_user, authored, form.path.data, form.slug.data.strip())
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Pelajaran diganti nama."), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/pindah")
def move(authored_id):
    authored = _edit_action(authored_id)
    form = PathForm()
    if not form.validate():
        abort(400)
    try:
        services.move_lesson(current_user, authored, form.path.data, -1 if form.direction.data == "naik" else 1)
    except services.AuthoringError as error:
        return _refused(error, authored)
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/kunci")
def add_keys(authored_id):
    """Add the question keys derived from the question text (as ``flask content check --fix``)."""
    authored = _edit_action(authored_id)
    if not ActionForm().validate():
        abort(400)
    try:
        added = services.add_keys(current_user, authored)
    except services.AuthoringError as error:
        return _refused(error, authored, "kuis.md")
    if added:
        flash(_("Kunci ditambahkan: %(keys)s.", keys=", ".join(key for _line, key in added)), "success")
    else:
        flash(_("Semua soal sudah punya kunci."), "info")
    return _back(authored, "kuis.md")


@bp.post("/mitra/modul/<int:authored_id>/unggah")
def replace(authored_id):
    authored = _edit_action(authored_id)
    form = ReplaceForm()
    if not form.validate():
        return _refused(_form_errors(form), authored)
    try:
        version = services.replace_files(current_user, authored, form.archive.data.read())
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Zip diterima: berkas versi %(number)s diganti.", number=version.number), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/ajukan")
def submit(authored_id):
    authored = _edit_action(authored_id)
    if not ActionForm().validate():
        abort(400)
    try:
        version = services.submit(current_user, authored)
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Versi %(number)s diajukan untuk ditinjau.", number=version.number), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/draf-baru")
def new_draft(authored_id):
    authored = _edit_action(authored_id)
    if not ActionForm().validate():
        abort(400)
    number = request.form.get("versi", type=int)
    try:
        version = services.new_draft(current_user, authored, number)
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Draf baru: versi %(number)s.", number=version.number), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/kembalikan")
def send_back(authored_id):
    authored = _module_or_404(authored_id)
    require("authoring.review", authored)
    form = CommentsForm()
    if not form.validate():
        return _refused(_("Tulis komentar agar penulis tahu apa yang perlu diperbaiki."), authored)
    try:
        services.return_to_draft(current_user, authored, form.comments.data)
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Dikembalikan ke penulis dengan komentar."), "success")
    return _back(authored)


@bp.post("/mitra/modul/<int:authored_id>/versi/<int:number>/terbitkan")
def publish(authored_id, number):
    """Publish a version in review, or an earlier published version again (restore)."""
    authored = _module_or_404(authored_id)
    require("authoring.review", authored)
    _version_or_404(authored, number)
    if not ActionForm().validate():
        abort(400)
    try:
        services.publish(current_user, authored, number)
    except services.AuthoringError as error:
        return _refused(error, authored)
    flash(_("Versi %(number)s terbit di katalog.", number=number), "success")
    return _back(authored)


@bp.get("/mitra/modul/<int:authored_id>/versi/<int:number>/unduh")
def download(authored_id, number):
    """The version's folder as a zip, byte for byte the files that were saved or published."""
    authored = _module_or_404(authored_id)
    version = _version_or_404(authored, number)
    response = make_response(services.download(version))
    response.mimetype = "application/zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{authored.slug}-v{number}.zip"'
    return response


def _preview(authored_id, number):
    authored = _module_or_404(authored_id)
    version = _version_or_404(authored, number)
    prefix = url_for("authoring.preview_media", authored_id=authored.id, number=number, name="")
    return authored, version, build_preview(authored.slug, version.file_map(), media_url(authored.slug, ""), prefix,
                                            str(get_locale()))


@bp.get("/mitra/modul/<int:authored_id>/versi/<int:number>/pratinjau")
def preview(authored_id, number):
    authored, version, view = _preview(authored_id, number)
    return render_template("authoring/preview_module.html", authored=authored, version=version, view=view)


@bp.get("/mitra/modul/<int:authored_id>/versi/<int:number>/pratinjau/kuis")
def preview_quiz(authored_id, number):
    authored, version, view = _preview(authored_id, number)
    if view.quiz is None:
        abort(404)
    return render_template("authoring/preview_quiz.html", authored=authored, version=version, view=view,
                           questions=view.quiz, unanswered=())


@bp.get("/mitra/modul/<int:authored_id>/versi/<int:number>/pratinjau/<lesson_slug>")
def preview_lesson(authored_id, number, lesson_slug):
    authored, version, view = _preview(authored_id, number)
    index = next((i for i, entry in enumerate(view.lessons) if entry.slug == lesson_slug), None)
    if index is None:
        abort(404)
    return render_template("authoring/preview_lesson.html", authored=authored, version=version, view=view,
                           lessons=view.lessons, current=view.lessons[index], text=view.texts[index],
                           previous=view.lessons[index - 1] if index > 0 else None,
                           next=view.lessons[index + 1] if index + 1 < len(view.lessons) else None)


@bp.get("/mitra/modul/<int:authored_id>/versi/<int:number>/media/<name>")
def preview_media(authored_id, number, name):
    authored = _module_or_404(authored_id)
    version = _version_or_404(authored, number)
    data = version.file_map().get(f"media/{name}")
    content_type = MEDIA_TYPES.get("." + name.rsplit(".", 1)[-1].lower())
    if data is None or content_type is None:
        abort(404)
    response = make_response(data)
    response.mimetype = content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/mitra/peninjau", methods=["GET", "POST"])
def reviewers():
    """Admins grant and take back the content reviewer role."""
    require("authoring.reviewers")
    form = ReviewerForm()
    if form.validate_on_submit():
        try:
            services.grant_reviewer(current_user, form.username.data)
        except services.AuthoringError as error:
            form.username.errors.append(str(error))
        else:
            flash(_("%(username)s sekarang peninjau modul.", username=form.username.data), "success")
            return redirect(url_for("authoring.reviewers"), code=303)
    return render_template("authoring/reviewers.html", reviewers=services.reviewers(), form=form,
                           action=ActionForm()), 400 if form.errors else 200


@bp.post("/mitra/peninjau/<int:user_id>/cabut")
def revoke(user_id):
    require("authoring.reviewers")
    if not ActionForm().validate():
        abort(400)
    try:
        services.revoke_reviewer(current_user, user_id)
    except services.AuthoringError:
        abort(404)
    flash(_("Peran peninjau dicabut."), "success")
    return redirect(url_for("authoring.reviewers"), code=303)


@bp.get("/admin/log-modul")
def audit():
    """Every authoring action, newest first, filterable by module, action and account."""
    require("authoring.audit")
    slug = request.args.get("modul", "")[:80].strip()
    action = request.args.get("aksi", "")
    action = action if action in services.ACTIONS else ""
    username = request.args.get("akun", "")[:32].strip()
    page = page_number(request.args)
    entries, more = services.audit_log(slug or None, action or None, username or None, page)
    return render_template("authoring/audit.html", entries=entries, more=more, page=page, slug=slug,
                           action=action, username=username, actions=services.ACTIONS)
