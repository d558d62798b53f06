"""The statements one filtered browse or search selects, read once as narrow columns (`Tally`), and
the sort orders (SORTS), each declared once for both SQL and the tally.

One query gives, per statement, the columns the facets group on and the list sorts on (for a
search, a second gives each one's best score and number of matching paragraphs from the hit
table); one small query per related table (meetings, delegations) gives the values the facets and
sorts read through them. From these, in Python: the number of statements and of matching
paragraphs, the ids of any page in any sort, and the counts of every facet that no chosen value of
its own narrows. That is one pass over the matching statements instead of a COUNT, a sorted query
and a grouped COUNT per facet, each of which would read them all again (at 50,000 statements a
common word matches ~39,000 of them).
"""
import functools
import json
from collections import Counter, defaultdict

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection

from .filters import FACETS
from .models import Statement, sql_for_ids

# Each sort once, as (Statement column, descending) from the first key to the last: the SQL order
# (sql_order) and the tally's Python sort (Tally.order) both read it. "score" is a search's best
# bm25 / ts_rank score per statement (lower is better on both databases, as search.py stores it).
SORTS = {
    "relevance": [("score", False), ("year", True), ("pk", False)],
    "newest": [("year", True), ("meeting__date_start", True), ("meeting_id", False), ("position", False), ("pk", False)],
    "oldest": [("year", False), ("meeting__date_start", False), ("meeting_id", False), ("position", False), ("pk", False)],
}


def sql_order(sort):
    """The order_by() arguments of `sort`."""
    return [f"-{column}" if descending else column for column, descending in SORTS[sort]]


def read_columns(queryset, fields):
    """The `fields` of every row of `queryset` as lists, one per field, all in the same row order.
    For integer and text columns only: on SQLite the values come through JSON, past Django's
    converters (a date would stay a string, a float keep 15 digits).

    Read as one row of aggregates (json_group_array on SQLite, array_agg on PostgreSQL): for 10,000
    to 40,000 rows a third faster on SQLite than a Python tuple per row (whose allocation also made
    the cycle collector run again and again during the read), 4 % faster on PostgreSQL."""
    try:
        sql, params = queryset.order_by().values_list(*fields).query.sql_with_params()
    except EmptyResultSet:  # .none(): invalid filters or a search without words
        return [[] for _ in fields]
    names = [f"c{i}" for i in range(len(fields))]
    sqlite = connection.vendor == "sqlite"
    aggregate = "json_group_array" if sqlite else "array_agg"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH t ({', '.join(names)}) AS ({sql}) SELECT {', '.join(f'{aggregate}({n})' for n in names)} FROM t",
            params,
        )
        row = cursor.fetchone()
    # No rows: SQLite gives '[]', PostgreSQL NULL.
    return [json.loads(value) if sqlite else (value or []) for value in row]


def _item_links(meeting_ids):
    """(statement, agenda item, its number, title, place on the agenda) of every statement on an item
    of these meetings: for Tally.item_rows, written once per number of meetings (sql_for_ids)."""
    links = Statement.agenda_items.through.objects.filter(agendaitem__meeting__in=meeting_ids).order_by()
    return links.values_list("statement_id", "agendaitem_id", "agendaitem__number", "agendaitem__title",
                             "agendaitem__position")


def _paths():
    """The Statement columns read per statement, and per foreign key the related fields read once per
    related row: everything the facets group on and the sorts order by."""
    own, related = ["pk"], defaultdict(list)
    paths = [column for facet in FACETS if facet.name != "item" for column in facet.columns]
    paths += [column for keys in SORTS.values() for column, _descending in keys if column != "score"]
    for path in paths:
        key, _, rest = path.partition("__")
        if rest:
            own.append(f"{key}_id")
            related[key].append(rest)
        else:
            own.append(path)
    return list(dict.fromkeys(own)), {key: list(dict.fromkeys(fields)) for key, fields in related.items()}


FIELDS, RELATED = _paths()


@functools.lru_cache(maxsize=None)
def _related_rows(model, fields):
    """The query of `fields` of `model`'s rows with the given ids, made once per model and fields, for
    sql_for_ids. Its values are read as the database gives them, past Django's converters, like
    read_columns' (a meeting's date_start is text on SQLite: the sorts compare it with its kind).
    Without ordering: the rows go into a dictionary."""

    def build(ids):
        return model.objects.filter(pk__in=ids).order_by().values_list("pk", *fields)

    return build


class Tally:
    """The statements a selection holds, as columns (lists of plain values, one per FIELDS entry) and
    the related rows they point to; see the module's docstring."""

    def __init__(self, statements, hits=None):
        self.searched = hits is not None
        self._counters = {}
        self.columns = dict(zip(FIELDS, read_columns(statements, FIELDS)))
        if self.searched:
            # A common word's statements beyond the ranked ones have neither a score nor a count.
            scores, unknown = hits.known_scores(), hits.UNKNOWN
            found = [scores.get(pk, unknown) for pk in self.columns["pk"]]
            self.columns["score"] = [score for score, _count in found]
            self.columns["hit_count"] = [count for _score, count in found]
        # {foreign key: {id: {field: value}}}; the foreign keys to one model are read in one query.
        self.related = {}
        by_model = defaultdict(list)
        for key in RELATED:
            by_model[Statement._meta.get_field(key).related_model].append(key)
        for model, keys in by_model.items():
            # From the columns' counters, which the facets count from anyway: hashing the ids once
            # (a set of a common word's 41,000 delegation and group ids took 8 ms more).
            ids = set().union(*(self._counted(f"{key}_id") for key in keys))
            ids.discard(None)
            fields = list(dict.fromkeys(field for key in keys for field in RELATED[key]))
            rows = []
            if ids:
                with connection.cursor() as cursor:
                    cursor.execute(sql_for_ids(_related_rows(model, tuple(fields)), len(ids)), list(ids))
                    rows = cursor.fetchall()
            table = {row[0]: dict(zip(fields, row[1:])) for row in rows}
            for key in keys:
                self.related[key] = table

    @property
    def count(self):
        return len(self.columns["pk"])

    @property
    def paragraph_count(self):
        """The matching paragraphs of the selected statements; None without a search, or when the
        search did not count them all (search.Hits.count_paragraphs)."""
        if not self.searched or None in self.columns["hit_count"]:
            return None
        return sum(self.columns["hit_count"])

    def column(self, path):
        """Every selected statement's value of `path` (a column, or a field through a foreign key)."""
        if path in self.columns:
            return self.columns[path]
        key, _, field = path.partition("__")
        table = self.related[key]
        return [table[pk][field] if pk is not None else None for pk in self.columns[f"{key}_id"]]

    def order(self, sort):
        """The row numbers in the order of `sort`. Stable sorts from the last key to the first, each
        keyed by a list's own __getitem__ (no Python call per row); reverse=True keeps equal rows in
        their order, so the sorts stay stable."""
        rows = list(range(self.count))
        for path, descending in reversed(SORTS[sort]):
            rows.sort(key=self.column(path).__getitem__, reverse=descending)
        return rows

    def ordered_ids(self, sort):
        """Every statement id, in the order of `sort`."""
        pk = self.columns["pk"]
        return [pk[row] for row in self.order(sort)]

    def page(self, sort, number, size):
        """Page `number` (as the URL gave it) of the statements in `sort` order: a Paginator page whose
        object_list holds the statements, loaded for result rows, each with .hit_count (searches; None
        where not counted, which search.Hits.results counts for the page)."""
        page = Paginator(self.order(sort), size).get_page(number)
        rows = list(page.object_list)
        pk = self.columns["pk"]
        page.object_list = Statement.objects.result_rows([pk[row] for row in rows])
        if self.searched:
            hit_counts = {pk[row]: self.columns["hit_count"][row] for row in rows}
            for statement in page.object_list:
                statement.hit_count = hit_counts[statement.pk]
        return page

    def _counted(self, column):
        """Counter of one column's values, counted once (body and meeting share the meeting column)."""
        if column not in self._counters:
            self._counters[column] = Counter(self.columns[column])
        return self._counters[column]

    def item_rows(self, meetings, limit):
        """[(agenda item id, number, title, count)] for the agenda items of `meetings` (a list of
        Meeting) that the selected statements are on, the most statements first, then in agenda
        order, at most `limit`: facets.count_items' rows. From the meetings' links (a meeting's agenda
        holds a few hundred at most), counted against the statements already read, rather than a
        grouped COUNT over the selection written and compiled again (most of a one-meeting page's
        time in the database layer)."""
        meeting_ids = list(dict.fromkeys(meeting.pk for meeting in meetings))
        with connection.cursor() as cursor:
            cursor.execute(sql_for_ids(_item_links, len(meeting_ids)), meeting_ids)
            links = cursor.fetchall()
        selected = set(self.columns["pk"])
        counts, items = Counter(), {}
        for statement_id, item_id, number, title, position in links:
            if statement_id in selected:
                counts[item_id] += 1
                items[item_id] = (number, title, position)
        ranked = sorted(counts.items(), key=lambda pair: (-pair[1], items[pair[0]][2], pair[0]))
        return [(item_id, *items[item_id][:2], n) for item_id, n in ranked[:limit]]

    def facet_rows(self, facet, limit):
        """[(value, label parts..., count)] as facets.count_rows() counts them in SQL, at most `limit`.

        Counted by id first (Counter over a column runs in C), labelled afterwards."""
        key = facet.related
        if key:
            table = self.related[key]
            fields = [column.partition("__")[2] for column in facet.columns]
            counts = Counter()
            for pk, n in self._counted(f"{key}_id").items():
                if pk is not None:
                    counts[tuple(table[pk][field] for field in fields)] += n
        else:
            counts = Counter({(value,): n for value, n in self._counted(facet.columns[0]).items() if value is not None})
        if facet.by_value:
            ranked = sorted(counts.items(), key=lambda pair: pair[0][0], reverse=True)
        else:
            ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0][0]))
        return [(*values, n) for values, n in ranked[:limit]]
