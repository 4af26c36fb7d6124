"""What the archive stores: eras, principles, documents and their passages."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.backends.ddl_references import Statement
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager


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
    cues = models.JSONField(
        default=list,
        blank=True,
        help_text='Phrases that name this era in a text ("after the end of the Cold War"); '
        'a phrase starting with "re:" is a regular expression.',
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the timeline.")

    class Meta:
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
    rules = models.JSONField(
        default=list,
        blank=True,
        help_text='Phrases that suggest this principle in a passage; a phrase starting with "re:" '
        "is a regular expression. The importer uses them; editors have the last word.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in lists of principles.")

    class Meta:
        ordering = ["order", "name"]

    def get_absolute_url(self) -> str:
        return reverse("documents:theme_detail", kwargs={"slug": self.slug})


class DocumentType(models.TextChoices):
    SPEECH = "speech", "Speech"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    STATEMENT = "statement", "Policy statement"
    ARTICLE = "article", "Reference article"
    WHITE_PAPER = "white_paper", "White paper"
    COMMUNIQUE = "communique", "Communiqué"
    INTERVIEW = "interview", "Interview"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class DocumentQuerySet(models.QuerySet):
    def published(self) -> DocumentQuerySet:
        """The one definition of what readers may see."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def in_period(self, period: Period) -> DocumentQuerySet:
        return self.filter(Q(issued_in=period) | Q(periods=period)).distinct()

    # Stored for editors and re-imports, never shown in a reader's list or reader page (nor the
    # issued-in era's import rules, loaded with it).
    HEAVY_FIELDS = ("raw_text", "removed_text", "imported_values")
    HEAVY_ERA_FIELDS = ("issued_in__cues", "issued_in__imported_values")

    # Reader filters. Each uses EXISTS rather than a join, so that no row is repeated and the
    # result can still be counted and grouped (facet counts) without DISTINCT.

    def issued_in_or_about(self, period: Period) -> DocumentQuerySet:
        """Issued in the era, or speaking about it (``in_period`` without DISTINCT)."""
        return self.filter(Q(issued_in=period) | self._about(period.pk))

    def about_period(self, period: Period) -> DocumentQuerySet:
        """Documents that speak about the era."""
        return self.filter(self._about(period.pk))

    def stating(self, theme_ids) -> DocumentQuerySet:
        """Documents stating any of these principles (pass a parent with its children)."""
        through = Document.themes.through
        return self.filter(models.Exists(through.objects.filter(document_id=models.OuterRef("pk"),
                                                                theme_id__in=list(theme_ids))))

    def in_language(self, code: str) -> DocumentQuerySet:
        """Documents whose ``languages`` list holds ``code`` (PostgreSQL and SQLite)."""
        return self.filter(JSONListHas(models.F("languages"), models.Value(code)))

    def issued_between(self, first_year: int | None, last_year: int | None) -> DocumentQuerySet:
        """Issued from the start of ``first_year`` to the end of ``last_year`` (either may be open)."""
        qs = self
        if first_year is not None:
            qs = qs.filter(issued_on__gte=datetime.date(first_year, 1, 1))
        if last_year is not None:
            qs = qs.filter(issued_on__lte=datetime.date(last_year, 12, 31))
        return qs

    def in_time_order(self) -> DocumentQuerySet:
        """Oldest first; undated documents last."""
        return self.order_by(models.F("issued_on").asc(nulls_last=True), "title", "pk")

    def with_card_data(self) -> DocumentQuerySet:
        """What a document card in a list shows, in two queries for any number of cards."""
        return (self.select_related("issued_in").defer(*self.HEAVY_FIELDS, *self.HEAVY_ERA_FIELDS)
                .prefetch_related("tags"))

    def with_reader_prefetch(self) -> DocumentQuerySet:
        """Everything the reader page shows, in a fixed number of queries."""
        return self.select_related("issued_in").defer(*self.HEAVY_FIELDS, *self.HEAVY_ERA_FIELDS).prefetch_related(
            "tags",
            "themes",
            "periods",
            models.Prefetch(
                "sections",
                queryset=Section.objects.only("document_id", "position", "kind", "speaker", "text", "anchor")
                .order_by("position")
                .prefetch_related("themes", "periods"),
            ),
        )

    def before(self, document: Document) -> DocumentQuerySet:
        """Dated documents issued before this one, nearest first."""
        if document.issued_on is None:
            return self.none()
        # A range (an index condition) minus the same-day documents that come after this one.
        return self.filter(issued_on__lte=document.issued_on).exclude(
            issued_on=document.issued_on, pk__gte=document.pk
        ).order_by("-issued_on", "-pk")

    def after(self, document: Document) -> DocumentQuerySet:
        """Dated documents issued after this one, nearest first."""
        if document.issued_on is None:
            return self.none()
        return self.filter(issued_on__gte=document.issued_on).exclude(
            issued_on=document.issued_on, pk__lte=document.pk
        ).order_by("issued_on", "pk")

    def related_to(self, document: Document, *, theme_ids, tag_ids, limit: int = 5) -> list[Document]:
        """Documents of this queryset sharing the most of ``theme_ids`` and ``tag_ids`` with
        ``document`` (a shared tag weighs double: tags are more specific), the latest added first among equals.

        One query: the links are counted per document in a single aggregate over the two link
        tables (UNION ALL), ranked, and only the first ``limit`` are joined to their documents,
        instead of one correlated count per candidate document. The fields are those a "related"
        list shows.
        """
        from taggit.models import TaggedItem

        theme_ids, tag_ids = list(theme_ids), list(tag_ids)
        if not theme_ids and not tag_ids:
            return []
        links, params = [], []
        if theme_ids:
            links.append(f"SELECT document_id AS doc_id, 1 AS weight FROM {Document.themes.through._meta.db_table} "
                         f"WHERE theme_id IN ({', '.join(['%s'] * len(theme_ids))})")
            params += theme_ids
        if tag_ids:
            links.append(f"SELECT t.object_id AS doc_id, 2 AS weight FROM {TaggedItem._meta.db_table} t "
                         "JOIN django_content_type ct ON ct.id = t.content_type_id "
                         "WHERE ct.app_label = %s AND ct.model = %s "
                         f"AND t.tag_id IN ({', '.join(['%s'] * len(tag_ids))})")
            params += [Document._meta.app_label, Document._meta.model_name, *tag_ids]
        candidates, candidate_params = self.order_by().values("pk").query.sql_with_params()
        sql = (
            "SELECT d.id, d.title, d.slug, d.issued_on, d.date_precision, d.doc_type, ranked.score "
            f"FROM (SELECT doc_id, SUM(weight) AS score FROM ({' UNION ALL '.join(links)}) AS links "
            f"WHERE doc_id <> %s AND doc_id IN ({candidates}) "
            "GROUP BY doc_id ORDER BY SUM(weight) DESC, doc_id DESC LIMIT %s) AS ranked "
            f"JOIN {Document._meta.db_table} d ON d.id = ranked.doc_id "
            "ORDER BY ranked.score DESC, d.id DESC"
        )
        return list(Document.objects.raw(sql, [*params, document.pk, *candidate_params, limit]))

    @staticmethod
    def _about(period_id: int) -> models.Exists:
        through = Document.periods.through
        return models.Exists(through.objects.filter(document_id=models.OuterRef("pk"), period_id=period_id))


class JSONListHas(models.Func):
    """True when a JSON list column holds the given string: ``["en", "zh"]`` has ``"zh"``.

    Django's ``contains`` lookup on a JSONField is not available on SQLite, hence this.
    """

    output_field = models.BooleanField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        raise NotImplementedError(f"JSONListHas is not implemented for {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        value, value_params = compiler.compile(self.source_expressions[1])
        return f"({column} @> jsonb_build_array(({value})::text))", (*params, *value_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        value, value_params = compiler.compile(self.source_expressions[1])
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = {value})", (*params, *value_params)


class Document(models.Model):
    """One archived text: a speech, a press conference, a white paper…"""

    # Fields the importer fills; an editor's change to any of them wins over a re-import.
    IMPORTED_FIELDS = (
        "title",
        "doc_type",
        "source",
        "source_url",
        "issued_on",
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
    source = models.CharField(max_length=300, blank=True, help_text="Publisher or outlet.")
    source_url = models.URLField(max_length=1000, blank=True, help_text="Where the original was published.")
    issued_on = models.DateField(
        null=True, blank=True, help_text="When it was issued. With a month or year precision, the first day."
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
    tags = TaggableManager(blank=True, help_text="Free keywords, separated by commas.")
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
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


class SectionKind(models.TextChoices):
    HEADING = "heading", "Heading"
    PARAGRAPH = "paragraph", "Paragraph"
    LIST_ITEM = "list_item", "List item"
    QUESTION = "question", "Question"
    ANSWER = "answer", "Answer"
    QUOTATION = "quotation", "Quotation"


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

    class Meta:
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


class TagRedirect(models.Model):
    """The slug of a tag that was merged into another or renamed, and the tag it now means.

    The reader's tag page redirects an old slug to the surviving tag
    (``documents.editing.surviving_tag_slug``), so links to a merged tag keep working.
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

    class Meta:
        ordering = ["old_slug"]

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.tag_id}"

    def get_absolute_url(self) -> str:
        return reverse("documents:tag_detail", kwargs={"slug": self.old_slug})
