"""Cursor pagination for the API, on the orderings the reader pages already use.

DRF's ``CursorPagination`` keys its cursor on one field and cannot pass a NULL in it (undated
documents sort last by date). ``KeysetPagination`` keys it on every field of the queryset's
ordering (``documents.filters.ORDERINGS``, ``in_time_order()``...), NULLs placed as the
ordering places them, and reads the next page with a ``WHERE`` on those fields (no OFFSET: page
1,000 costs what page 1 costs). The cursor is signed (``django.core.signing``): a cursor that
was altered, or made for another ordering, is a 400, never a 500. Forward only: each page links
the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from django.core import signing
from django.db.models import F, OrderBy, Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from .parameters import BadParameters

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SALT = "policyarchive.api.cursor"


@dataclass(frozen=True)
class Key:
    """One field of an ordering: its lookup path, direction, and where its NULLs go."""

    path: str
    descending: bool
    nulls_last: bool

    @classmethod
    def of(cls, item, model) -> Key:
        if isinstance(item, str):
            path, descending, nulls_last = item.lstrip("-"), item.startswith("-"), None
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            path, descending, nulls_last = item.expression.name, item.descending, item.nulls_last
        else:
            raise ValueError(f"cannot page on the ordering {item!r}")
        if nulls_last is None:
            if _field(model, path).null:
                raise ValueError(f"{path} may be NULL: say where its NULLs go (nulls_last=...)")
            nulls_last = False
        return cls(path=path, descending=descending, nulls_last=nulls_last)

    def value(self, obj):
        value = attrgetter(self.path.replace("__", "."))(obj) if self.path != "pk" else obj.pk
        return value.isoformat() if hasattr(value, "isoformat") else value

    def equal(self, value) -> Q:
        return Q(**{f"{self.path}__isnull": True}) if value is None else Q(**{self.path: value})

    def after(self, value) -> Q | None:
        """Rows strictly after ``value`` on this key (None: no row can be)."""
        if value is None:
            return None if self.nulls_last else Q(**{f"{self.path}__isnull": False})
        beyond = Q(**{f"{self.path}__{'lt' if self.descending else 'gt'}": value})
        return beyond | Q(**{f"{self.path}__isnull": True}) if self.nulls_last else beyond


def _field(model, path: str):
    if path == "pk":
        return model._meta.pk
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def keys_of(queryset: QuerySet) -> list[Key]:
    return [Key.of(item, queryset.model) for item in queryset.query.order_by]


def after_position(keys: list[Key], values: list) -> Q:
    """Rows after the row whose ordering values are ``values``: equal on the first keys and
    after on the next one, for each key in turn."""
    condition = Q(pk__in=[])
    for i, key in enumerate(keys):
        beyond = key.after(values[i])
        if beyond is None:
            continue
        equal = Q()
        for previous, value in zip(keys[:i], values[:i]):
            equal &= previous.equal(value)
        condition |= equal & beyond
    return condition


class KeysetPagination(BasePagination):
    """``?cursor=`` (from a page's ``next``) and ``?page_size=`` (1 to ``MAX_PAGE_SIZE``)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        keys = keys_of(queryset)
        self.ordering = ",".join(f"{k.path}:{int(k.descending)}{int(k.nulls_last)}" for k in keys)
        self.page_size = self.requested_page_size(request)
        raw = request.query_params.get(self.cursor_query_param)
        if raw:
            queryset = queryset.filter(after_position(keys, self.decode(raw)))
        rows = list(queryset[: self.page_size + 1])
        page, more = rows[: self.page_size], len(rows) > self.page_size
        self.next_values = [key.value(page[-1]) for key in keys] if more else None
        return page

    def requested_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return DEFAULT_PAGE_SIZE
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= MAX_PAGE_SIZE):
            raise BadParameters({self.page_size_query_param: f"a whole number from 1 to {MAX_PAGE_SIZE}"})
        return int(raw)

    def decode(self, raw: str) -> list:
        try:
            payload = signing.loads(raw[:2000], salt=SALT)
        except signing.BadSignature:
            payload = None
        if not isinstance(payload, dict) or payload.get("o") != self.ordering:
            raise BadParameters({self.cursor_query_param: "not a cursor of this list: use a page's “next” link"})
        return payload["v"]

    def get_next_link(self) -> str | None:
        if self.next_values is None:
            return None
        url = self.request.build_absolute_uri()
        cursor = signing.dumps({"o": self.ordering, "v": self.next_values}, salt=SALT)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data, **extra):
        return Response({**extra, "next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True,
                         "description": "The next page (null on the last page)."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query", "schema": {"type": "string"},
             "description": "Where the page starts: the cursor in the previous page's “next” link."},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
             "description": f"Entries per page, 1 to {MAX_PAGE_SIZE}."},
        ]
