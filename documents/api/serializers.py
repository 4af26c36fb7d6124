"""What the API says about each object: its reader-facing fields, its HTML page (an absolute
address) and its citation records. Read only.

Serializers read what the view prefetched (``with_card_data()``, ``with_reader_prefetch()``,
the taxonomy's counts) and never query per row; the query counts are pinned in
``tests/api/test_query_counts.py``. The names are the readers' (eras, principles, passages).
"""

from __future__ import annotations

from urllib.parse import urlencode

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from ..choices import DocumentType
from . import citations


def _absolute(context: dict, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def _api(context: dict, name: str, *, query: dict | None = None, **kwargs) -> str:
    url = reverse(f"api:{name}", kwargs=kwargs or None, request=context["request"])
    return f"{url}?{urlencode(query)}" if query else url


@extend_schema_field({"type": "string", "description": "A slug."})
class SlugRef(serializers.SlugRelatedField):
    """A related object named by its slug (read only)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", read_only=True, **kwargs)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.CharField(), required=False,
                                   help_text="Each refused parameter, with the reason.")


class TagRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class Links(serializers.Serializer):
    """Where to read an object: its page for readers and its citation records."""

    html = serializers.URLField(help_text="The page readers read.")
    citations = serializers.DictField(
        child=serializers.URLField(),
        help_text="Citation records by format (csl-json, ris, bibtex); empty where none is offered.")


class LinksMixin(serializers.Serializer):
    links = serializers.SerializerMethodField()

    @extend_schema_field(Links)
    def get_links(self, obj) -> dict:
        return {"html": _absolute(self.context, obj.get_absolute_url()),
                "citations": {form: _absolute(self.context, url) for form, url in citations.urls(obj).items()}}


class ClassifiedMixin(serializers.Serializer):
    principles = serializers.SerializerMethodField(help_text="The principles it states (slugs).")
    eras = serializers.SerializerMethodField(help_text="The eras it speaks about (slugs).")

    def get_principles(self, obj) -> list[str]:
        return [t.slug for t in obj.themes.all()]

    def get_eras(self, obj) -> list[str]:
        return [p.slug for p in obj.periods.all()]


class DocumentSerializer(ClassifiedMixin, LinksMixin):
    """A document as the list shows it."""

    slug = serializers.CharField()
    title = serializers.CharField()
    type = serializers.ChoiceField(source="doc_type", choices=DocumentType.choices)
    issuer = serializers.CharField(help_text="The body or person whose statement it is.")
    outlet = serializers.CharField(source="source", help_text="The site or paper that published it.")
    source_url = serializers.CharField(help_text="Where the original was published (http or https), or empty.")
    date = serializers.DateField(source="issued_on", allow_null=True, help_text="When it was issued.")
    date_precision = serializers.CharField(help_text="How much of the date is known: day, month, year or unknown.")
    posted_on = serializers.DateField(allow_null=True)
    languages = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()
    issued_in = SlugRef(allow_null=True,
                                             help_text="The era it was issued in.")
    tags = TagRefSerializer(many=True, source="tags.all")
    api_url = serializers.SerializerMethodField()
    passages_url = serializers.SerializerMethodField()

    def get_api_url(self, obj) -> str:
        return _api(self.context, "document-detail", slug=obj.slug)

    def get_passages_url(self, obj) -> str:
        return _api(self.context, "passage-list", query={"document": obj.slug})


class PassageInDocumentSerializer(ClassifiedMixin, LinksMixin):
    position = serializers.IntegerField()
    anchor = serializers.CharField()
    kind = serializers.CharField()
    speaker = serializers.CharField()
    text = serializers.CharField()


class PassageSerializer(PassageInDocumentSerializer):
    """A passage with the document it belongs to."""

    document = SlugRef()
    document_title = serializers.CharField(source="document.title")
    date = serializers.DateField(source="document.issued_on", allow_null=True)


class DocumentDetailSerializer(DocumentSerializer):
    """A document with its passages in reading order and how each of its values was obtained."""

    provenance = serializers.DictField(
        child=serializers.DictField(), help_text='{field: {"how": ..., "evidence": ...}}: how each value was obtained.')
    passages = PassageInDocumentSerializer(many=True, source="sections.all")


class EraSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField(allow_null=True, help_text="Null for the current era.")
    summary = serializers.CharField()
    documents = serializers.SerializerMethodField(help_text="Published documents issued in the era.")
    links = serializers.SerializerMethodField()
    documents_url = serializers.SerializerMethodField()

    def get_documents(self, obj) -> int:
        return self.context["counts"].get(obj.pk, 0)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_links(self, obj) -> dict:
        return {"html": _absolute(self.context, obj.get_absolute_url())}

    def get_documents_url(self, obj) -> str:
        return _api(self.context, "document-list", query={"era": obj.slug})


class PrincipleSerializer(EraSerializer):
    start_year = end_year = summary = None
    description = serializers.CharField()
    parent = SlugRef(allow_null=True)
    documents = serializers.SerializerMethodField(help_text="Published documents stating it or one of its members.")

    def get_documents(self, obj) -> int:
        return self.context["counts"].get((obj.pk,), 0)

    def get_documents_url(self, obj) -> str:
        return _api(self.context, "document-list", query={"principle": obj.slug})


class TagSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    documents = serializers.IntegerField(help_text="Published documents with the tag.")
    links = serializers.SerializerMethodField()
    documents_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_links(self, obj) -> dict:
        return {"html": _absolute(self.context, reverse("documents:tag_detail", kwargs={"slug": obj.slug}))}

    def get_documents_url(self, obj) -> str:
        return _api(self.context, "document-list", query={"tag": obj.slug})
