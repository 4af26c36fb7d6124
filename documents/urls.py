from django.urls import path

from . import views
from .citations import views as citations

app_name = "documents"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("documents/<slug:slug>/source/", views.DocumentSourceView.as_view(), name="document_source"),
    path("documents/<slug:slug>/cite.<str:fmt>", citations.citation_download, name="document_cite"),
    path("documents/<slug:slug>/passages/<slug:anchor>/", citations.PassageDetailView.as_view(),
         name="passage_detail"),
    path("documents/<slug:slug>/passages/<slug:anchor>/cite.<str:fmt>", citations.citation_download,
         name="passage_cite"),
    path("eras/", views.PeriodListView.as_view(), name="period_list"),
    path("eras/<slug:slug>/", views.PeriodDetailView.as_view(), name="period_detail"),
    path("principles/", views.ThemeListView.as_view(), name="theme_list"),
    path("principles/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("tags/", views.TagListView.as_view(), name="tag_list"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
]

urlpatterns += [path("search/", views.SearchView.as_view(), name="search")]
