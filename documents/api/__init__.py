"""The read-only JSON API under ``/api/`` (Django REST framework, OpenAPI 3 by drf-spectacular).

- ``views``: documents, passages, eras, principles, tags; ``search``: the search page's engine;
  ``export``: the whole archive streamed, and the docs page.
- ``serializers``: what each object says, with its HTML page and citation records (``citations``).
- ``pagination``: cursor pages on the reader pages' orderings; ``parameters``: 400 and 404 answers;
  ``throttling``: the per-address rate limit (429 with Retry-After).

Readers' rules hold: published documents and passages only, the reader statement timeout, the
archive version as ``ETag`` (``documents.page_cache``), CORS for GET (django-cors-headers).
"""
