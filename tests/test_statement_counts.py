"""A search's statements are counted from the statement index when a query has more hits than are
ranked (search_sql: one group of alternatives, no exclusion). The counts must be the paragraphs'
truth: the statements with at least one matching paragraph (a published language version's hit
counting for its original), under the filters and what the visitor may see, on both databases."""
import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from statements_site.archive import search, search_sql
from statements_site.archive.models import Paragraph, Statement
from statements_site.archive.selection import Selection

from .conftest import make_statement
from .test_language_versions import make_version

pytestmark = pytest.mark.django_db
PUBLISHED = Statement.Status.PUBLISHED


@pytest.fixture
def corpus(db):
    call_command("generate_corpus", statements=120, seed=5, stdout=io.StringIO())
    # A phrase split across two paragraphs is not the phrase; the same words in one paragraph are.
    make_statement(paragraphs=["Our aim is access to", "justice and cooperation for all."], language="en")
    make_statement(paragraphs=["Access to justice, first.", "Then cooperation."], language="en")
    # Hidden statements: a draft with its own words, and a draft version of a published statement.
    make_statement(status=Statement.Status.DRAFT, paragraphs=["Secret cooperation on fisheries."], language="en")
    original = make_statement(paragraphs=["Nothing about that here.", "Fisheries again."], language="en")
    make_version(original, "fr", ["La coopération sur les pêcheries."], status=Statement.Status.DRAFT)
    # A published version whose original has no hit of its own.
    other = make_statement(paragraphs=["Oceans only."], language="en")
    make_version(other, "es", ["La cooperación en los océanos."])


def choose(params, staff=False):
    request = RequestFactory().get("/statements/", params)
    request.user = User.objects.create(username="staff", is_staff=True) if staff else AnonymousUser()
    return Selection.from_request(request)


def truth(selection):
    """{statement id: matching paragraphs} from the paragraphs, for the statements the selection's
    filters select (no search)."""
    rows = Paragraph.objects.filter(pk__in=search_sql.engine().paragraph_ids(selection.query)).values_list(
        "statement_id", "statement__version_of_id", "statement__status")
    counts = {}
    for statement_id, version_of, status in rows:
        if version_of is not None and status != PUBLISHED:
            continue  # a hidden version counts for nothing
        owner = version_of or statement_id
        counts[owner] = counts.get(owner, 0) + 1
    visible = set(selection.unsearched.values_list("pk", flat=True))
    return {pk: n for pk, n in counts.items() if pk in visible}


QUERIES = [
    "cooperation",
    "cooper*",
    '"access to justice"',
    "fisheries OR oceans",
    "cooperation OR coopération",
    # Not answered by the statement index: two words in the same paragraph, an exclusion.
    "cooperation justice",
    "cooperation -justice",
]
FILTERS = [{}, {"language": "en"}, {"delegation_kind": "state", "year_from": "2005"}]


@pytest.mark.parametrize("rank_limit", [1, 10_000])
@pytest.mark.parametrize("staff", [False, True])
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("q", QUERIES)
def test_a_searchs_statements_are_those_with_a_matching_paragraph(corpus, monkeypatch, q, filters, staff, rank_limit):
    monkeypatch.setattr(search, "RANK_LIMIT", rank_limit)
    with choose({"q": q, **filters}, staff=staff) as selection:
        expected = truth(selection)
        tally = selection.tally
        assert sorted(tally.columns["pk"]) == sorted(expected)
        assert selection.statements.count() == len(expected)
        known = {pk: n for pk, n in zip(tally.columns["pk"], tally.columns["hit_count"]) if n is not None}
        assert known == {pk: expected[pk] for pk in known}, "a count the tally knows is the paragraphs' count"
        if tally.paragraph_count is not None:
            assert tally.paragraph_count == sum(expected.values())
        # Every count, when asked for (research views): the paragraphs' truth.
        scores = selection.hits.scores()
        assert {pk: scores[pk][1] for pk in expected} == expected


def test_the_statement_index_answers_a_common_word_without_counting_paragraphs(corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    with choose({"q": "cooperation"}) as selection:
        assert selection.hits.total is None
        assert selection.tally.paragraph_count is None
    with choose({"q": "cooperation justice"}) as selection:  # counted from the paragraphs
        assert selection.hits.total is not None


def test_a_phrase_split_between_two_paragraphs_is_not_found(corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    split = Statement.objects.get(paragraphs__text="Our aim is access to")
    whole = Statement.objects.get(paragraphs__text="Access to justice, first.")
    with choose({"q": '"access to justice"'}) as selection:
        found = set(selection.statements.values_list("pk", flat=True))
    assert whole.pk in found
    assert split.pk not in found


@pytest.mark.parametrize("rank_limit", [1, 10_000])
def test_the_page_counts_each_results_paragraphs(client, corpus, monkeypatch, rank_limit):
    monkeypatch.setattr(search, "RANK_LIMIT", rank_limit)
    with choose({"q": "cooperation", "sort": "oldest"}) as selection:
        expected = truth(selection)
    page = client.get(reverse("archive:statement-list"), {"q": "cooperation", "sort": "oldest"}).content.decode()
    words = " ".join(page.split())
    if rank_limit == 1:
        assert f"{len(expected)} matching statements" in words
    else:
        assert f"{sum(expected.values())} matching paragraphs in {len(expected)} statements" in words
    response = client.get(reverse("archive:statement-list"), {"q": "cooperation", "sort": "oldest"})
    for statement, shown, more in response.context["results"]:
        assert len(shown) + more == expected[statement.pk]


def test_the_statement_index_follows_corrections_and_deletions(corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    statement = make_statement(paragraphs=["Whales first.", "Whales second."], language="en")
    make_statement(paragraphs=["Whales elsewhere."], language="en")

    def found(q):
        with choose({"q": q}) as selection:
            return set(selection.statements.values_list("pk", flat=True))

    assert statement.pk in found("whales")
    paragraph = statement.paragraphs.get(position=1)
    paragraph.text = "Dolphins first."
    paragraph.save()
    assert statement.pk in found("whales") and statement.pk in found("dolphins")
    statement.paragraphs.filter(position=2).delete()
    assert statement.pk not in found("whales")
    assert statement.pk in found("dolphins")
    statement.delete()
    assert statement.pk not in found("dolphins")


def test_paragraphs_saved_together_are_found_by_the_statement_index_at_the_next_search(corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    statement = make_statement(paragraphs=[f"Whales, paragraph {n}." for n in range(40)], language="en")
    make_statement(paragraphs=["Whales elsewhere."], language="en")
    Paragraph.objects.bulk_create([Paragraph(statement=statement, position=100, label="100", text="Dolphins at last.")])
    with choose({"q": "dolphin*"}) as selection:
        assert list(selection.statements.values_list("pk", flat=True)) == [statement.pk]
    with choose({"q": '"paragraph 39"'}) as selection:
        assert list(selection.statements.values_list("pk", flat=True)) == [statement.pk]


def test_reindex_rebuilds_the_statement_index(corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    with choose({"q": "cooperation"}) as selection:
        before = sorted(selection.statements.values_list("pk", flat=True))
    search.reindex()
    with choose({"q": "cooperation"}) as selection:
        assert sorted(selection.statements.values_list("pk", flat=True)) == before


@pytest.mark.django_db(transaction=True)
def test_an_emptied_archive_does_not_find_its_old_words_in_new_statements(client, monkeypatch):
    """Django's flush empties the tables with TRUNCATE on PostgreSQL, which fires no delete trigger and
    starts the ids again: the search indexes must be emptied with them, or a new statement that takes
    an old one's id (here one without paragraphs yet) is found by the old one's words."""
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    call_command("flush", interactive=False, verbosity=0)
    make_statement(paragraphs=["Whales first.", "Whales second."], language="en")
    call_command("flush", interactive=False, verbosity=0)
    empty = make_statement(paragraphs=[], language="en")
    whales = [make_statement(paragraphs=[f"Whales, {n}."], language="en") for n in range(2)]
    with choose({"q": "whales"}) as selection:
        assert sorted(selection.statements.values_list("pk", flat=True)) == sorted(s.pk for s in whales)
    json = client.get(reverse("archive:research-who-download", args=["json"]), {"q": "whales"}).json()
    assert (json["statements"], json["paragraphs"]) == (2, 2)
    assert empty.pk not in {s.pk for s in whales}
