"""``/api/export.json``: the published archive, streamed in flat memory."""

from __future__ import annotations

import gc
import json
import tracemalloc

import pytest

from documents.api import export
from documents.models import Document
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_the_export_streams_the_published_archive(client, archive):
    response = client.get("/api/export.json")

    assert response.status_code == 200 and response.streaming
    data = json.loads(b"".join(response.streaming_content))
    assert {d["slug"] for d in data["documents"]} == set(Document.objects.published().values_list("slug", flat=True))
    assert all("provenance" in d for d in data["documents"])


def _export_peak(client, documents: int) -> tuple[int, int]:
    """(peak bytes allocated while the export streams, bytes streamed) for an archive of that size."""
    for n in range(Document.objects.count(), documents):
        make_document(slug=f"filler-{n}", title=f"Filler {n}", sections=[f"Passage {n}.{k} on sovereignty. " * 40 for k in range(5)])
    response = client.get("/api/export.json")
    gc.collect()
    tracemalloc.start()
    size = 0
    for count, piece in enumerate(response.streaming_content):
        size += len(piece)
        if count % 20 == 0:  # what cycles leave for the collector is not what the export holds
            gc.collect()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


def test_the_export_streams_in_flat_memory_as_the_archive_grows(client, db, settings):
    export.EXPORT_CHUNK, chunk = 10, export.EXPORT_CHUNK  # small chunks, so that both sizes span many
    try:
        small_peak, small_size = _export_peak(client, 40)
        large_peak, large_size = _export_peak(client, 160)
    finally:
        export.EXPORT_CHUNK = chunk

    assert large_size > 3.5 * small_size
    assert large_peak < 1.6 * small_peak, (small_peak, large_peak)  # what grows is the bytes sent, not memory
