"""The reader's taxonomy tree: the eras in order and the principle tree, read once per request.

    tree = TaxonomyTree.load()                       # two queries
    tree.periods, tree.period_by_slug["bandung"]     # eras in their order
    tree.themes                                      # principles in tree order, each with ``depth``
    tree.with_descendants(theme)                     # a principle's id and its members' ids
    count_per_theme(rows, count="document_id", taxonomy=tree)   # a parent counts its members' rows

The importer has its own, different view of the taxonomy
(``documents.importing.types.TaxonomyRules``: the match rules it compiles); this one is what reader pages show and filter on.
"""

from __future__ import annotations

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When

from .models import Period, Theme


class TaxonomyTree:
    """The eras and the principle tree, read once per request (two queries).

    Themes come out in tree order (each parent followed by its children), each with
    ``depth`` and ``child_list`` set and ``parent`` cached, so templates never query. A parent
    that would make a cycle is ignored: the theme is shown as a root.
    """

    def __init__(self, periods: list[Period], themes: list[Theme]):
        self.periods = periods
        self.period_by_slug = {p.slug: p for p in periods}
        self.period_by_id = {p.pk: p for p in periods}
        by_id = {t.pk: t for t in themes}
        for theme in themes:
            theme.child_list = []
        roots = []
        for theme in themes:  # already in Meta ordering
            parent = by_id.get(theme.parent_id)
            if parent is None or self._has_cycle(theme, by_id):
                roots.append(theme)
            else:
                theme.parent = parent
                parent.child_list.append(theme)
        self.themes: list[Theme] = []
        seen: set[int] = set()

        def walk(theme: Theme, depth: int) -> None:
            if theme.pk in seen:
                return
            seen.add(theme.pk)
            theme.depth = depth
            self.themes.append(theme)
            for child in theme.child_list:
                walk(child, depth + 1)

        for root in roots:
            walk(root, 0)
        self.theme_by_slug = {t.slug: t for t in self.themes}
        self.theme_by_id = {t.pk: t for t in self.themes}

    @staticmethod
    def _has_cycle(theme: Theme, by_id: dict[int, Theme]) -> bool:
        seen, current = set(), theme
        while current is not None and current.parent_id is not None:
            if current.pk in seen:
                return True
            seen.add(current.pk)
            current = by_id.get(current.parent_id)
        return False

    @classmethod
    def load(cls) -> TaxonomyTree:
        """Every era and principle, from the database (two queries)."""
        return cls(list(Period.objects.all()), list(Theme.objects.all()))

    def ancestors(self, theme: Theme) -> list[Theme]:
        """From the root down to the theme's parent."""
        chain, current, seen = [], self.theme_by_id.get(theme.parent_id), set()
        while current is not None and current.pk not in seen and current.pk != theme.pk:
            seen.add(current.pk)
            chain.append(current)
            current = self.theme_by_id.get(current.parent_id) if current.parent_id else None
        return list(reversed(chain))

    def with_descendants(self, theme: Theme) -> list[int]:
        """The theme's id and those of all principles under it."""
        ids, stack = [], [theme]
        while stack:
            current = stack.pop()
            if current.pk in ids:
                continue
            ids.append(current.pk)
            stack.extend(getattr(current, "child_list", []))
        return ids

    def neighbours(self, period: Period) -> tuple[Period | None, Period | None]:
        """The eras before and after ``period`` (None at either end)."""
        index = next(i for i, p in enumerate(self.periods) if p.pk == period.pk)
        previous = self.periods[index - 1] if index > 0 else None
        following = self.periods[index + 1] if index + 1 < len(self.periods) else None
        return previous, following


def count_per_theme(rows: QuerySet, *, count: str, group: tuple[str, ...] = (),
                    taxonomy: TaxonomyTree) -> dict[tuple, int]:
    """Distinct ``count`` per principle, a parent counting its members' rows too.

    ``rows`` is a queryset of a through table with a ``theme_id`` column. The result maps
    ``(theme_id, *group values)`` to a count. Aggregate queries only, never one per principle:
    one for the principles without members (a plain GROUP BY: a row is one link, so no DISTINCT
    is needed), and one per depth of the principles that have members (the Five Principles: one),
    over the rows of their own subtrees only.
    """
    result: dict[tuple, int] = {}
    leaves = [t.pk for t in taxonomy.themes if not t.child_list]
    if leaves:
        qs = rows.filter(theme_id__in=leaves).annotate(row=F("theme_id"))
        for item in qs.values("row", *group).annotate(n=Count(count)).order_by():
            result[(item["row"], *(item[g] for g in group))] = item["n"]
    parents = [t for t in taxonomy.themes if t.child_list]
    for depth in sorted({t.depth for t in parents}):
        # Each member maps to its one ancestor at this depth, so one CASE covers every parent here.
        members = {t.pk: taxonomy.with_descendants(t) for t in parents if t.depth == depth}
        qs = rows.filter(theme_id__in=[i for ids in members.values() for i in ids]).annotate(row=Case(
            *[When(theme_id__in=ids, then=Value(parent)) for parent, ids in members.items()],
            output_field=IntegerField(),
        ))
        for item in qs.values("row", *group).annotate(n=Count(count, distinct=True)).order_by():
            result[(item["row"], *(item[g] for g in group))] = item["n"]
    return result
