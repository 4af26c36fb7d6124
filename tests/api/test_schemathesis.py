"""The API against its own OpenAPI schema, driven by schemathesis: generated requests (bounded
examples) get answers that the schema describes, never a 500, on the seeded archive, and no
draft's words in any of them."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_headers_conformance,
                                               response_schema_conformance, status_code_conformance)

from tests.factories import make_document

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
# Every check but "schema-valid data is accepted", which cannot hold for slugs the schema does not
# enumerate: ?tag=xyz that names no tag is a documented 400.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def app(seeded_db, settings):
    settings.POLICYARCHIVE_API_RATE = "100000/minute"  # the limit has its own test (test_views.py)
    make_document(slug="secret-draft", status="draft", sections=["No reader may see this."])
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.include(path_regex=r"^/api/(?!export|docs|schema)").parametrize()
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_its_schema_says(case, app):
    response = case.call(app=app)
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    case.validate_response(response, checks=CHECKS)
    assert "No reader may see this" not in response.text
