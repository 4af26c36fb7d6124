"""``/api/``: the read-only JSON API (``documents.api``), its schema, its docs page and the export."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import export, search, views

app_name = "api"

urlpatterns = [
    path("documents/", views.DocumentList.as_view(), name="document-list"),
    path("documents/<str:slug>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("passages/", views.PassageList.as_view(), name="passage-list"),
    path("eras/", views.EraList.as_view(), name="era-list"),
    path("eras/<str:slug>/", views.EraDetail.as_view(), name="era-detail"),
    path("principles/", views.PrincipleList.as_view(), name="principle-list"),
    path("principles/<str:slug>/", views.PrincipleDetail.as_view(), name="principle-detail"),
    path("tags/", views.TagList.as_view(), name="tag-list"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("export.json", export.ExportView.as_view(), name="export"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", export.DocsView.as_view(), name="docs"),
]
