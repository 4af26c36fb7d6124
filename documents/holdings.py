"""What the archive holds, in words a reader can trust: the home page's opening sentence is made
from the documents really published (their number, their types, their years), never promised."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import DocumentType
from .models import Document

# One name per type in the singular and the plural, for "3 reference articles, a white paper".
TYPE_NAMES = {
    DocumentType.SPEECH: ("speech", "speeches"),
    DocumentType.PRESS_CONFERENCE: ("press conference", "press conferences"),
    DocumentType.SPOKESPERSON_STATEMENT: ("spokesperson's statement", "spokesperson's statements"),
    DocumentType.STATEMENT: ("policy statement", "policy statements"),
    DocumentType.ARTICLE: ("reference article", "reference articles"),
    DocumentType.WHITE_PAPER: ("white paper", "white papers"),
    DocumentType.COMMUNIQUE: ("communiqué", "communiqués"),
    DocumentType.TREATY: ("treaty or agreement", "treaties or agreements"),
    DocumentType.INTERVIEW: ("interview", "interviews"),
    DocumentType.OTHER: ("other document", "other documents"),
}


@dataclass(frozen=True)
class Holdings:
    """The published documents counted by type (most first), with the years they were issued in."""

    by_type: tuple[tuple[str, int], ...]  # (documents.choices.DocumentType value, documents)
    first_year: int | None
    last_year: int | None

    @property
    def documents(self) -> int:
        return sum(n for _, n in self.by_type)

    def types_phrase(self) -> str:
        """ "3 reference articles, 1 white paper and 1 press conference" """
        parts = []
        for value, n in self.by_type:
            singular, plural = TYPE_NAMES.get(value, ("document", "documents"))
            parts.append(ngettext("%(n)d " + singular, "%(n)d " + plural, n) % {"n": n})
        return str(get_text_list(parts, _("and")))

    def sentence(self) -> str:
        """The home page's opening: what is there, with no promise of what is not."""
        if not self.documents:
            return _("No document has been published yet.")
        text = ngettext("Policy Archive holds %(n)d document on China's foreign policy",
                        "Policy Archive holds %(n)d documents on China's foreign policy",
                        self.documents) % {"n": self.documents}
        if len(self.by_type) > 1 or self.by_type[0][0] != DocumentType.OTHER:
            text += ": " + self.types_phrase()
        if self.first_year and self.first_year == self.last_year:
            text += _(", issued in %(year)d") % {"year": self.first_year}
        elif self.first_year:
            text += _(", issued from %(first)d to %(last)d") % {"first": self.first_year, "last": self.last_year}
        return text + "."


def holdings(documents=None) -> Holdings:
    """What ``documents`` (default: what readers may see) hold, in one query."""
    documents = Document.objects.published() if documents is None else documents
    rows = list(documents.order_by().values("doc_type").annotate(n=Count("pk"), first=Min("issued_on"),
                                                                 last=Max("issued_on")))
    rows.sort(key=lambda row: (-row["n"], row["doc_type"]))
    firsts = [row["first"].year for row in rows if row["first"]]
    lasts = [row["last"].year for row in rows if row["last"]]
    return Holdings(by_type=tuple((row["doc_type"], row["n"]) for row in rows),
                    first_year=min(firsts, default=None), last_year=max(lasts, default=None))
