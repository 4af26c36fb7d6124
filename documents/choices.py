"""The archive's fixed vocabularies: document types, statuses, passage kinds, import outcomes,
the orders and modes of the reader pages.

Plain ``TextChoices``, importable without Django settings or the app registry, so the import
pipeline's worker processes and the parsers can use them as well as the models, the admin and
the views. A member is a ``str``: it compares equal to its value and prints as it, in JSON too.
"""

from __future__ import annotations

from django.db import models


class DocumentType(models.TextChoices):
    SPEECH = "speech", "Speech"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    SPOKESPERSON_STATEMENT = "spokesperson_statement", "Spokesperson's statement"
    STATEMENT = "statement", "Policy statement"
    ARTICLE = "article", "Reference article"
    WHITE_PAPER = "white_paper", "White paper"
    COMMUNIQUE = "communique", "Communiqué"
    TREATY = "treaty", "Treaty or agreement"
    INTERVIEW = "interview", "Interview"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class How(models.TextChoices):
    """How a document's value was obtained: its ``provenance[field]["how"]``."""

    FRONT_MATTER = "front_matter", "Front matter"
    SOURCE_TEXT = "source_text", "Stated in the source"
    INFERRED = "inferred", "Inferred"
    EDITOR = "editor", "Confirmed by an editor"


class EvidenceHow(models.TextChoices):
    """How a passage's principle or era was assigned: its ``evidence[]["how"]``."""

    RULE = "rule", "Matched a rule"
    EDITOR = "editor", "Decided by an editor"


class ImportOrigin(models.TextChoices):
    COMMAND = "command", "Command"
    ADMIN = "admin", "Admin upload"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class SectionKind(models.TextChoices):
    HEADING = "heading", "Heading"
    PARAGRAPH = "paragraph", "Paragraph"
    LIST_ITEM = "list_item", "List item"
    QUESTION = "question", "Question"
    ANSWER = "answer", "Answer"
    QUOTATION = "quotation", "Quotation"


class ImportStatus(models.TextChoices):
    """What an import did with one file: the ``status`` of its report row (``--json`` too)."""

    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Unchanged"
    FAILED = "failed", "Failed"


class Sort(models.TextChoices):
    """How the document list is ordered (``?sort=``)."""

    DATE = "date", "Newest first"
    OLDEST = "oldest", "Oldest first"
    TITLE = "title", "Title"


class MatrixBy(models.TextChoices):
    """Which era the matrix counts a passage in (``?by=``)."""

    ABOUT = "about", "Era spoken about"
    ISSUED = "issued", "Era issued in"
