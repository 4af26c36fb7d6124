"""The Atom feed of newly published documents."""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .models import Document, Section

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = "Policy Archive: newly published documents"
    subtitle = "China's foreign-policy documents, newly added to the archive."

    def link(self):
        return reverse("documents:home")

    def items(self):
        # 60 words fit in 2,000 characters: the feed never reads a whole long passage.
        first_passage = (Section.objects.filter(document=OuterRef("pk")).order_by("position")
                         .annotate(opening=Left("text", 2000)).values("opening")[:1])
        return (
            Document.objects.published()
            .only("title", "slug", "summary", "source", "published_at", "updated_at", "issued_on", "date_precision")
            .annotate(first_passage=Subquery(first_passage))
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the feed generator escapes it.
        return item.summary or Truncator(item.first_passage or "").words(60)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.source or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
