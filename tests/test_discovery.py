"""sitemap.xml, robots.txt, OpenGraph and schema.org JSON-LD on statement and paragraph pages."""
import datetime
import json
import re

import pytest
from lxml import etree

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def archive():
    meeting = make_meeting(location="Vienna")
    item = make_item(meeting, "3", "Prevention")
    palestine = make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(),
                               date=datetime.date(2023, 3, 14), paragraphs=["The Group calls for prevention."])
    palestine.agenda_items.add(item)
    draft = make_statement(meeting=meeting, delegation=make_delegation("Sweden"), status="draft", paragraphs=["Draft."])
    return meeting, item, palestine, draft


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in etree.fromstring(response.content).iterfind(".//s:loc", SITEMAP)]


def test_sitemap_index_lists_a_section_for_every_kind_of_page(client, archive):
    sections = locations(client, "/sitemap.xml")
    for section in ("pages", "bodies", "meetings", "agenda-items", "delegations", "statements", "paragraphs"):
        assert f"http://testserver/sitemap-{section}.xml" in sections


def test_sitemap_sections_cover_public_pages_and_leave_out_drafts(client, archive):
    meeting, item, palestine, draft = archive
    assert locations(client, "/sitemap-statements.xml") == [f"http://testserver/statements/{palestine.pk}/"]
    paragraph = palestine.paragraphs.get()
    assert locations(client, "/sitemap-paragraphs.xml") == [f"http://testserver/p/{paragraph.public_id}/"]
    assert locations(client, "/sitemap-meetings.xml") == [f"http://testserver/meetings/{meeting.slug}/"]
    assert locations(client, "/sitemap-agenda-items.xml") == [f"http://testserver/meetings/{meeting.slug}/items/3/"]
    assert f"http://testserver/bodies/{meeting.body.slug}/" in locations(client, "/sitemap-bodies.xml")
    assert "http://testserver/delegations/palestine/" in locations(client, "/sitemap-delegations.xml")
    assert {"http://testserver/", "http://testserver/statements/", "http://testserver/api/"} <= set(
        locations(client, "/sitemap-pages.xml"))
    for url in locations(client, "/sitemap-statements.xml") + locations(client, "/sitemap-agenda-items.xml"):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_sitemap_pages_are_paginated_at_scale(client, archive, settings, monkeypatch):
    from statements_site.archive import sitemaps

    monkeypatch.setattr(sitemaps.ParagraphSitemap, "limit", 2)
    for n in range(4):
        make_statement(meeting=archive[0], delegation=make_delegation(f"State {n}"), paragraphs=["One."])
    index = locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-paragraphs.xml?p=3" in index
    assert len(locations(client, "/sitemap-paragraphs.xml?p=3")) == 1


def test_sitemap_index_dates_the_statements_by_the_newest_public_change(client, archive):
    from statements_site.archive.models import Statement

    meeting, item, palestine, draft = archive
    public = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.timezone.utc)
    Statement.objects.filter(pk=palestine.pk).update(updated=public)
    Statement.objects.filter(pk=draft.pk).update(updated=public + datetime.timedelta(days=30))  # a draft's is not
    index = etree.fromstring(client.get("/sitemap.xml").content)
    dates = {entry.findtext("s:loc", namespaces=SITEMAP): entry.findtext("s:lastmod", namespaces=SITEMAP)
             for entry in index.iterfind("s:sitemap", SITEMAP)}
    assert dates["http://testserver/sitemap-statements.xml"].startswith("2024-05-06T07:08")


def test_sitemap_uses_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    for n in range(10):
        make_statement(meeting=archive[0], delegation=make_delegation(f"State {n}"))
    for section in ("statements", "paragraphs", "agenda-items", "meetings"):
        with django_assert_max_num_queries(3):
            client.get(f"/sitemap-{section}.xml")


def test_robots_txt_allows_all_but_admin_and_query_exports_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /statements/download.csv", "Disallow: /statements/download.json",
            "Disallow: /statements/feed/?"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_does_not_reveal_a_moved_admin(client, settings):
    settings.ADMIN_URL = "staff-7f3a/"
    assert "staff-7f3a" not in client.get("/robots.txt").content.decode()


def json_ld(page):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_statement_page_has_opengraph_and_a_creative_work_in_an_event(client, archive):
    meeting, _, palestine, _ = archive
    page = client.get(palestine.get_absolute_url()).content.decode()
    head = page.split("</head>")[0]
    assert f'<meta property="og:url" content="http://testserver/statements/{palestine.pk}/">' in head
    assert '<meta property="og:title" content="Palestine on behalf of Group of 77 and China, Commission on Narcotic Drugs, 66th session">' in head
    data = json_ld(head)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["url"] == f"http://testserver/statements/{palestine.pk}/"
    assert data["datePublished"] == "2023-03-14" and data["inLanguage"] == "en"
    assert data["author"] == {"@type": "GovernmentOrganization", "name": "Palestine",
                              "url": "http://testserver/delegations/palestine/"}
    assert data["sourceOrganization"]["name"] == "Group of 77 and China"
    event = data["isPartOf"]
    assert event["@type"] == "Event" and event["url"] == f"http://testserver/meetings/{meeting.slug}/"
    assert event["startDate"] == "2023-03-13" and event["location"]["name"] == "Vienna"


def test_paragraph_page_json_ld_names_the_paragraph_its_statement_and_meeting(client, archive):
    palestine = archive[2]
    paragraph = palestine.paragraphs.get()
    data = json_ld(client.get(paragraph.get_absolute_url()).content.decode())
    assert data["url"] == f"http://testserver/p/{paragraph.public_id}/" and data["identifier"] == paragraph.public_id
    assert data["text"] == "The Group calls for prevention."
    statement, event = data["isPartOf"]
    assert statement["@type"] == "CreativeWork" and statement["url"] == f"http://testserver/statements/{palestine.pk}/"
    assert event["@type"] == "Event"
    assert data["author"]["@type"] == "GovernmentOrganization"


def test_json_ld_cannot_close_its_script_element(client):
    hostile = make_delegation("</script><script>alert(1)</script> & Co", kind="igo")
    statement = make_statement(meeting=make_meeting(title="Meeting <b>&</b>"), delegation=hostile,
                               paragraphs=["</script><!-- text"])
    for url in (statement.get_absolute_url(), statement.paragraphs.get().get_absolute_url()):
        page = client.get(url).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        assert "<" not in block and ">" not in block and "&" not in block
        data = json.loads(block)
        assert data["author"] == {"@type": "Organization", "name": "</script><script>alert(1)</script> & Co",
                                  "url": f"http://testserver/delegations/{hostile.slug}/"}
        assert page.count("<script>alert(1)</script>") == 0
