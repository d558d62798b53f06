"""Research over a selection of statements: a search over time and who said it (kwic.py: in context).

Every view here starts from a browse address (its filters and `?q=`): `selection()` is the one place
that reads it, as the browse page does (selection.Selection), so a chart, a ranking
and the result list of the same address count the same statements. For a search, the database
counts the matching statements and paragraphs grouped by the columns a view needs (year and
session, or delegation and group) in one query over the index (search.grouped_counts), without
ranking the hits or reading them into Python. Without a search, the selected statements are read
once as those columns (tally.read_columns) with their paragraphs per statement and counted in
Python. The only other queries are a grouped COUNT of the same filters without the search (the
denominators of "share of their statements") and the names of the meetings and delegations counted.
"""
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Count

from . import filters, search
from .models import Delegation, Meeting, Paragraph
from .selection import Selection
from .tally import read_columns

MAX_SERIES = 4  # searches compared on one chart
RANKED_SHOWN = 100  # delegations or groups listed on the page (downloads give all)


def refusal(params):
    """Why this address asks too much (answered with 400), or ''."""
    for text in params.getlist("q")[:MAX_SERIES]:
        if message := search.refusal(text):
            return message
    return filters.too_many_values(params)


@contextmanager
def selection(request, text=None):
    """The browse selection of `request` (filters and ?q=, or the search `text` given), as a
    selection.Selection whose search stays open inside the `with` block. Research pages take
    parameters of their own and several `q`: the first search given is read, and no parameter is
    called unknown. A view matching paragraphs itself (kwic) reads `unsearched` and
    `paragraph_ids()`, which do not run the ranked search."""
    if text is None:  # the first search of an over-time address, which may carry several
        text = next((value for value in request.GET.getlist("q") if value.strip()), "")
    with Selection(request.GET, request=request, known=list(request.GET), text=text) as chosen:
        yield chosen


def filter_params(params):
    """The filter parameters of a browse address, without the search and paging: [(name, value)]."""
    known = set(filters.StatementFilter.base_filters)
    return [(name, value) for name, values in params.lists() if name in known for value in values]


# Counting ------------------------------------------------------------------------------------


def count(chosen, columns):
    """The selected statements counted by `columns`: in the database for a search (Grouped), else
    read as columns (Counted)."""
    return Grouped(chosen, columns) if chosen.searched else Counted(chosen, columns)


class Names:
    """What a count names by id: `meetings` and `delegations` {id: (slug, name parts...)}."""

    def name(self, meeting_ids, delegation_ids):
        self.meetings = {
            row[0]: row[1:] for row in Meeting.objects.filter(pk__in=meeting_ids)
            .order_by().values_list("pk", "slug", "title", "session", "year", "date_start")
        } if meeting_ids else {}
        delegation_ids = set(delegation_ids) - {None}
        self.delegations = {
            row[0]: row[1:] for row in Delegation.objects.filter(pk__in=delegation_ids)
            .order_by().values_list("pk", "slug", "name", "kind")
        } if delegation_ids else {}


class Grouped(Names):
    """A search's matching statements and paragraphs grouped by `columns` in the database
    (search.grouped_counts: one query over the index, no hit read into Python), for the selection's
    filters."""

    def __init__(self, chosen, columns):
        self.column_names = list(columns)
        self.rows = search.grouped_counts(chosen.query, chosen.unsearched, self.column_names)
        values = {column: {row[n] for row in self.rows} for n, column in enumerate(self.column_names)}
        self.name(values.get("meeting_id", set()),
                  values.get("delegation_id", set()) | values.get("on_behalf_of_id", set()))

    @property
    def statement_count(self):
        return sum(row[-2] for row in self.rows)

    @property
    def paragraph_count(self):
        return sum(row[-1] for row in self.rows)

    def by(self, column):
        """{value of `column`: [statements, paragraphs]} over the selected statements."""
        n = self.column_names.index(column)
        counts = defaultdict(lambda: [0, 0])
        for row in self.rows:
            counts[row[n]][0] += row[-2]
            counts[row[n]][1] += row[-1]
        return counts


class Counted(Names):
    """The selected statements of a selection without a search, read once as the narrow `columns`
    a view groups on (tally.read_columns), with each one's number of paragraphs."""

    def __init__(self, chosen, columns):
        self.columns = dict(zip(["pk", *columns], read_columns(chosen.statements, ["pk", *columns])))
        pks = self.columns["pk"]
        per_statement = dict(
            Paragraph.objects.filter(statement__in=chosen.statements.order_by().values("pk"))
            .order_by().values_list("statement_id").annotate(n=Count("pk"))
        ) if pks else {}
        self.paragraphs = [per_statement.get(pk, 0) for pk in pks]
        self.name(set(self.columns.get("meeting_id", ())),
                  {pk for name in ("delegation_id", "on_behalf_of_id") for pk in self.columns.get(name, ())})

    @property
    def statement_count(self):
        return len(self.columns["pk"])

    @property
    def paragraph_count(self):
        return sum(self.paragraphs)

    def by(self, column):
        """{value of `column`: [statements, paragraphs]} over the selected statements."""
        counts = defaultdict(lambda: [0, 0])
        for value, paragraphs in zip(self.columns[column], self.paragraphs):
            row = counts[value]
            row[0] += 1
            row[1] += paragraphs
        return counts


@dataclass
class Series:
    """One search of a chart, counted per year and per session (meeting)."""

    text: str
    statements: int
    paragraphs: int
    years: dict  # {year: [statements, paragraphs]}
    sessions: dict  # {meeting id: [statements, paragraphs]}
    meetings: dict  # {meeting id: (slug, title, session, year, date_start, ...)} (Names.meetings)


def filter_labels(chosen):
    """The labels of the selection's chosen filters, for a page's heading."""
    return [label for _name, _value, label in chosen.pills()]


def over_time(request, texts):
    """([Series] for each search text, the notices, the filter labels). Without a text, only the labels."""
    series, notices, labels = [], [], []
    if not texts:
        with selection(request, "") as chosen:
            return series, notices, filter_labels(chosen)
    for text in texts:
        with selection(request, text) as chosen:
            labels = labels or filter_labels(chosen)
            notices += [notice for notice in chosen.notices if notice not in notices]
            counted = count(chosen, ["year", "meeting_id"])
            series.append(Series(chosen.query.text, counted.statement_count, counted.paragraph_count,
                                 dict(counted.by("year")), dict(counted.by("meeting_id")), counted.meetings))
    return series, notices, labels


def year_range(series):
    """Every year from the first to the last with a count in any series (a gap shows as zero)."""
    years = {year for one in series for year in one.years}
    return list(range(min(years), max(years) + 1)) if years else []


def sessions(series):
    """[(meeting id, name, date_start, slug)] of every session counted in any series, oldest first."""
    meetings = {}
    for one in series:
        for meeting_id in one.sessions:
            slug, title, session, _year, start = one.meetings[meeting_id][:5]
            meetings[meeting_id] = (meeting_id, Meeting.format_name(title, session), start, slug)
    return sorted(meetings.values(), key=lambda row: (row[2], row[1], row[0]))


@dataclass
class Ranked:
    """A delegation or group, its matching statements and paragraphs, and its statements in the
    selection without the search (the share's denominator)."""

    pk: int
    slug: str
    name: str
    kind: str
    statements: int
    paragraphs: int
    total: int

    @property
    def share(self):
        return self.statements / self.total if self.total else 0.0

    @property
    def percent(self):
        return share_text(self.share)


def who_said_it(chosen):
    """({"delegations": [Ranked], "groups": [Ranked]}, Grouped or Counted): who took the floor, and on whose
    behalf, ranked by matching statements, then paragraphs, then name."""
    counted = count(chosen, ["delegation_id", "on_behalf_of_id"])
    base = chosen.unsearched.order_by()
    ranked = {}
    for role, column in (("delegations", "delegation_id"), ("groups", "on_behalf_of_id")):
        counts = counted.by(column)
        counts.pop(None, None)
        totals = dict(base.exclude(**{column: None}).values_list(column).annotate(n=Count("pk"))) if counts else {}
        rows = []
        for delegation_id, (statements, paragraphs) in counts.items():
            slug, name, kind = counted.delegations[delegation_id]
            rows.append(Ranked(delegation_id, slug, name, kind, statements, paragraphs, totals.get(delegation_id, statements)))
        rows.sort(key=lambda row: (-row.statements, -row.paragraphs, row.name))
        ranked[role] = rows
    return ranked, counted


def share_text(value):
    """A share as the pages and downloads give it: “42.9 %”."""
    return f"{value * 100:.1f} %"



# Rows for downloads and the API: one list of flat dicts per view ------------------------------

OVER_TIME_FIELDS = ["search", "period", "year", "session", "meeting_slug", "statements", "paragraphs"]
WHO_FIELDS = ["role", "slug", "name", "kind", "statements", "paragraphs", "statements_in_selection", "share", "members"]
# Free text a spreadsheet could read as a formula (exports.spreadsheet_safe).
TEXT_FIELDS = {"search", "session", "name", "left", "keyword", "right", "attribution", "meeting", "members"}


def over_time_rows(series):
    """Per search, a row for every year of the chart (zeros included), then one per session it is in."""
    years, meetings = year_range(series), sessions(series)
    rows = []
    for one in series:
        for year in years:
            statements, paragraphs = one.years.get(year, (0, 0))
            rows.append({"search": one.text, "period": "year", "year": year, "session": "", "meeting_slug": "",
                         "statements": statements, "paragraphs": paragraphs})
        for meeting_id, name, start, slug in meetings:
            if meeting_id in one.sessions:
                statements, paragraphs = one.sessions[meeting_id]
                rows.append({"search": one.text, "period": "session", "year": start.year, "session": name,
                             "meeting_slug": slug, "statements": statements, "paragraphs": paragraphs})
    return rows


def who_rows(ranked, members):
    """A row per delegation, then per group; a group's with its `members` (research_groups.members_by_group)
    as a list, [] for a delegation."""
    return [
        {"role": role.rstrip("s"), "slug": row.slug, "name": row.name, "kind": row.kind, "statements": row.statements,
         "paragraphs": row.paragraphs, "statements_in_selection": row.total, "share": round(row.share, 4),
         "members": members.get(row.pk, []) if role == "groups" else []}
        for role in ("delegations", "groups") for row in ranked[role]
    ]
