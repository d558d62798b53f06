"""What a browse address selects: its filters, search, sort and page, validated once.

A `Selection` is built from a QueryDict (a request's GET, a saved search's query string) and is the
one reading of it that the browse pages, the Atom feeds, the downloads and the API use; research
views and alerts build theirs the same way:

    with Selection(QueryDict("q=cooperation&delegation=g77")) as selection:
        selection.statements      # the statements queryset (none() when the address is invalid)
        selection.paragraphs()    # their paragraphs; for a search, only the matching ones
        selection.hits            # the search's hits (search.Hits), or None
        selection.notices         # what the reader should know (unknown parameters, invalid values)
        selection.describe()      # "Group of 77 and China · Item 3: Prevention · 2020 · “cooperation”"
        selection.slug()          # "group-of-77-and-china-prevention-2020-cooperation", for file names

Nothing runs a query until it is asked for; junk never raises: invalid filters or a search without
words select nothing and say why. `refusal` is the reason to answer 400 instead (too expensive).
"""
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext

from . import search, search_sql, versions
from .caching import archive_version, cached
from .facets import facets
from .filters import OTHER_PARAMETERS, RANGES, StatementFilter, too_many_values, unknown_parameters
from .models import Paragraph, Statement
from .tally import SORTS, Tally, sql_order

MAX_PAGE = 2000  # deeper pages are refused: nobody reads page 10**9, and OFFSET costs grow with it
# The parts of a description and a download's name, in this order: who, where, what, then when.
DESCRIPTION_ORDER = ["delegation", "on_behalf_of", "body", "meeting", "item", "q", "delegation_kind", "language",
                     "type", "version", "year", "year_from", "year_to"]
SLUG_LENGTH = 100


class _Visitor:
    """What the filters need of a request when there is none (a feed, the API, an alert): the public."""

    user = AnonymousUser()


class Selection:
    def __init__(self, params, request=None, known=OTHER_PARAMETERS, base=None, text=None):
        """`params` is a QueryDict (or a query string); `request` decides what the visitor may see
        (staff also see drafts); `known` are the parameter names besides the filters; `base` the
        statements to select from, when not all the visitor may see (the API's, loaded for its rows;
        an alert's new statements); `text` the search to read instead of `q` (a chart comparing
        several searches under the same filters)."""
        self.params = QueryDict(params) if isinstance(params, str) else params
        self.request = request or _Visitor()
        self.staff = bool(getattr(self.request.user, "is_staff", False))
        if base is None:
            base = Statement.objects.all() if self.staff else Statement.objects.published()
        self.filterset = StatementFilter(self.params, queryset=base, request=self.request)
        self.query = search.parse(self.params.get("q") if text is None else text)
        self.unknown = unknown_parameters(self.params, known)
        self._hits = None

    @classmethod
    def from_request(cls, request, known=OTHER_PARAMETERS):
        return cls(request.GET, request=request, known=known)

    # Closing the search's hits: they are also closed when the request finishes.
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        if self._hits is not None:
            self._hits.close()

    @cached_property
    def refusal(self):
        """Why this selection is too expensive to run (answered with 400), or ''."""
        message = search.refusal(self.params.get("q")) or too_many_values(self.params)
        page = self.params.get("page", "")
        # isdecimal, not isdigit ("²" is a digit int() refuses); the length first, as int() refuses 4,300 digits.
        if not message and page.isdecimal() and (len(page.lstrip("0")) > len(str(MAX_PAGE)) or int(page) > MAX_PAGE):
            message = gettext("Pages go up to %(max)s. Narrow the list with a filter or a search instead.") % {"max": MAX_PAGE}
        return message

    @cached_property
    def valid(self):
        return self.filterset.is_valid()

    @property
    def errors(self):
        """{filter name: [messages]} for each refused filter value."""
        return self.filterset.errors

    @cached_property
    def chosen(self):
        """{filter name: cleaned value(s)} when the filters are valid, else {}."""
        return self.filterset.form.cleaned_data if self.valid else {}

    @cached_property
    def notices(self):
        """What the reader should know about the address: a search's own message, unknown parameters,
        filter values not in the archive."""
        notices = [self.query.message] if self.query.message else []
        if self.unknown:
            names = ", ".join(f"“{name}”" for name in self.unknown)
            notices.append(gettext("The archive has no filter called %(names)s: the list below is not narrowed by it.")
                           % {"names": names})
        if not self.valid:
            notices.append(gettext("Some filter values in the address are not in the archive (%(names)s); nothing "
                                   "matches them.") % {"names": ", ".join(sorted(self.filterset.errors))})
        return notices

    @property
    def searched(self):
        """True when the address has a search that can run (words to find and valid filters)."""
        return bool(self.query) and self.valid

    @property
    def hits(self):
        """The search's hits (search.Hits), run on first use; None without a search."""
        if self._hits is None and self.searched:
            self._hits = search.find(self.query)
        return self._hits

    @cached_property
    def is_whole_archive(self):
        """No search and no chosen value: every statement the visitor may see."""
        return self.valid and not self.query.text and not any(self.chosen.values())

    @property
    def selects_nothing(self):
        """True when the address selects nothing whatever the archive holds: invalid filters, or a
        search without words to find."""
        return not self.valid or bool(self.query.text and not self.query)

    @cached_property
    def statements(self):
        """The selected statements (unordered); none() for invalid filters or a search without words."""
        if self.selects_nothing:
            return Statement.objects.none()
        statements = self.filterset.qs
        return self.hits.restrict(statements) if self.hits else statements

    @property
    def unsearched(self):
        """The statements the filters select, not narrowed by the search: what a share of "their
        statements" divides by, or where a caller matching paragraphs itself looks (without running
        the ranked search); none() for invalid filters."""
        return self.filterset.qs if self.valid else Statement.objects.none()

    def paragraph_ids(self):
        """The search's matching paragraph ids as a subquery over the whole archive, without ranking
        them (search.find); None without a search that can run."""
        return search_sql.engine().paragraph_ids(self.query) if self.searched else None

    def paragraphs(self):
        """The paragraphs of the selected statements, in reading order (year, meeting, speaking order);
        for a search, only the matching paragraphs."""
        paragraphs = Paragraph.objects.filter(statement__in=self.statements.values("pk")).order_by(
            "statement__year", "statement__meeting_id", "statement__position", "statement_id", "position"
        )
        if not self.hits:
            return paragraphs
        # A search's matches include its statements' language versions, as its result page shows them.
        return versions.with_version_paragraphs(paragraphs, self.statements).filter(pk__in=self.hits.paragraph_ids())

    @cached_property
    def sort(self):
        """The sort asked for when it applies, else relevance for a search and newest first otherwise."""
        sort = self.params.get("sort")
        if sort not in SORTS or (sort == "relevance" and not self.hits):
            sort = "relevance" if self.hits else "newest"
        return sort

    @property
    def sorts(self):
        """The sorts a reader can choose here."""
        return [sort for sort in SORTS if self.hits or sort != "relevance"]

    @cached_property
    def version(self):
        """The archive's version when counts may be cached for this visitor (the public's), else None."""
        return None if self.staff else archive_version()

    def page(self, size):
        """The page the address asks for, of `size` statements, loaded for result rows.

        A search or a filtered list is read once (self.tally): its count, page and most facet counts
        come from that read. The whole archive is paged in SQL, its count and pages cached for the
        public under the archive's version."""
        number = self.params.get("page")
        if not self.is_whole_archive:
            return self.tally.page(self.sort, number, size)
        order = sql_order(self.sort)
        paginator = Paginator(self.statements.order_by(*order), size)
        version = self.version
        if version is not None:
            paginator.count = cached("published:count", version, self.statements.count)
        page = paginator.get_page(number)

        def page_ids():
            return list(page.object_list.values_list("pk", flat=True))

        ids = page_ids() if version is None else cached(f"published:page:{','.join(order)}:{page.number}", version, page_ids)
        page.object_list = Statement.objects.result_rows(ids)
        return page

    @cached_property
    def tally(self):
        """The selected statements read once as columns (tally.Tally)."""
        return Tally(self.statements, self.hits)

    def facets(self, toggle_url):
        """The facets with their counts (facets.facets), [] when the address selects nothing valid."""
        if not self.valid or (self.query.text and not self.hits):
            return []
        tally = None if self.is_whole_archive else self.tally
        version = self.version if self.is_whole_archive else None
        return facets(self.filterset, toggle_url, self.hits.restrict if self.hits else None,
                      cache_scope=None if self.staff else "published", tally=tally, version=version)

    def pills(self):
        """[(param, value in the URL, label)] for every chosen value."""
        return self.filterset.selected() if self.valid else []

    def _parts(self):
        parts = {name: [] for name in DESCRIPTION_ORDER}
        for name, value, label in self.pills():
            parts.setdefault(name, []).append((value, label))
        return parts

    def describe(self):
        """The selection in words, for a heading, a feed title or an alert: "Group of 77 and China ·
        Item 3: Prevention · 2020 · “cooperation”"; "" for the whole archive."""
        parts = self._parts()
        if self.query.text:
            parts["q"] = [(self.query.text, f"“{self.query.text}”")]
        return " · ".join(label for name in DESCRIPTION_ORDER for _value, label in parts.get(name, []))

    def slug(self):
        """A file name saying what a download holds (`group-of-77-and-china-international-cooperation-2020`),
        from the chosen filter values and the search words; "statements-archive" for the whole archive."""
        words = []
        for name in DESCRIPTION_ORDER:
            if name == "q":
                words += [self.query.text] if self.query.text else []
            elif name in RANGES:
                value = self.chosen.get(name)
                words += [f"{'from' if name == 'year_from' else 'to'} {value}"] if value is not None else []
            else:
                for value in self.chosen.get(name) or []:
                    words.append(value.title if name == "item" else getattr(value, "slug", value))
        slug = slugify(" ".join(str(word) for word in words))
        if len(slug) > SLUG_LENGTH:
            slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
        return slug or "statements-archive"
