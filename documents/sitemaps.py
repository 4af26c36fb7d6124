"""sitemap.xml: what readers can see, and nothing else."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Document, Period, Theme


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every document to find the latest; one aggregate does.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PeriodSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Period.objects.only("slug")


class ThemeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Theme.objects.only("slug")


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["documents:home", "documents:document_list", "documents:period_list",
                "documents:theme_list", "documents:tag_list", "documents:matrix"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "documents": DocumentSitemap, "eras": PeriodSitemap,
            "principles": ThemeSitemap}
