"""The browse page reads a search's or a filter's statements once (tally.Tally) and counts, orders
and facets them in Python: the results must be exactly what the database's own COUNT, ORDER BY and
GROUP BY give, on both databases."""
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models.expressions import RawSQL
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory

from statements_site.archive import facets as facet_counts
from statements_site.archive.selection import Selection
from statements_site.archive.tally import Tally, sql_order
from statements_site.archive.models import Meeting, Paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    call_command("generate_corpus", statements=150, seed=3, stdout=io.StringIO())


def selection(params):
    request = RequestFactory().get("/statements/", params)
    request.user = AnonymousUser()
    selection = Selection.from_request(request)
    return selection.filterset, selection.hits, selection.statements


def by_sql(filterset, hits, statements, sort):
    """What the page showed before the tally: the database counts, sorts and groups."""
    if hits:
        statements = statements.annotate(
            score=RawSQL(f"SELECT score FROM {hits.table} h WHERE h.statement_id = archive_statement.id", ())
        )
    ordered = list(statements.order_by(*sql_order(sort)).values_list("pk", flat=True))
    facets = facet_counts.facets(filterset, lambda name, value: value, hits.restrict if hits else None)
    return ordered, facets


@pytest.mark.parametrize("params", [
    {"q": "cooperation"},
    {"q": "international", "language": "en"},
    {"q": '"access to justice"', "sort": "newest"},
    {"q": "cooperation", "delegation_kind": "state", "sort": "oldest"},
    {"language": "en"},
    {"type": "item", "version": "delivered", "sort": "oldest"},
])
def test_counts_order_and_facets_from_one_read_equal_the_databases_own(corpus, params):
    sort = params.get("sort", "relevance" if "q" in params else "newest")
    filterset, hits, statements = selection(params)
    tally = Tally(statements, hits)
    ordered, facets = by_sql(filterset, hits, statements, sort)
    assert len(ordered) > 5, "the case should select several statements"
    assert tally.count == len(ordered)
    assert tally.ordered_ids(sort) == ordered
    if hits:
        assert tally.paragraph_count == Paragraph.objects.filter(statement__in=statements, pk__in=hits.paragraph_ids()).count()
    from_tally = facet_counts.facets(filterset, lambda name, value: value, hits.restrict if hits else None, tally=tally)

    def counts(facet_list):
        # Values with equal counts may be listed in either order (collations differ); compare the counts.
        return {facet.name: sorted((value, n) for value, _label, n, _selected, _url in facet.values) for facet in facet_list}

    assert counts(from_tally) == counts(facets)
    for tallied, grouped in zip(from_tally, facets):
        assert [n for _v, _l, n, _s, _u in tallied.values] == [n for _v, _l, n, _s, _u in grouped.values]
        assert dict((v, label) for v, label, *_ in tallied.values) == dict((v, label) for v, label, *_ in grouped.values)


@pytest.mark.parametrize("search", [{}, {"q": "cooperation"}])
@pytest.mark.parametrize("meetings", [1, 2])
def test_agenda_items_of_chosen_meetings_from_one_read_equal_the_databases_own(corpus, search, meetings):
    busiest = Meeting.objects.annotate(n=Count("statements")).order_by("-n", "pk")[:meetings]
    filterset, hits, statements = selection({"meeting": [meeting.slug for meeting in busiest], **search})
    chosen = filterset.form.cleaned_data["meeting"]
    tallied = Tally(statements, hits).item_rows(chosen, facet_counts.FACET_LOADED + 1)
    grouped = facet_counts.count_items(filterset, hits.restrict if hits else None, chosen)
    assert len(grouped) > 2, "the case should count several agenda items"
    # Items on as many statements may be listed in either order where their agendas place them alike.
    assert sorted(tallied) == sorted(grouped)
    assert [n for *_item, n in tallied] == [n for *_item, n in grouped]


@pytest.mark.parametrize("params", [
    {"year": "1950"},  # a valid filter that no statement matches
    {"q": "cooperation", "language": "ru", "year": "1950"},
    {"delegation": "no-such-delegation"},  # an invalid filter: nothing is read at all
])
def test_a_selection_of_no_statements_counts_nothing_and_lists_nothing(client, corpus, params):
    filterset, hits, statements = selection(params)
    tally = Tally(statements, hits)
    assert tally.count == 0
    assert tally.page("newest", "1", 20).object_list == []
    page = client.get("/statements/", params)
    assert page.status_code == 200
    assert "Nothing found" in page.content.decode()
