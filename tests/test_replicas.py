"""Read replicas: an anonymous reader's reader pages read from a replica that answers; an
editor's requests, the admin and every write use the primary; a replica that does not answer
costs readers nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from documents.models import Document
from documents.replicas import ReplicaRouter, replica_for_request

from .replication import StreamingPair, free_port, server_binaries

ROOT = Path(__file__).resolve().parent.parent
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="replicas are PostgreSQL's")


def test_without_replicas_every_read_and_write_is_the_primarys(settings):
    settings.POLICYARCHIVE_REPLICAS = []
    router = ReplicaRouter()
    assert router.db_for_read(Document) is None
    assert router.db_for_write(Document) == "default"
    assert router.allow_migrate("default", "documents") and not router.allow_migrate("replica1", "documents")


def test_outside_a_reader_request_no_read_goes_to_a_replica(settings):
    settings.POLICYARCHIVE_REPLICAS = ["replica1"]
    assert replica_for_request() is None  # a command, a task, a test: the primary


@postgresql_only
@pytest.mark.skipif(server_binaries() is None, reason="no PostgreSQL server binaries (initdb, pg_basebackup)")
def test_reader_pages_read_from_a_streaming_replica_and_editors_from_the_primary():
    """The site as production runs it (tests/replica_scenario.py): reader pages run every query
    on the replica that answers, an editor's requests none; once the replica stops, readers are
    served by the primary without an error."""
    pair = StreamingPair(server_binaries())
    try:
        pair.start()
        with psycopg.connect(pair.primary.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE policyarchive")
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
        env.update(DJANGO_SETTINGS_MODULE="policyarchive.settings.base", DJANGO_DEBUG="1",
                   DATABASE_URL=pair.primary.url, # A second replica that never answers: skipped, at no cost to readers.
                   DATABASE_REPLICA_URLS=f"{pair.replica.url},postgres://postgres@127.0.0.1:{free_port()}/policyarchive",
                   DJANGO_PAGE_CACHE_SECONDS="0", POLICYARCHIVE_REPLICA_RETRY_SECONDS="60",
                   DJANGO_ALLOWED_HOSTS="testserver")
        done = subprocess.run([sys.executable, "-m", "tests.replica_scenario", str(pair.bin / "pg_ctl"),
                               str(pair.replica.data), *pair.run_as],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        pair.close()

    assert result["published"] >= 4
    for visit in result["reader"]:
        assert visit["status"] == 200, visit
        assert visit["queries"].get("replica1", 0) > 0, visit
        assert visit["queries"].get("default", 0) == 0, visit
    for visit in result["editor"]:
        assert visit["status"] == 200, visit
        assert visit["queries"].get("replica1", 0) == 0 and visit["queries"].get("default", 0) > 0, visit
    for visit in result["reader_after_replica_stopped"]:
        assert visit["status"] == 200, visit  # no error for the reader
        assert visit["queries"].get("replica1", 0) == 0 and visit["queries"].get("default", 0) > 0, visit
