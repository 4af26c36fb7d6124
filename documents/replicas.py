"""Reads of reader pages from read replicas; everything else from the primary.

``DATABASE_REPLICA_URLS`` (settings) adds each replica as a database alias listed in
``POLICYARCHIVE_REPLICAS``. ``ReplicaReadsMiddleware`` marks the requests whose reads may go to a
replica: reader pages (``page_cache.is_reader_page``) asked for by an anonymous reader
(``page_cache.is_shareable``: no session, no messages). ``ReplicaRouter`` then sends their reads
to one replica that answers, chosen once per request; every other read (the admin, an editor's
own requests, so that an editor reads their own writes), every write, commands, tasks and
migrations go to the primary.

A replica that does not answer when a request first reads is skipped for
``POLICYARCHIVE_REPLICA_RETRY_SECONDS``, and the primary serves meanwhile: readers never see an
error for a replica that is down. A replica lags its primary by the time it takes to replay the
primary's writes (milliseconds on one network): a reader may see a just-published document a
moment later than its editor does, never a half-written one (a replica replays whole transactions).
"""

from __future__ import annotations

import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

from .page_cache import is_reader_page, is_shareable

logger = logging.getLogger(__name__)

PRIMARY = "default"
# None: this request reads from the primary. "": it may read from a replica, none chosen yet.
_request_replica: ContextVar[str | None] = ContextVar("policyarchive_replica", default=None)
_down_until: dict[str, float] = {}


def _answers(alias: str) -> bool:
    """Whether the replica ``alias`` answers now (its connection opened, or still usable)."""
    if _down_until.get(alias, 0.0) > time.monotonic():
        return False
    db = connections[alias]
    try:
        db.close_if_health_check_failed()
        db.ensure_connection()
    except DatabaseError as exc:
        logger.warning("replica %s does not answer; the primary serves: %s", alias, str(exc).strip().splitlines()[:1])
        _down_until[alias] = time.monotonic() + settings.POLICYARCHIVE_REPLICA_RETRY_SECONDS
        db.close()
        return False
    _down_until.pop(alias, None)
    return True


def replica_for_request() -> str | None:
    """The replica this request reads from, or None for the primary."""
    chosen = _request_replica.get()
    if chosen is None:
        return None
    if chosen:
        return chosen
    candidates = list(settings.POLICYARCHIVE_REPLICAS)
    random.shuffle(candidates)
    alias = next((a for a in candidates if _answers(a)), PRIMARY)
    _request_replica.set(alias)
    return None if alias == PRIMARY else alias


class ReplicaRouter:
    """Reader-page reads to a replica (see the module's docstring); all else to the primary."""

    def db_for_read(self, model, **hints):
        return replica_for_request() if settings.POLICYARCHIVE_REPLICAS else None

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # a replica replays the primary's schema


class ReplicaReadsMiddleware:
    """Lets an anonymous reader's reader page read from a replica (``ReplicaRouter``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_replica.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.POLICYARCHIVE_REPLICAS and is_reader_page(request) and is_shareable(request):
            _request_replica.set("")
        return None
