"""The API's resources: documents, passages, eras, principles and tags. Read only.

Each reads what readers may see and nothing else (``Document.objects.published()``,
``Section.objects.published()``), with the reader pages' own parameters
(``documents.filters.DocumentFilter``, ``documents.forms.ArchiveFilterForm``), refused with a
400 where a page would ignore them (``parameters``). Lists are cursor-paginated
(``pagination.KeysetPagination``); each runs a fixed number of queries whatever the page size
(``tests/api/test_query_counts.py``).

Validators (``ETag`` from the archive version, ``Last-Modified``) and the 304 answer come from
``documents.page_cache``, the statement timeout from ``documents.health``: the ``api``
namespace is a reader namespace for both.
"""

from __future__ import annotations


from django.db.models import Count, Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from taggit.models import Tag

from ..choices import DocumentType, Sort
from ..counts import TaxonomyAndCounts
from ..filters import DocumentFilter
from ..forms import ArchiveFilterForm
from ..models import Document, Period, Section, Theme
from . import serializers
from .pagination import KeysetPagination
from .parameters import is_slug, refuse, slug_or_404


ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, description="A parameter is malformed or names nothing."),
    404: OpenApiResponse(serializers.ErrorSerializer, description="No such object (or not one readers may see)."),
    429: OpenApiResponse(serializers.ErrorSerializer, description="Too many requests from this address: see Retry-After."),
}


def _text(name: str, description: str, **kwargs) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=description, **kwargs)


def _year(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "integer", "minimum": 1, "maximum": 9999}, OpenApiParameter.QUERY,
                            description=description)


# The document list's filters (documents.filters.DocumentFilter.PARAMS), as the schema states them.
DOCUMENT_FILTERS = [
    _text("era", "An era's slug: documents issued in it or speaking about it."),
    _text("issued", "An era's slug: documents issued in it."),
    _text("about", "An era's slug: documents speaking about it."),
    _text("principle", "A principle's slug (a parent includes its members)."),
    _text("tag", "A tag's slug."),
    _text("type", "A document type.", enum=DocumentType.values),
    _text("source", "An outlet, exactly as given in ``outlet``."),
    _text("language", "A language code (en, zh, zh-hant...)."),
    _year("year", "Issued in this year."),
    _year("from", "Issued in this year or later."),
    _year("to", "Issued in this year or earlier."),
    _text("sort", "The order: newest first (date, the default), oldest first, or by title.", enum=Sort.values),
]


class ApiView(TaxonomyAndCounts, GenericAPIView):
    """Shared by the resources: the taxonomy read once, the archive-wide counts, the cursor."""

    pagination_class = KeysetPagination

    @staticmethod
    def entry(entries: dict, slug: str, *, what: str):
        """The era or principle of ``entries`` (a taxonomy by-slug map) that ``slug`` names, or a 404."""
        found = entries.get(slug_or_404(slug, what=what))
        if found is None:
            raise NotFound(f"No such {what}.")
        return found

    def page(self, queryset, *, context: dict | None = None, **extra) -> Response:
        rows = self.paginate_queryset(queryset)
        data = self.get_serializer_class()(rows, many=True, context={**self.get_serializer_context(),
                                                                     **(context or {})}).data
        return self.paginator.get_paginated_response(data, **extra)


class CountedPagination(KeysetPagination):
    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"] = {"type": "integer", "description": "Documents matching the filters."}
        response["required"].append("count")
        return response


@extend_schema_view(get=extend_schema(operation_id="documents_list", parameters=DOCUMENT_FILTERS, responses={200: serializers.DocumentSerializer(many=True),
                                                                             **ERRORS}))
class DocumentList(ApiView):
    """Published documents, with the document list's filters and orders."""

    serializer_class = serializers.DocumentSerializer
    pagination_class = CountedPagination

    def get(self, request):
        filters = DocumentFilter(request.query_params, taxonomy=self.taxonomy, counts=self.counts, keep=())
        refuse(filters.errors)
        documents = filters.ordered().with_card_data().prefetch_related("themes", "periods")
        return self.page(documents, count=filters.count())


@extend_schema_view(get=extend_schema(responses={200: serializers.DocumentDetailSerializer, **ERRORS}))
class DocumentDetail(ApiView):
    """A published document with its passages."""

    serializer_class = serializers.DocumentDetailSerializer

    def get(self, request, slug: str):
        slug = slug_or_404(slug, what="document")
        document = Document.objects.published().with_reader_prefetch().filter(slug=slug).first()
        if document is None:
            raise NotFound("No such document.")
        return Response(self.get_serializer(document).data)


@extend_schema_view(get=extend_schema(operation_id="passages_list", parameters=[
    _text("document", "A document's slug: its passages, in reading order."),
    _text("principle", "A principle's slug: passages stating it (a parent includes its members)."),
    _text("era", "An era's slug: passages speaking about it or of a document issued in it."),
    _text("about", "An era's slug: passages speaking about it."),
    _text("issued", "An era's slug, or none: passages of documents issued in it (none: of no era)."),
], responses={200: serializers.PassageSerializer(many=True), **ERRORS}))
class PassageList(ApiView):
    """Published passages, oldest document first, in reading order within each."""

    serializer_class = serializers.PassageSerializer

    def get(self, request):
        form = ArchiveFilterForm(request.query_params, taxonomy=self.taxonomy,
                                 only=("era", "issued", "about", "principle"), undated=True)
        refuse(form.problems)
        passages = Section.objects.published()
        slug = request.query_params.get("document")
        if slug:
            if not is_slug(slug):
                refuse([("document", "not a document's slug")])
            passages = passages.filter(document__slug=slug)
        values = form.values
        if "principle" in values:
            passages = passages.stating(self.taxonomy.with_descendants(values["principle"]))
        if "era" in values:
            passages = passages.filter(Q(document__issued_in=values["era"]) | _speaks_about(values["era"]))
        if "about" in values:
            passages = passages.filter(_speaks_about(values["about"]))
        if values.get("issued") == "none":
            passages = passages.filter(document__issued_in__isnull=True)
        elif "issued" in values:
            passages = passages.filter(document__issued_in=values["issued"])
        return self.page(passages.with_card_data().prefetch_related("themes").in_time_order())


def _speaks_about(era: Period) -> Exists:
    return Exists(Section.periods.through.objects.filter(section_id=OuterRef("pk"), period_id=era.pk))


@extend_schema_view(get=extend_schema(operation_id="eras_list", responses={200: serializers.EraSerializer(many=True), **ERRORS}))
class EraList(ApiView):
    """The eras, in time order, with the published documents issued in each."""

    serializer_class = serializers.EraSerializer

    def get(self, request):
        return self.page(Period.objects.order_by("order", "start_year", "pk"), context={"counts": self.issued_counts()})

    @staticmethod
    def issued_counts(*eras: Period) -> dict[int, int]:
        documents = Document.objects.published().filter(issued_in__isnull=False)
        if eras:
            documents = documents.filter(issued_in__in=eras)
        return dict(documents.values_list("issued_in").annotate(n=Count("pk")).order_by())


@extend_schema_view(get=extend_schema(responses={200: serializers.EraSerializer, **ERRORS}))
class EraDetail(ApiView):
    serializer_class = serializers.EraSerializer

    def get(self, request, slug: str):
        era = self.entry(self.taxonomy.period_by_slug, slug, what="era")
        return Response(self.get_serializer(era, context={**self.get_serializer_context(),
                                                          "counts": EraList.issued_counts(era)}).data)


@extend_schema_view(get=extend_schema(operation_id="principles_list", responses={200: serializers.PrincipleSerializer(many=True), **ERRORS}))
class PrincipleList(ApiView):
    """The principles (a member names its parent), with the published documents stating each."""

    serializer_class = serializers.PrincipleSerializer

    def get(self, request):
        principles = Theme.objects.select_related("parent").order_by("order", "name", "pk")
        return self.page(principles, context={"counts": self.counts.documents_per_theme()})


@extend_schema_view(get=extend_schema(responses={200: serializers.PrincipleSerializer, **ERRORS}))
class PrincipleDetail(ApiView):
    serializer_class = serializers.PrincipleSerializer

    def get(self, request, slug: str):
        principle = self.entry(self.taxonomy.theme_by_slug, slug, what="principle")
        context = {**self.get_serializer_context(), "counts": self.counts.documents_per_theme()}
        return Response(self.get_serializer(principle, context=context).data)


@extend_schema_view(get=extend_schema(operation_id="tags_list", responses={200: serializers.TagSerializer(many=True), **ERRORS}))
class TagList(ApiView):
    """The tags of published documents, by name, with how many documents carry each."""

    serializer_class = serializers.TagSerializer

    def get(self, request):
        tags = (Tag.objects.filter(document_tags__content_object__in=Document.objects.published().values("pk"))
                .annotate(documents=Count("document_tags")).order_by("name", "pk"))
        return self.page(tags)
