"""The editors' admin: documents and their passages, principles, eras and tags.

Editors (the "Editors" group, ``documents.roles``) see exactly these; user and permission
administration stays with superusers.
"""

from . import documents, passage_list, tags, taxonomy  # noqa: F401  (registers the model admins)
