"""``/api/export.json``, the whole public archive in one download, and ``/api/docs/``, the
browsable page of the schema.

The export is what ``manage.py export_documents`` writes (``documents.importing.exchange``),
for the published documents only, streamed: ``EXPORT_CHUNK`` documents (with their passages)
are in memory at a time, whatever the size of the archive, and the first bytes leave before
the last document is read. ``tests/api/test_export.py`` measures the memory at two sizes.

The docs page is Swagger UI from drf-spectacular-sidecar's files, served as the project's own
static files (no CDN), started by ``static/api/docs.js``: no inline script or style, so it
passes the site's Content-Security-Policy unchanged.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from ..importing.exchange import iter_archive
from ..models import Document
from .views import ERRORS

EXPORT_CHUNK = 100


class ExportView(APIView):
    """Every published document with its passages, and every era and principle, as one JSON
    object: the format ``manage.py export_documents`` writes and ``import_documents`` loads."""

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The archive export."),
                              429: ERRORS[429]})
    def get(self, request):
        chunks = (text.encode() for text in iter_archive(documents=Document.objects.published(),
                                                          chunk_size=EXPORT_CHUNK))
        response = StreamingHttpResponse(chunks, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="policyarchive-export.json"'
        return response


class DocsView(TemplateView):
    template_name = "api/docs.html"
