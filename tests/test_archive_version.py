"""The archive version (documents/archive_version.py): any change to a document, its passages,
a principle, an era or a tag replaces it, and with it the validators of every reader page; and
the SQL statements that write to the archive are recognised."""

from __future__ import annotations

import pytest
from taggit.models import Tag

from documents.archive_version import writes_to_archive
from documents.models import Section
from tests.production.conftest import PAGES, age_version
from tests.production.conftest import archive, cold_caches  # noqa: F401  (fixtures)


def change_document(archive):
    archive.published.title = "Speech on Peaceful Coexistence, revised"
    archive.published.save()


def change_section(archive):
    Section.objects.filter(document=archive.published, position=2).update(text="A passage an editor rewrote.")


def change_theme(archive):
    archive.principle.name = "Peaceful coexistence of states"
    archive.principle.save()


def change_period(archive):
    archive.era.summary = "An era of reform."
    archive.era.save()


def change_tag(archive):
    Tag.objects.filter(slug="peace").update(name="Peace and development")


def change_section_principles(archive):
    Section.themes.through.objects.filter(section__document=archive.published).delete()


CHANGES = [change_document, change_section, change_theme, change_period, change_tag, change_section_principles]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_change_to_what_a_page_shows_changes_its_validators(client, archive, page, change):
    age_version()
    before = client.get(PAGES[page])
    change(archive)
    after = client.get(PAGES[page], HTTP_IF_NONE_MATCH=before["ETag"],
                       HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


@pytest.mark.parametrize(("sql", "writes"), [
    ('INSERT INTO "documents_document" ("title") VALUES (%s)', True),
    ('UPDATE "documents_section" SET "text" = %s WHERE "id" = %s', True),
    ('DELETE FROM "documents_section_themes" WHERE "section_id" IN (%s)', True),
    ('  update "taggit_tag" set "name" = %s', True),
    ('INSERT INTO "taggit_taggeditem" ("tag_id") VALUES (%s)', True),
    ('TRUNCATE "auth_user", "documents_document", "django_session"', True),
    ('SELECT "documents_document"."id" FROM "documents_document"', False),
    ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
    ('UPDATE "axes_accessattempt" SET "failures_since_start" = 1', False),
    ('INSERT INTO "policyarchive_cache" (cache_key) VALUES (%s)', False),
    ('SELECT 1 FROM "documents_document" WHERE title = \'UPDATE "documents_x"\'', False),
])
def test_writes_to_the_archive_are_recognised(sql, writes):
    assert writes_to_archive(sql) is writes
