"""The 400, 404 and 500 pages: the site's header, a search box, a way on; a mistyped paragraph id is suggested."""
import pytest
from django.test import RequestFactory

from statements_site.archive import errors

from .conftest import ORIGINAL, ids, make_delegation, make_statement, reimport


def has_search_and_way_on(page):
    return 'role="search"' in page and 'name="q"' in page and 'href="/statements/"' in page and 'class="site-header"' in page


@pytest.mark.django_db
def test_an_unknown_address_is_a_404_in_the_sites_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No page at this address" in page and has_search_and_way_on(page)


def swap_first_unequal_neighbours(good):
    """The id with two neighbouring characters swapped: two different ones, so it is a typo."""
    i = next(i for i in range(len(good) - 1) if good[i] != good[i + 1])
    return good[:i] + good[i + 1] + good[i] + good[i + 2:]


@pytest.mark.django_db
@pytest.mark.parametrize("mistype", [
    lambda good: good[:4] + ("x" if good[4] != "x" else "y") + good[5:],  # one character wrong
    lambda good: good[:3] + good[4:],  # one missing
    lambda good: swap_first_unequal_neighbours(good),  # two swapped
    lambda good: good.upper() + ".",  # copied from a sentence in capitals
])
def test_a_mistyped_paragraph_id_suggests_the_paragraph(client, mistype):
    statement = make_statement(delegation=make_delegation("Sweden"))
    good = ids(statement)[0]
    response = client.get(f"/p/{mistype(good)}/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f'href="/p/{good}/"' in page and "Did you mean" in page and "Sweden" in page


@pytest.mark.django_db
def test_a_mistyped_retired_paragraph_id_suggests_it_too(client, published):
    removed = ids(published)[3]
    reimport(published, ORIGINAL[:3])
    assert client.get(f"/p/{removed}/").status_code == 200  # still resolves: the retirement notice
    typo = removed[:-1] + ("2" if removed[-1] != "2" else "3")
    page = client.get(f"/p/{typo}/").content.decode()
    assert f'href="/p/{removed}/"' in page


@pytest.mark.django_db
def test_a_far_away_or_draft_paragraph_id_suggests_nothing(client):
    draft = make_statement(status="draft")
    good = ids(draft)[0]
    page = client.get(f"/p/{good[:-1]}z/").content.decode()
    assert "Did you mean" not in page
    assert "Did you mean" not in client.get("/p/2345678923/").content.decode()


def test_the_500_page_renders_without_the_database():
    # No django_db mark: any query here fails the test.
    response = errors.server_error(RequestFactory().get("/statements/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and has_search_and_way_on(page)


@pytest.mark.django_db
def test_a_server_error_in_a_view_shows_the_500_page(client, monkeypatch):
    from statements_site.archive import overview

    monkeypatch.setattr(overview, "home_overview", lambda: 1 / 0)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_request_is_a_400_in_the_sites_design(client, settings):
    response = client.get("/statements/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot answer this request" in page and has_search_and_way_on(page)
