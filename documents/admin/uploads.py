"""Import by upload: the same pipeline and report as the ``import_documents`` command.

An uploaded file's name is only ever a label (and the import key, as a file name is on the
command line); its content is read from the upload, never from a path built from the name.
"""

from __future__ import annotations

import reversion
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from ..importing.pipeline import ImportContext, ImportResult, import_bytes
from ..models import Document


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


def import_uploads(*, files, refused: list[str], user, publish: bool, dry_run: bool) -> list[ImportResult]:
    """Import uploaded files one by one; each document imported gets a revision in its history."""
    context = ImportContext.load(publish=publish, dry_run=dry_run, imported_by=user.get_username())
    limit = f"file is larger than the {context.max_bytes:,}-byte limit"
    results = [ImportResult(path=name, status="failed", errors=[f"{name}: {limit}"]) for name in refused]
    for upload in files:
        name = upload.name or "upload"
        if upload.size is not None and upload.size > context.max_bytes:
            results.append(ImportResult(path=name, status="failed", errors=[f"{name}: {limit}"]))
            continue
        data = b"".join(upload.chunks())
        with reversion.create_revision(manage_manually=True):
            result = import_bytes(data=data, name=name, context=context)
            if not dry_run and result.status in ("created", "updated"):
                reversion.set_user(user)
                reversion.set_comment(f"Imported from the uploaded file “{name}” ({result.status}).")
                reversion.add_to_revision(Document.objects.get(slug=result.slug))
        results.append(result)
    return results
