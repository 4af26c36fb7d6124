"""Import by upload: the document admin's import page, and the same pipeline and report as the
``import_documents`` command.

An uploaded file's name is only ever a label (and the import key, as a file name is on the
command line); its content is read from the upload, never from a path built from the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import reversion
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ..choices import ImportOrigin, ImportStatus
from ..importing.pipeline import ImportContext, ImportResult, import_bytes, report_line
from ..importing.runs import DryRunFiles, record_run, take_files
from ..models import Document, ImportRun, Period, Theme
from .forms import ImportUploadForm, KeptRunForm


class SizeLimitUploadHandler(FileUploadHandler):
    """Drops, while it is still arriving, any uploaded file larger than ``max_bytes``.

    It passes every chunk on to Django's own handlers, and remembers the names of the files
    it dropped so that the report can say why they were not imported.
    """

    def __init__(self, request=None, *, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.refused: list[str] = []
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.refused.append(self.file_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def read_uploads(files, *, max_bytes: int) -> Iterator[tuple[str, bytes | None]]:
    """Each upload's name and content, read when its turn comes (one in memory at a time);
    ``None`` for one over ``max_bytes``, unread."""
    for upload in files:
        too_big = upload.size is not None and upload.size > max_bytes
        yield upload.name or "upload", None if too_big else b"".join(upload.chunks())


def import_uploads(*, files: Iterable[tuple[str, bytes | None]], refused: list[str], user, publish: bool,
                   dry_run: bool) -> tuple[list[ImportResult], ImportRun]:
    """Import files (name, content; ``None``: over the size limit) one by one; each document
    imported gets a revision in its history, and the run is recorded for the dashboard (a dry
    run's files with it, while they fit)."""
    context = ImportContext.load(publish=publish, dry_run=dry_run, imported_by=user.get_username())
    limit = f"file is larger than the {context.max_bytes:,}-byte limit"
    results = [ImportResult(path=name, status=ImportStatus.FAILED, errors=[f"{name}: {limit}"]) for name in refused]
    kept = DryRunFiles()
    for name, data in files:
        if data is None:
            results.append(ImportResult(path=name, status=ImportStatus.FAILED, errors=[f"{name}: {limit}"]))
            continue
        if dry_run:
            kept.add(name, data)
        with reversion.create_revision(manage_manually=True):
            result = import_bytes(data=data, name=name, context=context)
            if not dry_run and result.status in (ImportStatus.CREATED, ImportStatus.UPDATED):
                reversion.set_user(user)
                reversion.set_comment(f"Imported from the uploaded file “{name}” ({result.status}).")
                reversion.add_to_revision(Document.objects.get(slug=result.slug))
        results.append(result)
    run = record_run(results=results, origin=ImportOrigin.ADMIN, dry_run=dry_run, publish=publish, user=user,
                     files=kept.files)
    return results, run


class UploadsMixin:
    """The import page of ``DocumentAdmin`` (``admin:documents_document_import``)."""

    @method_decorator(csrf_exempt)
    def import_view(self, request):
        """Upload files into the import pipeline (the CSRF check runs once the size guard is
        installed, since installing it must come before the request body is read)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        guard = None
        if request.method == "POST":
            guard = SizeLimitUploadHandler(request, max_bytes=settings.POLICYARCHIVE_MAX_IMPORT_BYTES)
            request.upload_handlers.insert(0, guard)
        return csrf_protect(self._import_form_view)(request, guard)

    def _import_form_view(self, request, guard):
        results, run, dry_run = None, None, False
        if request.method == "POST" and "run" in request.POST:  # "Import these": a dry run's files
            results, run = self._import_kept(request)
            form = ImportUploadForm()
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                if not form.cleaned_data["files"] and not guard.refused:
                    form.add_error("files", "Choose at least one file.")
                else:
                    dry_run = form.cleaned_data["dry_run"]
                    files = read_uploads(form.cleaned_data["files"], max_bytes=settings.POLICYARCHIVE_MAX_IMPORT_BYTES)
                    results, run = import_uploads(files=files, refused=guard.refused, user=request.user,
                                                  publish=form.cleaned_data["publish"], dry_run=dry_run)
                    self._report_import(request, results, dry_run=dry_run)
        else:
            form = ImportUploadForm()
        return TemplateResponse(request, "admin/documents/document/import.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import documents",
            "subtitle": None,
            "form": form,
            "report": report_rows(results or [], dry_run=dry_run),
            "dry_run": dry_run,
            "run": run if dry_run and run and run.files else None,
            "max_bytes": settings.POLICYARCHIVE_MAX_IMPORT_BYTES,
            "media": self.media + form.media,
        })

    def _import_kept(self, request):
        """Import for real the files a dry run of this editor kept."""
        chosen = KeptRunForm(request.POST, runs=ImportRun.objects.filter(created_by=request.user))
        files = take_files(chosen.cleaned_data["run"].pk) if chosen.is_valid() else None
        if files is None:
            self.message_user(request, "Those files are no longer kept (imported already, or the dry run is more "
                                       "than a day old): choose them again.", messages.ERROR)
            return None, None
        run = chosen.cleaned_data["run"]
        results, _ = import_uploads(files=files, refused=[], user=request.user, publish=run.publish, dry_run=False)
        self._report_import(request, results, dry_run=False)
        return results, None

    def _report_import(self, request, results, *, dry_run):
        prefix = "Dry run, nothing saved: " if dry_run else ""
        failed = any(r.status == ImportStatus.FAILED for r in results)
        level = messages.WARNING if failed else messages.SUCCESS
        self.message_user(request, prefix + report_line(results, dry_run=dry_run), level)


def report_rows(results: list[ImportResult], *, dry_run: bool) -> list[dict]:
    """The report's rows: each result with its outcome in words, its document's admin link and
    the names of the principles and eras it read (two queries in all)."""
    pks = Document.objects.pks_by_slug(r.slug for r in results if r.slug)
    wanted = {slug for r in results for slug in r.preview.get("principles", []) + r.preview.get("eras", [])}
    names = {}
    if wanted:
        names = dict(Theme.objects.filter(slug__in=wanted).values_list("slug", "name"))
        names.update(Period.objects.filter(slug__in=wanted).values_list("slug", "name"))
    return [{
        "result": r, "outcome": r.outcome(dry_run=dry_run), "pk": pks.get(r.slug),
        "principles": [names.get(s, s) for s in r.preview.get("principles", [])],
        "eras": [names.get(s, s) for s in r.preview.get("eras", [])],
    } for r in results]
