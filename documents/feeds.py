"""The Atom feed of newly published documents.

RFC 4287 wants an author on every entry or on the feed: the feed's author is the archive, and an
entry's is its issuer when the source states one (an inferred issuer is not printed as the
author). An entry's ``published`` is the document's own date (its issue date, else when the
archive published it); ``updated`` is its last change.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .choices import How
from .models import Document, Section
from .templatetags.archive import SITE_NAME

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = "Policy Archive: newly published documents"
    subtitle = "China's foreign-policy documents, newly added to the archive."
    author_name = SITE_NAME

    def link(self):
        return reverse("documents:home")

    def items(self):
        # 60 words fit in 2,000 characters: the feed never reads a whole long passage.
        first_passage = (Section.objects.filter(document=OuterRef("pk")).order_by("position")
                         .annotate(opening=Left("text", 2000)).values("opening")[:1])
        return (
            Document.objects.published()
            .only("title", "slug", "summary", "source", "issuer", "provenance", "published_at", "updated_at",
                  "issued_on", "date_precision")
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
        if item.issued_on and (item.provenance or {}).get("date", {}).get("how") != How.INFERRED:
            return datetime.datetime.combine(item.issued_on, datetime.time(), tzinfo=datetime.timezone.utc)
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        if item.issuer and (item.provenance or {}).get("issuer", {}).get("how") != How.INFERRED:
            return item.issuer
        return None  # the feed's author (the archive) stands for it

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
