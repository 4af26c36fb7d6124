"""Reader-facing pages. Only published documents are ever shown (``Document.objects.published()``).

Every page reads the eras and the principle tree once (``TaxonomyTree``), loads what its template
shows in ``get_queryset()``/``get_context_data()`` with a fixed number of queries, and answers a
malformed page number with a 404 and any other malformed parameter with a corrected page (the
parameters are cleaned by one form, ``documents.forms.ArchiveFilterForm``).
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from .choices import MatrixBy, SectionKind, Sort
from .citations.page import page_citation
from .counts import ArchiveCounts, TaxonomyAndCounts
from .facets import tag_counts
from .filters import DocumentFilter
from .forms import ArchiveFilterForm
from .holdings import holdings
from .models import Document, Period, Section, TagRedirect, Theme

PASSAGES_PER_PAGE = 20
RELATED_DOCUMENTS = 5


class CountedPaginator(Paginator):
    """A paginator that can be told its count when the page already knows it."""

    def __init__(self, object_list, per_page, *, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.__dict__["count"] = count


class ReaderMixin(TaxonomyAndCounts):
    """Shared by reader pages: the taxonomy, read once, and strict pagination."""

    page_kwarg = "page"

    def entry_or_404(self, entries: dict[str, Period] | dict[str, Theme], *, missing: str) -> Period | Theme:
        """The era or principle of ``entries`` (one of the taxonomy's by-slug maps) that the
        address names, or a 404 saying ``missing``."""
        try:
            return entries[self.kwargs["slug"]]
        except KeyError:
            raise Http404(missing) from None

    def parameters(self, *names: str, undated: bool = False) -> ArchiveFilterForm:
        """The page's GET parameters ``names``, cleaned (see ``ArchiveFilterForm``)."""
        return ArchiveFilterForm(self.request.GET, taxonomy=self.taxonomy, only=names, undated=undated)

    def paginate(self, object_list, per_page: int, *, count: int | None = None):
        """The requested page; a page that is not a number or does not exist is a 404."""
        paginator = CountedPaginator(object_list, per_page, count=count)
        raw = self.request.GET.get(self.page_kwarg) or "1"
        try:
            number = paginator.num_pages if raw == "last" else int(raw)
        except ValueError:
            raise Http404("The page number is not a number.") from None
        try:
            return paginator.page(number)
        except InvalidPage:
            raise Http404("There is no such page.") from None

    def paginate_queryset(self, queryset, page_size):  # ListView's hook, same rules
        page = self.paginate(queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def eras_with_documents(self) -> list[tuple[Period, int, int]]:
        """The eras in time order, each with the number of published documents issued in it and
        of published passages (of any date) that speak about it."""
        counts = dict(Document.objects.published().filter(issued_in__isnull=False).values_list("issued_in")
                      .annotate(n=Count("pk")).order_by())
        about = self.counts.passages_about_each_era()
        return [(p, counts.get(p.pk, 0), about.get(p.pk, 0)) for p in self.taxonomy.periods]


class HomeView(ReaderMixin, TemplateView):
    template_name = "documents/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            periods=self.eras_with_documents(),
            holdings=self.counts.get("holdings", holdings),
            themes=self.taxonomy.themes,
            # Newly published first: the (status, published_at) index, read backwards.
            latest=Document.objects.published().with_card_data().order_by("-published_at", "-pk")[:6],
        )
        return context


class DocumentListView(ReaderMixin, ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    @cached_property
    def filters(self) -> DocumentFilter:
        return DocumentFilter(self.request.GET, taxonomy=self.taxonomy, counts=self.counts)

    def get_queryset(self):
        return self.filters.ordered().with_card_data()

    def paginate_queryset(self, queryset, page_size):
        page = self.paginate(queryset, page_size, count=self.filters.count())
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filters=self.filters, facets=self.filters.facets(),
                       hidden=self.filters.hidden_params(exclude=("sort", "from", "to", "year")),
                       year_from=self.filters.values.get("from", self.filters.values.get("year")),
                       year_to=self.filters.values.get("to", self.filters.values.get("year")),
                       sorts=Sort.choices)
        return context


class DocumentDetailView(ReaderMixin, DetailView):
    """A document, passage by passage. Staff who may view documents and ask for a preview
    (``?preview=1``, the admin's "View on site" of a draft) also see drafts and scheduled
    documents here, under a "Draft: not public" banner, never indexed nor stored by any cache;
    readers, and staff who did not ask, get a 404 for them, so an editor can check that a
    document is really not public."""

    template_name = "documents/document_detail.html"
    context_object_name = "document"
    preview = False  # the admin's preview URL sets it (``as_view(preview=True)``)

    @cached_property
    def previewing(self) -> bool:
        """Whether the request may see what readers may not (the djangoproject.com blog's way)."""
        user = self.request.user
        asked = self.preview or self.request.GET.get("preview") == "1"
        return asked and user.is_active and user.is_staff and (
            user.has_perm("documents.view_document") or user.has_perm("documents.change_document"))

    def get_queryset(self):
        documents = Document.objects.all() if self.previewing else Document.objects.published()
        return documents.with_reader_prefetch()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["draft"]:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @cached_property
    def counts(self) -> ArchiveCounts:
        return ArchiveCounts()  # the reader page needs no taxonomy: its related documents do not

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        sections = list(document.sections.all())
        anchor = self.request.GET.get("passage", "")
        selected = next((s for s in sections if s.anchor == anchor), None) if anchor else None
        published = Document.objects.published()
        neighbour_fields = ("title", "slug", "issued_on", "date_precision")
        context.update(
            draft=not document.is_published,
            public_url=document.get_absolute_url(),  # what "Copy link" copies, from a preview too
            blocks=_blocks(sections),
            passage=selected,
            unknown_passage=bool(anchor) and selected is None,
            citation=page_citation(self.request, document, selected, sections=sections, embed_document=True,
                                   principles=document.themes.all()),
            previous=published.before(document).only(*neighbour_fields).first(),
            next=published.after(document).only(*neighbour_fields).first(),
            related=self.counts.get("related", lambda: published.related_to(
                document, theme_ids=self.main_themes(document, sections), tag_ids=[t.pk for t in document.tags.all()],
                limit=RELATED_DOCUMENTS), document.pk),
        )
        return context

    @staticmethod
    def main_themes(document: Document, sections: list[Section], *, keep: int = 3) -> list[int]:
        """The principles the document states most (by passages), for finding related documents."""
        stated = Counter(theme.pk for section in sections for theme in section.themes.all())
        if not stated:
            return [t.pk for t in document.themes.all()][:keep]
        return [pk for pk, _ in stated.most_common(keep)]


def _blocks(sections: list[Section]) -> list[dict]:
    """Sections in order, consecutive list items gathered into one list."""
    blocks: list[dict] = []
    for section in sections:
        if section.kind == SectionKind.LIST_ITEM and blocks and blocks[-1]["kind"] == "list":
            blocks[-1]["items"].append(section)
        elif section.kind == SectionKind.LIST_ITEM:
            blocks.append({"kind": "list", "items": [section]})
        else:
            blocks.append({"kind": section.kind, "section": section})
    return blocks


class DocumentSourceView(ReaderMixin, DetailView):
    """The text exactly as imported, and the lines the cleaner took out."""

    template_name = "documents/document_source.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.published().only("title", "slug", "raw_text", "removed_text", "source_url",
                                                 "issued_on", "date_precision")

    def render_to_response(self, context, **response_kwargs):
        # The raw import repeats the document page: not for search engines (robots.txt cannot say
        # "/*/source/" in a way every parser reads alike, so the page says it).
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


class PeriodListView(ReaderMixin, TemplateView):
    template_name = "documents/period_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["periods"] = self.eras_with_documents()
        return context


class PeriodDetailView(ReaderMixin, DetailView):
    template_name = "documents/period_detail.html"
    context_object_name = "period"
    issued_shown = 10

    def get_object(self, queryset=None) -> Period:
        return self.entry_or_404(self.taxonomy.period_by_slug, missing="No such era.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.object
        issued = Document.objects.published().filter(issued_in=period)
        about = Section.objects.published().filter(periods=period)
        page = self.paginate(about.with_card_data().prefetch_related("themes").in_time_order(), PASSAGES_PER_PAGE,
                             count=self.counts.passages_about(period))
        previous_period, next_period = self.taxonomy.neighbours(period)
        context.update(
            previous_period=previous_period,
            next_period=next_period,
            issued_documents=issued.only("title", "slug", "issued_on", "date_precision", "doc_type")
            .in_time_order()[: self.issued_shown],
            issued_count=issued.count(),
            page_obj=page,
            passages=page.object_list,
        )
        return context


class ThemeListView(ReaderMixin, TemplateView):
    template_name = "documents/theme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.counts.documents_per_theme()
        context["themes"] = [(t, counts.get((t.pk,), 0)) for t in self.taxonomy.themes]
        return context


class ThemeDetailView(ReaderMixin, DetailView):
    """A principle and every passage that states it (its members' too), grouped by the era the
    passage was issued in, in time order. ``?issued=<era>`` (or ``none``) and ``?about=<era>``
    narrow the passages; an unknown era is ignored and said so."""

    template_name = "documents/theme_detail.html"
    context_object_name = "theme"

    def get_object(self, queryset=None) -> Theme:
        return self.entry_or_404(self.taxonomy.theme_by_slug, missing="No such principle.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        parameters = self.parameters("issued", "about", undated=True)
        issued, about = parameters.values.get("issued"), parameters.values.get("about")
        errors = [f"There is no era “{self.request.GET.get(name, '')[:100]}”; showing every era."
                  for name, _ in parameters.problems]
        theme_ids = self.taxonomy.with_descendants(theme)
        stating = Section.objects.published().stating(theme_ids)
        if about is not None:  # a sentence states it in that era, not merely the same passage
            stating = stating.pairing(theme_ids, about)
        per_era = self.counts.passages_per_era(stating, theme.pk, about.pk if about else "-")
        shown = stating
        if issued == "none":
            shown, count = stating.issued_in_era(None), per_era.get(None, 0)
        elif issued is not None:
            shown, count = stating.issued_in_era(issued), per_era.get(issued.pk, 0)
        else:
            count = sum(per_era.values())
        page = self.paginate(shown.with_card_data().in_time_order(), PASSAGES_PER_PAGE, count=count)
        # In time order, dated passages fall into runs by the era their document was issued in;
        # undated ones come last, together, whatever era their words suggest.
        groups: list[tuple[Period | None, list[Section]]] = []
        for passage in page.object_list:
            # The same era as the tabs count it by (``querysets.issued_era``).
            era = self.taxonomy.period_by_id.get(passage.document.issued_in_id) if passage.document.issued_on else None
            if not groups or groups[-1][0] != era:
                groups.append((era, []))
            groups[-1][1].append(passage)
        context.update(
            ancestors=self.taxonomy.ancestors(theme),
            children=theme.child_list,
            eras=[(p, per_era[p.pk]) for p in self.taxonomy.periods if per_era.get(p.pk)],
            undated_count=per_era.get(None, 0),
            total=sum(per_era.values()),
            issued=issued,
            about=about,
            errors=errors,
            page_obj=page,
            groups=groups,
        )
        return context


class TagListView(ReaderMixin, TemplateView):
    template_name = "documents/tag_list.html"
    shown = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tags"] = tag_counts(Document.objects.published(), limit=self.shown)
        return context


class TagDetailView(ReaderMixin, ListView):
    """Published documents with a tag; a tag that only drafts carry does not exist for readers."""

    template_name = "documents/tag_detail.html"
    context_object_name = "documents"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        slug = self.kwargs["slug"][:100]
        if "\x00" in slug:  # taggit's slugs may be any text; PostgreSQL refuses NUL in a query
            raise Http404("No such tag.")
        self.tag = Tag.objects.filter(slug=slug).first()
        if self.tag is None:
            surviving = TagRedirect.objects.surviving_slug(slug)  # a merged or renamed tag keeps its old links
            if surviving:
                return redirect("documents:tag_detail", slug=surviving, permanent=True)
            raise Http404("No such tag.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (Document.objects.published().filter(tags=self.tag).with_card_data()
                .order_by(F("issued_on").desc(nulls_last=True), "title", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["paginator"].count == 0:
            raise Http404("No published document has this tag.")
        context["tag"] = self.tag
        return context


class MatrixView(ReaderMixin, TemplateView):
    """Passages counted per principle and era: the eras they speak about (``?by=about``, the
    default: a text of 2013 narrating the 1950s counts there) or the era their document was
    issued in (``?by=issued``, with a column for documents of no era). Each cell links to its
    passages on the principle's page."""

    template_name = "documents/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by = self.parameters("by").values.get("by", MatrixBy.ABOUT)  # anything else: the default
        counts = self.counts.matrix(by)
        columns = [(p, p.slug, p.name) for p in self.taxonomy.periods]
        if by == "issued" and any(era is None for (_, era) in counts):
            columns.append((None, "none", "No era"))
        shown = {period.pk if period else None for period, _, _ in columns}
        highest = max((n for (_, era), n in counts.items() if era in shown), default=0)
        table = []
        for theme in self.taxonomy.themes:
            cells = []
            for period, slug, name in columns:
                n = counts.get((theme.pk, period.pk if period else None), 0)
                url = f"{theme.get_absolute_url()}?{by}={slug}" if n else ""
                cells.append({"name": name, "count": n, "shade": shade(n, highest), "url": url})
            table.append((theme, cells))
        context.update(by=by, modes=dict(MatrixBy.choices), columns=columns, table=table, highest=highest,
                       shades=range(6))
        return context


def shade(count: int, highest: int, *, steps: int = 5) -> int:
    """A shade from 0 (none) to ``steps`` for a count, on a logarithmic scale up to ``highest``."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(steps, math.ceil(steps * math.log1p(count) / math.log1p(highest))))


class RobotsView(TemplateView):
    """robots.txt without wildcards or a bare "?": RFC 9309 parsers and Python's
    ``urllib.robotparser`` (which drops an empty query and knows no "*") read it alike. The
    document list is kept out once filtered or paged, one prefix per parameter it takes."""

    template_name = "documents/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_parameters"] = sorted([*ArchiveFilterForm.base_fields, "page"])
        return context


# --- Search (documents/search/ finds, documents/search_page.py makes the page; this view shows it)

from . import search  # noqa: E402
from .search_page import PageNotFound, search_page  # noqa: E402


class SearchView(ReaderMixin, TemplateView):
    """Passages matching ``?q=``, ranked and grouped by document, with the document list's filters
    (``documents.filters``) narrowing the search and counted over the documents found. A fixed
    number of queries whatever the number of matches; see ``search_page.search_page``."""

    template_name = "documents/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            page = search_page(self.request.GET, taxonomy=self.taxonomy)
        except PageNotFound:
            raise Http404("There is no such page of results.") from None
        context.update(search=page, max_length=search.MAX_QUERY_LENGTH, cap=search.RESULT_CAP,
                       facet_cap=search.FACET_CAP)
        return context
