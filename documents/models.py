"""What the archive stores: eras, principles, documents and their passages."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.backends.ddl_references import Statement
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from .choices import DatePrecision, DocumentType, ImportOrigin, SectionKind, Status
from .querysets import DocumentQuerySet, SectionQuerySet, TagRedirectQuerySet
from .validators import validate_web_url


def _phrases(help_text: str) -> models.JSONField:
    """An era's cues or a principle's match rules: phrases, or regular expressions after "re:"."""
    return models.JSONField(default=list, blank=True, help_text=help_text)


class TaxonomyEntry(models.Model):
    """What eras and principles share: the taxonomy file loads them (documents/importing/taxonomy.py)
    and keeps what it loaded, so that a re-load can tell an editor's change from its own."""

    imported_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values last loaded from the taxonomy file, to tell an editor's change from ours.",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Period(TaxonomyEntry):
    """An era of China's foreign policy, such as "Reform and opening-up"."""

    name = models.CharField(max_length=200, help_text="The era's name as readers see it.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the era's web address.")
    start_year = models.PositiveSmallIntegerField(help_text="First year of the era.")
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Last year of the era; leave empty for the current era."
    )
    summary = models.TextField(blank=True, help_text="A few plain sentences on what marks this era.")
    cues = _phrases('Phrases that name this era in a text ("after the end of the Cold War"); '
                    'a phrase starting with "re:" is a regular expression.')
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the timeline.")

    class Meta:
        verbose_name = "era"
        verbose_name_plural = "eras"
        ordering = ["order", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__lte=models.F("end_year")),
                name="period_starts_before_it_ends",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("documents:period_detail", kwargs={"slug": self.slug})

    @property
    def span(self) -> str:
        return f"{self.start_year}–{self.end_year}" if self.end_year else f"{self.start_year}–"

    def contains_year(self, year: int) -> bool:
        return self.start_year <= year and (self.end_year is None or year <= self.end_year)


class Theme(TaxonomyEntry):
    """A principle or policy theme, such as "Non-interference in internal affairs"."""

    name = models.CharField(max_length=200, help_text="The principle's name as readers see it.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the principle's web address.")
    description = models.TextField(blank=True, help_text="A plain definition for readers.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The broader principle this one belongs to (the Five Principles for its members).",
    )
    rules = _phrases('Phrases that suggest this principle in a passage; a phrase starting with "re:" '
                     "is a regular expression. The importer uses them; editors have the last word.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in lists of principles.")

    class Meta:
        verbose_name = "principle"
        verbose_name_plural = "principles"
        ordering = ["order", "name"]

    def get_absolute_url(self) -> str:
        return reverse("documents:theme_detail", kwargs={"slug": self.slug})


class Document(models.Model):
    """One archived text: a speech, a press conference, a white paper…"""

    # Fields the importer fills; an editor's change to any of them wins over a re-import.
    IMPORTED_FIELDS = (
        "title",
        "doc_type",
        "source",
        "source_url",
        "issuer",
        "issued_on",
        "posted_on",
        "date_precision",
        "languages",
        "summary",
    )

    title = models.CharField(max_length=500, help_text="The document's title, without the site's name.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the document's web address.")
    import_key = models.CharField(
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Stable identifier of the imported file (front-matter slug, else the file name).",
    )
    doc_type = models.CharField(
        "type", max_length=32, choices=DocumentType.choices, default=DocumentType.ARTICLE,
        help_text="What kind of document this is.",
    )
    issuer = models.CharField(
        max_length=300, blank=True,
        help_text="The body or person whose statement it is: the ministry, the spokesperson, the president.",
    )
    source = models.CharField(
        "outlet", max_length=300, blank=True,
        help_text="The site or paper that published the page: People's Daily Online, an embassy site, a portal.",
    )
    source_url = models.URLField(
        max_length=1000, blank=True, validators=[validate_web_url],
        help_text="Where the original was published: an http:// or https:// address.",
    )
    issued_on = models.DateField(
        null=True, blank=True, help_text="When it was issued. With a month or year precision, the first day."
    )
    posted_on = models.DateField(
        null=True, blank=True,
        help_text="When the outlet posted or reposted the page, where the text gives it apart from the issue date.",
    )
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN,
        help_text="How much of the date is known.",
    )
    languages = models.JSONField(
        default=list, blank=True, help_text='Language codes, main language first, e.g. ["en", "zh"].'
    )
    summary = models.TextField(blank=True, help_text="A short summary for lists and search results.")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT,
        help_text="Readers only ever see published documents.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When it became (or will become) visible to readers. A future time schedules it.",
    )
    tags = TaggableManager(through="DocumentTag", blank=True, help_text="Free keywords, separated by commas.")
    issued_in = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents_issued",
        help_text="The era the document was issued in (from its date).",
    )
    periods = models.ManyToManyField(
        Period, blank=True, related_name="documents",
        help_text="The eras the document speaks about (all its passages' eras).",
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="documents",
        help_text="The principles the document states (all its passages' principles).",
    )
    raw_text = models.TextField(blank=True, editable=False, help_text="The source text exactly as imported.")
    removed_text = models.JSONField(
        default=list, blank=True, editable=False,
        help_text="The lines the cleaner took out as web-page furniture.",
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False, help_text="SHA-256 of the source.")
    imported_values = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="The values of the last import, to tell an editor's change from the importer's.",
    )
    provenance = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text='How each value was obtained and from what words: {field: {"how": ..., "evidence": ...}}, '
        "how being one of documents.choices.How.",
    )
    imported_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When it was last imported.")
    imported_by = models.CharField(max_length=150, blank=True, editable=False, help_text="Who imported it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False,
        related_name="+", help_text="The editor who last changed it.",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["-issued_on", "title"], name="document_date_title_idx"),
            # What readers may see (published, its time come), read from the index alone: every
            # reader page and search filters on it, and the cache version reads its latest change.
            models.Index(fields=["published_at"], include=["id", "updated_at"], condition=Q(status="published"),
                         name="document_published_idx"),
            models.Index(fields=["title"], name="document_title_idx"),
            models.Index(fields=["doc_type"], name="document_type_idx"),
            models.Index(fields=["source"], name="document_source_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        """Whether readers may see it: ``Document.objects.published()``'s rule, for a row already loaded."""
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


class DocumentTag(TaggedItemBase):
    """A document's tag (django-taggit's link, through a real foreign key to the document)."""

    content_object = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="tagged_items", help_text="The tagged document.",
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="document_tags", help_text="The tag.")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="document_tag_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.content_object_id} tagged {self.tag_id}"

    def get_absolute_url(self) -> str:
        return reverse("documents:tag_detail", kwargs={"slug": self.tag.slug})


class PostgresGinIndex(GinIndex):
    """A GIN index on PostgreSQL, nothing on other databases (SQLite searches an FTS5 table)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- %(name)s: PostgreSQL only", name=self.name)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- %(name)s: PostgreSQL only", name=self.name)
        return super().remove_sql(model, schema_editor, **kwargs)


class Section(models.Model):
    """One passage of a document, in reading order, citable by its anchor."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(help_text="Order of the passage in the document, from 1.")
    kind = models.CharField(max_length=16, choices=SectionKind.choices, default=SectionKind.PARAGRAPH)
    speaker = models.CharField(max_length=200, blank=True, help_text="Who speaks (press conferences, interviews).")
    text = models.TextField(help_text="The passage's text.")
    anchor = models.SlugField(
        max_length=40, help_text="Stable fragment for citation (#anchor); derived from the text, not the order."
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="sections")
    periods = models.ManyToManyField(Period, blank=True, related_name="sections")
    # Editors' decisions, which re-classification and re-import never overturn.
    editor_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", help_text="Principles an editor added or confirmed."
    )
    rejected_themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", help_text="Principles an editor removed."
    )
    editor_periods = models.ManyToManyField(
        Period, blank=True, related_name="+", help_text="Eras an editor added or confirmed."
    )
    rejected_periods = models.ManyToManyField(
        Period, blank=True, related_name="+", help_text="Eras an editor removed."
    )
    evidence = models.JSONField(
        default=list, blank=True, editable=False,
        help_text='Why the passage has each principle and era: [{"kind": "theme"|"period", "slug", '
        '"how": "rule"|"editor", "text": the words, "start", "end": offsets in the text}].',
    )
    # Written only by the database (triggers from migration 0003), on every insert and update of
    # the passage and of its document's title; see documents/search.py. Empty on SQLite.
    search_vector = SearchVectorField(
        null=True, editable=False,
        help_text="The passage's words for full-text search: document title, heading, text, speaker.",
    )
    # Also written only by the database (triggers from migration 0006): its document's publication
    # time while the document is published, else empty. Search keeps a match when this has come,
    # on the row it reads anyway, instead of looking its document up among every published one.
    visible_from = models.DateTimeField(
        null=True, editable=False,
        help_text="When readers may see the passage: its document's publication time, if published.",
    )

    objects = SectionQuerySet.as_manager()

    @staticmethod
    def anchor_of(text: str) -> str:
        """A citation anchor that depends on the passage's words (spacing aside), not on its position."""
        return "s-" + hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:8]

    class Meta:
        verbose_name = "passage"
        verbose_name_plural = "passages"
        ordering = ["document", "position"]
        indexes = [PostgresGinIndex(fields=["search_vector"], name="section_search_idx")]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="section_position_unique_in_document"),
            models.UniqueConstraint(fields=["document", "anchor"], name="section_anchor_unique_in_document"),
        ]

    def __str__(self) -> str:
        return f"{self.document} §{self.position}"

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#{self.anchor}"


class PassagePair(models.Model):
    """A (principle, era) pair one sentence of a passage supports: what the matrix and the
    principle and era pages count, instead of every principle of a passage times every era."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="pairs")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "principle and era of a sentence"
        verbose_name_plural = "principles and eras of sentences"
        constraints = [
            models.UniqueConstraint(fields=["section", "theme", "period"], name="passage_pair_unique"),
        ]
        indexes = [models.Index(fields=["theme", "period"], name="passage_pair_theme_period_idx")]

    def __str__(self) -> str:
        return f"{self.section_id}: {self.theme_id} × {self.period_id}"


class DeletedDocument(models.Model):
    """What remains of a document readers could see once it is deleted: enough for OAI-PMH
    harvesters to be told that the record is gone."""

    slug = models.SlugField(max_length=200, unique=True, help_text="The deleted document's address.")
    sets = models.JSONField(default=list, blank=True, help_text="The OAI-PMH sets it belonged to.")
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True, help_text="When it was deleted.")

    class Meta:
        verbose_name = "deleted document"
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return self.slug


class ImportRun(models.Model):
    """One import, by command or from the admin: its report per file, kept for the editors' dashboard.
    A dry run keeps the files it read, so that "Import these" needs no second upload."""

    origin = models.CharField(max_length=16, choices=ImportOrigin.choices, default=ImportOrigin.COMMAND)
    dry_run = models.BooleanField(default=False, help_text="Whether it only showed what would change.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    publish = models.BooleanField(default=False, help_text="Whether new documents were (or would be) published.")
    counts = models.JSONField(default=dict, blank=True, help_text='Files per outcome: {"created": 3, ...}.')
    report = models.JSONField(default=list, blank=True, help_text="One row per file, as import_documents prints.")
    files = models.JSONField(
        default=list, blank=True, editable=False,
        help_text='The files a dry run read ([{"name", "base64"}]), until they are imported or discarded.',
    )

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_origin_display()} import of {self.created_at:%Y-%m-%d %H:%M}"


class TagRedirect(models.Model):
    """The slug of a tag that was merged into another or renamed, and the tag it now means.

    The reader's tag page redirects an old slug to the surviving tag
    (``TagRedirect.objects.surviving_slug``), so links to a merged tag keep working.
    """

    old_slug = models.SlugField(
        max_length=100, unique=True, allow_unicode=True,
        help_text="The address of the tag that no longer exists under this slug.",
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, related_name="redirects",
        help_text="The tag that the old address now leads to.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the tag was merged or renamed.")

    objects = TagRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_slug"]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.tag_id}"

    def get_absolute_url(self) -> str:
        return reverse("documents:tag_detail", kwargs={"slug": self.old_slug})
