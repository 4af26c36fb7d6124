"""Root URLs: the admin for editors, the archive for readers, and what crawlers and feed readers fetch."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from documents.feeds import LatestDocumentsFeed
from documents.health import healthz
from documents.oai import oai_pmh
from documents.sitemaps import SITEMAPS
from documents.views import RobotsView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("feed/", LatestDocumentsFeed(), name="feed"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("oai/", oai_pmh, name="oai"),
    path("api/", include("documents.api.urls")),
    path("", include("documents.urls")),
]

handler500 = "documents.health.server_error"  # a database outage is a 503, wherever it is met
