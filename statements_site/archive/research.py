"""Research over a selection of statements: a search over time, who said it, keyword in context.

Every view here starts from a browse address (its filters and `?q=`): `selection()` is the one place
that reads it, with the browse page's own StatementFilter and search.find(), so a chart, a ranking
and the result list of the same address count the same statements. The selected statements are read
once (filters.read_columns: the few columns a view groups on and, for a search, each statement's
number of matching paragraphs from its hits) and counted per year, session, delegation or group in Python; the only other queries
are a grouped COUNT of the same filters without the search (the denominators of "share of their
statements") and, without a search, the paragraphs per statement.
"""
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from . import filters, search
from .models import Delegation, Meeting, Paragraph, Statement

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
def selection(request, text=None, keep_hits=True):
    """The browse selection of `request` (filters and ?q=, or the search `text` given), as a Selection
    whose search stays open inside the `with` block. The one adapter between these views and the
    browse page's filters and search.

    With keep_hits=False the search is not run and kept per statement (search.find ranks its hits,
    which a view reading paragraphs does not need): `hits` is then a handle whose only use is
    paragraph_ids(), and `statements` are the filtered ones, not narrowed to the hits."""
    filterset = filters.StatementFilter(request.GET, queryset=visible_statements(request), request=request)
    if text is None:  # the first search of an over-time address, which may carry several
        text = next((value for value in request.GET.getlist("q") if value.strip()), "")
    query = search.parse(text)
    notices = [query.message] if query.message else []
    if not filterset.is_valid():
        notices.append(_("Some filter values in the address are not in the archive (%(names)s); nothing matches them.")
                       % {"names": ", ".join(sorted(filterset.errors))})
    statements = filterset.qs if filterset.is_valid() else Statement.objects.none()
    hits = None
    if query and not keep_hits:
        hits = search.Hits(query)  # not run: paragraph_ids() matches as a subquery
    elif query:
        hits = search.find(query)
        statements = hits.restrict(statements)
    elif query.text:
        statements = Statement.objects.none()
    try:
        yield Selection(filterset, query, hits, statements, notices)
    finally:
        if hits is not None and keep_hits:
            hits.close()


def filter_params(params):
    """The filter parameters of a browse address, without the search and paging: [(name, value)]."""
    known = set(filters.StatementFilter.base_filters)
    return [(name, value) for name, values in params.lists() if name in known for value in values]


# Counting ------------------------------------------------------------------------------------


class Counted:
    """The selected statements read once as the narrow `columns` a view groups on (filters.read_columns),
    with each one's paragraphs: matching ones for a search (from its hits), all of them otherwise.

    `meetings` and `delegations` name the ids read: {id: (slug, name parts...)}."""

    def __init__(self, chosen, columns):
        self.columns = dict(zip(["pk", *columns], filters.read_columns(chosen.statements, ["pk", *columns])))
        pks = self.columns["pk"]
        if chosen.hits is not None:
            scores = chosen.hits.scores()
            self.paragraphs = [scores[pk][1] for pk in pks]
        else:
            per_statement = dict(
                Paragraph.objects.filter(statement__in=chosen.statements.order_by().values("pk"))
                .order_by().values_list("statement_id").annotate(n=Count("pk"))
            ) if pks else {}
            self.paragraphs = [per_statement.get(pk, 0) for pk in pks]
        self.meetings = {
            row[0]: row[1:] for row in Meeting.objects.filter(pk__in=set(self.columns["meeting_id"]))
            .order_by().values_list("pk", "slug", "title", "session", "year", "date_start")
        } if pks and "meeting_id" in self.columns else {}
        delegation_ids = {pk for name in ("delegation_id", "on_behalf_of_id") for pk in self.columns.get(name, ())}
        delegation_ids.discard(None)
        self.delegations = {
            row[0]: row[1:] for row in Delegation.objects.filter(pk__in=delegation_ids)
            .order_by().values_list("pk", "slug", "name", "kind")
        } if delegation_ids else {}

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
    meetings: dict  # {meeting id: (slug, title, session, year, date_start, ...)} (Counted.meetings)


def over_time(request, texts):
    """[Series] for each search text (or the filters alone for an empty one), with the notices."""
    series, notices = [], []
    for text in texts:
        with selection(request, text) as chosen:
            notices += [notice for notice in chosen.notices if notice not in notices]
            counted = Counted(chosen, ["year", "meeting_id"])
            series.append(Series(chosen.query.text, counted.statement_count, counted.paragraph_count,
                                 dict(counted.by("year")), dict(counted.by("meeting_id")), counted.meetings))
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
    counted = Counted(chosen, ["delegation_id", "on_behalf_of_id"])
    base = chosen.unsearched.order_by()
    ranked = {}
    for role, column in (("delegations", "delegation_id"), ("groups", "on_behalf_of_id")):
        counts = counted.by(column)
        counts.pop(None, None)
        totals = dict(base.exclude(**{column: None}).values_list(column).annotate(n=Count("pk"))) if counts else {}
        rows = []
        for delegation_id, (statements, paragraphs) in counts.items():
            slug, name, kind = counted.delegations[delegation_id]
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


def quick_fold(word):
    """search.fold(word), without Unicode normalisation for plain ASCII (a tenth of the cost)."""
    return word.lower() if word.isascii() else search.fold(word)


def keyword_spans(text, query):
    """[(start, end)] of each place in `text` a term of `query` matches (phrases as consecutive words,
    a prefix term's last word by its start), left to right, not overlapping."""
    tokens = [(match.start(), match.end(), quick_fold(match.group())) for match in search.WORD.finditer(text)]
    terms = [([search.fold(word) for word in term.words], term.prefix) for group in query.groups for term in group]
    # Most words start no term: skip them with one set look-up.
    firsts = {words[0] for words, prefix in terms if not (prefix and len(words) == 1)}
    prefixes = tuple(words[0] for words, prefix in terms if prefix and len(words) == 1)
    spans, position = [], 0
    while position < len(tokens):
        token = tokens[position][2]
        if token not in firsts and not (prefixes and token.startswith(prefixes)):
            position += 1
            continue
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
    paragraphs of the selection, in the order `sort` asks ("left", "right", or as read). Takes a
    selection(keep_hits=False): the paragraphs are matched once, here."""
    if chosen.hits is None:
        return [], 0, False
    rows = newest_matching(chosen, limit + 1)
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


KWIC_COLUMNS = ["public_id", "text", "statement_id", "statement__delegation__name", "statement__on_behalf_of__name",
                "statement__meeting__title", "statement__meeting__session", "statement__year"]
KWIC_CHUNK = 2000  # matching paragraph ids read at a time, newest first
KWIC_CHUNKS = 3  # then, if the filters left too few, every match at once


def newest_matching(chosen, count):
    """The newest `count` matching paragraphs of the selection, as KWIC_COLUMNS rows.

    The index gives its newest matches first in chunks (`ORDER BY id DESC LIMIT` over the match is
    1-20 ms at 50,000 statements, where sorting every match of a phrase under the statement filters
    took 140-270 ms); the filters are applied to each chunk. Narrow filters on a common word read
    every match at once after KWIC_CHUNKS chunks."""
    statements = chosen.statements.order_by().values("pk")
    matched = chosen.hits.paragraph_ids()
    rows, below = [], None
    for _chunk in range(KWIC_CHUNKS):
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matched(id) AS ({matched.sql}) SELECT id FROM matched "
                f"{'WHERE id < %s ' if below else ''}ORDER BY id DESC LIMIT %s",
                [*matched.params, *([below] if below else []), KWIC_CHUNK],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if ids:
            # The chunk's statements among the selected ones: a seek per statement, where
            # `statement_id IN (selected)` listed every selected statement first (500 ms).
            owners = dict(Paragraph.objects.filter(pk__in=ids).values_list("pk", "statement_id"))
            kept = set(chosen.statements.filter(pk__in=set(owners.values())).order_by().values_list("pk", flat=True))
            wanted = [pk for pk in ids if owners.get(pk) in kept][: count - len(rows)]
            rows += Paragraph.objects.filter(pk__in=wanted).order_by("-pk").values_list(*KWIC_COLUMNS)
            below = ids[-1]
        if len(rows) >= count or len(ids) < KWIC_CHUNK:
            return rows[:count]
    return list(
        Paragraph.objects.filter(pk__in=matched, statement__in=statements).order_by("-pk").values_list(*KWIC_COLUMNS)[:count]
    )


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
