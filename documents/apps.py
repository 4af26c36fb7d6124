from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _repair_sqlite_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from . import search

    if connections[using].vendor == "sqlite":
        search.ensure_sqlite_index()


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import archive_version, oai  # noqa: F401 (oai: the tombstones of deleted documents)

        archive_version.connect()  # every write to the archive replaces the version the page cache is keyed by
        # A SQLite table rebuilt by a later migration loses its FTS5 triggers: put them back.
        post_migrate.connect(_repair_sqlite_search_index, sender=self)
