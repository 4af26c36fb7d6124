"""``/api/search/``: the search page's search (``documents.search_page.search_page``), as data.

The same query parsing (``documents.search.parse_query``), the same limits (``RESULT_CAP``,
``FACET_CAP``, ``MAX_QUERY_LENGTH``: a longer query is cut and a note says so), the same
filters and the same ``in=<document>``. Pages are numbered, as the engine ranks them (page
``n`` is the ``n``-th page of ``PAGE_SIZE`` results, up to the cap); each answer links the next.
A query that cannot be searched (only stop words) answers 200 with its ``problem`` and no result.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from .. import search
from ..search_page import PageNotFound, search_page
from .parameters import BadParameters, refuse
from .serializers import LinksMixin
from .views import DOCUMENT_FILTERS, ERRORS, ApiView

MAX_PAGE_DIGITS = 5


class FoundDocumentSerializer(LinksMixin):
    slug = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField(source="issued_on", allow_null=True)


class FoundPassageSerializer(LinksMixin):
    position = serializers.IntegerField()
    anchor = serializers.CharField()
    kind = serializers.CharField()
    speaker = serializers.CharField()


class HitSerializer(serializers.Serializer):
    document = FoundDocumentSerializer()
    passage = FoundPassageSerializer(source="section")
    excerpt_html = serializers.CharField(source="excerpt", help_text="Words around the match, escaped, "
                                         "the matches in <mark>.")
    rank = serializers.FloatField()
    in_document = serializers.IntegerField(help_text="Passages of this document that match.")


class SearchSerializer(serializers.Serializer):
    query = serializers.CharField(source="query.text", help_text="The query as understood (cleaned, cut).")
    notes = serializers.ListField(child=serializers.CharField(), source="query.notes",
                                  help_text="What was changed in the query.")
    problem = serializers.CharField(source="query.problem", help_text="Why nothing could be searched, or empty.")
    total = serializers.IntegerField(help_text=f"Matching passages, counted up to {search.RESULT_CAP} + 1.")
    capped = serializers.BooleanField(help_text=f"More than {search.RESULT_CAP} passages match.")
    documents_total = serializers.IntegerField(help_text="Documents with a matching passage.")
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.SerializerMethodField(help_text="The next page of results (null on the last).")
    results = HitSerializer(many=True, source="hits")

    def get_next(self, results) -> str | None:
        if not (results.total and results.has_next):
            return None
        return replace_query_param(self.context["request"].build_absolute_uri(), "page", results.page + 1)


@extend_schema(parameters=[
    OpenApiParameter("q", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True,
                     description=f"The query, as on the search page (at most {search.MAX_QUERY_LENGTH} characters "
                                 "are used): words, \"a phrase\", either OR other, -excluded."),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 10 ** MAX_PAGE_DIGITS - 1},
                     OpenApiParameter.QUERY, description="The page of results, from 1."),
    OpenApiParameter("in", OpenApiTypes.STR, OpenApiParameter.QUERY,
                     description="A document's slug: every matching passage of that document."),
    *DOCUMENT_FILTERS,
], responses={200: SearchSerializer, **ERRORS})
class SearchView(ApiView):
    """Passages matching a query, best first, with the document list's filters."""

    serializer_class = SearchSerializer
    pagination_class = None

    def get(self, request):
        params = request.query_params
        if "q" not in params:
            raise BadParameters({"q": "required: the words to search for"})
        raw_page = params.get("page") or "1"
        if not (raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= MAX_PAGE_DIGITS and int(raw_page)):
            raise BadParameters({"page": "a page number, from 1"})
        try:
            page = search_page(params, taxonomy=self.taxonomy)
        except PageNotFound:
            raise NotFound("There is no such page of results.") from None
        refuse(page.filters.errors)
        return Response(self.get_serializer(page.results).data)
