"""Full-text search: the same exact tests on SQLite (FTS5) and PostgreSQL (tsvector)."""
import re

import pytest
from django.db import connection
from django.urls import reverse

from statements_site.archive import search
from statements_site.archive.models import Paragraph, Statement

from .conftest import make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")


def hits(client, q, **params):
    """The paragraphs (as their text) found for `q`, best first, and the page."""
    page = client.get(BROWSE, {"q": q, **params}).content.decode()
    snippets = re.findall(r'<span class="snippet"[^>]*>(.*?)</span></li>', page, re.S)
    return [re.sub(r"</?mark>", "", s) for s in snippets], page


@pytest.fixture
def corpus():
    make_statement(
        delegation=make_delegation("Sweden"),
        paragraphs=[
            "International cooperation on electronic evidence is essential.",
            "Capacity-building helps developing countries.",
            "We support the draft resolución on oceans.",
        ],
    )
    make_statement(
        delegation=make_delegation("Mexico"),
        paragraphs=["Electronic evidence must respect human rights.", "Cooperation cooperation cooperation between states."],
    )


def test_a_word_finds_its_paragraphs_ranked_with_the_word_marked(client, corpus):
    found, page = hits(client, "cooperation", sort="relevance")
    assert found == ["Cooperation cooperation cooperation between states.",
                     "International cooperation on electronic evidence is essential."]
    assert "<mark>Cooperation</mark> <mark>cooperation</mark>" in page
    assert "2 matching paragraphs in 2 statements" in page


def test_all_words_must_appear_in_the_same_paragraph(client, corpus):
    found, _ = hits(client, "cooperation evidence")
    assert found == ["International cooperation on electronic evidence is essential."]


def test_an_exact_phrase_matches_only_the_words_in_order(client, corpus):
    assert sorted(hits(client, '"electronic evidence"')[0]) == [
        "Electronic evidence must respect human rights.",
        "International cooperation on electronic evidence is essential.",
    ]
    assert hits(client, '"evidence electronic"')[0] == []


def test_the_page_names_the_search_as_typed_with_quotation_marks_once(client, corpus):
    _, page = hits(client, '"electronic evidence"')
    assert "<h1>Search: &quot;electronic evidence&quot;</h1>" in page
    _, page = hits(client, '"evidence electronic"')
    assert "Nothing found for &quot;evidence electronic&quot;." in page
    _, page = hits(client, "zanzibar")
    assert "Nothing found for “zanzibar”." in page
    statement = Statement.objects.get(delegation__name="Mexico")
    page = client.get(statement.get_absolute_url(), {"q": '"electronic evidence"'}).content.decode()
    assert "Words from your search &quot;electronic evidence&quot; are highlighted." in page
    page = client.get(statement.get_absolute_url(), {"q": "evidence"}).content.decode()
    assert "Words from your search “evidence” are highlighted." in page


def test_a_prefix_matches_longer_words(client, corpus):
    assert hits(client, "capac*")[0] == ["Capacity-building helps developing countries."]


def test_a_hyphenated_word_is_found_as_a_phrase(client, corpus):
    assert hits(client, "capacity-building")[0] == ["Capacity-building helps developing countries."]


def test_a_minus_sign_excludes_paragraphs_with_the_word(client, corpus):
    assert hits(client, "evidence -rights")[0] == ["International cooperation on electronic evidence is essential."]


def test_or_finds_either_word(client, corpus):
    assert sorted(hits(client, "oceans OR developing")[0]) == [
        "Capacity-building helps developing countries.",
        "We support the draft resolución on oceans.",
    ]


def test_search_ignores_case_and_accents(client, corpus):
    assert hits(client, "RESOLUCION")[0] == ["We support the draft resolución on oceans."]
    assert hits(client, "résolución")[0] == ["We support the draft resolución on oceans."]


@pytest.mark.parametrize("q", ['"', "AND", "*", "NEAR(", "-", "OR", '"unbalanced', "NOT", "x" * 500, "a* " * 20, "()", "^"])
def test_hostile_input_gives_a_message_or_a_result_never_an_error(client, corpus, q):
    response = client.get(BROWSE, {"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize("q, says", [
    ("x" * 501, "at most 500 characters"),
    ("a* " * 40, "at most 30 words or phrases"),
    (" ".join(f'"w{n}"' for n in range(31)), "at most 30 words or phrases"),
])
def test_a_search_too_long_to_run_cheaply_is_refused_with_a_400_that_says_why(client, corpus, q, says):
    response = client.get(BROWSE, {"q": q})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert client.get(reverse("archive:statement-export", args=["csv"]), {"q": q}).status_code == 400


def test_a_very_common_word_is_ranked_over_a_bounded_number_of_hits_and_the_page_says_so(client, corpus, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    make_statement(paragraphs=["Oceans and more oceans.", "Oceans again."])
    response = client.get(BROWSE, {"q": "oceans"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "most recently added of them were ranked" in page
    # Beyond the ranked hits the statements come from the statement index: counted, their
    # paragraphs not (each result still says how many of its paragraphs match).
    assert "2 matching statements" in " ".join(page.split())
    # Two words that must be in the same paragraph are counted from the paragraphs.
    page = client.get(BROWSE, {"q": "oceans again"}).content.decode()
    assert "1 matching paragraph in 1 statement" in " ".join(page.split())


def test_a_filtered_search_beyond_the_ranked_hits_does_not_send_the_reader_to_filters(client, monkeypatch):
    # Which hits are ranked is decided over the whole archive (the newest RANK_LIMIT of them): a
    # filter narrows the list but never ranks the statements it keeps. Only more words do.
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    older = make_statement(meeting=make_meeting(title="Earlier meeting"), paragraphs=["Oceans first.", "Oceans then."])
    make_statement(meeting=make_meeting(title="Later meeting"), paragraphs=["Oceans now."])
    page = " ".join(client.get(BROWSE, {"q": "oceans", "meeting": older.meeting.slug}).content.decode().split())
    notice = re.search(r'<p class="notice" role="status">(.*?)</p>', page).group(1)
    assert "most recently added of them were ranked" in notice and "across the archive" in notice
    assert "filters to have every match ranked" not in notice
    assert "Filters do not change which are ranked; add words to the search to have every match ranked." in notice
    # Sorted by date, ranking decides nothing the list shows: no notice about it.
    page = client.get(BROWSE, {"q": "oceans", "meeting": older.meeting.slug, "sort": "newest"}).content.decode()
    assert "most recently added of them were ranked" not in page


def test_the_ranking_notice_writes_its_numbers_as_the_results_heading_does(client, monkeypatch):
    from statements_site.archive.wordforms import index_text

    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    statement = make_statement(paragraphs=[])
    text = "Oceans and coasts."
    Paragraph.objects.bulk_create(
        Paragraph(statement=statement, position=n, label=str(n), text=text, search_text=index_text(text, "en"))
        for n in range(1, 1201)
    )
    for prefix in ["", "/fr", "/ar"]:
        # Two words that must share a paragraph: their paragraphs are all counted (1,200).
        page = client.get(f"{prefix}{BROWSE}", {"q": "oceans coasts"}).content.decode()
        # The number as the page's language groups its digits: "1,200", "1 200" (a no-break space), "1200".
        number = r"\d(?:[,.\u00a0\u202f]?\d)*"
        heading = re.search(rf'<h2 id="results-heading"[^>]*>\s*({number})', page).group(1)
        notice = re.search(r'<p class="notice" role="status">(.*?)</p>', page).group(1)
        assert (heading == "1200") == (prefix == "/ar"), heading  # English and French group the digits
        assert re.findall(number, notice) == [heading, "1"], (prefix, notice)


@pytest.mark.parametrize("rank_limit", [10_000, 2])
def test_a_statements_matching_paragraphs_are_shown_best_first_whether_or_not_all_were_ranked(client, monkeypatch, rank_limit):
    # With a limit of 2 the newest two hits are ranked and the oldest only counted: the statement
    # straddles the boundary, and its paragraphs are ordered by matching them again.
    monkeypatch.setattr(search, "RANK_LIMIT", rank_limit)
    make_statement(paragraphs=[
        "Oceans, and a long paragraph about many other things: fisheries, shipping, coasts and ports.",
        "Oceans oceans oceans.",
        "The oceans, again, among several other words in a sentence.",
    ])
    found, page = hits(client, "oceans")
    assert found[0] == "Oceans oceans oceans."
    assert len(found) == 3
    # PostgreSQL ranks the hits of whole statements (the newest first): this one's three together.
    assert ("most recently added of them were ranked" in page) == (rank_limit < 3 and connection.vendor == "sqlite")


def test_a_search_without_words_says_what_to_try(client, corpus):
    page = client.get(BROWSE, {"q": '"'}).content.decode()
    assert "That search has no words in it" in page
    assert "0 statements" in page


def test_html_in_statement_text_is_escaped_in_snippets(client):
    make_statement(paragraphs=["Beware <script>alert('x')</script> cooperation & trust."])
    _, page = hits(client, "cooperation")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>cooperation</mark> &amp; trust" in page


def test_the_index_follows_a_correction(client, corpus):
    paragraph = Paragraph.objects.get(text__startswith="We support")
    paragraph.text = "We support the draft treaty on fisheries."
    paragraph.save()
    assert hits(client, "resolucion")[0] == []
    assert hits(client, "fisheries")[0] == ["We support the draft treaty on fisheries."]


def test_the_index_follows_a_deletion(client, corpus):
    Paragraph.objects.filter(text__startswith="We support").delete()
    assert hits(client, "oceans")[0] == []


def test_drafts_are_not_found(client):
    make_statement(status=Statement.Status.DRAFT, paragraphs=["Secret cooperation."])
    assert hits(client, "secret")[0] == []


def test_search_narrows_by_facet_and_counts_statements_with_hits(client, corpus):
    found, page = hits(client, "evidence", delegation="mexico")
    assert found == ["Electronic evidence must respect human rights."]
    # The delegation facet counts the other delegation too (its own filter is left out).
    assert re.search(r'delegation=sweden" rel="nofollow">Sweden</a> <span class="count">1</span>', page)


def test_reindex_rebuilds_the_index(corpus):
    from django.core.management import call_command

    call_command("reindex")
    with search.find(search.parse("oceans")) as hits:
        assert hits.restrict(Statement.objects.all()).count() == 1


def test_query_parsing_quotes_every_term_in_each_of_its_forms():
    query = search.parse('cyber* "electronic evidence" -china OR x')
    # A Latin word is looked up as itself and as an English, French and Spanish stem; a prefix
    # also as the stems a few letters shorter than it.
    assert query.fts5() == (
        '(("cyber"* OR "cybe")) AND (("electron" + "evid" OR "electronic" + "evident" OR "electronic" + "evidenc" '
        'OR "electronic" + "evidence")) AND (("x")) NOT ("china" OR "chin")'
    )
    assert query.tsquery() == (
        "(('cyber':* | 'cybe')) & (('electron' <-> 'evid' | 'electronic' <-> 'evident' | 'electronic' <-> 'evidenc' "
        "| 'electronic' <-> 'evidence')) & (('x')) & !(('china' | 'chin'))"
    )
    assert search.parse("a OR b").fts5() == '(("a") OR ("b"))'
    assert search.parse('"O\'Brien" x"y').fts5() == '(("o" + "brien" OR "o" + "bri")) AND (("x" + "y"))'


def test_highlight_marks_whole_words_and_escapes_the_rest():
    html = search.highlight("<b>Résolución</b> resolute", search.parse("resolucion"))
    assert html == "&lt;b&gt;<mark>Résolución</mark>&lt;/b&gt; resolute"


def test_a_search_with_an_invalid_filter_value_is_an_empty_result_not_an_error(client, corpus):
    response = client.get(BROWSE, {"q": "oceans", "body": ""})
    assert response.status_code == 200
    assert "nothing matches them" in response.content.decode()


def delegations(statements):
    return sorted(statements.values_list("delegation__name", flat=True))


def test_two_searches_in_one_request_each_keep_their_own_hits(corpus):
    oceans = search.find(search.parse("oceans"))
    rights = search.find(search.parse("rights"))
    assert delegations(oceans.restrict(Statement.objects.all())) == ["Sweden"]
    assert delegations(rights.restrict(Statement.objects.all())) == ["Mexico"]
    assert set(oceans.scores()) == {Statement.objects.get(delegation__name="Sweden").pk}


def open_hit_tables():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT COUNT(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r'")
        else:
            cursor.execute("SELECT COUNT(*) FROM sqlite_temp_master WHERE type = 'table'")
        return cursor.fetchone()[0]


def test_a_search_used_as_a_context_manager_drops_its_hits_when_done(corpus):
    before = open_hit_tables()
    with search.find(search.parse("oceans")) as oceans, search.find(search.parse("evidence")) as evidence:
        assert delegations(oceans.restrict(Statement.objects.all())) == ["Sweden"]
        assert delegations(evidence.restrict(Statement.objects.all())) == ["Mexico", "Sweden"]
        assert open_hit_tables() > before
    assert open_hit_tables() == before


def test_the_hits_of_pages_do_not_pile_up_or_reach_the_next_page(client, corpus):
    """A page's search keeps its hits until its request finishes; then its tables are kept, emptied by
    the next page's search (creating and dropping tables made SQLite prepare every statement again,
    and cost PostgreSQL more than emptying them). Tables do not pile up request after request, and no
    page shows an earlier page's hits."""
    from django.db import connection

    before = open_hit_tables()
    assert client.get(BROWSE, {"q": "oceans"}).status_code == 200
    after_one = open_hit_tables()
    assert after_one - before == (2 if connection.vendor == "sqlite" else 1)  # one search's tables kept
    for q, found in [("rights", ["Mexico"]), ("evidence", ["Mexico", "Sweden"]), ("oceans", ["Sweden"])]:
        page = client.get(BROWSE, {"q": q})
        assert sorted(statement.delegation.name for statement in page.context["statements"]) == found
    response = client.get(reverse("archive:statement-export", args=["csv"]), {"q": "evidence"})
    assert len(b"".join(response.streaming_content).splitlines()) == 3
    assert open_hit_tables() == after_one


def test_a_search_closed_during_a_request_does_not_lend_its_tables_before_the_request_ends(corpus):
    """A search closed while its request runs may still have querysets the page reads: its tables go
    to no other search of the same request."""
    search.note_request()
    try:
        oceans = search.find(search.parse("oceans"))
        oceans.close()
        rights = search.find(search.parse("rights"))
        assert rights.table != oceans.table
        assert delegations(rights.restrict(Statement.objects.all())) == ["Mexico"]
    finally:
        search.close_searches()
    search.note_request()
    try:
        # The next request may have them, emptied of the last request's hits.
        evidence = search.find(search.parse("evidence"))
        assert delegations(evidence.restrict(Statement.objects.all())) == ["Mexico", "Sweden"]
    finally:
        search.close_searches()


def test_a_count_that_failed_leaves_nothing_to_break_the_next_requests_search(corpus, monkeypatch):
    """A request's hit tables are given to the next request's search on the same connection: a count
    of paragraphs that failed half-way (a timeout, a cancelled request) must not leave a table behind
    that the next search's count then collides with."""
    from statements_site.archive import search_sql

    def fail(*args, **kwargs):
        raise RuntimeError("the count was interrupted")

    search.note_request()
    try:
        oceans = search.find(search.parse("oceans"))
        oceans.total = None  # as find() leaves a common word's: counted when a page asks
        with monkeypatch.context() as patched:
            patched.setattr(search_sql, "fold_versions", fail)
            with pytest.raises(RuntimeError, match="interrupted"):
                oceans.count_paragraphs()
    finally:
        search.close_searches()
    search.note_request()
    try:
        evidence = search.find(search.parse("evidence"))
        assert evidence.table == oceans.table  # the same tables, given back
        counted, evidence.total = evidence.total, None
        with connection.cursor() as cursor:  # as find() leaves a common word's: every count to be made
            cursor.execute(f"UPDATE {evidence.table} SET hits = NULL")
        evidence.count_paragraphs()
        assert evidence.total == counted
        assert sum(hits for _score, hits in evidence.scores().values()) == counted
    finally:
        search.close_searches()
