"""Research over a selection of statements: a search over time, who said it, keyword in context.

Every view here starts from a browse address (its filters and `?q=`): `selection()` is the one place
that reads it, with the browse page's own StatementFilter and search.find(), so a chart, a ranking
and the result list of the same address count the same statements. The selected statements are read
once (filters.Tally: narrow columns and, for a search, each statement's number of matching
paragraphs) and counted per year, session, delegation or group in Python; the only other queries
are a grouped COUNT of the same filters without the search (the denominators of "share of their
statements") and, without a search, the paragraphs per statement.
"""
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from . import filters, search
from .models import Meeting, Paragraph, Statement

MAX_SERIES = 4  # searches compared on one chart
KWIC_LINES = 500  # keyword-in-context lines read at most (the newest matching paragraphs first)
KWIC_WORDS = 8  # words of context on each side
RANKED_SHOWN = 100  # delegations or groups listed on the page (downloads give all)


@dataclass
class Selection:
    """What one browse address selects: the statements (narrowed to a search's hits) and the search."""

    filterset: object
    query: search.Query
    hits: object = None
    statements: object = None
    notices: list = field(default_factory=list)

    @property
    def unsearched(self):
        """The same statements without the search: what "share of their statements" divides by."""
        return self.filterset.qs if self.filterset.is_valid() else Statement.objects.none()


def visible_statements(request):
    """Published statements; staff also see drafts."""
    return Statement.objects.all() if request.user.is_staff else Statement.objects.published()


def refusal(params):
    """Why this address asks too much (answered with 400), or ''."""
    for text in params.getlist("q")[:MAX_SERIES]:
        if message := search.refusal(text):
            return message
    return filters.too_many_values(params)


@contextmanager
def selection(request, text=None):
    """The browse selection of `request` (filters and ?q=, or the search `text` given), as a Selection
    whose search stays open inside the `with` block. The one adapter between these views and the
    browse page's filters and search."""
    filterset = filters.StatementFilter(request.GET, queryset=visible_statements(request), request=request)
    query = search.parse(request.GET.get("q") if text is None else text)
    notices = [query.message] if query.message else []
    if not filterset.is_valid():
        notices.append(_("Some filter values in the address are not in the archive (%(names)s); nothing matches them.")
                       % {"names": ", ".join(sorted(filterset.errors))})
    statements = filterset.qs if filterset.is_valid() else Statement.objects.none()
    hits = None
    if query:
        hits = search.find(query)
        statements = hits.restrict(statements)
    elif query.text:
        statements = Statement.objects.none()
    try:
        yield Selection(filterset, query, hits, statements, notices)
    finally:
        if hits is not None:
            hits.close()


def filter_params(params):
    """The filter parameters of a browse address, without the search and paging: [(name, value)]."""
    known = set(filters.StatementFilter.base_filters)
    return [(name, value) for name, values in params.lists() if name in known for value in values]


# Counting ------------------------------------------------------------------------------------


class Counted:
    """The selected statements read once, with each one's paragraphs: matching ones for a search, all
    of them otherwise."""

    def __init__(self, chosen):
        self.tally = filters.Tally(chosen.statements, chosen.hits)
        if chosen.hits is not None:
            self.paragraphs = self.tally.columns["hit_count"]
        else:
            per_statement = dict(
                Paragraph.objects.filter(statement__in=chosen.statements.order_by().values("pk"))
                .order_by().values_list("statement_id").annotate(n=Count("pk"))
            ) if self.tally.count else {}
            self.paragraphs = [per_statement.get(pk, 0) for pk in self.tally.columns["pk"]]

    @property
    def statement_count(self):
        return self.tally.count

    @property
    def paragraph_count(self):
        return sum(self.paragraphs)

    def by(self, column):
        """{value of `column`: [statements, paragraphs]} over the selected statements."""
        counts = defaultdict(lambda: [0, 0])
        for value, paragraphs in zip(self.tally.columns[column], self.paragraphs):
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
    meetings: dict  # {meeting id: (slug, title, session, year, date_start, ...)} from the Tally


def over_time(request, texts):
    """[Series] for each search text (or the filters alone for an empty one), with the notices."""
    series, notices = [], []
    for text in texts:
        with selection(request, text) as chosen:
            notices += [notice for notice in chosen.notices if notice not in notices]
            counted = Counted(chosen)
            series.append(Series(chosen.query.text, counted.statement_count, counted.paragraph_count,
                                 dict(counted.by("year")), dict(counted.by("meeting_id")), counted.tally.meetings))
    return series, notices


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
    """({"delegations": [Ranked], "groups": [Ranked]}, Counted): who took the floor, and on whose
    behalf, ranked by matching statements, then paragraphs, then name."""
    counted = Counted(chosen)
    base = chosen.unsearched.order_by()
    ranked = {}
    for role, column in (("delegations", "delegation_id"), ("groups", "on_behalf_of_id")):
        counts = counted.by(column)
        counts.pop(None, None)
        totals = dict(base.exclude(**{column: None}).values_list(column).annotate(n=Count("pk"))) if counts else {}
        rows = []
        for delegation_id, (statements, paragraphs) in counts.items():
            slug, name, kind = counted.tally.delegations[delegation_id]
            rows.append(Ranked(slug, name, kind, statements, paragraphs, totals.get(delegation_id, statements)))
        rows.sort(key=lambda row: (-row.statements, -row.paragraphs, row.name))
        ranked[role] = rows
    return ranked, counted


# Keyword in context --------------------------------------------------------------------------


@dataclass
class Line:
    """One hit in its paragraph: the words before it, the hit as written, the words after it."""

    left: str
    keyword: str
    right: str
    paragraph: dict  # public_id, statement_id, attribution, meeting, year

    def sort_key(self, side):
        """Left context read from the hit backwards, or right context forwards, folded."""
        if side == "left":
            return [search.fold(word) for word in reversed(search.WORD.findall(self.left))]
        return [search.fold(word) for word in search.WORD.findall(self.right)]


def keyword_spans(text, query):
    """[(start, end)] of each place in `text` a term of `query` matches (phrases as consecutive words,
    a prefix term's last word by its start), left to right, not overlapping."""
    tokens = [(match.start(), match.end(), search.fold(match.group())) for match in search.WORD.finditer(text)]
    terms = [([search.fold(word) for word in term.words], term.prefix) for group in query.groups for term in group]
    spans, position = [], 0
    while position < len(tokens):
        for words, prefix in terms:
            window = tokens[position:position + len(words)]
            if len(window) == len(words) and all(
                token == word or (prefix and n == len(words) - 1 and token.startswith(word))
                for n, ((_s, _e, token), word) in enumerate(zip(window, words))
            ):
                spans.append((window[0][0], window[-1][1]))
                position += len(words)
                break
        else:
            position += 1
    return spans


def context_lines(text, query, words=KWIC_WORDS):
    """[(left, keyword, right)] for each hit of `query` in `text`, with `words` words each side."""
    matches = list(search.WORD.finditer(text))
    starts = [match.start() for match in matches]
    ends = [match.end() for match in matches]
    first_word = {value: n for n, value in enumerate(starts)}
    last_word = {value: n for n, value in enumerate(ends)}
    lines = []
    for start, end in keyword_spans(text, query):
        first, last = first_word[start], last_word[end]
        left_from = starts[first - words] if first - words > 0 else 0
        right_to = ends[last + words] if last + words < len(ends) - 1 else len(text)
        left = ("… " if first - words > 0 else "") + " ".join(text[left_from:start].split())
        right = " ".join(text[end:right_to].split()) + (" …" if last + words < len(ends) - 1 else "")
        lines.append((left, text[start:end], right))
    return lines


def kwic(chosen, sort="", limit=KWIC_LINES):
    """([Line], paragraphs read, more): each hit of the search in the newest `limit` matching
    paragraphs of the selection, in the order `sort` asks ("left", "right", or as read)."""
    if chosen.hits is None:
        return [], 0, False
    rows = list(
        Paragraph.objects.filter(pk__in=chosen.hits.paragraph_ids(), statement__in=chosen.statements.order_by().values("pk"))
        .order_by("-pk")
        .values_list("public_id", "text", "statement_id", "statement__delegation__name", "statement__on_behalf_of__name",
                     "statement__meeting__title", "statement__meeting__session", "statement__year")[: limit + 1]
    )
    more = len(rows) > limit
    lines = []
    for public_id, text, statement_id, delegation, group, title, session, year in rows[:limit]:
        paragraph = {
            "public_id": public_id, "statement_id": statement_id,
            "attribution": Statement.format_attribution(delegation, group),
            "meeting": Meeting.format_name(title, session), "year": year,
        }
        lines += [Line(left, keyword, right, paragraph) for left, keyword, right in context_lines(text, chosen.query)]
    if sort in ("left", "right"):
        lines.sort(key=lambda line: (line.sort_key(sort), search.fold(line.keyword)))
    return lines, min(len(rows), limit), more


def share_text(value):
    """A share as the pages and downloads give it: “42.9 %”."""
    return f"{value * 100:.1f} %"



# Rows for downloads and the API: one list of flat dicts per view ------------------------------

OVER_TIME_FIELDS = ["search", "period", "year", "session", "meeting_slug", "statements", "paragraphs"]
WHO_FIELDS = ["role", "slug", "name", "kind", "statements", "paragraphs", "statements_in_selection", "share"]
KWIC_FIELDS = ["left", "keyword", "right", "paragraph_id", "permalink", "statement_id", "attribution", "meeting", "year"]
# Free text a spreadsheet could read as a formula (exports.spreadsheet_safe).
TEXT_FIELDS = {"search", "session", "name", "left", "keyword", "right", "attribution", "meeting"}


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


def who_rows(ranked):
    return [
        {"role": role.rstrip("s"), "slug": row.slug, "name": row.name, "kind": row.kind, "statements": row.statements,
         "paragraphs": row.paragraphs, "statements_in_selection": row.total, "share": round(row.share, 4)}
        for role in ("delegations", "groups") for row in ranked[role]
    ]


def kwic_rows(lines, absolute):
    """`absolute(path)` makes the permalinks full addresses."""
    return [
        {"left": line.left, "keyword": line.keyword, "right": line.right,
         "paragraph_id": line.paragraph["public_id"],
         "permalink": absolute(reverse("archive:paragraph-permalink", args=[line.paragraph["public_id"]])),
         "statement_id": line.paragraph["statement_id"], "attribution": line.paragraph["attribution"],
         "meeting": line.paragraph["meeting"], "year": line.paragraph["year"]}
        for line in lines
    ]
